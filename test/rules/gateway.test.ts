import { ManifestAnalyzer } from '../../src';
import { validateSchema } from '../util';

/*
 * Boundaries of the Gateway API rules beyond the upstream CEL tables: both sides of each
 * count and range, the severity-principle warnings, and ReferenceGrant v1beta1 and v1.
 */

const route = (spec: any) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'default', annotations: { 'cdk8s-expose.io/external-services': 'svc' } },
  spec,
});
const gateway = (spec: any) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { gatewayClassName: 'eg', ...spec } });
const grant = (apiVersion: string, spec: any) => ({ apiVersion, kind: 'ReferenceGrant', metadata: { name: 'rg', namespace: 'shop' }, spec });
const findings = (m: any) => ManifestAnalyzer.analyze([{ manifest: m }]).findings.map(f => `${f.severity} ${f.rule} ${f.field}`);
const backend = (extra: any = {}) => ({ rules: [{ backendRefs: [{ name: 'svc', port: 80, ...extra }] }] });
const n = (count: number, f: (i: number) => any) => Array.from({ length: count }, (_, i) => f(i));
const R = 'spec.rules[0]';
const M = `${R}.matches[0]`;

const CASES: Array<[string, any, string[]]> = [
  ['16 hostnames', route({ hostnames: n(16, i => `h${i}.example.com`) }), []],
  // found by the Gateway API oracle (issue 22, test/oracle/FINDINGS.md): the API server accepts these
  ['holds when a listener name is a dotted section name', gateway({ listeners: [{ name: 'a.b', protocol: 'HTTP', port: 80 }] }), []],
  ['holds when a parentRef port is null (the API server prunes it)', route({ parentRefs: [{ name: 'edge', port: null }] }), []],
  ['holds when a backendRef namespace is null (the API server prunes it)', route(backend({ namespace: null })), []],
  ['holds when a TLS listener has tls without mode (mode defaults to Terminate) and options', gateway({ listeners: [{ name: 'tls', protocol: 'TLS', port: 8443, tls: { options: { 'example.com/k': 'v' } } }] }), []],
  ['warns when a TLS listener has no tls over v1.4..v1.6 (the CEL rule is from v1.5)', gateway({ listeners: [{ name: 'tls', protocol: 'TLS', port: 8443 }] }), ['warning gateway-listener-tls spec.listeners[0].tls.mode']],
  ['holds when a ReferenceGrant target name is null (the API server prunes it)', grant('gateway.networking.k8s.io/v1beta1', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'default' }], to: [{ group: '', kind: 'Service', name: null }] }), []],
  ['fails when a ReferenceGrant from namespace is null (required)', grant('gateway.networking.k8s.io/v1beta1', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: null }], to: [{ group: '', kind: 'Service' }] }), ['error referencegrant-spec spec.from[0].namespace']],
  ['fails when there are 17 hostnames', route({ hostnames: n(17, i => `h${i}.example.com`) }), ['error httproute-hostnames spec.hostnames']],
  ['a wildcard first label', route({ hostnames: ['*.example.com'] }), []],
  ['fails when the wildcard is not the whole first label', route({ hostnames: ['foo.*.example.com'] }), ['error httproute-hostnames spec.hostnames[0]']],
  ['fails when a hostname has uppercase letters', route({ hostnames: ['Example.com'] }), ['error httproute-hostnames spec.hostnames[0]']],
  ['fails when a hostname has a port', route({ hostnames: ['example.com:80'] }), ['error httproute-hostnames spec.hostnames[0]']],
  ['an IP hostname: the pattern accepts it, the specification forbids it (warning)', route({ hostnames: ['10.0.0.1'] }), ['warning httproute-hostnames spec.hostnames[0]']],
  ['16 rules', route({ rules: n(16, () => ({})) }), []],
  ['fails when there are 17 rules', route({ rules: n(17, () => ({})) }), ['error httproute-rules spec.rules']],
  ['warns when rules is an empty list over v1.4..v1.6 (minItems 1 from v1.5)', route({ rules: [] }), ['warning httproute-rules spec.rules']],
  ['64 matches in a rule', route({ rules: [{ matches: n(64, () => ({})) }] }), []],
  ['fails when a rule has 65 matches', route({ rules: [{ matches: n(65, () => ({})) }] }), ['error httproute-rules spec.rules[0].matches']],
  ['128 matches in all', route({ rules: [{ matches: n(64, () => ({})) }, { matches: n(64, () => ({})) }] }), []],
  ['fails when there are 17 backendRefs', route({ rules: [{ backendRefs: n(17, () => ({ name: 'svc', port: 80 })) }] }), ['error httproute-rules spec.rules[0].backendRefs']],
  ['fails when a path contains %2F', route({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a%2Fb' } }] }] }), [`error httproute-path ${M}.path.value`]],
  ['fails when a path contains #', route({ rules: [{ matches: [{ path: { type: 'Exact', value: '/a#b' } }] }] }), [`error httproute-path ${M}.path.value`]],
  ['fails when a path ends in /..', route({ rules: [{ matches: [{ path: { type: 'Exact', value: '/a/..' } }] }] }), [`error httproute-path ${M}.path.value`]],
  ['fails when a path contains //', route({ rules: [{ matches: [{ path: { value: '/a//b' } }] }] }), [`error httproute-path ${M}.path.value`]],
  ['fails when a header name repeats exactly in one match', route({ rules: [{ matches: [{ headers: [{ name: 'X-A', value: '1' }, { name: 'X-A', value: '2' }] }] }] }), [`error httproute-matches ${M}.headers[1].name`]],
  ['a header name repeated in another case is accepted, but ignored (warning)', route({ rules: [{ matches: [{ headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }] }] }), [`warning httproute-matches ${M}.headers[1].name`]],
  ['fails when a header name has a space', route({ rules: [{ matches: [{ headers: [{ name: 'X A', value: '1' }] }] }] }), [`error httproute-matches ${M}.headers[0].name`]],
  ['fails when a query param name repeats', route({ rules: [{ matches: [{ queryParams: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }] }] }), [`error httproute-matches ${M}.queryParams[1].name`]],
  ['PATCH is a method', route({ rules: [{ matches: [{ method: 'PATCH' }] }] }), []],
  ['fails when the method is not one of the nine', route({ rules: [{ matches: [{ method: 'get' }] }] }), [`error httproute-matches ${M}.method`]],
  ['weight 0', route(backend({ weight: 0 })), []],
  ['weight 1,000,000', route(backend({ weight: 1000000 })), []],
  ['fails when the weight is 1,000,001', route(backend({ weight: 1000001 })), [`error httproute-backend-refs ${R}.backendRefs[0].weight`]],
  ['fails when the weight is -1', route(backend({ weight: -1 })), [`error httproute-backend-refs ${R}.backendRefs[0].weight`]],
  ['fails when the port is 0', route(backend({ port: 0 })), [`error httproute-backend-refs ${R}.backendRefs[0].port`]],
  ['fails when the port is a name', route(backend({ port: 'http' })), [`error httproute-backend-refs ${R}.backendRefs[0].port`]],
  ['redirect statusCode 301', route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 301 } }] }] }), []],
  ['redirect statusCode 308 (accepted since Gateway API v1.1; v1.0 allowed 301 and 302 only)', route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 308 } }] }] }), []],
  ['fails when the redirect statusCode is 304', route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 304 } }] }] }), [`error httproute-filters ${R}.filters[0].requestRedirect.statusCode`]],
  ['fails when the redirect scheme is ftp', route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'ftp' } }] }] }), [`error httproute-filters ${R}.filters[0].requestRedirect.scheme`]],
  ['timeouts 1h30m and 10s500ms', route({ rules: [{ timeouts: { request: '1h30m', backendRequest: '10s500ms' } }] }), []],
  ['fails when a timeout is not a Gateway API duration', route({ rules: [{ timeouts: { request: '1.5s' } }] }), [`error httproute-timeouts ${R}.timeouts.request`]],
  ['fails when a timeout has 5 groups', route({ rules: [{ timeouts: { request: '1h1m1s1ms1s' } }] }), [`error httproute-timeouts ${R}.timeouts.request`]],
  ['fails when backendRequest is longer than request', route({ rules: [{ timeouts: { request: '10s', backendRequest: '11s' } }] }), [`error httproute-timeouts ${R}.timeouts.backendRequest`]],
  ['backendRequest may be longer than a request of 0s (no timeout)', route({ rules: [{ timeouts: { request: '0s', backendRequest: '11s' } }] }), []],
  ['fails when a mirror has percent and fraction', route({ rules: [{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'svc', port: 80 }, percent: 10, fraction: { numerator: 1 } } }] }] }),
    [`error httproute-filters ${R}.filters[0].requestMirror`]],
  ['fails when a mirror fraction is above 1', route({ rules: [{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'svc', port: 80 }, fraction: { numerator: 3, denominator: 2 } } }] }] }),
    [`error httproute-filters ${R}.filters[0].requestMirror.fraction`]],
  ['two RequestMirror filters are allowed', route({ rules: [{ filters: n(2, () => ({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'svc', port: 80 } } })) }] }), []],
  ['fails when an unknown filter type is used', route({ rules: [{ filters: [{ type: 'Rewrite' }] }] }), [`error httproute-filters ${R}.filters[0].type`]],
  ['fails when there are 33 parentRefs', route({ parentRefs: n(33, i => ({ name: `g${i}` })) }), ['error httproute-parent-refs spec.parentRefs']],
  ['64 listeners', gateway({ listeners: n(64, i => ({ name: `l${i}`, port: 1000 + i, protocol: 'HTTP' })) }), []],
  ['fails when there are 65 listeners', gateway({ listeners: n(65, i => ({ name: `l${i}`, port: 1000 + i, protocol: 'HTTP' })) }), ['error gateway-listeners spec.listeners']],
  ['listener port 65535', gateway({ listeners: [{ name: 'h', port: 65535, protocol: 'HTTP' }] }), []],
  ['fails when a listener port is 65536', gateway({ listeners: [{ name: 'h', port: 65536, protocol: 'HTTP' }] }), ['error gateway-listeners spec.listeners[0].port']],
  ['fails when a listener name has uppercase letters', gateway({ listeners: [{ name: 'Http', port: 80, protocol: 'HTTP' }] }), ['error gateway-listeners spec.listeners[0].name']],
  ['a listener IP hostname (warning)', gateway({ listeners: [{ name: 'h', port: 80, protocol: 'HTTP', hostname: '10.0.0.1' }] }), ['warning gateway-listeners spec.listeners[0].hostname']],
  ['fails when allowedRoutes.namespaces.from is Other', gateway({ listeners: [{ name: 'h', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Other' } } }] }),
    ['error gateway-allowed-routes spec.listeners[0].allowedRoutes.namespaces.from']],
  ['fails when infrastructure has an invalid label', gateway({ listeners: [{ name: 'h', port: 80, protocol: 'HTTP' }], infrastructure: { labels: { 'a b': 'c' } } }),
    ["error gateway-infrastructure spec.infrastructure.labels['a b']"]],
  ['a ReferenceGrant v1beta1', grant('gateway.networking.k8s.io/v1beta1', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service' }] }), []],
  // served from bundle v1.5: a warning over the default range v1.4..v1.6 (issue 20)
  ['a ReferenceGrant v1', grant('gateway.networking.k8s.io/v1', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service', name: 'svc' }] }),
    ['warning object-api-version-bundle apiVersion']],
  ['fails when a ReferenceGrant from entry has no namespace and to is empty', grant('gateway.networking.k8s.io/v1beta1', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }], to: [] }),
    ['error referencegrant-spec spec.from[0].namespace', 'error referencegrant-spec spec.to']],
];

describe('Gateway API rule boundaries', () => {
  test.each(CASES)('%s', (_, manifest, want) => {
    expect(findings(manifest).sort()).toEqual([...want].sort());
  });
});

test('the schema of Gateway API v1.0.0 (@kubernetes-models/gateway-api 0.5) rejects redirect code 308, which the current standard channel accepts: the schema is skipped for that case only', () => {
  const m = route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 308 } }] }] });
  expect(findings(m)).toEqual([]);
  expect(() => validateSchema(m)).toThrow(/statusCode/);
});
