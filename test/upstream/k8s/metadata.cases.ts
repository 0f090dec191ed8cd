import { prune, UpstreamCase } from './types';

/*
 * ObjectMeta cases: name, generateName, namespace, labels, annotations.
 * Sources (see SOURCES.md): TestValidateServiceCreate (pkg/apis/core/validation/validation_test.go),
 * TestValidateObjectMetaNamespaces, TestValidateObjectMetaTrimsTrailingDash and TestValidateAnnotations
 * (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta_test.go), TestValidateLabels
 * (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation_test.go), and the name
 * functions they call (NameIsDNS1035Label for Services, NameIsDNSSubdomain for Deployments and
 * Ingresses, ValidateNamespaceName = DNS-1123 label).
 *
 * Service names are checked on a Service; subdomain names, namespaces and labels on a Deployment;
 * annotations on a Service.
 */

/** makeValidService() with its metadata overridden; undefined removes a field. */
function service(metadata: any): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: prune({ name: 'valid', namespace: 'valid', ...metadata }),
    spec: { type: 'ClusterIP', selector: { key: 'val' }, ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 }] },
  };
}

/** upstream's validDeployment() (apps/v1, without the RollbackTo field apps/v1 lacks) with its metadata overridden. */
function deployment(metadata: any): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: prune({ name: 'abc', namespace: 'default', ...metadata }),
    spec: {
      selector: { matchLabels: { name: 'abc' } },
      template: {
        metadata: { labels: { name: 'abc' } },
        spec: { containers: [{ name: 'ctr', image: 'image' }] },
      },
    },
  };
}

/** A Deployment whose own labels are exactly these. */
function labelled(labels: { [key: string]: string }): any {
  return deployment({ labels });
}

/** A Service whose annotations are exactly these. */
function annotated(annotations: { [key: string]: string }): any {
  return service({ annotations });
}

/** A DNS-1123 subdomain of the given length made of 63-character labels. */
function subdomain(length: number): string {
  const labels: string[] = [];
  let left = length;
  while (left > 0) {
    const take = Math.min(63, left);
    labels.push('a'.repeat(take));
    left -= take + 1;
  }
  return labels.join('.');
}

/** TotalAnnotationSizeLimitB: the sum of the lengths of all annotation keys and values. */
const ANNOTATION_LIMIT = 256 * 1024;
const LAST_APPLIED_NOTE = 'counts keys plus values; with client-side `kubectl apply` the kubectl.kubernetes.io/last-applied-configuration annotation copies the whole object, so the effective limit is about half';

const T = 'TestValidateServiceCreate';
const LABELS = 'TestValidateLabels';
const ANNOTATIONS = 'TestValidateAnnotations';

const LABEL_KEYS_OK = [
  'simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple',
  'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple',
  '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678',
];

export const CASES: UpstreamCase[] = [
  // --- Service name (DNS-1035 label, relaxed to DNS-1123 label by KEP-5311) ---
  {
    upstream: `${T} "missing namespace"`,
    manifest: service({ namespace: undefined }),
    valid: true,
    note: 'upstream expects 1 error because the internal object has no namespace; a manifest without one gets the namespace of the request (kubectl -n / the context), so the API server accepts it',
  },
  { upstream: `${T} "invalid namespace"`, manifest: service({ namespace: '-123' }), valid: false, fields: ['metadata.namespace'] },
  {
    upstream: `${T} "missing name"`,
    manifest: service({ name: undefined }),
    valid: false,
    fields: ['metadata.name'],
    note: '"name or generateName is required"',
  },
  { upstream: `${T} "invalid name"`, manifest: service({ name: '-123' }), valid: false, fields: ['metadata.name'] },
  { upstream: `${T} "too long name"`, manifest: service({ name: 'a'.repeat(64) }), valid: false, fields: ['metadata.name'] },
  { upstream: 'validation.go ValidateServiceName: 63 characters', manifest: service({ name: 'a'.repeat(63) }), valid: true },
  {
    upstream: 'validation.go ValidateServiceName: consecutive dashes',
    manifest: service({ name: 'a--1--2--b' }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateServiceName: uppercase',
    manifest: service({ name: 'Valid' }),
    valid: false,
    fields: ['metadata.name'],
  },
  {
    upstream: 'validation.go ValidateServiceName: starts with a digit (KEP-5311 RelaxedServiceNameValidation)',
    manifest: service({ name: '1svc' }),
    valid: true,
    acceptedFrom: 36,
    fields: ['metadata.name'],
    note: 'NameIsDNS1035Label through 1.35; the RelaxedServiceNameValidation gate (alpha 1.34 off, beta on by default in 1.36 via PR #136389 after the 1.35 promotion #134493 was reverted, GA in 1.37 via PR #139282) switches new Services to NameIsDNSLabel. Existing clusters with the gate off keep rejecting it',
  },
  {
    upstream: `${T} "invalid generateName"`,
    manifest: service({ name: undefined, generateName: '-123' }),
    valid: false,
    fields: ['metadata.generateName'],
  },
  {
    upstream: `${T} "too long generateName"`,
    manifest: service({ name: undefined, generateName: 'a'.repeat(64) }),
    valid: false,
    fields: ['metadata.generateName'],
  },
  {
    upstream: 'apimachinery ValidateObjectMeta: generateName of 63 characters',
    manifest: service({ name: undefined, generateName: 'a'.repeat(63) }),
    valid: true,
    note: 'the prefix is validated as a name (63 for a DNS label); the name generator truncates it to 58 before adding 5 random characters',
  },
  {
    upstream: 'TestValidateObjectMetaTrimsTrailingDash (Service name rules)',
    manifest: service({ name: undefined, generateName: 'valid-' }),
    valid: true,
    note: 'a trailing dash is allowed in generateName only',
  },
  {
    upstream: `${T} "invalid label"`,
    manifest: service({ labels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' } }),
    valid: false,
    fields: ['metadata.labels'],
  },
  {
    upstream: `${T} "invalid annotation"`,
    manifest: service({ annotations: { 'NoSpecialCharsLike=Equals': 'bar' } }),
    valid: false,
    fields: ['metadata.annotations'],
  },

  // --- subdomain names and namespaces (Deployment) ---
  { upstream: 'TestValidateDeployment validDeployment() name "abc"', manifest: deployment({}), valid: true },
  { upstream: 'apimachinery NameIsDNSSubdomain: dots', manifest: deployment({ name: 'a.b.c' }), valid: true },
  { upstream: 'apimachinery NameIsDNSSubdomain: starts with a digit', manifest: deployment({ name: '1abc' }), valid: true },
  { upstream: 'apimachinery NameIsDNSSubdomain: 253 characters', manifest: deployment({ name: subdomain(253) }), valid: true },
  {
    upstream: 'apimachinery NameIsDNSSubdomain: 254 characters',
    manifest: deployment({ name: subdomain(254) }),
    valid: false,
    fields: ['metadata.name'],
  },
  {
    upstream: 'apimachinery NameIsDNSSubdomain: a label longer than 63 is fine inside 253',
    manifest: deployment({ name: 'a'.repeat(100) }),
    valid: true,
    note: 'IsDNS1123Subdomain checks the total length (253) and the character pattern, not the length of each label',
  },
  {
    upstream: 'apimachinery NameIsDNSSubdomain: underscore',
    manifest: deployment({ name: 'foo_bar' }),
    valid: false,
    fields: ['metadata.name'],
  },
  {
    upstream: 'apimachinery NameIsDNSSubdomain: uppercase',
    manifest: deployment({ name: 'Abc' }),
    valid: false,
    fields: ['metadata.name'],
  },
  {
    upstream: 'TestValidateObjectMetaTrimsTrailingDash',
    manifest: deployment({ name: undefined, generateName: 'foo-' }),
    valid: true,
  },
  {
    upstream: 'TestValidateObjectMetaNamespaces "foo.bar"',
    manifest: deployment({ namespace: 'foo.bar' }),
    valid: false,
    fields: ['metadata.namespace'],
  },
  {
    upstream: 'TestValidateObjectMetaNamespaces (64 characters)',
    manifest: deployment({ namespace: 'a'.repeat(64) }),
    valid: false,
    fields: ['metadata.namespace'],
    note: 'upstream uses 64 random letters including uppercase and expects 2 errors (length and pattern); 64 lowercase letters give only the length error',
  },
  { upstream: 'apimachinery ValidateNamespaceName: 63 characters', manifest: deployment({ namespace: 'a'.repeat(63) }), valid: true },

  // --- labels (on the Deployment's own metadata) ---
  ...LABEL_KEYS_OK.map((key): UpstreamCase => ({ upstream: `${LABELS} success "${key}"`, manifest: labelled({ [key]: 'bar' }), valid: true })),
  { upstream: `${LABELS} success "UpperCaseAreOK123"`, manifest: labelled({ UpperCaseAreOK123: 'bar' }), valid: true },
  { upstream: `${LABELS} success "goodvalue"`, manifest: labelled({ goodvalue: '123_-.BaR' }), valid: true },
  { upstream: 'apimachinery IsValidLabelValue: empty value', manifest: labelled({ empty: '' }), valid: true },
  { upstream: 'apimachinery IsValidLabelValue: 63 characters', manifest: labelled({ longvalue: 'a'.repeat(63) }), valid: true },
  { upstream: 'apimachinery IsQualifiedName: name part of 63 characters', manifest: labelled({ ['a'.repeat(63)]: 'bar' }), valid: true },
  {
    upstream: 'apimachinery IsQualifiedName: name part of 64 characters',
    manifest: labelled({ ['a'.repeat(64)]: 'bar' }),
    valid: false,
    fields: ['metadata.labels'],
  },
  {
    upstream: 'apimachinery IsQualifiedName: uppercase prefix',
    manifest: labelled({ 'Example.com/x': 'bar' }),
    valid: false,
    fields: ['metadata.labels'],
    note: 'the prefix is a lowercase DNS subdomain; the name part may have uppercase. Annotation keys are lowercased before this check, label keys are not',
  },
  { upstream: `${LABELS} name error "nospecialchars^=@"`, manifest: labelled({ 'nospecialchars^=@': 'bar' }), valid: false, fields: ['metadata.labels'] },
  { upstream: `${LABELS} name error "cantendwithadash-"`, manifest: labelled({ 'cantendwithadash-': 'bar' }), valid: false, fields: ['metadata.labels'] },
  { upstream: `${LABELS} name error "only/one/slash"`, manifest: labelled({ 'only/one/slash': 'bar' }), valid: false, fields: ['metadata.labels'] },
  { upstream: `${LABELS} name error (254 characters)`, manifest: labelled({ ['a'.repeat(254)]: 'bar' }), valid: false, fields: ['metadata.labels'] },
  {
    upstream: `${LABELS} value error "toolongvalue"`,
    manifest: labelled({ toolongvalue: 'a'.repeat(64) }),
    valid: false,
    fields: ['metadata.labels.toolongvalue'],
  },
  {
    upstream: `${LABELS} value error "backslashesinvalue"`,
    manifest: labelled({ backslashesinvalue: 'some\\bad\\value' }),
    valid: false,
    fields: ['metadata.labels.backslashesinvalue'],
  },
  {
    upstream: `${LABELS} value error "nocommasallowed"`,
    manifest: labelled({ nocommasallowed: 'bad,value' }),
    valid: false,
    fields: ['metadata.labels.nocommasallowed'],
  },
  {
    upstream: `${LABELS} value error "strangecharsinvalue"`,
    manifest: labelled({ strangecharsinvalue: '?#$notsogood' }),
    valid: false,
    fields: ['metadata.labels.strangecharsinvalue'],
  },

  // --- annotations (on a Service) ---
  ...LABEL_KEYS_OK.map((key): UpstreamCase => ({ upstream: `${ANNOTATIONS} success "${key}"`, manifest: annotated({ [key]: 'bar' }), valid: true })),
  { upstream: `${ANNOTATIONS} success "UpperCase123"`, manifest: annotated({ UpperCase123: 'bar' }), valid: true },
  {
    upstream: 'apimachinery ValidateAnnotations: keys are lowercased before the check',
    manifest: annotated({ 'Example.COM/x': 'bar' }),
    valid: true,
    note: 'the same key is invalid as a label key (uppercase prefix)',
  },
  {
    upstream: `${ANNOTATIONS} success (one value of TotalAnnotationSizeLimitB-1)`,
    manifest: annotated({ a: 'b'.repeat(ANNOTATION_LIMIT - 1) }),
    valid: true,
    note: LAST_APPLIED_NOTE,
  },
  {
    upstream: `${ANNOTATIONS} success (two values of TotalAnnotationSizeLimitB/2-1)`,
    manifest: annotated({ a: 'b'.repeat(ANNOTATION_LIMIT / 2 - 1), c: 'd'.repeat(ANNOTATION_LIMIT / 2 - 1) }),
    valid: true,
    note: LAST_APPLIED_NOTE,
  },
  { upstream: `${ANNOTATIONS} name error "nospecialchars^=@"`, manifest: annotated({ 'nospecialchars^=@': 'bar' }), valid: false, fields: ['metadata.annotations'] },
  { upstream: `${ANNOTATIONS} name error "cantendwithadash-"`, manifest: annotated({ 'cantendwithadash-': 'bar' }), valid: false, fields: ['metadata.annotations'] },
  { upstream: `${ANNOTATIONS} name error "only/one/slash"`, manifest: annotated({ 'only/one/slash': 'bar' }), valid: false, fields: ['metadata.annotations'] },
  { upstream: `${ANNOTATIONS} name error (254 characters)`, manifest: annotated({ ['a'.repeat(254)]: 'bar' }), valid: false, fields: ['metadata.annotations'] },
  {
    upstream: `${ANNOTATIONS} total size error (one value of TotalAnnotationSizeLimitB)`,
    manifest: annotated({ a: 'b'.repeat(ANNOTATION_LIMIT) }),
    valid: false,
    fields: ['metadata.annotations'],
    note: `${LAST_APPLIED_NOTE}; the limit is 262144 bytes and this is 262145`,
  },
  {
    upstream: `${ANNOTATIONS} total size error (two values of TotalAnnotationSizeLimitB/2)`,
    manifest: annotated({ a: 'b'.repeat(ANNOTATION_LIMIT / 2), c: 'd'.repeat(ANNOTATION_LIMIT / 2) }),
    valid: false,
    fields: ['metadata.annotations'],
    note: LAST_APPLIED_NOTE,
  },
];
