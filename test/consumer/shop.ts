import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * What the consumer tests of the Python, Java and Go packages share: the README's blocks of
 * one language section, the TypeScript shop app's YAML to compare with, and the broken app's
 * report as the README's TypeScript section shows it.
 */

export const ROOT = path.resolve(__dirname, '..', '..');
const README = () => fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/**
 * The version the README's blocks name: package.json's between releases, as projen keeps it.
 * `npx projen release` builds and tests at the next version (0.1.0 first), where the README's
 * blocks are read with that version in place of this one.
 */
export const README_VERSION = '0.0.0';

export function asBuilt(text: string): string {
  return text.split(README_VERSION).join(version());
}

/** The blocks titled `title=<name>` of the README section with this heading (up to the next heading of its level or above). */
export function readmeBlocks(heading: string): Map<string, string> {
  const md = README();
  const start = md.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const level = heading.split(' ')[0];
  const next = [...md.slice(start + heading.length + 2).matchAll(/^(#+) /gm)].find(m => m[1].length <= level.length);
  const section = md.slice(start, next === undefined ? undefined : start + heading.length + 2 + next.index!);
  const blocks = new Map<string, string>();
  for (const m of section.matchAll(/^```(\w+) ([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const title = /(?:^|\s)title=(\S+)/.exec(m[2])?.[1];
    if (!title) continue;
    if (blocks.has(title)) throw new Error(`README.md "${heading}": two blocks titled ${title}`);
    blocks.set(title, asBuilt(m[3]));
  }
  return blocks;
}

export function block(blocks: Map<string, string>, title: string): string {
  const b = blocks.get(title);
  if (b === undefined) throw new Error(`README.md has no block titled ${title} in that section`);
  return b;
}

/** The lines of a shell block, without comments and blank lines. */
export function commands(body: string): string[] {
  return body.split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
}

export function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`expected "${from}" exactly once, found it ${parts.length - 1} times`);
  return parts.join(to);
}

export interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/** Runs a shell command line; throws on a spawn error (a timeout included). */
export function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 600_000): Run {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) base[k] = v;
  // jsii's Node runtime prints an end-of-life banner on Node 20, the floor this project builds on (README)
  base.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION = '20';
  const r = spawnSync('sh', ['-c', command], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function mustRun(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = sh(command, cwd, env);
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function version(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

/**
 * The TypeScript shop app (README "Use it in your app", main.ts) run against this package's
 * compiled lib/ and the project's cdk8s (the version every language pins): its
 * dist/shop.k8s.yaml. test/consumer/app-repo.test.ts proves the same app from the tarball.
 */
export function typescriptShopYaml(): string {
  const dir = tempDir('cdk8s-expose-ts-shop-');
  try {
    const ts = readmeBlocks('## Use it in your app');
    for (const name of ['main.ts', 'tsconfig.json']) fs.writeFileSync(path.join(dir, name), block(ts, name));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'cdk8s-expose'));
    for (const dep of ['cdk8s', 'constructs']) fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(dir, 'node_modules', dep));
    mustRun(`node -r ${path.join(ROOT, 'node_modules', 'ts-node', 'register', 'transpile-only')} main.ts`, dir);
    return fs.readFileSync(path.join(dir, 'dist', 'shop.k8s.yaml'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What the README's TypeScript app prints for nodePort 99999 (block synth-broken, after cdk8s-cli's first line). */
export function typescriptBrokenReport(): string[] {
  const lines = block(readmeBlocks('## Use it in your app'), 'synth-broken').split('\n');
  expectEqual(lines.slice(0, 2), ['$ npx cdk8s synth', 'Synthesizing application']);
  return lines.slice(2, 4).map(l => l.trimEnd());
}

function expectEqual(a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`README.md: expected ${JSON.stringify(b)}, found ${JSON.stringify(a)}`);
}

/** The two lines of the broken app's report, and the rule id at the end of the second. */
export function ruleOf(report: string[]): string | undefined {
  return /\(rule ([a-z0-9-]+)\)$/.exec(report[1] ?? '')?.[1];
}
