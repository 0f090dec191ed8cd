import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * The README's "Running it as a gate" shows what the built CLI prints: each ```console block of
 * that section is run (its `$ npx cdk8s-expose ...` line, in a folder holding the section's
 * files) and must print exactly the lines shown (standard error, then standard output).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-expose');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Running it as a gate'), README.indexOf('## Checking any manifests'));

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    ignore-check.cdk8s-expose.io/service-node-port-range: our clusters allow 30000-32767
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
      nodePort: 31500
`;

/** The files of the section's yaml blocks, by the path their first comment names. */
function sectionFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of SECTION.matchAll(/```yaml\n# (\S+), [^\n]*\n([\s\S]*?)```/g)) files.set(m[1], m[2]);
  return files;
}

function consoleBlocks(): Array<{ command: string; output: string }> {
  return [...SECTION.matchAll(/```console\n\$ npx cdk8s-expose ([^\n]*)\n([\s\S]*?)```/g)].map(m => ({ command: m[1], output: m[2] }));
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-readme-gate-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'app.k8s.yaml'), APP);
  for (const [file, text] of sectionFiles()) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('README: Running it as a gate', () => {
  test('holds when the section shows the pull request\'s and the platform\'s config files', () => {
    expect([...sectionFiles().keys()]).toEqual(['.cdk8s-expose.yaml', 'platform/expose.yaml']);
  });

  test.each(consoleBlocks().map(b => [b.command, b.output]))('holds when `%s` prints what the README shows', (command, output) => {
    const r = spawnSync(process.execPath, [BIN, ...command.split(' ')], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr + r.stdout).toBe(output);
  });

  test('holds when the section has its three runs', () => {
    expect(consoleBlocks().map(b => b.command)).toEqual(['check dist/', 'check dist/ --config platform/expose.yaml', 'check . --config platform/expose.yaml']);
  });
});
