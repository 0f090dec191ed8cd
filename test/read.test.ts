import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FileError, ReadResult, STDIN_NAME, checkAliases, readManifests } from '../src/checker/read';

/* The manifest reader: documents and their lines, Lists, aliases, files and folders. */

const ROOT = path.resolve(__dirname, '..');
const FIX = path.join(__dirname, 'fixtures', 'manifests');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-read-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{ port: 80 }]\n`;

/** Each object as `kind name @line` (file names relative to the temp folder). */
function objects(r: ReadResult): string[] {
  return r.sources.map(s => `${path.relative(dir, s.file!)}:${s.line} ${s.manifest.kind} ${s.manifest.metadata?.name}`);
}

function errors(r: ReadResult): FileError[] {
  return r.fileErrors.map(e => ({ ...e, file: path.relative(dir, e.file) }));
}

const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe('documents and their lines', () => {
  test('multi-document YAML: each object at the line of its content, comments and empty documents skipped', () => {
    const file = write('a.yaml', [
      '# Source: chart/templates/a.yaml', // 1
      '---', // 2
      '# a comment', // 3
      svc('a').trimEnd(), // 4-9
      '---', // 10
      '---', // 11 (an empty document)
      '', // 12
      svc('b').trimEnd(), // 13-18
      '--- # marker with a comment', // 19
      svc('c').trimEnd(), // 20-25
      '...', // 26
      '---', // 27
      '',
    ].join('\n'));
    const r = readManifests([file]);
    expect(objects(r)).toEqual(['a.yaml:4 Service a', 'a.yaml:13 Service b', 'a.yaml:20 Service c']);
    expect(r.fileErrors).toEqual([]);
    expect(r.usageErrors).toEqual([]);
  });

  test('a document that starts on the marker line', () => {
    const file = write('a.yaml', `${svc('a')}--- {apiVersion: v1, kind: Service, metadata: {name: b}}\n`);
    expect(objects(readManifests([file]))).toEqual(['a.yaml:1 Service a', 'a.yaml:7 Service b']);
  });

  test('JSON files are read (JSON is YAML), including tab indentation', () => {
    const file = write('a.json', '{\n\t"apiVersion": "v1",\n\t"kind": "Service",\n\t"metadata": {"name": "j"},\n\t"spec": {"ports": [{"port": 80}]}\n}\n');
    expect(objects(readManifests([file]))).toEqual(['a.json:1 Service j']);
  });

  test('YAML 1.1 as kubectl reads it: dates stay strings, yes is a boolean, merge keys merge', () => {
    const file = write('a.yaml', [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: m',
      '  labels: { day: 2024-01-01, answer: yes }',
      'base: &base { a: "1" }',
      'data:',
      '  <<: *base',
      '  b: "2"',
      '',
    ].join('\n'));
    const m = readManifests([file]).sources[0].manifest;
    expect(m.metadata.labels).toEqual({ day: '2024-01-01', answer: true });
    expect(m.data).toEqual({ a: '1', b: '2' });
  });

  test('fails when a file is not valid YAML: one error with line and column, the other files still read', () => {
    const bad = write('bad.yaml', `${svc('ok-but-same-file')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   bad: indent\n`);
    const good = write('good.yaml', svc('good'));
    const r = readManifests([bad, good]);
    expect(objects(r)).toEqual(['good.yaml:1 Service good']);
    expect(errors(r)).toEqual([{ file: 'bad.yaml', line: 12, column: 7, message: 'not valid YAML: bad indentation of a mapping entry; no object of this file was checked' }]);
    expect(r.usageErrors).toEqual([]);
  });

  test('fails when a flow collection is never closed: the error names the last line, not the one after it', () => {
    const r = readManifests([path.join(FIX, 'not-yaml.yaml')]);
    expect(r.fileErrors).toEqual([{ file: path.join(FIX, 'not-yaml.yaml'), line: 5, message: 'not valid YAML: unexpected end of the stream within a flow collection; no object of this file was checked' }]);
  });

  test.each<[string, string, string]>([
    ['a mapping without apiVersion or kind', 'metadata: {name: x}\n', 'it has no apiVersion or kind'],
    ['a mapping with a kind that is not a string', 'apiVersion: v1\nkind: [Service]\n', 'it has no apiVersion or kind'],
    ['a string', 'hello\n', 'it is a string'],
    ['a number', '42\n', 'it is a number'],
    ['a sequence', '- apiVersion: v1\n  kind: Service\n', 'it is a sequence'],
  ])('fails when a document is %s: an error at its line, the file\'s other documents still read', (_, doc, what) => {
    // lines 1-6 a Service, 7 ---, 8 the document, then --- and the last Service
    const file = write('a.yaml', `${svc('first')}---\n${doc}---\n${svc('last')}`);
    const r = readManifests([file]);
    expect(objects(r)).toEqual(['a.yaml:1 Service first', `a.yaml:${8 + doc.split('\n').length} Service last`]);
    expect(errors(r)).toEqual([{ file: 'a.yaml', line: 8, message: `this document is not a Kubernetes object: ${what}; give it apiVersion and kind, or remove it` }]);
  });
});

describe('Lists', () => {
  test('a List\'s items are read, each at its own line', () => {
    const r = readManifests([path.join(FIX, 'valid.yaml')]);
    expect(r.sources.map(s => `${s.line} ${s.manifest.kind}`)).toEqual(['4 Deployment', '20 Service']);
  });

  test('a JSON List (kubectl get -o json): each item at its own line', () => {
    const file = write('l.json', JSON.stringify({
      apiVersion: 'v1',
      items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' } }],
      kind: 'List',
    }, undefined, 2) + '\n');
    expect(objects(readManifests([file]))).toEqual(['l.json:4 Service a', 'l.json:11 Service b']);
  });

  test('a List inside a List is read too (it used to be skipped unchecked)', () => {
    const file = write('l.yaml', [
      'apiVersion: v1', // 1
      'kind: List', // 2
      'items:', // 3
      '  - apiVersion: v1', // 4
      '    kind: ServiceList', // 5
      '    items:', // 6
      '      - apiVersion: v1', // 7
      '        kind: Service', // 8
      '        metadata: { name: inner1 }', // 9
      '      - { apiVersion: v1, kind: Service, metadata: { name: inner2 } }', // 10
      '  - apiVersion: v1', // 11
      '    kind: Service', // 12
      '    metadata: { name: outer }', // 13
      '',
    ].join('\n'));
    const r = readManifests([file]);
    expect(objects(r)).toEqual(['l.yaml:7 Service inner1', 'l.yaml:10 Service inner2', 'l.yaml:11 Service outer']);
    expect(r.fileErrors).toEqual([]);
  });

  test('a List in the second document of a file: lines count from the file\'s start', () => {
    const file = write('l.yaml', `${svc('a')}---\napiVersion: v1\nkind: List\nitems:\n- ${svc('b').trimEnd().replace(/\n/g, '\n  ')}\n`);
    expect(objects(readManifests([file]))).toEqual(['l.yaml:1 Service a', 'l.yaml:11 Service b']);
  });

  test('fails when a List item has no kind: an error at the item\'s line, the other items read', () => {
    const file = write('l.yaml', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - name: nokind\n  - {apiVersion: v1, kind: Service, metadata: {name: s}}\n');
    const r = readManifests([file]);
    expect(objects(r)).toEqual(['l.yaml:8 Service s']);
    expect(errors(r)).toEqual([{ file: 'l.yaml', line: 7, message: 'items[0].items[0] of the List is not a Kubernetes object: it has no kind' }]);
  });
});

describe('aliases', () => {
  const BILLION_LAUGHS = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: lol }',
    'data:',
    '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    '  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    '  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
    '',
  ].join('\n');

  test('fails when a document is an alias bomb ("billion laughs"): refused with file and line, nothing expanded', () => {
    const file = write('bomb.yaml', `${svc('before')}---\n${BILLION_LAUGHS}---\n${svc('after')}`);
    const r = readManifests([file]);
    expect(objects(r)).toEqual(['bomb.yaml:1 Service before', 'bomb.yaml:22 Service after']);
    expect(errors(r)).toEqual([{
      file: 'bomb.yaml',
      line: 8,
      // counted by hand: 956 nodes up to d's sequence; each *c adds 821 (820 copies); the
      // sixth makes 5882 nodes, 5829 copies: 99.1%
      message: 'excessive aliasing: aliases expand this document to at least 5882 nodes, 5829 of them copies '
        + '(Kubernetes\' YAML decoder refuses more than 99% copies at this size: CVE-2019-11253); write the repeated values out',
    }]);
  });

  test('one anchor used 100 times (rendered chart output) is accepted', () => {
    const items = Array.from({ length: 100 }, (_, i) => `  - { apiVersion: v1, kind: Service, metadata: { name: s${i} }, spec: { ports: *ports } }`);
    const file = write('anchors.yaml', [
      'apiVersion: v1',
      'kind: List',
      'x-ports: &ports [{ name: http, port: 80, targetPort: 8080 }]',
      'items:',
      ...items,
      '',
    ].join('\n'));
    const r = readManifests([file]);
    expect(r.fileErrors).toEqual([]);
    expect(r.sources).toHaveLength(100);
    expect(r.sources[99].manifest.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
  });

  test('fails when an anchor contains an alias of itself (an infinite document)', () => {
    const file = write('loop.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m { name: loop, self: *m }\n');
    expect(errors(readManifests([file]))).toEqual([{
      file: 'loop.yaml',
      line: 1,
      message: 'an anchor contains an alias of itself, so the document is infinite; Kubernetes refuses it too (anchor value contains itself); remove the alias from inside its anchor',
    }]);
  });

  /*
   * go-yaml's rule (gopkg.in/yaml.v2 and v3 decode.go, allowedAliasRatio; what kubectl and the
   * API server decode YAML with): refused when more than 100 nodes come from aliases, more than
   * 1000 nodes in all, and the aliased share exceeds 99% up to 400,000 nodes, falling linearly
   * to 10% at 4,000,000. Every key, value, sequence entry, alias and the document is a node.
   * Here: { a: &x [1000 scalars], b: [*x, *x, ...k] } is 1006 + 1002k nodes, 1001k of them
   * copies: 99% is crossed between k = 110 (98.997%) and k = 111 (99.003%).
   */
  const anchored = (size: number, copies: number, real = 0) => {
    const x = new Array(size).fill(0);
    return { ...(real ? { real: new Array(real).fill(0) } : {}), a: x, b: new Array(copies).fill(x) };
  };
  test.each<[string, unknown, boolean]>([
    ['a 1000-entry anchor aliased 110 times (98.997% copies)', anchored(1000, 110), true],
    ['a 1000-entry anchor aliased 111 times (99.003% copies)', anchored(1000, 111), false],
    ['100 copies of a 9-entry anchor and 1000 scalars', anchored(9, 100, 1000), true],
    ['4,500,000 plain nodes and 400 copies of a 1000-entry anchor (8% copies; 10% allowed)', anchored(1000, 400, 4_500_000), true],
    ['4,500,000 plain nodes and 600 copies of a 1000-entry anchor (12% copies; 10% allowed)', anchored(1000, 600, 4_500_000), false],
  ])('go-yaml\'s alias limit: %s', (_, doc, accepted) => {
    if (accepted) expect(() => checkAliases(doc)).not.toThrow();
    else expect(() => checkAliases(doc)).toThrow(/^excessive aliasing: /);
  });
});

describe('files and folders', () => {
  test('a folder as kubectl apply -f DIR -R reads it: .json, .yaml and .yml exactly, in byte order, every subfolder (hidden, node_modules)', () => {
    write('b.yml', svc('b'));
    write('a.yaml', svc('a'));
    write('B.yaml', svc('B'));
    write('c.json', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' } }));
    write('.yaml', svc('dot'));
    write('notes.txt', 'not read');
    write('sub/c.YAML', svc('c'));
    write('.hidden/d.yaml', svc('d'));
    write('node_modules/e.yaml', svc('e'));
    const r = readManifests([dir]);
    expect(r.filesRead.map(f => path.relative(dir, f))).toEqual(['.hidden/d.yaml', '.yaml', 'B.yaml', 'a.yaml', 'b.yml', 'c.json', 'node_modules/e.yaml']);
    expect(r.skippedFiles.map(f => [path.relative(dir, f.file), f.reason])).toEqual([
      ['sub/c.YAML', 'kubectl reads only the lower-case extensions .json, .yaml, .yml; rename it to read it'],
    ]);
  });

  test('--no-recursive reads what kubectl apply -f DIR reads: no subfolder, each listed as skipped', () => {
    write('a.yaml', svc('a'));
    write('sub/b.yaml', svc('b'));
    const r = readManifests([dir], { recursive: false });
    expect(r.filesRead.map(f => path.relative(dir, f))).toEqual(['a.yaml']);
    expect(r.skippedFiles.map(f => path.relative(dir, f.file))).toEqual(['sub']);
  });

  test('a symbolic link to a folder is not followed, as kubectl does not follow it, and is listed as skipped', () => {
    write('real/a.yaml', svc('a'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked'));
    fs.symlinkSync('..', path.join(dir, 'real', 'up'));
    const r = readManifests([dir]);
    expect(objects(r)).toEqual(['real/a.yaml:1 Service a']);
    expect(r.skippedFiles.map(f => [path.relative(dir, f.file), f.reason])).toEqual([
      ['linked', 'a link to a folder: kubectl does not follow it (filepath.Walk); name the folder to read it'],
      ['real/up', 'a link to a folder: kubectl does not follow it (filepath.Walk); name the folder to read it'],
    ]);
    expect(r.fileErrors).toEqual([]);
  });

  test('fails when a link to a folder is named like a manifest file: kubectl fails to read it', () => {
    write('real/a.yaml', svc('a'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'x.yaml'));
    expect(errors(readManifests([dir])).map(e => e.file)).toEqual(['x.yaml']);
  });

  test('a JSON stream of two objects is read, as kubectl reads it', () => {
    const file = write('s.json', '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}}\n');
    expect(objects(readManifests([file]))).toEqual(['s.json:1 Service a', 's.json:2 Service b']);
  });

  test('fails when a JSON stream is broken: one error with its line', () => {
    const file = write('s.json', '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}}\n{"apiVersion": "v1",\n "kind": }\n');
    expect(errors(readManifests([file])).map(e => [e.file, e.line])).toEqual([['s.json', 2]]);
  });

  test('the same file named twice, or reached through a link, is read once (it would clash with itself)', () => {
    const a = write('a.yaml', svc('a'));
    fs.symlinkSync(a, path.join(dir, 'b.yaml'));
    expect(objects(readManifests([a, dir, a]))).toEqual(['a.yaml:1 Service a']);
  });

  test('fails when a symbolic link is broken: one error for it, the other files read', () => {
    write('a.yaml', svc('a'));
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'broken.yaml'));
    fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, 'broken-folder'));
    const r = readManifests([dir]);
    expect(objects(r)).toEqual(['a.yaml:1 Service a']);
    expect(errors(r)).toEqual([{ file: 'broken.yaml', message: `broken symbolic link to ${path.join(dir, 'gone.yaml')}: its target does not exist; fix or remove the link` }]);
    expect(r.usageErrors).toEqual([]);
  });

  test('fails when a broken symbolic link is named on the command line: a file error, not a usage error', () => {
    const a = write('a.yaml', svc('a'));
    const link = path.join(dir, 'broken.yaml');
    fs.symlinkSync('gone.yaml', link);
    const r = readManifests([link, a]);
    expect(objects(r)).toEqual(['a.yaml:1 Service a']);
    expect(errors(r)).toEqual([{ file: 'broken.yaml', message: 'broken symbolic link to gone.yaml: its target does not exist; fix or remove the link' }]);
  });

  (canMkfifo ? test : test.skip)('a FIFO named *.yaml in a folder is skipped with a note, not read (reading it would hang)', () => {
    write('a.yaml', svc('a'));
    const fifo = path.join(dir, 'pipe.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = readManifests([dir]);
    expect(objects(r)).toEqual(['a.yaml:1 Service a']);
    expect(r.notes).toEqual([`${fifo}: skipped: not a regular file (a FIFO, socket or device); name it on the command line to read it`]);
  });

  (canMkfifo ? test : test.skip)('a FIFO named on the command line is read, as `<(helm template ...)` passes one', () => {
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const source = write('source.yaml', svc('piped'));
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, fifo], { stdio: 'ignore' });
    const r = readManifests([fifo]);
    writer.kill();
    expect(objects(r)).toEqual(['pipe:1 Service piped']);
  });

  test('- reads standard input once, however often it is named', () => {
    let reads = 0;
    const r = readManifests(['-', '-'], { stdin: () => { reads++; return svc('in'); } });
    expect(r.sources.map(s => `${s.file}:${s.line} ${s.manifest.metadata.name}`)).toEqual([`${STDIN_NAME}:1 in`]);
    expect(reads).toBe(1);
  });

  test('fails when - is named but there is no standard input to read', () => {
    expect(readManifests(['-']).usageErrors).toEqual(['-: standard input is not available here']);
  });

  test('fails when a path does not exist: a usage error, and nothing is read', () => {
    const a = write('a.yaml', svc('a'));
    const r = readManifests([a, path.join(dir, 'nope.yaml')]);
    expect(r.usageErrors).toEqual([`${path.join(dir, 'nope.yaml')}: no such file or directory`]);
    expect(r.sources).toEqual([]);
  });

  test.each<[string, () => string[], (paths: string[]) => string]>([
    ['a 0-byte file', () => [write('empty.yaml', '')], p => `no Kubernetes objects found in ${p[0]}: the input is empty or only comments; check the path, or that the chart rendered`],
    ['files of comments and empty documents', () => [write('a.yaml', '# nothing\n---\n'), write('b.yaml', '---\n')], p => `no Kubernetes objects found in ${p.join(', ')}: the 2 files are empty or only comments; check the path, or that the chart rendered`],
    ['an empty folder', () => [dir], p => `no Kubernetes objects found in ${p[0]}: no .json, .yaml or .yml files there`],
  ])('fails when the whole input is %s: no objects at all is a usage error', (_, make, message) => {
    const paths = make();
    const r = readManifests(paths);
    expect(r.usageErrors).toEqual([message(paths)]);
    expect(r.errors).toEqual([message(paths)]);
  });

  test('an empty file or folder among inputs with objects is fine (a note for the folder)', () => {
    const empty = write('empty.yaml', '');
    const a = write('a.yaml', svc('a'));
    const folder = path.join(dir, 'nothing');
    fs.mkdirSync(folder);
    const r = readManifests([empty, folder, a]);
    expect(r.usageErrors).toEqual([]);
    expect(objects(r)).toEqual(['a.yaml:1 Service a']);
    expect(r.notes).toEqual([`${folder}: no .json, .yaml or .yml files in this folder`]);
  });

  test('values are kept as written, control characters included (escaping them is the printer\'s job)', () => {
    const file = write('a.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "a\\e[2Jb"\n');
    expect(readManifests([file]).sources[0].manifest.metadata.name).toBe('a\u001b[2Jb');
  });
});
