import { Construct, IConstruct } from 'constructs';
import { POLICY_ID, POLICY_SYMBOL, PolicySettings, Registry, nearestPolicy } from './registry';
import { SecurityProfile } from './types';
import { RuleSeverity } from '../model/rule';
import { DEFAULT_NODE_PORT_RANGE, ExemptionPolicy, NodePortRange, RuleSettings, foldAliases, settingsProblems } from '../model/settings';

/**
 * Settings a platform team sets once for a whole App (or one Chart).
 */
export interface ExposePolicyProps extends RuleSettings {
  /**
   * The security profile of every WebApp that does not set its own.
   *
   * @default SecurityProfile.BASELINE
   */
  readonly securityProfile?: SecurityProfile;

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
    return nearestPolicy(construct) as ExposePolicy | undefined;
  }

  /** The nodePort range. */
  public readonly nodePortRange: NodePortRange;
  /** The default security profile of WebApps. */
  public readonly securityProfile: SecurityProfile;
  /** Severities by rule id, with `danglingSelectors` folded in. */
  public readonly rules: { [id: string]: RuleSeverity };
  /** The Kubernetes version the rules agree with, when set. */
  public readonly kubernetesVersion?: string;
  /** The Gateway API bundle the rules agree with, when set. */
  public readonly gatewayApiVersion?: string;
  /** Whether warnings fail synthesis. */
  public readonly warningsAsErrors: boolean;
  /** Whether warnings are printed. */
  public readonly printWarnings: boolean;
  /** Whether exemption annotations (`ignoreRule`) count. */
  public readonly exemptions?: ExemptionPolicy;
  /** The only rules `ignoreRule` may exempt, when set. */
  public readonly exemptableRules?: string[];

  private constructor(scope: Construct, props: ExposePolicyProps) {
    super(scope, POLICY_ID);
    Object.defineProperty(this, POLICY_SYMBOL, { value: true });
    const range = props.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
    this.nodePortRange = { min: range.min, max: range.max };
    this.securityProfile = props.securityProfile ?? SecurityProfile.BASELINE;
    this.rules = foldAliases(props);
    this.kubernetesVersion = props.kubernetesVersion;
    this.gatewayApiVersion = props.gatewayApiVersion;
    this.warningsAsErrors = props.warningsAsErrors ?? false;
    this.printWarnings = props.printWarnings ?? true;
    this.exemptions = props.exemptions;
    this.exemptableRules = props.exemptableRules === undefined ? undefined : [...props.exemptableRules];
    this.node.addValidation({ validate: () => settingsProblems(props) });
    Registry.of(scope).touch();
  }
}
