import { jsonText, notACommand } from '../model/text';

/*
 * Writing output: JSON documents, large outputs in pieces, aligned tables.
 */

/** A value as indented JSON, safe to print (see model/text.ts), with a final newline. */
export function json(value: unknown): string {
  return jsonText(JSON.stringify(value, undefined, 2)) + '\n';
}

/** What JSON.stringify([[item]], undefined, 2) writes around the item. */
const NESTED_OPEN = '[\n  [\n    ';
const NESTED_CLOSE = '\n  ]\n]';

/**
 * The document `{ ...head, [key]: items }` exactly as `json` writes it, written in pieces of
 * about a megabyte, one item at a time: the items are made on demand and the whole text is
 * never one string (a 200k-object access map was a 400 MB string, then its escaped copy).
 * `key` is written last; each item is stringified as `json` would at its depth.
 */
export function writeJsonDocument(head: Record<string, unknown>, key: string, items: Iterable<unknown>, write: (text: string) => void): void {
  const shell = JSON.stringify({ ...head, [key]: [null] }, undefined, 2);
  const at = shell.lastIndexOf('null');
  let parts: string[] = [];
  let size = 0;
  const put = (t: string) => {
    parts.push(t);
    size += t.length;
    if (size > 1_048_576) flush();
  };
  const flush = () => {
    if (parts.length > 0) write(jsonText(parts.join('')));
    parts = [];
    size = 0;
  };
  let first = true;
  for (const item of items) {
    put(first ? shell.slice(0, at) : ',\n    ');
    first = false;
    // stringified inside two lists, the item's lines come indented as at depth 2 (no second pass over its text)
    const nested = JSON.stringify([[item]], undefined, 2);
    put(nested.slice(NESTED_OPEN.length, nested.length - NESTED_CLOSE.length));
  }
  put(first ? JSON.stringify({ ...head, [key]: [] }, undefined, 2) + '\n' : shell.slice(at + 4) + '\n');
  flush();
}

/** Collects output lines and writes them in large pieces (hundreds of thousands of lines). */
export class Output {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly write: (text: string) => void) {}

  public line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size > 1_048_576) this.flush();
  }

  public flush(): void {
    if (this.parts.length > 0) this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * A table with aligned columns, from rows made on demand twice (widths, then lines), so
 * hundreds of thousands of rows are never all held (and no spread of them into Math.max,
 * which overflowed the stack).
 */
export function table(header: string[], forEachRow: (each: (row: string[]) => void) => void, out: Output): void {
  const widths = header.map(h => h.length);
  forEachRow(r => {
    for (let i = 0; i < r.length; i++) if (r[i].length > widths[i]) widths[i] = r[i].length;
  });
  const line = (r: string[]) => out.line(notACommand(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')));
  line(header);
  forEachRow(line);
}
