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
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
  sha: string;
}

const quick = process.argv.includes('--quick');
const LIBS = ['expose', 'plus', 'raw', 'shaped'];
const NAMES: { [lib: string]: string } = {
  expose: 'cdk8s-expose',
  plus: 'cdk8s-plus-27',
  raw: 'raw ApiObject',
  shaped: 'raw, expose\'s tree shape',
};
const CASES: Array<{ layout: string; n: number; rounds: number }> = quick
  ? [{ layout: 'single', n: 100, rounds: 1 }, { layout: 'charts', n: 100, rounds: 1 }]
  : [
    { layout: 'single', n: 100, rounds: 5 },
    { layout: 'single', n: 1000, rounds: 5 },
    { layout: 'single', n: 5000, rounds: 3 },
    { layout: 'charts', n: 100, rounds: 5 },
    { layout: 'charts', n: 1000, rounds: 5 },
    { layout: 'apps', n: 1000, rounds: 5 },
  ];
/** The many-ports case: N ports in one app; each size doubles the one before. */
const PORT_SIZES = quick ? [250, 500] : [1000, 2000, 4000];
const PORT_ROUNDS = quick ? 1 : 3;

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

/** The machine's load average over the last minute (other processes share the cores). */
const load = () => os.loadavg()[0].toFixed(2);

/** Runs the libraries in alternation for some rounds; fails unless cdk8s-expose and raw emit the same bytes. */
function measure(libs: string[], layout: string, n: number, rounds: number): { [lib: string]: Result[] } {
  const runs: { [lib: string]: Result[] } = Object.fromEntries(libs.map(l => [l, []]));
  const loadBefore = load();
  for (let r = 0; r < rounds; r++) {
    // alternate the order each round so no library always runs first
    const order = r % 2 === 0 ? libs : [...libs].reverse();
    for (const lib of order) {
      const res = runCase(lib, layout, n);
      runs[lib].push(res);
      process.stderr.write(`  ${layout} N=${n} ${lib} round ${r + 1}/${rounds}: ${f(res.totalMs)} ms, ${f(res.maxRssMb)} MB\n`);
    }
  }
  const shas = new Set(libs.filter(l => l !== 'plus').flatMap(l => runs[l]).map(x => x.sha));
  if (shas.size !== 1) throw new Error(`${layout} N=${n}: raw YAML differs from cdk8s-expose's (${[...shas].join(', ')}): the floor is not the floor`);
  loads.push(`${layout} N=${n}: ${loadBefore} -> ${load()}`);
  return runs;
}

const loads: string[] = [];
const rows: string[] = [];
rows.push('| layout | N | library | construct ms | synth ms | total ms | per app ms | vs cdk8s-plus | vs raw | CPU ms | CPU vs raw | peak RSS MB | RSS vs raw |');
rows.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const c of CASES) {
  const runs = measure(LIBS, c.layout, c.n, c.rounds);
  const med = (lib: string, k: keyof Result) => median(runs[lib].map(x => x[k] as number));
  for (const lib of LIBS) {
    const total = med(lib, 'totalMs');
    rows.push(`| ${c.layout} | ${c.n} | ${NAMES[lib]} | ${f(med(lib, 'constructMs'))} | ${f(med(lib, 'synthMs'))} | ${f(total)} | ${f(total / c.n, 2)} | ${f(total / med('plus', 'totalMs'), 2)}x | ${f(total / med('raw', 'totalMs'), 2)}x | ${f(med(lib, 'cpuMs'))} | ${f(med(lib, 'cpuMs') / med('raw', 'cpuMs'), 2)}x | ${f(med(lib, 'maxRssMb'))} | ${f(med(lib, 'maxRssMb') / med('raw', 'maxRssMb'), 2)}x |`);
  }
}

// many ports in one app: cdk8s-expose and the raw floor (cdk8s-plus-27 has no such variant)
const portRows: string[] = [
  '| ports | library | construct ms | synth ms | total ms | vs raw | total / total at half the ports |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
];
const portTotals: { [lib: string]: number[] } = { expose: [], raw: [] };
for (const n of PORT_SIZES) {
  const runs = measure(['expose', 'raw'], 'ports', n, PORT_ROUNDS);
  const med = (lib: string, k: keyof Result) => median(runs[lib].map(x => x[k] as number));
  for (const lib of ['expose', 'raw']) {
    const total = med(lib, 'totalMs');
    const prev = portTotals[lib][portTotals[lib].length - 1];
    portTotals[lib].push(total);
    portRows.push(`| ${n} | ${NAMES[lib]} | ${f(med(lib, 'constructMs'))} | ${f(med(lib, 'synthMs'))} | ${f(total)} | ${f(total / med('raw', 'totalMs'), 2)}x | ${prev === undefined ? '' : `${f(total / prev, 2)}x`} |`);
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
const header = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${os.cpus().length} x ${cpu}, ${f(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Medians of the rounds shown in the script; each run in its own process, libraries alternated; CPU is the process's user + system time (GC threads included), less disturbed than wall time by other processes; cdk8s-expose's YAML is byte-identical to the raw floors' in every case (checked). The second floor is the same raw objects in cdk8s-expose's tree shape: three ApiObject classes, the Service under the Deployment.`;
const table = [
  header, '', ...rows,
  '', `Many ports in one app (a WebApp with N named container ports, \`expose()\` of all of them, an Ingress path per port by name), medians of ${PORT_ROUNDS}:`, '', ...portRows,
  '', 'Manifest analysis (`check`), medians of 5:', '', ...lintRows,
  '', `Machine load (1-minute load average before -> after each case; ${os.cpus().length} cores, shared): ${loads.join('; ')}.`,
].join('\n');
console.log(table);
fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'results', 'latest.md'), table + '\n');
