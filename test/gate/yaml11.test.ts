import * as fs from 'fs';
import * as path from 'path';
import { analyzeManifests } from '../../src/checker/check';
import { readManifests } from '../../src/checker/read';
import { resolvePlain } from '../../src/checker/yaml11';

/*
 * Issue 19 item 1: YAML read as kubectl reads it (sigs.k8s.io/yaml, i.e. go-yaml v2, YAML 1.1).
 * Each expected value is what go-yaml v2's resolve (resolve.go, branch v2) gives the plain
 * scalar; the differential test against the real decoder lands with the Kubernetes oracle.
 */

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-yaml11-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function read(text: string) {
  const file = path.join(dir, 'a.yaml');
  fs.writeFileSync(file, text);
  return readManifests([file]);
}

describe('plain scalars resolve as go-yaml v2 resolves them', () => {
  test.each<[string, unknown]>([
    ['0120', 80], ['030000', 12288], ['-0120', -80], ['0', 0], ['8_0', 80], ['1_000', 1000],
    ['0x1F', 31], ['0b101', 5], ['-0b101', -5], ['0o17', 15], ['+80', 80],
    ['08', 8], ['09.5', 9.5], ['1e3', 1000], ['.5', 0.5], ['1.', 1],
    ['y', true], ['Y', true], ['yes', true], ['Yes', true], ['YES', true], ['on', true], ['On', true], ['ON', true], ['true', true], ['True', true], ['TRUE', true],
    ['n', false], ['N', false], ['no', false], ['No', false], ['NO', false], ['off', false], ['Off', false], ['OFF', false], ['false', false], ['False', false], ['FALSE', false],
    ['~', null], ['null', null], ['Null', null], ['NULL', null],
    ['.inf', Infinity], ['-.Inf', -Infinity],
  ])('holds when %s is %p', (scalar, value) => {
    expect(resolvePlain(scalar)).toEqual({ value });
  });

  test.each([
    'yEs', 'oN', 'nO', 'tRUE', 'nil', 'web', '2024-01-01', '2001-12-14t21:59:43.10-05:00', '1e400', '0x', '1_0x', '_1', '1.2.3', '0b102', '12:30', '-', '+', '.', 'o', 'Nope',
  ])('holds when %s stays a string', scalar => {
    expect(resolvePlain(scalar)).toBeUndefined();
  });
});

describe('documents as kubectl reads them', () => {
  const svc = (ports: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: {managed: yes}\nspec:\n  type: NodePort\n  ports:\n${ports}`;

  test('fails when targetPort 0120 is octal 80 and nodePort 030000 octal 12288: kubectl reads 80 and 12288', () => {
    const r = read(svc('    - port: 8_0\n      targetPort: 0120\n      nodePort: 030000\n'));
    const m = r.sources[0].manifest;
    expect(m.spec.ports).toEqual([{ port: 80, targetPort: 80, nodePort: 12288 }]);
    expect(m.metadata.labels).toEqual({ managed: true });
    const rules = analyzeManifests(r.sources).findings.map(f => [f.rule, f.field]);
    expect(rules).toEqual(expect.arrayContaining([['service-node-port-range', 'spec.ports[0].nodePort']]));
  });

  test('holds when quoted scalars stay strings', () => {
    const m = read(svc('    - port: 80\n      targetPort: "0120"\n      name: \'yes\'\n')).sources[0].manifest;
    expect(m.spec.ports).toEqual([{ port: 80, targetPort: '0120', name: 'yes' }]);
  });

  test('holds when a key given twice keeps its last value, as sigs.k8s.io/yaml does', () => {
    const m = read(svc('    - port: 80\n      nodePort: 30080\n      nodePort: 99999\n')).sources[0].manifest;
    expect(m.spec.ports).toEqual([{ port: 80, nodePort: 99999 }]);
  });

  test('holds when a merge key before an explicit key: the explicit key wins in both readers', () => {
    const m = read(svc('    - <<: {nodePort: 99999}\n      port: 80\n      nodePort: 30080\n')).sources[0].manifest;
    expect(m.spec.ports).toEqual([{ port: 80, nodePort: 30080 }]);
  });

  test('holds when a merge of several maps: the first map wins, as go-yaml v2 merges', () => {
    const m = read(svc('    - <<: [{nodePort: 30080}, {nodePort: 99999, port: 80}]\n')).sources[0].manifest;
    expect(m.spec.ports).toEqual([{ nodePort: 30080, port: 80 }]);
  });

  test('fails when a merge key after an explicit key sets it again: kubectl applies the merged value, so the file is refused', () => {
    const r = read(svc('    - port: 80\n      nodePort: 30080\n      <<: {nodePort: 99999}\n'));
    expect(r.sources).toEqual([]);
    expect(r.fileErrors.map(e => [e.line, e.message.split(':')[0]])).toEqual([[11, 'this merge key (<<) sets nodePort, which an earlier entry of its mapping sets']]);
  });

  test('holds when a merge key after an explicit key is overridden again by a later key', () => {
    const m = read(svc('    - nodePort: 30080\n      <<: {nodePort: 99999}\n      nodePort: 30081\n      port: 80\n')).sources[0].manifest;
    expect(m.spec.ports).toEqual([{ nodePort: 30081, port: 80 }]);
  });
});
