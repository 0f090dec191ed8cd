import { Testing } from 'cdk8s';
import { synth, validateSchema } from './util';
import { IngressChart, HttpRouteChart } from '../examples/charts';
import { ManifestAnalyzer, ServiceAccess } from '../src';
import { AccessKind, EntryKind, OUTSIDE_THE_SET } from '../src/checker/routes';

/*
 * Seed 004 two ways, an Ingress (examples: IngressChart) and an HTTPRoute on a Gateway
 * (HttpRouteChart): the access map gives the same URLs to the same Service ports and
 * pods, and differs only in how they are reached (via, and the object named in the address).
 */

/** foo or bar as deployed elsewhere: a Deployment whose container serves port 8080 (http), and a Service 80 -> http selecting it. */
function deployedElsewhere(name: string): any[] {
  const labels = { app: name };
  const objects = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name, image: `example/${name}:1`, ports: [{ name: 'http', containerPort: 8080 }] }] } },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] } },
  ];
  objects.forEach(validateSchema);
  return objects;
}

const seed004 = {
  ingress: () => synth(new IngressChart(Testing.app(), 'seed-004-ingress')),
  gateway: () => synth(new HttpRouteChart(Testing.app(), 'seed-004-gateway')),
};

/** The access map of a set of manifests; the set must have no finding. */
function accessMap(manifests: any[]): ServiceAccess[] {
  const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })));
  expect(result.findings).toEqual([]);
  return result.services;
}

/** The URL of an Ingress or Gateway address, without the object that serves it. */
function url(address: string): string {
  const m = /^(\S+(?: \[prefix\])?) \((?:Ingress|Gateway) [^)]*\)$/.exec(address);
  if (!m) throw new Error(`not a route address: ${address}`);
  return m[1];
}

/** The access map with every Ingress and Gateway row reduced to its URL: what both versions must agree on. */
function withoutVia(services: ServiceAccess[]): any[] {
  return services.map(s => ({
    ...s,
    routes: s.routes.map(r => (r.via === AccessKind.INGRESS || r.via === AccessKind.GATEWAY ? { ...r, via: 'url', address: url(r.address) } : r)),
    rows: s.rows.map(r => {
      if (r.entry.kind !== EntryKind.INGRESS && r.entry.kind !== EntryKind.GATEWAY) return r;
      const { route, gateway, listener, ...path } = r.path;
      const { kind, port, ...entry } = r.entry;
      return { ...r, address: url(r.address), entry, path };
    }),
  }));
}

/** The URL rows as `url -> namespace/service port -> target`. */
function urlRows(services: ServiceAccess[], via: AccessKind): string[] {
  return services.flatMap(s => s.routes.filter(r => r.via === via).map(r => `${url(r.address)} -> ${s.namespace}/${s.name} ${r.servicePort} -> ${r.target}`));
}

describe('seed 004: the Ingress and the HTTPRoute give the same access map', () => {
  test('with foo and bar in the set, both reach the same Service ports and pods', () => {
    const backends = [...deployedElsewhere('foo'), ...deployedElsewhere('bar')];
    const ingress = accessMap([...seed004.ingress(), ...backends]);
    const gateway = accessMap([...seed004.gateway(), ...backends]);
    const expected = [
      'http://service.libert.xyz/health [prefix] -> default/foo 80/TCP -> targetPort http -> Deployment default/foo container foo port 8080/TCP (http)',
      'http://service.libert.xyz/bar [prefix] -> default/bar 80/TCP -> targetPort http -> Deployment default/bar container bar port 8080/TCP (http)',
    ];
    expect(urlRows(ingress, AccessKind.INGRESS)).toEqual(expected);
    expect(urlRows(gateway, AccessKind.GATEWAY)).toEqual(expected);
    expect(urlRows(ingress, AccessKind.GATEWAY)).toEqual([]);
    expect(urlRows(gateway, AccessKind.INGRESS)).toEqual([]);
    expect(withoutVia(gateway)).toEqual(withoutVia(ingress));
    expect(gateway.find(s => s.name === 'foo')!.routes.filter(r => r.via === AccessKind.GATEWAY).map(r => r.address))
      .toEqual(['http://service.libert.xyz/health [prefix] (Gateway default/gateway, listener http, HTTPRoute default/example)']);
    expect(ingress.find(s => s.name === 'foo')!.routes.filter(r => r.via === AccessKind.INGRESS).map(r => r.address))
      .toEqual(['http://service.libert.xyz/health [prefix] (Ingress default/example)']);
  });

  test('without foo and bar in the set, both list their URLs, the Service marked outside the checked set', () => {
    const ingress = accessMap(seed004.ingress());
    const gateway = accessMap(seed004.gateway());
    const outside = (name: string) => `Service default/${name} is not in the checked set: its pods are unknown`;
    expect(urlRows(ingress, AccessKind.INGRESS)).toEqual([
      `http://service.libert.xyz/health [prefix] -> default/foo 80 -> ${outside('foo')}`,
      `http://service.libert.xyz/bar [prefix] -> default/bar 80 -> ${outside('bar')}`,
    ]);
    expect(ingress.map(s => `${s.namespace}/${s.name} ${s.type}`)).toEqual([`default/foo ${OUTSIDE_THE_SET}`, `default/bar ${OUTSIDE_THE_SET}`]);
    expect(withoutVia(gateway)).toEqual(withoutVia(ingress));
  });

  test('without the Gateway in the set, the HTTPRoute still lists its URLs, the Gateway marked outside the checked set', () => {
    const backends = [...deployedElsewhere('foo'), ...deployedElsewhere('bar')];
    const routeOnly = seed004.gateway().filter(m => m.kind !== 'Gateway');
    const services = accessMap([...routeOnly, ...backends]);
    expect(services.flatMap(s => s.routes.filter(r => r.via === AccessKind.GATEWAY).map(r => `${s.name} ${r.address}`))).toEqual([
      'foo <scheme>://service.libert.xyz/health [prefix] (Gateway default/gateway not in the checked set, HTTPRoute default/example)',
      'bar <scheme>://service.libert.xyz/bar [prefix] (Gateway default/gateway not in the checked set, HTTPRoute default/example)',
    ]);
  });
});
