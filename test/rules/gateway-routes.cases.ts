/*
 * TLSRoute, TCPRoute and UDPRoute v1 (issue 24): upstream has no tests/cel cases for them (v1.6.1),
 * so each x-kubernetes-validations rule and schema bound of their standard CRDs (v1.5.1, v1.6.1)
 * has one valid and one invalid row, named after the rule's message or the bound; then their wiring.
 * The rows are run by gateway-routes.test.ts, and confirmed against the CRDs by the Gateway oracle
 * (test/oracle/gateway.test.ts).
 */

const GW = 'gateway.networking.k8s.io/v1';
/** The bundle a row pins (gatewayApiVersion), or the default range v1.4-v1.6. */
export type Bundle = 'v1.5' | 'v1.6' | 'range';
const n = (count: number, f: (i: number) => any) => Array.from({ length: count }, (_, i) => f(i));
const BACKEND = [{ name: 'db', port: 5432 }];
const route = (kind: string, spec: any, name = 'r') => ({
  apiVersion: GW, kind, metadata: { name, namespace: 'shop', annotations: { 'cdk8s-expose.io/external-services': 'db' } }, spec,
});
const tls = (spec: any) => route('TLSRoute', { hostnames: ['db.example.com'], rules: [{ backendRefs: BACKEND }], ...spec });
const tcp = (spec: any) => route('TCPRoute', { rules: [{ backendRefs: BACKEND }], ...spec });
const udp = (spec: any) => route('UDPRoute', { rules: [{ backendRefs: BACKEND }], ...spec });

/** One valid and one invalid row per CRD rule and bound: name, manifest, bundle, findings as `severity kind name rule field`. */
export const SCHEMA: Array<[string, any, Bundle, string[]]> = [
  ['holds when a TLSRoute has one hostname', tls({}), 'v1.6', []],
  ['fails when a TLSRoute has no hostnames (required)', tls({ hostnames: undefined }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.hostnames']],
  ['fails when a TLSRoute hostnames list is empty (minItems 1)', tls({ hostnames: [] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.hostnames']],
  ['holds when a TLSRoute has 1024 hostnames on v1.6 (maxItems 1024)', tls({ hostnames: n(1024, i => `h${i}.example.com`) }), 'v1.6', []],
  ['fails when a TLSRoute has 1025 hostnames (maxItems 1024)', tls({ hostnames: n(1025, i => `h${i}.example.com`) }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.hostnames']],
  ['fails when a TLSRoute has 17 hostnames on v1.5 (maxItems 16)', tls({ hostnames: n(17, i => `h${i}.example.com`) }), 'v1.5', ['error TLSRoute r tlsroute-spec spec.hostnames']],
  ['warns when a TLSRoute has 17 hostnames over v1.4..v1.6', tls({ hostnames: n(17, i => `h${i}.example.com`) }), 'range',
    ['warning TLSRoute r tlsroute-spec spec.hostnames', 'warning TLSRoute r object-api-version-bundle apiVersion']],
  ['fails when Hostnames cannot contain an IP', tls({ hostnames: ['10.0.0.1'] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.hostnames[0]']],
  ['fails when Hostnames must be valid based on RFC-1123', tls({ hostnames: ['DB.example.com'] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.hostnames[0]']],
  ['holds when a wildcard is the first label', tls({ hostnames: ['*.example.com'] }), 'v1.6', []],
  ['fails when Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123', tls({ hostnames: ['db.*.example.com'] }), 'v1.6',
    ['error TLSRoute r tlsroute-spec spec.hostnames[0]']],
  ['holds when there are 32 parentRefs (maxItems 32)', tls({ parentRefs: n(32, i => ({ name: `g${i}` })) }), 'v1.6', []],
  ['fails when there are 33 parentRefs (maxItems 32)', tls({ parentRefs: n(33, i => ({ name: `g${i}` })) }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.parentRefs']],
  ['holds when sectionName is unique when parentRefs includes 2 or more references to the same parent', tls({ parentRefs: [{ name: 'g', sectionName: 'a' }, { name: 'g', sectionName: 'b' }] }), 'v1.6', []],
  ['fails when sectionName must be unique when parentRefs includes 2 or more references to the same parent', tls({ parentRefs: [{ name: 'g', sectionName: 'a' }, { name: 'g', sectionName: 'a' }] }), 'v1.6',
    ['error TLSRoute r tlsroute-spec spec.parentRefs[1].sectionName']],
  ['fails when sectionName must be specified when parentRefs includes 2 or more references to the same parent', tls({ parentRefs: [{ name: 'g', sectionName: 'a' }, { name: 'g' }] }), 'v1.6',
    ['error TLSRoute r tlsroute-spec spec.parentRefs[1].sectionName']],
  ['fails when a TLSRoute has no rules (required)', tls({ rules: undefined }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.rules']],
  ['fails when a TLSRoute has 2 rules (maxItems 1)', tls({ rules: [{ backendRefs: BACKEND }, { backendRefs: BACKEND }] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.rules']],
  ['holds when a rule name is a section name', tls({ rules: [{ name: 'db', backendRefs: BACKEND }] }), 'v1.6', []],
  ['fails when a rule name does not match the SectionName pattern', tls({ rules: [{ name: 'DB', backendRefs: BACKEND }] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.rules[0].name']],
  ['fails when a rule has no backendRefs (required)', tls({ rules: [{}] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.rules[0].backendRefs']],
  ['holds when a rule has 16 backendRefs (maxItems 16)', tls({ rules: [{ backendRefs: n(16, () => BACKEND[0]) }] }), 'v1.6', []],
  ['fails when a rule has 17 backendRefs (maxItems 16)', tls({ rules: [{ backendRefs: n(17, () => BACKEND[0]) }] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.rules[0].backendRefs']],
  ['fails when Must have port for Service reference', tls({ rules: [{ backendRefs: [{ name: 'db' }] }] }), 'v1.6', ['error TLSRoute r tlsroute-spec spec.rules[0].backendRefs[0].port']],
  ['holds when a backend weight is 1000000 (maximum)', tls({ rules: [{ backendRefs: [{ ...BACKEND[0], weight: 1000000 }] }] }), 'v1.6', []],
  ['fails when a backend weight is 1000001 (maximum 1000000)', tls({ rules: [{ backendRefs: [{ ...BACKEND[0], weight: 1000001 }] }] }), 'v1.6',
    ['error TLSRoute r tlsroute-spec spec.rules[0].backendRefs[0].weight']],
  ['holds when a TCPRoute has one rule with a backend', tcp({}), 'v1.6', []],
  ['fails when a TCPRoute has no rules (required)', tcp({ rules: undefined }), 'v1.6', ['error TCPRoute r tcproute-spec spec.rules']],
  ['fails when a TCPRoute has 2 rules (maxItems 1)', tcp({ rules: [{ backendRefs: BACKEND }, { backendRefs: BACKEND }] }), 'v1.6', ['error TCPRoute r tcproute-spec spec.rules']],
  ['fails when a TCPRoute backend has no port: Must have port for Service reference', tcp({ rules: [{ backendRefs: [{ name: 'db' }] }] }), 'v1.6',
    ['error TCPRoute r tcproute-spec spec.rules[0].backendRefs[0].port']],
  ['fails when a TCPRoute rule has an empty backendRefs (minItems 1)', tcp({ rules: [{ backendRefs: [] }] }), 'v1.6', ['error TCPRoute r tcproute-spec spec.rules[0].backendRefs']],
  ['fails when sectionName must be unique when parentRefs includes 2 or more references to the same parent (TCPRoute)', tcp({ parentRefs: [{ name: 'g', sectionName: 'a' }, { name: 'g', sectionName: 'a' }] }), 'v1.6',
    ['error TCPRoute r tcproute-spec spec.parentRefs[1].sectionName']],
  ['holds when a UDPRoute has one rule with a backend', udp({}), 'v1.6', []],
  ['fails when a UDPRoute has no rules (required)', udp({ rules: undefined }), 'v1.6', ['error UDPRoute r udproute-spec spec.rules']],
  ['fails when a UDPRoute has 2 rules (maxItems 1)', udp({ rules: [{ backendRefs: BACKEND }, { backendRefs: BACKEND }] }), 'v1.6', ['error UDPRoute r udproute-spec spec.rules']],
  ['fails when a UDPRoute backend has no port: Must have port for Service reference', udp({ rules: [{ backendRefs: [{ name: 'db' }] }] }), 'v1.6',
    ['error UDPRoute r udproute-spec spec.rules[0].backendRefs[0].port']],
  ['fails when a UDPRoute rule name does not match the SectionName pattern', udp({ rules: [{ name: 'a_b', backendRefs: BACKEND }] }), 'v1.6', ['error UDPRoute r udproute-spec spec.rules[0].name']],
];

const gateway = (listeners: any[]) => ({ apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners } });
const all = { namespaces: { from: 'All' } };
const HTTP = { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all };
const PASSTHROUGH = { name: 'tls', port: 443, protocol: 'TLS', hostname: '*.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all };
const TCP = { name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: all };
const UDP = { name: 'udp', port: 53, protocol: 'UDP', allowedRoutes: all };
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { ports: [{ name: 'db', port: 5432 }, { name: 'dns', port: 53, protocol: 'UDP' }] } };
const parent = (sectionName?: string) => [{ name: 'edge', namespace: 'infra', ...(sectionName ? { sectionName } : {}) }];
const wired = (m: any) => ({ ...m, metadata: { name: m.metadata.name, namespace: 'shop' } });

/** Wiring rows over the default range: name, objects, findings. */
export const WIRING: Array<[string, any[], string[]]> = [
  ['holds when a TLSRoute passes SNI db.example.com through a TLS listener for *.example.com', [gateway([HTTP, PASSTHROUGH]), service, wired(tls({ parentRefs: parent() }))], []],
  ['fails when a TLSRoute names an HTTP listener: it never attaches', [gateway([HTTP, PASSTHROUGH]), service, wired(tls({ parentRefs: parent('http') }))],
    ['error TLSRoute r tlsroute-section-name spec.parentRefs[0].sectionName']],
  ['fails when a TLSRoute attaches to a Gateway with HTTP listeners only', [gateway([HTTP]), service, wired(tls({ parentRefs: parent() }))],
    ['error TLSRoute r tlsroute-section-name spec.parentRefs[0]']],
  ['fails when no TLSRoute hostname intersects the TLS listener hostname', [gateway([PASSTHROUGH]), service, wired(tls({ parentRefs: parent(), hostnames: ['db.example.org'] }))],
    ['error TLSRoute r tlsroute-hostname-listener spec.hostnames']],
  ['fails when a TLSRoute backend port is not a port of the Service', [gateway([PASSTHROUGH]), service, wired(tls({ parentRefs: parent(), rules: [{ backendRefs: [{ name: 'db', port: 5433 }] }] }))],
    ['error TLSRoute r tlsroute-backend-port spec.rules[0].backendRefs[0].port']],
  ['warns when two TLSRoutes pass the same SNI hostname on one listener (the later by name)',
    [gateway([PASSTHROUGH]), service, wired(tls({ parentRefs: parent() })), wired(route('TLSRoute', { parentRefs: parent(), hostnames: ['db.example.com'], rules: [{ backendRefs: BACKEND }] }, 's'))],
    ['warning TLSRoute s tlsroute-conflict spec.rules[0]']],
  ['holds when a TLSRoute attaches to a Gateway whose only listener has a domain-prefixed protocol (implementation-specific)',
    [gateway([{ name: 'custom', port: 9000, protocol: 'example.com/tls', allowedRoutes: all }]), service, wired(tls({ parentRefs: parent() }))], []],
  ['holds when a TCPRoute attaches to a TCP listener', [gateway([TCP]), service, wired(tcp({ parentRefs: parent() }))], []],
  ['fails when a TCPRoute names a UDP listener', [gateway([TCP, UDP]), service, wired(tcp({ parentRefs: parent('udp') }))], ['error TCPRoute r tcproute-section-name spec.parentRefs[0].sectionName']],
  ['fails when a TCPRoute in another namespace attaches to a listener admitting its own namespace only',
    [gateway([{ ...TCP, allowedRoutes: { namespaces: { from: 'Same' } } }]), service, wired(tcp({ parentRefs: parent() }))], ['error TCPRoute r tcproute-namespace-allowed spec.parentRefs[0]']],
  ['holds when a UDPRoute attaches to a UDP listener', [gateway([UDP]), service, wired(udp({ parentRefs: parent(), rules: [{ backendRefs: [{ name: 'db', port: 53 }] }] }))], []],
  ['fails when a UDPRoute backend in another namespace has no ReferenceGrant',
    [gateway([UDP]), { ...service, metadata: { name: 'db', namespace: 'dns' } }, wired(udp({ parentRefs: parent(), rules: [{ backendRefs: [{ name: 'db', namespace: 'dns', port: 53 }] }] }))],
    ['error UDPRoute r udproute-reference-grant spec.rules[0].backendRefs[0].namespace']],
];
