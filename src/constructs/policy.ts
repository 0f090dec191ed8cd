import { Construct, IConstruct } from 'constructs';
import { foldAliases, settingsProblems } from '../model/settings';
import { RuleSeverity } from '../model/rule';
import { DEFAULT_NODE_PORT_RANGE, NodePortRange } from '../rules/service';
import { Severity } from '../model/finding';
import { SecurityProfile } from './types';
import { POLICY_ID, POLICY_SYMBOL, PolicySettings, Registry } from './registry';

/**
 * Settings a platform team sets once for a whole App (or one Chart).
 */
export interface ExposePolicyProps {
  /**
   * The nodePort range of the clusters this App deploys to, as their API servers'
   * `--service-node-port-range` sets it.
   *
   * @default - 30000-32767, the Kubernetes default
   */
  readonly nodePortRange?: NodePortRange;

  /**
   * The security profile of every WebApp that does not set its own.
   *
   * @default SecurityProfile.BASELINE
   */
  readonly securityProfile?: SecurityProfile;

  /**
   * Severities by rule id (see `Rules.all()`): raise a warning to an error, lower an
   * error to a warning, or switch a rule off, for every construct below this scope.
   *
   * @default - each rule's default severity
   */
  readonly rules?: { [id: string]: RuleSeverity };

  /**
   * The Kubernetes version the clusters run, e.g. `1.30`: the rules then agree with that
   * version exactly. Without it, a value is an error only when every version from 1.27
   * to the newest rejects it, and a warning naming the version where some accept it.
   *
   * @default - every version from 1.27 to the newest
   */
  readonly kubernetesVersion?: string;

  /**
   * How a Service whose selector matches no WebApp is reported, when the App defines
   * WebApps in that namespace: an alias of `rules: { 'service-selector-dangling': ... }`.
   *
   * @deprecated use `rules: { 'service-selector-dangling': RuleSeverity.ERROR }`: a setting takes a RuleSeverity
   * @default Severity.WARNING
   */
  readonly danglingSelectors?: Severity;

  /**
   * Fail synthesis on warnings too, e.g. in a strict GitOps gate.
   *
   * @default false
   */
  readonly warningsAsErrors?: boolean;

  /**
   * Print warnings to standard error when the App is validated (once each).
   *
   * @default true
   */
  readonly printWarnings?: boolean;
}

/**
 * The App-wide (or Chart-wide) settings of cdk8s-expose. Set it once on the App:
 *
 * ```ts
 * ExposePolicy.set(app, { nodePortRange: { min: 20000, max: 22767 }, securityProfile: SecurityProfile.RESTRICTED });
 * ```
 *
 * Every construct uses the policy of its nearest scope that has one. Bad settings (an
 * unknown rule id, a bad range or version) fail validation with the others.
 */
export class ExposePolicy extends Construct implements PolicySettings {
  /**
   * Sets the policy of a scope (usually the App) and everything below it.
   * A scope can have one policy.
   */
  public static set(scope: IConstruct, props: ExposePolicyProps = {}): ExposePolicy {
    if (scope.node.tryFindChild(POLICY_ID) !== undefined) {
      throw new Error(`${scope.node.path || '<app>'} already has an ExposePolicy; set it once per scope`);
    }
    return new ExposePolicy(scope as Construct, props);
  }

  /**
   * The policy that applies to a construct: the nearest one set on it or a scope above it,
   * or undefined when there is none (the defaults apply).
   */
  public static of(construct: IConstruct): ExposePolicy | undefined {
    for (let c: IConstruct | undefined = construct; c !== undefined; c = c.node.scope) {
      const found = c.node.tryFindChild(POLICY_ID) as any;
      if (found !== undefined && found[POLICY_SYMBOL] === true) return found as ExposePolicy;
    }
    return undefined;
  }

  /** The nodePort range. */
  public readonly nodePortRange: NodePortRange;
  /** The default security profile of WebApps. */
  public readonly securityProfile: SecurityProfile;
  /** Severities by rule id, with `danglingSelectors` folded in. */
  public readonly rules: { [id: string]: RuleSeverity };
  /** The Kubernetes version the rules agree with, when set. */
  public readonly kubernetesVersion?: string;
  /** Whether warnings fail synthesis. */
  public readonly warningsAsErrors: boolean;
  /** Whether warnings are printed. */
  public readonly printWarnings: boolean;

  private constructor(scope: Construct, props: ExposePolicyProps) {
    super(scope, POLICY_ID);
    Object.defineProperty(this, POLICY_SYMBOL, { value: true });
    const range = props.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
    this.nodePortRange = { min: range.min, max: range.max };
    this.securityProfile = props.securityProfile ?? SecurityProfile.BASELINE;
    this.rules = foldAliases(props);
    this.kubernetesVersion = props.kubernetesVersion;
    this.warningsAsErrors = props.warningsAsErrors ?? false;
    this.printWarnings = props.printWarnings ?? true;
    this.node.addValidation({ validate: () => settingsProblems(props) });
    Registry.of(scope).touch();
  }
}
