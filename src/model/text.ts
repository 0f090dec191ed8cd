/*
 * Text from the input, made safe for each output (issue 19 item 15). Every string a manifest
 * or a file name supplies passes through one of these before it is printed.
 */

// C0 and C1 controls, line and paragraph separators, bidirectional marks, overrides and
// isolates (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), and invisible characters
// (U+200B-U+200D zero-width space and joiners, U+FEFF): what can move a terminal's cursor,
// recolour it, hide text, or make a printed line read differently.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');
// JSON.stringify escapes C0 controls itself.
const UNPRINTABLE_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}

/** @internal text safe to print on a terminal: control and invisible characters become `\x1b`, `\u202e` */
export function printable(s: string): string {
  if (!UNPRINTABLE.test(s)) return s;
  return s.replace(UNPRINTABLE_ALL, c => (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** @internal JSON text with the invisible and bidirectional characters escaped as `\uXXXX` (still the same JSON value) */
export function jsonText(jsonString: string): string {
  return jsonString.replace(UNPRINTABLE_JSON, c => `\\u${hex(c, 4)}`);
}

/**
 * @internal
 * A line of text output that cannot be read as a GitHub Actions workflow command: a line
 * that starts with `::` (a file named `::error file=…::…`) gets its first colon escaped.
 */
export function notACommand(line: string): string {
  return line.startsWith('::') ? `\\x3a${line.slice(1)}` : line;
}

/** @internal a printable line of the text formats */
export function textLine(s: string): string {
  return notACommand(printable(s));
}

/**
 * @internal
 * Text for a Markdown table cell: printable, with the characters that start Markdown or HTML
 * markup escaped with a backslash, as CommonMark allows for any ASCII punctuation: `[` and `]`
 * (links and images: `(` and `!` mean nothing without them), `<` (tags and autolinks), `&`
 * (entities), `` ` ``, `*`, `_` and `~` (code and emphasis), `|` (the cell separator) and `\`.
 */
export function markdownCell(s: string): string {
  return printable(s).replace(/[\\`*_[\]<|&~]/g, c => `\\${c}`);
}
