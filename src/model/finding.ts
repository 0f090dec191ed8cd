/**
 * How bad a finding is.
 */
export enum Severity {
  /** The object is rejected by the API server, or breaks at runtime: synthesis fails. */
  ERROR = 'error',
  /** Probably a mistake, but it may be intended: reported, synthesis goes on. */
  WARNING = 'warning',
}

/**
 * One problem found by a rule: the rule's id, a field path, what is wrong, and how to fix it.
 */
export interface Violation {
  /**
   * The id of the rule that found it, e.g. `service-node-port-range`. Stable: use it to
   * change the rule's severity or to exempt an object (see `Rules`).
   */
  readonly rule: string;

  /**
   * The path of the bad field inside the manifest, e.g. `spec.ports[1].nodePort`.
   */
  readonly field: string;

  /**
   * What is wrong and what is allowed, with the bad value. Lowercase, no trailing period.
   */
  readonly message: string;

  /**
   * How to fix it, on its own.
   *
   * @default - no separate fix
   */
  readonly fix?: string;

  /**
   * How bad it is.
   *
   * @default Severity.ERROR
   */
  readonly severity?: Severity;
}

/**
 * @internal
 * What a check returns: a violation without its rule id, which the catalog stamps on.
 * A check sets `severity` only where it differs from its rule's default (e.g. a warning
 * for a value that a later Kubernetes release accepts).
 */
export interface Issue {
  readonly field: string;
  readonly message: string;
  readonly fix?: string;
  readonly severity?: Severity;
}

/** Renders a violation as one line: `field: message; fix (rule id)`. */
export function formatViolation(v: Violation): string {
  const prefix = v.severity === Severity.WARNING ? 'warning: ' : '';
  const fix = v.fix ? `; ${v.fix}` : '';
  return `${prefix}${v.field}: ${v.message}${fix} (rule ${v.rule})`;
}

/** Whether a violation is an error (the default severity). */
export function isError(v: { readonly severity?: Severity }): boolean {
  return (v.severity ?? Severity.ERROR) === Severity.ERROR;
}

/** @internal shorthand for an issue of its rule's default severity */
export function issue(field: string, message: string, fix?: string): Issue {
  return fix === undefined ? { field, message } : { field, message, fix };
}

/** @internal shorthand for an issue that is a warning whatever its rule's default */
export function warning(field: string, message: string, fix?: string): Issue {
  return { ...issue(field, message, fix), severity: Severity.WARNING };
}

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

/** @internal a composite map key of several parts, never ambiguous */
export function key(...parts: unknown[]): string {
  return parts.map(p => (typeof p === 'string' ? p : show(p))).join('\u0000');
}
