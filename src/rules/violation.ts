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
 * One problem found by a rule: a field path, and a message that says the bad value,
 * what is allowed and how to fix it.
 */
export interface Violation {
  /**
   * The path of the bad field inside the manifest, e.g. `spec.ports[1].nodePort`.
   */
  readonly field: string;

  /**
   * What is wrong, the allowed values and the fix. Lowercase, no trailing period.
   */
  readonly message: string;

  /**
   * How bad it is.
   *
   * @default Severity.ERROR
   */
  readonly severity?: Severity;
}

/** Renders a violation as one line: `field: message`. */
export function formatViolation(v: Violation): string {
  const prefix = v.severity === Severity.WARNING ? 'warning: ' : '';
  return `${prefix}${v.field}: ${v.message}`;
}

/** Whether a violation is an error (the default severity). */
export function isError(v: Violation): boolean {
  return (v.severity ?? Severity.ERROR) === Severity.ERROR;
}

/** @internal shorthand for an error */
export function err(field: string, message: string): Violation {
  return { field, message };
}

/** @internal shorthand for a warning */
export function warn(field: string, message: string): Violation {
  return { field, message, severity: Severity.WARNING };
}

/** @internal renders any value for a message: strings quoted, the rest as JSON */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

/**
 * @internal
 * Records `value` under `key` the first time; returns the earlier value when the key was
 * seen before. The shape of every "must be unique" rule.
 */
export function seenBefore<K, V>(seen: Map<K, V>, key: K, value: V): V | undefined {
  const first = seen.get(key);
  if (first === undefined) seen.set(key, value);
  return first;
}
