import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { fieldPosition } from '../src/checker/positions';
import { readManifests } from '../src/checker/read';
import { renderFieldPath, PathSegment } from '../src/model/path';

/* Issue 18: a finding's field path maps to the line and column of the field's value. */

const ROOT = path.resolve(__dirname, '..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-pos-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The position of `field` in the `index`th object read from `text`, as `line:column`. */
function at(text: string, field: string, index = 0, name = 'a.yaml'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const r = readManifests([file]);
  expect(r.fileErrors).toEqual([]);
  const p = fieldPosition(r.sources[index].manifest, field);
  return p === undefined ? 'none' : `${p.line}:${p.column}`;
}

const HEAD = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n';

describe('a field maps to its value', () => {
  test.each<[string, string, string, string]>([
    ['a nested scalar in block style', `${HEAD}spec:\n  ports:\n    - port: 80\n      targetPort: htpp\n`, 'spec.ports[0].targetPort', '8:19'],
    ['a list entry', `${HEAD}spec:\n  ports:\n    - port: 80\n    - port: 81\n`, 'spec.ports[1]', '8:7'],
    ['a map value starts on the next line', `${HEAD}spec:\n  selector:\n    app: web\n`, 'spec.selector', '7:5'],
    ['a map key with dots, quoted in the path', `${HEAD}  annotations:\n    example.com/x: "1"\n`, "metadata.annotations['example.com/x']", '6:20'],
    ['flow style', `${HEAD}spec: { ports: [ { port: 80 }, { port: 81, targetPort: x } ] }\n`, 'spec.ports[1].targetPort', '5:56'],
    ['after a multi-line plain scalar', `${HEAD}  labels:\n    a: one\n      two\n    b: x\n`, 'metadata.labels.b', '8:8'],
    ['after a literal block scalar', `${HEAD}  annotations:\n    a: |\n      line 1\n      line 2\n    b: x\n`, 'metadata.annotations.b', '9:8'],
    ['a literal block scalar itself', `${HEAD}  annotations:\n    a: |\n      line 1\n`, 'metadata.annotations.a', '6:8'],
    ['CRLF line ends', `${HEAD}spec:\n  ports:\n    - port: 80\n`.replace(/\n/g, '\r\n'), 'spec.ports[0].port', '7:13'],
    ['a byte order mark', `\ufeff${HEAD.replace('apiVersion: v1\n', '')}apiVersion: v1\n`, 'apiVersion', '4:13'],
    ['a byte order mark, first line', '\ufeffapiVersion: v1\nkind: Service\nmetadata: { name: s }\n', 'apiVersion', '1:13'],
    ['tabs in flow', `${HEAD}spec: {\tports: [\t{\tport:\t80 } ] }\n`, 'spec.ports[0].port', '5:26'],
    ['a missing field: its nearest existing parent (a list entry)', `${HEAD}spec:\n  ports:\n    - port: 80\n`, 'spec.ports[0].protocol.x', '7:7'],
    ['a missing list entry: the list\'s key', `${HEAD}spec:\n  ports:\n    - port: 80\n`, 'spec.ports[3].port', '6:3'],
    ['a missing top-level field: the document', `# c\n${HEAD}`, 'spec.selector', '2:1'],
    ['an empty value: its key', `${HEAD}spec:\n  type:\n`, 'spec.type', '6:3'],
    ['a field through an alias: the alias', `${HEAD}x: &p [{ port: 80 }]\nspec:\n  ports: *p\n`, 'spec.ports[0].port', '7:10'],
    ['a merged field: the key that supplied it', `${HEAD}base: &b { port: 80, name: x }\nspec:\n  ports:\n    - <<: *b\n      name: y\n`, 'spec.ports[0].port', '5:18'],
    ['a merged field overridden after the merge', `${HEAD}base: &b { port: 80, name: x }\nspec:\n  ports:\n    - <<: *b\n      name: y\n`, 'spec.ports[0].name', '9:13'],
    ['the last of a key given twice', `${HEAD}spec:\n  type: A\n  type: B\n`, 'spec.type', '7:9'],
    ['a key kubectl reads as a number (0120 is 80)', `${HEAD}  labels:\n    0120: x\n`, "metadata.labels['80']", '6:11'],
  ])('%s', (_, text, field, expected) => {
    expect(at(text, field)).toBe(expected);
  });

  test('the second document of a file', () => {
    expect(at(`${HEAD}---\n# comment\n${HEAD}spec:\n  type: Nope\n`, 'spec.type', 1)).toBe('12:9');
  });

  test('an item of a List: the item\'s own fields', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: a }\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: b }\n    spec: { type: Nope }\n';
    expect(at(text, 'spec.type', 1)).toBe('10:19');
    expect(at(text, 'metadata.name', 0)).toBe('6:23');
  });

  test('a JSON file, and a JSON List', () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { type: 'Nope' } }] }, undefined, 2);
    expect(at(list, 'spec.type', 0, 'l.json')).toBe('12:17');
  });

  test('a JSON stream of two objects', () => {
    const text = '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "Service",\n "metadata": {"name": "b"}}\n';
    expect(at(text, 'metadata.name', 1, 's.json')).toBe('3:23');
  });

  test('an object not read from a file has no position', () => {
    expect(fieldPosition({ apiVersion: 'v1' }, 'apiVersion')).toBeUndefined();
  });
});

/** A small object tree: keys a-e and k8s-like names; leaves numbers, words and booleans' text. */
const leaf = fc.oneof(fc.integer({ min: 0, max: 99999 }), fc.constantFrom('web', 'http', 'x y', 'a:b', '#c', 'yes-no'));
const key = fc.constantFrom('ports', 'name', 'port', 'app', 'tier', 'example.com/x', 'a b', 'toString', 'constructor', 'valueOf');
const tree: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { minLength: 1, maxLength: 3 }), fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 })),
})).node;

/** Every leaf's path. */
function leaves(v: unknown, prefix: PathSegment[] = [], out: Array<{ path: PathSegment[]; value: unknown }> = []) {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) leaves((v as any)[k], [...prefix, k], out);
  else out.push({ path: prefix, value: v });
  return out;
}

test('property: in block and flow style, CRLF or not, the reported line holds the field\'s key or value', () => {
  const specs = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 });
  fc.assert(fc.property(specs, fc.integer({ min: -1, max: 3 }), fc.boolean(), (spec, flowLevel, crlf) => {
    const doc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec };
    let text = `# generated\n${jsyaml.dump(doc, { flowLevel, lineWidth: -1 })}`;
    if (crlf) text = text.replace(/\n/g, '\r\n');
    const lines = text.split(/\r?\n/);
    for (const l of leaves(spec)) {
      const field = renderFieldPath(['spec', ...l.path]);
      const got = at(text, field);
      const [line] = got.split(':').map(Number);
      const last = l.path[l.path.length - 1];
      const shown = lines[line - 1];
      const holds = shown.includes(String(l.value)) || (typeof last === 'string' && shown.includes(last)) || (typeof last === 'number' && shown.includes('-'));
      if (!holds) throw new Error(`${field} reported at ${got}: ${JSON.stringify(shown)}\n${text}`);
    }
  }), { numRuns: 60 });
});
