import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validateSchema } from '../util';
import { asBuilt } from './shop';

/*
 * Proves README.md's "Use it in your app" from the packed tarball, as a user meets it: a fresh
 * app repo in a temp folder, the package and its peers installed from the registry, the real
 * `cdk8s synth` and `cdk8s-expose check`.
 *
 * The README is the one source of truth. In its section, a fenced block whose info string has
 * `title=<name>` is used here:
 *   - `title=package.json`, `tsconfig.json`, `cdk8s.yaml`, `main.ts`: written into the app repo;
 *   - `title=install`: each line is run, `cdk8s-expose` replaced by the tarball's path;
 *   - any other name (`synth-broken`, `check-clean`, `check-mistake`): a `$ command` line, then
 *     its expected output, which must equal the real output once normalized (see `normalize`).
 *
 * Needs dist/js/cdk8s-expose@<version>.jsii.tgz (projen's `package` task): `npx projen test:consumer`,
 * which the build runs after `package`. The default jest run ignores test/consumer.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SECTION = '## Use it in your app';
/** The README's documented one-line changes: main.ts for the failing synth, the YAML for `check`. */
const BROKEN_MAIN: [string, string] = ['nodePort: 30080', 'nodePort: 99999'];
const MISTAKE_YAML: [string, string] = ['targetPort: http', 'targetPort: htpp'];
/** Where the README's outputs say the app repo is. */
const SHOWN_DIR = '/home/me/shop-manifests';

interface Block { readonly lang: string; readonly body: string }

function readmeBlocks(): Map<string, Block> {
  const md = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = md.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = md.indexOf('\n## ', start + SECTION.length + 2);
  const section = md.slice(start, end < 0 ? undefined : end);
  const blocks = new Map<string, Block>();
  for (const m of section.matchAll(/^```(\w+) ([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const title = /(?:^|\s)title=(\S+)/.exec(m[2])?.[1];
    if (!title) continue;
    if (blocks.has(title)) throw new Error(`README.md: two blocks titled ${title}`);
    blocks.set(title, { lang: m[1], body: asBuilt(m[3]) });
  }
  return blocks;
}

const blocks = readmeBlocks();

function block(title: string): string {
  const b = blocks.get(title);
  if (!b) throw new Error(`README.md "${SECTION}" has no block titled ${title}`);
  return b.body;
}

/** The README's `$ command` and the output below it. */
function shownRun(title: string): { command: string; output: string } {
  const [first, ...rest] = block(title).split('\n');
  if (!first.startsWith('$ ')) throw new Error(`README.md block ${title} must start with "$ command"`);
  return { command: first.slice(2), output: rest.join('\n') };
}

/**
 * What varies between machines and is not ours: npm's warnings about this machine's npm config,
 * the app repo's folder, and line:column of stack frames (they move with Node and cdk8s-cli patch
 * releases; the frames themselves are compared). Applied to the README and the real output alike.
 */
function normalize(text: string, appDir: string): string {
  return text
    .split('\n')
    .filter(l => !l.startsWith('npm warn '))
    .map(l => l.split(appDir).join(SHOWN_DIR))
    .map(l => (/^\s+at /.test(l) ? l.replace(/:\d+:\d+\)$/, ':L:C)') : l))
    .join('\n')
    .trimEnd();
}

function tarball(): string {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const file = path.join(ROOT, 'dist', 'js', `cdk8s-expose@${version}.jsii.tgz`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen package\` first (the build does)`);
  return file;
}

/**
 * The environment of a user's shell: without the variables npm and projen set for this run
 * (npm_config_*, npm_package_*), and without node_modules/.bin folders on PATH, so that every
 * command finds only what the app repo installed.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.PATH = (process.env.PATH ?? '').split(path.delimiter).filter(p => !p.includes(`node_modules${path.sep}.bin`)).join(path.delimiter);
  env.CDK8S_CHECK_UPGRADE = 'false'; // as the README exports it
  return env;
}

interface Run { readonly status: number | null; readonly output: string }

/** Runs a shell command line in the app repo; its standard output alone (a JSON or SARIF document). */
function stdout(command: string, cwd: string): Run {
  const r = spawnSync('sh', ['-c', command], { cwd, env: userEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
  if (r.error) throw r.error;
  return { status: r.status, output: r.stdout };
}

/** Runs a shell command line in the app repo; stdout and stderr in one stream, in the order written. */
function sh(command: string, cwd: string): Run {
  const file = path.join(os.tmpdir(), `cdk8s-expose-consumer-${process.pid}.out`);
  const fd = fs.openSync(file, 'w');
  try {
    const r = spawnSync('sh', ['-c', command], { cwd, env: userEnv(), stdio: ['ignore', fd, fd], timeout: 240_000 });
    if (r.error) throw r.error;
    return { status: r.status, output: fs.readFileSync(file, 'utf8') };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
}

function replaceOnce(text: string, [from, to]: [string, string], where: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`${where}: expected "${from}" exactly once, found it ${parts.length - 1} times`);
  return parts.join(to);
}

function manifests(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

describe('README "Use it in your app", from the packed tarball', () => {
  let app = '';
  let validSynth: Run;
  let validDist = '';

  beforeAll(() => {
    app = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-app-')));
    for (const name of ['package.json', 'tsconfig.json', 'cdk8s.yaml', 'main.ts']) fs.writeFileSync(path.join(app, name), block(name));
    const pkg = tarball();
    const installs = block('install').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
    expect(installs.length).toBe(2);
    for (const line of installs) {
      const words = line.split(/\s+/);
      expect(words.slice(0, 2)).toEqual(['npm', 'install']);
      const command = [...words.map(w => (w === 'cdk8s-expose' ? pkg : w)), '--prefer-offline', '--no-audit', '--no-fund'].join(' ');
      const r = sh(command, app);
      if (r.status !== 0) throw new Error(`${command} failed (${r.status}):\n${r.output}`);
    }
    validSynth = sh('npx cdk8s synth', app);
    validDist = fs.readFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), 'utf8');
  }, 600_000);

  afterAll(() => {
    if (app) fs.rmSync(app, { recursive: true, force: true });
  });

  test('the installed package is the tarball, and cdk8s.yaml names its version', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'cdk8s-expose', 'package.json'), 'utf8'));
    const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(installed.version).toBe(ours.version);
    expect(installed.engines).toEqual({ node: '>= 20.0.0' });
    const validation = /validations:\n\s+- package: (\S+)\n\s+version: (\S+)\n\s+class: (\S+)/.exec(block('cdk8s.yaml'));
    expect(validation?.slice(1)).toEqual(['./node_modules/cdk8s-expose', installed.version, 'ExposeValidation']);
  });

  test('cdk8s synth of the valid app exits 0, with a clean validation report and no warning', () => {
    expect(validSynth.status).toBe(0);
    const out = normalize(validSynth.output, app);
    expect(out).toMatch(/Status\s+│ success/);
    // nothing between the report's (Violations) heading and the end of the validations
    expect(/\(Violations\)\n([\s\S]*?)Validations ended succesfully/.exec(out)?.[1].trim()).toBe('');
    expect(out.split('\n').filter(l => /warn|error/i.test(l))).toEqual([]);
  });

  test('cdk8s synth writes the Deployment, Service, Ingress, Gateway and HTTPRoute the README names, wired', () => {
    expect(fs.readdirSync(path.join(app, 'dist')).filter(f => f.endsWith('.yaml'))).toEqual(['shop.k8s.yaml']);
    const objects = manifests(path.join(app, 'dist', 'shop.k8s.yaml'));
    objects.forEach(validateSchema);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Service/web', 'Ingress/web-route', 'Gateway/gateway', 'HTTPRoute/web-http']);
    const [deployment, service, ingress, , route] = objects;
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(service.spec.ports).toEqual([{ port: 80, targetPort: 'http', nodePort: 30080 }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'web', port: { number: 80 } });
    expect([route.spec.parentRefs, route.spec.rules[0].backendRefs]).toEqual([[{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway' }], [{ name: 'web', port: 80 }]]);
  });

  test('cdk8s-expose check runs from the installed package: exit 0 on the valid dist, as the README shows', () => {
    const shown = shownRun('check-clean');
    const r = sh(shown.command, app);
    expect(normalize(r.output, app)).toBe(normalize(shown.output, app));
    expect(r.status).toBe(0);
    const script = sh('npm run --silent check', app); // package.json's script
    expect([script.status, normalize(script.output, app)]).toEqual([0, normalize(shown.output, app)]);
  });

  test('the installed package needs at run time only Node, its bundled dependencies and its peers', () => {
    const dir = path.join(app, 'node_modules', 'cdk8s-expose');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect([...pkg.bundledDependencies].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    // bundled: resolved inside the package, not from the app's node_modules
    for (const dep of pkg.bundledDependencies) expect(require.resolve(dep, { paths: [dir] }).startsWith(path.join(dir, 'node_modules', dep))).toBe(true);
    const allowed = new Set([...builtinModules, ...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    const requires = new Set<string>();
    const scan = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) {
          scan(f);
        } else if (f.endsWith('.js') || d.endsWith(`${path.sep}bin`)) {
          for (const m of fs.readFileSync(f, 'utf8').matchAll(/require\(["']([^"'.][^"']*)["']\)/g)) requires.add(m[1].replace(/^node:/, ''));
        }
      }
    };
    scan(path.join(dir, 'lib'));
    scan(path.join(dir, 'bin'));
    expect(requires.size).toBeGreaterThan(3);
    expect([...requires].filter(r => !allowed.has(r.startsWith('@') ? r.split('/').slice(0, 2).join('/') : r.split('/')[0]))).toEqual([]);
  });

  describe('fails when a manifest has a mistake', () => {
    afterEach(() => fs.writeFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), validDist));

    test('check prints what the README shows and exits 1', () => {
      const md = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      expect(md).toContain(`\`${MISTAKE_YAML[0]}\` to \`${MISTAKE_YAML[1]}\` in \`dist/shop.k8s.yaml\``);
      fs.writeFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), replaceOnce(validDist, MISTAKE_YAML, 'dist/shop.k8s.yaml'));
      const shown = shownRun('check-mistake');
      const r = sh(shown.command, app);
      expect(normalize(r.output, app)).toBe(normalize(shown.output, app));
      expect(r.status).toBe(1);
    });

    test('check --format json, github and sarif report the same finding', () => {
      fs.writeFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), replaceOnce(validDist, MISTAKE_YAML, 'dist/shop.k8s.yaml'));
      const json = stdout('npx cdk8s-expose check dist/ --format json', app);
      expect(json.status).toBe(1);
      expect(JSON.parse(json.output).findings.map((f: any) => [f.rule, f.severity, f.kind, f.name, f.field]))
        .toEqual([['service-target-port-name', 'error', 'Service', 'web', 'spec.ports[0].targetPort']]);
      const github = stdout('npx cdk8s-expose check dist/ --format github', app);
      expect(github.status).toBe(1);
      expect(github.output.trimEnd().split('\n').map(l => l.slice(0, l.indexOf('::', 2) + 2))).toEqual([
        // the settings (no config file), then cdk8s' metadata beside the manifests, skipped and said
        '::notice title=cdk8s-expose settings::',
        '::notice file=dist/cdk8s-expose-findings.json,title=skipped::',
        '::notice file=dist/construct-metadata.json,title=skipped::',
        '::error file=dist/shop.k8s.yaml,line=44,col=19,title=service-target-port-name::',
      ]);
      const sarif = stdout('npx cdk8s-expose check dist/ --format sarif', app);
      expect(sarif.status).toBe(1);
      const log = JSON.parse(sarif.output);
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0].results.map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]))
        .toEqual([['service-target-port-name', 'error', 'dist/shop.k8s.yaml']]);
    });
  });

  describe('fails when main.ts has the README\'s one-line mistake', () => {
    const main = () => path.join(app, 'main.ts');
    afterEach(() => fs.writeFileSync(main(), block('main.ts')));

    test('cdk8s synth exits 1 and prints exactly what the README shows', () => {
      const md = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      expect(md).toContain(`Change \`${BROKEN_MAIN[0]}\` to \`${BROKEN_MAIN[1]}\` in \`main.ts\``);
      fs.writeFileSync(main(), replaceOnce(block('main.ts'), BROKEN_MAIN, 'main.ts'));
      const shown = shownRun('synth-broken');
      const r = sh(shown.command, app);
      expect(normalize(r.output, app)).toBe(normalize(shown.output, app));
      expect(r.status).toBe(1);
    });

    test('an app that prints the errors but exits 0 makes cdk8s synth exit 0 (why main.ts sets the exit code)', () => {
      const broken = replaceOnce(block('main.ts'), BROKEN_MAIN, 'main.ts');
      fs.writeFileSync(main(), replaceOnce(broken, ['process.exitCode = 1;', ''], 'main.ts'));
      const r = sh('npx cdk8s synth', app);
      expect(r.status).toBe(0);
      expect(r.output).toContain('No manifests synthesized');
      expect(r.output).toContain('Validations ended succesfully');
    });
  });
});
