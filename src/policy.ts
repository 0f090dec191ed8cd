import { Construct, IConstruct } from 'constructs';
import { DEFAULT_NODE_PORT_RANGE, NodePortRange } from './rules/service';
import { Severity } from './rules/violation';
import { SecurityProfile } from './types';
import { Registry, setPolicyLookup } from './wiring/registry';

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
   * How a Service whose selector matches no WebApp is reported, when the App defines
   * WebApps in that namespace. A warning by default, because the pods may come from
   * elsewhere (a Helm chart, another repository).
   *
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

const POLICY_ID = 'ExposePolicy';

/** Policy look-ups, remembered until the App's model changes (setting a policy changes it). */
const LOOKUPS = new WeakMap<IConstruct, { version: number; policy: ExposePolicy }>();

/**
 * The App-wide (or Chart-wide) settings of cdk8s-expose. Set it once on the App:
 *
 * ```ts
 * ExposePolicy.set(app, { nodePortRange: { min: 20000, max: 22767 }, securityProfile: SecurityProfile.RESTRICTED });
 * ```
 *
 * Every construct uses the policy of its nearest scope that has one.
 */
export class ExposePolicy extends Construct {
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
   * or the defaults.
   */
  public static of(construct: IConstruct): ExposePolicy {
    const registry = Registry.of(construct);
    const memo = LOOKUPS.get(construct);
    if (memo !== undefined && memo.version === registry.currentVersion) return memo.policy;
    let policy: ExposePolicy | undefined;
    for (let c: IConstruct | undefined = construct; c !== undefined && policy === undefined; c = c.node.scope) {
      const found = c.node.tryFindChild(POLICY_ID);
      if (found instanceof ExposePolicy) policy = found;
    }
    policy = policy ?? registry.defaultPolicy(() => new ExposePolicy(undefined, {}));
    LOOKUPS.set(construct, { version: registry.currentVersion, policy });
    return policy;
  }

  /** The nodePort range. */
  public readonly nodePortRange: NodePortRange;
  /** The default security profile of WebApps. */
  public readonly securityProfile: SecurityProfile;
  /** The severity of dangling selectors. */
  public readonly danglingSelectors: Severity;
  /** Whether warnings fail synthesis. */
  public readonly warningsAsErrors: boolean;
  /** Whether warnings are printed. */
  public readonly printWarnings: boolean;

  private constructor(scope: Construct | undefined, props: ExposePolicyProps) {
    super(scope as Construct, POLICY_ID);
    const range = props.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
    if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min < 1 || range.max > 65535 || range.min > range.max) {
      throw new Error(`nodePortRange ${range.min}-${range.max} is not a port range: min and max are integers with 1 <= min <= max <= 65535`);
    }
    this.nodePortRange = { min: range.min, max: range.max };
    this.securityProfile = props.securityProfile ?? SecurityProfile.BASELINE;
    this.danglingSelectors = props.danglingSelectors ?? Severity.WARNING;
    this.warningsAsErrors = props.warningsAsErrors ?? false;
    this.printWarnings = props.printWarnings ?? true;
    if (scope) Registry.of(scope).touch();
  }
}

setPolicyLookup(c => ExposePolicy.of(c));
