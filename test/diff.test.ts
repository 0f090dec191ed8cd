import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { deployment, gateway, ingress, service } from './diff-objects';
import { cli } from './util';

/*
 * `cdk8s-expose diff BASE HEAD` on seed-shaped sets: a web app behind an Ingress with TLS and
 * an HTTPRoute on a Gateway; each HEAD makes one change a pull request makes.
 */

const ROOT = path.resolve(__dirname, '..');
const labels = { app: 'web' };
const apiLabels = { app: 'api' };

const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web' },
  spec: { parentRefs: [{ name: 'edge' }], hostnames: ['www.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
};

interface App { web?: object; ingress?: object; gateway?: object }
function app(over: App = {}): object[] {
  return [deployment('web', labels), deployment('api', apiLabels), over.web ?? service('web', labels), service('api', apiLabels),
    over.ingress ?? ingress([['/', 'web'], ['/api', 'web']]), over.gateway ?? gateway(false), route];
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-diff-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, objects: object[]): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, objects.map(o => JSON.stringify(o)).join('\n')); // a JSON stream: kubectl reads a file that starts with { as one
  return file;
}

/** The change lines (`scope change kind entry ...`) and the finding lines after the summary. */
function changes(out: string): string[] {
  return out.split('\n').slice(1).filter(l => l !== '' && !l.endsWith('(rule exposure-external-added)'));
}

/** The exposure findings of the text output as `severity: kind ns/name: field`. */
function exposures(out: string): string[] {
  return out.split('\n').filter(l => l.endsWith('(rule exposure-external-added)')).map(l => /: (error|warning): (\S+ \S+): (\S+):/.exec(l)!.slice(1).join(' '));
}

describe('cdk8s-expose diff', () => {
  test.each([
    ['a NodePort added', app({ web: service('web', labels, { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }) }), [
      'external added node-port <node-ip>:30080 -> Service default/web:80 -> Deployment default/web:8080',
    ], '1 new external entry point, 0 new findings', ['warning Service default/web spec.type']],
    ['an Ingress path re-pointed', app({ ingress: ingress([['/', 'web'], ['/api', 'api']]) }), [
      'external re-pointed ingress https://shop.example.com/api [prefix] (Ingress default/web) Service default/web:80 -> Deployment default/web:8080 => Service default/api:80 -> Deployment default/api:8080',
    ], '0 new external entry points, 1 re-pointed, 0 new findings', []],
    ['TLS removed', app({ ingress: ingress([['/', 'web'], ['/api', 'web']], false) }), [
      'external tls-lost ingress http://shop.example.com/ [prefix] (Ingress default/web) HTTPS -> HTTP',
      'external tls-lost ingress http://shop.example.com/api [prefix] (Ingress default/web) HTTPS -> HTTP',
    ], '0 new external entry points, 2 losing TLS, 0 new findings', []],
    ['a Gateway listener added', app({ gateway: gateway(true) }), [
      'external added gateway https://www.example.com/ [prefix] (Gateway default/edge, listener https, HTTPRoute default/web) -> Service default/web:80 -> Deployment default/web:8080',
    ], '1 new external entry point, 0 new findings', ['warning HTTPRoute default/web spec.rules']],
  ])('fails when %s: the change is listed, external first', (name, head, expected, summary, exposed) => {
    const r = cli('diff', write('base', app()), write(name.replace(/ /g, '-'), head));
    expect(r.err).toBe('note: settings: config file none, no rule or setting changed from its default\n');
    expect(r.out.split('\n')[0]).toBe(summary);
    expect(changes(r.out).filter(l => !l.startsWith('new finding'))).toEqual(expected);
    expect(exposures(r.out)).toEqual(exposed);
    expect(r.code).toBe(0);
  });

  const nodePort = () => app({ web: service('web', labels, { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }) });

  test('fails when the platform makes exposure-external-added an error: exit 1', () => {
    const r = cli('diff', '--rule', 'exposure-external-added=error', write('base', app()), write('nodeport', nodePort()));
    expect(exposures(r.out)).toEqual(['error Service default/web spec.type']);
    expect(r.code).toBe(1);
  });

  test('fails when the manifest carries an exemption annotation for it: the finding stays (only settings change it)', () => {
    const head = nodePort();
    (head[2] as any).metadata.annotations = { 'ignore-check.cdk8s-expose.io/exposure-external-added': 'trust me' };
    const r = cli('diff', '--rule', 'exposure-external-added=error', write('base', app()), write('exempted', head));
    expect(exposures(r.out)).toEqual(['error Service default/web spec.type']);
    expect(r.code).toBe(1);
  });

  test('holds when the rule is off in the settings: no finding, exit 0', () => {
    const r = cli('diff', '--rule', 'exposure-external-added=off', write('base', app()), write('nodeport', nodePort()));
    expect([exposures(r.out), r.code]).toEqual([[], 0]);
  });

  test('the JSON, SARIF and GitHub formats carry the new external entries as findings', () => {
    const args = [write('base', app()), write('nodeport', nodePort())];
    // the field's line and column: the third object of the JSON stream, at the value of spec.type
    const column = fs.readFileSync(args[1], 'utf8').split('\n')[2].indexOf('"NodePort"') + 1;
    const json = JSON.parse(cli('diff', '--format', 'json', ...args).out);
    expect(json.findings.map((f: any) => [f.rule, f.severity, f.kind, f.name, f.field, f.line, f.column, f.objectLine])).toEqual([
      ['exposure-external-added', 'warning', 'Service', 'web', 'spec.type', 3, column, 3],
    ]);
    const log = JSON.parse(cli('diff', '--format', 'sarif', ...args).out);
    const region = (x: any) => x.locations[0].physicalLocation.region;
    expect(log.runs[0].results.map((x: any) => [x.ruleId, x.level, region(x).startLine, region(x).startColumn]))
      .toEqual([['exposure-external-added', 'warning', 3, column]]);
    expect(cli('diff', '--format', 'text', ...args).out).toContain(`nodeport.yaml:3:${column}: warning: Service default/web: spec.type: new external entry point`);
    expect(cli('diff', '--format', 'github', ...args).out).toMatch(/^::notice title=cdk8s-expose settings::settings: config file none, no rule or setting changed from its default\n::warning file=.*nodeport\.yaml,line=3,col=\d+,title=exposure-external-added::Service default\/web spec\.type: new external entry point <node-ip>:30080 -> Service default\/web:80 -> Deployment default\/web:8080; .*\n$/);
  });

  test('holds when nothing changed: no change, exit 0', () => {
    const r = cli('diff', write('same-a', app()), write('same-b', app()));
    expect([r.code, r.out]).toEqual([0, '0 new external entry points, 0 new findings\n']);
  });

  test('fails when HEAD has a new error finding: listed, exit 1 (as check)', () => {
    const broken = app({ ingress: ingress([['/', 'web'], ['/api', 'nope-port']]) });
    (broken[4] as any).spec.rules[0].http.paths[1].backend.service = { name: 'web', port: { number: 8080 } };
    const r = cli('diff', write('base', app()), write('broken', broken));
    expect(changes(r.out)).toEqual([
      'external re-pointed ingress https://shop.example.com/api [prefix] (Ingress default/web) Service default/web:80 -> Deployment default/web:8080 => Service default/web:8080 -> unresolved',
      expect.stringMatching(/^new finding: .*broken\.yaml:\d+:\d+: error: Ingress default\/web: spec\.rules\[0\]\.http\.paths\[1\]\.backend\.service\.port: 8080 is not a port of .* \(rule ingress-backend-port\)$/),
    ]);
    expect(r.code).toBe(1);
  });

  test('holds when objects exist in one set only: additions and removals, not errors', () => {
    const r = cli('diff', write('web-only', [deployment('web', labels), service('web', labels)]), write('api-only', [deployment('api', apiLabels), service('api', apiLabels)]));
    expect(r.code).toBe(0);
    expect(changes(r.out)).toEqual([
      'cluster added cluster-dns api.default.svc.cluster.local:80 -> Service default/api:80 -> Deployment default/api:8080',
      'cluster added namespace-dns api:80 (from namespace default) -> Service default/api:80 -> Deployment default/api:8080',
      'cluster added port-forward kubectl port-forward -n default service/api 8080:80 -> Service default/api:80 -> Deployment default/api:8080',
      'cluster removed port-forward kubectl port-forward -n default service/web 8080:80 (was -> Service default/web:80 -> Deployment default/web:8080)',
      'cluster removed cluster-dns web.default.svc.cluster.local:80 (was -> Service default/web:80 -> Deployment default/web:8080)',
      'cluster removed namespace-dns web:80 (from namespace default) (was -> Service default/web:80 -> Deployment default/web:8080)',
    ]);
  });

  test('the JSON lists the changes with their fields', () => {
    const r = cli('diff', '--format', 'json', write('base', app()), write('nodeport', app({ web: service('web', labels, { type: 'NodePort' }) })));
    const doc = JSON.parse(r.out);
    expect(doc.changes.map((c: any) => [c.scope, c.change, c.kind, c.entryFields.port, c.path.service.name])).toEqual([
      ['external', 'added', 'node-port', undefined, 'web'],
    ]);
  });

  test.each([
    ['one side', ['x.yaml'], 'error: diff compares two sets: give BASE and HEAD (1 given); a --git side comes first\n'],
    ['inputs that do not exist', ['/nonexistent/base', '/nonexistent/head'], expect.stringMatching(/^error: \/nonexistent\/base: .*\/nonexistent\/base/)],
  ])('fails when %s: exit 2', (_, args, err) => {
    const r = cli('diff', ...args);
    expect([r.code, r.out, r.err]).toEqual([2, '', err]);
  });
});

describe('cdk8s-expose diff --git', () => {
  let repo: string;
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-git-'));
    git('init', '-q', '-b', 'main');
    fs.mkdirSync(path.join(repo, 'dist'));
    fs.writeFileSync(path.join(repo, 'dist', 'app.k8s.yaml'), app().map(o => JSON.stringify(o)).join('\n'));
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
    // HEAD: the working tree, with a NodePort
    fs.writeFileSync(path.join(repo, 'dist', 'app.k8s.yaml'), app({ web: service('web', labels, { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }) })
      .map(o => JSON.stringify(o)).join('\n'));
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  function inRepo(...args: string[]) {
    const cwd = process.cwd();
    process.chdir(repo);
    try {
      return cli(...args);
    } finally {
      process.chdir(cwd);
    }
  }

  test('holds when BASE is read at a revision, without a checkout', () => {
    const r = inRepo('diff', '--git', 'main:dist', 'dist');
    expect(r.err).toBe('note: settings: config file none, no rule or setting changed from its default\n');
    expect(changes(r.out).filter(l => !l.startsWith('new finding'))).toEqual([
      'external added node-port <node-ip>:30080 -> Service default/web:80 -> Deployment default/web:8080',
    ]);
    expect(exposures(r.out)).toEqual(['warning Service default/web spec.type']);
    expect(git('status', '--porcelain').stdout).toBe(' M dist/app.k8s.yaml\n');
  });

  test('holds when both sides are revisions: nothing changed', () => {
    const r = inRepo('diff', '--git', 'main:dist', '--git', 'HEAD:dist/app.k8s.yaml');
    expect([r.code, r.out]).toEqual([0, '0 new external entry points, 0 new findings\n']);
  });

  test.each([
    ['a revision that does not exist', 'nope:dist', 'error: --git nope:dist: no git revision "nope"\n'],
    ['a path the revision lacks', 'main:charts', 'error: --git main:charts: no .yaml or .yml files at charts in main\n'],
    ['no path', 'main', 'error: --git main: write REV:PATH, e.g. origin/main:dist\n'],
  ])('fails when %s: one line, exit 2', (_, spec, err) => {
    const r = inRepo('diff', '--git', spec, 'dist');
    expect([r.code, r.out, r.err]).toEqual([2, '', err]);
  });
});
