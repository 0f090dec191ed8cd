import { IConstruct } from 'constructs';
import '../rules/catalog';
import { AttachedFindings, applyRules, attachAppFindings } from '../model/exemptions';
import { Violation, formatViolation, isError } from '../model/finding';
import { AppFinding, ObjectSet, Subject } from '../model/object-set';
import { checkApp, CheckContext, RuleSeverity, checkObject } from '../model/rule';
import { DEFAULT_NODE_PORT_RANGE, NodePortRange, ResolvedSettings, RuleConfig, resolveSettings } from '../model/settings';

/** @internal a construct of this library that takes part in the checks */
export interface Participant extends IConstruct {
  /** The kind of the object it emits: `Service`, `Deployment`, `Ingress`, ... */
  readonly _kind: string;
  /**
   * Whether the object rules check its manifest.
   *
   * @default true (false for a workload another library emits, which only the cross-object rules read)
   */
  readonly _objectRules?: boolean;
  /** The manifest as synthesized, with the effective namespace filled in. */
  _manifest(): any;
  /** Checks only a construct can make: it knows the objects it refers to (e.g. their namespaces). */
  _constructViolations?(): Violation[];
  /** Findings about the construct's props themselves (a list prop given something else). */
  _propViolations?(): Violation[];
}

/** @internal The settings of a policy as the checks read them; ExposePolicy has them, so does the default. */
export interface PolicySettings {
  readonly nodePortRange: NodePortRange;
  readonly rules: { readonly [id: string]: RuleSeverity };
  readonly warningsAsErrors: boolean;
  readonly printWarnings: boolean;
  readonly kubernetesVersion?: string;
  readonly gatewayApiVersion?: string;
}

/** @internal marks an ExposePolicy across copies of this library (cdk8s core does the same for Chart) */
export const POLICY_SYMBOL = Symbol.for('cdk8s-expose.ExposePolicy');
/** @internal the construct id of a scope's policy */
export const POLICY_ID = 'ExposePolicy';

const DEFAULT_SETTINGS: PolicySettings = { nodePortRange: DEFAULT_NODE_PORT_RANGE, rules: {}, warningsAsErrors: false, printWarnings: true };

/** @internal The nearest scope's policy (a construct branded by POLICY_SYMBOL), if any. */
export function nearestPolicy(c: IConstruct): IConstruct | undefined {
  for (let s: IConstruct | undefined = c; s !== undefined; s = s.node.scope) {
    const found = s.node.tryFindChild(POLICY_ID) as any;
    if (found !== undefined && found[POLICY_SYMBOL] === true) return found;
  }
  return undefined;
}

/** @internal The policy settings of the nearest scope that has a policy, or the defaults. */
export function findPolicy(c: IConstruct): PolicySettings {
  return (nearestPolicy(c) as PolicySettings | undefined) ?? DEFAULT_SETTINGS;
}

/** @internal a value computed once per version of the App's model */
export interface Memo<T> {
  version: number;
  value: T;
}

const REGISTRIES = new WeakMap<IConstruct, Registry>();

/**
 * @internal
 * One per App (per construct tree root). It knows this library's constructs in the App,
 * runs the App-wide checks once per change of the model, and remembers every result
 * until the model changes again.
 *
 * cdk8s validates the whole App once per chart it synthesizes (`chart.toJson()` re-runs
 * validation), so without this a validation pass would cost O(objects) per chart and an
 * App-wide check O(objects) per object. Every construct of this library calls `touch()`
 * when it is created and whenever one of its mutators runs, so a cached result is never
 * served for a model that changed through this library's API. Not tracked: removing a
 * construct with `node.tryRemoveChild()`, which constructs offers as an escape hatch.
 */
export class Registry {
  public static of(scope: IConstruct): Registry {
    const root = scope.node.root;
    let r = REGISTRIES.get(root);
    if (!r) {
      r = new Registry();
      REGISTRIES.set(root, r);
    }
    return r;
  }

  /** How many times the App-wide checks ran (once per change of the model at most). */
  public analysisRuns = 0;

  private version = 0;
  private readonly participants: Participant[] = [];
  private app?: Memo<AttachedFindings<Participant>>;
  private readonly results = new Map<IConstruct, Memo<string[]>>();
  private readonly policies = new Map<IConstruct, Memo<PolicySettings>>();
  private readonly warnings = new Set<string>();

  /** Records a participant; the model changed. */
  public register(p: Participant): void {
    this.participants.push(p);
    this.touch();
  }

  /** The current version of the model; it changes whenever the model does. */
  public get currentVersion(): number {
    return this.version;
  }

  /** The model changed: every cached result is stale. */
  public touch(): void {
    this.version++;
  }

  /** Returns the memo's value if it is current, or computes and stores a new one. */
  public cached<T>(memo: Memo<T> | undefined, compute: () => T): Memo<T> {
    if (memo !== undefined && memo.version === this.version) return memo;
    return { version: this.version, value: compute() };
  }

  /** The policy settings of a construct, remembered until the model changes (setting a policy changes it). */
  public policyOf(c: IConstruct): PolicySettings {
    const memo = this.cached(this.policies.get(c), () => findPolicy(c));
    this.policies.set(c, memo);
    return memo.value;
  }

  /**
   * The validation errors of one participant: its own rules and its App-wide findings,
   * with the policy's severities and the object's exemptions applied, formatted. Warnings
   * are printed once (or are errors with `warningsAsErrors`).
   */
  public validate(p: Participant): string[] {
    const memo = this.results.get(p);
    if (memo !== undefined && memo.version === this.version) return memo.value;
    const policy = this.policyOf(p);
    const manifest = p._manifest();
    // a construct's own finding comes first: it knows more (e.g. the ports of a backend's Service),
    // and a rule reports one finding per field
    const seen = new Set<string>();
    const violations = [
      ...(p._propViolations?.() ?? []),
      ...(p._constructViolations?.() ?? []),
      ...(p._objectRules === false ? [] : checkObject(p._kind, manifest, contextOf(policy))),
      ...(this.appFindings().byRef.get(p) ?? []),
    ].filter(v => {
      const k = `${v.rule} ${v.field}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const config: RuleConfig = { rules: policy.rules, warningsAsErrors: policy.warningsAsErrors };
    const errors: string[] = [];
    for (const v of applyRules(violations, manifest, config, this.appFindings().usedElsewhere.get(p)).reported) {
      if (isError(v)) {
        errors.push(formatViolation(v));
      } else {
        const line = `[${p.node.path}] ${formatViolation(v)}`;
        if (!this.warnings.has(line)) {
          this.warnings.add(line);
          if (policy.printWarnings) process.stderr.write(`${line}\n`);
        }
      }
    }
    this.results.set(p, { version: this.version, value: errors });
    return errors;
  }

  /** Every warning seen so far in validation, as `[path] warning: field: message`. */
  public warningLines(): string[] {
    return [...this.warnings];
  }

  private appFindings(): AttachedFindings<Participant> {
    this.app = this.cached(this.app, () => {
      this.analysisRuns++;
      const subjects: Array<Subject<Participant>> = this.participants.map(p => ({ ref: p, kind: p._kind, manifest: p._manifest() }));
      const findings: Array<AppFinding<Participant>> = checkApp(new ObjectSet(subjects), {
        describe: ref => `[${ref.node.path}]`,
        danglingOnlyWhereWorkloads: true,
        construct: true,
      });
      return attachAppFindings(findings, ref => ref._manifest());
    });
    return this.app.value;
  }
}

/** @internal what the object rules of a construct know besides its manifest (bad settings are the policy's own findings) */
export function contextOf(policy: PolicySettings): CheckContext {
  const resolved = resolveSettings(policy, true);
  return Array.isArray(resolved) ? (resolveSettings({}, true) as ResolvedSettings).ctx : resolved.ctx;
}
