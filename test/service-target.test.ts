import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ExposePolicy, ExposedService, IngressRoute, Protocol, ServiceTarget, ServiceType, Severity, WebApp } from '../src';
import { byKind, errorLines, one, synth, synthError } from './util';

/*
 * A cdk8s-plus-27 workload as the target of our Services: wired exactly like a WebApp, and
 * part of the App-wide checks.
 */

/** `[path] field` of every finding of a failed synthesis: the whole list, in order. */
const findings = (message: string): string[] =>
  errorLines(message).map(line => `${line.split(' ')[0]} ${line.split(' ')[1].replace(/:$/, '')}`);

/** A quiet App and Chart (warnings not printed). */
function quietChart(id: string, props: Parameters<typeof ExposePolicy.set>[1] = {}): Chart {
  const app = Testing.app();
  ExposePolicy.set(app, { printWarnings: false, ...props });
  return new Chart(app, id);
}

/** The container settings that let stock nginx run under cdk8s-plus-27's defaults. */
const NGINX: kplus.ContainerProps = {
  image: 'nginx:latest',
  ports: [{ number: 80, name: 'http' }],
  securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
};

/** Seed 001 with a cdk8s-plus-27 Deployment: a ClusterIP and a NodePort Service wired to it. */
function seed001(nodePortTargetPort: string) {
  const c = quietChart('seed-001');
  const deployment = new kplus.Deployment(c, 'nginx-deployment', { replicas: 2, containers: [NGINX] });
  const target = ServiceTarget.fromWorkload(deployment);
  new ExposedService(c, 'clusterip-service', { target, ports: [{ port: 8080, targetPort: 80, name: 'http' }] });
  new ExposedService(c, 'nodeport-service', {
    target,
    type: ServiceType.NODE_PORT,
    ports: [{ port: 8080, targetPort: nodePortTargetPort, nodePort: 31879, name: 'http' }],
  });
  return { c, deployment };
}

describe('ServiceTarget.fromWorkload', () => {
  test('seed 001: Services wired to a cdk8s-plus-27 Deployment select its pods and name its port', () => {
    const { c, deployment } = seed001('http');
    const manifests = synth(c);
    const d = one(manifests, 'Deployment');
    expect(d.metadata.name).toBe(deployment.name);
    const podLabels = d.spec.template.metadata.labels;
    for (const s of byKind(manifests, 'Service')) {
      expect(s.spec.selector).toEqual(d.spec.selector.matchLabels);
      for (const [k, v] of Object.entries(s.spec.selector)) expect(podLabels[k]).toBe(v);
    }
    expect(one(manifests, 'Service', 'clusterip-service').spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 80 }]);
    expect(one(manifests, 'Service', 'nodeport-service').spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', nodePort: 31879 }]);
    expect(d.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, name: 'http' }]);
  });

  test('fails when a targetPort misspells the cdk8s-plus-27 container port name', () => {
    const { c } = seed001('htpp');
    const message = synthError(c);
    expect(findings(message)).toEqual(['[seed-001/nodeport-service] spec.ports[0].targetPort']);
    expect(message).toContain('"htpp" names no container port of [seed-001/nginx-deployment] (declared: http (80/TCP))');
  });

  test('with no ports, every container port of every container is exposed, names and protocols kept', () => {
    const c = quietChart('c');
    const sts = new kplus.StatefulSet(c, 'db', {
      containers: [
        { ...NGINX, ports: [{ number: 5432, name: 'pg' }] },
        { ...NGINX, name: 'exporter', ports: [{ number: 9187, name: 'metrics' }, { number: 53, name: 'dns', protocol: kplus.Protocol.UDP }] },
      ],
    });
    const svc = new ExposedService(c, 'db-client', { target: ServiceTarget.fromWorkload(sts) });
    expect(svc.ports).toEqual([
      { port: 5432, targetPort: 5432, name: 'pg', protocol: undefined },
      { port: 9187, targetPort: 9187, name: 'metrics', protocol: undefined },
      { port: 53, targetPort: 53, name: 'dns', protocol: Protocol.UDP },
    ]);
    const manifests = synth(c);
    expect(one(manifests, 'Service', 'db-client').spec.ports.map((p: any) => p.name)).toEqual(['pg', 'metrics', 'dns']);
  });

  test('fails when a named targetPort is declared by the DaemonSet with another protocol', () => {
    const c = quietChart('c');
    const ds = new kplus.DaemonSet(c, 'agent', { containers: [{ ...NGINX, ports: [{ number: 53, name: 'dns', protocol: kplus.Protocol.UDP }] }] });
    new ExposedService(c, 'dns', { target: ServiceTarget.fromWorkload(ds), ports: [{ port: 53, targetPort: 'dns' }] });
    expect(findings(synthError(c))).toEqual(['[c/dns] spec.ports[0].targetPort']);
  });

  test('a selector matching a registered cdk8s-plus-27 workload is not dangling; an unregistered one is', () => {
    const c = quietChart('c', { danglingSelectors: Severity.ERROR });
    new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80 }] }); // dangling checks run where WebApps are
    const d = new kplus.Deployment(c, 'legacy', { containers: [NGINX] });
    ServiceTarget.fromWorkload(d);
    new ExposedService(c, 'legacy-svc', { selector: d.matchLabels, ports: [{ port: 80 }] });
    expect(byKind(synth(c), 'Service')).toHaveLength(1);

    const unregistered = new kplus.Deployment(c, 'other', { containers: [NGINX] });
    new ExposedService(c, 'other-svc', { selector: unregistered.matchLabels, ports: [{ port: 80 }] });
    expect(findings(synthError(c))).toEqual(['[c/other-svc] spec.selector']);
  });

  test('fails when a cdk8s-plus-27 Deployment and a WebApp share a name, reported on the later one', () => {
    const c = quietChart('c');
    new WebApp(c, 'web', { image: 'x' });
    const d = new kplus.Deployment(c, 'plus', { metadata: { name: 'web' }, containers: [NGINX] });
    ServiceTarget.fromWorkload(d);
    expect(findings(synthError(c))).toEqual(['[c/plus] metadata.name']);
  });

  test('a port added to the cdk8s-plus-27 workload after a first synth is wired and checked', () => {
    const c = quietChart('c');
    const d = new kplus.Deployment(c, 'web', { containers: [NGINX] });
    const target = ServiceTarget.fromWorkload(d);
    const all = new ExposedService(c, 'all', { target });
    const metrics = new ExposedService(c, 'metrics', { target, ports: [{ port: 9090, targetPort: 'metrics' }] });
    expect(findings(synthError(c))).toEqual(['[c/metrics] spec.ports[0].targetPort']);

    d.containers[0].addPort({ number: 9090, name: 'metrics' });
    const manifests = synth(c);
    expect(one(manifests, 'Service', 'all').spec.ports.map((p: any) => p.name)).toEqual(['http', 'metrics']);
    expect(metrics.ports).toEqual([{ port: 9090, targetPort: 'metrics' }]);
    expect(all.ports).toHaveLength(2);
  });

  test('one target per workload, and its namespace is the workload\'s', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const d = new kplus.Deployment(c, 'web', { containers: [NGINX] });
    const target = ServiceTarget.fromWorkload(d);
    expect(ServiceTarget.fromWorkload(d)).toBe(target);
    expect(target.effectiveNamespace).toBe('shop');
    expect(target.node).toBe(d.node);
  });

  test('fails when the Service is in another namespace than its cdk8s-plus-27 target', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const d = new kplus.Deployment(c, 'web', { containers: [NGINX] });
    new ExposedService(c, 'svc', { target: ServiceTarget.fromWorkload(d), namespace: 'other' });
    expect(findings(synthError(c))).toEqual(['[c/svc] spec.selector']);
  });

  test('the workload\'s own output is what cdk8s-plus-27 emits without us (its toJson is not called early)', () => {
    const build = (withTarget: boolean) => {
      const c = quietChart('c');
      const d = new kplus.Deployment(c, 'web', { spread: true, containers: [NGINX] });
      if (withTarget) {
        const svc = new ExposedService(c, 'svc', { target: ServiceTarget.fromWorkload(d) });
        new IngressRoute(c, 'route', { paths: [{ path: '/', service: svc }] });
      }
      return one(Testing.synth(c), 'Deployment');
    };
    expect(build(true)).toEqual(build(false));
  });
});
