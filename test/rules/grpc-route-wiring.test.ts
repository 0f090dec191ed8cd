import { ManifestAnalyzer } from '../../src';

/*
 * GRPCRoute wiring (issue 24): the HTTPRoute wiring rules, generalized by route kind
 * (src/rules/http-route-wiring.ts defineRouteWiring), read for GRPCRoutes: attachment to HTTP and
 * HTTPS listeners (sectionName, allowedRoutes kinds and namespaces, hostnames), the backend
 * Service and port, the ReferenceGrant across namespaces, and conflicts as warnings.
 */

const GW = 'gateway.networking.k8s.io/v1';
const gateway = (listeners: any[]) => ({ apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners } });
const HTTPS = { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: { namespaces: { from: 'All' } } };
const TLS = { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } };
const deployment = (ns = 'shop') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'cart', namespace: ns },
  spec: { selector: { matchLabels: { app: 'cart' } }, template: { metadata: { labels: { app: 'cart' } }, spec: { containers: [{ name: 'cart', image: 'cart:1', ports: [{ name: 'grpc', containerPort: 50051 }] }] } } },
});
const service = (ns = 'shop') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart', namespace: ns }, spec: { selector: { app: 'cart' }, ports: [{ name: 'grpc', port: 50051, targetPort: 'grpc' }] } });
const route = (spec: any, name = 'cart') => ({
  apiVersion: GW,
  kind: 'GRPCRoute',
  metadata: { name, namespace: 'shop' },
  spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['cart.example.com'], rules: [{ backendRefs: [{ name: 'cart', port: 50051 }] }], ...spec },
});
const grant = (kind: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'g', namespace: 'backends' },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind, namespace: 'shop' }], to: [{ group: '', kind: 'Service' }] },
});
const findings = (objects: any[]) => ManifestAnalyzer.analyze(objects.map(manifest => ({ manifest })), { gatewayApiVersion: 'v1.6' })
  .findings.map(f => `${f.severity} ${f.kind} ${f.name} ${f.rule} ${f.field}`);
const BASE = [gateway([HTTPS, TLS]), deployment(), service()];
const toBackends = { rules: [{ backendRefs: [{ name: 'cart', namespace: 'backends', port: 50051 }] }] };

const CASES: Array<[string, any[], string[]]> = [
  ['holds when a GRPCRoute attaches to an HTTPS listener and routes to its Service port', [...BASE, route({})], []],
  ['holds when its sectionName names the HTTPS listener', [...BASE, route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }] })], []],
  ['fails when its sectionName names a TLS listener (a GRPCRoute attaches to HTTP and HTTPS listeners only)',
    [...BASE, route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'tls' }] })], ['error GRPCRoute cart grpcroute-section-name spec.parentRefs[0].sectionName']],
  ['fails when the listener allowedRoutes.kinds leaves GRPCRoute out',
    [gateway([{ ...HTTPS, allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'HTTPRoute' }] } }]), deployment(), service(), route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }] })],
    ['error GRPCRoute cart grpcroute-section-name spec.parentRefs[0].sectionName']],
  ['holds when the listener allowedRoutes.kinds names GRPCRoute',
    [gateway([{ ...HTTPS, allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } }]), deployment(), service(), route({})], []],
  ['fails when the listener admits routes of its own namespace only',
    [gateway([{ ...HTTPS, allowedRoutes: { namespaces: { from: 'Same' } } }]), deployment(), service(), route({})], ['error GRPCRoute cart grpcroute-namespace-allowed spec.parentRefs[0]']],
  ['fails when no hostname intersects a listener hostname', [...BASE, route({ hostnames: ['cart.example.org'] })], ['error GRPCRoute cart grpcroute-hostname-listener spec.hostnames']],
  ['warns when the backend Service is not in the set', [gateway([HTTPS]), route({})], ['warning GRPCRoute cart grpcroute-backend-service spec.rules[0].backendRefs[0].name']],
  ['fails when the backend port is not a port of the Service', [...BASE, route({ rules: [{ backendRefs: [{ name: 'cart', port: 9090 }] }] })],
    ['error GRPCRoute cart grpcroute-backend-port spec.rules[0].backendRefs[0].port']],
  ['fails when a backend in another namespace has no ReferenceGrant', [gateway([HTTPS]), deployment('backends'), service('backends'), route(toBackends)],
    ['error GRPCRoute cart grpcroute-reference-grant spec.rules[0].backendRefs[0].namespace']],
  ['fails when the ReferenceGrant admits HTTPRoutes, not GRPCRoutes', [gateway([HTTPS]), deployment('backends'), service('backends'), route(toBackends), grant('HTTPRoute')],
    ['error GRPCRoute cart grpcroute-reference-grant spec.rules[0].backendRefs[0].namespace']],
  ['holds when the ReferenceGrant admits GRPCRoutes', [gateway([HTTPS]), deployment('backends'), service('backends'), route(toBackends), grant('GRPCRoute')], []],
  ['warns when two GRPCRoutes claim one service on one listener (the later by name)',
    [...BASE, route({ rules: [{ matches: [{ method: { service: 'shop.Cart' } }], backendRefs: [{ name: 'cart', port: 50051 }] }] }),
      route({ rules: [{ matches: [{ method: { service: 'shop.Cart' } }], backendRefs: [{ name: 'cart', port: 50051 }] }] }, 'cart-2')],
    // the route that loses the tie (namespace/name order) is the one reported
    ['warning GRPCRoute cart-2 grpcroute-conflict spec.rules[0].matches[0]']],
  ['holds when two GRPCRoutes match different services on one listener',
    [...BASE, route({ rules: [{ matches: [{ method: { service: 'shop.Cart' } }], backendRefs: [{ name: 'cart', port: 50051 }] }] }),
      route({ rules: [{ matches: [{ method: { service: 'shop.Orders' } }], backendRefs: [{ name: 'cart', port: 50051 }] }] }, 'cart-2')], []],
  ['holds when a GRPCRoute names a parent kind that is not read (left alone: no wiring findings)',
    [...BASE, route({ parentRefs: [{ name: 'team', kind: 'ListenerSet', group: 'gateway.networking.k8s.io', sectionName: 'grpc' }] })], []],
];

describe('GRPCRoute wiring', () => {
  test.each(CASES)('%s', (_, objects, want) => {
    expect(findings(objects).sort()).toEqual([...want].sort());
  });
});
