import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';

/*
 * Issue 19 item 10: an object whose fields are maps with keys named like Object.prototype's
 * members (`name: {toString: 1}`) never crashes a run, in any format, and every other file's
 * findings are still reported.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const KEYS = ['toString', 'valueOf', '__proto__', 'constructor', 'toJSON'];

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { out: s => { out += s; }, err: s => { err += s; } });
  return { code, out, err };
}

const hostile = (k: string) => `{${k}: 1}`;

function manifests(k: string): string {
  const h = hostile(k);
  return [
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${h}\n  namespace: ${h}\n  labels: {${k}: ${h}}\n  annotations: ${h}\nspec:\n  type: ${h}\n  selector: {app: ${h}}\n  ports:\n    - {port: ${h}, targetPort: ${h}, name: ${h}, protocol: ${h}, nodePort: ${h}}\n`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${h}\nspec:\n  selector: {matchLabels: {app: ${h}}}\n  template:\n    metadata: {labels: {app: ${h}}, annotations: {x: ${h}}}\n    spec:\n      containers:\n        - {name: ${h}, image: ${h}, ports: [{containerPort: ${h}, name: ${h}}], env: ${h}, args: ${h}}\n`,
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${h}}\nspec:\n  rules:\n    - host: ${h}\n      http: {paths: [{path: ${h}, pathType: ${h}, backend: {service: {name: ${h}, port: {number: ${h}, name: ${h}}}}}]}\n  tls: [{hosts: [${h}], secretName: ${h}}]\n`,
  ].join('---\n');
}

const WITNESS = 'apiVersion: v1\nkind: Service\nmetadata: {name: witness}\nspec:\n  ports: [{port: 70000}]\n';

describe.each(KEYS)('a map with a %s key', k => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-hostile-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), manifests(k));
    fs.writeFileSync(path.join(dir, 'b.yaml'), WITNESS);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(['text', 'json', 'sarif', 'github'])('fails when anywhere in an object, format %s: findings, exit 1, the other file still reported', format => {
    const r = cli('check', '--format', format, dir);
    expect(r.err).not.toMatch(/Cannot convert|TypeError|at /);
    expect(r.code).toBe(1);
    expect(r.out).toContain('service-port-number');
    if (format === 'json') expect(JSON.parse(r.out).findings.filter((f: any) => f.name === 'witness').map((f: any) => [f.rule, f.field])).toEqual([['service-port-number', 'spec.ports[0].port']]);
  });

  test.each(['table', 'markdown', 'json'])('holds when routes prints format %s', format => {
    const r = cli('routes', '--format', format, dir);
    expect(r.err).not.toMatch(/Cannot convert|TypeError|at /);
    expect(r.code).toBe(0);
  });
});
