import * as fc from 'fast-check';
import { enumOf, FieldSpec, HOST, METADATA, NAME, nearValidOf, NUMBER } from './generate';

/*
 * Near-valid Gateway API objects of the kinds the checker reads (Gateway, HTTPRoute,
 * ReferenceGrant): a valid object, then 1 to 3 mutations (generate.ts's machinery), aimed at
 * the CRDs' schema bounds and CEL rules: section names, ports, protocols and TLS modes,
 * hostnames, path and header matches, filters, weights, durations, annotation counts.
 */

export const GATEWAY_KINDS = ['Gateway', 'HTTPRoute', 'ReferenceGrant'] as const;
export type GatewayKind = typeof GATEWAY_KINDS[number];

const GW = 'gateway.networking.k8s.io/v1';
const cert = () => ({ mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'cert' }] });

export const GATEWAY_BASES: { [K in GatewayKind]: any[] } = {
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
  {}, { a: 'x' }, Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])), Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
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

const R = 'spec.rules[0]';
const M = `${R}.matches[0]`;
const F = `${R}.filters[0]`;
const B = `${R}.backendRefs[0]`;

export const GATEWAY_FIELDS: { [K in GatewayKind]: FieldSpec[] } = {
  Gateway: [
    ...METADATA, ['spec.gatewayClassName', NAME], ...listener(0), ...listener(1),
    ['spec.addresses[0].type', ADDRESS_TYPE], ['spec.addresses[0].value', fc.oneof(HOST, fc.constantFrom<any>('10.0.0.5', '::1', '10.0.0.0/8', 'x'.repeat(254)))],
    ['spec.infrastructure.annotations', MANY_ANNOTATIONS], ['spec.infrastructure.labels', MANY_ANNOTATIONS],
    ['spec.infrastructure.parametersRef', fc.constantFrom<any>({ group: '', kind: 'ConfigMap', name: 'p' }, { kind: 'ConfigMap', name: 'p' }, {})],
  ],
  HTTPRoute: [
    ...METADATA,
    ['spec.parentRefs[0].name', NAME], ['spec.parentRefs[0].sectionName', SECTION], ['spec.parentRefs[0].port', NUMBER], ['spec.parentRefs[0].namespace', NAME],
    ['spec.parentRefs[0].kind', KIND], ['spec.parentRefs[0].group', GROUP], ['spec.parentRefs[1]', fc.constantFrom<any>({ name: 'edge' }, { name: 'edge', sectionName: 'http' }, { name: 'edge', port: 80 })],
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
    [`${B}.name`, NAME], [`${B}.port`, NUMBER], [`${B}.weight`, WEIGHT], [`${B}.kind`, KIND], [`${B}.group`, GROUP], [`${B}.namespace`, NAME],
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
};

/** n near-valid objects of the kind, the same for the same seed. */
export function gatewaySample(kind: GatewayKind, n: number, seed: number): any[] {
  return fc.sample(nearValidOf(GATEWAY_BASES[kind], GATEWAY_FIELDS[kind]), { numRuns: n, seed });
}
