import { Severity } from './finding';
import { show } from './plain';
import { CheckContext, RETIRED_RULES, RuleSeverity, lookupRule } from './rule';
import { DEFAULT_GATEWAY_VERSIONS, DEFAULT_VERSIONS, parseGatewayApiVersion, parseKubernetesVersion } from './versions';

/*
 * The settings of the rules, one shape for every entry point: ExposePolicy (constructs), the
 * validation plugin, ManifestAnalyzer, and the CLI's config file and flags. One parser turns
 * them into what the checks read, or into one problem per bad setting.
 */

/**
 * The range of ports the cluster hands out as nodePorts (`--service-node-port-range`).
 */
export interface NodePortRange {
  /** The lowest nodePort, inclusive. */
  readonly min: number;
  /** The highest nodePort, inclusive. */
  readonly max: number;
}

/** The API server's default nodePort range, 30000-32767. */
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = { min: 30000, max: 32767 };

/**
 * How the rules are set: the same settings for the constructs (`ExposePolicy`), the validation
 * plugin (`ExposeValidation`), `ManifestAnalyzer` and the CLI (config file and flags).
 */
export interface RuleSettings {
  /**
   * Severities by rule id (see `Rules.all()`): raise a warning to an error, lower an error to a
   * warning, or switch a rule off.
   *
   * @default - each rule's default severity
   */
  readonly rules?: { [id: string]: RuleSeverity };

  /**
   * The Kubernetes version the clusters run, any release from 1.27 to 1.37, e.g. `1.30`: the
   * rules then agree with that version exactly. Without it, a value is an error only when every
   * release of the default range rejects it, and a warning naming the release where some accept
   * it (or, for a rule a later release tightened, where some reject it).
   *
   * @default - the releases people run: 1.32 (EKS extended support) to 1.37 (the newest verified)
   */
  readonly kubernetesVersion?: string;

  /**
   * The Gateway API bundle (standard channel) the clusters have installed, e.g. `v1.5`: the
   * Gateway rules then agree with its CRDs exactly. Without it, a value is an error only when
   * every bundle of the default range rejects it, and a warning naming the bundle otherwise.
   *
   * @default - the bundles people run: v1.4 to v1.6
   */
  readonly gatewayApiVersion?: string;

  /**
   * The nodePort range of the clusters, as their API servers' `--service-node-port-range` sets it.
   *
   * @default - 30000-32767, the Kubernetes default
   */
  readonly nodePortRange?: NodePortRange;

  /**
   * Every warning counts as an error, e.g. in a strict GitOps gate.
   *
   * @default false
   */
  readonly warningsAsErrors?: boolean;

  /**
   * How a Service selector that matches no workload is reported: an alias of
   * `rules: { 'service-selector-dangling': ... }`.
   *
   * @deprecated use `rules: { 'service-selector-dangling': RuleSeverity.ERROR }`
   * @default Severity.WARNING
   */
  readonly danglingSelectors?: Severity;

  /**
   * Whether objects may exempt themselves from rules, by the annotation
   * `ignore-check.cdk8s-expose.io/<rule-id>: <reason>` (which `ignoreRule` writes). A pull
   * request's author writes those annotations: a gate's platform team decides whether they count.
   * A refused exemption is itself an error (`exemption-not-allowed`), and suppresses nothing.
   *
   * @default ExemptionPolicy.ALLOW
   */
  readonly exemptions?: ExemptionPolicy;

  /**
   * The only rules an object may exempt itself from (with `exemptions` ALLOW).
   *
   * @default - every rule
   */
  readonly exemptableRules?: string[];
}

/** Whether objects may exempt themselves from rules with annotations. */
export enum ExemptionPolicy {
  /** Exemption annotations suppress findings (limited by `exemptableRules`, when set). */
  ALLOW = 'allow',
  /** No exemption annotation counts: each is an `exemption-not-allowed` error. */
  DENY = 'deny',
}

/** @internal the names of the settings, as the config file spells them */
export const SETTING_KEYS: ReadonlyArray<keyof RuleSettings> = [
  'rules', 'nodePortRange', 'kubernetesVersion', 'gatewayApiVersion', 'warningsAsErrors', 'danglingSelectors', 'exemptions', 'exemptableRules',
];

/** @internal what decides how the findings of one object are reported */
export interface RuleConfig {
  /** Severities set by the user, by rule id. */
  readonly rules: { readonly [id: string]: RuleSeverity };
  /** Every warning counts as an error. */
  readonly warningsAsErrors: boolean;
  /** Whether exemption annotations count. */
  readonly exemptions?: ExemptionPolicy;
  /** The only rules that may be exempted, when set. */
  readonly exemptableRules?: ReadonlySet<string>;
}

/** @internal */
export const DEFAULT_RULE_CONFIG: RuleConfig = { rules: {}, warningsAsErrors: false };

/** @internal settings as the checks read them: how findings are reported, and what a check knows */
export interface ResolvedSettings {
  readonly config: RuleConfig;
  readonly ctx: CheckContext;
}

/** @internal the problems of a user's rule map: unknown ids, bad severities */
export function ruleMapProblems(rules: unknown, where: string): string[] {
  if (rules === undefined) return [];
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    return [`${where}: ${show(rules)} is not a map of rule id to severity; use e.g. { "service-selector-dangling": "error" }`];
  }
  const out: string[] = [];
  const severities = Object.values(RuleSeverity) as string[];
  for (const [id, severity] of Object.entries(rules)) {
    if (RETIRED_RULES[id] !== undefined) continue;
    const info = lookupRule(id);
    if (typeof info === 'string') out.push(`${where}: ${info}`);
    if (!severities.includes(severity as string)) {
      out.push(`${where}: ${show(severity)} is not a severity of rule ${show(id)}: allowed are ${severities.join(', ')}`);
    }
  }
  return out;
}

/** @internal every bad setting, one line each, naming the setting; settings are read as values of any type */
export function settingsProblems(s: RuleSettings): string[] {
  const out = ruleMapProblems(s.rules, 'rules');
  const range = s.nodePortRange as unknown;
  const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;
  if (range !== undefined) {
    const r = range !== null && typeof range === 'object' ? range as { min?: unknown; max?: unknown } : {};
    if (!ok(r.min) || !ok(r.max) || (r.min as number) > (r.max as number)) {
      out.push(`nodePortRange: ${show(r.min)}-${show(r.max)} is not a port range; min and max are integers with 1 <= min <= max <= 65535`);
    }
  }
  if (s.kubernetesVersion !== undefined) {
    const v = parseKubernetesVersion(s.kubernetesVersion);
    if (typeof v === 'string') out.push(v);
  }
  if (s.gatewayApiVersion !== undefined) {
    const v = parseGatewayApiVersion(s.gatewayApiVersion);
    if (typeof v === 'string') out.push(v);
  }
  if (s.warningsAsErrors !== undefined && typeof s.warningsAsErrors !== 'boolean') {
    out.push(`warningsAsErrors: ${show(s.warningsAsErrors)} is not true or false`);
  }
  if (s.exemptions !== undefined && !Object.values(ExemptionPolicy).includes(s.exemptions)) {
    out.push(`exemptions: ${show(s.exemptions)} is not an exemption policy; allowed are allow, deny`);
  }
  if (s.exemptableRules !== undefined) {
    if (!Array.isArray(s.exemptableRules)) out.push(`exemptableRules: ${show(s.exemptableRules)} is not a list of rule ids`);
    else for (const id of s.exemptableRules) { const r = lookupRule(String(id)); if (typeof r === 'string') out.push(`exemptableRules: ${r}`); }
  }
  if (s.danglingSelectors !== undefined && !Object.values(Severity).includes(s.danglingSelectors as Severity)) {
    out.push(`danglingSelectors: ${show(s.danglingSelectors)} is not a severity; allowed are error, warning`);
  }
  return out;
}

/** @internal the rule map with the `danglingSelectors` alias folded in (the explicit map wins) */
export function foldAliases(s: RuleSettings): { [id: string]: RuleSeverity } {
  const rules: { [id: string]: RuleSeverity } = {};
  if (s.danglingSelectors !== undefined) rules['service-selector-dangling'] = s.danglingSelectors as string as RuleSeverity;
  return Object.assign(rules, s.rules ?? {});
}

/**
 * @internal
 * The one parser of settings: what the checks read, or the problems (one line each).
 * `construct` says whether the findings are a construct's (construct severities apply).
 */
export function resolveSettings(s: RuleSettings, construct: boolean): ResolvedSettings | string[] {
  const problems = settingsProblems(s);
  if (problems.length > 0) return problems;
  const parsed = s.kubernetesVersion === undefined ? DEFAULT_VERSIONS : parseKubernetesVersion(s.kubernetesVersion);
  const bundles = s.gatewayApiVersion === undefined ? DEFAULT_GATEWAY_VERSIONS : parseGatewayApiVersion(s.gatewayApiVersion);
  const range = s.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  return {
    config: {
      rules: foldAliases(s),
      warningsAsErrors: s.warningsAsErrors ?? false,
      exemptions: s.exemptions,
      exemptableRules: s.exemptableRules === undefined ? undefined : new Set(s.exemptableRules),
    },
    ctx: {
      nodePortRange: { min: range.min, max: range.max },
      versions: typeof parsed === 'string' ? DEFAULT_VERSIONS : parsed,
      gatewayVersions: typeof bundles === 'string' ? DEFAULT_GATEWAY_VERSIONS : bundles,
      construct,
    },
  };
}
