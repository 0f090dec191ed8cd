import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/*
 * npm run bench:route-bomb [-- --rounds 1]
 *
 * The route map on the two combinatorial cases of issue 19 item 12, written to bench/results/:
 *   wide   8 Gateways of 64 HTTP listeners, one HTTPRoute with 8 parentRefs x 16 hostnames x
 *          64 matches x 16 backends (valid: every bound of the CRD holds), 16 Services;
 *   square one Gateway, one HTTPRoute with 1000 hostnames x 1000 matches (beyond the CRD's
 *          bounds: the checker must still answer), one Service.
 * Runs `check`, `routes` and `routes --format json` on each (the compiled bin, output to
 * /dev/null; `--routes-only`: `routes` alone; BENCH_BIN=<bin>: another build) and reports wall time, peak RSS (from /usr/bin/time -v) and the exit code. A
 * benchmark: it asserts nothing (it fails only if a command cannot be run).
 *
 * Measured on the 2-core development machine (shared; /usr/bin/time -v, peak RSS), 2026-12-03:
 *                          before (main 65471b5)               after (factored)
 *   wide   check           7.5 s   431 MB                      0.9 s   104 MB
 *   wide   routes          out of memory after 4-6 min, 4.3 GB 1.5 s   134 MB (8,192 rows)
 *   wide   routes json     (not run: routes alone runs out)    3.4 s   585 MB (72 MB of JSON)
 *   square check           27 s    737 MB                      1.2 s    83 MB
 *   square routes          2 min 11 s  2.3 GB                  1.3 s    80 MB (1 row)
 */

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
/** The CLI to measure (BENCH_BIN: another build, e.g. of main, to compare). */
const BIN = process.env.BENCH_BIN ?? path.join(ROOT, 'bin', 'cdk8s-expose');

/** The `wide` case: valid manifests, 8 x 64 listeners, 8 parentRefs x 16 hostnames x 64 matches x 16 backends. */
export function wideCase(): string {
  const docs: string[] = [];
  for (let g = 0; g < 8; g++) {
    const listeners = Array.from({ length: 64 }, (_, l) => `{ name: l${l}, port: ${8000 + l}, protocol: HTTP, hostname: "*.example.com", allowedRoutes: { namespaces: { from: All } } }`);
    docs.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { name: gw-${g}, namespace: infra }\nspec:\n  gatewayClassName: edge\n  listeners:\n${listeners.map(l => `  - ${l}`).join('\n')}\n`);
  }
  for (let s = 0; s < 16; s++) {
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: { name: svc-${s}, namespace: shop }\nspec: { selector: { app: shop }, ports: [{ name: http, port: 80, targetPort: 8080 }] }\n`);
  }
  docs.push('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: shop, namespace: shop }\nspec:\n  selector: { matchLabels: { app: shop } }\n  template:\n    metadata: { labels: { app: shop } }\n    spec: { containers: [{ name: app, image: example/shop:1, ports: [{ name: http, containerPort: 8080 }] }] }\n');
  const parents = Array.from({ length: 8 }, (_, g) => `{ name: gw-${g}, namespace: infra }`).join(', ');
  const hosts = Array.from({ length: 16 }, (_, h) => `h${h}.example.com`).join(', ');
  const matches = Array.from({ length: 64 }, (_, m) => `{ path: { type: PathPrefix, value: /p${m} } }`).join(', ');
  const backends = Array.from({ length: 16 }, (_, b) => `{ name: svc-${b}, port: 80 }`).join(', ');
  docs.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: wide, namespace: shop }\nspec:\n  parentRefs: [${parents}]\n  hostnames: [${hosts}]\n  rules:\n  - matches: [${matches}]\n    backendRefs: [${backends}]\n`);
  return docs.join('---\n');
}

/** The `square` case: one route of 1000 hostnames x 1000 matches on one listener. */
export function squareCase(): string {
  const hosts = Array.from({ length: 1000 }, (_, h) => `h${h}.example.com`).join(', ');
  const matches = Array.from({ length: 1000 }, (_, m) => `{ path: { type: PathPrefix, value: /p${m} } }`).join(', ');
  return [
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { name: gw, namespace: shop }\nspec:\n  gatewayClassName: edge\n  listeners: [{ name: http, port: 80, protocol: HTTP }]\n',
    'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec: { selector: { app: web }, ports: [{ name: http, port: 80, targetPort: 8080 }] }\n',
    `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: square, namespace: shop }\nspec:\n  parentRefs: [{ name: gw }]\n  hostnames: [${hosts}]\n  rules:\n  - matches: [${matches}]\n    backendRefs: [{ name: web, port: 80 }]\n`,
  ].join('---\n');
}

/** Wall seconds, peak RSS (MB) and exit code of one `node bin ...args` run, stdout discarded. */
function run(args: string[]): { wall: number; rssMb: number; code: number | string | null } {
  // /usr/bin/time writes its report to a file of its own: a crash's stack trace on stderr does not mix in
  const report = path.join(RESULTS, 'route-bomb-time.txt');
  const r = spawnSync('/usr/bin/time', ['-v', '-o', report, process.execPath, BIN, ...args],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const times = fs.readFileSync(report, 'utf8');
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(times);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(times);
  if (!rss || !wall) throw new Error(`${args.join(' ')}: no /usr/bin/time report: ${times.slice(-2000)}`);
  const oom = /heap out of memory/.test(r.stderr) || /terminated by signal/.test(times);
  return { wall: (Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3]), rssMb: Number(rss[1]) / 1024, code: oom ? 'out of memory' : r.status };
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/ is missing: run `npx projen compile` first');
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const [name, yaml] of [['wide', wideCase()], ['square', squareCase()]] as const) {
    const file = path.join(RESULTS, `route-bomb-${name}.yaml`);
    fs.writeFileSync(file, yaml);
    console.log(`${path.relative(ROOT, file)}: ${(yaml.length / 1024).toFixed(1)} KB`);
    const only = process.argv.includes('--routes-only');
    for (const args of only ? [['routes', file]] : [['check', file], ['routes', file], ['routes', '--format', 'json', file]]) {
      const r = run(args);
      console.log(`  ${args.slice(0, -1).join(' ').padEnd(22)} ${r.wall.toFixed(2).padStart(7)} s ${r.rssMb.toFixed(0).padStart(6)} MB  exit ${r.code}`);
    }
  }
}

if (require.main === module) main();
