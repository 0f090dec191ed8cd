import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import * as kplus27 from 'cdk8s-plus-27';
import * as kplus34 from 'cdk8s-plus-34';
import { ExposedService, ExposePolicy, WebApp } from '../src';
import { foundAll } from './util';

/*
 * All errors at once, whoever built the object: the App-level validation runs the manifest
 * rules over plain ApiObjects and Included objects too. cdk8s-plus objects are left to the
 * plugin: their toJson() has side effects.
 */

function quietApp(): App {
  const app = Testing.app();
  ExposePolicy.set(app, { printWarnings: false });
  return app;
}

const RAW_SERVICE = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'raw' }, spec: { selector: { app: 'raw' }, ports: [{ port: 70000 }] } };

describe('one App-level validation for every object', () => {
  test('fails when a plain ApiObject and a construct each have an error: both in one synthesis', () => {
    const app = quietApp();
    const c = new Chart(app, 'c');
    new ApiObject(c, 'raw', RAW_SERVICE);
    new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 0 }] });
    expect(foundAll(app)).toEqual(['c/raw service-port-number spec.ports[0].port', 'c/svc service-port-number spec.ports[0].port']);
    expect(() => app.synthYaml()).toThrow(/\[c\/raw\] spec\.ports\[0\]\.port: 70000[^\n]*\n\s*\[c\/svc\] spec\.ports\[0\]\.port: 0/);
  });

  test('fails when an Included object has an error, and the wiring sees it: a selector that matches its pods', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-include-'));
    try {
      const file = path.join(dir, 'legacy.yaml');
      fs.writeFileSync(file, [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: legacy\nspec:\n  selector:\n    matchLabels: { app: legacy }\n  template:\n    metadata:\n      labels: { app: legacy }\n    spec:\n      containers:\n        - name: app\n          image: legacy:1\n          ports: [{ containerPort: 8080, name: http }]\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports: [{ port: 80, nodePort: 30080 }]\n',
      ].join('---\n'));
      const app = quietApp();
      const c = new Chart(app, 'c');
      new Include(c, 'legacy', { url: file });
      // the named targetPort is checked against the Included Deployment's ports
      new ExposedService(c, 'svc', { selector: { app: 'legacy' }, ports: [{ port: 80, targetPort: 'htpp' }] });
      expect(foundAll(app)).toEqual([
        'c/legacy/broken-service service-node-port-forbidden spec.ports[0].nodePort',
        'c/svc service-target-port-name spec.ports[0].targetPort',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails when a plain ApiObject changes after the first validation: it is read again', () => {
    const app = quietApp();
    const c = new Chart(app, 'c');
    const raw = new ApiObject(c, 'raw', { ...RAW_SERVICE, spec: { selector: { app: 'raw' }, ports: [{ port: 80 }] } });
    new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    expect(foundAll(app)).toEqual([]);
    raw.addJsonPatch(JsonPatch.replace('/spec/ports/0/port', 70000));
    expect(foundAll(app)).toEqual(['c/raw service-port-number spec.ports[0].port']);
  });

  test('fails when a plain ApiObject is patched after a synthesis: the next synthesis reads it again', () => {
    const app = quietApp();
    const c = new Chart(app, 'c');
    const raw = new ApiObject(c, 'raw', { ...RAW_SERVICE, spec: { selector: { app: 'raw' }, ports: [{ port: 80 }] } });
    new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    app.synthYaml();
    raw.addJsonPatch(JsonPatch.replace('/spec/ports/0/port', 70000));
    expect(() => app.synthYaml()).toThrow(/^Validation failed with the following errors:\n\s*\[c\/raw\] spec\.ports\[0\]\.port: 70000 .*\(rule service-port-number\)$/);
  });

  test('holds when a plain ApiObject is valid: nothing reported, the YAML unchanged', () => {
    const build = (withExpose: boolean) => {
      const app = quietApp();
      const c = new Chart(app, 'c');
      new ApiObject(c, 'raw', { ...RAW_SERVICE, spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80 }] } });
      if (withExpose) new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80 }] }).expose('svc');
      return { app, yaml: app.synthYaml() };
    };
    const { app, yaml } = build(true);
    expect(foundAll(app)).toEqual([]);
    expect(yaml.startsWith(build(false).yaml)).toBe(true);
  });

  test('holds when cdk8s-plus-27 and cdk8s-plus-34 Deployments spread their pods: the same YAML with and without cdk8s-expose', () => {
    const build = (withExpose: boolean) => {
      const app = Testing.app();
      const c = new Chart(app, 'c');
      new kplus27.Deployment(c, 'd27', { spread: true, containers: [{ image: 'nginx:1', portNumber: 80 }] });
      new kplus34.Deployment(c, 'd34', { spread: true, containers: [{ image: 'nginx:1', portNumber: 80 }] });
      if (withExpose) {
        ExposePolicy.set(app, { printWarnings: false });
        new ExposedService(c, 'svc', { selector: { app: 'none' }, ports: [{ port: 80 }] });
      }
      return app.synthYaml();
    };
    const plain = build(false);
    const withExpose = build(true);
    // the same objects, then the Service
    const docs = (yaml: string) => yaml.split(/^---$/m).map(d => d.trim());
    expect(docs(withExpose).slice(0, docs(plain).length)).toEqual(docs(plain));
    expect(docs(plain)[0]).toMatch(/podAntiAffinity/);
  });
});

test('fails when an App has only plain ApiObjects: Findings.of checks them', () => {
  const app = Testing.app();
  new ApiObject(new Chart(app, 'c'), 'raw', RAW_SERVICE);
  expect(foundAll(app)).toEqual(['c/raw service-port-number spec.ports[0].port']);
});
