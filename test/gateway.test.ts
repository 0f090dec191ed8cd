import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  ExposePolicy, ExposedService, Gateway, GatewayProtocol, HttpPathType, HttpRoute, ManifestAnalyzer, RouteNamespaces, WebApp,
} from '../src';
import { byKind, chart, one, synth, synthApp, synthError } from './util';
import { AccessKind } from '../src/checker/routes';
import { EXTERNAL_SERVICES_ANNOTATION } from '../src/rules/external-services';

/** The findings of a failed synthesis as `<rule> <field>`, sorted. */
function findings(message: string): string[] {
  return message.split('\n').map(l => /^\s*\[[^\]]*\] (?:warning: )?(\S+?): .*\(rule ([a-z0-9-]+)\)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null).map(m => `${m[2]} ${m[1]}`).sort();
}

const http = { name: 'http', port: 80, protocol: GatewayProtocol.HTTP };
const https = { name: 'https', port: 443, protocol: GatewayProtocol.HTTPS, tlsSecretName: 'web-tls' };

describe('Gateway', () => {
  test('defaults: one HTTP listener, the Chart namespace, the v1 API', () => {
    const c = chart('gw', 'edge');
    new Gateway(c, 'public', { gatewayClassName: 'eg', listeners: [http] });
    const manifests = synth(c);
    const gw = one(manifests, 'Gateway', 'public');
    expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gw.metadata).toEqual({ name: 'public', namespace: 'edge' });
    expect(gw.spec).toEqual({ gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] });
    expect(manifests).toMatchSnapshot();
  });

  test('an HTTPS listener terminates TLS with the Secret; allowedRoutes ALL', () => {
    const c = chart();
    new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [{ ...https, hostname: '*.example.com', allowedRoutes: RouteNamespaces.ALL }] });
    expect(one(synth(c), 'Gateway').spec.listeners[0]).toEqual({
      name: 'https',
      port: 443,
      protocol: 'HTTPS',
      hostname: '*.example.com',
      tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'web-tls' }] },
      allowedRoutes: { namespaces: { from: 'All' } },
    });
  });

  test('fails when listener names repeat, a port is out of range, and HTTP has a certificate', () => {
    const c = chart();
    new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http, { ...http, port: 70000, tlsSecretName: 'x' }] });
    expect(findings(synthError(c))).toEqual([
      'gateway-listener-tls spec.listeners[1].tls',
      'gateway-listener-unique spec.listeners[1].name',
      'gateway-listeners spec.listeners[1].port',
    ]);
  });

  test('fails when there are no listeners, and on null and wrong types, never throwing', () => {
    const c = chart();
    new Gateway(c, 'gw', { gatewayClassName: null as any, listeners: [] });
    new Gateway(c, 'gw2', { gatewayClassName: 'eg', listeners: [{ name: 'x', port: NaN, protocol: 'HTTP' as any }, null as any] });
    expect(findings(synthError(c))).toEqual([
      'gateway-class-name spec.gatewayClassName',
      'gateway-listeners spec.listeners',
      'gateway-listeners spec.listeners[1].name',
      'gateway-listeners spec.listeners[1].port',
      'gateway-listeners spec.listeners[1].protocol',
      'gateway-listeners spec.listeners[0].port',
    ].sort());
  });

  test('an HTTPS listener without a certificate is a warning, and ignoreRule exempts it', () => {
    const c = chart();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [{ name: 'https', port: 443, protocol: GatewayProtocol.HTTPS }] });
    const result = ManifestAnalyzer.analyze(synth(c).map(manifest => ({ manifest })));
    expect(result.findings.map(f => `${f.severity} ${f.rule} ${f.field}`)).toEqual(['warning gateway-https-certificate spec.listeners[0].tls']);
    gw.ignoreRule('gateway-https-certificate', 'the certificate is attached by the platform');
    const gwm = one(synth(c), 'Gateway');
    expect(gwm.metadata.annotations).toEqual({ 'ignore-check.cdk8s-expose.io/gateway-https-certificate': 'the certificate is attached by the platform' });
    expect(ManifestAnalyzer.analyze([{ manifest: gwm }]).findings).toEqual([]);
  });

  test('JSON patches apply to the emitted manifest, and ApiObject.of reaches it', () => {
    const c = chart();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    ApiObject.of(gw).addJsonPatch(JsonPatch.add('/spec/listeners/0/hostname', 'a.example.com'));
    const m = one(synth(c), 'Gateway');
    expect(Object.keys(m).slice(0, 3)).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(m.spec.listeners[0].hostname).toBe('a.example.com');
  });
});

describe('HttpRoute', () => {
  test('seed 004: service.libert.xyz routes /health to foo:80 and /bar to bar:80, Services defined elsewhere', () => {
    const c = chart('seed-004');
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    const foo = ExposedService.fromName(c, 'foo', 'foo', { ports: [{ port: 80 }] });
    const bar = ExposedService.fromName(c, 'bar', 'bar', { ports: [{ port: 80 }] });
    new HttpRoute(c, 'example', {
      gateway: gw,
      hostnames: ['service.libert.xyz'],
      rules: [{ path: '/health', service: foo, port: 80 }, { path: '/bar', service: bar, port: 80 }],
    });
    const manifests = synth(c);
    expect(manifests.map(m => m.kind)).toEqual(['Gateway', 'HTTPRoute']);
    const route = one(manifests, 'HTTPRoute', 'example');
    expect(route.metadata.annotations).toEqual({ [EXTERNAL_SERVICES_ANNOTATION]: 'foo,bar' });
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }],
      hostnames: ['service.libert.xyz'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/health' } }], backendRefs: [{ name: 'foo', port: 80 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/bar' } }], backendRefs: [{ name: 'bar', port: 80 }] },
      ],
    });
    expect(ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest }))).findings).toEqual([]);
  });

  test('kitchen sink: HTTPS Gateway, named ports resolved, weights, headers, method, timeout, redirect, cross-namespace ReferenceGrant', () => {
    const app = Testing.app();
    const edge = new Chart(app, 'edge', { namespace: 'edge' });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const gw = new Gateway(edge, 'gw', {
      gatewayClassName: 'eg',
      labels: { tier: 'edge' },
      annotations: { owner: 'platform' },
      listeners: [{ ...https, hostname: '*.example.com', allowedRoutes: RouteNamespaces.ALL }, { ...http, hostname: '*.example.com', allowedRoutes: RouteNamespaces.ALL }],
    });
    const web = new WebApp(shop, 'web', { image: 'web', ports: [{ containerPort: 8080, name: 'http' }] });
    const svc = web.expose('web-svc');
    const canary = new WebApp(shop, 'canary', { image: 'web:next', ports: [{ containerPort: 8080, name: 'http' }] });
    const canarySvc = canary.expose('canary-svc');
    const route = new HttpRoute(edge, 'shop', {
      gateway: gw,
      sectionName: 'https',
      hostnames: ['shop.example.com'],
      rules: [{ path: '/', backends: [{ service: svc, port: 'http', weight: 90 }, { service: canarySvc, weight: 10 }], timeoutSeconds: 30 }],
      labels: { app: 'shop' },
    });
    route.addRule({ path: '/api', pathType: HttpPathType.EXACT, headers: { 'X-Version': '2' }, method: 'POST', service: svc });
    new HttpRoute(edge, 'redirect', {
      gateway: gw,
      sectionName: 'http',
      hostnames: ['shop.example.com'],
      rules: [{ redirect: { scheme: 'https', statusCode: 301 } }],
    });
    const manifests = synthApp(app);
    const r = one(manifests, 'HTTPRoute', 'shop');
    expect(r.metadata.namespace).toBe('edge');
    expect(r.spec.rules[0].backendRefs).toEqual([{ name: 'web-svc', namespace: 'shop', port: 8080, weight: 90 }, { name: 'canary-svc', namespace: 'shop', port: 8080, weight: 10 }]);
    expect(r.spec.rules[0].timeouts).toEqual({ request: '30s' });
    expect(r.spec.rules[1].matches).toEqual([{ path: { type: 'Exact', value: '/api' }, headers: [{ type: 'Exact', name: 'X-Version', value: '2' }], method: 'POST' }]);
    const grant = one(manifests, 'ReferenceGrant');
    expect(grant).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'shop-edge', namespace: 'shop' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service', name: 'canary-svc' }, { group: '', kind: 'Service', name: 'web-svc' }] },
    });
    expect(one(manifests, 'HTTPRoute', 'redirect').spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
    const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })));
    expect(result.findings).toEqual([]);
    const webAccess = result.services.find(s => s.name === 'web-svc')!;
    expect(webAccess.routes.filter(x => x.via === AccessKind.GATEWAY).map(x => x.address)).toEqual([
      'https://shop.example.com/ [prefix] (Gateway edge/gw, listener https, HTTPRoute edge/shop)',
      'https://shop.example.com/api (Gateway edge/gw, listener https, HTTPRoute edge/shop)',
    ]);
    expect(manifests.filter(m => m.kind !== 'Deployment' && m.kind !== 'Service')).toMatchSnapshot();
  });

  test('fails when a rule sets service with backends, redirect with backends, nothing, or the route has no rules', () => {
    const c = chart();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    new HttpRoute(c, 'r', {
      gateway: gw,
      rules: [
        { service: svc, backends: [{ service: svc }] },
        { redirect: { statusCode: 301 }, backends: [{ service: svc }] },
        { path: '/nothing' },
      ],
    });
    // on its own Gateway: its default rule (PathPrefix '/') would otherwise conflict with rule 1 of 'r'
    const gw2 = new Gateway(c, 'gw2', { gatewayClassName: 'eg', listeners: [http] });
    new HttpRoute(c, 'empty', { gateway: gw2, rules: [] });
    expect(findings(synthError(c))).toEqual([
      'httproute-filters spec.rules[1].backendRefs',
      'httproute-rule-action spec.rules',
      'httproute-rule-action spec.rules[0].backendRefs',
      'httproute-rule-action spec.rules[1].filters',
      'httproute-rule-action spec.rules[2]',
    ]);
  });

  test('fails on null, NaN and wrong types, never throwing', () => {
    const c = chart();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    new HttpRoute(c, 'r', {
      gateway: gw,
      hostnames: ['Bad_Host'],
      rules: [
        { service: svc, timeoutSeconds: NaN, method: 'FETCH' },
        { backends: [{ service: svc, weight: -1 }], path: 'no-slash' },
        { backends: null as any, service: null as any, redirect: { statusCode: 399 } },
      ],
    });
    expect(findings(synthError(c))).toEqual([
      'httproute-filters spec.rules[2].filters[0].requestRedirect.statusCode',
      'httproute-hostnames spec.hostnames[0]',
      'httproute-matches spec.rules[0].matches[0].method',
      'httproute-path spec.rules[1].matches[0].path.value',
      'httproute-backend-refs spec.rules[1].backendRefs[0].weight',
      'httproute-timeouts spec.rules[0].timeouts.request',
    ].sort());
  });
});

describe('HttpRoute wiring (one test per check)', () => {
  function base(ns?: string) {
    const c = chart('w', ns);
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }] });
    return { c, svc };
  }

  test('fails when a backend port is not a port of the Service', () => {
    const { c, svc } = base();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    new HttpRoute(c, 'r', { gateway: gw, rules: [{ service: svc, port: 8080 }, { service: svc, port: 'metrics' }] });
    expect(findings(synthError(c))).toEqual([
      'httproute-backend-port spec.rules[0].backendRefs[0].port',
      'httproute-backend-reference-port spec.rules[1].backendRefs[0].port',
      'httproute-backend-refs spec.rules[1].backendRefs[0].port',
    ]);
  });

  test('fails when sectionName names no listener of the Gateway', () => {
    const { c, svc } = base();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    new HttpRoute(c, 'r', { gateway: gw, sectionName: 'https', rules: [{ service: svc }] });
    expect(findings(synthError(c))).toEqual(['httproute-section-name spec.parentRefs[0].sectionName']);
  });

  test('fails when the route hostnames intersect no listener hostname', () => {
    const { c, svc } = base();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [{ ...http, hostname: '*.example.com' }] });
    new HttpRoute(c, 'r', { gateway: gw, hostnames: ['example.org'], rules: [{ service: svc }] });
    expect(findings(synthError(c))).toEqual(['httproute-hostname-listener spec.hostnames']);
  });

  test('fails when the route is in another namespace than a Gateway whose listeners allow only Same', () => {
    const app = Testing.app();
    const edge = new Chart(app, 'edge', { namespace: 'edge' });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const gw = new Gateway(edge, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    const svc = new ExposedService(shop, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    new HttpRoute(shop, 'r', { gateway: gw, rules: [{ service: svc }] });
    expect(findings(synthError(shop))).toEqual(['httproute-namespace-allowed spec.parentRefs[0]']);
  });

  test('fails when a backend in another namespace has no ReferenceGrant (manifests)', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'edge' },
      spec: { rules: [{ backendRefs: [{ name: 'svc', namespace: 'shop', port: 80 }] }] },
    };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } };
    const grant = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'g', namespace: 'shop' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service' }] },
    };
    const ids = (ms: any[]) => ManifestAnalyzer.analyze(ms.map(manifest => ({ manifest }))).findings.map(f => `${f.rule} ${f.field}`);
    expect(ids([route, svc])).toEqual(['httproute-reference-grant spec.rules[0].backendRefs[0].namespace']);
    expect(ids([route, svc, grant])).toEqual([]);
    // ReferenceGrant v1 is served from bundle v1.5: a warning over the default range v1.4..v1.6, the grant still counts
    expect(ids([route, svc, { ...grant, apiVersion: 'gateway.networking.k8s.io/v1' }])).toEqual(['object-api-version-bundle apiVersion']);
  });

  // a warning since issue 20: the Gateway API resolves the conflict deterministically and accepts both routes
  test('fails when two HTTPRoutes on one Gateway claim the same hostname and match (a warning, failing with warningsAsErrors)', () => {
    const { c, svc } = base();
    ExposePolicy.set(c, { warningsAsErrors: true, printWarnings: false });
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    new HttpRoute(c, 'first', { gateway: gw, hostnames: ['a.example.com'], rules: [{ path: '/api', service: svc }] });
    new HttpRoute(c, 'second', { gateway: gw, hostnames: ['a.example.com'], rules: [{ path: '/api', service: svc }, { path: '/api', method: 'GET', service: svc }] });
    expect(findings(synthError(c))).toEqual(['httproute-conflict spec.rules[0].matches[0]']);
  });

  test('a Gateway referenced with fromName without listeners: listener checks are skipped; with listeners: they run', () => {
    const { c, svc } = base();
    const unknown = Gateway.fromName(c, 'ext', 'shared', { namespace: 'infra' });
    new HttpRoute(c, 'r1', { gateway: unknown, sectionName: 'nope', rules: [{ service: svc }] });
    const routes = byKind(synth(c), 'HTTPRoute');
    expect(routes[0].spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'infra', sectionName: 'nope' }]);
    const known = Gateway.fromName(c, 'ext2', 'shared2', { namespace: 'infra', listeners: [{ ...http, allowedRoutes: RouteNamespaces.ALL }] });
    new HttpRoute(c, 'r2', { gateway: known, sectionName: 'nope', rules: [{ service: svc }] });
    expect(findings(synthError(c))).toEqual(['httproute-section-name spec.parentRefs[0].sectionName']);
  });

  test('a backend Service referenced by name is declared in the external-services annotation; unknown ones warn in manifests', () => {
    const { c } = base();
    const gw = new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [http] });
    const ext = ExposedService.fromName(c, 'ext', 'billing', { ports: [{ port: 80 }] });
    new HttpRoute(c, 'r', { gateway: gw, rules: [{ service: ext }] });
    const manifests = synth(c);
    const route = one(manifests, 'HTTPRoute');
    expect(route.metadata.annotations).toEqual({ [EXTERNAL_SERVICES_ANNOTATION]: 'billing' });
    const { metadata: { annotations, ...meta }, ...rest } = route;
    const bare = { ...rest, metadata: meta };
    expect(ManifestAnalyzer.analyze([{ manifest: bare }]).findings.map(f => `${f.severity} ${f.rule} ${f.field}`))
      .toEqual(['warning httproute-backend-service spec.rules[0].backendRefs[0].name']);
  });
});

describe('the manifest checker reads the Gateway API kinds', () => {
  test('ManifestAnalyzer.analyze checks Gateway, HTTPRoute and ReferenceGrant and skips none of them', () => {
    const result = ManifestAnalyzer.analyze([
      { manifest: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'h', port: 0, protocol: 'HTTP' }] } } },
      { manifest: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { hostnames: ['1.2.3.4'], parentRefs: [{ name: 'g' }] } } },
      { manifest: { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [], to: [{ group: '', kind: 'Service' }] } } },
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.findings.map(f => `${f.severity} ${f.kind} ${f.rule} ${f.field}`)).toEqual([
      'error Gateway gateway-listeners spec.listeners[0].port',
      'warning HTTPRoute httproute-hostnames spec.hostnames[0]',
      'error ReferenceGrant referencegrant-spec spec.from',
    ]);
  });
});
