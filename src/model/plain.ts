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
  return parts.map(p => (typeof p === 'string' ? p : show(p))).join('\u0000');
}

/** @internal a parsed YAML object, read loosely */
export type Plain = { readonly [key: string]: any };

/** @internal a plain object, or an empty one for anything else (null, a list, a scalar) */
export function obj(value: unknown): { readonly [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as any : {};
}

/** @internal a list, or an empty one for anything else */
export function list(value: unknown): readonly any[] {
  return Array.isArray(value) ? value : [];
}
