import { createHash } from 'crypto';
import { Layout, Library, build } from './workloads';

/*
 * One measurement in a fresh process (so peak RSS is this case's own):
 * `node -r ts-node/register bench/case.ts <expose|plus|raw> <charts|single> <N>`.
 * Prints one JSON line.
 */
const [lib, layout, nArg] = process.argv.slice(2) as [Library, Layout, string];
const n = Number(nArg);

// warm up the code paths (JIT, module loading) on a small build, outside the timing
build(lib, layout, 20).forEach(a => a.synthYaml());
(global as any).gc?.();

const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const apps = build(lib, layout, n);
const t1 = process.hrtime.bigint();
const yaml = apps.map(a => a.synthYaml()).join('---\n');
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);

const constructMs = Number(t1 - t0) / 1e6;
const synthMs = Number(t2 - t1) / 1e6;
console.log(JSON.stringify({
  lib,
  layout,
  n,
  constructMs,
  synthMs,
  totalMs: constructMs + synthMs,
  // CPU time of this process (user + system, all threads: GC runs on helper threads too):
  // less disturbed than wall time when other processes share the cores
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  bytes: yaml.length,
  sha: createHash('sha256').update(yaml).digest('hex').slice(0, 12),
}));
