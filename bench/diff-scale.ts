import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeScaleWorkload } from './scale-workload';

/*
 * npm run bench:diff [-- --objects 200000 --rounds 2]
 *
 * `diff` at scale: BASE is the scale workload (a Deployment, a Service and an Ingress per app,
 * in 50 namespaces); HEAD is BASE with 300 objects more (100 apps whose Services are NodePorts).
 * Runs, each in its own process, in alternation: `check BASE` and `diff BASE HEAD`; reports
 * the median wall time and peak RSS (from /usr/bin/time). Target: diff at most 3x check, and
 * under 1.5 GB. A benchmark: it asserts nothing (it fails only if a command fails).
 */

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const BIN = path.join(ROOT, 'bin', 'cdk8s-expose');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** Wall seconds and peak RSS (MB) of one `node bin ...args` run, stdout discarded. */
function run(args: string[]): { wall: number; rssMb: number; code: number | null } {
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M', process.execPath, BIN, ...args],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(0, 2000)}`);
  return { wall: Number(m[1]), rssMb: Number(m[2]) / 1024, code: r.status };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/ is missing: run `npx projen compile` first');
  const objects = arg('objects', 200_000);
  const rounds = arg('rounds', 2);
  fs.mkdirSync(RESULTS, { recursive: true });
  const base = path.join(RESULTS, `diff-base-${objects}.yaml`);
  const head = path.join(RESULTS, `diff-head-${objects}.yaml`);
  const n = writeScaleWorkload(base, objects);
  const extra = Array.from({ length: 100 }, (_, i) => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: new-${i}, namespace: ns-0 }
spec:
  selector: { matchLabels: { app: new-${i} } }
  template:
    metadata: { labels: { app: new-${i} } }
    spec: { containers: [{ name: app, image: example/new:1, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: new-${i}, namespace: ns-0 }
spec: { type: NodePort, selector: { app: new-${i} }, ports: [{ port: 80, targetPort: http }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: new-${i}, namespace: ns-0 }
spec: { rules: [{ host: new-${i}.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: new-${i}, port: { number: 80 } } } }] } }] }
`).join('');
  fs.copyFileSync(base, head);
  fs.appendFileSync(head, `\n${extra}`);
  console.log(`BASE ${n} objects, HEAD ${n + 300}; ${rounds} rounds; ${os.cpus().length} CPUs`);
  const check: Array<ReturnType<typeof run>> = [];
  const diff: Array<ReturnType<typeof run>> = [];
  for (let i = 0; i < rounds; i++) {
    check.push(run(['check', base]));
    diff.push(run(['diff', base, head]));
  }
  const c = median(check.map(x => x.wall));
  const d = median(diff.map(x => x.wall));
  console.log(`check BASE      ${c.toFixed(2)} s  ${Math.max(...check.map(x => x.rssMb)).toFixed(0)} MB`);
  console.log(`diff BASE HEAD  ${d.toFixed(2)} s  ${Math.max(...diff.map(x => x.rssMb)).toFixed(0)} MB  (${(d / c).toFixed(2)}x check)`);
}

main();
