import { ApiObject } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { pluginsWillRun, writeAppReport } from '../checker/app-report';
import { AttachedFindings, applyRules, attachAppFindings } from '../model/exemptions';
import { Violation, formatViolation, isError } from '../model/finding';
import { recognize } from '../model/kinds';
import { metadataOf, namespaceOf } from '../model/object';
import { AppFinding, ObjectSet, Subject } from '../model/object-set';
import { text } from '../model/plain';
import { CheckContext, RuleSeverity, checkApp, checkObject } from '../model/rule';
import { DEFAULT_NODE_PORT_RANGE, ExemptionPolicy, NodePortRange, ResolvedSettings, RuleConfig, resolveSettings } from '../model/settings';
import '../rules/catalog';

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
  /**
   * Whether its manifest is checked as a manifest (the CLI's severities), not as a
   * construct's: an object another library built.
   *
   * @default false
   */
  readonly _asManifest?: boolean;
  /** The manifest as synthesized, with the effective namespace filled in. */
  _manifest(): any;
  /** Checks only a construct can make: it knows the objects it refers to (e.g. their namespaces). */
  _constructViolations?(): Violation[];
  /** Findings about the construct's props themselves (a list prop given something else). */
  _propViolations?(): Violation[];
  /** What the construct knows beyond its manifest, for its object rules (e.g. the Services its backends hold). */
  _checkContext?(base: CheckContext): CheckContext;
}

/** @internal The settings of a policy as the checks read them; ExposePolicy has them, so does the default. */
export interface PolicySettings {
  readonly nodePortRange: NodePortRange;
  readonly rules: { [id: string]: RuleSeverity };
  readonly warningsAsErrors: boolean;
  readonly printWarnings: boolean;
  readonly kubernetesVersion?: string;
  readonly gatewayApiVersion?: string;
  readonly exemptions?: ExemptionPolicy;
  readonly exemptableRules?: string[];
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

/** @internal one finding of the App, on the construct it is reported from */
export interface PlacedFinding {
  /** The construct's path, e.g. `app/web`. */
  readonly path: string;
  readonly violation: Violation;
}

/**
 * @internal
 * One per App (per construct tree root). It knows this library's constructs in the App,
 * runs the App-wide checks once per change of the model, remembers every result until the
 * model changes again, and hands the findings to cdk8s' validation.
 *
 * cdk8s validates the whole App once per chart it synthesizes (`chart.toJson()` re-runs
 * validation), so without this a validation pass would cost O(objects) per chart and an
 * App-wide check O(objects) per object. Every construct of this library calls `touch()`
 * when it is created and whenever one of its mutators runs, so a cached result is never
 * served for a model that changed through this library's API. Not tracked: removing a
 * construct with `node.tryRemoveChild()`, which constructs offers as an escape hatch.
 *
 * How the findings reach cdk8s: a node validation costs (nodes x Charts) calls even when it
 * has nothing to say. Instead, one validation on the App root, which cdk8s validates first
 * in every pass (it walks the tree in pre-order from the root), re-reads what may change
 * outside this library's API, and gives a node validation to each participant that has
 * findings. cdk8s then reports them from that node, prefixed with its path, in the same
 * pass, as if the participant had carried the validation from the start. A participant
 * keeps its node validation once it has one, so findings that appear later are reported
 * the same way.
 */
export class Registry {
  public static of(scope: IConstruct): Registry {
    const root = scope.node.root;
    let r = REGISTRIES.get(root);
    if (!r) {
      const created = new Registry(root);
      root.node.addValidation({ validate: () => created.sweep() });
      REGISTRIES.set(root, r = created);
    }
    return r;
  }

  /** How many times the App-wide checks ran (once per change of the model at most). */
  public analysisRuns = 0;

  private version = 0;
  private readonly participants: Participant[] = [];
  private readonly known = new Set<Participant>();
  /** The nodes of this library's participants, so that the objects of others are told apart. */
  private readonly ownNodes = new Set<Node>();
  /** The plain ApiObjects and Included objects of the App, read at the start of each pass. */
  private foreign: ForeignObject[] = [];
  private readonly foreignOf = new WeakMap<ApiObject, ForeignObject>();
  /** Participants that carry their own node validation. */
  private readonly validated = new Set<Participant>();
  /** Run first in every pass: re-read what may change outside this library's API. */
  private readonly refreshers: Array<() => void> = [];
  /** The model version of the last sweep. */
  private swept = -1;
  /** The model version of the last walk for other objects. */
  private walked = -1;
  private app?: Memo<AttachedFindings<Participant>>;
  private readonly results = new Map<IConstruct, Memo<Violation[]>>();
  private readonly policies = new Map<IConstruct, Memo<PolicySettings>>();
  private readonly warnings = new Set<string>();

  private constructor(private readonly root: IConstruct) {}

  /** Records a participant (once); the model changed. Its findings are part of every validation of the App. */
  public register(p: Participant): void {
    if (this.known.has(p)) return;
    this.known.add(p);
    this.ownNodes.add(p.node);
    this.participants.push(p);
    this.touch();
  }

  /**
   * Runs `refresh` at the start of every validation pass of the App (and before `findings()`),
   * before the findings are computed: for models that change outside this library's API.
   */
  public refreshFirst(refresh: () => void): void {
    this.refreshers.push(refresh);
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
   * The findings of one participant as reported: its own rules and its App-wide findings,
   * with the policy's severities and the object's exemptions applied. Each rule owns its
   * findings: nothing is filtered out here.
   */
  public reported(p: Participant): Violation[] {
    const memo = this.results.get(p);
    if (memo !== undefined && memo.version === this.version) return memo.value;
    const policy = this.policyOf(p);
    const manifest = p._manifest();
    const base = p._asManifest ? { ...contextOf(policy), construct: false } : contextOf(policy);
    const violations = [
      ...(p._propViolations?.() ?? []),
      ...(p._constructViolations?.() ?? []),
      ...(p._objectRules === false ? [] : checkObject(p._kind, manifest, p._checkContext?.(base) ?? base)),
      ...(this.appFindings().byRef.get(p) ?? []),
    ];
    const reported = applyRules(violations, manifest, configOf(policy), this.appFindings().usedElsewhere.get(p)).reported;
    this.results.set(p, { version: this.version, value: reported });
    return reported;
  }

  /**
   * The validation errors of one participant, formatted. Its warnings are printed once
   * (or are errors with `warningsAsErrors`).
   */
  public validate(p: Participant): string[] {
    const policy = this.policyOf(p);
    const errors: string[] = [];
    for (const v of this.reported(p)) {
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
    return errors;
  }

  /**
   * Every finding of the App, errors and warnings, in the order cdk8s reports them (the
   * tree in pre-order), each on the construct it is reported from. Synthesizes nothing,
   * prints nothing.
   */
  public findings(): PlacedFinding[] {
    this.refresh(true);
    const byNode = new Map<object, Participant[]>();
    for (const p of this.all()) {
      const found = byNode.get(p.node);
      if (found) found.push(p); else byNode.set(p.node, [p]);
    }
    const out: PlacedFinding[] = [];
    for (const c of this.root.node.findAll()) {
      for (const p of byNode.get(c.node) ?? []) {
        for (const v of this.reported(p)) out.push({ path: p.node.path, violation: v });
      }
    }
    return out;
  }

  /** Every warning seen so far in validation, as `[path] warning: field: message`. */
  public warningLines(): string[] {
    return [...this.warnings];
  }

  /** This library's participants, then the other objects of the App it reads. */
  private all(): Participant[] {
    return this.foreign.length === 0 ? this.participants : [...this.participants, ...this.foreign];
  }

  /**
   * Re-reads what may change outside this library's API. The App's tree is walked for other
   * objects once per version of the model (cdk8s validates once per chart it synthesizes, and
   * a walk per pass would cost as much as cdk8s' own); the objects found are read again on
   * every pass. `findings()` always walks.
   */
  private refresh(walk = false): void {
    for (const refresh of this.refreshers) refresh();
    if (walk || this.walked !== this.version) {
      this.readForeign();
      this.walked = this.version;
    } else {
      this.rereadForeign();
    }
  }

  /** Reads the other objects found by the last walk again: a JSON patch or a mutation changes them. */
  private rereadForeign(): void {
    let changed = false;
    for (const f of this.foreign) changed = f.reread() || changed;
    if (changed) {
      this.touch();
      this.walked = this.version;
    }
  }

  /**
   * Reads the App's other objects, so that one synthesis reports every finding: plain
   * ApiObjects and Included ones, through `toJson()`, which is side-effect free for them.
   * An ApiObject that a higher-level construct wraps (the construct's `apiObject`, as
   * cdk8s-plus does) is left to the validation plugin: cdk8s-plus-27 re-adds its spread
   * affinity terms on every `toJson()`. Objects of kinds the checker does not read, or at
   * an apiVersion the API does not serve, are left to the plugin too. The model changes
   * when one of them does.
   */
  private readForeign(): void {
    const found: ForeignObject[] = [];
    let changed = false;
    for (const c of this.root.node.findAll()) {
      if (this.ownNodes.has(c.node) || !ApiObject.isApiObject(c) || (c.node.scope as any)?.apiObject === c) continue;
      let manifest: any;
      try {
        manifest = c.toJson();
      } catch {
        continue; // synthesis reports it
      }
      if (recognize(manifest).status !== 'read') continue;
      const json = JSON.stringify(manifest);
      let f = this.foreignOf.get(c);
      if (f === undefined) {
        this.foreignOf.set(c, f = new ForeignObject(c, manifest, json));
        changed = true;
      } else if (f.json !== json) {
        f.update(manifest, json);
        changed = true;
      }
      found.push(f);
    }
    if (changed || found.length !== this.foreign.length || found.some((f, i) => f !== this.foreign[i])) {
      this.foreign = found;
      this.touch();
    }
  }

  /** The validation of the App root: gives a node validation to each participant with errors. */
  private sweep(): string[] {
    this.refresh();
    if (this.swept === this.version) return [];
    for (const p of this.all()) {
      if (this.validated.has(p) || this.validate(p).length === 0) continue;
      this.validated.add(p);
      p.node.addValidation({ validate: () => this.validate(p) });
    }
    this.swept = this.version;
    if (pluginsWillRun()) this.writeReport();
    return [];
  }

  /** For the validation plugin of `cdk8s synth`: what this validation reported, and every object's construct path. */
  private writeReport(): void {
    const outdir = (this.root as { outdir?: unknown }).outdir;
    if (typeof outdir !== 'string') return;
    const objects = [];
    const findings = [];
    for (const p of this.all()) {
      const m = p._manifest();
      const id = { kind: p._kind, namespace: namespaceOf(m), name: text(metadataOf(m).name ?? '') };
      objects.push({ ...id, path: p.node.path });
      for (const v of this.reported(p)) findings.push({ ...id, rule: v.rule, field: v.field, message: v.message });
    }
    writeAppReport(outdir, { objects, findings });
  }

  private appFindings(): AttachedFindings<Participant> {
    this.app = this.cached(this.app, () => {
      this.analysisRuns++;
      const subjects: Array<Subject<Participant>> = this.all().map(p => ({ ref: p, kind: p._kind, manifest: p._manifest() }));
      const contexts = new Map<Participant, CheckContext>();
      const contextOfParticipant = (p: Participant): CheckContext => {
        let ctx = contexts.get(p);
        if (ctx === undefined) {
          const base = contextOf(this.policyOf(p));
          contexts.set(p, ctx = p._checkContext?.(base) ?? base);
        }
        return ctx;
      };
      const findings: Array<AppFinding<Participant>> = checkApp(new ObjectSet(subjects), {
        describe: ref => `[${ref.node.path}]`,
        danglingOnlyWhereWorkloads: true,
        construct: true,
        holdsService: (ref, field) => contextOfParticipant(ref).backendService?.(field) !== undefined,
      });
      return attachAppFindings(findings, ref => ref._manifest());
    });
    return this.app.value;
  }
}

/**
 * An object of the App that another library built (a plain ApiObject, an Included one),
 * checked as a manifest.
 */
class ForeignObject implements Participant {
  public readonly _asManifest = true;
  public readonly _objectRules: boolean;
  public readonly _kind: string;

  constructor(private readonly obj: ApiObject, private manifest: any, public json: string) {
    const recognized = recognize(manifest);
    this._kind = String(manifest.kind);
    this._objectRules = recognized.status === 'read' && recognized.def.checked === true;
  }

  public get node(): Node {
    return this.obj.node;
  }

  public _manifest(): any {
    return this.manifest;
  }

  public update(manifest: any, json: string): void {
    this.manifest = manifest;
    this.json = json;
  }

  /** Reads the object again; whether it changed. */
  public reread(): boolean {
    let manifest: any;
    try {
      manifest = this.obj.toJson();
    } catch {
      return false; // synthesis reports it
    }
    const json = JSON.stringify(manifest);
    if (json === this.json) return false;
    this.update(manifest, json);
    return true;
  }
}

/** @internal Makes a participant's findings part of every validation of its App. */
export function validateFromRoot(p: Participant): void {
  Registry.of(p).register(p);
}

/**
 * @internal
 * Runs `refresh` at the start of every validation pass of the construct's App, before the
 * findings are computed: for models that change outside this library's API.
 */
export function refreshFromRoot(c: IConstruct, refresh: () => void): void {
  Registry.of(c).refreshFirst(refresh);
}

/** A policy's settings resolved; bad settings are the policy's own findings, and the defaults apply meanwhile. */
function resolvedOf(policy: PolicySettings): ResolvedSettings {
  const resolved = resolveSettings(policy, true);
  return Array.isArray(resolved) ? resolveSettings({}, true) as ResolvedSettings : resolved;
}

/** @internal what the object rules of a construct know besides its manifest */
export function contextOf(policy: PolicySettings): CheckContext {
  return resolvedOf(policy).ctx;
}

/** @internal how a construct's findings are reported: severities, warnings as errors, which exemptions count */
export function configOf(policy: PolicySettings): RuleConfig {
  return resolvedOf(policy).config;
}
