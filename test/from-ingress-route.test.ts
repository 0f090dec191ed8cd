import { Testing } from 'cdk8s';
import { synth } from './util';
import { ExposedService, Findings, Gateway, GatewayProtocol, HttpRoute, IngressRoute, ManifestAnalyzer, PathType } from '../src';
import { backendOf } from '../src/checker/access-diff';
import { EntryKind } from '../src/checker/routes';

/*
 * HttpRoute.fromIngressRoute: one HttpRoute per host of an IngressRoute, attached to a Gateway;
 * what does not carry over (ImplementationSpecific paths, TLS, nginx annotations) is a
 * convert-untranslated warning. The access-map rows of the Ingress and of the routes are equal:
 * the same host, path and match type reach the same Service and port (seed 004 first).
 */

/** The Ingress or Gateway rows of an access map: `host path match -> Service:port -> target`. */
function rows(manifests: any[], via: EntryKind): string[] {
  const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })));
  return result.services.flatMap(s => s.rows.filter(r => r.entry.kind === via).map(r => `${r.entry.host} ${r.entry.path} ${r.entry.pathMatch} -> ${backendOf(r)}`)).sort();
}

/** Services deployed elsewhere, in both sets: a named port then reads as its number in both maps. */
function services(...ports: Array<[string, number, string?]>): any[] {
  return ports.map(([name, port, portName]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ port, ...(portName ? { name: portName } : {}) }] } }));
}

function both(build: (chart: any) => { ingress: IngressRoute; gateway: Gateway }, sectionName?: string, elsewhere: any[] = []) {
  const chart = Testing.chart();
  const { ingress, gateway } = build(chart);
  const routes = HttpRoute.fromIngressRoute(chart, 'moved', ingress, { gateway, ...(sectionName ? { sectionName } : {}) });
  const manifests = synth(chart);
  return {
    routes,
    findings: Findings.of(chart).map(f => `${f.rule} ${f.severity} ${f.path.split('/').pop()} ${f.field}`),
    ingressRows: rows([...manifests.filter(m => m.kind !== 'HTTPRoute' && m.kind !== 'Gateway'), ...elsewhere], EntryKind.INGRESS),
    gatewayRows: rows([...manifests.filter(m => m.kind !== 'Ingress'), ...elsewhere], EntryKind.GATEWAY),
    manifests,
  };
}

const httpGateway = (chart: any) => new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: GatewayProtocol.HTTP }] });

describe('HttpRoute.fromIngressRoute', () => {
  test('holds when seed 004 moves: the access-map rows of the Ingress and the HttpRoute are equal', () => {
    const r = both(chart => {
      const foo = ExposedService.fromName(chart, 'foo', 'foo', { ports: [{ port: 80 }] });
      const bar = ExposedService.fromName(chart, 'bar', 'bar', { ports: [{ port: 80 }] });
      const ingress = new IngressRoute(chart, 'example', { host: 'service.libert.xyz', paths: [{ path: '/health', service: foo, port: 80 }, { path: '/bar', service: bar, port: 80 }] });
      return { ingress, gateway: httpGateway(chart) };
    });
    expect(r.routes).toHaveLength(1);
    expect(r.routes[0].toJson().spec.hostnames).toEqual(['service.libert.xyz']);
    expect(r.findings).toEqual([]);
    expect(r.ingressRows).toEqual([
      'service.libert.xyz /bar Prefix -> Service default/bar:80 -> outside-the-set',
      'service.libert.xyz /health Prefix -> Service default/foo:80 -> outside-the-set',
    ]);
    expect(r.gatewayRows).toEqual(r.ingressRows);
  });

  test('holds when a multi-host IngressRoute with a default backend gives one HttpRoute per host and one without hostnames, rows equal', () => {
    const r = both(chart => {
      const web = ExposedService.fromName(chart, 'web', 'web', { ports: [{ port: 80, name: 'http' }] });
      const api = ExposedService.fromName(chart, 'api', 'api', { ports: [{ port: 8080 }] });
      const ingress = new IngressRoute(chart, 'shop', {
        rules: [
          { host: 'shop.example.com', paths: [{ path: '/', service: web, port: 'http' }, { path: '/api', pathType: PathType.EXACT, service: api }] },
          { host: 'www.example.com', paths: [{ path: '/', service: web }] },
        ],
        defaultBackend: { service: web },
      });
      return { ingress, gateway: httpGateway(chart) };
    }, undefined, services(['web', 80, 'http'], ['api', 8080]));
    expect(r.routes.map(x => x.toJson().spec.hostnames)).toEqual([['shop.example.com'], ['www.example.com'], undefined]);
    expect(r.findings).toEqual([]);
    expect(r.ingressRows).toEqual([
      '* / Prefix -> Service default/web:80 -> no-selector',
      'shop.example.com / Prefix -> Service default/web:80 -> no-selector',
      'shop.example.com /api Exact -> Service default/api:8080 -> no-selector',
      'www.example.com / Prefix -> Service default/web:80 -> no-selector',
    ]);
    expect(r.gatewayRows).toEqual(r.ingressRows);
  });

  test('fails when paths are ImplementationSpecific, the host has TLS, or nginx annotations are set: convert-untranslated warnings on the route', () => {
    const r = both(chart => {
      const web = ExposedService.fromName(chart, 'web', 'web', { ports: [{ port: 80 }] });
      const ingress = new IngressRoute(chart, 'shop', {
        host: 'shop.example.com',
        paths: [{ path: '/legacy', pathType: PathType.IMPLEMENTATION_SPECIFIC, service: web }],
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        annotations: { 'nginx.ingress.kubernetes.io/limit-rps': '5' },
      });
      return { ingress, gateway: httpGateway(chart) };
    }, 'http');
    expect(r.findings).toEqual([
      'convert-untranslated warning moved spec.rules[0].matches[0].path',
      'convert-untranslated warning moved spec.hostnames',
      'convert-untranslated warning moved metadata.annotations[\'nginx.ingress.kubernetes.io/limit-rps\']',
    ]);
    expect(r.routes[0].toJson().spec.parentRefs[0].sectionName).toEqual('http');
    // the Ingress stays until it is deleted
    expect(r.manifests.map(m => m.kind).sort()).toEqual(['Gateway', 'HTTPRoute', 'Ingress']);
  });
});
