import { ManifestAnalyzer } from '../../src';

/*
 * The Gateway and HTTPRoute fields of the standard channel that issue 24 adds, both sides of each
 * CRD rule (config/crd/standard at v1.4.1, v1.5.1, v1.6.1). Upstream tests/cel has no case for them:
 * each row is named after the CRD marker or CEL message it exercises. Pinned to a bundle unless the
 * row is about the default range v1.4..v1.6.
 */

/** A pinned bundle, or `range`: the default range v1.4..v1.6. */
type Bundle = 'v1.4' | 'v1.5' | 'v1.6' | 'range';
const findings = (m: any, bundle: Bundle) => ManifestAnalyzer.analyze([{ manifest: m }], bundle === 'range' ? {} : { gatewayApiVersion: bundle })
  .findings.map(f => `${f.severity} ${f.rule} ${f.field}`);
const HTTP = { name: 'http', port: 80, protocol: 'HTTP' };
const gateway = (spec: any, listeners: any[] = [HTTP]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g', namespace: 'default' }, spec: { gatewayClassName: 'eg', listeners, ...spec },
});
const route = (spec: any) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'default', annotations: { 'cdk8s-expose.io/external-services': 'svc' } },
  spec,
});
const n = (count: number, f: (i: number) => any) => Array.from({ length: count }, (_, i) => f(i));
const ca = (i = 0) => ({ group: '', kind: 'ConfigMap', name: `ca-${i}` });
const frontend = (validation: any) => gateway({ tls: { frontend: { default: { validation } } } });
const https = (tls: any) => gateway({}, [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', ...tls } }]);
const filter = (f: any) => route({ rules: [{ filters: [f] }] });
const cors = (c: any) => route({ rules: [{ filters: [{ type: 'CORS', cors: c }], backendRefs: [{ name: 'svc', port: 80 }] }] });
const F = 'spec.rules[0].filters[0]';
const FE = 'spec.tls.frontend.default.validation';

const CASES: Array<[string, any, Bundle, string[]]> = [
  // found by the Gateway oracle (issue 22, test/oracle/FINDINGS.md)
  ['holds when an HTTPRoute has rules: [] on bundle v1.4 (no minItems before v1.5)', route({ rules: [] }), 'v1.4', []],
  ['fails when an HTTPRoute has rules: [] on bundle v1.5 (minItems 1)', route({ rules: [] }), 'v1.5', ['error httproute-rules spec.rules']],
  ['warns when an HTTPRoute has rules: [] over v1.4..v1.6', route({ rules: [] }), 'range', ['warning httproute-rules spec.rules']],
  ['holds when a ReferenceGrant has no spec on bundle v1.5 (spec required from v1.6)', { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg', namespace: 'shop' } }, 'v1.5', []],
  ['fails when a ReferenceGrant has no spec on bundle v1.6', { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg', namespace: 'shop' } }, 'v1.6', ['error referencegrant-spec spec']],
  ['fails when a Gateway name is not a DNS subdomain (custom resources: NameIsDNSSubdomain)', { ...gateway({}), metadata: { name: 'Edge_1' } }, 'v1.6', ['error metadata-name-custom-resource metadata.name']],
  ['holds when a Gateway name is a dotted DNS subdomain of 253 characters', { ...gateway({}), metadata: { name: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}` } }, 'v1.6', []],
  ['fails when a Gateway name has 254 characters', { ...gateway({}), metadata: { name: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}` } }, 'v1.6', ['error metadata-name-custom-resource metadata.name']],
  ['fails when an HTTPRoute has neither name nor generateName', { ...route({}), metadata: { namespace: 'default', annotations: { 'cdk8s-expose.io/external-services': 'svc' } } }, 'v1.6', ['error metadata-name-custom-resource metadata.name']],
  ['holds when an HTTPRoute has a generateName only', { ...route({}), metadata: { generateName: 'r-', namespace: 'default', annotations: { 'cdk8s-expose.io/external-services': 'svc' } } }, 'v1.6', []],
  ['fails when a TLSRoute name starts with a dash', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TLSRoute', metadata: { name: '-db', namespace: 'shop', annotations: { 'cdk8s-expose.io/external-services': 'db' } }, spec: { hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } }, 'v1.6',
    ['error metadata-name-custom-resource metadata.name']],
  ['fails when an infrastructure label key prefix has 253 characters (the CRD\'s CEL: shorter than 253)', gateway({ infrastructure: { labels: { [`${'a'.repeat(253)}/b`]: 'x' } } }), 'v1.6',
    ["error gateway-infrastructure spec.infrastructure.labels['" + 'a'.repeat(253) + "/b']"]],
  ['holds when an infrastructure label key prefix has 252 characters', gateway({ infrastructure: { labels: { [`${'a'.repeat(252)}/b`]: 'x' } } }), 'v1.6', []],
  ['fails when an infrastructure annotation key is not a qualified name', gateway({ infrastructure: { annotations: { 'a/b/c': 'x' } } }), 'v1.6', ["error gateway-infrastructure spec.infrastructure.annotations['a/b/c']"]],
  ['fails when a listener has 17 tls options (maxProperties 16)', https({ certificateRefs: [{ name: 'cert' }], options: Object.fromEntries(n(17, i => [`example.com/o${i}`, 'v'])) }), 'v1.6', ['error gateway-listener-tls spec.listeners[0].tls.options']],
  ['holds when a parentRef sectionName is null (pruned)', route({ parentRefs: [{ name: 'edge', sectionName: null }] }), 'v1.6', []],
  ['holds when a rule name is null (pruned)', route({ rules: [{ name: null }] }), 'v1.6', []],
  ['fails when a Service backendRef port is null (pruned: must have port for Service reference)', route({ rules: [{ backendRefs: [{ name: 'svc', port: null }] }] }), 'v1.6', ['error httproute-backend-refs spec.rules[0].backendRefs[0].port']],
  ['fails when an IPAddress address value is empty (format ipv4/ipv6)', gateway({ addresses: [{ value: '' }] }), 'v1.6', ['error gateway-addresses spec.addresses[0].value']],
  ['fails when a Hostname address value is empty (the CEL pattern)', gateway({ addresses: [{ type: 'Hostname', value: '' }] }), 'v1.6', ['error gateway-addresses spec.addresses[0].value']],
  ['holds when a NamedAddress value is empty', gateway({ addresses: [{ type: 'NamedAddress', value: '' }] }), 'v1.6', []],
  ['fails when a BackendTLSPolicy targetRef sectionName is empty (minLength 1)', {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'BackendTLSPolicy',
    metadata: { name: 'web-tls', namespace: 'default' },
    spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web', sectionName: '' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' } },
  }, 'v1.6',
  ['error backendtlspolicy-target-refs spec.targetRefs[0].sectionName', 'warning backendtlspolicy-target-service spec.targetRefs[0].name']],
  ['holds when a listener has 16 tls options', https({ certificateRefs: [{ name: 'cert' }], options: Object.fromEntries(n(16, i => [`example.com/o${i}`, 'v'])) }), 'v1.6', []],
  // Gateway spec.allowedListeners (standard from v1.5)
  ['holds when allowedListeners.namespaces.from is None', gateway({ allowedListeners: { namespaces: { from: 'None' } } }), 'v1.6', []],
  ['fails when allowedListeners.namespaces.from is not All, Selector, Same or None', gateway({ allowedListeners: { namespaces: { from: 'Other' } } }), 'v1.6',
    ['error gateway-tls spec.allowedListeners.namespaces.from']],
  ['warns when allowedListeners.namespaces.from is invalid over v1.4..v1.6 (v1.4 prunes the field)', gateway({ allowedListeners: { namespaces: { from: 'Other' } } }), 'range',
    ['warning gateway-tls spec.allowedListeners.namespaces.from', 'warning gateway-bundle-fields spec.allowedListeners']],
  ['holds when bundle v1.4 prunes an invalid allowedListeners (the bundle-fields warning only)', gateway({ allowedListeners: { namespaces: { from: 'Other' } } }), 'v1.4',
    ['warning gateway-bundle-fields spec.allowedListeners']],
  // spec.tls.frontend
  ['holds when a frontend validation names one CA certificate', frontend({ caCertificateRefs: [ca()] }), 'v1.6', []],
  ['fails when a frontend validation has no caCertificateRefs (required)', frontend({}), 'v1.6', [`error gateway-tls ${FE}.caCertificateRefs`]],
  ['fails when caCertificateRefs is empty (minItems 1)', frontend({ caCertificateRefs: [] }), 'v1.6', [`error gateway-tls ${FE}.caCertificateRefs`]],
  ['holds when there are 16 caCertificateRefs at v1.6 (maxItems 16)', frontend({ caCertificateRefs: n(16, ca) }), 'v1.6', []],
  ['fails when there are 17 caCertificateRefs (maxItems 16)', frontend({ caCertificateRefs: n(17, ca) }), 'v1.6', [`error gateway-tls ${FE}.caCertificateRefs`]],
  ['fails when there are 9 caCertificateRefs at v1.5 (maxItems 8)', frontend({ caCertificateRefs: n(9, ca) }), 'v1.5', [`error gateway-tls ${FE}.caCertificateRefs`]],
  ['warns when there are 9 caCertificateRefs over v1.4..v1.6', frontend({ caCertificateRefs: n(9, ca) }), 'range',
    [`warning gateway-tls ${FE}.caCertificateRefs`, 'warning gateway-bundle-fields spec.tls']],
  ['fails when a CA certificate ref lacks group, kind and name (required)', frontend({ caCertificateRefs: [{}] }), 'v1.6',
    [`error gateway-tls ${FE}.caCertificateRefs[0].group`, `error gateway-tls ${FE}.caCertificateRefs[0].kind`, `error gateway-tls ${FE}.caCertificateRefs[0].name`]],
  ['holds when the validation mode is AllowInsecureFallback', frontend({ caCertificateRefs: [ca()], mode: 'AllowInsecureFallback' }), 'v1.6', []],
  ['fails when the validation mode is not AllowValidOnly or AllowInsecureFallback', frontend({ caCertificateRefs: [ca()], mode: 'Optional' }), 'v1.6', [`error gateway-tls ${FE}.mode`]],
  ['fails when a frontend has no default (required)', gateway({ tls: { frontend: { perPort: [{ port: 443, tls: {} }] } } }), 'v1.6', ['error gateway-tls spec.tls.frontend.default']],
  ['holds when perPort ports are unique', gateway({ tls: { frontend: { default: {}, perPort: [{ port: 443, tls: {} }, { port: 8443, tls: { validation: { caCertificateRefs: [ca()] } } }] } } }), 'v1.6', []],
  ['fails when Port for TLS configuration must be unique within the Gateway', gateway({ tls: { frontend: { default: {}, perPort: [{ port: 443, tls: {} }, { port: 443, tls: {} }] } } }), 'v1.6',
    ['error gateway-tls spec.tls.frontend.perPort[1].port']],
  ['fails when a perPort entry lacks port and tls (required)', gateway({ tls: { frontend: { default: {}, perPort: [{}] } } }), 'v1.6',
    ['error gateway-tls spec.tls.frontend.perPort[0].port', 'error gateway-tls spec.tls.frontend.perPort[0].tls']],
  ['fails when a perPort port is 0 (minimum 1)', gateway({ tls: { frontend: { default: {}, perPort: [{ port: 0, tls: {} }] } } }), 'v1.6', ['error gateway-tls spec.tls.frontend.perPort[0].port']],
  ['holds when there are 64 perPort entries (maxItems 64)', gateway({ tls: { frontend: { default: {}, perPort: n(64, i => ({ port: 1000 + i, tls: {} })) } } }), 'v1.6', []],
  ['fails when there are 65 perPort entries (maxItems 64)', gateway({ tls: { frontend: { default: {}, perPort: n(65, i => ({ port: 1000 + i, tls: {} })) } } }), 'v1.6', ['error gateway-tls spec.tls.frontend.perPort']],
  // spec.tls.backend
  ['holds when the backend client certificate names a Secret', gateway({ tls: { backend: { clientCertificateRef: { name: 'client' } } } }), 'v1.6', []],
  ['fails when the backend clientCertificateRef has no name (required)', gateway({ tls: { backend: { clientCertificateRef: { kind: 'Secret' } } } }), 'v1.6',
    ['error gateway-tls spec.tls.backend.clientCertificateRef.name']],
  // listeners[].tls.options
  ['holds when a listener has 16 tls options (maxProperties 16)', https({ options: Object.fromEntries(n(16, i => [`example.com/o${i}`, 'v'])) }), 'v1.6', []],
  ['fails when a listener has 17 tls options (maxProperties 16)', https({ options: Object.fromEntries(n(17, i => [`example.com/o${i}`, 'v'])) }), 'v1.6', ['error gateway-listener-tls spec.listeners[0].tls.options']],
  ['holds when a tls option value has 4096 characters', https({ options: { 'example.com/o': 'x'.repeat(4096) } }), 'v1.6', []],
  ['fails when a tls option value has 4097 characters (maxLength 4096)', https({ options: { 'example.com/o': 'x'.repeat(4097) } }), 'v1.6', ["error gateway-listener-tls spec.listeners[0].tls.options['example.com/o']"]],
  // infrastructure annotations and parametersRef
  ['holds when infrastructure annotation keys have a DNS prefix', gateway({ infrastructure: { annotations: { 'example.com/team': 'a', 'plain': 'b' } } }), 'v1.6', []],
  ['fails when Annotation keys must be in the form of an optional DNS subdomain prefix followed by a required name segment', gateway({ infrastructure: { annotations: { 'Example.com/team': 'a', 'a b': 'c' } } }), 'v1.6',
    ["error gateway-infrastructure spec.infrastructure.annotations['Example.com/team']", "error gateway-infrastructure spec.infrastructure.annotations['a b']"]],
  ["fails when the annotation key's prefix is 253 characters (must be shorter)", gateway({ infrastructure: { annotations: { [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}/x`]: 'v' } } }), 'v1.6',
    [`error gateway-infrastructure spec.infrastructure.annotations['${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}/x']`]],
  ['fails when an infrastructure annotation value has 4097 characters', gateway({ infrastructure: { annotations: { team: 'x'.repeat(4097) } } }), 'v1.6', ['error gateway-infrastructure spec.infrastructure.annotations.team']],
  ['holds when parametersRef has group, kind and name', gateway({ infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: 'params' } } }), 'v1.6', []],
  ['fails when parametersRef lacks group and kind (required)', gateway({ infrastructure: { parametersRef: { name: 'params' } } }), 'v1.6',
    ['error gateway-infrastructure spec.infrastructure.parametersRef.group', 'error gateway-infrastructure spec.infrastructure.parametersRef.kind']],
  // allowedRoutes.kinds[].kind
  ['holds when an allowedRoutes kind is given', gateway({}, [{ ...HTTP, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }]), 'v1.6', []],
  ['fails when an allowedRoutes kind has no kind (required)', gateway({}, [{ ...HTTP, allowedRoutes: { kinds: [{ group: 'gateway.networking.k8s.io' }] } }]), 'v1.6',
    ['error gateway-allowed-routes spec.listeners[0].allowedRoutes.kinds[0].kind']],
  // HTTPRoute: redirect and rewrite hostnames are PreciseHostname
  ['holds when a redirect hostname is precise', filter({ type: 'RequestRedirect', requestRedirect: { hostname: 'app.example.com' } }), 'v1.6', []],
  ['fails when a redirect hostname is a wildcard (PreciseHostname)', filter({ type: 'RequestRedirect', requestRedirect: { hostname: '*.example.com' } }), 'v1.6',
    [`error httproute-filters ${F}.requestRedirect.hostname`]],
  ['fails when a rewrite hostname is a wildcard (PreciseHostname)', route({ rules: [{ filters: [{ type: 'URLRewrite', urlRewrite: { hostname: '*.example.com' } }], backendRefs: [{ name: 'svc', port: 80 }] }] }), 'v1.6',
    [`error httproute-filters ${F}.urlRewrite.hostname`]],
  // rules[].name is a SectionName
  ['holds when a rule name is a section name', route({ rules: [{ name: 'api.v1', backendRefs: [{ name: 'svc', port: 80 }] }] }), 'v1.6', []],
  ['fails when a rule name does not match the SectionName pattern', route({ rules: [{ name: 'API_v1', backendRefs: [{ name: 'svc', port: 80 }] }] }), 'v1.6', ['error httproute-rules spec.rules[0].name']],
  // queryParams[].name is an HTTPHeaderName
  ['holds when a query param name is a token', route({ rules: [{ matches: [{ queryParams: [{ name: 'page', value: '1' }] }], backendRefs: [{ name: 'svc', port: 80 }] }] }), 'v1.6', []],
  ['fails when a query param name does not match the HTTPHeaderName pattern', route({ rules: [{ matches: [{ queryParams: [{ name: 'a b', value: '1' }] }], backendRefs: [{ name: 'svc', port: 80 }] }] }), 'v1.6',
    ['error httproute-matches spec.rules[0].matches[0].queryParams[0].name']],
  // set-type lists
  ['holds when header modifier removals are unique', filter({ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['a', 'b'] } }), 'v1.6', []],
  ['fails when a header modifier removes one header twice (listType set)', filter({ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['a', 'a'] } }), 'v1.6',
    [`error httproute-filters ${F}.requestHeaderModifier.remove[1]`]],
  ['fails when CORS origins, methods and headers repeat (listType set)',
    cors({ allowOrigins: ['https://a.com', 'https://a.com'], allowMethods: ['GET', 'GET'], allowHeaders: ['X-A', 'X-A'], exposeHeaders: ['X-B', 'X-B'] }), 'v1.6',
    [`error httproute-cors ${F}.cors.allowOrigins[1]`, `error httproute-cors ${F}.cors.allowMethods[1]`, `error httproute-cors ${F}.cors.allowHeaders[1]`, `error httproute-cors ${F}.cors.exposeHeaders[1]`]],
  ['holds when CORS lists are unique', cors({ allowOrigins: ['https://a.com', 'https://b.com'], allowMethods: ['GET', 'POST'], allowHeaders: ['X-A'], exposeHeaders: ['X-B'] }), 'v1.6', []],
  // filter type is required
  ['fails when a filter has no type (required)', filter({ requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }), 'v1.6', [`error httproute-filters ${F}.type`]],
];

describe('the standard-channel Gateway and HTTPRoute fields of issue 24', () => {
  test.each(CASES)('%s', (_, manifest, bundle, want) => {
    expect(findings(manifest, bundle).sort()).toEqual([...want].sort());
  });
});
