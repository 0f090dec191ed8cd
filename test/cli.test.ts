import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { cli, cliWith, synthApp } from './util';
import { addExampleCharts } from '../examples/charts';

const ROOT = path.resolve(__dirname, '..');
const FIX = path.join(__dirname, 'fixtures', 'manifests');
/** What `check` notes when no config file is read and no flag changes a setting. */
const DEFAULT_SETTINGS = 'note: settings: config file none, no rule or setting changed from its default\n';

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
      expect.stringMatching(/helm-rendered\.yaml:29:21: error: Deployment shop\/shop: spec\.template\.spec\.containers\[0\]\.livenessProbe\.httpGet\.port: "health" names no port of this container/),
      expect.stringMatching(/helm-rendered\.yaml:44:19: error: Service shop\/shop: spec\.ports\[0\]\.targetPort: "web" names no container port of Deployment shop\/shop/),
      expect.stringMatching(/helm-rendered\.yaml:60:17: error: Service shop\/shop-admin: spec\.ports\[0\]\.nodePort: 31000 is already used by Service shop\/shop/),
      expect.stringMatching(/helm-rendered\.yaml:56:5: warning: Service shop\/shop-admin: spec\.selector: selector app\.kubernetes\.io\/name=shop-admin matches no pods/),
      expect.stringMatching(/helm-rendered\.yaml:80:19: error: Ingress shop\/shop: spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port: 8080 is not a port of Service "shop"/),
    ]));
    expect(lines[lines.length - 1]).toBe('4 errors, 1 warning in 5 objects');
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
      line: 29,
      column: 21,
      objectLine: 3,
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

  describe('usage errors: one line, no stack trace, exit 2, nothing checked', () => {
    test.each<[string, string[], RegExp]>([
      ['a path that does not exist', [path.join(FIX, 'nope.yaml')], /^error: .*nope\.yaml: no such file or directory$/],
      ['a bad --format', ['--format', 'xml', path.join(FIX, 'valid.yaml')], /error: option '--format <format>' argument 'xml' is invalid/],
      ['a bad --node-port-range', ['--node-port-range', '32767-30000', path.join(FIX, 'valid.yaml')], /^error: nodePortRange: 32767-30000 is not a port range/],
    ])('fails when given %s', (_, args, re) => {
      const r = cli('check', ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(re)]);
      expect(r.err).not.toMatch(/\n\s+at /);
    });

    test('fails when a path does not exist, even next to a good one: nothing is checked', () => {
      const r = cli('check', path.join(FIX, 'helm-rendered.yaml'), path.join(FIX, 'nope.yaml'));
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`error: ${path.join(FIX, 'nope.yaml')}: no such file or directory\n`);
    });

    test('fails when the input is an empty folder', () => {
      const dir = tempDir();
      try {
        const r = cli('check', dir);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err).toBe(`error: no Kubernetes objects found in ${dir}: no .json, .yaml or .yml files there\n`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('fails when the input is a 0-byte file, as an empty folder does (it reported 0 objects, exit 0)', () => {
      const dir = tempDir();
      try {
        const file = path.join(dir, 'empty.yaml');
        fs.writeFileSync(file, '');
        for (const command of ['check', 'routes']) {
          const r = cli(command, file);
          expect([r.code, r.out, r.err]).toEqual([2, '', `error: no Kubernetes objects found in ${file}: the input is empty or only comments; check the path, or that the chart rendered\n`]);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('file errors: reported with file and line among the findings, exit 1, the other files still checked', () => {
    const notYaml = path.join(FIX, 'not-yaml.yaml');
    const noKind = path.join(FIX, 'no-kind.yaml');
    const valid = path.join(FIX, 'valid.yaml');

    test('fails when a file is not YAML or a document is not a Kubernetes object (they stopped the whole run)', () => {
      const r = cli('check', notYaml, valid, noKind);
      expect(r.out.split('\n')).toEqual([
        `${notYaml}:5: error: not valid YAML: unexpected end of the stream within a flow collection; no object of this file was checked (rule object-readable)`,
        `${noKind}:1: error: this document is not a Kubernetes object: it has no apiVersion or kind; give it apiVersion and kind, or remove it (rule object-readable)`,
        '2 errors, 0 warnings in 2 objects',
        '',
      ]);
      expect(r.err).toBe(DEFAULT_SETTINGS);
      expect(r.code).toBe(1);
    });

    test('--format json adds fileErrors and counts them as errors', () => {
      const r = cli('check', '--format', 'json', notYaml, valid);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out)).toEqual({
        findings: [],
        suppressed: [],
        errors: 1,
        warnings: 0,
        objects: 2,
        settings: { configFile: null, rules: [], settings: [] },
        skipped: [],
        fileErrors: [{ rule: 'object-readable', file: notYaml, line: 5, message: 'not valid YAML: unexpected end of the stream within a flow collection; no object of this file was checked' }],
        skippedFiles: [],
      });
    });

    test('fails when a link in a folder is broken (it aborted the whole run): one error, the rest checked', () => {
      const dir = tempDir();
      try {
        fs.copyFileSync(valid, path.join(dir, 'a.yaml'));
        fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'b.yaml'));
        const r = cli('check', dir);
        expect(r.out).toBe(`${path.join(dir, 'b.yaml')}: error: broken symbolic link to ${path.join(dir, 'gone.yaml')}: its target does not exist; fix or remove the link (rule object-readable)\n`
          + '1 error, 0 warnings in 2 objects\n');
        expect(r.code).toBe(1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('routes prints the map of what it read, the file errors to stderr, and exits 1', () => {
      const r = cli('routes', notYaml, valid);
      expect(r.out.split('\n')[0]).toMatch(/^SERVICE\s+TYPE/);
      expect(r.out).toMatch(/^default\/web\s+ClusterIP\s+cluster-dns/m);
      expect(r.err).toBe(`${notYaml}:5: error: not valid YAML: unexpected end of the stream within a flow collection; no object of this file was checked (rule object-readable)\n`);
      expect(r.code).toBe(1);
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
    expect(r.stdout).toMatch(/4 errors, 1 warning in 5 objects/);
  });
});

/** The installed bin in its own process (what a hang cannot stop in-process), with a time limit. */
function bin(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const main = path.join(ROOT, 'lib', 'cli', 'main.js');
  if (!fs.existsSync(main)) throw new Error('lib/ is missing: run `npx projen compile` (the build does) before this test');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-expose'), ...args], { encoding: 'utf8', input, timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe('cdk8s-expose inputs and output (issue 13)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const service = (name: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{ port: 80 }]\n${extra}`;

  test('--version prints the package version', () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(cli('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  test('the help text documents the exit codes', () => {
    const r = cli('check', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain([
      'Exit codes:',
      '  0  no errors (warnings may be printed)',
      '  1  errors: a finding of severity error, or a file that could not be checked',
    ].join('\n'));
    expect(r.out).toContain('  2  usage: a bad option, a path that does not exist, or no Kubernetes object in any input\n');
  });

  test('- reads standard input: helm template ... | cdk8s-expose check -', () => {
    const text = fs.readFileSync(path.join(FIX, 'helm-rendered.yaml'), 'utf8');
    const r = cliWith(() => text, ['check', '-']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').map(l => l.split(': ')[0])).toEqual(['<stdin>:29:21', '<stdin>:44:19', '<stdin>:56:5', '<stdin>:60:17', '<stdin>:80:19', '4 errors, 1 warning in 5 objects', '']);
  });

  test('the bin reads standard input for -', () => {
    const r = bin(['check', '-'], fs.readFileSync(path.join(FIX, 'helm-rendered.yaml'), 'utf8'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^<stdin>:29:21: error: Deployment shop\/shop: /);
  });

  test('findings are sorted by file (in the order read) and line, though the analysis finds the wiring ones last', () => {
    // a.yaml's Service names a port b.yaml's Deployment lacks (a wiring finding, found after
    // every object's own); b.yaml's Deployment probes an undeclared port (its own finding)
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports: [{ port: 80, targetPort: nope }]\n');
    fs.writeFileSync(path.join(dir, 'b.yaml'), [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web }',
      'spec:',
      '  selector: { matchLabels: { app: web } }',
      '  template:',
      '    metadata: { labels: { app: web } }',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: nginx',
      '          ports: [{ name: http, containerPort: 80 }]',
      '          livenessProbe: { httpGet: { port: health } }',
      '',
    ].join('\n'));
    const r = cli('check', dir);
    expect(r.out.split('\n').map(l => l.split(': ').slice(0, 4).join(': '))).toEqual([
      `${path.join(dir, 'a.yaml')}:7:35: error: Service default/web: spec.ports[0].targetPort`,
      `${path.join(dir, 'b.yaml')}:13:45: error: Deployment default/web: spec.template.spec.containers[0].livenessProbe.httpGet.port`,
      '2 errors, 0 warnings in 2 objects',
      '',
    ]);
  });

  (canMkfifo ? test : test.skip)('a FIFO named *.yaml in a folder is skipped with a note (the run hung reading it)', () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), service('a'));
    expect(spawnSync('mkfifo', [path.join(dir, 'b.yaml')]).status).toBe(0);
    const r = bin(['check', dir]);
    expect(r).toEqual({
      code: 0,
      out: '0 errors, 0 warnings in 1 object\n',
      err: `note: ${path.join(dir, 'b.yaml')}: skipped: not a regular file (a FIFO, socket or device); name it on the command line to read it\n${DEFAULT_SETTINGS}`,
    });
  });

  test('a symbolic link to a folder is not followed, as kubectl does not follow it: listed as skipped in every format', () => {
    const real = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-cli-'));
    try {
      fs.writeFileSync(path.join(real, 'svc.yaml'), service('a'));
      fs.writeFileSync(path.join(dir, 'svc.yaml'), service('b'));
      fs.symlinkSync(real, path.join(dir, 'linked'));
      const reason = 'a link to a folder: kubectl does not follow it (filepath.Walk); name the folder to read it';
      expect(cli('check', dir)).toEqual({ code: 0, out: '0 errors, 0 warnings in 1 object\n', err: `note: ${path.join(dir, 'linked')}: skipped: ${reason}\n${DEFAULT_SETTINGS}` });
      expect(JSON.parse(cli('check', '--format', 'json', dir).out).skippedFiles).toEqual([{ file: path.join(dir, 'linked'), reason }]);
      expect(cli('check', '--format', 'github', dir).out).toContain(`::notice file=${path.relative(process.cwd(), path.join(dir, 'linked'))},title=skipped::${reason}`);
      const sarif = JSON.parse(cli('check', '--format', 'sarif', dir).out);
      expect(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text)).toEqual([`skipped: ${reason}`]);
    } finally {
      fs.rmSync(real, { recursive: true, force: true });
    }
  });

  test('a List inside a List is checked (it was skipped with a note, its items unchecked)', () => {
    const file = path.join(dir, 'lists.yaml');
    fs.writeFileSync(file, [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: List',
      '    items:',
      '      - apiVersion: v1',
      '        kind: Service',
      '        metadata: { name: inner }',
      '        spec: { ports: [{ port: 99999 }] }',
      '',
    ].join('\n'));
    const r = cli('check', file);
    expect(r.err).toBe(DEFAULT_SETTINGS);
    expect(r.out.split('\n').map(l => l.split(': ').slice(0, 4).join(': '))).toEqual([
      `${file}:10:33: error: Service default/inner: spec.ports[0].port`,
      '1 error, 0 warnings in 1 object',
      '',
    ]);
  });

  test('control characters from the YAML are escaped in text output (they were printed raw)', () => {
    const file = path.join(dir, 'evil.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "a\\e[2J\\u202eb"\nspec:\n  ports: [{ port: 80 }]\n');
    const check = cli('check', file);
    expect(check.out).not.toMatch(/[\u001b\u202e]/);
    expect(check.out).toContain(': error: Service default/a\\x1b[2J\\u202eb: metadata.name: ');
    for (const [format, shown] of [['table', 'default/a\\x1b[2J\\u202eb'], ['markdown', 'default/a\\\\x1b\\[2J\\\\u202eb']]) {
      const routes = cli('routes', '--format', format, file);
      expect(routes.out).not.toMatch(/[\u001b\u202e]/);
      expect(routes.out).toContain(shown);
    }
    const json = cli('routes', '--format', 'json', file);
    expect(json.out).not.toMatch(/[\u001b\u202e]/);
    expect(JSON.parse(json.out).services[0].name).toBe('a\u001b[2J\u202eb');
  });

  test('fails when a document is an alias bomb: an error naming the file and line, the rest checked', () => {
    const bomb = path.join(FIX, 'alias-bomb.yaml');
    const r = cli('check', bomb, path.join(FIX, 'anchors.yaml'));
    expect(r.out).toBe(`${bomb}:2: error: excessive aliasing: aliases expand this document to at least 5882 nodes, 5829 of them copies `
      + '(Kubernetes\' YAML decoder refuses more than 99% copies at this size: CVE-2019-11253); write the repeated values out (rule object-readable)\n'
      + '1 error, 0 warnings in 101 objects\n');
    expect(r.code).toBe(1);
  });

  test('routes prints a table of 150,000 rows (it overflowed the stack at ~125,000)', () => {
    // 500 Services of 100 ports: 3 routes per port (cluster DNS, namespace DNS, port-forward: they have a selector)
    const ports = Array.from({ length: 100 }, (_, p) => `{ name: p${p}, port: ${1000 + p} }`).join(', ');
    const file = path.join(dir, 'many.yaml');
    fs.writeFileSync(file, Array.from({ length: 500 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: { name: s${i} }\nspec: { selector: { app: s${i} }, ports: [${ports}] }\n`).join('---\n'));
    const r = cli('routes', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(1 + 150_000 + 1);
    expect(lines[lines.length - 2]).toMatch(/^default\/s499 +ClusterIP +port-forward +kubectl port-forward -n default service\/s499 1099:1099 +1099\/TCP \(p99\) +targetPort 1099 -> no workload selected$/);
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
    expect(r.out).toMatch(/\| default\/nodeport-service \| NodePort \| node-port \| \\<node-ip>:31879 \| 8080\/TCP \(http\) \| targetPort http -> Deployment default\/nginx-deployment container app port 80\/TCP \(http\) \|/);
    expect(r.out).toMatch(/\| default\/external-service \| ExternalName \| cluster-dns \| external-service\.default\.svc\.cluster\.local:9000 \| 9000\/TCP \| CNAME api\.acmecorp\.com \|/);
    expect(r.out).toMatch(/\| storefront\/catalog \| ClusterIP \| ingress \| https:\/\/catalog\.apps\.example\.com\/ \\\[prefix\\\] \(Ingress storefront\/catalog\)/); // Markdown's [ and ] escaped
    expect(r.out).toMatch(/kubectl port-forward -n default service\/clusterip-service 8080:8080/);
    expect(r.out).toMatchSnapshot();
  });

  test('the table and JSON formats', () => {
    const table = cli('routes', dir);
    expect(table.out.split('\n')[0]).toMatch(/^SERVICE\s+TYPE\s+VIA\s+ADDRESS\s+PORT\s+TARGET$/);
    const json = JSON.parse(cli('routes', '--format', 'json', dir).out);
    expect(json.schemaVersion).toBe(2);
    const lb = json.services.find((s: any) => s.name === 'example-lb');
    expect(lb.rows.map((r: any) => [r.via, r.entry.kind, r.scope, r.entry.port, r.path.servicePort, r.path.status])).toEqual([
      ['cluster-dns', 'cluster-dns', 'cluster', 80, 80, 'resolved'],
      ['namespace-dns', 'namespace-dns', 'cluster', 80, 80, 'resolved'],
      ['node-port', 'node-port', 'external', undefined, 80, 'resolved'],
      ['load-balancer', 'load-balancer', 'external', 80, 80, 'resolved'],
      ['port-forward', 'port-forward', 'cluster', 8080, 80, 'resolved'],
    ]);
    for (const r of lb.rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(['address', 'target', 'servicePort']));
  });

  test('seed 004: Ingress URLs for Services defined elsewhere', () => {
    const file = path.join(dir, 'seed-004-ingress.yaml');
    const foo = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: foo\nspec:\n  selector: { app: foo }\n  ports: [{ port: 80 }]\n';
    const svcFile = path.join(dir, 'foo.yaml');
    fs.writeFileSync(svcFile, foo);
    const r = cli('routes', '--format', 'json', file, svcFile);
    const rows = JSON.parse(r.out).services[0].rows;
    expect(rows.filter((x: any) => x.via === 'ingress').map((x: any) => x.address)).toEqual(['http://service.libert.xyz/health [prefix] (Ingress default/example)']);
    expect(rows.filter((x: any) => x.via === 'ingress').map((x: any) => x.entry)).toEqual([
      { kind: 'ingress', host: 'service.libert.xyz', protocol: 'HTTP', path: '/health', pathMatch: 'Prefix', tls: false },
    ]);
    fs.rmSync(svcFile);
  });
});

test('a reader that leaves early (| head) ends the run quietly, without a stack trace', () => {
  // more output than a pipe buffers (64 KiB), so the writer meets the closed pipe
  const dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-epipe-'));
  try {
    const file = path.join(dir, 'many.yaml');
    fs.writeFileSync(file, Array.from({ length: 3000 }, (_, i) => `---\napiVersion: v1\nkind: Service\nmetadata: { name: s${i} }\nspec: { ports: [{ port: 80 }] }\n`).join(''));
    const r = spawnSync('bash', ['-c', `node ${path.join(ROOT, 'bin', 'cdk8s-expose')} routes ${file} | head -1`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^SERVICE\s+TYPE/);
    expect(r.stderr).toBe('');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
