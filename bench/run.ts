import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from './workloads';
import { ManifestAnalyzer } from '../src';

/*
 * npm run bench [-- --quick]
 * Runs every (layout, N) for the three libraries in alternation, each run in its own
 * process, several rounds, and reports medians. Not a timed test: it asserts nothing.
 */
interface Result {
  lib: string;
  layout: string;
  n: number;
  constructMs: number;
  synthMs: number;
  totalMs: number;
  maxRssMb: number;
  bytes: number;
  sha: string;
}

const quick = process.argv.includes('--quick');
const LIBS = ['expose', 'plus', 'raw'];
const CASES: Array<{ layout: string; n: number; rounds: number }> = quick
  ? [{ layout: 'single', n: 100, rounds: 1 }, { layout: 'charts', n: 100, rounds: 1 }]
  : [
    { layout: 'single', n: 100, rounds: 5 },
    { layout: 'single', n: 1000, rounds: 5 },
    { layout: 'single', n: 5000, rounds: 3 },
    { layout: 'charts', n: 100, rounds: 5 },
    { layout: 'charts', n: 1000, rounds: 3 },
    { layout: 'apps', n: 1000, rounds: 3 },
  ];

function runCase(lib: string, layout: string, n: number): Result {
  const args = ['--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'case.ts'), lib, layout, String(n)];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x: number, d = 0) => x.toFixed(d);

const rows: string[] = [];
rows.push('| layout | N | library | construct ms | synth ms | total ms | per app ms | vs cdk8s-plus | vs raw | peak RSS MB | RSS vs raw |');
rows.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const notes: string[] = [];
for (const c of CASES) {
  const runs: { [lib: string]: Result[] } = { expose: [], plus: [], raw: [] };
  for (let r = 0; r < c.rounds; r++) {
    // alternate the order each round so no library always runs first
    const order = r % 2 === 0 ? LIBS : [...LIBS].reverse();
    for (const lib of order) {
      const res = runCase(lib, c.layout, c.n);
      runs[lib].push(res);
      process.stderr.write(`  ${c.layout} N=${c.n} ${lib} round ${r + 1}/${c.rounds}: ${f(res.totalMs)} ms, ${f(res.maxRssMb)} MB\n`);
    }
  }
  const med = (lib: string, k: keyof Result) => median(runs[lib].map(x => x[k] as number));
  if (runs.expose[0].sha !== runs.raw[0].sha) notes.push(`${c.layout} N=${c.n}: raw YAML differs from cdk8s-expose's`);
  for (const lib of LIBS) {
    const total = med(lib, 'totalMs');
    rows.push(`| ${c.layout} | ${c.n} | ${lib === 'expose' ? 'cdk8s-expose' : lib === 'plus' ? 'cdk8s-plus-27' : 'raw ApiObject'} | ${f(med(lib, 'constructMs'))} | ${f(med(lib, 'synthMs'))} | ${f(total)} | ${f(total / c.n, 2)} | ${f(total / med('plus', 'totalMs'), 2)}x | ${f(total / med('raw', 'totalMs'), 2)}x | ${f(med(lib, 'maxRssMb'))} | ${f(med(lib, 'maxRssMb') / med('raw', 'maxRssMb'), 2)}x |`);
  }
}

// the manifest linter (`cdk8s-expose check`) over the E workload's output, in this process
const lintRows: string[] = ['| objects | analysis ms | per 1000 objects ms |', '| ---: | ---: | ---: |'];
const lintTimes: { [n: number]: number } = {};
for (const n of quick ? [100] : [1000, 5000]) {
  const manifests = build('expose', 'single', n)[0].charts[0].toJson();
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint();
    ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  lintTimes[n] = median(times);
  lintRows.push(`| ${manifests.length} | ${f(lintTimes[n], 1)} | ${f(lintTimes[n] / manifests.length * 1000, 1)} |`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const header = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${os.cpus().length} x ${cpu}, ${f(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Medians of the rounds shown in the script; each run in its own process, libraries alternated.`;
const table = [header, '', ...rows, ...(notes.length ? ['', ...notes] : []), '', 'Manifest analysis (`check`), medians of 5:', '', ...lintRows].join('\n');
console.log(table);
fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'results', 'latest.md'), table + '\n');
