import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { synthApp } from './util';
import { addExampleCharts } from '../examples/charts';
import { run } from '../src/cli/main';

const ROOT = path.resolve(__dirname, '..');
const FIX = path.join(__dirname, 'fixtures', 'manifests');

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { out: s => { out += s; }, err: s => { err += s; } });
  return { code, out, err };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-cli-'));
}

describe('cdk8s-expose check', () => {
  test('a rendered Helm chart: every finding, file and line, exit 1', () => {
    const file = path.join(FIX, 'helm-rendered.yaml');
    const r = cli('check', file);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/helm-rendered\.yaml:3: error: Deployment shop\/shop: spec\.template\.spec\.containers\[0\]\.livenessProbe\.httpGet\.port: "health" names no port of this container/),
      expect.stringMatching(/helm-rendered\.yaml:\d+: error: Service shop\/shop: spec\.ports\[0\]\.targetPort: "web" names no container port of Deployment shop\/shop/),
      expect.stringMatching(/helm-rendered\.yaml:\d+: error: Service shop\/shop-admin: spec\.ports\[0\]\.nodePort: 31000 is already used by Service shop\/shop/),
      expect.stringMatching(/helm-rendered\.yaml:\d+: warning: Service shop\/shop-admin: spec\.selector: selector app\.kubernetes\.io\/name=shop-admin matches no pods/),
      expect.stringMatching(/helm-rendered\.yaml:\d+: error: Ingress shop\/shop: spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port: 8080 is not a port of Service "shop"/),
    ]));
    expect(lines[lines.length - 1]).toBe('4 errors, 1 warnings in 5 objects');
    expect(r.err).toMatch(/^note: skipped ConfigMap shop-config \(.*helm-rendered\.yaml\)/m);
  });

  test('--format json gives the findings with severity, object, field and position', () => {
    const r = cli('check', '--format', 'json', path.join(FIX, 'helm-rendered.yaml'));
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.errors).toBe(4);
    expect(json.warnings).toBe(1);
    expect(json.findings[0]).toEqual(expect.objectContaining({
      severity: 'error',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'shop',
      line: 3,
      field: 'spec.template.spec.containers[0].livenessProbe.httpGet.port',
    }));
  });

  test('valid manifests (a List) exit 0', () => {
    const r = cli('check', path.join(FIX, 'valid.yaml'));
    expect(r.out).toBe('0 errors, 0 warnings in 2 objects\n');
    expect(r.code).toBe(0);
  });

  test('--node-port-range changes the range', () => {
    const r = cli('check', '--node-port-range', '31000-31999', path.join(FIX, 'helm-rendered.yaml'));
    expect(r.out).not.toMatch(/outside the cluster's nodePort range/);
    const narrow = cli('check', '--node-port-range', '30000-30999', path.join(FIX, 'helm-rendered.yaml'));
    expect(narrow.out).toMatch(/31000 is outside the cluster's nodePort range 30000-30999/);
  });

  test('--dangling-selectors error makes a dangling selector an error', () => {
    const r = cli('check', '--dangling-selectors', 'error', path.join(FIX, 'helm-rendered.yaml'));
    expect(r.out).toMatch(/error: Service shop\/shop-admin: spec\.selector/);
  });

  describe('bad input: one line, file and position, no stack trace, exit 2', () => {
    test.each<[string, string[], RegExp]>([
      ['a file that is not YAML', [path.join(FIX, 'not-yaml.yaml')], /^error: .*not-yaml\.yaml:\d+:\d+: not valid YAML: /],
      ['a document without apiVersion or kind', [path.join(FIX, 'no-kind.yaml')], /^error: .*no-kind\.yaml:1: this document is not a Kubernetes object: it has no apiVersion or kind$/],
      ['a path that does not exist', [path.join(FIX, 'nope.yaml')], /^error: .*nope\.yaml: no such file or directory$/],
      ['a bad --format', ['--format', 'xml', path.join(FIX, 'valid.yaml')], /error: option '--format <format>' argument 'xml' is invalid/],
      ['a bad --node-port-range', ['--node-port-range', '32767-30000', path.join(FIX, 'valid.yaml')], /^error: --node-port-range 32767-30000: use MIN-MAX/],
    ])('%s', (_, args, re) => {
      const r = cli('check', ...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(re)]);
      expect(r.err).not.toMatch(/\n\s+at /);
    });

    test('an empty folder', () => {
      const dir = tempDir();
      try {
        const r = cli('check', dir);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/^error: .*: no YAML files found in this folder\n$/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test('an unknown kind is skipped with a note, not an error', () => {
    const r = cli('check', path.join(FIX, 'unknown-kind.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^note: skipped ConfigMap settings/);
  });

  test('says what it is reading for more than a few hundred files', () => {
    const dir = tempDir();
    try {
      for (let i = 0; i < 301; i++) fs.writeFileSync(path.join(dir, `svc${i}.yaml`), `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  ports: [{ port: 80 }]\n`);
      const r = cli('check', dir);
      expect(r.err).toMatch(/^reading 301 files\.\.\.$/m);
      expect(r.out).toBe('0 errors, 0 warnings in 301 objects\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the installed bin runs and exits 1 on errors', () => {
    const main = path.join(ROOT, 'lib', 'cli', 'main.js');
    if (!fs.existsSync(main)) throw new Error('lib/ is missing: run `npx projen compile` (the build does) before this test');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-expose'), 'check', path.join(FIX, 'helm-rendered.yaml')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/4 errors, 1 warnings in 5 objects/);
  });
});

describe('cdk8s-expose routes', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const app = Testing.app();
    addExampleCharts(app);
    synthApp(app); // schema-checks every manifest
    for (const chart of app.charts) Yaml.save(path.join(dir, `${chart.node.id}.yaml`), chart.toJson());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the seed scenarios, as Markdown', () => {
    const r = cli('routes', '--format', 'markdown', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| default\/nodeport-service \| NodePort \| node-port \| <node-ip>:31879 \| 8080\/TCP \(http\) \| targetPort http -> Deployment default\/nginx-deployment container app port 80\/TCP \(http\) \|/);
    expect(r.out).toMatch(/\| default\/external-service \| ExternalName \| cluster-dns \| external-service\.default\.svc\.cluster\.local:9000 \| 9000\/TCP \| CNAME api\.acmecorp\.com \|/);
    expect(r.out).toMatch(/\| storefront\/catalog \| ClusterIP \| ingress \| https:\/\/catalog\.apps\.example\.com\/\* \(Ingress storefront\/catalog\)/);
    expect(r.out).toMatch(/kubectl port-forward -n default service\/clusterip-service 8080:8080/);
    expect(r.out).toMatchSnapshot();
  });

  test('the table and JSON formats', () => {
    const table = cli('routes', dir);
    expect(table.out.split('\n')[0]).toMatch(/^SERVICE\s+TYPE\s+VIA\s+ADDRESS\s+PORT\s+TARGET$/);
    const json = JSON.parse(cli('routes', '--format', 'json', dir).out);
    const lb = json.find((s: any) => s.name === 'example-lb');
    expect(lb.routes.map((r: any) => r.via)).toEqual(['cluster-dns', 'namespace-dns', 'node-port', 'load-balancer', 'port-forward']);
  });

  test('seed 004: Ingress URLs for Services defined elsewhere', () => {
    const file = path.join(dir, 'seed-004-ingress.yaml');
    const foo = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: foo\nspec:\n  selector: { app: foo }\n  ports: [{ port: 80 }]\n';
    const svcFile = path.join(dir, 'foo.yaml');
    fs.writeFileSync(svcFile, foo);
    const r = cli('routes', '--format', 'json', file, svcFile);
    const routes = JSON.parse(r.out)[0].routes;
    expect(routes.filter((x: any) => x.via === 'ingress').map((x: any) => x.address)).toEqual(['http://service.libert.xyz/health* (Ingress default/example)']);
    fs.rmSync(svcFile);
  });
});
