/*
 * A field path, as Kubernetes' `field.Path` renders it: `spec.ports[0].nodePort`,
 * `metadata.annotations['ignore-check.cdk8s-expose.io/x']`. Rules write the rendered form;
 * this module reads it back into segments once, for the outputs that need them (the JSON
 * `path`, a field's line in its file) and for reading the value a finding is about.
 */

/** One step of a field path: a child field or map key (a string) or a list index (a number). */
export type PathSegment = string | number;

// `name`, `[3]` or `['key']` (a map key, quotes escaped as \' and \\ as in Kubernetes' rendering)
const SEGMENT = /\.?([^.[\]']+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]/y;

/**
 * @internal
 * The segments of a rendered field path. An empty path (a finding about the whole object) has
 * none. A path that does not parse keeps what parsed before the bad part.
 */
export function parseFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < field.length) {
    const m = SEGMENT.exec(field);
    if (m === null) break;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3].replace(/\\(.)/g, '$1'));
  }
  return out;
}

/** @internal renders segments as a field path (the inverse of parseFieldPath) */
export function renderFieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `['${s.replace(/[\\']/g, c => `\\${c}`)}']`;
  }
  return out;
}

/**
 * @internal
 * The value at a path inside a manifest, `undefined` when any step is missing. Reads own
 * properties only, so a path can never reach `__proto__` or a prototype's members.
 */
export function valueAtPath(manifest: unknown, segments: readonly PathSegment[]): unknown {
  let cur: unknown = manifest;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof s === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
    } else {
      if (Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
      cur = (cur as { [k: string]: unknown })[s];
    }
  }
  return cur;
}
