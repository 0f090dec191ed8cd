import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ROOT, block, commands, mustRun, readmeBlocks, replaceOnce, ruleOf, sh, tempDir, typescriptBrokenReport, typescriptShopYaml, version } from './shop';
import { WebApp } from '../../src';

/*
 * README "Use it from Python", from the built wheel (dist/python, `npx projen package`): a fresh
 * virtualenv, the wheel with cdk8s and constructs from PyPI, the README's main.py run as written.
 * Then ServiceTarget.from_workload with cdk8s-plus-27 and the newest plus line, from PyPI too.
 */

const blocks = readmeBlocks('### Use it from Python');
const WHEEL = `./dist/python/cdk8s_expose-${version()}-py3-none-any.whl`;
/** The versions the README pins, and the plus lines of the interop test (the newest plus line on npm and PyPI alike). */
const PINS = { cdk8s: '2.70.47', constructs: '10.3.0' };
const PLUS = ['cdk8s-plus-27==2.9.5', 'cdk8s-plus-34==2.0.54'];

describe('README "Use it from Python", from the built wheel', () => {
  let app = '';
  const python = () => path.join(app, '.venv', 'bin', 'python');

  beforeAll(() => {
    app = tempDir('cdk8s-expose-python-');
    fs.writeFileSync(path.join(app, 'main.py'), block(blocks, 'main.py'));
    const wheel = path.join(ROOT, WHEEL);
    if (!fs.existsSync(wheel)) throw new Error(`${wheel} is missing: run \`npx projen package\` first (the build does)`);
    const installs = commands(block(blocks, 'install'));
    expect(installs[1]).toBe(`.venv/bin/pip install ${WHEEL} cdk8s==${PINS.cdk8s} constructs==${PINS.constructs}`);
    for (const line of installs) mustRun(line.split(WHEEL).join(wheel) + (line.includes('pip install') ? ' --quiet --disable-pip-version-check' : ''), app);
  }, 600_000);

  afterAll(() => {
    if (app) fs.rmSync(app, { recursive: true, force: true });
  });

  test('the installed package is the wheel, beside the pinned cdk8s and constructs', () => {
    const r = mustRun(`${python()} -c "import importlib.metadata as m; print(m.version('cdk8s-expose'), m.version('cdk8s'), m.version('constructs'))"`, app);
    expect(r.stdout.trim()).toBe(`${version()} ${PINS.cdk8s} ${PINS.constructs}`);
  });

  test('the package\'s README shows Python under python fences: the TypeScript examples translated (jsii-rosetta)', () => {
    const r = mustRun(`${python()} -c "import importlib.metadata as m; print(m.metadata('cdk8s-expose').get_payload())"`, app);
    const pyBlocks = [...r.stdout.matchAll(/^\s*```python\n([\s\S]*?)^\s*```$/gm)].map(m => m[1]);
    // one per `ts` block of README.md (the `tsx` app of "Use it in your app" stays TypeScript)
    const tsBlocks = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').match(/^\s*```ts$/gm) ?? [];
    expect([pyBlocks.length, tsBlocks.length > 10]).toEqual([tsBlocks.length, true]);
    const typescript = /^\s*(import \{|const |let |new [A-Z])|;\s*$/m;
    expect(pyBlocks.filter(b => typescript.test(b))).toEqual([]);
    expect(r.stdout).not.toContain('```ts\n');
  });

  test('the app synthesizes the TypeScript app\'s YAML, byte for byte', () => {
    const synth = commands(block(blocks, 'synth'));
    expect(synth).toEqual(['.venv/bin/python main.py']);
    const r = sh(synth[0], app);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), 'utf8')).toBe(typescriptShopYaml());
  });

  test('fails when nodePort is 99999: the TypeScript app\'s report and rule id, exit 1', () => {
    const broken = path.join(app, 'broken.py');
    fs.writeFileSync(broken, replaceOnce(block(blocks, 'main.py'), 'node_port=30080', 'node_port=99999'));
    const r = sh(`${python()} broken.py`, app);
    const report = r.stderr.trimEnd().split('\n');
    expect([r.status, report]).toEqual([1, typescriptBrokenReport()]);
    expect(ruleOf(report)).toBe('service-node-port-range');
  });

  test('fails when a value has the wrong type: the binding refuses it at the call and names the parameter', () => {
    const r = sh(`${python()} -c "from cdk8s_expose import ServicePort; ServicePort(port=80, node_port='30080')"`, app);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^TypeError: type of argument node_port must be one of \(int, float(, NoneType)?\); got str instead$/);
  });

  test('fails when a name is empty: the TypeScript rule id and message', () => {
    const r = sh(`${python()} -c "
import json, cdk8s, cdk8s_expose
chart = cdk8s.Chart(cdk8s.App(), 'shop')
cdk8s_expose.WebApp(chart, 'web', image='nginx:1.27', name='')
try:
    cdk8s.Testing.synth(chart)
except Exception as e:
    print(json.dumps([l.strip() for l in str(e).split(chr(10)) if l.startswith('  [')]))
"`, app);
    expect(r.stderr).toBe('');
    const chart = new Chart(Testing.app(), 'shop');
    new WebApp(chart, 'web', { image: 'nginx:1.27', name: '' });
    let typescript: string[] = [];
    try {
      Testing.synth(chart);
    } catch (e) {
      typescript = (e as Error).message.split('\n').filter(l => l.startsWith('  [')).map(l => l.trim());
    }
    expect(typescript.length).toBeGreaterThan(0);
    expect(JSON.parse(r.stdout)).toEqual(typescript);
  });

  describe('ServiceTarget.from_workload with a cdk8s-plus Deployment from PyPI', () => {
    beforeAll(() => {
      mustRun(`${python()} -m pip install --quiet --disable-pip-version-check ${PLUS.join(' ')} cdk8s==${PINS.cdk8s} constructs==${PINS.constructs}`, app);
    }, 600_000);

    test.each(PLUS.map(p => [p.split('==')[0].replace(/-/g, '_')]))('holds with %s: wired without a cast, and its YAML is what it emits without us', module => {
      const script = `
import json, sys
import cdk8s, cdk8s_expose
import ${module} as kplus

def build(wired):
    chart = cdk8s.Chart(cdk8s.App(), 'c')
    d = kplus.Deployment(chart, 'web', spread=True, containers=[kplus.ContainerProps(
        image='nginx', ports=[kplus.ContainerPort(number=80, name='http')],
        security_context=kplus.ContainerSecurityContextProps(ensure_non_root=False, read_only_root_filesystem=False))])
    if wired:
        cdk8s_expose.ExposedService(chart, 'svc', target=cdk8s_expose.ServiceTarget.from_workload(d),
            ports=[cdk8s_expose.ServicePort(port=8080, target_port='http')])
    return cdk8s.Testing.synth(chart)

plain, wired = build(False), build(True)
service = [o for o in wired if o['kind'] == 'Service'][0]
print(json.dumps({
    'same': [o for o in wired if o['kind'] != 'Service'] == plain,
    'selects': service['spec']['selector'] == plain[0]['spec']['selector']['matchLabels'],
    'ports': service['spec']['ports'],
    'affinity': [t['topologyKey'] for t in plain[0]['spec']['template']['spec']['affinity']['podAntiAffinity']['requiredDuringSchedulingIgnoredDuringExecution']],
}))
`;
      fs.writeFileSync(path.join(app, 'interop.py'), script);
      const r = sh(`${python()} interop.py`, app);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({
        same: true,
        selects: true,
        ports: [{ port: 8080, targetPort: 'http' }],
        affinity: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'],
      });
    });
  });
});
