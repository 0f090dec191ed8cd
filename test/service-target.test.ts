import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus34 from 'cdk8s-plus-34';
import { Construct } from 'constructs';
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

  test.each([
    ['cdk8s-plus-27', (c: Chart) => new kplus.Deployment(c, 'web', { spread: true, containers: [NGINX] })],
    ['cdk8s-plus-34', (c: Chart) => new kplus34.Deployment(c, 'web', { spread: true, containers: [NGINX34] })],
  ])('holds when a %s Deployment with spread: true is wired: its YAML is what it emits without us', (_, make) => {
    const build = (withTarget: boolean) => {
      const c = quietChart('c');
      const d = make(c);
      if (withTarget) {
        const svc = new ExposedService(c, 'svc', { target: ServiceTarget.fromWorkload(d) });
        new IngressRoute(c, 'route', { paths: [{ path: '/', service: svc }] });
      }
      return Testing.synth(c);
    };
    const without = build(false);
    const wired = build(true);
    expect(wired.filter(o => o.kind !== 'Service' && o.kind !== 'Ingress')).toEqual(without);
    expect(one(without, 'Deployment').spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.map((t: any) => t.topologyKey))
      .toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
  });
});

/** The newest plus line on npm: a Deployment of it is a target with no cast, wired and checked like a cdk8s-plus-27 one. */
const NGINX34: kplus34.ContainerProps = {
  image: 'nginx:latest',
  ports: [{ number: 80, name: 'http' }],
  securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
};

/** A Deployment written as a plain ApiObject, as `cdk8s import k8s` classes and hand-written ones are. */
function plainDeployment(scope: Construct, id: string, ports: any[]): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id },
    spec: {
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id, tier: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx', ports }] } },
    },
  });
}

/** A construct of the user's own whose default child is the workload. */
class Wrapper extends Construct {
  public readonly deployment: kplus34.Deployment;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deployment = new kplus34.Deployment(this, 'Default', { containers: [NGINX34] });
  }
}

describe('ServiceTarget.fromWorkload with any plus line, or none', () => {
  test.each([
    ['a cdk8s-plus-34 Deployment', (c: Chart) => new kplus34.Deployment(c, 'web', { containers: [NGINX34] }), 'web'],
    ['a cdk8s-plus-34 StatefulSet', (c: Chart) => new kplus34.StatefulSet(c, 'web', { containers: [NGINX34] }), 'web'],
    ['a construct whose default child is a cdk8s-plus-34 Deployment', (c: Chart) => new Wrapper(c, 'web'), 'web'],
    ['a plain ApiObject Deployment', (c: Chart) => plainDeployment(c, 'web', [{ containerPort: 80, name: 'http' }]), 'web'],
  ])('holds when the target is %s: the Service selects its pods and names its port', (_, make, id) => {
    const c = quietChart('c');
    make(c);
    const target = ServiceTarget.fromWorkload(c.node.findChild(id));
    new ExposedService(c, 'svc', { target, type: ServiceType.NODE_PORT, ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] });
    const manifests = synth(c);
    const workload = manifests.find(o => o.kind !== 'Service');
    const svc = one(manifests, 'Service', 'svc');
    expect(svc.spec.selector).toEqual(workload.spec.selector.matchLabels);
    for (const [k, v] of Object.entries(svc.spec.selector)) expect(workload.spec.template.metadata.labels[k]).toBe(v);
    expect(target.ports).toEqual([{ containerPort: 80, name: 'http', protocol: undefined }]);
  });

  test.each([
    ['a cdk8s-plus-34 Deployment', (c: Chart) => new kplus34.Deployment(c, 'web', { containers: [NGINX34] })],
    ['a plain ApiObject Deployment', (c: Chart) => plainDeployment(c, 'web', [{ containerPort: 80, name: 'http' }])],
  ])('fails when a targetPort misspells the port name of %s', (_, make) => {
    const c = quietChart('c');
    const target = ServiceTarget.fromWorkload(make(c));
    new ExposedService(c, 'svc', { target, ports: [{ port: 80, targetPort: 'htpp' }] });
    expect(findings(synthError(c))).toEqual(['[c/svc] spec.ports[0].targetPort']);
  });

  test('a port added to a plain ApiObject workload after a first synth is wired and checked', () => {
    const c = quietChart('c');
    const d = plainDeployment(c, 'web', [{ containerPort: 80, name: 'http' }]);
    const target = ServiceTarget.fromWorkload(d);
    new ExposedService(c, 'metrics', { target, ports: [{ port: 9090, targetPort: 'metrics' }] });
    expect(findings(synthError(c))).toEqual(['[c/metrics] spec.ports[0].targetPort']);
    d.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports/-', { containerPort: 9090, name: 'metrics' }));
    expect(byKind(synth(c), 'Service')).toHaveLength(1);
  });

  test.each([
    ['a plain Construct', (c: Chart) => new Construct(c, 'nothing'), 'found no ApiObject'],
    ['a ConfigMap ApiObject', (c: Chart) => new ApiObject(c, 'nothing', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }), 'found a ConfigMap'],
    ['a cdk8s-plus-34 ConfigMap', (c: Chart) => new kplus34.ConfigMap(c, 'nothing'), 'found a ConfigMap'],
  ])('fails when the target is %s: a collected target error, with the other findings, and no throw', (_, make, found) => {
    const c = quietChart('c');
    const target = ServiceTarget.fromWorkload(make(c));
    expect([target.selectorLabels, target.ports]).toEqual([{}, []]);
    const svc = new ExposedService(c, 'svc', { target, type: ServiceType.NODE_PORT, ports: [{ port: 80, nodePort: 99999 }] });
    expect(svc.ports).toEqual([{ port: 80, nodePort: 99999, targetPort: 80 }]);
    const message = synthError(c);
    expect(findings(message)).toEqual(['[c/nothing] target', '[c/svc] spec.ports[0].nodePort']);
    expect(errorLines(message)[0]).toBe(`[c/nothing] target: ServiceTarget.fromWorkload: [c/nothing] is not a Deployment, StatefulSet or DaemonSet, and neither is its default child (${found}); `
      + 'pass the workload construct (a cdk8s-plus Deployment, StatefulSet or DaemonSet, or an ApiObject of one of those kinds) (rule object-prop-type)');
  });
});

describe('no cdk8s-plus line is a dependency', () => {
  const root = path.resolve(__dirname, '..');
  test('holds for package.json (dev-only) and for the jsii assembly every other language is built from', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const plus = (deps: object | undefined) => Object.keys(deps ?? {}).filter(d => d.startsWith('cdk8s-plus'));
    expect([plus(pkg.dependencies), plus(pkg.peerDependencies), plus(pkg.devDependencies)]).toEqual([[], [], ['cdk8s-plus-27', 'cdk8s-plus-34']]);
    const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
    expect([Object.keys(assembly.dependencies).sort(), Object.keys(assembly.dependencyClosure ?? {}).sort()]).toEqual([['cdk8s', 'constructs'], ['cdk8s', 'constructs']]);
    const fqns = [...JSON.stringify(assembly.types).matchAll(/"fqn":"([^"]+)"/g)].map(m => m[1].split('.')[0]);
    expect([...new Set(fqns)].sort()).toEqual(['cdk8s', 'cdk8s-expose', 'constructs']);
  });
});
