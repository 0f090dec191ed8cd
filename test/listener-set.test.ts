import { ExposedService, Gateway, GatewayProtocol, HttpRoute, ListenerSet, ListenerSetNamespaces, RouteNamespaces } from '../src';
import { chart, foundAll, found, one, synth, validateSchema } from './util';

/*
 * The ListenerSet construct (issue 24): a team attaches its own HTTPS listener and certificate to
 * the platform's Gateway. Every synthesized manifest passes the ListenerSet v1 schema (util.ts).
 */

const https = { name: 'shop', port: 443, protocol: GatewayProtocol.HTTPS, hostname: 'shop.example.com', tlsSecretName: 'shop-cert' };

describe('ListenerSet', () => {
  test('holds when a team attaches its HTTPS listener and certificate to the platform\'s Gateway (Gateway.fromName)', () => {
    const c = chart('team', 'shop');
    const platform = Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' });
    const ls = new ListenerSet(c, 'shop', { gateway: platform, listeners: [https] });
    const manifests = synth(c);
    const m = one(manifests, 'ListenerSet', 'shop');
    expect(m.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(m.metadata).toEqual({ name: 'shop', namespace: 'shop' });
    expect(m.spec).toEqual({
      parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra' },
      listeners: [{
        name: 'shop',
        port: 443,
        protocol: 'HTTPS',
        hostname: 'shop.example.com',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-cert' }] },
      }],
    });
    expect(ls.gateway).toBe(platform);
    expect(ls.listeners).toEqual([https]);
    expect(ls.effectiveNamespace).toBe('shop');
    // bundle v1.4 (in the default range) does not serve ListenerSet: the range's warning
    expect(foundAll(c)).toEqual(['team/shop object-api-version-bundle apiVersion warning']);
    expect(manifests).toMatchSnapshot();
  });

  test('holds when the Gateway of the same namespace is named without a namespace', () => {
    const c = chart('team', 'infra');
    new ListenerSet(c, 'shop', { gateway: Gateway.fromName(c, 'edge', 'edge'), listeners: [{ ...https, allowedRoutes: RouteNamespaces.ALL }] });
    const manifests = synth(c);
    expect(one(manifests, 'ListenerSet').spec.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge' });
    expect(one(manifests, 'ListenerSet').spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'All' } });
    expect(manifests).toMatchSnapshot();
  });

  test('fails when a Gateway of this App admits no ListenerSet (allowedListeners: None, the default)', () => {
    const c = chart('app', 'infra');
    const gw = new Gateway(c, 'edge', { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: GatewayProtocol.HTTP }] });
    new ListenerSet(c, 'shop', { namespace: 'shop', gateway: gw, listeners: [https] });
    expect(found(c)).toEqual(['app/shop listenerset-allowed spec.parentRef']);
  });

  test.each([
    ['holds when a Gateway of this App admits ListenerSets of all namespaces', ListenerSetNamespaces.ALL, 'shop', []],
    ['holds when a Gateway of this App admits its own namespace and the ListenerSet is in it', ListenerSetNamespaces.SAME, 'infra', []],
    ['fails when a Gateway of this App admits its own namespace only and the ListenerSet is in another', ListenerSetNamespaces.SAME, 'shop', ['app/shop listenerset-allowed spec.parentRef error']],
    ['fails when a Gateway of this App admits no ListenerSet (NONE)', ListenerSetNamespaces.NONE, 'shop', ['app/shop listenerset-allowed spec.parentRef error']],
  ])('%s', (_, from, namespace, expected) => {
    const c = chart('app', 'infra');
    const gw = new Gateway(c, 'edge', { gatewayClassName: 'eg', allowedListenerSets: from, listeners: [{ name: 'http', port: 80, protocol: GatewayProtocol.HTTP }] });
    new ListenerSet(c, 'shop', { namespace, gateway: gw, listeners: [https] });
    expect(foundAll(c).filter(f => !f.endsWith('warning')).map(f => `${f} error`)).toEqual(expected);
    // bundle v1.4 of the default range lacks ListenerSet and allowedListeners: warnings
    expect(foundAll(c).filter(f => f.endsWith('warning'))).toEqual(['app/edge gateway-bundle-fields spec.allowedListeners warning', 'app/shop object-api-version-bundle apiVersion warning']);
    if (expected.length === 0) expect(one(synth(c), 'Gateway').spec.allowedListeners).toEqual({ namespaces: { from } });
  });

  test('fails when listener names repeat, a port is out of range, and an HTTP listener has a certificate', () => {
    const c = chart('team', 'shop');
    const http = { name: 'http', port: 80, protocol: GatewayProtocol.HTTP };
    new ListenerSet(c, 'shop', { gateway: Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' }), listeners: [http, { ...http, port: 70000, tlsSecretName: 'x' }] });
    expect(found(c)).toEqual([
      'team/shop listenerset-listeners spec.listeners[1].port',
      'team/shop listenerset-listener-unique spec.listeners[1].name',
      'team/shop listenerset-listener-tls spec.listeners[1].tls',
    ]);
  });

  test('holds when a team\'s HttpRoute attaches to its ListenerSet: parentRef kind ListenerSet, its listener', () => {
    const c = chart('team', 'shop');
    const ls = new ListenerSet(c, 'shop', { gateway: Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' }), listeners: [https] });
    const web = new ExposedService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, name: 'http' }] });
    new HttpRoute(c, 'web-route', { gateway: ls, sectionName: 'shop', hostnames: ['shop.example.com'], rules: [{ path: '/', service: web }] });
    const manifests = synth(c);
    expect(one(manifests, 'HTTPRoute').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', sectionName: 'shop' }]);
    expect(foundAll(c)).toEqual(['team/shop object-api-version-bundle apiVersion warning']);
    expect(manifests).toMatchSnapshot();
  });

  test.each([
    ['fails when the HttpRoute names no listener of its ListenerSet', { sectionName: 'http' }, ['team/web-route httproute-section-name spec.parentRefs[0].sectionName']],
    ['fails when no HttpRoute hostname intersects the ListenerSet listener', { hostnames: ['www.example.com'] }, ['team/web-route httproute-hostname-listener spec.hostnames']],
  ])('%s', (_, props, expected) => {
    const c = chart('team', 'shop');
    const ls = new ListenerSet(c, 'shop', { gateway: Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' }), listeners: [https] });
    const web = new ExposedService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, name: 'http' }] });
    new HttpRoute(c, 'web-route', { gateway: ls, hostnames: ['shop.example.com'], rules: [{ path: '/', service: web }], ...props });
    expect(found(c)).toEqual(expected);
  });

  test('fails when there is no listener', () => {
    const c = chart('team', 'shop');
    new ListenerSet(c, 'shop', { gateway: Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' }), listeners: [] });
    expect(found(c)).toEqual(['team/shop listenerset-listeners spec.listeners']);
  });

  test('holds when a Service of the team is beside it (the ListenerSet reads no Service)', () => {
    const c = chart('team', 'shop');
    new ExposedService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, name: 'http' }] });
    new ListenerSet(c, 'shop', { gateway: Gateway.fromName(c, 'edge', 'edge', { namespace: 'infra' }), listeners: [https] });
    expect(synth(c).map(m => m.kind)).toEqual(['Service', 'ListenerSet']);
  });

  test('fails the schema helper when a ListenerSet breaks the v1 schema (the 2.0.0 models run)', () => {
    const m = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ListenerSet', metadata: { name: 'a' }, spec: { parentRef: { name: 'edge' }, listeners: [{ name: 'x', port: 70000, protocol: 'HTTP' }] } };
    expect(() => validateSchema(m)).toThrow(/ListenerSet a does not pass the schema: data\/spec\/listeners\/0\/port must be <= 65535/);
    expect(() => validateSchema({ ...m, spec: { ...m.spec, listeners: [{ ...m.spec.listeners[0], port: 80 }] } })).not.toThrow();
  });
});
