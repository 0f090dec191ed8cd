import * as fc from 'fast-check';
import { enumOf, FieldSpec, HOST, METADATA, NAME, nearValidOf, NUMBER } from './generate';

/*
 * Near-valid Gateway API objects of the kinds the checker reads: a valid object, then 1 to 3
 * mutations (generate.ts's machinery), aimed at the CRDs' schema bounds and CEL rules: section
 * names, ports, protocols and TLS modes, hostnames, path, header and method matches, filters,
 * weights, durations, annotation counts.
 *
 * GATEWAY_KINDS is the one list of kinds the Gateway oracle test covers: a kind is one entry (its
 * bases and its mutable fields). A bundle that does not serve a kind's apiVersion is compared as
 * "the API server has no such kind" (gateway.test.ts).
 */
const GW = 'gateway.networking.k8s.io/v1';
const cert = () => ({ mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'cert' }] });

const BASES: { [kind: string]: any[] } = {
  Gateway: [
    { apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } },
    {
      apiVersion: GW,
      kind: 'Gateway',
      metadata: { name: 'edge' },
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          { name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.example.com', tls: cert(), allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'tls', protocol: 'TLS', port: 8443, hostname: 'db.example.com', tls: { mode: 'Passthrough' } },
        ],
      },
    },
  ],
  HTTPRoute: [
    {
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }],
        hostnames: ['app.example.com'],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }],
      },
    },
    {
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: { name: 'api' },
      spec: {
        parentRefs: [{ name: 'edge' }],
        rules: [{
          matches: [{ path: { type: 'Exact', value: '/api' }, headers: [{ name: 'x-env', value: 'prod' }], method: 'GET' }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }],
          backendRefs: [{ name: 'api', port: 8080, weight: 1 }],
          timeouts: { request: '10s', backendRequest: '5s' },
        }],
      },
    },
  ],
  ReferenceGrant: [{
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'shop-backends', namespace: 'shop' },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'default' }], to: [{ group: '', kind: 'Service' }] },
  }],
  GRPCRoute: [
    {
      apiVersion: GW,
      kind: 'GRPCRoute',
      metadata: { name: 'grpc', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }],
        hostnames: ['grpc.example.com'],
        rules: [{ matches: [{ method: { type: 'Exact', service: 'shop.Cart', method: 'Get' } }], backendRefs: [{ name: 'cart', port: 9090 }] }],
      },
    },
    {
      apiVersion: GW,
      kind: 'GRPCRoute',
      metadata: { name: 'grpc-all' },
      spec: {
        parentRefs: [{ name: 'edge' }],
        rules: [{
          name: 'all',
          matches: [{ headers: [{ name: 'x-env', value: 'prod' }] }],
          filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }] } }],
          backendRefs: [{ name: 'cart', port: 9090, weight: 1 }],
        }],
      },
    },
  ],
  TLSRoute: [{
    apiVersion: GW,
    kind: 'TLSRoute',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'tls' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] },
  }],
  TCPRoute: [{
    apiVersion: GW,
    kind: 'TCPRoute',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'tcp' }], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] },
  }],
  UDPRoute: [{
    apiVersion: GW,
    kind: 'UDPRoute',
    metadata: { name: 'dns', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'edge', port: 53 }], rules: [{ name: 'dns', backendRefs: [{ name: 'dns', port: 53 }] }] },
  }],
};


// --- value pools ---
const SECTION = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<any>('http', 'https', 'a.b', 'a_b', 'A', '-a', 'a-', '1a', 'x'.repeat(253), 'x'.repeat(254), '') },
  { weight: 1, arbitrary: NAME },
);
const PATH = fc.constantFrom<any>('/', '/api', '', 'api', '/a//b', '/a/./b', '/a/../b', '/%2f', '/a#b', '/a?b', '/a b', '/' + 'a'.repeat(1024), '/[a-z]+', '/a%', 5);
const HEADER = fc.constantFrom<any>('x-env', 'X-Env', 'x env', '', ':authority', 'x_env', 'Host', 'a'.repeat(256), 3);
const KIND = fc.constantFrom<any>('Service', 'Secret', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'ConfigMap', 'Foo', '', 'service', 'a'.repeat(64));
const GROUP = fc.constantFrom<any>('', 'core', 'gateway.networking.k8s.io', 'example.com', 'Example.com', 'a'.repeat(254), 1);
const DURATION = fc.constantFrom<any>('10s', '0s', '1h', '1m30s', '100ms', '1.5s', '10', '-1s', '1d', '', '10000h', 'x');
const WEIGHT = fc.constantFrom<any>(0, 1, 100, 1000000, 1000001, -1, 1.5, '1');
const MANY_ANNOTATIONS = fc.constantFrom<any>(
  {}, { a: 'x' }, { 'example.com/team': 'a' }, { 'Example.com/a': 'x' }, { 'a/b/c': 'x' }, { ['x'.repeat(64)]: 'x' }, { [`${'a'.repeat(253)}/b`]: 'x' }, { _a: 'x' }, { 'a.': 'x' }, { 'gateway.networking.k8s.io/x': 'x' }, Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])), Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
  { 'bad key!': 'x' }, { 'example.com/a': 'x'.repeat(4096) }, { 'example.com/a': 'x'.repeat(4097) },
);
const ADDRESS_TYPE = fc.constantFrom<any>('IPAddress', 'Hostname', 'NamedAddress', 'example.com/custom', 'Bogus', '');

function listener(i: number): FieldSpec[] {
  const l = `spec.listeners[${i}]`;
  return [
    [`${l}.name`, SECTION], [`${l}.port`, NUMBER], [`${l}.protocol`, enumOf('HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP')], [`${l}.hostname`, HOST],
    [`${l}.tls.mode`, enumOf('Terminate', 'Passthrough')], [`${l}.tls.certificateRefs[0].name`, NAME], [`${l}.tls.certificateRefs[0].kind`, KIND],
    [`${l}.tls.certificateRefs[0].group`, GROUP], [`${l}.tls.certificateRefs[0].namespace`, NAME], [`${l}.tls.options`, MANY_ANNOTATIONS],
    [`${l}.allowedRoutes.namespaces.from`, enumOf('Same', 'All', 'Selector')], [`${l}.allowedRoutes.kinds[0].kind`, KIND], [`${l}.allowedRoutes.kinds[0].group`, GROUP],
    [`${l}.allowedRoutes.namespaces.selector.matchLabels`, fc.constantFrom<any>({ team: 'a' }, { 'bad key!': 'x' }, {})],
  ];
}

const GRPC_NAME = fc.constantFrom<any>('shop.Cart', 'Cart', 'foo', 'Get', 'a.b.c', 'a/b', 'a b', '', '.a', 'a.', '_a', 'x'.repeat(1025), 5);
const CA_REFS = fc.constantFrom<any>(
  [{ group: '', kind: 'ConfigMap', name: 'ca' }], [], [{ kind: 'ConfigMap', name: 'ca' }], [{ group: '', kind: 'ConfigMap' }],
  Array.from({ length: 8 }, (_, i) => ({ group: '', kind: 'ConfigMap', name: `ca${i}` })), Array.from({ length: 9 }, (_, i) => ({ group: '', kind: 'ConfigMap', name: `ca${i}` })),
  Array.from({ length: 17 }, (_, i) => ({ group: '', kind: 'ConfigMap', name: `ca${i}` })),
);

/** The fields of parentRefs[i] (every route kind). */
function parentRef(i: number): FieldSpec[] {
  const p = `spec.parentRefs[${i}]`;
  return [[`${p}.name`, NAME], [`${p}.sectionName`, SECTION], [`${p}.port`, NUMBER], [`${p}.namespace`, NAME], [`${p}.kind`, KIND], [`${p}.group`, GROUP]];
}

const PARENT_REFS: FieldSpec[] = [
  ...parentRef(0),
  ['spec.parentRefs[1]', fc.constantFrom<any>({ name: 'edge' }, { name: 'edge', sectionName: 'http' }, { name: 'edge', port: 80 }, { name: 'edge', namespace: 'infra', sectionName: 'https' })],
  ['spec.parentRefs', fc.constantFrom<any>([], Array.from({ length: 32 }, (_, i) => ({ name: `g${i}` })), Array.from({ length: 33 }, (_, i) => ({ name: `g${i}` })))],
];

/** The fields of the backendRef at `b` (every route kind). */
function backendRef(b: string): FieldSpec[] {
  return [[`${b}.name`, NAME], [`${b}.port`, NUMBER], [`${b}.weight`, WEIGHT], [`${b}.kind`, KIND], [`${b}.group`, GROUP], [`${b}.namespace`, NAME]];
}

/** The fields of TLSRoute, TCPRoute and UDPRoute's one rule. */
const ONE_RULE: FieldSpec[] = [
  ['spec.rules[0].name', SECTION], ...backendRef('spec.rules[0].backendRefs[0]'),
  ['spec.rules[0].backendRefs[1]', fc.constantFrom<any>({ name: 'b', port: 80 }, { name: 'b' }, {}, { name: 'b', port: 80, weight: 0 })],
  ['spec.rules[0].backendRefs', fc.constantFrom<any>([], Array.from({ length: 16 }, () => ({ name: 'b', port: 80 })), Array.from({ length: 17 }, () => ({ name: 'b', port: 80 })))],
  ['spec.rules[1]', fc.constantFrom<any>({ backendRefs: [{ name: 'b', port: 80 }] }, {})],
  ['spec.rules', fc.constantFrom<any>([], [{}])],
];

const R = 'spec.rules[0]';
const M = `${R}.matches[0]`;
const F = `${R}.filters[0]`;
const B = `${R}.backendRefs[0]`;

const FIELDS: { [kind: string]: FieldSpec[] } = {
  Gateway: [
    ...METADATA, ['spec.gatewayClassName', NAME], ...listener(0), ...listener(1),
    ['spec.addresses[0].type', ADDRESS_TYPE], ['spec.addresses[0].value', fc.oneof(HOST, fc.constantFrom<any>('10.0.0.5', '::1', '10.0.0.0/8', 'x'.repeat(254)))],
    ['spec.infrastructure.annotations', MANY_ANNOTATIONS], ['spec.infrastructure.labels', MANY_ANNOTATIONS],
    ['spec.infrastructure.parametersRef', fc.constantFrom<any>({ group: '', kind: 'ConfigMap', name: 'p' }, { kind: 'ConfigMap', name: 'p' }, {}, { group: 'Example.com', kind: 'Foo', name: 'p' }, { group: '', kind: '1a', name: 'p' })],
    ['spec.allowedListeners.namespaces.from', enumOf('All', 'Selector', 'Same', 'None')],
    ['spec.tls.frontend.default.validation.caCertificateRefs', CA_REFS], ['spec.tls.frontend.default.validation.mode', enumOf('AllowValidOnly', 'AllowInsecureFallback')],
    ['spec.tls.frontend.perPort', fc.constantFrom<any>([], [{ port: 443, tls: {} }], [{ port: 443, tls: {} }, { port: 443, tls: {} }], [{ port: 0, tls: {} }], [{ port: 443 }])],
    ['spec.tls.frontend', fc.constantFrom<any>({}, { default: {} }, null)],
    ['spec.tls.backend.clientCertificateRef', fc.constantFrom<any>({ name: 'client' }, { kind: 'Secret', name: 'client' }, {}, { group: 'Example.com', name: 'c' }, { name: 'c', namespace: 'A' })],
  ],
  HTTPRoute: [
    ...METADATA,
    ...PARENT_REFS,
    ['spec.hostnames[0]', HOST], ['spec.hostnames[1]', HOST],
    [`${R}.name`, SECTION],
    [`${M}.path.type`, enumOf('PathPrefix', 'Exact', 'RegularExpression')], [`${M}.path.value`, PATH],
    [`${M}.headers[0].name`, HEADER], [`${M}.headers[0].value`, fc.constantFrom<any>('prod', '', 'a'.repeat(4097))], [`${M}.headers[0].type`, enumOf('Exact', 'RegularExpression')],
    [`${M}.queryParams[0]`, fc.constantFrom<any>({ name: 'q', value: '1' }, { name: '', value: '1' }, { name: 'q' }, { name: 'a b', value: '1' })],
    [`${M}.method`, enumOf('GET', 'POST', 'CONNECT', 'PATCH')],
    [`${R}.matches[1]`, fc.constantFrom<any>({ path: { type: 'PathPrefix', value: '/b' } }, {}, { method: 'GET' })],
    [`${F}.type`, enumOf('RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'RequestMirror', 'ExtensionRef', 'CORS')],
    [`${F}.requestRedirect`, fc.constantFrom<any>({ statusCode: 301 }, { statusCode: 308 }, { scheme: 'https', port: 443 }, { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } }, { hostname: 'Bad_Host' })],
    [`${F}.urlRewrite.path`, fc.constantFrom<any>({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' }, { type: 'ReplaceFullPath', replaceFullPath: '/x' }, { type: 'ReplaceFullPath' }, { type: 'ReplacePrefixMatch', replaceFullPath: '/x' })],
    [`${F}.urlRewrite.hostname`, HOST],
    [`${F}.requestHeaderModifier`, fc.constantFrom<any>({ set: [{ name: 'x-a', value: '1' }] }, { add: [{ name: 'x-a', value: '1' }, { name: 'X-A', value: '2' }] }, { remove: ['x-a', 'x-a'] }, { set: [{ name: 'bad header', value: '1' }] })],
    [`${F}.requestMirror`, fc.constantFrom<any>({ backendRef: { name: 'm', port: 80 } }, { backendRef: { name: 'm' } }, { backendRef: { name: 'm', port: 80 }, percent: 150 })],
    [`${R}.filters[1]`, fc.constantFrom<any>({ type: 'URLRewrite', urlRewrite: { hostname: 'a.example.com' } }, { type: 'RequestRedirect', requestRedirect: { statusCode: 302 } })],
    ...backendRef(B),
    [`${R}.timeouts.request`, DURATION], [`${R}.timeouts.backendRequest`, DURATION],
    [`${R}.retry`, fc.constantFrom<any>({ attempts: 2 }, { codes: [500, 503] }, { backoff: '1s' }, { codes: [99] })],
    ['spec.rules[1]', fc.constantFrom<any>({ backendRefs: [{ name: 'b', port: 80 }] }, { name: 'r', backendRefs: [{ name: 'b', port: 80 }] }, {})],
  ],
  ReferenceGrant: [
    ...METADATA,
    ['spec.from[0].group', GROUP], ['spec.from[0].kind', KIND], ['spec.from[0].namespace', NAME],
    ['spec.to[0].group', GROUP], ['spec.to[0].kind', KIND], ['spec.to[0].name', NAME],
    ['spec.from[1]', fc.constantFrom<any>({ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'a' }, {})],
    ['spec.to[1]', fc.constantFrom<any>({ group: '', kind: 'Secret' }, { kind: 'Service', name: 'x' })],
  ],
  GRPCRoute: [
    ...METADATA, ...PARENT_REFS, ['spec.hostnames[0]', HOST], ['spec.hostnames[1]', HOST],
    [`${R}.name`, SECTION],
    [`${M}.method.type`, enumOf('Exact', 'RegularExpression')], [`${M}.method.service`, GRPC_NAME], [`${M}.method.method`, GRPC_NAME],
    [`${M}.method`, fc.constantFrom<any>({}, { type: 'Exact' }, { service: 'a.B' }, { method: 'Get' }, { type: 'RegularExpression', service: '.*' })],
    [`${M}.headers[0].name`, HEADER], [`${M}.headers[0].value`, fc.constantFrom<any>('prod', '', 'a'.repeat(4097))], [`${M}.headers[0].type`, enumOf('Exact', 'RegularExpression')],
    [`${M}.headers[1]`, fc.constantFrom<any>({ name: 'x-env', value: 'a' }, { name: 'x-b', value: 'b' })],
    [`${R}.matches[1]`, fc.constantFrom<any>({ method: { service: 'a.B' } }, {}, { headers: [{ name: 'x-a', value: '1' }] })],
    [`${F}.type`, enumOf('RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef', 'URLRewrite')],
    [`${F}.requestHeaderModifier`, fc.constantFrom<any>({ set: [{ name: 'x-a', value: '1' }] }, { add: [{ name: 'x-a', value: '1' }, { name: 'X-A', value: '2' }] }, { remove: ['x-a', 'x-a'] }, { set: [{ name: 'bad header', value: '1' }] })],
    [`${F}.requestMirror`, fc.constantFrom<any>({ backendRef: { name: 'm', port: 80 } }, { backendRef: { name: 'm' } }, { backendRef: { name: 'm', port: 80 }, percent: 150 })],
    [`${F}.extensionRef`, fc.constantFrom<any>({ group: 'example.com', kind: 'Filter', name: 'f' }, { kind: 'Filter', name: 'f' }, {})],
    [`${R}.filters[1]`, fc.constantFrom<any>({ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['x-b'] } }, { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-b'] } })],
    ...backendRef(B),
    ['spec.rules[1]', fc.constantFrom<any>({ backendRefs: [{ name: 'b', port: 80 }] }, { name: 'all', backendRefs: [{ name: 'b', port: 80 }] }, {})],
  ],
  TLSRoute: [
    ...METADATA, ...PARENT_REFS, ['spec.hostnames[0]', HOST], ['spec.hostnames[1]', HOST],
    ['spec.hostnames', fc.constantFrom<any>([], Array.from({ length: 16 }, (_, i) => `h${i}.example.com`), Array.from({ length: 17 }, (_, i) => `h${i}.example.com`), Array.from({ length: 1025 }, (_, i) => `h${i}.example.com`))],
    ...ONE_RULE,
  ],
  TCPRoute: [...METADATA, ...PARENT_REFS, ...ONE_RULE],
  UDPRoute: [...METADATA, ...PARENT_REFS, ...ONE_RULE],
};

/** A Gateway API kind the oracle test covers: its valid bases and the fields its mutations set. */
export interface GatewayKindEntry {
  readonly kind: string;
  readonly bases: any[];
  readonly fields: FieldSpec[];
}

/**
 * Every kind the Gateway oracle test generates, one entry each. A new kind (ListenerSet,
 * BackendTLSPolicy: their CRDs are already in the bundles the oracle loads) is one more entry,
 * `{ kind, bases, fields }`; the test finds which bundles serve it.
 */
export const GATEWAY_KINDS: GatewayKindEntry[] = [
  ...['Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ReferenceGrant'].map(kind => ({ kind, bases: BASES[kind], fields: FIELDS[kind] })),
  {
    kind: 'ListenerSet',
    bases: [{
      apiVersion: GW,
      kind: 'ListenerSet',
      metadata: { name: 'shop', namespace: 'shop' },
      spec: { parentRef: { name: 'edge', namespace: 'infra' }, listeners: [{ name: 'shop', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: cert() }] },
    }],
    fields: [
      ...METADATA, ['spec.parentRef.name', NAME], ['spec.parentRef.namespace', NAME], ['spec.parentRef.kind', KIND], ['spec.parentRef.group', GROUP],
      ...listener(0), ...listener(1), ['spec.listeners', fc.constantFrom<any>([], Array.from({ length: 65 }, (_, i) => ({ name: `l${i}`, port: 80 + i, protocol: 'HTTP' })))],
    ],
  },
  {
    kind: 'BackendTLSPolicy',
    bases: [{
      apiVersion: GW,
      kind: 'BackendTLSPolicy',
      metadata: { name: 'web-tls', namespace: 'shop' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' } },
    }],
    fields: [
      ...METADATA, ['spec.targetRefs[0].name', NAME], ['spec.targetRefs[0].kind', KIND], ['spec.targetRefs[0].group', GROUP], ['spec.targetRefs[0].sectionName', SECTION],
      ['spec.targetRefs[1]', fc.constantFrom<any>({ group: '', kind: 'Service', name: 'web' }, { group: '', kind: 'Service', name: 'api', sectionName: 'https' }, {})],
      ['spec.validation.hostname', HOST], ['spec.validation.wellKnownCACertificates', enumOf('System', 'example.com/custom')],
      ['spec.validation.caCertificateRefs', CA_REFS], ['spec.validation.subjectAltNames', fc.constantFrom<any>([], [{ type: 'Hostname', hostname: 'a.example.com' }], [{ type: 'URI', uri: 'spiffe://a/b' }], [{ type: 'Hostname' }], [{ type: 'URI', hostname: 'a.b' }])],
      ['spec.options', MANY_ANNOTATIONS],
    ],
  },
];

/** n near-valid objects of the kind, the same for the same seed. */
export function gatewaySample(entry: GatewayKindEntry, n: number, seed: number): any[] {
  // as JSON, as both sides read it: a list index set past the end leaves holes, which are nulls in JSON
  return fc.sample(nearValidOf(entry.bases, entry.fields), { numRuns: n, seed }).map(o => JSON.parse(JSON.stringify(o)));
}
