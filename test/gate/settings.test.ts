import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../util';

/*
 * A pull request can add or change a `.cdk8s-expose.yaml` in its own tree. Every output names
 * the config file that was read and each setting it changed; `--config` makes the platform's
 * file the only one read, `--no-config` reads none; the config file inside a checked folder is
 * skipped and listed, never read as a manifest.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-expose');
const OFF = 'rules:\n  service-node-port-range: "off"\n  service-selector-dangling: error\nkubernetesVersion: "1.30"\nexemptions: deny\n';
const SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 99999 }] },
};
const CHANGED = {
  configFile: '.cdk8s-expose.yaml',
  rules: [
    { rule: 'service-node-port-range', default: 'error', severity: 'off', from: 'config' },
    { rule: 'service-selector-dangling', default: 'warning', severity: 'error', from: 'config' },
  ],
  settings: [
    { setting: 'kubernetesVersion', value: '1.30', from: 'config' },
    { setting: 'exemptions', value: 'deny', from: 'config' },
  ],
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-settings-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'svc.yaml'), JSON.stringify(SERVICE));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The built CLI in `dir` (the config file of the working directory is read from there). */
function bin(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const rules = (out: string) => JSON.parse(out).findings.map((f: any) => f.rule);

describe('the config file of the working directory', () => {
  beforeEach(() => fs.writeFileSync(path.join(dir, '.cdk8s-expose.yaml'), OFF));

  test('fails when it turns a rule off silently: json names the file and each change', () => {
    const r = bin('check', '--format', 'json', 'dist');
    expect(r.code).toBe(0);
    expect(rules(r.out)).toEqual([]);
    expect(JSON.parse(r.out).settings).toEqual(CHANGED);
  });

  test('fails when it turns a rule off silently: sarif carries ruleConfigurationOverrides and the file', () => {
    const inv = JSON.parse(bin('check', '--format', 'sarif', 'dist').out).runs[0].invocations[0];
    expect(inv.ruleConfigurationOverrides.map((o: any) => [o.descriptor.id, o.configuration])).toEqual([
      ['service-node-port-range', { enabled: false }], ['service-selector-dangling', { level: 'error' }],
    ]);
    expect(inv.properties).toEqual(CHANGED);
  });

  test('fails when it turns a rule off silently: github and text name the file and the change', () => {
    const line = 'settings: config file .cdk8s-expose.yaml. Rules changed: service-node-port-range error -> off (config), '
      + 'service-selector-dangling warning -> error (config). '
      + 'Settings changed: kubernetesVersion 1.30 (config), exemptions deny (config)';
    expect(bin('check', '--format', 'github', 'dist').out.split('\n')[0]).toBe(`::notice title=cdk8s-expose settings::${line}`);
    expect(bin('check', 'dist').err.split('\n')).toContain(`note: ${line}`);
  });

  test('holds when --no-config: no file is read, the finding stands', () => {
    const r = bin('check', '--format', 'json', '--no-config', 'dist');
    expect(r.code).toBe(1);
    expect(rules(r.out)).toEqual(['service-node-port-range']);
    expect(JSON.parse(r.out).settings).toEqual({ configFile: null, rules: [], settings: [] });
  });

  test('holds when --config names the platform\'s file: only that file is read', () => {
    const platform = path.join(dir, 'platform.yaml');
    fs.writeFileSync(platform, 'warningsAsErrors: true\n');
    const r = bin('check', '--format', 'json', '--config', platform, 'dist');
    expect(r.code).toBe(1);
    expect(rules(r.out)).toEqual(['service-node-port-range']);
    expect(JSON.parse(r.out).settings).toEqual({ configFile: platform, rules: [], settings: [{ setting: 'warningsAsErrors', value: true, from: 'config' }] });
  });

  test('holds when the config file lies in the checked folder: skipped and listed, never read as a manifest', () => {
    const r = bin('check', '--format', 'json', '.');
    expect(JSON.parse(r.out).fileErrors).toEqual([]);
    expect(JSON.parse(r.out).skippedFiles.map((s: any) => s.file)).toEqual(['.cdk8s-expose.yaml']);
    expect(rules(r.out)).toEqual([]);
  });

  test('fails when a config file that was not loaded lies in the checked folder: read as kubectl reads it', () => {
    const r = bin('check', '--format', 'json', '--no-config', '.');
    expect(JSON.parse(r.out).fileErrors.map((e: any) => [e.rule, e.file])).toEqual([['object-readable', '.cdk8s-expose.yaml']]);
    expect(JSON.parse(r.out).skippedFiles).toEqual([]);
  });

  test('fails when it turns a rule off in diff: json names the file and each change', () => {
    fs.mkdirSync(path.join(dir, 'base'));
    fs.writeFileSync(path.join(dir, 'base', 'svc.yaml'), JSON.stringify(SERVICE));
    const r = bin('diff', '--format', 'json', 'base', 'dist');
    expect(JSON.parse(r.out).settings).toEqual(CHANGED);
  });
});

describe('flags', () => {
  test('fails when a flag changes a rule or a setting: listed as from a flag', () => {
    const file = path.join(dir, 'dist', 'svc.yaml');
    const r = cli('check', '--format', 'json', '--no-config', '--rule', 'service-selector-dangling=off', '--namespace', 'prod',
      '--no-exemptions', '--exemptions-for', 'service-node-port-range', '--node-port-range', '30000-40000', file);
    expect(JSON.parse(r.out).settings).toEqual({
      configFile: null,
      rules: [{ rule: 'service-selector-dangling', default: 'warning', severity: 'off', from: 'flag' }],
      settings: [
        { setting: 'nodePortRange', value: { min: 30000, max: 40000 }, from: 'flag' },
        { setting: 'namespace', value: 'prod', from: 'flag' },
        { setting: 'exemptions', value: 'deny', from: 'flag' },
        { setting: 'exemptableRules', value: ['service-node-port-range'], from: 'flag' },
      ],
    });
  });

  test('holds when a setting is written at its default: not listed', () => {
    const config = path.join(dir, 'defaults.yaml');
    fs.writeFileSync(config, 'rules:\n  service-node-port-range: error\nwarningsAsErrors: false\nexemptions: allow\n');
    expect(JSON.parse(cli('check', '--format', 'json', '--config', config, path.join(dir, 'dist')).out).settings)
      .toEqual({ configFile: config, rules: [], settings: [] });
  });
});
