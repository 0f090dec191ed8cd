import * as fc from 'fast-check';
import { RELEASES, yamlTwin } from './oracle';
import { readManifests } from '../../src/checker/read';

/*
 * The reader's twin (issue 21 item 2, the proof of "The gate holds" item 1): our reader
 * (src/checker/read.ts, yaml11.ts) against kubectl's own reading of the same file, done by the
 * oracle's --yaml-twin with the Go code of each release (apimachinery's YAMLOrJSONDecoder,
 * sigs.k8s.io/yaml, the unstructured scheme's List detection, as k8s.io/cli-runtime's
 * StreamVisitor and FlattenListVisitor run them). Per file: the same objects, as JSON, in
 * order; and an error from us exactly when kubectl fails on a document (then the objects are
 * not compared: kubectl applies the documents before the one it fails on, we check none of the
 * file's when it does not parse).
 * Where we stay fail-closed on purpose (`refuse`), the test asserts that we refuse.
 * Generated files: ORACLE_TWIN_RUNS (default 1000) per release, seed ORACLE_SEED (default 21).
 */

const RUNS = Number(process.env.ORACLE_TWIN_RUNS ?? 1000);
const SEED = Number(process.env.ORACLE_SEED ?? 21);

/** What a reader gives for one file: its objects, and whether it failed on any document. */
interface Reading {
  readonly objects: unknown[];
  readonly failed: boolean;
}

/** JSON-comparable: a value that JSON cannot hold (NaN, Infinity, bytes) stays visibly unequal. */
function jsonable(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return `<non-finite ${v}>`;
  if (Object.is(v, -0)) return 0; // the same JSON number
  if (ArrayBuffer.isView(v)) return `<bytes ${Buffer.from(v.buffer).toString('base64')}>`;
  if (Array.isArray(v)) return v.map(jsonable);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonable(x)]));
  return v;
}

function ours(text: string): Reading {
  const r = readManifests(['-'], { stdin: () => text });
  const failed = r.fileErrors.length > 0;
  return { objects: failed ? [] : r.sources.map(s => jsonable(s.manifest)), failed };
}

function kubectl(release: string, texts: string[]): Reading[] {
  const input = texts.map(t => JSON.stringify(t)).join('\n') + '\n';
  return yamlTwin(release, input, true).map(t => ({ objects: t.errors.length > 0 ? [] : t.objects, failed: t.errors.length > 0 }));
}

/** A ConfigMap whose data holds the given YAML text. */
function cm(data: string, name = 'twin'): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data.split('\n').map(l => `  ${l}`).join('\n')}\n`;
}

/** One scalar form, as the value of `v`. */
function scalar(form: string): string {
  return cm(`v: ${form}`);
}

interface Row {
  readonly name: string;
  readonly yaml: string;
  /** we refuse the file on purpose, whatever kubectl reads (fail-closed) */
  readonly refuse?: string;
}

const SCALARS = [
  '0120', '030000', '0o17', '0O17', '0x1F', '0b101', '-0b101', '08', '09.5', '-0120', '+12', '1e3', '1.5', '1_000', '8_0', '0_120',
  '0x_1F', '1__0', '-0', '0.0', '.5', '-.5', '1.', '1e400', '9223372036854775807', '9223372036854775808', '18446744073709551616',
  '-9223372036854775809', '12345678901234567890', '1:30', '190:20:30', '-1:30', '.57_0', '._5', '.5__5', '.5e1_0', '.5_e1',
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'Yes', 'NO', 'On', 'OFF', 'True', 'FALSE', 'tRue', 'yEs',
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', '.nAn',
  '~', 'null', 'Null', 'NULL', 'nUll', '',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-12-14', '12:30:45',
  '"0120"', "'yes'", '"1:30"', '"~"',
  '!!str 0120', '!!str yes', '!!str', '!!int "12"', '!!int 0x1F', '!!float 1', '!!float "1.5"', '!!bool "yes"', '!!null ""',
  '!!binary aGVsbG8=', '!!int abc', '!!str ~',
];

const TABLE: Row[] = [
  ...SCALARS.map(s => ({ name: `the scalar ${JSON.stringify(s)}`, yaml: scalar(s) })),
  { name: 'YAML 1.1 booleans as keys', yaml: cm('yes: a\nno: b\non: c\n~: d\n1: e\n0x10: f\n1.5: g') },
  { name: 'a merge key', yaml: 'base: &b\n  x: "1"\n  y: "2"\n' + cm('<<: *b\nz: "3"') },
  { name: 'a merge key, then an explicit key that overrides it', yaml: 'base: &b\n  x: "1"\n' + cm('<<: *b\nx: "2"') },
  { name: 'a merge key of a list of anchors', yaml: 'a: &a {x: "1"}\nb: &b {x: "2", y: "3"}\n' + cm('<<: [*a, *b]') },
  {
    name: 'a merge key after an explicit key it overrides',
    yaml: 'base: &b\n  x: "1"\n' + cm('x: "2"\n<<: *b'),
    refuse: 'go-yaml v2 lets the merge override the explicit key, YAML 1.2 readers do not: we ask for the key once',
  },
  { name: 'a merge key after an explicit key it does not set', yaml: 'base: &b\n  y: "1"\n' + cm('x: "2"\n<<: *b') },
  { name: 'a quoted "<<" key is a plain key', yaml: cm('"<<": a') },
  { name: 'a duplicate key keeps its last value', yaml: cm('x: "1"\nx: "2"') },
  { name: 'a duplicate top-level key keeps its last value', yaml: 'apiVersion: v1\nkind: Secret\nkind: ConfigMap\nmetadata: {name: a}\n' },
  { name: 'anchors and aliases', yaml: cm('a: &v "shared"\nb: *v\nc: &m {k: "1"}\nd: *m') },
  { name: 'an anchor on the whole document', yaml: '--- &doc\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' },
  { name: 'items on a non-List kind are its objects', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: s}}\n' },
  { name: 'items of a List', yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: s}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n' },
  { name: 'an empty List', yaml: 'apiVersion: v1\nkind: List\nitems: []\n---\n' + cm('v: "1"') },
  { name: 'items that is not a list', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nitems: x\n' },
  { name: 'items that is a mapping', yaml: 'apiVersion: v1\nkind: List\nitems: {a: b}\n' },
  {
    name: 'items: null',
    yaml: 'apiVersion: v1\nkind: List\nitems:\n---\n' + cm('v: "1"'),
    refuse: 'kubectl reads an empty list and applies nothing of it without a word: we say the List is broken',
  },
  {
    name: 'an item without kind and apiVersion in a typed list',
    yaml: 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n',
    refuse: 'kubectl takes the kind from the list\'s (ConfigMapList: ConfigMap): we ask for the kind on the item',
  },
  { name: 'an item that is not an object', yaml: 'apiVersion: v1\nkind: List\nitems:\n- x\n' },
  { name: 'a JSON stream', yaml: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"v":"0120"}}\n{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}' },
  { name: 'a JSON stream on one line', yaml: '  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}' },
  { name: 'a JSON stream with numbers', yaml: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"a":1e3,"b":-0,"c":0.5,"d":12345678901234567890}}' },
  { name: 'a JSON stream with a duplicate key', yaml: '{"apiVersion":"v1","kind":"ConfigMap","kind":"Secret","metadata":{"name":"a"}}' },
  { name: 'a JSON List', yaml: '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}]}' },
  { name: 'a JSON stream with an array', yaml: '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}\n[1]' },
  { name: 'a JSON document starting with [ is read as YAML', yaml: '[1, 2]\n' },
  {
    name: 'a JSON object followed by YAML documents',
    yaml: '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}\n---\n' + cm('v: "1"'),
    refuse: 'kubectl up to 1.32 fails on it, 1.37 reads the rest as YAML: we ask for one format per file',
  },
  {
    name: 'a YAML flow mapping that starts like JSON',
    yaml: '{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n',
    refuse: 'kubectl up to 1.32 fails on it as JSON, 1.37 reads it as YAML: we ask for JSON',
  },
  { name: 'multiple documents', yaml: cm('v: "1"', 'a') + '---\n' + cm('v: 0120', 'b') + '---\n' + cm('v: yes', 'c') },
  { name: 'empty documents and comments', yaml: '---\n---\n# only a comment\n---\n' + cm('v: "1"') + '---\n\n' },
  { name: 'a document of null', yaml: '--- ~\n---\nnull\n---\n' + cm('v: "1"') },
  { name: 'a document end marker', yaml: cm('v: "1"') + '...\n---\n' + cm('v: "2"', 'b') },
  { name: 'a document that is a scalar', yaml: 'hello\n---\n' + cm('v: "1"') },
  { name: 'a document that is a sequence', yaml: '- a\n- b\n' },
  { name: 'an object without apiVersion', yaml: 'kind: ConfigMap\nmetadata: {name: a}\n' },
  { name: 'an object without kind', yaml: 'apiVersion: v1\nmetadata: {name: a}\n' },
  { name: 'a kind that is not a string', yaml: 'apiVersion: v1\nkind: 1\n' },
  { name: 'an explicit !!map and !!seq', yaml: cm('m: !!map {a: b}\ns: !!seq [a, 0120]') },
  { name: 'a block scalar', yaml: cm('v: |\n  0120\n  yes\nw: >-\n  folded\n  text') },
  { name: 'a nested sequence of scalars', yaml: cm('v: [0120, yes, ~, 1:30, 0x1F, .5]') },
  { name: 'invalid YAML', yaml: cm('v: [unclosed') },
  { name: 'a flow entry starting with :', yaml: cm('v: [:x]') },
  { name: 'a flow value starting with :', yaml: cm('v: {a: :x}') },
  { name: 'an empty key in a flow sequence', yaml: cm('v: [a, :]') },
  { name: 'a : inside a flow entry', yaml: cm('v: [a:x, "b"]') },
  { name: 'a : starting a block value', yaml: cm('v: :x') },
  {
    name: 'a flow entry starting with ?',
    yaml: cm('v: [?x]'),
    refuse: 'go-yaml v2 reads a key x with a null value, js-yaml the text ?x: we ask for quotes',
  },
  { name: 'a null key', yaml: cm('~: a') },
  { name: 'the key "null", quoted', yaml: cm('"null": a') },
  { name: 'a null key in a flow mapping', yaml: cm('v: {null: a}') },
  { name: 'a --- line followed by an anchor', yaml: '--- &a\n' + cm('v: "1"') },
  { name: 'a ---- line', yaml: cm('v: "1"') + '----\n' },
  { name: 'a --- line followed by a comment', yaml: '--- # first\n' + cm('v: "1"') },
  { name: 'a tab in indentation', yaml: 'apiVersion: v1\nkind: ConfigMap\ndata:\n\tv: "1"\n' },
];

describe.each(RELEASES)('release %s', release => {
  const rows = TABLE.filter(r => r.refuse === undefined);
  let twins: Reading[] = [];
  beforeAll(() => {
    twins = kubectl(release, rows.map(r => r.yaml));
  });

  test.each(rows.map((r, i) => [r.name, i] as const))('holds when %s', (_name, i) => {
    expect(ours(rows[i].yaml)).toEqual(twins[i]);
  });

  test.each(TABLE.filter(r => r.refuse !== undefined).map(r => [r.name, r] as const))('fails when %s (fail-closed on purpose)', (_name, row) => {
    expect(ours(row.yaml).failed).toBe(true);
  });

  test(`holds on ${RUNS} generated files`, () => {
    const files = fc.sample(yamlFile(), { numRuns: RUNS, seed: SEED });
    const twinsOf = kubectl(release, files);
    const disagreements = files.filter((f, i) => !equal(ours(f), twinsOf[i]));
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});

function equal(a: Reading, b: Reading): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

/** A plain scalar over the forms above: signs, base prefixes, digits, underscores, dots, colons, exponents. */
const numberLike = fc.tuple(
  fc.constantFrom('', '-', '+'),
  fc.constantFrom('', '0', '0x', '0o', '0b', '.', '0_'),
  fc.array(fc.constantFrom(...'0123456789_.:eE'.split(''), '1', '7', 'a', 'f', 'e+', 'e-'), { minLength: 1, maxLength: 6 }),
).map(([sign, prefix, body]) => sign + prefix + body.join(''))
  .filter(s => !s.endsWith(':') && !s.includes('::') && !/:[-+]/.test(s));

const scalarForm = fc.oneof(
  fc.constantFrom(...SCALARS.filter(s => !s.startsWith('!!int abc'))),
  numberLike,
);

/** A YAML mapping body (indented by the caller) of scalar forms, nested mappings and sequences. */
const mapping: fc.Memo<string> = fc.memo(depth => fc.array(fc.tuple(
  fc.constantFrom('a', 'b', 'c', 'on', 'yes', '1', '0x10', 'k'),
  depth <= 1
    ? scalarForm.map(s => ` ${s}`)
    : fc.oneof(
      scalarForm.map(s => ` ${s}`),
      scalarForm.map(s => ` [${s}]`),
      mapping(depth - 1).map(m => `\n${m.split('\n').map(l => `  ${l}`).join('\n')}`),
    ),
), { minLength: 1, maxLength: 4 }).map(entries => entries.map(([k, v]) => `${k}:${v}`).join('\n')));

/** A ConfigMap document, sometimes with an anchor reused by a merge key (first, as the fail-closed rule wants) or an alias. */
const documentText = fc.tuple(mapping(3), fc.constantFrom('none', 'merge', 'alias'), fc.nat(99)).map(([data, share, n]) => {
  if (share === 'merge') return `base: &b${n}\n  shared: yes\n  a: "0120"\n` + cm(`<<: *b${n}\n${data}`, `m${n}`);
  if (share === 'alias') return cm(`first: &s${n} 0o17\n${data}\nsecond: *s${n}`, `a${n}`);
  return cm(data, `d${n}`);
});

/** A file of one to three documents. */
function yamlFile(): fc.Arbitrary<string> {
  return fc.array(documentText, { minLength: 1, maxLength: 3 }).map(docs => docs.join('---\n'));
}
