import * as fs from 'fs';
import * as path from 'path';
import * as jsyaml from 'js-yaml';

import { APP_REPORT_FILE } from './app-report';
import { mergeOverride, positionAt, recordLocation } from './positions';
import { KUBECTL_SCHEMA, NULL_KEY, NULL_KEY_SCHEMA } from './yaml11';

import type { ManifestSource } from '../model/object';
import { PathSegment, renderFieldPath } from '../model/path';

/** The files cdk8s synth (and this library's validation) write beside the manifests: metadata, never objects. */
const CDK8S_METADATA_FILES = ['construct-metadata.json', APP_REPORT_FILE];

/**
 * A problem with one file or one document of it: that file's objects are not checked,
 * the other files are.
 */
export interface FileError {
  /** The file, as named on the command line or found in a folder; `<stdin>` for `-`. */
  readonly file: string;
  /** The line (1-based), when the problem has one. */
  readonly line?: number;
  /** The column (1-based), when the problem has one. */
  readonly column?: number;
  /** What is wrong, and the fix. */
  readonly message: string;
}

/** How to read. */
export interface ReadOptions {
  /** Called with progress messages while many files are read. */
  readonly progress?: (message: string) => void;
  /** The text of standard input, read when a path is `-`. */
  readonly stdin?: () => string;
  /**
   * Read subfolders, as `kubectl apply -f DIR -R` does; false reads what `-f DIR` reads.
   *
   * @default true
   */
  readonly recursive?: boolean;
  /**
   * The settings file the run loaded: when a folder walk meets it, it is skipped and listed,
   * never read as a manifest.
   *
   * @default - none
   */
  readonly settingsFile?: string;
}

/** A file or folder that was not read, and why. */
export interface SkippedFile {
  /** The file or folder. */
  readonly file: string;
  /** Why it was not read. */
  readonly reason: string;
}

/** What reading files gave. */
export interface ReadResult {
  /** The objects, in file order, `List` items flattened. */
  readonly sources: ManifestSource[];
  /** Problems of single files (invalid YAML, not a Kubernetes object, broken link, alias bomb). */
  readonly fileErrors: FileError[];
  /**
   * Problems with the command itself: a path that does not exist, or no Kubernetes object
   * in any input. When there are any, nothing should be checked.
   */
  readonly usageErrors: string[];
  /** Things skipped on purpose (a FIFO in a folder, a folder without YAML files), as `file: skipped: reason`. */
  readonly notes: string[];
  /** Files and folders in the folders read that were not read, each with the reason. */
  readonly skippedFiles: SkippedFile[];
  /** Every usage and file error as one line, `file:line: message`. */
  readonly errors: string[];
  /** The files read, in order (how findings are sorted). */
  readonly filesRead: string[];
  /** How many files were read. */
  readonly files: number;
}

/** The name `-` (standard input) is shown as. */
export const STDIN_NAME = '<stdin>';

/**
 * Files a folder is searched for, as kubectl's (cli-runtime's `FileExtensions`, matched
 * case-sensitively to Go's `filepath.Ext`); a file named on the command line is read whatever
 * its extension.
 */
const EXTENSIONS = ['.json', '.yaml', '.yml'];

/**
 * Nesting deeper than this is refused (js-yaml's default is 100, which deep CRD schemas can
 * reach); it bounds the recursion of the parser and of the checks.
 */
const MAX_DEPTH = 1000;

/** One input: a file found or named, or standard input. */
interface Input {
  readonly name: string;
  readonly read: () => string;
}

/** Go's filepath.Ext: from the last dot of the name (`.yaml` for a file named `.yaml`). */
function goExt(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot);
}

function isManifestName(name: string): boolean {
  return EXTENSIONS.includes(goExt(name));
}

/** Byte order of the names' UTF-8, as Go's filepath.Walk sorts a folder. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The real path of a file, or its own name when it has none. */
function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function errno(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'EACCES' ? 'permission denied' : err.code ?? err.message;
}

/** Lists the inputs: files named, manifest files in folders (as kubectl apply -f DIR [-R] finds them), stdin. */
class InputList {
  public readonly inputs: Input[] = [];
  public readonly fileErrors: FileError[] = [];
  public readonly usageErrors: string[] = [];
  public readonly notes: string[] = [];
  /** Folders without YAML files (a note only when other inputs hold objects). */
  public readonly emptyFolders: string[] = [];
  public readonly skipped: SkippedFile[] = [];
  private readonly seenFiles = new Set<string>();

  private readonly settingsFile: string | undefined;

  constructor(private readonly stdin: (() => string) | undefined, private readonly recursive: boolean, settingsFile: string | undefined) {
    this.settingsFile = settingsFile === undefined ? undefined : realpath(settingsFile);
  }

  public add(p: string): void {
    if (p === '-') {
      const stdin = this.stdin;
      if (!stdin) {
        this.usageErrors.push('-: standard input is not available here');
      } else if (!this.seenFiles.has(STDIN_NAME)) {
        this.seenFiles.add(STDIN_NAME);
        this.inputs.push({ name: STDIN_NAME, read: stdin });
      }
      return;
    }
    try {
      fs.lstatSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.usageErrors.push(`${p}: ${code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or directory' : `cannot read: ${errno(e)}`}`);
      return;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      this.brokenLink(p, e);
      return;
    }
    if (stat.isDirectory()) {
      const before = this.inputs.length;
      const errorsBefore = this.fileErrors.length;
      this.walk(p);
      if (this.inputs.length === before && this.fileErrors.length === errorsBefore) {
        this.emptyFolders.push(p);
      }
      return;
    }
    // Named on the command line: read whatever it is. A FIFO or /dev/fd/N is how shells
    // pass `<(helm template ...)`.
    this.addFile(p, stat.isFile());
  }

  private addFile(file: string, regular: boolean, inFolder = false): void {
    // read it under its own name when there is no real path; the read reports the problem
    const key = regular ? realpath(file) : file;
    if (inFolder && key === this.settingsFile) {
      this.skip(file, 'the settings file this run loaded: settings, never read as a manifest (kubectl apply -f on this folder would '
        + 'fail on it: keep it out of folders that are applied)');
      return;
    }
    // The same file twice (named twice, or reached through a link) would clash with itself.
    if (this.seenFiles.has(key)) return;
    this.seenFiles.add(key);
    this.inputs.push({ name: file, read: () => fs.readFileSync(file, 'utf8') });
  }

  private brokenLink(p: string, e: unknown): void {
    let target = '';
    try {
      target = ` to ${fs.readlinkSync(p)}`;
    } catch {
      // not a link
    }
    const code = (e as NodeJS.ErrnoException).code;
    this.fileErrors.push({
      file: p,
      message: code === 'ENOENT' ? `broken symbolic link${target}: its target does not exist; fix or remove the link`
        : code === 'ELOOP' ? `symbolic link${target} loops; fix or remove the link`
          : `cannot read: ${errno(e)}`,
    });
  }

  /**
   * Walks a folder as kubectl's `ExpandPathsToFileVisitors` (cli-runtime visitor.go) does with
   * `filepath.Walk`: names in byte order; every subfolder when recursive (hidden ones and
   * `node_modules/` too), none otherwise; links are not followed into folders; a file is read
   * when its extension is exactly `.json`, `.yaml` or `.yml`.
   */
  private walk(dir: string): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.fileErrors.push({ file: dir, message: `cannot read this folder: ${errno(e)}` });
      return;
    }
    entries.sort((a, b) => byteOrder(a.name, b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (this.recursive) this.walk(full);
        else this.skip(full, 'a subfolder: read without --no-recursive, as kubectl apply -R reads it');
        continue;
      }
      if (CDK8S_METADATA_FILES.includes(entry.name)) {
        this.skip(full, 'cdk8s\' construct metadata, written beside the manifests when validation plugins run: not a Kubernetes object '
          + '(kubectl apply -f on this folder would fail on it; apply the *.k8s.yaml files)');
        continue;
      }
      if (!isManifestName(entry.name)) {
        if (EXTENSIONS.includes(goExt(entry.name).toLowerCase())) {
          this.skip(full, `kubectl reads only the lower-case extensions ${EXTENSIONS.join(', ')}; rename it to read it`);
        } else if (entry.isSymbolicLink() && this.isFolder(full)) {
          this.skip(full, 'a link to a folder: kubectl does not follow it (filepath.Walk); name the folder to read it');
        }
        continue;
      }
      let kind: fs.Dirent | fs.Stats = entry;
      if (entry.isSymbolicLink()) {
        try {
          kind = fs.statSync(full);
        } catch (e) {
          this.brokenLink(full, e);
          continue;
        }
      }
      if (kind.isFile()) this.addFile(full, true, true);
      else if (kind.isDirectory()) this.fileErrors.push({ file: full, message: 'a link to a folder, named like a manifest file: kubectl fails to read it as a file; rename or remove the link' });
      else this.skip(full, 'not a regular file (a FIFO, socket or device); name it on the command line to read it');
    }
  }

  private isFolder(p: string): boolean {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  }

  private skip(file: string, reason: string): void {
    this.skipped.push({ file, reason });
    this.notes.push(`${file}: skipped: ${reason}`);
  }
}

/** go-yaml's limit on alias expansion, which Kubernetes' YAML decoding applies (CVE-2019-11253). */
function allowedAliasRatio(nodes: number): number {
  if (nodes <= 400_000) return 0.99;
  if (nodes >= 4_000_000) return 0.10;
  return 0.99 - 0.89 * (nodes - 400_000) / 3_600_000;
}

/** A document refused before it is checked. */
class RefusedDocument extends Error {}

/**
 * Refuses a document whose aliases expand it more than Kubernetes' own YAML decoder allows
 * (go-yaml, used by kubectl and the API server, fails with "document contains excessive
 * aliasing"): more than 100 nodes through aliases, more than 1,000 nodes in all, and more
 * than 99% of them through aliases (the share falls to 10% from 400,000 to 4,000,000 nodes).
 * A file using one anchor 100 times passes; a "billion laughs" fails at once. js-yaml shares
 * one object per anchor, so the document is never expanded here: it is counted, in time
 * linear in the text. Counts are taken as go-yaml takes them (every key and value is a node)
 * except that aliases of scalars count as plain nodes, so this never refuses more than go-yaml.
 */
export function checkAliases(doc: unknown): void {
  const sizes = new Map<object, number>();
  const expanding = new Set<object>();
  const expandedSize = (v: unknown): number => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    if (expanding.has(v)) {
      throw new RefusedDocument('an anchor contains an alias of itself, so the document is infinite; Kubernetes refuses it too (anchor value contains itself); remove the alias from inside its anchor');
    }
    expanding.add(v);
    let n = 1;
    if (Array.isArray(v)) {
      for (const x of v) n += expandedSize(x);
    } else {
      for (const k of Object.keys(v)) n += 1 + expandedSize((v as any)[k]);
    }
    expanding.delete(v);
    sizes.set(v, n);
    return n;
  };

  let nodes = 1; // the document
  let aliased = 0;
  const check = () => {
    if (aliased > 100 && nodes > 1000 && aliased / nodes > allowedAliasRatio(nodes)) {
      throw new RefusedDocument(`excessive aliasing: aliases expand this document to at least ${nodes} nodes, ${aliased} of them copies `
        + `(Kubernetes' YAML decoder refuses more than ${Math.round(allowedAliasRatio(nodes) * 100)}% copies at this size: CVE-2019-11253); write the repeated values out`);
    }
  };
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) {
      nodes++;
      return;
    }
    if (seen.has(v)) {
      // a second occurrence of the same object: an alias (1 node) and its expansion
      const size = expandedSize(v);
      nodes += 1 + size;
      aliased += size;
      check();
      return;
    }
    seen.add(v);
    nodes++;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
    } else {
      for (const k of Object.keys(v)) {
        nodes++;
        visit((v as any)[k]);
      }
    }
  };
  visit(doc);
  check();
}

/**
 * YAML as kubectl reads it (go-yaml v2, YAML 1.1: see yaml11.ts); a key given twice keeps its
 * last value, as sigs.k8s.io/yaml's YAMLToJSON does (js-yaml's `json` mode).
 */
const LOAD_OPTIONS = { schema: KUBECTL_SCHEMA, maxDepth: MAX_DEPTH, json: true } as jsyaml.LoadOptions;

/** The characters the document listener looks at, as char codes. */
const [SPACE, TAB, CR, LF, COLON, QUESTION, OPEN_BRACKET, OPEN_BRACE] = [' ', '\t', '\r', '\n', ':', '?', '[', '{'].map(ch => ch.charCodeAt(0));

/**
 * Where each document starts, from js-yaml's parse events: the line of its content, and the
 * offset of that line (to parse a `List` document again, alone, for its items' lines). Kept
 * to a depth counter: this runs for every node of every file.
 * It also finds the first node inside a flow collection (`[...]`, `{...}`) that starts with `:`
 * or `?`: go-yaml v2 (libyaml) reads those as indicators there and fails (`[:x]`, `{a: :x}`,
 * `[a, :]`: "did not find expected node content"), where js-yaml reads a scalar or an empty key.
 */
class DocumentStarts {
  public readonly lines: number[] = [];
  public readonly offsets: number[] = [];
  /** the offset of the first flow node starting with `:` or `?` */
  public flowIndicator: number | undefined;
  private depth = 0;
  /** per open node: whether its children are in a flow collection */
  private readonly flow: boolean[] = [];

  constructor(private readonly text: string) {}

  public readonly listener = (event: jsyaml.EventType, state: jsyaml.State): void => {
    if (event === 'close') {
      this.depth--;
      this.flow.pop();
      return;
    }
    if (this.depth++ === 0) {
      this.lines.push(state.line + 1);
      this.offsets.push(state.lineStart);
    }
    const inFlow = this.flow.length > 0 && this.flow[this.flow.length - 1];
    let at = state.position;
    let c = this.text.charCodeAt(at); // NaN past the end
    while (c === SPACE || c === TAB || c === CR || c === LF) c = this.text.charCodeAt(++at);
    if (inFlow && (c === COLON || c === QUESTION) && this.flowIndicator === undefined) this.flowIndicator = at;
    this.flow.push(inFlow || c === OPEN_BRACKET || c === OPEN_BRACE);
  };
}

/**
 * The line of each entry of each sequence under an `items` key (a `List`'s, or a List's in
 * it), keyed by the parsed array: a key node that closes as `items` is followed by its value.
 */
class ItemLines {
  public readonly lines = new Map<unknown, number[]>();
  private depth = 0;
  private afterItemsKey = false;
  private readonly frames: Array<{ depth: number; lines: number[] }> = [];

  constructor(private readonly firstLine: number) {}

  public readonly listener = (event: jsyaml.EventType, state: jsyaml.State): void => {
    const top = this.frames[this.frames.length - 1];
    if (event === 'open') {
      this.depth++;
      if (top !== undefined && top.depth === this.depth - 1) top.lines.push(this.firstLine + state.line);
      if (this.afterItemsKey) this.frames.push({ depth: this.depth, lines: [] });
      this.afterItemsKey = false;
      return;
    }
    if (top !== undefined && top.depth === this.depth) {
      if (Array.isArray(state.result)) this.lines.set(state.result, top.lines);
      this.frames.pop();
    }
    this.afterItemsKey = state.result === 'items';
    this.depth--;
  };
}

/**
 * Parses one `List` document again, alone, to learn the lines of its items (Lists are rare,
 * so the main parse does not track them). Returns the document of that parse, whose arrays
 * the lines are keyed by, or undefined if the slice does not parse as the same List.
 */
function parseListAgain(text: string, start: number, end: number, line: number): { doc: any; itemLines: Map<unknown, number[]> } | undefined {
  const items = new ItemLines(line);
  try {
    const [doc] = jsyaml.loadAll(text.slice(start, end), null, { ...LOAD_OPTIONS, listener: items.listener } as jsyaml.LoadOptions) as any[];
    return doc !== null && typeof doc === 'object' && hasItems(doc) && Array.isArray(doc.items) ? { doc, itemLines: items.lines } : undefined;
  } catch {
    return undefined;
  }
}


function notAnObject(v: unknown): string {
  const what = Array.isArray(v) ? 'it is a sequence' : typeof v !== 'object' ? `it is a ${typeof v}` : 'it has no apiVersion or kind';
  return `this document is not a Kubernetes object: ${what}; give it apiVersion and kind, or remove it`;
}

/** A YAML syntax error: where, and why. */
function syntaxError(name: string, text: string, e: jsyaml.YAMLException): FileError {
  const mark = e.mark;
  const message = `not valid YAML: ${e.reason}; no object of this file was checked`;
  if (!mark) return { file: name, message };
  // js-yaml places "unexpected end of the stream" after the final newline: name the last line
  if (mark.position >= text.length && mark.line > 0 && mark.column === 0) return { file: name, line: mark.line, message };
  return { file: name, line: mark.line + 1, column: mark.column + 1, message };
}

/** Where one document is in a file's text. */
interface DocumentSlice {
  readonly start: number;
  readonly end: number;
  /** The line of the document's content (1-based), and where that line starts. */
  readonly line: number;
  readonly lineStart: number;
}

/** Collects a file's objects and errors; the objects are kept only if the whole file reads. */
class FileObjects {
  public readonly found: ManifestSource[] = [];
  public readonly errors: FileError[] = [];

  constructor(private readonly name: string, private readonly text: string) {}

  public error(line: number | undefined, message: string): void {
    this.errors.push(line === undefined ? { file: this.name, message } : { file: this.name, line, message });
  }

  /**
   * Adds a document's object, or the items of a list: kubectl (apimachinery's unstructured
   * decoder) reads any object with an `items` key as a list, whatever its kind, and applies
   * its items, not the object; when `items` is not a list, it fails.
   */
  public add(obj: any, line: number, slice: DocumentSlice, prefix: PathSegment[], itemLines: Map<unknown, number[]>): void {
    const where = prefix.length === 0 ? '' : `${renderFieldPath(prefix)}.`;
    if (!Object.prototype.hasOwnProperty.call(obj, 'items')) {
      recordLocation(obj, { text: this.text, start: slice.start, end: slice.end, line: slice.line, lineStart: slice.lineStart, prefix });
      this.found.push({ manifest: obj, file: this.name, line });
      return;
    }
    const items: unknown = obj.items;
    if (!Array.isArray(items)) {
      this.error(line, `${where}items of this ${typeof obj.kind === 'string' ? obj.kind : 'object'} is not a list: kubectl reads any object with an items key as a list, and fails on this one; make items a list of objects, or remove it`);
      return;
    }
    const lines = itemLines.get(items);
    const location = { text: this.text, start: slice.start, end: slice.end, line: slice.line, lineStart: slice.lineStart, prefix };
    for (let j = 0; j < items.length; j++) {
      const item: any = items[j];
      // a JSON List's items: from the positions of the slice, parsed once again
      const itemLine = lines && lines.length === items.length ? lines[j] : positionAt(location, ['items', j])?.line ?? line;
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item.kind === 'string') {
        this.add(item, itemLine, slice, [...prefix, 'items', j], itemLines);
      } else {
        this.error(itemLine, `${where}items[${j}] of the ${typeof obj.kind === 'string' ? obj.kind : 'list'} is not a Kubernetes object: it has no kind`);
      }
    }
  }
}

/** Whether a document is read as a list (see FileObjects.add). */
function hasItems(doc: object): boolean {
  return Object.prototype.hasOwnProperty.call(doc, 'items');
}

/**
 * kubectl reads a file whose first character that is not white space is `{` as a stream of
 * JSON values (apimachinery's YAMLOrJSONDecoder), not as YAML.
 */
/** @internal Whether kubectl reads a file's text as a stream of JSON values (it starts with `{`), not YAML. */
export function isJsonStream(text: string): boolean {
  return /^[\s\ufeff]*\{/.test(text);
}

/** The JSON values of a stream, each with where it is; a syntax error names its line. */
function jsonValues(text: string): Array<DocumentSlice & { value: unknown }> | FileError & { file: '' } {
  const out: Array<DocumentSlice & { value: unknown }> = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const advanceTo = (to: number) => {
    for (let k = text.indexOf('\n', i); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    i = to;
  };
  const bad = (at: number, why: string) => {
    advanceTo(at);
    return { file: '' as const, line, column: at - lineStart + 1, message: `not valid JSON: ${why}; no object of this file was checked` };
  };
  while (true) {
    let start = i;
    while (start < n && /[\s\ufeff]/.test(text[start])) start++;
    if (start >= n) return out;
    if (text[start] !== '{' && text[start] !== '[') return bad(start, 'a JSON stream holds objects, one after another');
    // the end of this value: brackets counted outside strings
    let depth = 0;
    let end = start;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      if (c === 0x22 /* " */) {
        for (end++; end < n && text.charCodeAt(end) !== 0x22; end++) if (text.charCodeAt(end) === 0x5c) end++;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) break;
      }
    }
    if (end >= n) return bad(start, 'unexpected end of the stream within an object');
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end + 1));
    } catch (e) {
      return bad(start, (e as Error).message);
    }
    advanceTo(start);
    out.push({ start, end: end + 1, line, lineStart, value });
    i = end + 1;
  }
}

/** Whether a value holds a number JSON cannot hold (`.inf`, `.nan`). */
function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v).some(hasNonFinite);
}

/** Whether a mapping of the value has the key NULL_KEY. */
function hasNullKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, NULL_KEY)) return true;
  return Object.values(v).some(hasNullKey);
}

/**
 * What sigs.k8s.io/yaml cannot turn into JSON, so that kubectl fails on the file: a `.inf` or
 * `.nan` value ("json: unsupported value"), a null key (`~: x`, "unsupported map key").
 */
function notJson(doc: unknown, docText: string): string | undefined {
  if (/\.(inf|nan)/i.test(docText) && hasNonFinite(doc)) {
    return 'a value of this document is .inf or .nan, which JSON cannot hold: kubectl fails on this file ("unsupported value"); quote it to make it a string';
  }
  // a null key is rare: the text shows where one may be, a second reading that marks nulls decides
  if (/(~|null|Null|NULL)[ \t]*:/.test(docText)) {
    let marked: unknown;
    try {
      [marked] = jsyaml.loadAll(docText, null, { ...LOAD_OPTIONS, schema: NULL_KEY_SCHEMA } as jsyaml.LoadOptions);
    } catch {
      return undefined;
    }
    if (hasNullKey(marked)) {
      return 'a key of this document is null (~, null): kubectl fails on this file ("unsupported map key"); quote it to make it a string';
    }
  }
  return undefined;
}

/** Checks one document's shape; adds its object(s), or an error. */
function addDocument(file: FileObjects, doc: any, slice: DocumentSlice, mayAlias: boolean, yamlText: string | undefined): void {
  const line = slice.line;
  if (doc === null || doc === undefined) return;
  if (typeof doc !== 'object' || Array.isArray(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') {
    file.error(line, notAnObject(doc));
    return;
  }
  if (mayAlias) {
    try {
      checkAliases(doc);
    } catch (e) {
      if (!(e instanceof RefusedDocument)) throw e;
      file.error(line, e.message);
      return;
    }
  }
  if (yamlText !== undefined) {
    const why = notJson(doc, yamlText.slice(slice.start, slice.end));
    if (why !== undefined) {
      file.error(line, why);
      return;
    }
  }
  if (yamlText !== undefined && yamlText.slice(slice.start, slice.end).includes('<<')) {
    const merge = mergeOverride({ text: yamlText, ...slice, prefix: [] });
    if (merge !== undefined) {
      file.error(merge.line, `this merge key (<<) sets ${merge.key}, which an earlier entry of its mapping sets: kubectl (go-yaml v2) applies the merged value, YAML 1.2 readers the earlier one; set ${merge.key} once`);
      return;
    }
  }
  const again = yamlText !== undefined && hasItems(doc) && Array.isArray(doc.items)
    ? parseListAgain(yamlText, slice.start, slice.end, line) : undefined;
  // without the lines of its items (the slice did not parse alone), each item gets the List's line
  file.add(again?.doc ?? doc, line, slice, [], again?.itemLines ?? new Map());
}

/**
 * The first line that kubectl's document splitter (apimachinery's YAMLReader) refuses: a line
 * starting with `---` ends a document there, and anything after it but spaces and a comment
 * is "invalid Yaml document separator" (`--- &anchor`, `--- ~`, `----`), which YAML itself allows.
 */
function badSeparatorLine(text: string): number | undefined {
  if (!text.includes('---')) return undefined;
  const re = /^---([^\n]*)/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const rest = m[1].trim();
    if (rest !== '' && !rest.startsWith('#')) return text.slice(0, m.index).split('\n').length;
  }
  return undefined;
}

/** Parses one file's text: its objects, or the problems that stop them being checked. */
function parseFile(name: string, text: string, sources: ManifestSource[], fileErrors: FileError[]): void {
  const file = new FileObjects(name, text);
  if (isJsonStream(text)) {
    const values = jsonValues(text);
    if (!Array.isArray(values)) {
      fileErrors.push({ ...values, file: name });
      return;
    }
    for (const v of values) addDocument(file, v.value, v, false, undefined);
  } else {
    const separator = badSeparatorLine(text);
    if (separator !== undefined) {
      fileErrors.push({
        file: name,
        line: separator,
        message: 'kubectl reads a line starting with --- as the end of a document and fails on anything after it but a comment ("invalid Yaml document separator"); put it on the next line; no object of this file was checked',
      });
      return;
    }
    const starts = new DocumentStarts(text);
    let docs: unknown[];
    try {
      docs = jsyaml.loadAll(text, null, { ...LOAD_OPTIONS, listener: starts.listener } as jsyaml.LoadOptions);
    } catch (e) {
      if (!(e instanceof jsyaml.YAMLException)) throw e;
      fileErrors.push(syntaxError(name, text, e));
      return;
    }
    if (starts.flowIndicator !== undefined) {
      fileErrors.push({
        file: name,
        line: text.slice(0, starts.flowIndicator).split('\n').length,
        message: 'in a flow collection ([...] or {...}) kubectl (go-yaml v2) reads a : or ? that starts an entry as an indicator and fails on this file; quote the value; no object of this file was checked',
      });
      return;
    }
    // An alias needs an anchor (`&`) and a `*`: without both, no document of the file can hold one.
    const mayAlias = text.includes('&') && text.includes('*');
    for (let i = 0; i < docs.length; i++) {
      const start = starts.offsets[i];
      const slice = { start, end: starts.offsets[i + 1] ?? text.length, line: starts.lines[i], lineStart: start };
      addDocument(file, docs[i], slice, mayAlias, text);
    }
  }
  for (const s of file.found) sources.push(s);
  for (const e of file.errors) fileErrors.push(e);
}

/** `file:line:column: message`. */
export function formatFileError(e: FileError): string {
  return `${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${e.message}`;
}

/**
 * Reads multi-document YAML (or JSON) files, folders of them, and `-` (standard input), one
 * file at a time, as kubectl reads them (see yaml11.ts and the folder walk). Each file's text
 * stays referenced by its objects' places (positions.ts), for the lines of their findings.
 * Objects with `items` (`List`s, and Lists in them) are flattened. Empty documents are skipped. A file that cannot be read, is not
 * valid YAML, or holds something that is not a Kubernetes object becomes a file error,
 * and the other files are still read. A path that does not exist, or no Kubernetes object
 * at all, is a usage error.
 */
export function readManifests(paths: string[], options: ReadOptions = {}): ReadResult {
  const progress = options.progress ?? (() => undefined);
  const list = new InputList(options.stdin, options.recursive ?? true, options.settingsFile);
  for (const p of paths) list.add(p);
  const { inputs, fileErrors, usageErrors } = list;
  const notes = [...list.notes];
  const sources: ManifestSource[] = [];
  if (usageErrors.length === 0) {
    if (inputs.length > 300) progress(`reading ${inputs.length} files...`);
    inputs.forEach((input, i) => {
      if (inputs.length > 300 && i > 0 && i % 500 === 0) progress(`read ${i} of ${inputs.length} files`);
      let text: string;
      try {
        text = input.read();
      } catch (e) {
        fileErrors.push({ file: input.name, message: `cannot read: ${errno(e)}` });
        return;
      }
      parseFile(input.name, text, sources, fileErrors);
    });
    if (sources.length > 0 || fileErrors.length > 0) {
      for (const dir of list.emptyFolders) notes.push(`${dir}: no .json, .yaml or .yml files in this folder`);
    } else {
      const where = paths.map(p => (p === '-' ? 'standard input' : p)).join(', ');
      usageErrors.push(inputs.length === 0
        ? `no Kubernetes objects found in ${where}: no .json, .yaml or .yml files there`
        : `no Kubernetes objects found in ${where}: the ${inputs.length === 1 ? 'input is' : `${inputs.length} files are`} empty or only comments; check the path, or that the chart rendered`);
    }
  }
  return {
    sources,
    fileErrors,
    usageErrors,
    notes,
    skippedFiles: list.skipped,
    errors: [...usageErrors, ...fileErrors.map(formatFileError)],
    filesRead: inputs.map(x => x.name),
    files: inputs.length,
  };
}
