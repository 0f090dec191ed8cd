import { serviceObject } from './example-objects';
import { declaredOutside, missingService } from './external-services';
import {
  GATEWAY_GROUP, checkAnnotationValues, checkCount, checkEnum, checkPreciseHostname, checkRefName, checkRequiredGroup, checkRequiredKind,
  checkSectionName, entries, isGatewayHostname,
} from './gateway-shared';
import { FindingType, Issue, Severity, issue, warning } from '../model/finding';
import { defineKind } from '../model/kinds';
import { Claim, ObjectSet, Subject, claim, reportClaims } from '../model/object-set';
import { key, list, obj, show, text } from '../model/plain';
import { CheckContext, RuleBasics, defineRule, ruleExamples } from '../model/rule';
import { gatewayRejectedBefore, gatewayRelaxedIn } from '../model/versions';

/*
 * BackendTLSPolicy (gateway.networking.k8s.io/v1, standard channel from bundle v1.4; v1alpha3 is
 * no longer served there): how the Gateway connects to a backend Service over TLS, the CA that
 * validates the backend's certificate and the hostname it must present. The CRD's bounds and CEL
 * (config/crd/standard at v1.4.1, v1.5.1, v1.6.1: the same but for wellKnownCACertificates, an enum
 * of System in v1.4, a pattern admitting implementation-specific prefixed names from v1.5), with
 * tests/cel/backendtlspolicy_test.go transcribed in test/rules/backend-tls-policy.test.ts.
 */

/** BackendTLSPolicy: v1 in every bundle of the range. */
export const BACKEND_TLS_POLICY = defineKind({ kind: 'BackendTLSPolicy', group: GATEWAY_GROUP, versions: ['v1'], crd: true, checked: true });

type Plain = { readonly [key: string]: any };

/** wellKnownCACertificates from bundle v1.5: System or an implementation-specific prefixed name, 1-253. */
const WELL_KNOWN_CA = /^(System|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$/;
/** The first bundle whose wellKnownCACertificates admits prefixed names (v1.4.1: enum System). */
const PREFIXED_CA_FROM = 5;
/** subjectAltNames[].uri: `^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?`, 1-253. */
const SAN_URI = /^(([^:/?#]+):)(\/\/([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?/;

function policyRule(def: RuleBasics, check: (spec: Plain, ctx: CheckContext) => Issue[]) {
  return defineRule({ scope: 'object', kinds: [BACKEND_TLS_POLICY.kind], severity: Severity.ERROR, ...def }, (m, ctx) => check(obj(obj(m).spec), ctx));
}

/** A string field set and not empty (CEL `has(x) && x != ""`). */
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The target of a targetRef, as the CEL rules compare them: group, kind and name. */
const targetKey = (r: Plain) => key(r.group, r.kind, r.name);

export const backendTlsPolicyTargetRefs = policyRule({
  id: 'backendtlspolicy-target-refs',
  summary: 'targetRefs: 1-16, each with group, kind and name (and a section name when set); references to one target all name distinct sections, or none does',
  prevents: 'CRD: targetRefs required, minItems 1 maxItems 16, group, kind and name required with their formats, sectionName SectionName; CEL "sectionName must be specified when targetRefs includes 2 or more references to the same target", "sectionName must be unique when targetRefs includes 2 or more references to the same target"',
}, spec => {
  const out = spec.targetRefs === undefined ? [issue('spec.targetRefs', 'targetRefs is required: the Services the policy applies to', 'add targetRefs: [{ group: "", kind: "Service", name: "<service>" }]')]
    : checkCount('spec.targetRefs', spec.targetRefs, 1, 16, 'targetRefs');
  const first = new Map<string, boolean>();
  const sections = new Map<string, string>();
  for (const { v, f } of entries(spec.targetRefs, 'spec.targetRefs')) {
    out.push(...checkRequiredGroup(`${f}.group`, v.group), ...checkRequiredKind(`${f}.kind`, v.kind), ...checkRefName(`${f}.name`, v.name, 'target'));
    // an empty sectionName is rejected (minLength 1; found by the Gateway oracle)
    if (v.sectionName !== undefined && v.sectionName !== null) out.push(...checkSectionName(`${f}.sectionName`, v.sectionName));
    const target = targetKey(v);
    const sectioned = present(v.sectionName);
    const firstSectioned = first.get(target);
    if (firstSectioned === undefined) {first.set(target, sectioned);} else if (firstSectioned !== sectioned) {
      out.push(issue(`${f}.sectionName`, `sectionName must be specified when targetRefs includes 2 or more references to the same target (${text(v.kind)} ${show(v.name)})`, 'give every reference to this target a sectionName, or keep one reference without'));
      continue;
    }
    const dup = sections.get(key(target, sectioned ? v.sectionName : ''));
    if (dup !== undefined) out.push(issue(`${f}.sectionName`, `sectionName must be unique when targetRefs includes 2 or more references to the same target: ${dup} already names ${text(v.kind)} ${show(v.name)}${sectioned ? ` section ${show(v.sectionName)}` : ''}`, 'remove the duplicate reference'));
    else sections.set(key(target, sectioned ? v.sectionName : ''), f);
  }
  return out;
});

/** One subjectAltName: type Hostname with a hostname and no uri, or URI with a uri and no hostname (the four CEL rules). */
function checkSubjectAltName(f: string, v: Plain): Issue[] {
  const out = v.type === undefined ? [issue(`${f}.type`, 'type is required: Hostname or URI', 'set type')] : checkEnum(`${f}.type`, v.type, ['Hostname', 'URI']);
  if (present(v.hostname) && !(isGatewayHostname(v.hostname))) out.push(issue(`${f}.hostname`, `${show(v.hostname)} is not a valid hostname: a lowercase DNS name of at most 253 characters, optionally with '*.' as the whole first label`, 'use e.g. "backend.example.com"'));
  if (present(v.uri) && !(typeof v.uri === 'string' && v.uri.length <= 253 && SAN_URI.test(v.uri))) out.push(issue(`${f}.uri`, `${show(v.uri)} is not a URI: a scheme, then //authority (e.g. "spiffe://cluster.local/ns/shop/sa/web"), at most 253 characters`, 'use e.g. "spiffe://cluster.local/ns/shop/sa/web"'));
  if (v.hostname === '') out.push(issue(`${f}.hostname`, 'hostname should be at least 1 chars long', 'set the hostname or remove the field'));
  if (v.uri === '') out.push(issue(`${f}.uri`, 'uri should be at least 1 chars long', 'set the uri or remove the field'));
  if (v.type === 'Hostname' && !present(v.hostname)) out.push(issue(`${f}.hostname`, 'SubjectAltName element must contain Hostname, if Type is set to Hostname', 'add the hostname'));
  if (v.type !== 'Hostname' && present(v.hostname)) out.push(issue(`${f}.hostname`, 'SubjectAltName element must not contain Hostname, if Type is not set to Hostname', 'remove the hostname, or use type Hostname'));
  if (v.type === 'URI' && !present(v.uri)) out.push(issue(`${f}.uri`, 'SubjectAltName element must contain URI, if Type is set to URI', 'add the uri'));
  if (v.type !== 'URI' && present(v.uri)) out.push(issue(`${f}.uri`, 'SubjectAltName element must not contain URI, if Type is not set to URI', 'remove the uri, or use type URI'));
  return out;
}

export const backendTlsPolicyValidation = policyRule({
  id: 'backendtlspolicy-validation',
  summary: 'validation: a precise hostname (required), and either 1-8 caCertificateRefs (group, kind, name) or wellKnownCACertificates, not both; at most 5 subjectAltNames, each a Hostname or a URI',
  prevents: 'CRD: validation required, hostname required 1-253 PreciseHostname, caCertificateRefs maxItems 8 with group, kind and name required, wellKnownCACertificates System or a prefixed name (enum System in v1.4), subjectAltNames maxItems 5 with type enum and hostname/uri patterns; CEL "must not contain both CACertificateRefs and WellKnownCACertificates", "must specify either CACertificateRefs or WellKnownCACertificates", the four SubjectAltName rules',
}, (spec, ctx) => {
  if (spec.validation === undefined || spec.validation === null) return [issue('spec.validation', 'validation is required: the hostname the backend presents and the CA that signs its certificate', 'add validation: { hostname: "<backend name>", wellKnownCACertificates: "System" }')];
  const v = obj(spec.validation);
  const f = 'spec.validation';
  const out: Issue[] = v.hostname === undefined ? [issue(`${f}.hostname`, 'hostname is required: the name the Gateway sends as SNI and checks the backend certificate against', 'set e.g. "web.shop.svc"')]
    : checkPreciseHostname(`${f}.hostname`, v.hostname);
  out.push(...checkCount(`${f}.caCertificateRefs`, v.caCertificateRefs, 0, 8, 'caCertificateRefs'));
  for (const { v: r, f: rf } of entries(v.caCertificateRefs, `${f}.caCertificateRefs`)) {
    out.push(...checkRequiredGroup(`${rf}.group`, r.group), ...checkRequiredKind(`${rf}.kind`, r.kind), ...checkRefName(`${rf}.name`, r.name, 'CA certificate'));
  }
  const wk = v.wellKnownCACertificates;
  if (wk !== undefined && wk !== null) {
    if (!(typeof wk === 'string' && wk.length >= 1 && wk.length <= 253 && WELL_KNOWN_CA.test(wk))) {
      out.push(issue(`${f}.wellKnownCACertificates`, `${show(wk)} is not a set of well-known CA certificates: System, or an implementation-specific prefixed name such as "example.com/corporate-cas"`, 'use "System"'));
    } else if (wk !== 'System') {
      const severity = gatewayRelaxedIn(ctx, PREFIXED_CA_FROM);
      if (severity !== undefined) out.push({ field: `${f}.wellKnownCACertificates`, message: `${show(wk)}: a prefixed name is ${gatewayRejectedBefore(PREFIXED_CA_FROM)} (only System there)`, fix: 'use "System", or caCertificateRefs, while clusters run bundle v1.4', severity });
    }
  }
  const refs = list(v.caCertificateRefs).length > 0;
  if (refs && present(wk)) out.push(issue(f, 'must not contain both CACertificateRefs and WellKnownCACertificates', 'keep caCertificateRefs (your CA) or wellKnownCACertificates (the system CAs), not both'));
  if (!refs && !present(wk)) out.push(issue(f, 'must specify either CACertificateRefs or WellKnownCACertificates', 'name the ConfigMap that holds the CA (ca.crt), or set wellKnownCACertificates: System'));
  out.push(...checkCount(`${f}.subjectAltNames`, v.subjectAltNames, 0, 5, 'subjectAltNames'));
  for (const { v: san, f: sf } of entries(v.subjectAltNames, `${f}.subjectAltNames`)) out.push(...checkSubjectAltName(sf, san));
  return out;
});

export const backendTlsPolicyOptions = policyRule({
  id: 'backendtlspolicy-options',
  summary: 'options: at most 16, each value at most 4096 characters',
  prevents: 'CRD: options maxProperties 16, values maxLength 4096',
}, spec => checkAnnotationValues('spec.options', spec.options, 16, 'options'));

export const backendTlsPolicyCaKind = policyRule({
  id: 'backendtlspolicy-ca-kind',
  severity: Severity.WARNING,
  summary: 'a CA certificate is a ConfigMap (core group)',
  prevents: 'a CA reference implementations may not read: only a ConfigMap with the CA in ca.crt has Core support; other kinds are implementation-specific, and an implementation that does not support one sets ResolvedRefs=False (InvalidKind) and sends no traffic to the backend',
}, spec => entries(obj(spec.validation).caCertificateRefs, 'spec.validation.caCertificateRefs').flatMap(({ v, f }) => (v.kind !== undefined && (v.kind !== 'ConfigMap' || v.group !== '')
  ? [warning(f, `the CA certificate is a ${show(v.kind)} of group ${show(v.group)}: only a ConfigMap (group "") is read by every implementation; this kind is implementation-specific`, 'put the CA bundle in a ConfigMap under the key ca.crt')]
  : [])));

/** The Service targets of the policies of a set: group "", kind Service, in the policy's namespace. */
function serviceTargets<R>(set: ObjectSet<R>, each: (p: Subject<R>, ref: Plain, field: string, ns: string) => void): void {
  for (const p of set.ofKind(BACKEND_TLS_POLICY.kind)) {
    const ns = set.namespaceOf(p);
    for (const { v, f } of entries(obj(obj(p.manifest).spec).targetRefs, 'spec.targetRefs')) {
      if (v.group === '' && v.kind === 'Service' && typeof v.name === 'string') each(p, v, f, ns);
    }
  }
}

export const backendTlsPolicyTargetService = defineRule({
  scope: 'app',
  id: 'backendtlspolicy-target-service',
  type: FindingType.UNRESOLVED,
  kinds: [BACKEND_TLS_POLICY.kind, 'Service'],
  severity: Severity.WARNING,
  summary: 'a BackendTLSPolicy targets a Service of the checked set, or one declared outside it',
  prevents: 'a policy that applies to nothing: its target Service does not exist, so the Gateway keeps connecting to the backend the way it did (the policy reports TargetNotFound)',
}, (set, _, add) => {
  serviceTargets(set, (p, ref, field, ns) => {
    if (set.has('Service', ns, ref.name)) return;
    const outside = declaredOutside(p.manifest);
    if (outside.has(ref.name) || outside.has(`${ns}/${ref.name}`)) return;
    add(p.ref, missingService(`${field}.name`, ref.name, ns, 'the policy applies to nothing'));
  });
});

export const backendTlsPolicySectionName = defineRule({
  scope: 'app',
  id: 'backendtlspolicy-section-name',
  type: FindingType.NOT_FOUND,
  kinds: [BACKEND_TLS_POLICY.kind, 'Service'],
  summary: 'a BackendTLSPolicy targetRef sectionName names a port of its Service',
  prevents: 'a policy that never attaches: a sectionName that is no port name of the targeted Service makes the policy fail to attach, and the Gateway connects to that backend without the TLS it asks for',
}, (set, ctx, add) => {
  serviceTargets(set, (p, ref, field, ns) => {
    if (!present(ref.sectionName)) return;
    const svc = set.service(ns, ref.name);
    if (svc === undefined) return;
    const names = set.servicePorts(svc).map(port => port.name).filter((n): n is string => typeof n === 'string' && n !== '');
    if (names.includes(ref.sectionName)) return;
    add(p.ref, issue(`${field}.sectionName`, `${show(ref.sectionName)} is not a port name of Service ${ns}/${text(ref.name)} ${ctx.describe(svc.ref)} (port names: ${names.length === 0 ? 'none' : names.map(n => show(n)).join(', ')}), so the policy never attaches`,
      names.length === 0 ? 'name the Service port, or leave sectionName out to apply to every port' : `use one of ${names.join(', ')}, or leave sectionName out`));
  });
});

export const backendTlsPolicyConflict = defineRule({
  scope: 'app',
  id: 'backendtlspolicy-conflict',
  type: FindingType.CONFLICT,
  kinds: [BACKEND_TLS_POLICY.kind],
  severity: Severity.WARNING,
  summary: 'two BackendTLSPolicies do not target the same Service and section',
  prevents: 'a policy that silently loses: of two policies on one target, the older (then the first by namespace/name) applies and the other is Accepted=False (Conflicted)',
}, (set, ctx, add) => {
  const claims = new Map<string, Claim<any>>();
  for (const p of set.ofKind(BACKEND_TLS_POLICY.kind)) {
    const ns = set.namespaceOf(p);
    for (const { v, f } of entries(obj(obj(p.manifest).spec).targetRefs, 'spec.targetRefs')) {
      const section = present(v.sectionName) ? text(v.sectionName) : '';
      const k = key(ns, v.group, v.kind, v.name, section);
      if (claims.get(k)?.parties.some(x => x.subject === p)) continue;
      claim(claims, k, `${text(v.kind)} ${ns}/${text(v.name)}${section === '' ? '' : ` section ${show(section)}`}`, { subject: p, field: f });
    }
  }
  reportClaims(set, claims, ctx, add, (field, what, others) => warning(field, `${what} is also the target of ${others}; the older policy (then the first by namespace/name) applies and the other is Conflicted`,
    'keep one BackendTLSPolicy per Service (and port)'));
});

const policy = (spec: any = {}, metadata: any = {}) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'BackendTLSPolicy',
  metadata: { name: 'web-tls', ...metadata },
  spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' }, ...spec },
});
const WEB = serviceObject({ ports: [{ name: 'https', port: 443 }] });

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'backendtlspolicy-target-refs': {
    objects: [policy({ targetRefs: [{ group: '', kind: 'Service', name: 'web' }, { group: '', kind: 'Service', name: 'web' }] })],
    valid: [policy()],
  },
  'backendtlspolicy-validation': {
    objects: [policy({ validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } })],
    valid: [policy({ validation: { hostname: 'web.example.com', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } })],
  },
  'backendtlspolicy-options': {
    objects: [policy({ options: { 'example.com/ciphers': 'x'.repeat(4097) } })],
    valid: [policy({ options: { 'example.com/ciphers': 'x' } })],
  },
  'backendtlspolicy-ca-kind': {
    objects: [policy({ validation: { hostname: 'web.example.com', caCertificateRefs: [{ group: '', kind: 'Secret', name: 'ca' }] } })],
    valid: [policy({ validation: { hostname: 'web.example.com', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } })],
  },
  'backendtlspolicy-target-service': { objects: [policy()], valid: [WEB, policy()] },
  'backendtlspolicy-section-name': {
    objects: [WEB, policy({ targetRefs: [{ group: '', kind: 'Service', name: 'web', sectionName: 'http' }] })],
    valid: [WEB, policy({ targetRefs: [{ group: '', kind: 'Service', name: 'web', sectionName: 'https' }] })],
  },
  'backendtlspolicy-conflict': {
    objects: [WEB, policy(), policy({}, { name: 'web-tls-2' })],
    valid: [WEB, policy(), policy({ targetRefs: [{ group: '', kind: 'Service', name: 'other' }] }, { name: 'web-tls-2', annotations: { 'cdk8s-expose.io/external-services': 'other' } })],
  },
});
