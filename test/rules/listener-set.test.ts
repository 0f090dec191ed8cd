import { ManifestAnalyzer } from '../../src';

/*
 * ListenerSet v1 (issue 24): tests/cel/listenerset_test.go (v1.5.1, v1.6.1) transcribed as rows
 * named after the upstream case; then one valid and one invalid row per x-kubernetes-validations
 * rule and schema bound of the standard CRD the upstream test leaves out, named after the rule's
 * message or the bound; then its wiring: the Gateway's allowedListeners, routes attaching to its
 * listeners, and listener conflicts across a Gateway and its ListenerSets.
 */

const GW = 'gateway.networking.k8s.io/v1';
type Bundle = 'v1.4' | 'v1.5' | 'v1.6' | 'range';
const analyze = (objects: any[], bundle: Bundle = 'v1.6') => ManifestAnalyzer.analyze(objects.map(manifest => ({ manifest })), bundle === 'range' ? {} : { gatewayApiVersion: bundle })
  .findings.map(f => `${f.severity} ${f.kind} ${f.name} ${f.rule} ${f.field}`).sort();
const n = (count: number, f: (i: number) => any) => Array.from({ length: count }, (_, i) => f(i));

/** The upstream test's base: a ListenerSet foo in default, parentRef kind Gateway name example, one HTTP listener. */
const HTTP = { name: 'http', protocol: 'HTTP', port: 80 };
const ls = (spec: any, metadata: any = {}) => ({
  apiVersion: GW,
  kind: 'ListenerSet',
  metadata: { name: 'foo', namespace: 'default', ...metadata },
  spec: { parentRef: { kind: 'Gateway', name: 'example' }, listeners: [HTTP], ...spec },
});
const withListener = (l: any) => ls({ listeners: [{ ...HTTP, ...l }] });
const CERT = { certificateRefs: [{ name: 'cert' }] };
const HTTPS = { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'shop.example.com', tls: CERT };

const UPSTREAM: Array<[string, any, string[]]> = [
  ['tls config present with tls protocol', ls({ listeners: [{ name: 'tls', protocol: 'TLS', port: 8443, tls: { mode: 'Passthrough' } }] }), []],
  ['tls config not set with tls protocol', ls({ listeners: [{ name: 'tls', protocol: 'TLS', port: 8443 }] }),
    ['error ListenerSet foo listenerset-listener-tls spec.listeners[0].tls.mode']],
  ['tls config present but empty with tls protocol', ls({ listeners: [{ name: 'tls', protocol: 'TLS', port: 8443, tls: {} }] }),
    ['error ListenerSet foo listenerset-listener-tls spec.listeners[0].tls.certificateRefs']],
];

const SCHEMA: Array<[string, any, Bundle, string[]]> = [
  ['holds when the upstream base ListenerSet is created', ls({}), 'v1.6', []],
  ['holds when the base ListenerSet is checked on bundle v1.5 (the first that serves it)', ls({}), 'v1.5', []],
  ['warns when a ListenerSet is checked over v1.4..v1.6 (v1.4 does not serve it)', ls({}), 'range', ['warning ListenerSet foo object-api-version-bundle apiVersion']],
  ['fails when a ListenerSet is checked on bundle v1.4 (no matches for kind)', ls({}), 'v1.4', ['error ListenerSet foo object-api-version-bundle apiVersion']],
  ['fails when tls mode must be set for protocol TLS, over v1.4..v1.6 too (an error: every bundle that serves the kind rejects it)',
    ls({ listeners: [{ name: 'tls', protocol: 'TLS', port: 8443 }] }), 'range',
    ['error ListenerSet foo listenerset-listener-tls spec.listeners[0].tls.mode', 'warning ListenerSet foo object-api-version-bundle apiVersion']],
  ['fails when parentRef is missing (required)', ls({ parentRef: undefined }), 'v1.6', ['error ListenerSet foo listenerset-parent-ref spec.parentRef']],
  ['fails when parentRef has no name (required)', ls({ parentRef: { kind: 'Gateway' } }), 'v1.6', ['error ListenerSet foo listenerset-parent-ref spec.parentRef.name']],
  ['fails when parentRef namespace is not a DNS label', ls({ parentRef: { name: 'example', namespace: 'Infra' } }), 'v1.6', ['error ListenerSet foo listenerset-parent-ref spec.parentRef.namespace']],
  ['fails when listeners is missing (required)', ls({ listeners: undefined }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners']],
  ['fails when listeners is empty (minItems 1)', ls({ listeners: [] }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners']],
  ['holds when there are 64 listeners (maxItems 64)', ls({ listeners: n(64, i => ({ ...HTTP, name: `l${i}`, port: 1000 + i })) }), 'v1.6', []],
  ['fails when there are 65 listeners (maxItems 64)', ls({ listeners: n(65, i => ({ ...HTTP, name: `l${i}`, port: 1000 + i })) }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners']],
  ['fails when a listener name is not a SectionName', withListener({ name: 'HTTP' }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners[0].name']],
  ['fails when a listener has no port (required)', withListener({ port: undefined }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners[0].port']],
  ['holds when the port is 65535 (maximum)', withListener({ port: 65535 }), 'v1.6', []],
  ['fails when the port is 65536 (maximum 65535)', withListener({ port: 65536 }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners[0].port']],
  ['holds when the protocol is domain-prefixed', withListener({ protocol: 'example.com/proto' }), 'v1.6', []],
  ['fails when the protocol does not match the protocol pattern', withListener({ protocol: 'HTTP 2' }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners[0].protocol']],
  ['holds when the hostname is a wildcard', withListener({ hostname: '*.example.com' }), 'v1.6', []],
  ['fails when the hostname does not match the Hostname pattern', withListener({ hostname: 'Shop.example.com' }), 'v1.6', ['error ListenerSet foo listenerset-listeners spec.listeners[0].hostname']],
  ['holds when a TCP listener has no hostname', withListener({ protocol: 'TCP' }), 'v1.6', []],
  ['fails when hostname must not be specified for protocols [\'TCP\', \'UDP\']', withListener({ protocol: 'UDP', hostname: 'dns.example.com' }), 'v1.6',
    ['error ListenerSet foo listenerset-listeners spec.listeners[0].hostname']],
  ['holds when an HTTPS listener has tls', ls({ listeners: [HTTPS] }), 'v1.6', []],
  ['fails when tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\']', withListener({ tls: CERT }), 'v1.6', ['error ListenerSet foo listenerset-listener-tls spec.listeners[0].tls']],
  ['fails when tls mode must be Terminate for protocol HTTPS', ls({ listeners: [{ ...HTTPS, tls: { mode: 'Passthrough' } }] }), 'v1.6', ['error ListenerSet foo listenerset-listener-tls spec.listeners[0].tls.mode']],
  ['holds when there are 64 certificateRefs (maxItems 64)', ls({ listeners: [{ ...HTTPS, tls: { certificateRefs: n(64, i => ({ name: `c${i}` })) } }] }), 'v1.6', []],
  ['fails when there are 65 certificateRefs (maxItems 64)', ls({ listeners: [{ ...HTTPS, tls: { certificateRefs: n(65, i => ({ name: `c${i}` })) } }] }), 'v1.6',
    ['error ListenerSet foo listenerset-listener-tls spec.listeners[0].tls.certificateRefs']],
  ['fails when there are 17 tls options (maxProperties 16)', ls({ listeners: [{ ...HTTPS, tls: { ...CERT, options: Object.fromEntries(n(17, i => [`example.com/o${i}`, 'v'])) } }] }), 'v1.6',
    ['error ListenerSet foo listenerset-listener-tls spec.listeners[0].tls.options']],
  ['warns when an HTTPS listener has no tls (the CRD accepts it)', ls({ listeners: [{ ...HTTPS, tls: undefined }] }), 'v1.6', ['warning ListenerSet foo listenerset-https-certificate spec.listeners[0].tls']],
  ['holds when Listener name is unique within the Gateway', ls({ listeners: [HTTP, { ...HTTP, name: 'http-2', port: 8080 }] }), 'v1.6', []],
  ['fails when Listener name must be unique within the Gateway', ls({ listeners: [HTTP, { ...HTTP, port: 8080 }] }), 'v1.6', ['error ListenerSet foo listenerset-listener-unique spec.listeners[1].name']],
  ['holds when the combination of port, protocol and hostname differs by hostname', ls({ listeners: [{ ...HTTP, hostname: 'a.example.com' }, { ...HTTP, name: 'http-2', hostname: 'b.example.com' }] }), 'v1.6', []],
  ['fails when Combination of port, protocol and hostname must be unique for each listener', ls({ listeners: [HTTP, { ...HTTP, name: 'http-2' }] }), 'v1.6',
    ['error ListenerSet foo listenerset-listener-unique spec.listeners[1]']],
  ['holds when allowedRoutes.namespaces.from is Selector', withListener({ allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } } }), 'v1.6', []],
  ['fails when allowedRoutes.namespaces.from is None (enum All, Selector, Same)', withListener({ allowedRoutes: { namespaces: { from: 'None' } } }), 'v1.6',
    ['error ListenerSet foo listenerset-allowed-routes spec.listeners[0].allowedRoutes.namespaces.from']],
  ['fails when there are 9 allowedRoutes kinds (maxItems 8)', withListener({ allowedRoutes: { kinds: n(9, () => ({ kind: 'HTTPRoute' })) } }), 'v1.6',
    ['error ListenerSet foo listenerset-allowed-routes spec.listeners[0].allowedRoutes.kinds']],
  ['fails when an allowedRoutes kind has no kind (required)', withListener({ allowedRoutes: { kinds: [{ group: 'gateway.networking.k8s.io' }] } }), 'v1.6',
    ['error ListenerSet foo listenerset-allowed-routes spec.listeners[0].allowedRoutes.kinds[0].kind']],
];

describe('ListenerSet (tests/cel/listenerset_test.go)', () => {
  test.each(UPSTREAM)('%s', (_, manifest, expected) => {
    expect(analyze([manifest])).toEqual(expected);
  });
});

describe('ListenerSet CRD rules and bounds', () => {
  test.each(SCHEMA)('%s', (_, manifest, bundle, expected) => {
    expect(analyze([manifest], bundle)).toEqual(expected);
  });
});

/* ---- wiring ---- */

const gateway = (extra: any = {}, listeners: any[] = [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }]) => ({
  apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners, ...extra },
});
const ADMIT_ALL = { allowedListeners: { namespaces: { from: 'All' } } };
const team = (spec: any = {}, metadata: any = {}) => ({
  apiVersion: GW,
  kind: 'ListenerSet',
  metadata: { name: 'shop', namespace: 'shop', ...metadata },
  spec: { parentRef: { name: 'edge', namespace: 'infra' }, listeners: [HTTPS], ...spec },
});
const SERVICE = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ name: 'http', port: 80 }] } };
const route = (kind: string, spec: any = {}, metadata: any = {}) => ({
  apiVersion: GW,
  kind,
  metadata: { name: 'web', namespace: 'shop', ...metadata },
  spec: { parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...spec },
});
const httpRoute = (spec: any = {}, metadata: any = {}) => route('HTTPRoute', spec, metadata);

const WIRING: Array<[string, any[], string[]]> = [
  ['holds when the Gateway admits ListenerSets of all namespaces', [gateway(ADMIT_ALL), team()], []],
  ['fails when the Gateway sets no allowedListeners (None, the default)', [gateway(), team()], ['error ListenerSet shop listenerset-allowed spec.parentRef']],
  ['fails when the Gateway admits no ListenerSet (from: None)', [gateway({ allowedListeners: { namespaces: { from: 'None' } } }), team()], ['error ListenerSet shop listenerset-allowed spec.parentRef']],
  ['fails when the Gateway admits ListenerSets of its own namespace only (from: Same) and the ListenerSet is in another', [gateway({ allowedListeners: { namespaces: { from: 'Same' } } }), team()],
    ['error ListenerSet shop listenerset-allowed spec.parentRef']],
  ['holds when the Gateway admits its own namespace (from: Same) and the ListenerSet is in it', [gateway({ allowedListeners: { namespaces: { from: 'Same' } } }), team({}, { namespace: 'infra' })], []],
  ['holds when the Gateway selects namespaces (from: Selector: the namespace labels are not known here)', [gateway({ allowedListeners: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } } }), team()], []],
  ['holds when the Gateway is outside the set (the platform\'s)', [team()], []],
  ['holds when the parentRef names another kind than Gateway (left alone)', [gateway(), team({ parentRef: { group: 'example.com', kind: 'Gateway', name: 'edge', namespace: 'infra' } })], []],
  ['holds when an HTTPRoute attaches to a ListenerSet listener by sectionName', [gateway(ADMIT_ALL), team(), SERVICE, httpRoute({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', sectionName: 'https' }] })], []],
  ['fails when the sectionName names a listener of the Gateway, not of the ListenerSet (the direct parent)',
    [gateway(ADMIT_ALL), team(), SERVICE, httpRoute({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', sectionName: 'http' }] })],
    ['error HTTPRoute web httproute-section-name spec.parentRefs[0].sectionName']],
  ['holds when the port names no listener of the ListenerSet (a port alone is not checked, as on Gateways: a miss)', [gateway(ADMIT_ALL), team(), SERVICE, httpRoute({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', port: 80 }] })], []],
  ['fails when the route is in another namespace than the ListenerSet, whose listener admits Same (the CRD default)',
    [gateway(ADMIT_ALL), team(), { ...SERVICE, metadata: { name: 'web', namespace: 'other' } },
      httpRoute({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', namespace: 'shop' }] }, { namespace: 'other' })],
    ['error HTTPRoute web httproute-namespace-allowed spec.parentRefs[0]']],
  ['holds when the ListenerSet listener admits All namespaces', [gateway(ADMIT_ALL), team({ listeners: [{ ...HTTPS, allowedRoutes: { namespaces: { from: 'All' } } }] }),
    { ...SERVICE, metadata: { name: 'web', namespace: 'other' } }, httpRoute({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', namespace: 'shop' }] }, { namespace: 'other' })], []],
  ['fails when no route hostname intersects the ListenerSet listener hostname', [gateway(ADMIT_ALL), team(), SERVICE, httpRoute({ hostnames: ['www.example.com'] })],
    ['error HTTPRoute web httproute-hostname-listener spec.hostnames']],
  ['fails when the ListenerSet listener admits no HTTPRoute (allowedRoutes.kinds)', [gateway(ADMIT_ALL), team({ listeners: [{ ...HTTPS, allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } }] }), SERVICE,
    httpRoute({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', sectionName: 'https' }] })],
  ['error HTTPRoute web httproute-section-name spec.parentRefs[0].sectionName']],
  ['fails when a TLSRoute attaches to a ListenerSet with no TLS listener', [gateway(ADMIT_ALL), team(), { ...SERVICE, spec: { ...SERVICE.spec, ports: [{ name: 'db', port: 5432 }] } },
    route('TLSRoute', { rules: [{ backendRefs: [{ name: 'web', port: 5432 }] }] })],
  ['error TLSRoute web tlsroute-section-name spec.parentRefs[0]']],
  ['holds when the route names a ListenerSet outside the set (its listeners are unknown)', [SERVICE, httpRoute()], []],
  ['warns when two HTTPRoutes claim the same host and path on one ListenerSet listener', [gateway(ADMIT_ALL), team(), SERVICE, httpRoute(), httpRoute({}, { name: 'web-2' })],
    ['warning HTTPRoute web-2 httproute-conflict spec.rules[0].matches[0]']],
  ['warns on the second ListenerSet, not on the routes, when two ListenerSets on one Gateway have the same listener and a route each', [gateway(ADMIT_ALL), team(), team({}, { name: 'shop-2' }), SERVICE, httpRoute(),
    httpRoute({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop-2' }] }, { name: 'web-2' })],
  ['warning ListenerSet shop-2 listenerset-conflict spec.listeners[0]']],
  ['warns when a ListenerSet listener has the port, protocol and hostname of a Gateway listener (HostnameConflict)',
    [gateway(ADMIT_ALL, [{ ...HTTPS, name: 'foo' }]), team()], ['warning ListenerSet shop listenerset-conflict spec.listeners[0]']],
  ['holds when a ListenerSet listener differs from the Gateway listener by hostname', [gateway(ADMIT_ALL, [{ ...HTTPS, name: 'foo', hostname: 'www.example.com' }]), team()], []],
  ['holds when a ListenerSet listener has the name of a Gateway listener (names need not be unique across them)', [gateway(ADMIT_ALL, [{ ...HTTPS, hostname: 'www.example.com' }]), team()], []],
  ['warns when a TCP listener of a ListenerSet shares a port with an HTTP listener of the Gateway (ProtocolConflict)',
    [gateway(ADMIT_ALL), team({ listeners: [{ name: 'tcp', port: 80, protocol: 'TCP' }] })], ['warning ListenerSet shop listenerset-conflict spec.listeners[0]']],
  ['holds when the conflicting ListenerSet is not admitted (only its admission is reported)', [gateway({}, [{ ...HTTPS, name: 'foo' }]), team()],
    ['error ListenerSet shop listenerset-allowed spec.parentRef']],
];

describe('ListenerSet wiring', () => {
  test.each(WIRING)('%s', (_, objects, expected) => {
    expect(analyze(objects)).toEqual(expected);
  });

  test('holds the app rules linear: 2,000 ListenerSets on one Gateway are checked in one pass', () => {
    const sets = n(2000, i => team({ listeners: [{ ...HTTPS, hostname: `t${i}.example.com` }] }, { name: `t${i}` }));
    expect(analyze([gateway(ADMIT_ALL), ...sets])).toEqual([]);
  });
});
