import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, IResolver, JsonPatch, ResolutionContext, Testing } from 'cdk8s';
import { ExposePolicy, ExposedService, IngressRoute, WebApp } from '../src';
import { chart, errorLines, one, synth, synthError } from './util';
import { Registry } from '../src/constructs/registry';

/*
 * Each construct is its API object: the manifest its rules check is the manifest it emits.
 * These tests change a model after a first synthesis through every public mutator and check
 * that both the emitted manifest and the validation see the change.
 */

/** `[path] field` of every finding of a failed synthesis: the whole list, in order. */
const findings = (message: string): string[] =>
  errorLines(message).map(line => {
    const m = /^(\[[^\]]+\]) (?:warning: )?(\S+):/.exec(line);
    if (!m) throw new Error(`not a finding: ${line}`);
    return `${m[1]} ${m[2]}`;
  });

/** Every object of this library in the chart: what it emits equals what it checked. */
const expectEmittedIsChecked = (c: Chart) => {
  const objects = c.node.findAll().filter(x => x instanceof WebApp || x instanceof ExposedService || x instanceof IngressRoute);
  expect(objects.length).toBeGreaterThan(0);
  for (const o of objects as Array<WebApp | ExposedService | IngressRoute>) {
    expect(o.toJson()).toEqual(o._manifest());
  }
};

/** A WebApp with one port, a Service exposing it and an Ingress routing to it. */
function shop() {
  const c = chart('demo');
  const web = new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80, name: 'http' }] });
  const svc = web.expose('svc', { ports: [{ port: 80, targetPort: 'http', name: 'http' }] });
  const route = new IngressRoute(c, 'route', { host: 'a.example.com', paths: [{ path: '/', service: svc, port: 'http' }] });
  synth(c); // the first synthesis: every result is cached from here on
  return { c, web, svc, route };
}

describe('what is emitted is what was checked', () => {
  test('ExposedService.addPort and WebApp.addPort after a first synth', () => {
    const { c, web, svc } = shop();
    svc.addPort({ port: 443, targetPort: 'https', name: 'https' });
    expect(findings(synthError(c))).toEqual(['[demo/web/svc] spec.ports[1].targetPort']);

    web.addPort({ containerPort: 8443, name: 'https' });
    const manifests = synth(c);
    expect(one(manifests, 'Service', 'svc').spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'https', port: 443, targetPort: 'https' },
    ]);
    expect(one(manifests, 'Deployment', 'web').spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 80, name: 'http' },
      { containerPort: 8443, name: 'https' },
    ]);
    expectEmittedIsChecked(c);
  });

  test('WebApp.addPort reaches a Service that exposes every port', () => {
    const c = chart('demo');
    const web = new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80, name: 'http' }] });
    web.expose('all');
    synth(c);
    web.addPort({ containerPort: 0, name: 'metrics' });
    expect(findings(synthError(c))).toEqual([
      '[demo/web] spec.template.spec.containers[0].ports[1].containerPort',
      '[demo/web/all] spec.ports[1].port',
    ]);
  });

  test('IngressRoute.addPath and addHost after a first synth', () => {
    const { c, route, svc } = shop();
    route.addPath({ path: '/api', service: svc, port: 'nope' });
    route.addHost('b.example.com', [{ path: '/', service: svc, port: 81 }]);
    expect(findings(synthError(c))).toEqual([
      '[demo/route] spec.rules[0].http.paths[1].backend.service.port',
      '[demo/route] spec.rules[1].http.paths[0].backend.service.port',
    ]);

    const fixed = shop();
    fixed.route.addPath({ path: '/api', service: fixed.svc });
    fixed.route.addHost('b.example.com', [{ path: '/', service: fixed.svc }]);
    const rules = one(synth(fixed.c), 'Ingress', 'route').spec.rules;
    expect(rules.map((r: any) => [r.host, r.http.paths.map((p: any) => `${p.path}->${p.backend.service.port.number ?? p.backend.service.port.name}`)])).toEqual([
      ['a.example.com', ['/->http', '/api->80']],
      ['b.example.com', ['/->80']],
    ]);
    expectEmittedIsChecked(fixed.c);
  });

  test('addHost of a host and path the route already has fails in the App-wide check', () => {
    const { c, route, svc } = shop();
    route.addHost('a.example.com', [{ path: '/', service: svc }]);
    expect(findings(synthError(c))).toEqual(['[demo/route] spec.rules[0].http.paths[1]']);
  });

  test('metadata.addLabel and addAnnotation reach the checked manifest, merged with the Chart labels', () => {
    const c = new Chart(Testing.app(), 'demo', { labels: { team: 'chart' } });
    const web = new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80 }] });
    const svc = new ExposedService(c, 'svc', { selector: web.selectorLabels, ports: [{ port: 80 }] });
    synth(c);
    svc.metadata.addLabel('tier', 'front');
    svc.metadata.addAnnotation('example.com/owner', 'shop');
    web.metadata.addLabel('team', 'web');
    const manifests = synth(c);
    expect(one(manifests, 'Service', 'svc').metadata).toEqual({
      name: 'svc',
      labels: { team: 'chart', tier: 'front' },
      annotations: { 'example.com/owner': 'shop' },
    });
    expect(one(manifests, 'Deployment', 'web').metadata.labels).toEqual({
      'team': 'web',
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/instance': 'web',
    });
    expectEmittedIsChecked(c);

    svc.metadata.addLabel('bad_key_', 'x');
    expect(findings(synthError(c))).toEqual(['[demo/svc] metadata.labels.bad_key_']);
  });

  test('metadata.addFinalizers, addOwnerReference and add reach the manifest', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    synth(c);
    svc.metadata.addFinalizers('example.com/cleanup');
    svc.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1234' });
    svc.metadata.add('generateName', 'svc-');
    expect(one(synth(c), 'Service').metadata).toEqual({
      name: 'svc',
      finalizers: ['example.com/cleanup'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1234' }],
      generateName: 'svc-',
    });
  });

  test('the App\'s resolvers run before the checks, so the checks see the resolved values', () => {
    class Images implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (context.value === '$(IMAGE)') context.replaceValue('nginx:1.27');
        if (context.value === '$(BROKEN)') context.replaceValue('');
      }
    }
    const app = new App({ resolvers: [new Images()] });
    const c = new Chart(app, 'demo');
    new WebApp(c, 'web', { image: '$(IMAGE)' });
    expect(one(synth(c), 'Deployment').spec.template.spec.containers[0].image).toBe('nginx:1.27');
    new WebApp(c, 'broken', { image: '$(BROKEN)' });
    expect(findings(synthError(c))).toEqual(['[demo/broken] spec.template.spec.containers[0].image']);
  });

  test('toJson() emits the very object the rules checked', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    synth(c);
    const checked = svc._manifest();
    const emitted = svc.toJson();
    expect(emitted.spec).toBe(checked.spec);
    expect(emitted.metadata).toBe(checked.metadata);
  });

  test('a caller that changes what toJson() returned does not change the checked manifest', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    svc.toJson().spec.ports[0].port = 70000;
    expect(one(synth(c), 'Service').spec.ports).toEqual([{ port: 80, targetPort: 80 }]);
  });
});

describe('the escape hatch', () => {
  test('ApiObject.of(construct) is the construct, for WebApp, ExposedService and IngressRoute', () => {
    const { web, svc, route } = shop();
    expect(ApiObject.of(web)).toBe(web);
    expect(ApiObject.of(svc)).toBe(svc);
    expect(ApiObject.of(route)).toBe(route);
  });

  test('JSON patches added after a first synth apply to the emitted manifest, which is the manifest the rules check', () => {
    const { c, web } = shop();
    ApiObject.of(web).addJsonPatch(
      JsonPatch.add('/spec/template/spec/volumes', [{ name: 'tmp', emptyDir: {} }]),
      JsonPatch.add('/spec/template/spec/containers/0/volumeMounts', [{ name: 'tmp', mountPath: '/tmp' }]),
      JsonPatch.add('/status', { replicas: 1 }),
    );
    const d = one(synth(c), 'Deployment', 'web');
    expect(d.spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(d.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(Object.keys(d)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(web._manifest().spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });
});

describe('validation passes', () => {
  test('a synthesis validates each construct a number of times that does not grow with the number of Charts', () => {
    // cdk8s runs one validation pass over the whole App per Chart it synthesizes
    const validationsPerConstruct = (charts: number) => {
      const app = Testing.app();
      ExposePolicy.set(app, { printWarnings: false });
      for (let i = 0; i < charts; i++) {
        const web = new WebApp(new Chart(app, `c${i}`), 'web', { name: `web${i}`, image: 'x', ports: [{ containerPort: 80 }] });
        web.expose('svc', { name: `svc${i}` });
      }
      const validate = jest.spyOn(Registry.prototype, 'validate');
      try {
        app.synthYaml();
        return validate.mock.calls.length / (2 * charts);
      } finally {
        validate.mockRestore();
      }
    };
    expect(validationsPerConstruct(30)).toBe(validationsPerConstruct(3));
  });

  test('findings are reported from their construct in every way cdk8s synthesizes', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-'));
    const build = () => {
      const app = Testing.app({ outdir });
      const c = new Chart(app, 'demo');
      new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 70000 }] });
      return { app, c };
    };
    const fails = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return findings((e as Error).message);
      }
      return [];
    };
    const expected = ['[demo/svc] spec.ports[0].port'];
    expect(fails(() => { const { c } = build(); Testing.synth(c); })).toEqual(expected);
    expect(fails(() => { const { c } = build(); c.toJson(); })).toEqual(expected);
    expect(fails(() => build().app.synthYaml())).toEqual(expected);
    expect(fails(() => build().app.synth())).toEqual(expected);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});

describe('construct nodes', () => {
  test('an app (Deployment, Service, Ingress) has as many nodes as three raw ApiObjects', () => {
    const { c } = shop();
    expect(c.node.findAll().map(n => n.node.path)).toEqual(['demo', 'demo/web', 'demo/web/svc', 'demo/route']);
  });

  test('instanceof means the class, not any ApiObject', () => {
    const { c, web, svc } = shop();
    const raw = new ApiObject(c, 'raw', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect([raw instanceof WebApp, raw instanceof ExposedService, svc instanceof WebApp]).toEqual([false, false, false]);
    expect([web instanceof WebApp, web instanceof ApiObject, svc instanceof ExposedService]).toEqual([true, true, true]);
  });
});
