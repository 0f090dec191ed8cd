import { Chart, Testing } from 'cdk8s';
import { ExposePolicy, ExposePolicyProps, Protocol, WebApp } from '../src';
import { byKind, chart, found, foundAll, one, synth, synthError } from './util';

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
  ])('fails when a port name of %s repeats one of another container (pod-port-name-unique)', (_, props, field, message) => {
    const c = chart('demo');
    new WebApp(c, 'web', { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], ...props });
    expect(found(c)).toEqual([`demo/web pod-port-name-unique ${field}`]);
    expect(synthError(c)).toMatch(message);
  });

  test('fails when a port name repeats within one container: the API\'s rule (container-port-name), not also pod-port-name-unique', () => {
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
      expect(found(c)).toEqual([`demo/web init-container-restart-policy ${POD}.initContainers[0].restartPolicy`]);
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
