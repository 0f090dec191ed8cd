import { HTTP_LISTENER, gatewayObject } from './example-objects';
import { checkLabels, isIPv4, isIPv6 } from './formats';
import {
  checkAnnotationValues, checkCount, checkEnum, checkGroup, checkHostname, checkInfrastructureKeys, checkKind, checkOptionalPort,
  checkRefName, checkRefNamespace, checkRequiredGroup, checkRequiredKind, checkSectionName, entries, isGatewayHostname, isPreciseHostname,
} from './gateway-shared';
import { listenerTlsModeOf } from '../model/defaults';
import { FindingType, Issue, Severity, issue, warning } from '../model/finding';
import { defineKind } from '../model/kinds';
import { list, obj, key, seenBefore, show, text } from '../model/plain';
import { CheckContext, defineRule, RuleBasics, ruleExamples } from '../model/rule';
import {
  gatewayName, gatewayRejectedBetween, gatewayRejectedSince, gatewayRejectedBefore, gatewayRejectedFrom, gatewayRelaxedIn,
} from '../model/versions';


/** The Gateway: v1, and v1beta1, which the standard-channel CRD still serves. */
export const GATEWAY = defineKind({ kind: 'Gateway', group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], crd: true, checked: true });

/*
 * Gateway (gateway.networking.k8s.io/v1), as the standard-channel CRD validates it:
 * apis/v1/gateway_types.go markers and CEL (kubernetes-sigs/gateway-api after v1.6.1),
 * with the cases of tests/cel/gateway_test.go transcribed in test/upstream/gateway/.
 */

type Plain = { readonly [key: string]: any };

/** Listener protocol: `^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$`, 1-255. */
const PROTOCOL = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/;
/** Address type: `^Hostname|IPAddress|NamedAddress|<domain>/<name>$`. */
const ADDRESS_TYPE = /^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** The listeners of a Gateway with their paths. */
export function gatewayListeners(gw: unknown): Array<{ readonly listener: Plain; readonly field: string }> {
  return list(obj(obj(gw).spec).listeners).map((l, i) => ({ listener: obj(l), field: `spec.listeners[${i}]` }));
}

/** The first bundle whose CRD has the CEL rule "tls mode must be set for protocol TLS" (absent at v1.4.1). */
const TLS_MODE_REQUIRED_FROM = 5;
/** The first bundle whose standard channel has the Gateway's spec.tls and spec.allowedListeners (v1.4.1's CRD lacks both). */
const GATEWAY_TLS_FROM = 5;
/** The first bundle that allows 16 infrastructure annotations (gateway-api #4707; labels stay at 8). */
const SIXTEEN_ANNOTATIONS_FROM = 6;
/** The first bundle that allows 16 frontend caCertificateRefs (v1.5.1's CRD: maxItems 8). */
const SIXTEEN_CA_REFS_FROM = 6;

function gatewayRule(def: RuleBasics,
  check: (gw: any, spec: Plain, ctx: CheckContext) => Issue[]) {
  return defineRule({ scope: 'object', kinds: [GATEWAY.kind], severity: Severity.ERROR, ...def }, (gw, ctx) => check(gw, obj(obj(gw).spec), ctx));
}

export const gatewayClassName = gatewayRule({
  id: 'gateway-class-name',
  summary: 'gatewayClassName is set, 1-253 characters',
  prevents: 'CRD: gatewayClassName is required, minLength 1, maxLength 253',
}, (_, spec) => checkRefName('spec.gatewayClassName', spec.gatewayClassName, 'GatewayClass'));

export const gatewayListenerFields = gatewayRule({
  id: 'gateway-listeners',
  summary: 'listeners: 1-64, each with a valid name, port 1-65535, protocol and hostname; TCP and UDP take no hostname',
  prevents: 'CRD: listeners minItems 1 maxItems 64, SectionName, PortNumber, protocol pattern, Hostname pattern; CEL "hostname must not be specified for protocols [\'TCP\', \'UDP\']"',
}, (gw, spec) => {
  const out = spec.listeners === undefined ? [issue('spec.listeners', 'a Gateway needs at least one listener', 'add a listener, e.g. { name: "http", port: 80, protocol: "HTTP" }')]
    : checkCount('spec.listeners', spec.listeners, 1, 64, 'listeners');
  for (const { listener: l, field } of gatewayListeners(gw)) {
    out.push(...checkSectionName(`${field}.name`, l.name));
    if (!(typeof l.port === 'number' && Number.isInteger(l.port) && l.port >= 1 && l.port <= 65535)) {
      out.push(issue(`${field}.port`, `${show(l.port)} is not a valid listener port: an integer in 1-65535`, 'use e.g. 80 or 443'));
    }
    if (typeof l.protocol !== 'string' || l.protocol.length > 255 || !PROTOCOL.test(l.protocol)) {
      out.push(issue(`${field}.protocol`, `${show(l.protocol)} is not a valid protocol: HTTP, HTTPS, TLS, TCP, UDP, or a domain-prefixed name such as "example.com/proto"`, 'use HTTP or HTTPS'));
    }
    if (l.hostname !== undefined && l.hostname !== null) {
      if (l.protocol === 'TCP' || l.protocol === 'UDP') out.push(issue(`${field}.hostname`, `hostname must not be specified for protocols ['TCP', 'UDP'] (protocol ${l.protocol})`, 'remove the hostname'));
      else out.push(...checkHostname(`${field}.hostname`, l.hostname, 'use e.g. "app.example.com" or "*.example.com", or leave it out to match any host'));
    }
  }
  return out;
});

export const gatewayListenerUnique = gatewayRule({
  id: 'gateway-listener-unique',
  type: FindingType.DUPLICATE,
  summary: 'listener names are unique, and so is each combination of port, protocol and hostname',
  prevents: 'CRD CEL: "Listener name must be unique within the Gateway", "Combination of port, protocol and hostname must be unique for each listener"',
}, gw => {
  const out: Issue[] = [];
  const names = new Map<string, string>();
  const combos = new Map<string, string>();
  for (const { listener: l, field } of gatewayListeners(gw)) {
    const dupName = seenBefore(names, text(l.name), field);
    if (dupName !== undefined) out.push(issue(`${field}.name`, `listener name ${show(l.name)} is already used by ${dupName}: listener names must be unique within the Gateway`, 'rename the listener'));
    const dup = seenBefore(combos, key(l.port, l.protocol, l.hostname ?? ''), field);
    if (dup !== undefined) out.push(issue(field, `port ${show(l.port)}, protocol ${show(l.protocol)} and hostname ${show(l.hostname ?? '')} are already those of ${dup}: the combination of port, protocol and hostname must be unique for each listener`, 'change the port or the hostname, or merge the listeners'));
  }
  return out;
});

export const gatewayListenerTls = gatewayRule({
  id: 'gateway-listener-tls',
  summary: 'HTTP, TCP and UDP listeners take no tls; HTTPS terminates TLS with certificateRefs or options; TLS has tls (its mode defaults to Terminate); at most 16 options',
  prevents: 'CRD CEL: "tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\']", "tls mode must be Terminate for protocol HTTPS", "tls mode must be set for protocol TLS" (from bundle v1.5; the schema defaults mode to Terminate before CEL runs), "certificateRefs or options must be specified when mode is Terminate"; certificateRefs maxItems 64',
}, (gw, _, ctx) => gatewayListeners(gw).flatMap(({ listener: l, field }) => {
  const out: Issue[] = [];
  const has = l.tls !== undefined && l.tls !== null;
  const tls = obj(l.tls);
  if (has && ['HTTP', 'TCP', 'UDP'].includes(l.protocol)) {
    return [issue(`${field}.tls`, `tls must not be specified for protocols ['HTTP', 'TCP', 'UDP'] (protocol ${l.protocol})`, 'remove tls, or use protocol HTTPS')];
  }
  if (l.protocol === 'TLS' && !has) {
    const severity = gatewayRejectedFrom(ctx, TLS_MODE_REQUIRED_FROM);
    if (severity !== undefined) out.push({ field: `${field}.tls.mode`, message: `tls mode must be set for protocol TLS: a TLS listener without tls is ${gatewayRejectedSince(TLS_MODE_REQUIRED_FROM)}`, fix: 'add tls with mode Passthrough, or Terminate and certificateRefs', severity });
  }
  if (!has) return out;
  const mode = listenerTlsModeOf(l.tls);
  out.push(...checkEnum(`${field}.tls.mode`, tls.mode, ['Terminate', 'Passthrough']));
  if (l.protocol === 'HTTPS' && mode !== 'Terminate') out.push(issue(`${field}.tls.mode`, `tls mode must be Terminate for protocol HTTPS (it is ${show(mode)})`, 'use mode Terminate, or protocol TLS for passthrough'));
  if (mode === 'Terminate' && list(tls.certificateRefs).length === 0 && Object.keys(obj(tls.options)).length === 0) {
    out.push(issue(`${field}.tls.certificateRefs`, 'certificateRefs or options must be specified when mode is Terminate', 'name the Secret that holds the certificate'));
  }
  out.push(...checkCount(`${field}.tls.certificateRefs`, tls.certificateRefs, 0, 64, 'certificateRefs'));
  out.push(...checkAnnotationValues(`${field}.tls.options`, tls.options, 16, 'options'));
  for (const { v, f } of entries(tls.certificateRefs, `${field}.tls.certificateRefs`)) {
    out.push(...checkRefName(`${f}.name`, v.name, 'Secret'), ...checkGroup(`${f}.group`, v.group), ...checkKind(`${f}.kind`, v.kind), ...checkRefNamespace(`${f}.namespace`, v.namespace));
  }
  return out;
}));

export const gatewayHttpsCertificate = gatewayRule({
  id: 'gateway-https-certificate',
  severity: Severity.WARNING,
  summary: 'an HTTPS listener has tls with a certificate',
  prevents: 'a listener that serves nothing: the CRD accepts HTTPS without tls, but an implementation cannot terminate TLS without a certificate and does not program the listener (ResolvedRefs/Programmed false)',
}, gw => gatewayListeners(gw).flatMap(({ listener: l, field }) => (l.protocol === 'HTTPS' && (l.tls === undefined || l.tls === null)
  ? [warning(`${field}.tls`, `the HTTPS listener ${show(l.name)} has no tls: the CRD accepts it, but without a certificate the listener cannot serve HTTPS`, 'add tls.certificateRefs naming a kubernetes.io/tls Secret')]
  : [])));

export const gatewayAllowedRoutes = gatewayRule({
  id: 'gateway-allowed-routes',
  summary: 'allowedRoutes.namespaces.from is All, Selector or Same (Selector with a selector); at most 8 route kinds, each with a kind',
  prevents: 'CRD: from enum, kinds maxItems 8 with Group/Kind formats, kind required',
}, gw => gatewayListeners(gw).flatMap(({ listener: l, field }) => {
  if (l.allowedRoutes === undefined) return [];
  const ar = obj(l.allowedRoutes);
  const f = `${field}.allowedRoutes`;
  const ns = obj(ar.namespaces);
  const out = checkEnum(`${f}.namespaces.from`, ns.from, ['All', 'Selector', 'Same']);
  out.push(...checkCount(`${f}.kinds`, ar.kinds, 0, 8, 'route kinds'));
  for (const { v, f: kf } of entries(ar.kinds, `${f}.kinds`)) out.push(...checkGroup(`${kf}.group`, v.group), ...checkRequiredKind(`${kf}.kind`, v.kind));
  return out;
}));

export const gatewayAddresses = gatewayRule({
  id: 'gateway-addresses',
  summary: 'addresses: at most 16; IPAddress values are IPs, Hostname values hostnames; no value twice',
  prevents: 'CRD: addresses maxItems 16, type pattern, value maxLength 253; CEL "IPAddress values must be unique", "Hostname values must be unique", the ipv4/ipv6 and Hostname value rules',
}, (_, spec) => {
  const out = checkCount('spec.addresses', spec.addresses, 0, 16, 'addresses');
  const seen = new Map<string, string>();
  for (const { v, f } of entries(spec.addresses, 'spec.addresses')) {
    const type = v.type ?? 'IPAddress';
    if (typeof type !== 'string' || type.length > 253 || !ADDRESS_TYPE.test(type)) out.push(issue(`${f}.type`, `${show(type)} is not an address type: IPAddress, Hostname, NamedAddress or a domain-prefixed type`, 'use IPAddress or Hostname'));
    // an empty value is no IP (format ipv4/ipv6) and no Hostname (the CEL pattern): only other types accept it (found by the Gateway oracle)
    if (v.value === undefined || (v.value === '' && type !== 'IPAddress' && type !== 'Hostname')) continue;
    if (typeof v.value !== 'string' || v.value.length > 253) {
      out.push(issue(`${f}.value`, `${show(v.value)} is not an address: a string of at most 253 characters`, 'give an IP address or a hostname'));
      continue;
    }
    if (type === 'IPAddress' && !isIPv4(v.value) && !isIPv6(v.value)) out.push(issue(`${f}.value`, `${show(v.value)} must be of type ipv4 or ipv6 for type IPAddress (no port)`, 'give an IP address without a port'));
    if (type === 'Hostname' && !(isGatewayHostname(v.value) || isPreciseHostname(v.value))) out.push(issue(`${f}.value`, `${show(v.value)}: Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)`, 'give a lowercase DNS name'));
    if (type === 'IPAddress' || type === 'Hostname') {
      const dup = seenBefore(seen, key(type, v.value), f);
      if (dup !== undefined) out.push(issue(`${f}.value`, `${type} values must be unique: ${show(v.value)} is already at ${dup}`, 'remove the duplicate'));
    }
  }
  return out;
});

export const gatewayInfrastructure = gatewayRule({
  id: 'gateway-infrastructure',
  summary: 'infrastructure labels: at most 8; annotations: at most 8, 16 from bundle v1.6; valid keys; label values valid, annotation values at most 4096 characters; parametersRef with group, kind and name',
  prevents: 'CRD: infrastructure.labels maxProperties 8, annotations maxProperties 8 (16 from v1.6.0, gateway-api #4707), the label and annotation key CEL rules, label value pattern, annotation value maxLength 4096; parametersRef group, kind and name required with their formats',
}, (_, spec, ctx) => {
  if (spec.infrastructure === undefined) return [];
  const inf = obj(spec.infrastructure);
  const out: Issue[] = [];
  const labels = Object.keys(obj(inf.labels)).length;
  if (labels > 8) out.push(issue('spec.infrastructure.labels', `at most 8 labels allowed, found ${labels}`, 'remove labels'));
  const annotations = Object.keys(obj(inf.annotations)).length;
  if (annotations > 16) {
    out.push(issue('spec.infrastructure.annotations', `at most 16 annotations allowed, found ${annotations}`, 'remove annotations'));
  } else if (annotations > 8) {
    const severity = gatewayRelaxedIn(ctx, SIXTEEN_ANNOTATIONS_FROM);
    if (severity !== undefined) out.push({ field: 'spec.infrastructure.annotations', message: `${annotations} annotations: more than 8 are ${gatewayRejectedBefore(SIXTEEN_ANNOTATIONS_FROM)} (16 from then on)`, fix: 'keep at most 8 annotations while clusters run older bundles', severity });
  }
  out.push(...checkLabels('spec.infrastructure.labels', inf.labels));
  // the CRD's CEL checks label keys as annotation keys: a prefix of exactly 253 characters, valid for Kubernetes labels, is rejected (found by the Gateway oracle)
  out.push(...checkInfrastructureKeys('spec.infrastructure.labels', inf.labels, 'label').filter(i => !out.some(o => o.field === i.field)));
  out.push(...checkInfrastructureKeys('spec.infrastructure.annotations', inf.annotations, 'annotation'));
  out.push(...checkAnnotationValues('spec.infrastructure.annotations', inf.annotations, Number.MAX_SAFE_INTEGER, 'annotations'));
  if (inf.parametersRef !== undefined) {
    const p = obj(inf.parametersRef);
    out.push(...checkRequiredGroup('spec.infrastructure.parametersRef.group', p.group), ...checkRequiredKind('spec.infrastructure.parametersRef.kind', p.kind), ...checkRefName('spec.infrastructure.parametersRef.name', p.name, 'parameters'));
  }
  return out;
});

/** A frontend TLS config (TLSConfig): its validation, when set, names 1-16 CA certificates (8 before v1.6) and a mode. */
function checkFrontendTls(field: string, value: unknown, ctx: CheckContext): Issue[] {
  if (value === undefined || value === null) return [];
  const validation = obj(value).validation;
  if (validation === undefined || validation === null) return [];
  const v = obj(validation);
  const f = `${field}.validation`;
  const out: Issue[] = [];
  if (v.caCertificateRefs === undefined) out.push(issue(`${f}.caCertificateRefs`, 'caCertificateRefs is required: validation needs at least one CA certificate', 'name a ConfigMap or Secret holding the CA bundle'));
  else out.push(...checkCount(`${f}.caCertificateRefs`, v.caCertificateRefs, 1, 16, 'caCertificateRefs'));
  const count = list(v.caCertificateRefs).length;
  if (count > 8 && count <= 16) {
    const severity = gatewayRejectedBetween(ctx, GATEWAY_TLS_FROM, SIXTEEN_CA_REFS_FROM);
    if (severity !== undefined) out.push({ field: `${f}.caCertificateRefs`, message: `${count} caCertificateRefs: more than 8 are ${gatewayRejectedBefore(SIXTEEN_CA_REFS_FROM)} (16 from then on)`, fix: 'keep at most 8 while clusters run bundle v1.5', severity });
  }
  for (const { v: r, f: rf } of entries(v.caCertificateRefs, `${f}.caCertificateRefs`)) {
    out.push(...checkRequiredGroup(`${rf}.group`, r.group), ...checkRequiredKind(`${rf}.kind`, r.kind), ...checkRefName(`${rf}.name`, r.name, 'CA certificate'), ...checkRefNamespace(`${rf}.namespace`, r.namespace));
  }
  out.push(...checkEnum(`${f}.mode`, v.mode, ['AllowValidOnly', 'AllowInsecureFallback']));
  return out;
}

export const gatewayTls = gatewayRule({
  id: 'gateway-tls',
  summary: 'spec.tls: a frontend has a default, perPort ports are unique, each validation names 1-16 CA certificates (group, kind, name) and a mode; the backend client certificate names its Secret; allowedListeners.namespaces.from is All, Selector, Same or None',
  prevents: 'CRD (standard from v1.5; bundle v1.4 prunes these fields, so there the findings are warnings): frontend.default required, perPort maxItems 64 with port 1-65535 and tls required, CEL "Port for TLS configuration must be unique within the Gateway", caCertificateRefs minItems 1 maxItems 16 (8 in v1.5) with group, kind and name required, mode enum AllowValidOnly/AllowInsecureFallback; backend.clientCertificateRef name required; allowedListeners from enum',
}, (_, spec, ctx) => {
  const severity = gatewayRejectedFrom(ctx, GATEWAY_TLS_FROM);
  if (severity === undefined) return [];
  const out: Issue[] = [];
  if (spec.allowedListeners !== undefined && spec.allowedListeners !== null) {
    out.push(...checkEnum('spec.allowedListeners.namespaces.from', obj(obj(spec.allowedListeners).namespaces).from, ['All', 'Selector', 'Same', 'None']));
  }
  const tls = obj(spec.tls);
  if (tls.backend !== undefined && tls.backend !== null && obj(tls.backend).clientCertificateRef !== undefined) {
    const r = obj(obj(tls.backend).clientCertificateRef);
    const f = 'spec.tls.backend.clientCertificateRef';
    out.push(...checkRefName(`${f}.name`, r.name, 'Secret'), ...checkGroup(`${f}.group`, r.group), ...checkKind(`${f}.kind`, r.kind), ...checkRefNamespace(`${f}.namespace`, r.namespace));
  }
  if (tls.frontend !== undefined && tls.frontend !== null) {
    const fe = obj(tls.frontend);
    if (fe.default === undefined || fe.default === null) out.push(issue('spec.tls.frontend.default', 'default is required: the frontend TLS configuration of every HTTPS listener without a perPort entry', 'add default: {} or a default validation'));
    out.push(...checkFrontendTls('spec.tls.frontend.default', fe.default, ctx));
    out.push(...checkCount('spec.tls.frontend.perPort', fe.perPort, 0, 64, 'perPort entries'));
    const ports = new Map<string, string>();
    for (const { v, f } of entries(fe.perPort, 'spec.tls.frontend.perPort')) {
      if (v.port === undefined) out.push(issue(`${f}.port`, 'port is required', 'set the listener port this entry configures'));
      else out.push(...checkOptionalPort(`${f}.port`, v.port));
      if (v.tls === undefined || v.tls === null) out.push(issue(`${f}.tls`, 'tls is required', 'add tls with its validation'));
      out.push(...checkFrontendTls(`${f}.tls`, v.tls, ctx));
      const dup = v.port === undefined ? undefined : seenBefore(ports, text(v.port), f);
      if (dup !== undefined) out.push(issue(`${f}.port`, `Port for TLS configuration must be unique within the Gateway: ${show(v.port)} is already at ${dup}`, 'merge the two entries'));
    }
  }
  // the bundle-dependent findings keep their own severity; the others are rejected from v1.5 on
  return out.map(i => (i.severity === undefined ? { ...i, severity } : i));
});

export const gatewayBundleFields = gatewayRule({
  id: 'gateway-bundle-fields',
  severity: Severity.WARNING,
  summary: 'spec.tls (frontend and backend TLS) and spec.allowedListeners only where every bundle of the range has them (v1.5 on)',
  prevents: 'a field the API server drops without a word: a structural CRD prunes the fields its schema lacks, and the standard channel before v1.5 lacks spec.tls and spec.allowedListeners',
}, (_, spec, ctx) => {
  const severity = gatewayRelaxedIn(ctx, GATEWAY_TLS_FROM);
  if (severity === undefined) return [];
  return ['tls', 'allowedListeners'].filter(name => spec[name] !== undefined && spec[name] !== null).map(name => warning(`spec.${name}`,
    `spec.${name} is pruned by Gateway API bundles before ${gatewayName(GATEWAY_TLS_FROM)}: their CRD lacks it, so the API server drops it and it has no effect`,
    `install bundle ${gatewayName(GATEWAY_TLS_FROM)} or later, or set gatewayApiVersion`));
});

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'gateway-class-name': {
    objects: [gatewayObject([HTTP_LISTENER], { gatewayClassName: '' })],
    valid: [gatewayObject([HTTP_LISTENER], { gatewayClassName: 'eg' })],
  },
  'gateway-listeners': {
    objects: [gatewayObject([{ ...HTTP_LISTENER, port: 70000 }])],
    valid: [gatewayObject([{ ...HTTP_LISTENER, port: 8080 }])],
  },
  'gateway-listener-unique': {
    objects: [gatewayObject([HTTP_LISTENER, { ...HTTP_LISTENER, name: 'http-2' }])],
    valid: [gatewayObject([HTTP_LISTENER, { ...HTTP_LISTENER, name: 'http-2', port: 8080 }])],
  },
  'gateway-listener-tls': {
    objects: [gatewayObject([{ ...HTTP_LISTENER, tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }])],
    valid: [gatewayObject([{ ...HTTP_LISTENER, protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }])],
  },
  'gateway-https-certificate': {
    objects: [gatewayObject([{ ...HTTP_LISTENER, name: 'https', port: 443, protocol: 'HTTPS' }])],
    valid: [gatewayObject([{ ...HTTP_LISTENER, name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }])],
  },
  'gateway-allowed-routes': {
    objects: [gatewayObject([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Other' } } }])],
    valid: [gatewayObject([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }])],
  },
  'gateway-addresses': {
    objects: [gatewayObject([HTTP_LISTENER], { addresses: [{ type: 'IP Address', value: '10.0.0.1' }] })],
    valid: [gatewayObject([HTTP_LISTENER], { addresses: [{ type: 'IPAddress', value: '10.0.0.1' }] })],
  },
  'gateway-infrastructure': {
    objects: [gatewayObject([HTTP_LISTENER], { infrastructure: { labels: { 'a b': 'c' } } })],
    valid: [gatewayObject([HTTP_LISTENER], { infrastructure: { labels: { 'a-b': 'c' } } })],
  },
  'gateway-tls': {
    objects: [gatewayObject([HTTP_LISTENER], { tls: { frontend: { default: { validation: { caCertificateRefs: [] } } } } })],
    valid: [gatewayObject([HTTP_LISTENER], { tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } } } } })],
  },
  'gateway-bundle-fields': {
    objects: [gatewayObject([HTTP_LISTENER], { allowedListeners: { namespaces: { from: 'Same' } } })],
    valid: [gatewayObject([HTTP_LISTENER])],
  },
});
