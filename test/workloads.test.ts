import { Chart, Testing } from 'cdk8s';
import { ExposePolicy, ExposePolicyProps, ManifestAnalyzer, Protocol, ServiceAccess, WebApp, WorkloadKind } from '../src';
import { byKind, chart, found, foundAll, one, synth, synthError, validateSchema } from './util';
import { WorkloadsChart } from '../examples/charts';
import { AccessScope, EntryKind, PathStatus } from '../src/checker/routes';

/*
 * Issue 27, item 6: the workloads people run. More containers and native sidecars on a
 * WebApp, wired like the main container.
 */

const POD = 'spec.template.spec';

/** An app whose pod runs an API, a log shipper beside it, and an Envoy native sidecar in front. */
function meshed(c: Chart): WebApp {
  return new WebApp(c, 'api', {
    image: 'ghcr.io/example/api:1.2.3',
    ports: [{ containerPort: 8080, name: 'http' }],
    containers: [{ name: 'logs', image: 'fluent/fluent-bit:3.1', ports: [{ containerPort: 2020, name: 'logs-metrics' }] }],
    sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32', ports: [{ containerPort: 8443, name: 'https' }], readinessProbe: { port: 'https' } }],
  });
}

/** A chart under an ExposePolicy (no warnings printed). */
function chartWith(policy: ExposePolicyProps): Chart {
  const app = Testing.app();
  ExposePolicy.set(app, { printWarnings: false, ...policy });
  return new Chart(app, 'demo');
}

describe('WebApp: more containers and native sidecars', () => {
  test('holds when containers and sidecars render in the pod, the sidecars as init containers with restartPolicy Always', () => {
    const c = chart('demo');
    meshed(c).expose('api', { ports: [{ name: 'https', port: 443, targetPort: 'https' }, { name: 'http', port: 80, targetPort: 'http' }] });
    const manifests = synth(c);
    const pod = one(manifests, 'Deployment', 'api').spec.template.spec;
    expect(pod.containers.map((x: any) => [x.name, x.image, x.ports])).toEqual([
      ['app', 'ghcr.io/example/api:1.2.3', [{ containerPort: 8080, name: 'http' }]],
      ['logs', 'fluent/fluent-bit:3.1', [{ containerPort: 2020, name: 'logs-metrics' }]],
    ]);
    expect(pod.initContainers).toEqual([{
      name: 'proxy',
      image: 'envoyproxy/envoy:v1.32',
      ports: [{ containerPort: 8443, name: 'https' }],
      readinessProbe: { tcpSocket: { port: 'https' } },
      restartPolicy: 'Always',
      securityContext: { allowPrivilegeEscalation: false, privileged: false },
    }]);
    expect(one(manifests, 'Service', 'api').spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 'https' }, { name: 'http', port: 80, targetPort: 'http' }]);
    expect(manifests).toMatchSnapshot();
  });

  test('holds when expose() with no ports exposes every port of the pod: main container, containers, sidecars', () => {
    const c = chart('demo');
    const web = meshed(c);
    web.expose('all');
    expect(web.ports.map(p => p.name)).toEqual(['http', 'logs-metrics', 'https']);
    expect(one(synth(c), 'Service').spec.ports.map((p: any) => [p.name, p.port])).toEqual([['http', 8080], ['logs-metrics', 2020], ['https', 8443]]);
  });

  test('holds when addContainer and addSidecar add to the pod after construction, and a Service sees their ports', () => {
    const c = chart('demo');
    const web = new WebApp(c, 'web', { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] });
    const svc = web.expose('web', { ports: [{ port: 9113, targetPort: 'metrics' }] });
    web.addContainer({ name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3', ports: [{ containerPort: 9113, name: 'metrics' }] });
    web.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.32' });
    const pod = one(synth(c), 'Deployment').spec.template.spec;
    expect(pod.containers.map((x: any) => x.name)).toEqual(['app', 'exporter']);
    expect(pod.initContainers.map((x: any) => [x.name, x.restartPolicy])).toEqual([['proxy', 'Always']]);
    expect(svc.ports[0].targetPort).toBe('metrics');
  });

  test('holds when a named targetPort names a sidecar\'s port (the endpoints controller finds native sidecars\' ports)', () => {
    const c = chart('demo');
    const web = new WebApp(c, 'web', { image: 'nginx:1.27', sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32', ports: [{ containerPort: 8443, name: 'https' }] }] });
    web.expose('web', { ports: [{ port: 443, targetPort: 'https' }] });
    expect(one(synth(c), 'Service').spec.ports).toEqual([{ port: 443, targetPort: 'https' }]);
  });

  test('fails when a named targetPort names no port of any container or sidecar, listing the pod\'s ports', () => {
    const c = chart('demo');
    meshed(c).expose('api', { ports: [{ port: 80, targetPort: 'admin' }] });
    expect(found(c)).toEqual(['demo/api/api service-target-port-name spec.ports[0].targetPort']);
    expect(synthError(c)).toMatch(/"admin" names no container port of \[demo\/api\] \(declared: http \(8080\/TCP\), logs-metrics \(2020\/TCP\), https \(8443\/TCP\)\)/);
  });

  test.each([
    ['a container', { containers: [{ name: 'exporter', image: 'e:1', ports: [{ containerPort: 9090, name: 'http' }] }] }, `${POD}.containers[1].ports[0].name`, /"http" is already a port name of spec\.template\.spec\.containers\[0\]/],
    ['a sidecar', { sidecars: [{ name: 'proxy', image: 'envoy:1', ports: [{ containerPort: 8443, name: 'http' }] }] }, `${POD}.initContainers[0].ports[0].name`, /"http" is already a port name of spec\.template\.spec\.containers\[0\]/],
    ['a sidecar and a container', {
      containers: [{ name: 'exporter', image: 'e:1', ports: [{ containerPort: 9090, name: 'metrics' }] }],
      sidecars: [{ name: 'proxy', image: 'envoy:1', ports: [{ containerPort: 9901, name: 'metrics' }] }],
    }, `${POD}.initContainers[0].ports[0].name`, /"metrics" is already a port name of spec\.template\.spec\.containers\[1\]/],
  ])('fails when a port name of %s repeats one of another container (workload-port-name-unique)', (_, props, field, message) => {
    const c = chart('demo');
    new WebApp(c, 'web', { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], ...props });
    expect(found(c)).toEqual([`demo/web workload-port-name-unique ${field}`]);
    expect(synthError(c)).toMatch(message);
  });

  test('fails when a port name repeats within one container: the API\'s rule (container-port-name), not also workload-port-name-unique', () => {
    const c = chart('demo');
    new WebApp(c, 'web', { image: 'nginx:1.27', sidecars: [{ name: 'proxy', image: 'envoy:1', ports: [{ containerPort: 80, name: 'web' }, { containerPort: 81, name: 'web' }] }] });
    expect(found(c)).toEqual([`demo/web container-port-name ${POD}.initContainers[0].ports[1].name`]);
  });

  test('fails when a container or sidecar is named like another (names are unique across containers and init containers)', () => {
    const c = chart('demo');
    new WebApp(c, 'web', { image: 'nginx:1.27', containers: [{ name: 'app', image: 'b:1' }], sidecars: [{ name: 'app', image: 'c:1' }] });
    expect(found(c)).toEqual([
      `demo/web container-name ${POD}.containers[1].name`,
      `demo/web container-name ${POD}.initContainers[0].name`,
    ]);
    expect(synthError(c)).toMatch(/initContainers\[0\]\.name: "app" is already the name of containers\[0\]/);
  });

  test('fails when a sidecar is invalid, naming each field of the init container', () => {
    const c = chart('demo');
    new WebApp(c, 'web', { image: 'nginx:1.27', sidecars: [{ name: 'Proxy', image: '', ports: [{ containerPort: 0, name: 'a-very-long-port-name', protocol: 'tcp' as Protocol }], readinessProbe: { port: 'admin' } }] });
    const S = `${POD}.initContainers[0]`;
    expect(found(c)).toEqual([
      `demo/web container-name ${S}.name`,
      `demo/web container-image ${S}.image`,
      `demo/web container-port-protocol ${S}.ports[0].protocol`,
      `demo/web container-port-number ${S}.ports[0].containerPort`,
      `demo/web container-port-name ${S}.ports[0].name`,
      `demo/web probe-port-undeclared ${S}.readinessProbe.tcpSocket.port`,
    ]);
  });

  describe('the version policy: native sidecars run from Kubernetes 1.29', () => {
    const sidecar = (policy: ExposePolicyProps) => {
      const c = chartWith(policy);
      new WebApp(c, 'web', { image: 'nginx:1.27', sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32' }] });
      return c;
    };
    test('holds when the range is the default (1.32-1.37)', () => {
      const c = sidecar({ warningsAsErrors: true });
      expect(byKind(synth(c), 'Deployment')).toHaveLength(1);
      expect(foundAll(c)).toEqual([]);
    });
    test('holds when kubernetesVersion is pinned to 1.29', () => {
      expect(foundAll(sidecar({ kubernetesVersion: '1.29' }))).toEqual([]);
    });
    test.each(['1.27', '1.28'])('fails when kubernetesVersion is pinned to %s (1.28 drops restartPolicy: the pod would wait for the sidecar to exit)', version => {
      const c = sidecar({ kubernetesVersion: version });
      expect(found(c)).toEqual([`demo/web container-restart-policy ${POD}.initContainers[0].restartPolicy`]);
      expect(synthError(c)).toMatch(/a native sidecar .* is rejected by Kubernetes before 1\.29/);
    });
  });

  test('fails when a JavaScript caller passes containers or sidecars that are not lists (object-prop-type)', () => {
    const c = chart('demo');
    new WebApp(c, 'web', { image: 'nginx:1.27', containers: { name: 'x', image: 'y' } as any, sidecars: 'proxy' as any });
    expect(found(c)).toEqual([
      `demo/web object-prop-type ${POD}.containers`,
      `demo/web object-prop-type ${POD}.initContainers`,
    ]);
  });
});

describe('WebApp as a StatefulSet: the governing headless Service wired', () => {
  /** Seed-style: a 3-pod database, its governing Service emitted and wired by the WebApp. */
  const database = (c: Chart) => new WebApp(c, 'db', {
    image: 'postgres:16',
    workload: WorkloadKind.STATEFUL_SET,
    replicas: 3,
    ports: [{ containerPort: 5432, name: 'postgres' }],
  });

  test('holds when the StatefulSet names its headless Service, which selects its pods and exposes its ports by name', () => {
    const c = chart('demo', 'data');
    const db = database(c);
    const manifests = synth(c);
    const sts = one(manifests, 'StatefulSet', 'db');
    expect(byKind(manifests, 'Deployment')).toEqual([]);
    expect(sts.spec.serviceName).toBe('db');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.selector.matchLabels).toEqual(db.selectorLabels);
    const svc = one(manifests, 'Service', 'db');
    expect(svc.metadata.namespace).toBe('data');
    expect(svc.spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: db.selectorLabels, ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }] });
    expect(db.governingService?.name).toBe('db');
    expect(manifests).toMatchSnapshot();
  });

  test('holds when serviceName names the governing Service, and expose() adds a ClusterIP Service beside it', () => {
    const c = chart('demo');
    const db = new WebApp(c, 'db', { image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, serviceName: 'db-pods', ports: [{ containerPort: 5432, name: 'postgres' }] });
    db.expose('db', { ports: [{ port: 5432, targetPort: 'postgres' }] });
    const manifests = synth(c);
    expect(one(manifests, 'StatefulSet').spec.serviceName).toBe('db-pods');
    expect(byKind(manifests, 'Service').map(s => [s.metadata.name, s.spec.clusterIP])).toEqual([['db-pods', 'None'], ['db', undefined]]);
  });

  test('fails when serviceName is not a DNS label: one finding, at the governing Service\'s name (not again at spec.serviceName)', () => {
    const c = chart('demo');
    new WebApp(c, 'db', { image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, serviceName: 'db.pods' });
    expect(found(c)).toEqual(['demo/db/headless service-name metadata.name']);
  });

  test('fails when serviceName is set on a Deployment (workload-service-name-unused)', () => {
    const c = chart('demo');
    new WebApp(c, 'db', { image: 'postgres:16', serviceName: 'db' });
    expect(found(c)).toEqual(['demo/db workload-service-name-unused spec.serviceName']);
  });

  test('fails when the StatefulSet name is not a DNS label (its pods\' hostnames)', () => {
    const c = chart('demo');
    new WebApp(c, 'db', { name: 'db.main', image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, serviceName: 'db' });
    expect(found(c)).toEqual(['demo/db workload-name metadata.name']);
  });

  test('holds when a native sidecar runs in a StatefulSet pod, and its port is a port of the governing Service', () => {
    const c = chart('demo');
    new WebApp(c, 'db', { image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, ports: [{ containerPort: 5432, name: 'postgres' }], sidecars: [{ name: 'exporter', image: 'prometheuscommunity/postgres-exporter:v0.16', ports: [{ containerPort: 9187, name: 'metrics' }] }] });
    const manifests = synth(c);
    expect(one(manifests, 'StatefulSet').spec.template.spec.initContainers.map((x: any) => x.restartPolicy)).toEqual(['Always']);
    expect(one(manifests, 'Service').spec.ports.map((p: any) => p.name)).toEqual(['postgres', 'metrics']);
  });
});

describe('the StatefulSet\'s governing Service in manifests (workload-service-name) and the access map', () => {
  const labels = { app: 'db' };
  const statefulSet = (spec: object = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'data' },
    spec: {
      serviceName: 'db',
      replicas: 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'postgres', image: 'postgres:16', ports: [{ name: 'postgres', containerPort: 5432 }] }] } },
      ...spec,
    },
  });
  const service = (spec: object = {}, name = 'db') => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'data' },
    spec: { clusterIP: 'None', selector: labels, ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres' }], ...spec },
  });
  const analyze = (...manifests: object[]) => ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })));
  const findingsOf = (...manifests: object[]) => analyze(...manifests).findings.map(f => `${f.rule} ${f.field} ${f.severity}`);

  test.each([
    ['the governing Service is missing', [statefulSet()], /"db" is not a Service in namespace "data"/],
    ['the governing Service is not headless', [statefulSet(), service({ clusterIP: undefined })], /"db" \(.*\) is not headless/],
    ['the governing Service selects other pods', [statefulSet(), service({ selector: { app: 'other' } })], /does not select the pods of StatefulSet "db"/],
  ])('fails when %s (a warning: the API accepts it)', (_, manifests, message) => {
    const result = analyze(...manifests);
    const own = result.findings.filter(f => f.rule === 'workload-service-name');
    expect(own.map(f => `${f.rule} ${f.field} ${f.severity}`)).toEqual(['workload-service-name spec.serviceName warning']);
    expect(own[0].message).toMatch(message);
  });

  test.each([
    ['the headless Service selects its pods', [statefulSet(), service()]],
    ['serviceName is unset (no per-pod DNS names, valid)', [statefulSet({ serviceName: undefined })]],
    ['the headless Service has no selector (its EndpointSlices are written by hand)', [statefulSet(), service({ selector: undefined })]],
    ['the Service is declared outside the checked set', [{ ...statefulSet(), metadata: { name: 'db', namespace: 'data', annotations: { 'cdk8s-expose.io/external-services': 'db' } } }]],
  ])('holds when %s', (_, manifests) => {
    expect(findingsOf(...manifests)).toEqual([]);
  });

  test('holds when two Services share the name: object-name-unique reports them, the wiring picks neither', () => {
    expect(findingsOf(statefulSet(), service(), service({ clusterIP: undefined }))).toEqual(['object-name-unique metadata.name error']);
  });

  const podRows = (services: ServiceAccess[]) => services.flatMap(s => s.rows).filter(r => r.entry.kind === EntryKind.POD_DNS);

  test('holds when the access map lists each pod\'s DNS name at its container port, in the cluster', () => {
    const rows = podRows(analyze(statefulSet(), service({ ports: [{ name: 'postgres', port: 15432, targetPort: 'postgres' }] })).services);
    expect(rows.map(r => [r.entry.host, r.entry.port, r.scope, r.path.status, r.path.workloads])).toEqual([0, 1].map(i => [
      `db-${i}.db.data.svc.cluster.local`, 5432, AccessScope.CLUSTER, PathStatus.RESOLVED,
      [{ workload: { kind: 'StatefulSet', namespace: 'data', name: 'db' }, container: 'postgres', containerPort: 5432 }],
    ]));
    expect(rows.map(r => r.address)).toEqual([
      'db-0.db.data.svc.cluster.local:5432 (pod db-0 of StatefulSet data/db)',
      'db-1.db.data.svc.cluster.local:5432 (pod db-1 of StatefulSet data/db)',
    ]);
  });

  test('holds when the deprecated routes list a pod\'s DNS name as cluster-dns (AccessKind has no pod kind)', () => {
    const db = analyze(statefulSet(), service()).services.find(x => x.name === 'db')!;
    expect(db.routes.filter(r => r.address.startsWith('db-0.')).map(r => r.via)).toEqual(['cluster-dns']);
  });

  test('holds when ordinals start elsewhere (spec.ordinals.start), and a large StatefulSet lists ten pods and one row for the rest', () => {
    const rows = podRows(analyze(statefulSet({ replicas: 12, ordinals: { start: 5 } }), service()).services);
    expect(rows.map(r => r.entry.host)).toEqual([
      ...[5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map(i => `db-${i}.db.data.svc.cluster.local`),
      'db-<ordinal>.db.data.svc.cluster.local',
    ]);
    expect(rows[10].address).toBe('db-<ordinal>.db.data.svc.cluster.local:5432 (pod db-<ordinal>, ordinals 15 to 16 of StatefulSet data/db)');
  });

  test.each([
    ['a Service that is not headless', service({ clusterIP: undefined })],
    ['a headless Service that is not the StatefulSet\'s serviceName', service({}, 'db-other')],
  ])('holds when %s gets no per-pod rows', (_, svc) => {
    expect(podRows(analyze(statefulSet(), svc).services)).toEqual([]);
  });

  test('holds when a WebApp StatefulSet\'s pods are in the access map of its synthesized manifests', () => {
    const c = chart('demo', 'data');
    new WebApp(c, 'db', { image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, replicas: 2, ports: [{ containerPort: 5432, name: 'postgres' }] });
    expect(podRows(analyze(...synth(c)).services).map(r => r.address)).toEqual([
      'db-0.db.data.svc.cluster.local:5432 (pod db-0 of StatefulSet data/db)',
      'db-1.db.data.svc.cluster.local:5432 (pod db-1 of StatefulSet data/db)',
    ]);
  });
});

describe('the example chart of the workloads (examples/charts/workloads.ts)', () => {
  test('holds when a StatefulSet with its governing Service and a web app with a native sidecar synthesize, wired', () => {
    const m = synth(new WorkloadsChart(Testing.app(), 'workloads'));
    expect(m.map(x => `${x.kind}/${x.metadata.name}`)).toEqual(['StatefulSet/db', 'Service/db', 'Deployment/web', 'Service/web']);
    expect(one(m, 'StatefulSet').spec.serviceName).toBe('db');
    expect(one(m, 'Service', 'db').spec.clusterIP).toBe('None');
    expect(one(m, 'Deployment').spec.template.spec.initContainers.map((x: any) => [x.name, x.restartPolicy])).toEqual([['proxy', 'Always']]);
    expect(one(m, 'Service', 'web').spec.ports).toEqual([{ port: 443, targetPort: 'https' }]);
    expect(podRowsOf(m)).toEqual(['db-0.db.default.svc.cluster.local:5432', 'db-1.db.default.svc.cluster.local:5432', 'db-2.db.default.svc.cluster.local:5432']);
    expect(m).toMatchSnapshot();
  });
});

/** The per-pod DNS addresses of the access map of manifests (host:port). */
function podRowsOf(manifests: any[]): string[] {
  return ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest }))).services.flatMap(s => s.rows)
    .filter(r => r.entry.kind === EntryKind.POD_DNS).map(r => `${r.entry.host}:${r.entry.port}`);
}

describe('the Kubernetes schemas (kubernetes-models 4.5.x) of the new manifests', () => {
  const scenarios: Array<[string, (c: Chart) => void, string[]]> = [
    ['containers and native sidecars', c => { meshed(c).expose('api'); }, ['Deployment', 'Service']],
    ['a StatefulSet and its governing Service', c => {
      new WebApp(c, 'db', { image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, replicas: 3, ports: [{ containerPort: 5432, name: 'postgres' }] });
    }, ['StatefulSet', 'Service']],
  ];
  test.each(scenarios)('holds when %s pass their schemas, each manifest', (_, build, kinds) => {
    const c = chart('demo');
    build(c);
    const manifests = Testing.synth(c);
    expect(manifests.map(m => m.kind)).toEqual(kinds);
    for (const m of manifests) expect(() => validateSchema(m)).not.toThrow();
  });

  test('fails when a sidecar\'s restartPolicy is not a string: the schema reads the init containers', () => {
    const c = chart('demo');
    meshed(c);
    const d = one(Testing.synth(c), 'Deployment');
    d.spec.template.spec.initContainers[0].restartPolicy = 7;
    expect(() => validateSchema(d)).toThrow(/initContainers\/0\/restartPolicy must be string/);
  });
});
