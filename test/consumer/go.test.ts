import * as fs from 'fs';
import * as path from 'path';
import { ROOT, block, commands, mustRun, readmeBlocks, replaceOnce, ruleOf, sh, tempDir, typescriptBrokenReport, typescriptShopYaml, version } from './shop';

/*
 * README "Use it from Go", from the built module (dist/go, `npx projen package`): a fresh module
 * beside a `cdk8s-expose` folder that is this repository, jsii-runtime-go from the Go module
 * proxy, cdk8s and constructs from dist/go (the proxy serves neither version; README), the
 * README's main.go run as written.
 */

const blocks = readmeBlocks('### Use it from Go');
/** The module cache and build cache stay the machine's own (Go's defaults); nothing else is shared. */
const ENV = { GOFLAGS: '-mod=mod' };
const JSII_CLOSE_RACE = /^Runtime process exited abnormally: waitid: no child processes$/;

describe('README "Use it from Go", from the built module', () => {
  let parent = '';
  let app = '';
  const run = (main: string) => {
    fs.writeFileSync(path.join(app, 'main.go'), main);
    const lines = commands(block(blocks, 'synth'));
    for (const line of lines.slice(0, -1)) mustRun(`nice -n 10 ${line}`, app, ENV);
    return sh(`nice -n 10 ${lines[lines.length - 1]}`, app, ENV);
  };

  beforeAll(() => {
    for (const m of ['cdk8sexpose', 'cdk8s', 'constructs']) {
      const mod = path.join(ROOT, 'dist', 'go', m, 'go.mod');
      if (!fs.existsSync(mod)) throw new Error(`${mod} is missing: run \`npx projen package\` first (the build does)`);
    }
    parent = tempDir('cdk8s-expose-go-');
    fs.symlinkSync(ROOT, path.join(parent, 'cdk8s-expose'));
    app = path.join(parent, 'shop-manifests');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'go.mod'), block(blocks, 'go.mod'));
  });

  afterAll(() => {
    if (parent) fs.rmSync(parent, { recursive: true, force: true });
  });

  test('go.mod pins cdk8s 2.70.47, constructs 10.3.0 and the jsii runtime of the pacmak that built the module', () => {
    const ours = fs.readFileSync(path.join(ROOT, 'dist', 'go', 'cdk8sexpose', 'go.mod'), 'utf8');
    const runtime = /github.com\/aws\/jsii-runtime-go (v\S+)/.exec(ours)?.[1];
    const pacmak = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'jsii-pacmak', 'package.json'), 'utf8')).version;
    expect(runtime).toBe(`v${pacmak}`);
    const requires = [...block(blocks, 'go.mod').matchAll(/^\t(\S+) (v\S+)$/gm)].map(m => `${m[1]}@${m[2]}`);
    expect(requires).toEqual([
      'github.com/aws/constructs-go/constructs/v10@v10.3.0',
      `github.com/aws/jsii-runtime-go@${runtime}`,
      `github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose@v${version()}`,
      'github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2@v2.70.47',
    ]);
  });

  test('the app synthesizes the TypeScript app\'s YAML, byte for byte', () => {
    const r = run(block(blocks, 'main.go'));
    // jsii-runtime-go's close race, which the README names: that exact line, or nothing
    expect([r.status, r.stderr.replace(JSII_CLOSE_RACE, '')]).toEqual([0, '']);
    expect(fs.readFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), 'utf8')).toBe(typescriptShopYaml());
  }, 600_000);

  test('fails when nodePort is 99999: the TypeScript app\'s report and rule id, exit 1', () => {
    const r = run(replaceOnce(block(blocks, 'main.go'), 'NodePort: jsii.Number(30080)', 'NodePort: jsii.Number(99999)'));
    const report = r.stderr.trimEnd().split('\n');
    expect([r.status, report]).toEqual([1, typescriptBrokenReport()]);
    expect(ruleOf(report)).toBe('service-node-port-range');
  }, 600_000);

  test('fails when a value has the wrong type: the app does not compile, at the call', () => {
    fs.writeFileSync(path.join(app, 'main.go'), replaceOnce(block(blocks, 'main.go'), 'NodePort: jsii.Number(30080)', 'NodePort: jsii.String("30080")'));
    const r = sh('nice -n 10 go build ./...', app, ENV);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter(l => l.startsWith('./main.go:'))).toEqual([
      expect.stringMatching(/^\.\/main\.go:\d+:\d+: cannot use jsii\.String\("30080"\) \(value of type \*string\) as \*float64 value in struct literal$/),
    ]);
  }, 600_000);
});
