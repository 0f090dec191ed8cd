/*
 * Reading plain JSON values of any shape safely: the manifests come from users, so every
 * value may be of any type.
 */

/** @internal renders any value for a message: strings quoted, the rest as JSON */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** @internal renders a value inline: strings, numbers and booleans as they are, anything else as show() does (never throws) */
export function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : show(value);
}

/**
 * @internal
 * Records `value` under `key` the first time; returns the earlier value when the key was
 * seen before. The shape of every "must be unique" rule.
 */
export function seenBefore<K, V>(seen: Map<K, V>, k: K, value: V): V | undefined {
  const first = seen.get(k);
  if (first === undefined) seen.set(k, value);
  return first;
}

/** @internal whether two manifests are the same object, byte for byte as JSON (one file applied on top of another) */
export function sameObject(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** @internal a composite map key of several parts, never ambiguous */
export function key(...parts: unknown[]): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    // a number or boolean as show() writes it (JSON), without JSON.stringify
    out += (i === 0 ? '' : '\u0000') + (typeof p === 'string' ? p : typeof p === 'number' || typeof p === 'boolean' ? String(p) : show(p));
  }
  return out;
}

/** @internal a parsed YAML object, read loosely */
export type Plain = { readonly [key: string]: any };

/** The empty object and list `obj` and `list` give for anything else: one each, frozen (they are read, never written). */
const NO_OBJECT: { readonly [key: string]: any } = Object.freeze({});
const NO_LIST: readonly any[] = Object.freeze([]);

/** @internal a plain object, or an empty one for anything else (null, a list, a scalar) */
export function obj(value: unknown): { readonly [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as any : NO_OBJECT;
}

/** @internal a list, or an empty one for anything else */
export function list(value: unknown): readonly any[] {
  return Array.isArray(value) ? value : NO_LIST;
}

/**
 * @internal
 * Appends every item of `items` to `out`, without spreading them into arguments: a list from
 * the input can have hundreds of thousands of entries, past the engine's argument limit.
 */
export function append<T>(out: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
  return out;
}

/** How many values a message lists before it says how many more there are. */
export const LISTED_VALUES = 5;

/**
 * @internal
 * A few values for a message, `a, b, c, d, e and 12 more`: a message never grows with the
 * input. Renders only the values it shows.
 */
export function listSome<T>(items: readonly T[], render: (item: T) => string, max: number = LISTED_VALUES): string {
  const shown: string[] = [];
  for (let i = 0; i < items.length && i < max; i++) shown.push(render(items[i]));
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
