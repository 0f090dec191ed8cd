import * as fs from 'fs';
import * as path from 'path';
import { readManifests } from '../../src/checker/read';

/*
 * Issue 19 item 2: kubectl (apimachinery's unstructured decoder) reads any object with an
 * `items` key as a list, whatever its kind, and applies the items; when items is not a list,
 * it fails. What is checked is what kubectl would apply.
 */

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-items-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function read(text: string) {
  const file = path.join(dir, 'a.yaml');
  fs.writeFileSync(file, text);
  const r = readManifests([file]);
  return {
    objects: r.sources.map(s => `${s.line} ${s.manifest.kind} ${s.manifest.metadata?.name} ${s.manifest.spec?.ports?.[0]?.nodePort ?? ''}`.trim()),
    errors: r.fileErrors.map(e => `${e.line} ${e.message.split(':')[0]}`),
  };
}

describe('an object with items is read as a list', () => {
  test('fails when a Service carries items: the inner Service is what is checked, not the outer', () => {
    expect(read([
      'apiVersion: v1', 'kind: Service', 'metadata: {name: outer}', 'spec: {ports: [{port: 80}]}',
      'items:', '  - apiVersion: v1', '    kind: Service', '    metadata: {name: inner}', '    spec: {type: NodePort, ports: [{port: 80, nodePort: 99999}]}', '',
    ].join('\n'))).toEqual({ objects: ['6 Service inner 99999'], errors: [] });
  });

  test('fails when items is not a list: kubectl fails on the file, so it is a file error', () => {
    expect(read('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nitems: {a: 1}\n')).toEqual({
      objects: [],
      errors: ['1 items of this Service is not a list'],
    });
  });

  test('fails when items is null: not a list either', () => {
    expect(read('apiVersion: v1\nkind: List\nitems:\n').errors).toEqual(['1 items of this List is not a list']);
  });

  test('holds when a List holds its items', () => {
    expect(read('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: a}}\n').objects).toEqual(['4 Service a']);
  });
});
