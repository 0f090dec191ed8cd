import * as YAML from 'yaml';
import { resolvePlain } from './yaml11';
import { PathSegment, parseFieldPath } from '../model/path';

/*
 * Where a finding's field is in its file (issue 18). Reading keeps, for each object, only where
 * its document is in the file's text (the text itself is shared by the file's objects). A
 * position is computed on demand, for objects that have findings: their document alone is
 * parsed again with `yaml`, whose nodes carry offsets, and the field path is followed there.
 */

/** Where an object read from a file is. */
export interface DocumentLocation {
  /** The whole text of the file. */
  readonly text: string;
  /** Where the document (or the JSON value) starts and ends in the text. */
  readonly start: number;
  readonly end: number;
  /** The line of `start` (1-based), and the offset where that line starts. */
  readonly line: number;
  readonly lineStart: number;
  /** The path of the object inside the document: `items[3]` for an item of a `List`. */
  readonly prefix: readonly PathSegment[];
}

/** A line and column, both 1-based; the column counts UTF-16 code units. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

const locations = new WeakMap<object, DocumentLocation>();

/** @internal records where an object read from a file is */
export function recordLocation(manifest: object, location: DocumentLocation): void {
  locations.set(manifest, location);
}

/** @internal where an object was read from, when it was read from a file */
export function locationOf(manifest: unknown): DocumentLocation | undefined {
  return manifest !== null && typeof manifest === 'object' ? locations.get(manifest) : undefined;
}

/** A parsed document, the last one asked for: findings of one object come one after another. */
let cached: { location: DocumentLocation; doc: YAML.Document.Parsed } | undefined;

const PARSE_OPTIONS: YAML.ParseOptions & YAML.DocumentOptions & YAML.SchemaOptions = {
  schema: 'failsafe', uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false,
};

/** Whether two locations are of one document (the items of a List share theirs). */
function sameDocument(a: DocumentLocation, b: DocumentLocation): boolean {
  return a.text === b.text && a.start === b.start && a.end === b.end;
}

function parsed(location: DocumentLocation): YAML.Document.Parsed {
  if (cached === undefined || !sameDocument(cached.location, location)) {
    const docs = YAML.parseAllDocuments(location.text.slice(location.start, location.end), PARSE_OPTIONS);
    const list = Array.isArray(docs) ? docs : [];
    const doc = list.find(d => d.contents !== null) ?? list[0] ?? new YAML.Document() as YAML.Document.Parsed;
    cached = { location, doc };
  }
  return cached!.doc;
}

/** The key a scalar key node stands for, as kubectl reads it (`yes` is `true`, `0120` is `80`). */
function keyText(node: unknown): string | undefined {
  if (!YAML.isScalar(node)) return undefined;
  if (node.type === 'PLAIN' && typeof node.source === 'string') {
    const r = resolvePlain(node.source);
    return r === undefined ? node.source : String(r.value);
  }
  return String(node.value);
}

function isMergeKey(node: unknown): boolean {
  return YAML.isScalar(node) && node.type === 'PLAIN' && node.source === '<<';
}

/** Where a key's value is, as a node and the key's own node. */
interface Found {
  readonly key: YAML.Node | undefined;
  readonly value: unknown;
}

/**
 * The pair of a map that gives `name` its value, as go-yaml v2 decides: pairs in order, the
 * last one wins, a merge (`<<`) sets every key of its map (of a list of maps, the first wins).
 */
function lookup(doc: YAML.Document.Parsed, map: YAML.YAMLMap, name: string, depth = 0): Found | undefined {
  let found: Found | undefined;
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      if (depth > 20) continue;
      const sources = YAML.isSeq(pair.value) ? [...pair.value.items].reverse() : [pair.value];
      for (const s of sources) {
        const m = YAML.isAlias(s) ? s.resolve(doc) : s;
        if (YAML.isMap(m)) found = lookup(doc, m, name, depth + 1) ?? found;
      }
    } else if (keyText(pair.key) === name) {
      found = { key: pair.key as YAML.Node, value: pair.value };
    }
  }
  return found;
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}

/**
 * The offset (in the document's slice) of the value at `segments`: the alias's place when the
 * path goes through an alias; the nearest existing parent's key when a step is missing.
 */
function offsetOf(doc: YAML.Document.Parsed, segments: readonly PathSegment[]): number | undefined {
  let node: unknown = doc.contents;
  let at = startOf(node);
  for (const s of segments) {
    if (YAML.isAlias(node)) return startOf(node);
    if (typeof s === 'number' && YAML.isSeq(node)) {
      if (s >= node.items.length) return at;
      node = node.items[s];
      at = startOf(node) ?? at;
    } else if (typeof s === 'string' && YAML.isMap(node)) {
      const found = lookup(doc, node, s);
      if (found === undefined) return at;
      at = startOf(found.key) ?? at;
      node = found.value;
    } else {
      return at;
    }
    // `key:` with nothing after it: its key
    const start = startOf(node);
    if (start === undefined || (YAML.isScalar(node) && node.range![0] === node.range![1])) return at;
  }
  return startOf(node) ?? at;
}

/** The offsets of the line breaks of a document, found once per document asked for. */
let breaks: { location: DocumentLocation; at: number[] } | undefined;

function lineBreaks(location: DocumentLocation): number[] {
  if (breaks === undefined || !sameDocument(breaks.location, location)) {
    const at: number[] = [];
    for (let i = location.text.indexOf('\n', location.lineStart); i !== -1 && i < location.end; i = location.text.indexOf('\n', i + 1)) at.push(i);
    breaks = { location, at };
  }
  return breaks.at;
}

/** The line and column of an offset of the text, inside a document (a binary search of its line breaks). */
function lineAndColumn(location: DocumentLocation, offset: number): Position {
  const at = lineBreaks(location);
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (at[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  const lineStart = lo === 0 ? location.lineStart : at[lo - 1] + 1;
  // a byte order mark is not a column
  const bom = lineStart === 0 && location.text.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : 0;
  return { line: location.line + lo, column: offset - lineStart + 1 - bom };
}

/**
 * @internal
 * The line and column of a field's value in the file an object was read from: `undefined` for
 * an object not read from a file (a construct's, or one handed to the analysis).
 */
export function fieldPosition(manifest: unknown, field: string): Position | undefined {
  const location = locationOf(manifest);
  return location === undefined ? undefined : positionAt(location, parseFieldPath(field));
}

/** @internal the line and column of the value at a path inside an object, from where it was read */
export function positionAt(location: DocumentLocation, segments: readonly PathSegment[]): Position | undefined {
  try {
    const doc = parsed(location);
    const offset = offsetOf(doc, [...location.prefix, ...segments]);
    return offset === undefined ? undefined : lineAndColumn(location, location.start + offset);
  } catch {
    return undefined;
  }
}

/** The keys a merge source sets: its pairs' keys, its own merges' keys included. */
function keysOf(doc: YAML.Document.Parsed, node: unknown, depth: number, out: Set<string>): void {
  const m = YAML.isAlias(node) ? node.resolve(doc) : node;
  if (!YAML.isMap(m) || depth > 20) return;
  for (const pair of m.items) {
    if (isMergeKey(pair.key)) {
      for (const s of YAML.isSeq(pair.value) ? pair.value.items : [pair.value]) keysOf(doc, s, depth + 1, out);
    } else {
      const k = keyText(pair.key);
      if (k !== undefined) out.add(k);
    }
  }
}

/**
 * @internal
 * A merge key (`<<`) that sets a key an earlier entry of its mapping already set. kubectl's
 * go-yaml v2 decodes a mapping's entries in order, a merge overwriting what came before
 * (decode.go `mapping` and `merge`); YAML 1.2 readers, js-yaml included, keep the earlier
 * value. Such a document is refused rather than checked with a value kubectl does not apply.
 * Returns the line of the merge key and the key, or undefined.
 */
export function mergeOverride(location: DocumentLocation): { line: number; key: string } | undefined {
  const doc = parsed(location);
  let found: { offset: number; key: string } | undefined;
  YAML.visit(doc, {
    Map(_, map) {
      const set = new Set<string>();
      // a key set again explicitly after the merge ends the same in both readers
      const lastExplicit = new Map<string, number>();
      map.items.forEach((pair, i) => {
        const k = isMergeKey(pair.key) ? undefined : keyText(pair.key);
        if (k !== undefined) lastExplicit.set(k, i);
      });
      for (let i = 0; i < map.items.length; i++) {
        const pair = map.items[i];
        if (isMergeKey(pair.key)) {
          const supplied = new Set<string>();
          for (const s of YAML.isSeq(pair.value) ? pair.value.items : [pair.value]) keysOf(doc, s, 0, supplied);
          for (const k of supplied) {
            if (set.has(k) && (lastExplicit.get(k) ?? -1) < i) {
              found = { offset: startOf(pair.key) ?? 0, key: k };
              return YAML.visit.BREAK;
            }
            set.add(k);
          }
        } else {
          const k = keyText(pair.key);
          if (k !== undefined) set.add(k);
        }
      }
      return undefined;
    },
  });
  return found === undefined ? undefined : { line: lineAndColumn(location, location.start + found.offset).line, key: found.key };
}
