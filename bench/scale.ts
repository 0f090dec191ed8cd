import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NAMESPACES, writeScaleWorkload } from './scale-workload';

/*
 * npm run bench:scale [-- --objects 200000 --rounds 3 --keep --no-time]
 *
 * The CLI at scale: generates one multi-document YAML file (per app a Deployment,
 * a Service and an Ingress, valid, in 50 namespaces) into bench/results/, then runs, each in
 * its own process and in alternation for several rounds:
 *   floor   plain js-yaml loadAll of the file (what parsing alone costs)
 *   check   `cdk8s-expose check <file>` (the compiled bin; output to /dev/null)
 *   routes  `cdk8s-expose routes <file>`
 * and reports median wall time, peak RSS and the ratio to the floor. Targets on a 2-core
 * machine: at most 15 s, under 1 GB, at most 2.5x the floor. A last process splits one
 * `routes` run into reading, analysis and printing. It is a benchmark: it asserts nothing
 * (it fails only if a command fails).
 */

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const BIN = path.join(ROOT, 'bin', 'cdk8s-expose');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const OBJECTS = arg('objects', 200_000);
const ROUNDS = arg('rounds', 3);

const FLOOR = `const fs = require('fs');
const docs = require('js-yaml').loadAll(fs.readFileSync(process.argv[1], 'utf8'));
if (docs.length === 0) process.exit(3);`;

const PHASES = `const fs = require('fs');
const { readManifests } = require('./lib/checker/read.js');
const { analyzeManifests } = require('./lib/checker/check.js');
const { printRoutes } = require('./lib/cli/main.js');
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
let t = process.hrtime.bigint();
const read = readManifests([process.argv[1]]);
const readMs = ms(t); t = process.hrtime.bigint();
const result = analyzeManifests(read.sources, {});
const analyzeMs = ms(t); t = process.hrtime.bigint();
const fd = fs.openSync(require('os').devNull, 'w');
printRoutes(read, result, 'table', { out: (s) => fs.writeSync(fd, s), err: (s) => process.stderr.write(s) });
const printMs = ms(t);
console.log(JSON.stringify({ readMs, analyzeMs, printMs }));`;

interface Measure {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

const TIME = '/usr/bin/time';
const hasTime = !process.argv.includes('--no-time') && spawnSync(TIME, ['-v', 'true']).status === 0;

/** Runs `node <args>` with stdout to /dev/null: wall time, CPU time and peak RSS. */
function measure(args: string[]): Measure {
  const devNull = fs.openSync(os.devNull, 'w');
  try {
    if (hasTime) {
      const r = spawnSync(TIME, ['-v', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
      const field = (re: RegExp) => {
        const m = re.exec(r.stderr);
        if (!m) throw new Error(`no ${re} in /usr/bin/time output`);
        return m;
      };
      const wall = field(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
      return {
        wallMs: ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000,
        cpuMs: (Number(field(/User time \(seconds\): ([\d.]+)/)[1]) + Number(field(/System time \(seconds\): ([\d.]+)/)[1])) * 1000,
        maxRssMb: Number(field(/Maximum resident set size \(kbytes\): (\d+)/)[1]) / 1024,
      };
    }
    // no /usr/bin/time: the child reports its own peak RSS and CPU time as it exits
    const report = 'process.on("exit", () => { const u = process.resourceUsage(); '
      + 'process.stderr.write("\\nSCALE " + JSON.stringify({ rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 })); });';
    const script = args[0] === '-e' ? [args[1], args.slice(2)] as const : [`process.argv.splice(1, 0, ${JSON.stringify(args[0])}); require(${JSON.stringify(args[0])});`, args.slice(1)] as const;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-e', `${report}\n${script[0]}`, ...script[1]], { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const m = /\nSCALE (.*)$/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
    const u = JSON.parse(m[1]);
    return { wallMs, cpuMs: u.cpu, maxRssMb: u.rss / 1024 };
  } finally {
    fs.closeSync(devNull);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/ is missing: run `npx projen compile` first (`npm run bench:scale` does)');
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `scale-${OBJECTS}.yaml`);
  const objects = writeScaleWorkload(file, OBJECTS);
  const mb = fs.statSync(file).size / 1e6;
  console.log(`${path.relative(ROOT, file)}: ${objects} objects (${objects / 3} apps in ${NAMESPACES} namespaces), ${mb.toFixed(1)} MB; ${ROUNDS} rounds; `
    + `${os.cpus().length} CPUs; RSS and time from ${hasTime ? '/usr/bin/time -v' : 'process.resourceUsage()'}`);

  const rows: Array<{ name: string; args: string[] }> = [
    { name: 'floor (js-yaml loadAll)', args: ['-e', FLOOR, file] },
    { name: 'check', args: [BIN, 'check', file] },
    { name: 'routes', args: [BIN, 'routes', file] },
  ];
  const runs = new Map<string, Measure[]>(rows.map(r => [r.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const row of rows) runs.get(row.name)!.push(measure(row.args));
  }

  const summary = rows.map(row => {
    const ms = runs.get(row.name)!;
    return {
      name: row.name,
      wallMs: median(ms.map(m => m.wallMs)),
      cpuMs: median(ms.map(m => m.cpuMs)),
      maxRssMb: Math.max(...ms.map(m => m.maxRssMb)),
    };
  });
  const floor = summary[0];
  console.log(`${'command'.padEnd(24)} ${'wall (median)'.padStart(14)} ${'CPU (median)'.padStart(13)} ${'peak RSS (max)'.padStart(15)} ${'x floor (wall)'.padStart(15)}`);
  for (const s of summary) {
    console.log(`${s.name.padEnd(24)} ${`${(s.wallMs / 1000).toFixed(2)} s`.padStart(14)} ${`${(s.cpuMs / 1000).toFixed(2)} s`.padStart(13)} `
      + `${`${s.maxRssMb.toFixed(0)} MB`.padStart(15)} ${(s.wallMs / floor.wallMs).toFixed(2).padStart(15)}`);
  }

  const phases = spawnSync(process.execPath, ['-e', PHASES, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (phases.status !== 0) throw new Error(`phases failed: ${phases.stderr}`);
  const p = JSON.parse(phases.stdout);
  console.log(`routes in one process: read ${(p.readMs / 1000).toFixed(2)} s, analysis ${(p.analyzeMs / 1000).toFixed(2)} s, printing ${(p.printMs / 1000).toFixed(2)} s`);

  fs.writeFileSync(path.join(RESULTS, 'scale.json'), JSON.stringify({ objects, mb, rounds: ROUNDS, runs: Object.fromEntries(runs), summary, phases: p }, undefined, 2) + '\n');
  if (!process.argv.includes('--keep')) fs.rmSync(file);
}

main();
