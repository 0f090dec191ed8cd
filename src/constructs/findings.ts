import { IConstruct } from 'constructs';
import { Registry } from './registry';
import { FindingType, Severity } from '../model/finding';

/**
 * One finding of an App, on the construct it is reported from.
 */
export interface ConstructFinding {
  /** The path of the construct, e.g. `app/web`, as cdk8s prefixes its validation errors. */
  readonly path: string;

  /** The id of the rule that found it, e.g. `service-node-port-range` (see `Rules.all()`). */
  readonly rule: string;

  /** The path of the bad field inside the manifest, e.g. `spec.ports[1].nodePort`. */
  readonly field: string;

  /**
   * What kind of problem it is, as Kubernetes' `field.ErrorType` names it.
   *
   * @default - the rule's type
   */
  readonly type?: FindingType;

  /**
   * The bad value, rendered short (a list or map as a count).
   *
   * @default - none: the field is missing, or the finding is about the object as a whole
   */
  readonly value?: string;

  /** What is wrong and what is allowed. */
  readonly message: string;

  /**
   * How to fix it.
   *
   * @default - no separate fix
   */
  readonly fix?: string;

  /** How bad it is, after the policy's severities and the object's exemptions (an ERROR fails synthesis, a WARNING is printed). */
  readonly severity: Severity;
}

/**
 * The findings of an App in structured form: what `cdk8s synth` reports, for tests and
 * tools that would otherwise parse the validation error text.
 */
export class Findings {
  /**
   * Every finding of the App of `scope` (errors and warnings, after the policy's severities
   * and the objects' exemptions), in the order synthesis reports them. Computed through
   * the same cache as synthesis; synthesizes nothing and prints nothing.
   *
   * @param scope any construct of the App
   */
  public static of(scope: IConstruct): ConstructFinding[] {
    return Registry.of(scope).findings().map(({ path, violation: v }) => ({
      path,
      rule: v.rule,
      field: v.field,
      type: v.type,
      value: v.value,
      message: v.message,
      fix: v.fix,
      severity: v.severity ?? Severity.ERROR,
    }));
  }

  private constructor() {}
}
