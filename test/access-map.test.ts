import { ManifestAnalyzer, ServiceAccess } from '../src';
import { mapManifestsLazily } from '../src/checker/check';
import { INTERNAL_LOAD_BALANCER_ANNOTATIONS } from '../src/checker/exposure';
import { AccessScope, EntryKind, PathStatus } from '../src/checker/routes';

/*
 * The access map as data: the rows' entry, path and scope, and the gaps a new user met
 * (a broken Ingress port missing from the map, `/health*` for a Prefix path, a headless
 * Service shown as a plain ClusterIP, a port-forward line for a Service without a selector).
 */

const labels = { app: 'web' };
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'example/web:1', ports: [{ name: 'http', containerPort: 8080 }] }] } },
  },
};

function service(spec: object, annotations?: object): object {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...(annotations ? { annotations } : {}) }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec } };
}

function ingress(port: object, pathType = 'Prefix', tls = false): object {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: {
      ...(tls ? { tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }] } : {}),
      rules: [{ host: 'web.example.com', http: { paths: [{ path: '/health', pathType, backend: { service: { name: 'web', port } } }] } }],
    },
  };
}

function map(...manifests: object[]): { services: ServiceAccess[]; rules: string[] } {
  const result = ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })));
  return { services: result.services, rules: result.findings.map(f => f.rule) };
}

/** A row as `kind scope status [rule] address`. */
function rows(s: ServiceAccess): string[] {
  return s.rows.map(r => `${r.entry.kind} ${r.scope} ${r.path.status}${r.path.rule ? ` ${r.path.rule}` : ''}${r.broken ? ' broken' : ''} ${r.address}`);
}

describe('the access map gaps', () => {
  test('fails when an Ingress names a port the Service lacks: a broken row with the rule, not a missing one', () => {
    const { services, rules } = map(deployment, service({}), ingress({ number: 8080 }));
    expect(rules).toEqual(['ingress-backend-port']);
    expect(rows(services[0])).toEqual([
      'cluster-dns cluster resolved web.default.svc.cluster.local:80',
      'namespace-dns cluster resolved web:80 (from namespace default)',
      'port-forward cluster resolved kubectl port-forward -n default service/web 8080:80',
      'ingress external unresolved ingress-backend-port broken http://web.example.com/health [prefix] (Ingress default/web)',
    ]);
    expect(services[0].rows[3].target).toBe('broken: Service default/web has no port 8080 (rule ingress-backend-port)');
    expect(services[0].routes.map(r => r.via)).toEqual(['cluster-dns', 'namespace-dns', 'port-forward', 'ingress']);
  });

  test.each([
    ['Prefix', 'Prefix', 'http://web.example.com/health [prefix] (Ingress default/web)'],
    ['Exact', 'Exact', 'http://web.example.com/health (Ingress default/web)'],
    ['ImplementationSpecific', 'ImplementationSpecific', 'http://web.example.com/health [implementation-specific] (Ingress default/web)'],
  ])('holds when a %s path is shown with its match type, never as a wildcard', (pathType, match, address) => {
    const { services, rules } = map(deployment, service({}), ingress({ name: 'http' }, pathType));
    expect(rules).toEqual([]);
    const row = services[0].rows.find(r => r.entry.kind === EntryKind.INGRESS)!;
    expect(row.entry).toEqual({ kind: 'ingress', host: 'web.example.com', protocol: 'HTTP', path: '/health', pathMatch: match, tls: false });
    expect(row.address).toBe(address);
    expect(row.path).toEqual({
      route: { kind: 'Ingress', namespace: 'default', name: 'web' },
      service: { kind: 'Service', namespace: 'default', name: 'web' },
      servicePort: 80,
      servicePortName: 'http',
      targetPort: 'http',
      workloads: [{ workload: { kind: 'Deployment', namespace: 'default', name: 'web' }, container: 'app', containerPort: 8080 }],
      status: 'resolved',
    });
  });

  test('holds when an Ingress host has TLS: the entry says so', () => {
    const { services } = map(deployment, service({}), ingress({ name: 'http' }, 'Prefix', true));
    expect(services[0].rows.filter(r => r.entry.kind === EntryKind.INGRESS).map(r => [r.entry.protocol, r.entry.tls, r.address]))
      .toEqual([['HTTPS', true, 'https://web.example.com/health [prefix] (Ingress default/web)']]);
  });

  test('holds when a Service is headless: marked as such, its DNS name resolving to the pods', () => {
    const { services } = map(deployment, service({ clusterIP: 'None' }));
    expect([services[0].type, services[0].headless]).toEqual(['ClusterIP', true]);
    expect(rows(services[0])).toEqual([
      'cluster-dns cluster resolved web.default.svc.cluster.local:80 (headless: the pods\' addresses)',
      'namespace-dns cluster resolved web:80 (from namespace default) (headless: the pods\' addresses)',
      'port-forward cluster resolved kubectl port-forward -n default service/web 8080:80',
    ]);
  });

  test('holds when a Service has no selector: no port-forward row (kubectl has no pod to pick)', () => {
    const { services } = map({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { ports: [{ port: 5432 }] } });
    expect(rows(services[0])).toEqual([
      'cluster-dns cluster no-selector db.default.svc.cluster.local:5432',
      'namespace-dns cluster no-selector db:5432 (from namespace default)',
    ]);
  });

  test('fails when no workload is selected: unresolved with the rule of its finding', () => {
    const { services, rules } = map(service({}));
    expect(rules).toEqual(['service-selector-dangling']);
    expect(services[0].rows.map(r => [r.path.status, r.path.rule, r.broken])).toEqual([
      ['unresolved', 'service-selector-dangling', true],
      ['unresolved', 'service-selector-dangling', true],
      ['unresolved', 'service-selector-dangling', true],
    ]);
  });
});

describe('the scope of an entry', () => {
  test('holds when NodePort, LoadBalancer and externalIPs are external, with source ranges and traffic policy', () => {
    const { services } = map(deployment, service({
      type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['10.0.0.0/8'], externalIPs: ['203.0.113.7'],
    }));
    expect(rows(services[0])).toEqual([
      'cluster-dns cluster resolved web.default.svc.cluster.local:80',
      'namespace-dns cluster resolved web:80 (from namespace default)',
      'node-port external resolved <node-ip>:<allocated nodePort>',
      'load-balancer external resolved <load-balancer>:80',
      'external-ip external resolved 203.0.113.7:80 (externalIPs)',
      'port-forward cluster resolved kubectl port-forward -n default service/web 8080:80',
    ]);
    expect(services[0].rows.filter(r => r.scope === AccessScope.EXTERNAL).map(r => r.entry)).toEqual([
      { kind: 'node-port', protocol: 'TCP', tls: false, externalTrafficPolicy: 'Local' },
      { kind: 'load-balancer', port: 80, protocol: 'TCP', tls: false, externalTrafficPolicy: 'Local', sourceRanges: ['10.0.0.0/8'] },
      { kind: 'external-ip', host: '203.0.113.7', port: 80, protocol: 'TCP', tls: false, externalTrafficPolicy: 'Local' },
    ]);
  });

  test('holds when a LoadBalancer allocates no node ports: no node-port row', () => {
    const { services } = map(deployment, service({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }));
    expect(services[0].rows.map(r => r.entry.kind)).toEqual(['cluster-dns', 'namespace-dns', 'load-balancer', 'port-forward']);
  });

  test.each(INTERNAL_LOAD_BALANCER_ANNOTATIONS.map(a => [a.provider, a.key, a.value]))(
    'holds when a %s load balancer is internal (%s: %s): cluster scope, and why', (provider, k, value) => {
      const { services } = map(deployment, service({ type: 'LoadBalancer' }, { [k]: value }));
      const lb = services[0].rows.find(r => r.entry.kind === EntryKind.LOAD_BALANCER)!;
      expect([lb.scope, lb.scopeReason, lb.address]).toEqual([AccessScope.CLUSTER, `${provider}: ${k}: ${value}`, '<load-balancer>:80 (internal)']);
    });

  test.each([
    ['an AWS scheme internet-facing beside -internal: true (the controller reads the scheme)',
      { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing', 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }],
    ['an Azure internal annotation of "false"', { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'false' }],
    ['a GCP type in the wrong case', { 'networking.gke.io/load-balancer-type': 'internal-ish' }],
    ['no annotation', {}],
  ])('fails when %s: the load balancer stays external', (_, annotations) => {
    const { services } = map(deployment, service({ type: 'LoadBalancer' }, annotations));
    const lb = services[0].rows.find(r => r.entry.kind === EntryKind.LOAD_BALANCER)!;
    expect([lb.scope, lb.scopeReason]).toEqual([AccessScope.EXTERNAL, undefined]);
  });

  test('holds when the AWS scheme is internal: cluster scope', () => {
    const { services } = map(deployment, service({ type: 'LoadBalancer' }, { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' }));
    const lb = services[0].rows.find(r => r.entry.kind === EntryKind.LOAD_BALANCER)!;
    expect([lb.scope, lb.scopeReason]).toEqual([AccessScope.CLUSTER, 'AWS: service.beta.kubernetes.io/aws-load-balancer-scheme: internal']);
  });

  test('holds when an ExternalName Service is an egress', () => {
    const { services } = map({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { type: 'ExternalName', externalName: 'api.example.com' } });
    expect(services[0].rows.map(r => [r.entry.kind, r.scope, r.path.status, r.path.externalName, r.target])).toEqual([
      ['cluster-dns', 'cluster', PathStatus.EGRESS, 'api.example.com', 'CNAME api.example.com'],
      ['namespace-dns', 'cluster', PathStatus.EGRESS, 'api.example.com', 'CNAME api.example.com'],
    ]);
  });
});

describe('routes maps each Service as it is iterated (never the whole map at once)', () => {
  const serviceNamed = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] } });
  const sources = [deployment, serviceNamed('web'), serviceNamed('web-2')].map(manifest => ({ manifest, file: 'm.yaml' }));

  test('holds when the lazy map is iterated: the same Services and rows as the analyzer\'s whole map, in order, each time it is iterated', () => {
    const whole = ManifestAnalyzer.analyze(sources);
    const lazy = mapManifestsLazily(sources);
    expect(lazy.result.services).toEqual([]);
    expect(JSON.stringify([...lazy.services])).toEqual(JSON.stringify(whole.services));
    expect(JSON.stringify([...lazy.services])).toEqual(JSON.stringify(whole.services));
    expect(whole.services.map(s => s.name)).toEqual(['web', 'web-2']);
  });

  test('holds when iterating stops after one Service: the next is never made', () => {
    const lazy = mapManifestsLazily(sources);
    const iterator = lazy.services[Symbol.iterator]();
    expect(iterator.next().value.name).toEqual('web');
    expect(iterator.return?.(undefined)?.done).toBe(true);
  });
});
