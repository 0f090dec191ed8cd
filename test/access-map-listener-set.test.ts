import { ManifestAnalyzer, ServiceAccess } from '../src';

/*
 * The access map of ListenerSet listeners and BackendTLSPolicies (issue 24): a route attached to
 * a ListenerSet is an entry on the ListenerSet's listener, through the Gateway the ListenerSet
 * names, to its Service and pods; a Service port a BackendTLSPolicy targets shows the TLS the
 * Gateway speaks to it.
 */

const GW = 'gateway.networking.k8s.io/v1';
const labels = { app: 'web' };
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'example/web:1', ports: [{ name: 'https', containerPort: 8443 }] }] } } },
};
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: labels, ports: [{ name: 'https', port: 443, targetPort: 'https' }] } };
const gateway = {
  apiVersion: GW,
  kind: 'Gateway',
  metadata: { name: 'edge', namespace: 'infra' },
  spec: { gatewayClassName: 'eg', allowedListeners: { namespaces: { from: 'All' } }, listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
};
const listenerSet = {
  apiVersion: GW,
  kind: 'ListenerSet',
  metadata: { name: 'shop', namespace: 'shop' },
  spec: { parentRef: { name: 'edge', namespace: 'infra' }, listeners: [{ name: 'shop', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'shop-cert' }] } }] },
};
const route = {
  apiVersion: GW,
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop' }], rules: [{ backendRefs: [{ name: 'web', port: 443 }] }] },
};
const policy = (sectionName?: string) => ({
  apiVersion: GW,
  kind: 'BackendTLSPolicy',
  metadata: { name: 'web-tls', namespace: 'shop' },
  spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web', ...(sectionName ? { sectionName } : {}) }], validation: { hostname: 'web.shop.example.com', wellKnownCACertificates: 'System' } },
});

function map(...manifests: object[]): { services: ServiceAccess[]; findings: string[] } {
  const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })), { gatewayApiVersion: 'v1.6' });
  return { services: result.services, findings: result.findings.map(f => `${f.rule} ${f.field}`) };
}

const gatewayRows = (s: ServiceAccess) => s.rows.filter(r => r.entry.kind === 'gateway');

describe('the access map of ListenerSet listeners', () => {
  test('holds when a route on a ListenerSet listener is an entry on that listener, through its Gateway, to the pods', () => {
    const { services, findings } = map(deployment, service, gateway, listenerSet, route);
    expect(findings).toEqual([]);
    const rows = gatewayRows(services[0]);
    expect(rows.map(r => r.address)).toEqual(['https://shop.example.com/ [prefix] (ListenerSet shop/shop on Gateway infra/edge, listener shop, HTTPRoute shop/web)']);
    expect(rows[0].entry).toEqual({ kind: 'gateway', host: 'shop.example.com', port: 443, protocol: 'HTTPS', path: '/', pathMatch: 'Prefix', tls: true });
    expect(rows[0].path.gateway).toEqual({ kind: 'Gateway', namespace: 'infra', name: 'edge' });
    expect(rows[0].path.listenerSet).toEqual({ kind: 'ListenerSet', namespace: 'shop', name: 'shop' });
    expect(rows[0].path.listener).toBe('shop');
    expect(rows[0].path.status).toBe('resolved');
    expect(rows[0].path.workloads.map(w => `${w.workload.kind}/${w.workload.name}:${w.containerPort}`)).toEqual(['Deployment/web:8443']);
    expect(rows[0].path.backendTls).toBeUndefined();
  });

  test('holds when a route names a ListenerSet outside the set: its listeners are unknown, the route\'s hosts are not', () => {
    const { services } = map(deployment, service, { ...route, spec: { ...route.spec, hostnames: ['shop.example.com'] } });
    const rows = gatewayRows(services[0]);
    expect(rows.map(r => r.address)).toEqual(['<scheme>://shop.example.com/ [prefix] (ListenerSet shop/shop not in the checked set, HTTPRoute shop/web)']);
    expect(rows[0].path.listenerSet).toEqual({ kind: 'ListenerSet', namespace: 'shop', name: 'shop' });
    expect(rows[0].path.gateway).toBeUndefined();
  });

  test('holds when a route on the Gateway\'s own listener has no listenerSet', () => {
    const own = { ...route, spec: { ...route.spec, parentRefs: [{ name: 'edge', namespace: 'infra' }] } };
    const rows = gatewayRows(map(deployment, service, gateway, own).services[0]);
    expect(rows.map(r => r.address)).toEqual(['http://*/ [prefix] (Gateway infra/edge, listener http, HTTPRoute shop/web)']);
    expect(rows[0].path.listenerSet).toBeUndefined();
  });
});

describe('the access map of BackendTLSPolicies', () => {
  test.each([
    ['holds when a policy on the whole Service shows TLS to the backend', undefined],
    ['holds when a policy on the Service port shows TLS to the backend', 'https'],
  ])('%s', (_, section) => {
    const { services, findings } = map(deployment, service, gateway, listenerSet, route, policy(section));
    expect(findings).toEqual([]);
    expect(gatewayRows(services[0]).map(r => r.path.backendTls)).toEqual([
      { policy: { kind: 'BackendTLSPolicy', namespace: 'shop', name: 'web-tls' }, hostname: 'web.shop.example.com' },
    ]);
    // the Service's own entries do not pass through the Gateway
    expect(services[0].rows.filter(r => r.path.backendTls !== undefined).map(r => r.entry.kind)).toEqual(['gateway']);
  });

  test('holds when a policy on another port of the Service shows no TLS on this one', () => {
    const { services } = map(deployment, service, gateway, listenerSet, route, policy('admin'));
    expect(gatewayRows(services[0]).map(r => r.path.backendTls)).toEqual([undefined]);
  });
});
