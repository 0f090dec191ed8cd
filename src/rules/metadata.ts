import { deploymentObject, ingressObject, ingressPath, serviceObject } from './example-objects';
import { checkDns1123Label, checkDns1123Subdomain, checkLabels, isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, mapField } from './formats';
import { FindingType, Issue, Severity, issue } from '../model/finding';
import { Recognition, apiVersionOf, kindDefinition } from '../model/kinds';
import { metadataOf } from '../model/object';
import { Subject } from '../model/object-set';
import { key, sameObject, seenBefore, obj, show, text } from '../model/plain';
import { CheckContext, EVERY_KIND, defineRule, ruleExamples } from '../model/rule';
import { VersionRange, gatewayName, gatewayRejectedBefore, gatewayRelaxedIn, rejectedBefore, relaxedIn } from '../model/versions';


/**
 * The first release that accepts a Service name (and an Ingress backend's service.name) that is a
 * DNS-1123 label but not a DNS-1035 label, i.e. one starting with a digit: KEP-5311
 * RelaxedServiceNameValidation, beta and on by default in 1.36.
 */
export const SERVICE_NAME_RELAXED = 36;

/** The most bytes all annotations of an object may take, keys and values (TotalAnnotationSizeLimitB). */
export const ANNOTATION_SIZE_LIMIT = 256 * 1024;

/**
 * @internal
 * Whether the object has a name, or a generateName that the API server turns into one: the
 * "needs a name" rules accept either.
 */
export function hasNameOrGenerateName(m: unknown): boolean {
  const meta = metadataOf(m);
  const given = (v: unknown) => typeof v === 'string' && v !== '';
  return given(meta.name) || ((meta.name === undefined || meta.name === null || meta.name === '') && given(meta.generateName));
}

/**
 * @internal
 * Checks a Service name, DNS-1035 label until 1.35: a DNS-1123 label that starts with a digit is an
 * error where every version in range rejects it and a warning naming 1.36 where some accept it.
 */
export function checkServiceName(field: string, name: unknown, ctx: { readonly versions: VersionRange }, what: string, fix: string): Issue[] {
  if (typeof name === 'string' && isDns1035Label(name)) return [];
  if (typeof name === 'string' && isDns1123Label(name)) {
    const severity = relaxedIn(ctx, SERVICE_NAME_RELAXED);
    return severity === undefined ? [] : [{
      field,
      message: `${show(name)} starts with a digit: a ${what} that is not a DNS-1035 label (starting with a letter) is ${rejectedBefore(SERVICE_NAME_RELAXED)}`,
      fix,
      severity,
    }];
  }
  const rule = ctx.versions.max >= SERVICE_NAME_RELAXED
    ? 'a DNS-1123 label (lowercase letters, digits and \'-\', at most 63, starting and ending alphanumeric; before 1.36 starting with a letter)'
    : 'a DNS-1035 label (at most 63 lowercase letters, digits and \'-\', starting with a letter and ending alphanumeric)';
  return [issue(field, `${show(name)} is not a valid ${what}: must be ${rule}`, fix)];
}

export const metadataNamespace = defineRule({
  scope: 'object',
  id: 'metadata-namespace',
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'the namespace is a DNS-1123 label (or empty: the namespace it is applied into)',
  prevents: 'ValidateObjectMeta: the API server rejects a namespace that is not a DNS-1123 label; "" is filled with the request\'s namespace on create',
}, (m, ctx) => {
  const ns = metadataOf(m).namespace;
  return ns === undefined || ns === null || ns === '' || ctx.chartNamespaceReported ? [] : checkDns1123Label('metadata.namespace', ns, 'namespace', 'use a lowercase DNS label, e.g. "shop"');
});

export const metadataLabels = defineRule({
  scope: 'object',
  id: 'metadata-labels',
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'label keys are qualified names and values at most 63 name characters',
  prevents: 'ValidateObjectMeta: the API server rejects invalid label keys and values',
}, m => checkLabels('metadata.labels', metadataOf(m).labels));

export const metadataGenerateName = defineRule({
  scope: 'object',
  id: 'metadata-generate-name',
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'a generateName prefix is a valid name prefix of its kind (its trailing \'-\' masked), and without a name the name made of it (5 characters added) is a valid name',
  prevents: 'ValidateObjectMeta (every kind, custom resources included): generateName is validated with the kind\'s name rule as a prefix, whatever the name (apimachinery\'s maskTrailingDash turns a trailing \'x-\' into \'a\'); DNS-1035 label for a Service, DNS-1123 label for a StatefulSet, DNS-1123 subdomain otherwise; without a name, the name generator\'s name (prefix cut to 58, 5 characters added) is validated as the name',
}, (m, ctx) => {
  const prefix = metadataOf(m).generateName;
  if (prefix === undefined || prefix === null || prefix === '') return [];
  const f = 'metadata.generateName';
  if (typeof prefix !== 'string') return [issue(f, `${show(prefix)} is not a name prefix`, 'use a string such as "web-"')];
  const asPrefix = nameIssues(m, maskTrailingDash(prefix), ctx, `${show(prefix)} is not a valid generateName prefix`);
  if (asPrefix.length > 0) return asPrefix;
  const name = metadataOf(m).name;
  if (typeof name === 'string' && name !== '') return [];
  return nameIssues(m, generatedName(prefix), ctx, `the names made of generateName ${show(prefix)} (5 characters added) are not valid names`);
});

/**
 * What the API server's name generator makes of a prefix (SimpleNameGenerator): the prefix cut to
 * 58 characters, then 5 random ones of [bcdfghjklmnpqrstvwxz2456789]; the generated name is what the
 * create validation checks.
 */
function generatedName(prefix: string): string {
  return `${prefix.slice(0, 58)}bcd2f`;
}

/** apimachinery's maskTrailingDash: a prefix's trailing '-' and the character before it become 'a'. */
function maskTrailingDash(prefix: string): string {
  return prefix.length > 1 && prefix.endsWith('-') ? `${prefix.slice(0, -2)}a` : prefix;
}

/** The problems of a name (or a masked prefix, or a generated name) by the kind's name rule, reported on generateName. */
function nameIssues(m: unknown, name: string, ctx: CheckContext, what: string): Issue[] {
  const f = 'metadata.generateName';
  const fix = 'use lowercase letters, digits and \'-\', e.g. "web-"';
  if (obj(m).kind === 'Service') return checkServiceName(f, name, ctx, 'Service generateName', fix).map(i => ({ ...i, message: `${what}: ${i.message}` }));
  if (obj(m).kind === 'StatefulSet') return checkDns1123Label(f, name, 'StatefulSet generateName', fix).map(i => ({ ...i, message: `${what}: ${i.message}` }));
  return isDns1123Subdomain(name) ? [] : [issue(f, `${what}: they must be DNS-1123 subdomains (lowercase letters, digits, '-' and '.', at most 253)`, fix)];
}

/** Whether an object is a custom resource the checker reads (a Gateway API kind in its group). */
function isCustomResource(m: unknown): boolean {
  const def = kindDefinition(text(obj(m).kind));
  return def !== undefined && def.crd === true && text(obj(m).apiVersion).startsWith(`${def.group}/`);
}

export const metadataNameCustomResource = defineRule({
  scope: 'object',
  id: 'metadata-name-custom-resource',
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'a custom resource the checker reads (the Gateway API kinds) has a name or a generateName, and its name is a DNS-1123 subdomain',
  prevents: 'the custom resource create path (apiextensions-apiserver customresource validator: ValidateObjectMeta with NameIsDNSSubdomain) rejects "name or generateName is required" and a name that is not a lowercase DNS subdomain of at most 253 characters',
}, m => {
  const def = kindDefinition(text(obj(m).kind));
  if (def === undefined || !isCustomResource(m)) return [];
  const name = metadataOf(m).name;
  if (name === undefined || name === null || name === '') {
    return hasNameOrGenerateName(m) ? [] : [issue('metadata.name', `a ${def.kind} needs a name (or generateName)`, 'set name')];
  }
  return checkDns1123Subdomain('metadata.name', name, `${def.kind} name`, 'use lowercase letters, digits, \'-\' and \'.\', e.g. "edge"');
});

export const metadataAnnotations = defineRule({
  scope: 'object',
  id: 'metadata-annotations',
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'annotation keys are qualified names, values strings, and all annotations at most 256 KiB',
  prevents: 'ValidateAnnotations: invalid keys are rejected, and so are annotations larger than 262144 bytes in all (TotalAnnotationSizeLimitB)',
}, m => {
  const out = checkAnnotations('metadata.annotations', metadataOf(m).annotations);
  // a workload's pod template: its annotations are validated as the Pods' will be
  const template = obj(obj(obj(m).spec).template);
  return template.metadata === undefined ? out : [...out, ...checkAnnotations('spec.template.metadata.annotations', obj(template.metadata).annotations)];
});

/** The problems of an annotations map: keys, value types (a number does not decode), total size. */
function checkAnnotations(f: string, annotations: unknown): Issue[] {
  if (annotations === undefined || annotations === null) return [];
  if (typeof annotations !== 'object' || Array.isArray(annotations)) return [issue(f, `${show(annotations)} is not a map of annotations`, 'use a map of key: value strings')];
  const out: Issue[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    if (!isQualifiedName(k.toLowerCase())) {
      out.push(issue(f, `${show(k)} is not a valid annotation key: a qualified name is an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending alphanumeric`, 'rename the annotation'));
    }
    if (typeof v !== 'string') {
      out.push(issue(mapField(f, k), `${show(v)} is not a string: annotation values are strings`, 'quote the value', FindingType.TYPE_INVALID));
    }
    size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  if (size > ANNOTATION_SIZE_LIMIT) {
    out.push(issue(f, `the annotations take ${size} bytes: at most ${ANNOTATION_SIZE_LIMIT} (256 KiB) are allowed, keys and values together`, 'move large data into a ConfigMap'));
  }
  return out;
}

export const objectNameUnique = defineRule({
  scope: 'app',
  id: 'object-name-unique',
  type: FindingType.CONFLICT,
  kinds: [EVERY_KIND],
  summary: 'one object of a kind per namespace and name (two byte-identical objects are one object applied twice)',
  prevents: 'the second object replacing the first at apply ("already exists" or a silent overwrite), and wiring resolved against either',
}, (set, ctx, add) => {
  const seen = new Map<string, Subject<unknown>>();
  for (const s of set.all()) {
    const name = metadataOf(s.manifest).name;
    if (typeof name !== 'string') continue;
    const ns = set.namespaceOf(s);
    const first = seenBefore(seen, key(s.kind, ns, name), s);
    // the same object in two files (one applied on top of the other) is one object
    if (first === undefined || sameObject(first.manifest, s.manifest)) continue;
    add(s.ref, issue('metadata.name', `${s.kind} ${show(name)} in namespace ${show(ns)} is already defined by ${ctx.describe(first.ref as typeof s.ref)}; names are unique per kind and namespace`, 'rename one of them'));
  }
});

export const objectApiVersion = defineRule({
  scope: 'meta',
  id: 'object-api-version',
  type: FindingType.NOT_SUPPORTED,
  kinds: [EVERY_KIND],
  summary: 'an object of a kind the checker reads has an apiVersion the API serves',
  prevents: 'kubectl apply failing with "no matches for kind": extensions/v1beta1 and apps/v1beta1, apps/v1beta2 workloads are not served since 1.16, networking.k8s.io/v1beta1 and extensions/v1beta1 Ingresses since 1.22',
});

export const objectApiVersionBundle = defineRule({
  scope: 'object',
  id: 'object-api-version-bundle',
  type: FindingType.NOT_SUPPORTED,
  kinds: [EVERY_KIND],
  summary: 'a Gateway API object\'s apiVersion is served by every bundle of the range (ReferenceGrant v1 from v1.5)',
  prevents: 'kubectl apply failing with "no matches for kind" on a cluster whose Gateway API bundle does not serve the version yet (a warning naming the bundle where some of the range serve it)',
}, (m, ctx) => {
  const def = kindDefinition(text(obj(m).kind));
  const apiVersion = text(obj(m).apiVersion);
  const since = def?.bundleSince?.[apiVersion.slice(apiVersion.lastIndexOf('/') + 1)];
  const severity = since === undefined ? undefined : gatewayRelaxedIn(ctx, since);
  return severity === undefined ? [] : [{
    field: 'apiVersion',
    message: `${show(apiVersion)} ${def!.kind} is served from Gateway API bundle ${gatewayName(since!)}: ${gatewayRejectedBefore(since!)} ("no matches for kind")`,
    fix: `use ${apiVersionOf(def!, def!.versions.find(v => def!.bundleSince?.[v] === undefined) ?? def!.versions[0])} while clusters run older bundles`,
    severity,
  }];
});

/**
 * @internal
 * The one finding of an object whose kind the checker reads at an apiVersion the API does not
 * serve: its fields are not checked, since they follow another schema. A version a CRD bundle
 * may serve (the Gateway API's channels differ) is a warning.
 */
export function apiVersionIssue(r: Recognition): Issue | undefined {
  if (r.status === 'bad-api-version') {
    return issue('apiVersion', `${show(r.apiVersion)} is not an apiVersion: it must be a string such as ${show(apiVersionOf(r.def))}`, `set apiVersion: ${apiVersionOf(r.def)}`, FindingType.TYPE_INVALID);
  }
  if (r.status !== 'unserved') return undefined;
  const use = `use apiVersion ${apiVersionOf(r.def)} and check the fields against that version`;
  if (r.removedIn !== undefined) {
    return issue('apiVersion', `${show(r.apiVersion)} ${r.def.kind} is not served by Kubernetes since 1.${r.removedIn}: kubectl apply fails with "no matches for kind"`, use);
  }
  if (r.def.crd) {
    return { ...issue('apiVersion', `${show(r.apiVersion)} is not a version of ${r.def.kind} in the standard channel (served: ${r.def.versions.map(v => apiVersionOf(r.def, v)).join(', ')}); its fields are not checked`, use), severity: Severity.WARNING };
  }
  return issue('apiVersion', `${show(r.apiVersion)} is not a version Kubernetes serves for ${r.def.kind} (served: ${r.def.versions.map(v => apiVersionOf(r.def, v)).join(', ')})`, use);
}

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'object-api-version-bundle': {
    objects: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }], to: [{ group: '', kind: 'Service' }] } }],
    valid: [{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }], to: [{ group: '', kind: 'Service' }] } }],
  },
  'exemption-not-allowed': { code: 'npx cdk8s-expose check --no-exemptions dist/   # any ignore-check.cdk8s-expose.io/<rule> annotation in dist/' },
  'metadata-namespace': {
    objects: [serviceObject({}, { namespace: 'Shop_1' })],
    valid: [serviceObject({}, { namespace: 'shop-1' })],
  },
  'metadata-labels': {
    objects: [serviceObject({}, { labels: { 'team/': 'a' } })],
    valid: [serviceObject({}, { labels: { team: 'a' } })],
  },
  'metadata-generate-name': {
    objects: [deploymentObject({}, {}, { name: undefined, generateName: 'Web-' })],
    valid: [deploymentObject({}, {}, { name: undefined, generateName: 'web-' })],
  },
  'metadata-name-custom-resource': {
    objects: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'Edge_1', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } }],
    valid: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge-1', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } }],
  },
  'metadata-annotations': {
    objects: [serviceObject({}, { annotations: { 'NoSpecialCharsLike=Equals': 'bar' } })],
    valid: [serviceObject({}, { annotations: { NoSpecialCharsLikeEquals: 'bar' } })],
  },
  'object-api-version': {
    objects: [{ ...ingressObject({ rules: [{ host: 'a.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }] }), apiVersion: 'extensions/v1beta1' }],
    valid: [ingressObject({ rules: [{ host: 'a.com', http: { paths: [ingressPath()] } }] })],
  },
  'object-name-unique': {
    objects: [serviceObject({}), serviceObject({}, { labels: { tier: 'b' } })],
    valid: [serviceObject({}), serviceObject({}, { name: 'api' })],
  },
  'exemption-reason-required': {
    objects: [serviceObject({ selector: { app: 'nothing' } }, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': '' } })],
    valid: [serviceObject({ selector: { app: 'nothing' } }, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from a Helm chart' } })],
  },
  'exemption-unknown-rule': {
    objects: [serviceObject({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-danglin': 'pods come from a Helm chart' } })],
    valid: [serviceObject({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from a Helm chart' } })],
  },
  'exemption-unused': {
    objects: [deploymentObject(), serviceObject({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from a Helm chart' } })],
    valid: [deploymentObject(), serviceObject({})],
  },
  'object-readable': { code: 'npx cdk8s-expose check broken.yaml   # broken.yaml: "spec: [unclosed"' },
});
