import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/* The validation plugin, loaded by the real cdk8s-cli `synth` from this package by a local path. */
const ROOT = path.resolve(__dirname, '..');

test('cdk8s synth runs the plugin and fails on a wiring error, with the construct path', () => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npx projen compile` (the build does) before this test');
  // the app lives one level below the package root, so `./..` in cdk8s.yaml is this package
  const dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-plugin-'));
  try {
    const fixture = path.join(__dirname, 'fixtures', 'plugin-app');
    for (const f of ['main.ts', 'cdk8s.yaml']) fs.copyFileSync(path.join(fixture, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { rootDir: '.', noEmit: true }, include: ['*.ts'] }));
    const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
    const out = `${res.stdout}\n${res.stderr}`;
    expect(res.status).not.toBe(0);
    expect(out).toMatch(/Validation Report/);
    expect(out).toMatch(/Status\s+│ failure/);
    expect(out).toMatch(/Service default\/legacy-svc spec\.ports\[0\]\.targetPort: "htpp" names no container port of Deployment default\/legacy \[legacy\/deployment\]/);
    expect(out).toMatch(/Construct Path: legacy\/service/);
    expect(out).toMatch(/service-target-port-name \(1 occurrences\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('cdk8s synth with the plugin and cdk8s-expose\'s constructs: a warning is printed once, by the App, not again in the report', () => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npx projen compile` (the build does) before this test');
  const dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-plugin-'));
  try {
    const fixture = path.join(__dirname, 'fixtures', 'plugin-construct-app');
    for (const f of ['main.ts', 'cdk8s.yaml']) fs.copyFileSync(path.join(fixture, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { rootDir: '.', noEmit: true }, include: ['*.ts'] }));
    const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
    const out = `${res.stdout}\n${res.stderr}`;
    expect(res.status).toBe(0);
    expect(out).toMatch(/Status\s+│ success/);
    expect(out.match(/service-selector-dangling/g)).toHaveLength(1);
    expect(out).toMatch(/\[patch\/lonely\] warning: spec\.selector: .*\(rule service-selector-dangling\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
