import { VersionRange, objectRule, rejectedBefore, relaxedIn } from '../model/rule';
import { checkDns1123Label, checkLabels, isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, mapField, obj } from './formats';
import { Issue, Severity, issue, show } from '../model/finding';

/** Every kind the rules read; metadata rules apply to all of them. */
export const CHECKED_KINDS = ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Ingress', 'Gateway', 'HTTPRoute', 'ReferenceGrant'];

/**
 * The first release that accepts a Service name (and an Ingress backend's service.name) that is a
 * DNS-1123 label but not a DNS-1035 label, i.e. one starting with a digit: KEP-5311
 * RelaxedServiceNameValidation, beta and on by default in 1.36.
 */
export const SERVICE_NAME_RELAXED = 36;

/** The most bytes all annotations of an object may take, keys and values (TotalAnnotationSizeLimitB). */
export const ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** @internal the metadata of any object, an empty map for a malformed one */
export function metadataOf(m: any): { readonly [key: string]: any } {
  return obj(obj(m).metadata);
}

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

export const metadataNamespace = objectRule({
  id: 'metadata-namespace',
  kinds: CHECKED_KINDS,
  severity: Severity.ERROR,
  summary: 'the namespace is a DNS-1123 label',
  prevents: 'ValidateObjectMeta: the API server rejects a namespace that is not a DNS-1123 label',
}, m => {
  const ns = metadataOf(m).namespace;
  return ns === undefined || ns === null ? [] : checkDns1123Label('metadata.namespace', ns, 'namespace', 'use a lowercase DNS label, e.g. "shop"');
});

export const metadataLabels = objectRule({
  id: 'metadata-labels',
  kinds: CHECKED_KINDS,
  severity: Severity.ERROR,
  summary: 'label keys are qualified names and values at most 63 name characters',
  prevents: 'ValidateObjectMeta: the API server rejects invalid label keys and values',
}, m => checkLabels('metadata.labels', metadataOf(m).labels));

export const metadataGenerateName = objectRule({
  id: 'metadata-generate-name',
  kinds: CHECKED_KINDS,
  severity: Severity.ERROR,
  summary: 'a generateName prefix, without its trailing \'-\', is a valid name of its kind',
  prevents: 'ValidateObjectMeta: generateName is validated as a name prefix (DNS-1035 label for a Service, DNS-1123 subdomain otherwise; one trailing \'-\' allowed)',
}, (m, ctx) => {
  const prefix = metadataOf(m).generateName;
  if (prefix === undefined || prefix === null || prefix === '') return [];
  const f = 'metadata.generateName';
  if (typeof prefix !== 'string') return [issue(f, `${show(prefix)} is not a name prefix`, 'use a string such as "web-"')];
  const masked = prefix.endsWith('-') ? prefix.slice(0, -1) : prefix;
  const fix = 'use lowercase letters, digits and \'-\', e.g. "web-"';
  if (obj(m).kind === 'Service') return checkServiceName(f, masked, ctx, 'Service generateName', fix);
  return isDns1123Subdomain(masked) ? []
    : [issue(f, `${show(prefix)} is not a valid generateName: without its trailing '-' it must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253)`, fix)];
});

export const metadataAnnotations = objectRule({
  id: 'metadata-annotations',
  kinds: CHECKED_KINDS,
  severity: Severity.ERROR,
  summary: 'annotation keys are qualified names, values strings, and all annotations at most 256 KiB',
  prevents: 'ValidateAnnotations: invalid keys are rejected, and so are annotations larger than 262144 bytes in all (TotalAnnotationSizeLimitB)',
}, m => {
  const annotations = metadataOf(m).annotations;
  const f = 'metadata.annotations';
  if (annotations === undefined || annotations === null) return [];
  if (typeof annotations !== 'object' || Array.isArray(annotations)) return [issue(f, `${show(annotations)} is not a map of annotations`, 'use a map of key: value strings')];
  const out: Issue[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    if (!isQualifiedName(k.toLowerCase())) {
      out.push(issue(f, `${show(k)} is not a valid annotation key: a qualified name is an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending alphanumeric`, 'rename the annotation'));
    }
    if (typeof v !== 'string') {
      out.push(issue(mapField(f, k), `${show(v)} is not a string: annotation values are strings`, 'quote the value'));
    }
    size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  if (size > ANNOTATION_SIZE_LIMIT) {
    out.push(issue(f, `the annotations take ${size} bytes: at most ${ANNOTATION_SIZE_LIMIT} (256 KiB) are allowed, keys and values together`, 'move large data into a ConfigMap'));
  }
  return out;
});
