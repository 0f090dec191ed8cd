import { App, Chart } from 'cdk8s';
import {
  ExposedService, Gateway, GatewayProtocol, GrpcMatchType, GrpcRoute, ManifestAnalyzer, RouteNamespaces, TlsRoute, WebApp,
} from '../src';
import { byKind, chart, one, synth, synthApp, synthError, validateSchema } from './util';
import { EntryKind } from '../src/checker/routes';
import { EXTERNAL_SERVICES_ANNOTATION } from '../src/rules/external-services';

/*
 * The GrpcRoute and TlsRoute constructs: what they emit (schema-valid, wired to the Gateway and
 * the Services' named ports, ReferenceGrants across namespaces), their props checks as collected
 * findings naming the prop, and their rows in the access map.
 */

/** The findings of a failed synthesis as `<rule> <field>`, sorted. */
function findings(message: string): string[] {
  return message.split('\n').map(l => /^\s*\[[^\]]*\] (?:warning: )?(\S+?): .*\(rule ([a-z0-9-]+)\)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null).map(m => `${m[2]} ${m[1]}`).sort();
}

const https = { name: 'https', port: 443, protocol: GatewayProtocol.HTTPS, tlsSecretName: 'edge-tls', hostname: '*.example.com', allowedRoutes: RouteNamespaces.ALL };
const passthrough = { name: 'tls', port: 8443, protocol: GatewayProtocol.TLS, hostname: '*.db.example.com', allowedRoutes: RouteNamespaces.ALL };

/** A platform App: the Gateway in `edge`, the workloads in `shop`. */
function platform(): { app: App; edge: Chart; shop: Chart; gw: Gateway } {
  const app = new App();
  const edge = new Chart(app, 'edge', { namespace: 'edge' });
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  const gw = new Gateway(edge, 'gw', { gatewayClassName: 'eg', listeners: [https, passthrough] });
  return { app, edge, shop, gw };
}

describe('GrpcRoute', () => {
  test('holds when a GrpcRoute routes service and method matches to a WebApp\'s named gRPC port, across namespaces with its ReferenceGrant', () => {
    const { app, edge, shop, gw } = platform();
    const cart = new WebApp(shop, 'cart', { image: 'example/cart:1', ports: [{ containerPort: 50051, name: 'grpc' }] }).expose('cart');
    const route = new GrpcRoute(edge, 'cart', {
      gateway: gw,
      sectionName: 'https',
      hostnames: ['api.example.com'],
      rules: [{ methods: [{ service: 'shop.v1.Cart', method: 'GetCart' }, { service: 'shop\\.v1\\..*', type: GrpcMatchType.REGULAR_EXPRESSION }], backends: [{ service: cart, port: 'grpc' }] }],
    });
    route.addRule({ headers: { 'x-canary': 'true' }, backends: [{ service: cart, port: 'grpc', weight: 10 }] });
    const manifests = synthApp(app);
    const r = one(manifests, 'GRPCRoute', 'cart');
    expect(r.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(r.metadata).toEqual({ name: 'cart', namespace: 'edge' });
    expect(r.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', sectionName: 'https' }],
      hostnames: ['api.example.com'],
      rules: [
        {
          matches: [{ method: { service: 'shop.v1.Cart', method: 'GetCart' } }, { method: { type: 'RegularExpression', service: 'shop\\.v1\\..*' } }],
          backendRefs: [{ name: 'cart', namespace: 'shop', port: 50051 }],
        },
        { matches: [{ headers: [{ type: 'Exact', name: 'x-canary', value: 'true' }] }], backendRefs: [{ name: 'cart', namespace: 'shop', port: 50051, weight: 10 }] },
      ],
    });
    expect(route.referenceGrants.map(g => g.toJson())).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'cart-edge', namespace: 'shop' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service', name: 'cart' }] },
    }]);
    const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })));
    expect(result.findings).toEqual([]);
    const rows = result.services.find(s => s.name === 'cart')!.rows.filter(x => x.entry.kind === EntryKind.GATEWAY);
    expect(rows.map(x => [x.address, x.path.status, x.path.workloads.map(w => `${w.workload.name}:${w.containerPort}`)])).toEqual([
      ['https://api.example.com{/shop.v1.Cart/GetCart, /shop\\.v1\\..*/* [regex]} (Gateway edge/gw, listener https, GRPCRoute edge/cart)', 'resolved', ['cart:50051']],
      ['https://api.example.com/ [prefix] (Gateway edge/gw, listener https, GRPCRoute edge/cart)', 'resolved', ['cart:50051']],
    ]);
    expect(manifests.filter(m => m.kind === 'GRPCRoute' || m.kind === 'ReferenceGrant' || m.kind === 'Gateway')).toMatchSnapshot();
  });

  test('holds when a GrpcRoute names a Service of another App by name: its port by name, the Service declared outside', () => {
    const c = chart('grpc', 'shop');
    const gw = Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra', listeners: [https] });
    const billing = ExposedService.fromName(c, 'billing', 'billing', { ports: [{ port: 9090, name: 'grpc' }] });
    new GrpcRoute(c, 'billing-route', { gateway: gw, hostnames: ['billing.example.com'], rules: [{ methods: [{ service: 'billing.v1.Invoices' }], backends: [{ service: billing, port: 'grpc' }] }] });
    const manifests = synth(c);
    const r = one(manifests, 'GRPCRoute');
    expect(r.metadata.annotations).toEqual({ [EXTERNAL_SERVICES_ANNOTATION]: 'billing' });
    expect(r.spec.rules).toEqual([{ matches: [{ method: { service: 'billing.v1.Invoices' } }], backendRefs: [{ name: 'billing', port: 9090 }] }]);
    expect(r.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra' }]);
    expect(manifests).toMatchSnapshot();
  });

  test('fails when a GrpcRoute has no rules, a rule without backends, a backend that is not a Service, a port the Service lacks, and a listener that is not there', () => {
    const c = chart('grpc', 'shop');
    const gw = Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra', listeners: [https] });
    const billing = ExposedService.fromName(c, 'billing', 'billing', { ports: [{ port: 9090, name: 'grpc' }] });
    new GrpcRoute(c, 'empty', { gateway: gw, rules: [] });
    new GrpcRoute(c, 'bad', {
      gateway: gw,
      sectionName: 'grpc',
      rules: [{ backends: [] }, { backends: [{ service: null as any }, { service: billing, port: 'http' }] }, null as any],
    });
    // the emitted object breaks the CRD too where the props do (a backend without a name, a port name left unresolved)
    expect(findings(synthError(c))).toEqual([
      'grpcroute-backend-refs spec.rules[1].backendRefs[0].name',
      'grpcroute-backend-refs spec.rules[1].backendRefs[0].port',
      'grpcroute-backend-refs spec.rules[1].backendRefs[1].port',
      'grpcroute-props spec.rules',
      'grpcroute-props spec.rules[0].backendRefs',
      'grpcroute-props spec.rules[1].backendRefs[0].name',
      'grpcroute-props spec.rules[1].backendRefs[1].port',
      'grpcroute-props spec.rules[2]',
      'grpcroute-section-name spec.parentRefs[0].sectionName',
    ]);
  });

  test('fails when a GrpcRoute method match is not a valid gRPC name: the CRD rule on the emitted object', () => {
    const c = chart('grpc', 'shop');
    const gw = Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' });
    const billing = ExposedService.fromName(c, 'billing', 'billing', { ports: [{ port: 9090 }] });
    new GrpcRoute(c, 'r', { gateway: gw, rules: [{ methods: [{ service: 'billing/v1' }, {}], backends: [{ service: billing }] }] });
    expect(findings(synthError(c))).toEqual([
      'grpcroute-matches spec.rules[0].matches[0].method.service',
      'grpcroute-matches spec.rules[0].matches[1].method',
    ]);
  });
});

describe('TlsRoute', () => {
  test('holds when a TlsRoute passes SNI hostnames through a Passthrough listener to a WebApp\'s named port, across namespaces with its ReferenceGrant', () => {
    const { app, edge, shop, gw } = platform();
    const db = new WebApp(shop, 'db', { image: 'example/pg:16', ports: [{ containerPort: 5432, name: 'pg' }] }).expose('db');
    const route = new TlsRoute(edge, 'db', { gateway: gw, sectionName: 'tls', hostnames: ['pg.db.example.com'], backends: [{ service: db, port: 'pg' }] });
    const manifests = synthApp(app);
    expect(one(manifests, 'Gateway').spec.listeners[1]).toEqual({
      name: 'tls', port: 8443, protocol: 'TLS', hostname: '*.db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } },
    });
    const r = one(manifests, 'TLSRoute', 'db');
    expect(r.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(r.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', sectionName: 'tls' }],
      hostnames: ['pg.db.example.com'],
      rules: [{ backendRefs: [{ name: 'db', namespace: 'shop', port: 5432 }] }],
    });
    expect(route.referenceGrants.map(g => g.toJson().spec)).toEqual([
      { from: [{ group: 'gateway.networking.k8s.io', kind: 'TLSRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service', name: 'db' }] },
    ]);
    const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })), { gatewayApiVersion: 'v1.5' });
    expect(result.findings).toEqual([]);
    const rows = result.services.find(s => s.name === 'db')!.rows.filter(x => x.entry.kind === EntryKind.GATEWAY);
    expect(rows.map(x => [x.address, x.entry.tls, x.path.status, x.path.workloads.map(w => `${w.workload.name}:${w.containerPort}`)])).toEqual([
      ['tls://pg.db.example.com:8443 (Gateway edge/gw, listener tls, TLSRoute edge/db)', false, 'resolved', ['db:5432']],
    ]);
    expect(byKind(manifests, 'TLSRoute').concat(byKind(manifests, 'ReferenceGrant'))).toMatchSnapshot();
  });

  test('fails when a TlsRoute has no hostnames, no backends, attaches to an HTTPS listener only, and names a port its Service lacks', () => {
    const c = chart('tls', 'shop');
    const gw = Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra', listeners: [https] });
    const db = ExposedService.fromName(c, 'db', 'db', { ports: [{ port: 5432, name: 'pg' }] });
    new TlsRoute(c, 'empty', { gateway: gw, hostnames: [], backends: [] });
    new TlsRoute(c, 'port', { gateway: gw, hostnames: ['db.example.com'], backends: [{ service: db, port: 'mysql' }] });
    expect(findings(synthError(c))).toEqual([
      'tlsroute-props spec.hostnames',
      'tlsroute-props spec.rules[0].backendRefs',
      'tlsroute-props spec.rules[0].backendRefs[0].port',
      'tlsroute-section-name spec.parentRefs[0]',
      'tlsroute-section-name spec.parentRefs[0]',
      'tlsroute-spec spec.hostnames',
      'tlsroute-spec spec.rules[0].backendRefs',
      'tlsroute-spec spec.rules[0].backendRefs[0].port',
    ]);
  });

  test('fails when a TlsRoute has null props and no Gateway, never throwing', () => {
    const c = chart('tls', 'shop');
    new TlsRoute(c, 'null', null as any);
    expect(findings(synthError(c))).toContain('tlsroute-props spec.parentRefs[0].name');
  });

  test('holds when the emitted TLSRoute passes the schema (v1alpha2 model of @kubernetes-models/gateway-api 0.5.x, the v1 CRD lagging there)', () => {
    const c = chart('tls', 'shop');
    const gw = Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' });
    const db = ExposedService.fromName(c, 'db', 'db', { ports: [{ port: 5432 }] });
    new TlsRoute(c, 'db-route', { gateway: gw, hostnames: ['db.example.com'], backends: [{ service: db }] });
    const m = one(synth(c), 'TLSRoute');
    expect(() => validateSchema(m)).not.toThrow();
    expect(() => validateSchema({ ...m, spec: { ...m.spec, hostnames: 'db.example.com' } })).toThrow(/does not pass the schema/);
  });
});
