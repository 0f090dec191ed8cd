import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ManifestAnalyzer, ServiceAccess } from '../src';
import { cli } from './util';
import { diffAccess, summarize } from '../src/checker/access-diff';
import { AccessRow, EntryKind } from '../src/checker/routes';
import { htmlText } from '../src/cli/access-html';
import { markdownCell } from '../src/model/text';

/*
 * The access map of the Gateway route kinds beyond HTTPRoute (GRPCRoute, TLSRoute, TCPRoute,
 * UDPRoute), on a platform Gateway of the shape real clusters run (a shared `infra/edge` with an
 * HTTPS, a TLS passthrough, a TCP and a UDP listener, routes admitted from every namespace), and
 * the factored shape of the route map (issue 19 item 12).
 */

const GW = { kind: 'Gateway', namespace: 'infra', name: 'edge' };
const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'edge', namespace: 'infra' },
  spec: {
    gatewayClassName: 'platform',
    listeners: [
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: [{ name: 'wildcard' }] }, allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'tls', port: 8443, protocol: 'TLS', hostname: '*.db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'udp', port: 53, protocol: 'UDP', allowedRoutes: { namespaces: { from: 'All' } } },
    ],
  },
};

/** A Deployment `name` whose container `app` declares `ports`, and a Service of `servicePorts` selecting it. */
function app(name: string, ports: object[], servicePorts: object[]): object[] {
  const labels = { app: name };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop' },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: `example/${name}:1`, ports }] } } },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { selector: labels, ports: servicePorts } },
  ];
}

const cart = app('cart', [{ name: 'grpc', containerPort: 50051 }], [{ name: 'grpc', port: 50051, targetPort: 'grpc', appProtocol: 'kubernetes.io/h2c' }]);
const db = app('db', [{ name: 'pg', containerPort: 5432 }], [{ name: 'pg', port: 5432, targetPort: 'pg' }]);
const dns = app('dns', [{ name: 'dns', containerPort: 5353, protocol: 'UDP' }], [{ name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }]);

function route(kind: string, name: string, spec: object): object {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, namespace: 'shop' }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], ...spec } };
}

const grpc = (port = 50051) => route('GRPCRoute', 'cart', {
  hostnames: ['api.example.com'],
  rules: [
    { matches: [{ method: { service: 'shop.v1.Cart', method: 'GetCart' } }, { method: { type: 'RegularExpression', service: 'shop\\.v1\\..*' } }], backendRefs: [{ name: 'cart', port }] },
  ],
});
const tls = (port = 5432) => route('TLSRoute', 'db', { hostnames: ['pg.db.example.com', 'replica.db.example.com'], rules: [{ backendRefs: [{ name: 'db', port }] }] });
const tcp = (port = 5432) => route('TCPRoute', 'db-tcp', { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'tcp' }], rules: [{ backendRefs: [{ name: 'db', port }] }] });
const udp = (port = 53) => route('UDPRoute', 'dns', { rules: [{ backendRefs: [{ name: 'dns', port }] }] });

function analyze(...manifests: object[]): { services: ServiceAccess[]; rules: string[] } {
  const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })), { gatewayApiVersion: 'v1.6' });
  return { services: result.services, rules: result.findings.map(f => f.rule) };
}

/** The Gateway rows of a Service. */
function gatewayRows(services: ServiceAccess[], name: string): AccessRow[] {
  return services.find(s => s.name === name)!.rows.filter(r => r.entry.kind === EntryKind.GATEWAY);
}

const workload = (name: string, containerPort: number) => ({ workload: { kind: 'Deployment', namespace: 'shop', name }, container: 'app', containerPort });

describe('the access map of GRPCRoute, TLSRoute, TCPRoute and UDPRoute', () => {
  test('holds when a GRPCRoute matches a service and method: one row, its matches as `/service/method`, to the container port', () => {
    const { services, rules } = analyze(gateway, ...cart, grpc());
    expect(rules).toEqual([]);
    const matches = [
      { path: '/shop.v1.Cart/GetCart', pathMatch: 'Exact', grpcService: 'shop.v1.Cart', grpcMethod: 'GetCart' },
      { path: '/shop\\.v1\\..*/*', pathMatch: 'RegularExpression', grpcService: 'shop\\.v1\\..*' },
    ];
    expect(gatewayRows(services, 'cart')).toEqual([{
      entry: { kind: 'gateway', host: 'api.example.com', hosts: ['api.example.com'], port: 443, protocol: 'HTTPS', matches, tls: true },
      path: {
        route: { kind: 'GRPCRoute', namespace: 'shop', name: 'cart' },
        gateway: GW,
        listener: 'https',
        gatewayInSet: true,
        service: { kind: 'Service', namespace: 'shop', name: 'cart' },
        servicePort: 50051,
        servicePortName: 'grpc',
        targetPort: 'grpc',
        workloads: [workload('cart', 50051)],
        status: 'resolved',
      },
      scope: 'external',
      broken: false,
      address: 'https://api.example.com{/shop.v1.Cart/GetCart, /shop\\.v1\\..*/* [regex]} (Gateway infra/edge, listener https, GRPCRoute shop/cart)',
      servicePort: '50051/TCP (grpc)',
      target: 'targetPort grpc -> Deployment shop/cart container app port 50051/TCP (grpc)',
    }]);
  });

  test('holds when a TLSRoute passes SNI hostnames through: one row on the Passthrough listener, TLS not terminated', () => {
    const { services, rules } = analyze(gateway, ...db, tls());
    expect(rules).toEqual([]);
    expect(gatewayRows(services, 'db')).toEqual([{
      entry: { kind: 'gateway', hosts: ['pg.db.example.com', 'replica.db.example.com'], port: 8443, protocol: 'TLS', tls: false },
      path: {
        route: { kind: 'TLSRoute', namespace: 'shop', name: 'db' },
        gateway: GW,
        listener: 'tls',
        gatewayInSet: true,
        service: { kind: 'Service', namespace: 'shop', name: 'db' },
        servicePort: 5432,
        servicePortName: 'pg',
        targetPort: 'pg',
        workloads: [workload('db', 5432)],
        status: 'resolved',
      },
      scope: 'external',
      broken: false,
      address: 'tls://{pg.db.example.com, replica.db.example.com}:8443 (Gateway infra/edge, listener tls, TLSRoute shop/db)',
      servicePort: '5432/TCP (pg)',
      target: 'targetPort pg -> Deployment shop/db container app port 5432/TCP (pg)',
    }]);
  });

  test('holds when a TCPRoute and a UDPRoute attach to their listeners: the listener port and protocol, no hostname', () => {
    const { services, rules } = analyze(gateway, ...db, ...dns, tcp(), udp());
    expect(rules).toEqual([]);
    expect(gatewayRows(services, 'db')).toEqual([{
      entry: { kind: 'gateway', port: 5432, protocol: 'TCP', tls: false },
      path: {
        route: { kind: 'TCPRoute', namespace: 'shop', name: 'db-tcp' },
        gateway: GW,
        listener: 'tcp',
        gatewayInSet: true,
        service: { kind: 'Service', namespace: 'shop', name: 'db' },
        servicePort: 5432,
        servicePortName: 'pg',
        targetPort: 'pg',
        workloads: [workload('db', 5432)],
        status: 'resolved',
      },
      scope: 'external',
      broken: false,
      address: 'tcp://<gateway>:5432 (Gateway infra/edge, listener tcp, TCPRoute shop/db-tcp)',
      servicePort: '5432/TCP (pg)',
      target: 'targetPort pg -> Deployment shop/db container app port 5432/TCP (pg)',
    }]);
    expect(gatewayRows(services, 'dns')).toEqual([{
      entry: { kind: 'gateway', port: 53, protocol: 'UDP', tls: false },
      path: {
        route: { kind: 'UDPRoute', namespace: 'shop', name: 'dns' },
        gateway: GW,
        listener: 'udp',
        gatewayInSet: true,
        service: { kind: 'Service', namespace: 'shop', name: 'dns' },
        servicePort: 53,
        servicePortName: 'dns',
        targetPort: 'dns',
        workloads: [workload('dns', 5353)],
        status: 'resolved',
      },
      scope: 'external',
      broken: false,
      address: 'udp://<gateway>:53 (Gateway infra/edge, listener udp, UDPRoute shop/dns)',
      servicePort: '53/UDP (dns)',
      target: 'targetPort dns -> Deployment shop/dns container app port 5353/UDP (dns)',
    }]);
  });

  test.each([
    ['GRPCRoute', cart, grpc(9090), 'cart', 'grpcroute-backend-port', 9090],
    ['TLSRoute', db, tls(5433), 'db', 'tlsroute-backend-port', 5433],
    ['TCPRoute', db, tcp(5433), 'db', 'tcproute-backend-port', 5433],
    ['UDPRoute', dns, udp(54), 'dns', 'udproute-backend-port', 54],
  ])('fails when a %s names a port its Service lacks: a broken row with the rule', (_kind, objects, r, name, rule, port) => {
    const { services, rules } = analyze(gateway, ...objects, r);
    expect(rules).toEqual([rule]);
    const fields = (x: AccessRow) => ({
      status: x.path.status, rule: x.path.rule, servicePort: x.path.servicePort, broken: x.broken, workloads: x.path.workloads,
    });
    expect(gatewayRows(services, name).map(fields))
      .toEqual([{ status: 'unresolved', rule, servicePort: port, broken: true, workloads: [] }]);
  });

  test('holds when a TLSRoute attaches to a Gateway outside the set: the route\'s SNI hostnames, the Gateway marked outside', () => {
    const { services } = analyze(...db, tls());
    expect(gatewayRows(services, 'db').map(r => [r.address, r.path.gatewayInSet, r.entry.protocol])).toEqual([
      ['tls://{pg.db.example.com, replica.db.example.com} (Gateway infra/edge not in the checked set, TLSRoute shop/db)', false, 'TLS'],
    ]);
  });
});

describe('every output format shows the route kinds', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-routes-'));
    const yaml = (objects: object[]) => objects.map(o => JSON.stringify(o)).join('\n');
    fs.writeFileSync(path.join(dir, 'base.json'), yaml([gateway, ...cart, ...db, ...dns]));
    fs.writeFileSync(path.join(dir, 'head.json'), yaml([gateway, ...cart, ...db, ...dns, grpc(), tls(), tcp(), udp()]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const addresses = [
    'https://api.example.com{/shop.v1.Cart/GetCart, /shop\\.v1\\..*/* [regex]} (Gateway infra/edge, listener https, GRPCRoute shop/cart)',
    'tls://{pg.db.example.com, replica.db.example.com}:8443 (Gateway infra/edge, listener tls, TLSRoute shop/db)',
    'tcp://<gateway>:5432 (Gateway infra/edge, listener tcp, TCPRoute shop/db-tcp)',
    'udp://<gateway>:53 (Gateway infra/edge, listener udp, UDPRoute shop/dns)',
  ];

  test.each(['table', 'markdown', 'html'])('holds when routes --format %s: every route kind\'s address', format => {
    const r = cli('routes', '--format', format, path.join(dir, 'head.json'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const escaped = (s: string) => (format === 'html' ? htmlText(s) : format === 'markdown' ? markdownCell(s) : s);
    for (const a of addresses) expect(r.out).toContain(escaped(a));
  });

  test('holds when routes --format json: the rows of every route kind, with their route', () => {
    const r = cli('routes', '--format', 'json', path.join(dir, 'head.json'));
    const doc = JSON.parse(r.out);
    const gatewayRowsOut = doc.services.flatMap((s: any) => s.rows.filter((x: any) => x.via === 'gateway').map((x: any) => [x.path.route.kind, x.address]));
    expect(gatewayRowsOut).toEqual([
      ['GRPCRoute', addresses[0]], ['TLSRoute', addresses[1]], ['TCPRoute', addresses[2]], ['UDPRoute', addresses[3]],
    ]);
  });

  test.each(['mermaid', 'dot'])('holds when routes --format %s: a route node per route kind', format => {
    const r = cli('routes', '--format', format, path.join(dir, 'head.json'));
    for (const kind of ['GRPCRoute shop/cart', 'TLSRoute shop/db', 'TCPRoute shop/db-tcp', 'UDPRoute shop/dns']) expect(r.out).toContain(kind);
  });

  test('holds when diff adds the routes: one added external entry per listener and route, hostnames and matches as sets', () => {
    const r = cli('diff', '--format', 'json', path.join(dir, 'base.json'), path.join(dir, 'head.json'));
    const doc = JSON.parse(r.out);
    expect(doc.changes.filter((c: any) => c.kind === 'gateway').map((c: any) => [c.change, c.entry, c.after])).toEqual([
      ['added', addresses[0], 'Service shop/cart:50051 -> Deployment shop/cart:50051'],
      ['added', addresses[2], 'Service shop/db:5432 -> Deployment shop/db:5432'],
      ['added', addresses[1], 'Service shop/db:5432 -> Deployment shop/db:5432'],
      ['added', addresses[3], 'Service shop/dns:53 -> Deployment shop/dns:5353'],
    ]);
  });

  test('holds when diff adds the routes: each exposure finding is on its route, at the line of its document', () => {
    const r = cli('diff', '--format', 'json', path.join(dir, 'base.json'), path.join(dir, 'head.json'));
    const doc = JSON.parse(r.out);
    // head.json: one object a line; the routes are its last four
    const head = path.join(dir, 'head.json');
    const lines = fs.readFileSync(head, 'utf8').split('\n').length;
    expect(doc.findings.map((f: any) => [f.rule, f.kind, f.name, f.file, f.objectLine])).toEqual([
      ['exposure-external-added', 'GRPCRoute', 'cart', head, lines - 3],
      ['exposure-external-added', 'TCPRoute', 'db-tcp', head, lines - 1],
      ['exposure-external-added', 'TLSRoute', 'db', head, lines - 2],
      ['exposure-external-added', 'UDPRoute', 'dns', head, lines],
    ]);
  });
});

describe('the route map is factored (issue 19 item 12)', () => {
  // G Gateways of L listeners; one HTTPRoute with P = G parentRefs, H hostnames, M matches (one rule) and B backends
  const [G, L, H, M, B] = [3, 4, 5, 6, 7];
  const gateways = Array.from({ length: G }, (_, g) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: `gw-${g}`, namespace: 'infra' },
    spec: { gatewayClassName: 'edge', listeners: Array.from({ length: L }, (__, l) => ({ name: `l${l}`, port: 8000 + l, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } })) },
  }));
  const services = Array.from({ length: B }, (_, b) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${b}`, namespace: 'shop' }, spec: { ports: [{ port: 80 }] } }));
  const wide = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'wide', namespace: 'shop' },
    spec: {
      parentRefs: gateways.map(g => ({ name: g.metadata.name, namespace: 'infra' })),
      hostnames: Array.from({ length: H }, (_, h) => `h${h}.example.com`),
      rules: [{ matches: Array.from({ length: M }, (_, m) => ({ path: { type: 'PathPrefix', value: `/p${m}` } })), backendRefs: services.map(s => ({ name: s.metadata.name, port: 80 })) }],
    },
  };

  test('holds when a route has P parentRefs x L listeners x H hostnames x M matches x B backends: P x L x B rows, the hostnames and matches as sets', () => {
    const result = ManifestAnalyzer.analyze([...gateways, ...services, wide].map(manifest => ({ manifest })));
    const rows = result.services.flatMap(s => s.rows.filter(r => r.entry.kind === EntryKind.GATEWAY));
    // the formula: the sum over parentRefs of the listeners attached, times the Service backends of the rules; never times H or M
    expect(rows.length).toBe(G * L * B);
    expect(new Set(rows.map(r => r.entry.hosts!.length))).toEqual(new Set([H]));
    expect(new Set(rows.map(r => r.entry.matches!.length))).toEqual(new Set([M]));
    // one set per attachment, shared by the rows of its backends
    expect(new Set(rows.map(r => r.entry.hosts)).size).toBe(G * L);
    expect(rows[0].address).toBe('http://{h0.example.com, h1.example.com, h2.example.com, h3.example.com, … +1 more}:8000'
      + '{/p0 [prefix], /p1 [prefix], /p2 [prefix], /p3 [prefix], … +2 more} (Gateway infra/gw-0, listener l0, HTTPRoute shop/wide)');
  });

  test('holds when a summary keeps more rows than one deflated batch: every removal carries its BASE row as it was', () => {
    // 300 Services without a selector, 2 rows each (cluster DNS, namespace DNS): 600 rows, five batches of 64 Services
    const many = Array.from({ length: 300 }, (_, i) => ({
      apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}`, namespace: 'shop' }, spec: { ports: [{ port: 80 + (i % 7), name: 'http' }] },
    }));
    const rows = ManifestAnalyzer.analyze(many.map(manifest => ({ manifest }))).services.flatMap(s => s.rows);
    expect(rows.length).toBe(600);
    const d = diffAccess(summarize(ManifestAnalyzer.analyze(many.map(manifest => ({ manifest }))).services), new Map(), new Map(), []);
    expect(new Set(d.changes.map(c => c.change))).toEqual(new Set(['removed']));
    const byAddress = (all: AccessRow[]) => new Map(all.map(r => [r.address, r]));
    expect(byAddress(d.changes.map(c => c.row))).toEqual(byAddress(JSON.parse(JSON.stringify(rows))));
  });

  test('holds when diff compares factored rows: a hostname added is one change per listener, naming it with every match', () => {
    const head = { ...wide, spec: { ...wide.spec, hostnames: [...wide.spec.hostnames, 'new.example.com'] } };
    const summary = (objects: object[]) => summarize(ManifestAnalyzer.analyze(objects.map(manifest => ({ manifest }))).services);
    const d = diffAccess(summary([...gateways, ...services, wide]), summary([...gateways, ...services, head]), new Map(), []);
    expect(d.changes.length).toBe(G * L);
    expect(new Set(d.changes.map(c => c.change))).toEqual(new Set(['added']));
    expect(d.changes[0].entry).toBe('http://new.example.com:8000{/p0 [prefix], /p1 [prefix], /p2 [prefix], /p3 [prefix], … +2 more} (Gateway infra/gw-0, listener l0, HTTPRoute shop/wide)');
    expect(d.changes[0].after).toBe(services.map(s => `Service shop/${s.metadata.name}:80 -> no-selector`).sort().join('; '));
  });

  test('holds when diff compares factored rows: a hostname removed and a backend re-pointed are changes of those hostnames only', () => {
    const summary = (objects: object[]) => summarize(ManifestAnalyzer.analyze(objects.map(manifest => ({ manifest }))).services);
    const rule = wide.spec.rules[0];
    const rules = [{ ...rule, backendRefs: rule.backendRefs.slice(1) }];
    const head = { ...wide, spec: { ...wide.spec, hostnames: wide.spec.hostnames.slice(0, H - 1), rules } };
    const d = diffAccess(summary([...gateways, ...services, wide]), summary([...gateways, ...services, head]), new Map(), []);
    const hosts = wide.spec.hostnames;
    expect(d.changes.filter(c => c.row.path.gateway?.name === 'gw-0' && c.row.path.listener === 'l0').map(c => [c.change, c.entry.replace(/ \(Gateway.*$/, '')])).toEqual([
      ['re-pointed', `http://{${hosts.slice(0, 4).join(', ')}}:8000{/p0 [prefix], /p1 [prefix], /p2 [prefix], /p3 [prefix], … +2 more}`],
      ['removed', `http://${hosts[H - 1]}:8000{/p0 [prefix], /p1 [prefix], /p2 [prefix], /p3 [prefix], … +2 more}`],
    ]);
    expect(d.changes.length).toBe(2 * G * L);
  });
});
