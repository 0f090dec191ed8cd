import { show } from './plain';

/**
 * How bad a finding is: the severity a finding carries (`Violation.severity`,
 * `ConstructFinding.severity`, the CLI's and the plugin's findings). To set how a rule is
 * reported, use `RuleSeverity`, which a setting carries.
 */
export enum Severity {
  /** The object is rejected by the API server, or breaks at runtime: synthesis fails. */
  ERROR = 'error',
  /** Probably a mistake, but it may be intended: reported, synthesis goes on. */
  WARNING = 'warning',
}

/**
 * What kind of problem a finding is: Kubernetes' `field.ErrorType`, plus two of cdk8s-expose's
 * own for findings across objects.
 *
 * @see https://pkg.go.dev/k8s.io/apimachinery/pkg/util/validation/field#ErrorType
 */
export enum FindingType {
  /** A required field is missing or empty (`field.Required`). */
  REQUIRED = 'required',
  /** A value is malformed or out of range (`field.Invalid`). */
  INVALID = 'invalid',
  /** A value that must be unique is repeated (`field.Duplicate`). */
  DUPLICATE = 'duplicate',
  /** A field is set where it is not allowed (`field.Forbidden`). */
  FORBIDDEN = 'forbidden',
  /** A value is not one of the supported values (`field.NotSupported`). */
  NOT_SUPPORTED = 'not-supported',
  /** A referenced object or field does not exist (`field.NotFound`). */
  NOT_FOUND = 'not-found',
  /** A list has too many entries (`field.TooMany`). */
  TOO_MANY = 'too-many',
  /** A value is too long (`field.TooLong`). */
  TOO_LONG = 'too-long',
  /** A value has the wrong type (`field.TypeInvalid`). */
  TYPE_INVALID = 'type-invalid',
  /** Two objects claim the same thing: a port, a name, a route. */
  CONFLICT = 'conflict',
  /** A reference to another object cannot be resolved in the checked set (it breaks when applied as is). */
  UNRESOLVED = 'unresolved',
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

  /**
   * What kind of problem it is, as Kubernetes' `field.ErrorType` names it.
   *
   * @default - `REQUIRED` when the field is missing, otherwise the rule's type
   */
  readonly type?: FindingType;

  /**
   * The bad value, rendered short: a scalar as JSON (long strings cut), a list or map as
   * a count ("12 entries"), so that a finding never grows with the input.
   *
   * @default - none: the field is missing, or the finding is about the object as a whole
   */
  readonly value?: string;
}

/**
 * @internal
 * What a check returns: a violation without its rule id, which the catalog stamps on.
 * A check sets `severity` only where it differs from its rule's default (e.g. a warning
 * for a value that a later Kubernetes release accepts).
 */
export interface Issue {
  readonly field: string;
  /** @default - REQUIRED when the field is missing, otherwise the rule's type */
  readonly type?: FindingType;
  readonly message: string;
  readonly fix?: string;
  readonly severity?: Severity;
}

/** @internal how formatViolation renders */
export interface RenderOptions {
  /** A construct path or `Kind namespace/name` before the field. */
  readonly subject?: string;
  /** Prefix warnings with `warning: ` (default true). */
  readonly severity?: boolean;
  /** Add `; fix` (default true). */
  readonly fix?: boolean;
  /** End with `(rule id)` (default true). */
  readonly rule?: boolean;
}

/**
 * The one renderer of a finding: `[warning: ]field: message; fix (rule id)`, after `subject`
 * (a construct path, or `Kind namespace/name`) when given. Every output that prints a finding
 * as text (synth errors, stderr warnings, the CLI's text, SARIF and GitHub messages, the plugin
 * report, docs/rules.md) goes through it.
 */
export function formatViolation(v: Violation, options: RenderOptions = {}): string {
  const prefix = options.severity !== false && v.severity === Severity.WARNING ? 'warning: ' : '';
  const fix = v.fix && options.fix !== false ? `; ${v.fix}` : '';
  const rule = options.rule === false ? '' : ` (rule ${v.rule})`;
  const subject = options.subject ? `${options.subject} ` : '';
  return `${prefix}${subject}${v.field}: ${v.message}${fix}${rule}`;
}

/** The longest string value a finding carries as is; longer ones are cut. */
const VALUE_TEXT_LIMIT = 120;

/**
 * @internal
 * A bad value, capped: a scalar as JSON (strings over 120 characters cut, with their length),
 * a list or map as a count. Never throws, never grows with the input.
 */
export function summarizeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  if (value !== null && typeof value === 'object') {
    let n = 0;
    for (const k in value) if (Object.prototype.hasOwnProperty.call(value, k)) n++;
    return `a map of ${n} ${n === 1 ? 'key' : 'keys'}`;
  }
  if (typeof value === 'string' && value.length > VALUE_TEXT_LIMIT) {
    return `${show(value.slice(0, VALUE_TEXT_LIMIT))}... (${value.length} characters)`;
  }
  return show(value);
}

/** Whether a violation is an error (the default severity). */
export function isError(v: { readonly severity?: Severity }): boolean {
  return (v.severity ?? Severity.ERROR) === Severity.ERROR;
}

/** @internal shorthand for an issue of its rule's default severity */
export function issue(field: string, message: string, fix?: string, type?: FindingType): Issue {
  const i: Issue = fix === undefined ? { field, message } : { field, message, fix };
  return type === undefined ? i : { ...i, type };
}

/** @internal shorthand for an issue that is a warning whatever its rule's default */
export function warning(field: string, message: string, fix?: string): Issue {
  return { ...issue(field, message, fix), severity: Severity.WARNING };
}
