import { FindingType, Issue, Severity, Violation } from './finding';
import { checkedKinds } from './kinds';
import { AddFinding, AppContext, AppFinding, ObjectSet } from './object-set';
import { show, append } from './plain';
import { VersionRange } from './versions';

/*
 * The registry every rule is defined in, through one function: `defineRule`. A rule module
 * calls it at load time; `Rules` (catalog.ts) loads every rule module, so the catalog is
 * complete. This module imports no rule, so rule modules can import it without a cycle.
 */

/**
 * A rule's severity as a setting carries it (`rules` of ExposePolicy, of the plugin and of
 * the CLI's config): raise a warning to an error, lower an error to a warning, or switch the
 * rule off. The severity a finding carries is `Severity`.
 */
export enum RuleSeverity {
  /** Findings fail synthesis (constructs) and `check` (exit 1). */
  ERROR = 'error',
  /** Findings are reported, nothing fails. */
  WARNING = 'warning',
  /** The rule does not run. */
  OFF = 'off',
}

/**
 * What the catalog says of one rule.
 */
export interface RuleInfo {
  /** The stable kebab-case id, e.g. `service-node-port-range`. */
  readonly id: string;
  /** The kinds it reads: `Service`, `Ingress`, `Deployment`, ... */
  readonly kinds: string[];
  /** Its default severity when checking manifests (CLI, plugin). */
  readonly severity: Severity;
  /**
   * Its default severity in the constructs: the same, or ERROR where a typed prop
   * contradicts another (a prop that has no effect given the others).
   */
  readonly constructSeverity: Severity;
  /** One line: what it checks. */
  readonly summary: string;
  /** The API-server rule or the runtime failure it prevents. */
  readonly prevents: string;
  /**
   * Where it runs: `object` (one manifest), `app` (across the objects of a set), `construct`
   * (only a construct can check it: it knows the objects it refers to, or its props), or
   * `meta` (about the checking itself: exemptions, unreadable files, API versions).
   */
  readonly scope: string;
  /** The type of its findings, unless a finding says otherwise (a missing field is `REQUIRED`). */
  readonly type: FindingType;
}

/** @internal what a check knows besides the manifest */
export interface CheckContext {
  /** The clusters' nodePort range. */
  readonly nodePortRange: { readonly min: number; readonly max: number };
  /** The Kubernetes versions to agree with. */
  readonly versions: VersionRange;
  /** The Gateway API bundles (standard channel) to agree with. */
  readonly gatewayVersions: VersionRange;
  /** Whether the manifest is a construct's (typed props) rather than arbitrary YAML. */
  readonly construct: boolean;
  /**
   * What a construct knows of the Service a backend names, by the backend's field path
   * (e.g. `spec.defaultBackend`): its ports, and where it is defined. A manifest has only
   * the Service's name; a construct holds the Service itself, so its rule can say more.
   *
   * @default - nothing known beyond the manifest
   */
  readonly backendService?: (field: string) => KnownService | undefined;
  /**
   * The port names the container ports of a construct's target declare: a bad one is
   * reported at the container, not again at each Service port that carries it.
   *
   * @default - none
   */
  readonly targetPortNames?: ReadonlySet<string>;
  /**
   * The namespace is the Chart's, and another object of that Chart reports it: a bad
   * Chart namespace is one finding, not one per object.
   *
   * @default false
   */
  readonly chartNamespaceReported?: boolean;
}

/** @internal what a construct knows of a Service it routes to */
export interface KnownService {
  /** Its ports, or undefined when they are not known (a Service referenced by name without ports). */
  readonly ports?: ReadonlyArray<{ readonly port?: any; readonly name?: any }>;
  /** Where it is defined, for messages, e.g. ` ([app/web])`; empty when only its name is known. */
  readonly where: string;
}

/** @internal a rule's default severity in words: one, or the manifests' and the constructs' when they differ */
export function severityText(r: RuleInfo): string {
  return r.severity === r.constructSeverity ? r.severity : `${r.severity} in manifests, ${r.constructSeverity} in the constructs`;
}

/** @internal where a rule runs */
export type RuleScope = 'object' | 'app' | 'construct' | 'meta' | 'diff';

/** @internal the `kinds` of a rule that reads every kind the checker reads (the metadata rules) */
export const EVERY_KIND = '*';

/** @internal what defines a rule */
export interface RuleDefinition {
  readonly id: string;
  readonly scope: RuleScope;
  /** The kinds it reads, or [EVERY_KIND]. */
  readonly kinds: readonly string[];
  /** @default Severity.ERROR */
  readonly severity?: Severity;
  /** @default - the same as severity */
  readonly constructSeverity?: Severity;
  /** @default FindingType.INVALID */
  readonly type?: FindingType;
  readonly summary: string;
  readonly prevents: string;
}

/** @internal the check of an object rule: one manifest in, issues out */
export type ObjectCheck = (manifest: any, ctx: CheckContext) => Issue[];
/**
 * @internal
 * The check of an app rule: the whole set in, issues attached to objects out. A finding between
 * several objects (a pairwise conflict) is added once, to one of them, with the `parties` it
 * also concerns: an exemption then applies only when every party is exempt.
 */
export type AppCheck = <R>(set: ObjectSet<R>, ctx: AppContext<R>, add: AddFinding<R>) => void;

/** @internal */
export interface ObjectRule {
  readonly info: RuleInfo;
  readonly check: ObjectCheck;
}

interface AppRule {
  readonly info: RuleInfo;
  readonly check: AppCheck;
}

const INFOS = new Map<string, RuleInfo>();
const BY_KIND = new Map<string, ObjectRule[]>();
const APP_RULES: AppRule[] = [];
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** @internal Defines a rule over one manifest of the given kinds. */
export function defineRule(def: RuleDefinition & { readonly scope: 'object' }, check: ObjectCheck): ObjectRule;
/** @internal Defines a rule across the objects of a set. */
export function defineRule(def: RuleDefinition & { readonly scope: 'app' }, check: AppCheck): RuleInfo;
/**
 * @internal Defines a rule whose check runs in a construct (`construct`), in the checking itself (`meta`),
 * or in the comparison of two sets (`diff`: settings change it, annotations in the manifests do not).
 */
export function defineRule(def: RuleDefinition & { readonly scope: 'construct' | 'meta' | 'diff' }): RuleInfo;
export function defineRule(def: RuleDefinition, check?: ObjectCheck | AppCheck): ObjectRule | RuleInfo {
  if (!ID.test(def.id)) throw new Error(`rule id ${JSON.stringify(def.id)} is not kebab-case`);
  if (INFOS.has(def.id)) throw new Error(`rule id ${def.id} is defined twice`);
  const severity = def.severity ?? Severity.ERROR;
  const info: RuleInfo = {
    id: def.id,
    kinds: [...def.kinds],
    severity,
    constructSeverity: def.constructSeverity ?? severity,
    summary: def.summary,
    prevents: def.prevents,
    scope: def.scope,
    type: def.type ?? FindingType.INVALID,
  };
  INFOS.set(def.id, info);
  if (def.scope === 'object') {
    const rule: ObjectRule = { info, check: check as ObjectCheck };
    OF_KIND.clear();
    for (const kind of def.kinds) {
      const found = BY_KIND.get(kind);
      if (found) found.push(rule); else BY_KIND.set(kind, [rule]);
    }
    return rule;
  }
  if (def.scope === 'app') APP_RULES.push({ info, check: check as AppCheck });
  return info;
}

/** @internal every registered rule, by id, with EVERY_KIND spelled out */
export function registeredRules(): ReadonlyMap<string, RuleInfo> {
  return INFOS;
}

/** @internal a rule's kinds as the catalog lists them: EVERY_KIND spelled out */
export function listedKinds(info: RuleInfo): string[] {
  return info.kinds.includes(EVERY_KIND) ? checkedKinds() : info.kinds;
}

/** The object rules of each kind, as rulesOfKind lists them; emptied when a rule is defined. */
const OF_KIND = new Map<string, readonly ObjectRule[]>();

/** @internal the object rules of a kind: those of every kind, then its own */
export function rulesOfKind(kind: string): readonly ObjectRule[] {
  let rules = OF_KIND.get(kind);
  if (rules === undefined) OF_KIND.set(kind, rules = [...(BY_KIND.get(EVERY_KIND) ?? []), ...(BY_KIND.get(kind) ?? [])]);
  return rules;
}

/** @internal stamps a rule's id and default severity on the issues of its check */
export function stamp(info: RuleInfo, issues: readonly Issue[], construct: boolean): Violation[] {
  if (issues.length === 0) return [];
  const severity = construct ? info.constructSeverity : info.severity;
  return issues.map(i => ({ rule: info.id, field: i.field, message: i.message, fix: i.fix, severity: i.severity ?? severity, type: i.type }));
}

/** The manifest checkObject is checking, and the values its rules derived from it (`derived`). */
let checking: unknown;
const DERIVED = new Map<(m: any) => unknown, unknown>();

/**
 * @internal
 * `view(m)`, computed once for all the rules that check one manifest (a workload's pod view):
 * kept only while checkObject runs over that very manifest, so an object changed between two
 * checks is never seen stale. Outside checkObject it is `view(m)`.
 */
export function derived<T>(m: unknown, view: (m: any) => T): T {
  if (m !== checking || m === undefined) return view(m);
  if (DERIVED.has(view)) return DERIVED.get(view) as T;
  const value = view(m);
  DERIVED.set(view, value);
  return value;
}

/**
 * @internal
 * Runs every object rule of the manifest's kind. A rule that throws on malformed input
 * yields one finding of its own instead of hiding the others.
 */
export function checkObject(kind: string, manifest: any, ctx: CheckContext): Violation[] {
  const out: Violation[] = [];
  const outer = checking;
  checking = manifest;
  DERIVED.clear();
  try {
    for (const rule of rulesOfKind(kind)) {
      let issues: Issue[];
      try {
        issues = rule.check(manifest, ctx);
      } catch (e) {
        issues = [{ field: '', message: `the rule could not read this object (${(e as Error).message})`, fix: 'check the object\'s structure against its schema' }];
      }
      if (issues.length > 0) append(out, stamp(rule.info, issues, ctx.construct));
    }
  } finally {
    checking = outer;
    DERIVED.clear();
  }
  return out;
}

/** @internal Runs every app rule once over the set. Linear in the number of objects. */
export function checkApp<R>(set: ObjectSet<R>, ctx: AppContext<R>): Array<AppFinding<R>> {
  const out: Array<AppFinding<R>> = [];
  for (const rule of APP_RULES) {
    const severity = ctx.construct ? rule.info.constructSeverity : rule.info.severity;
    rule.check(set, ctx, (ref, i, parties) => out.push({
      ref,
      rule: rule.info.id,
      field: i.field,
      message: i.message,
      fix: i.fix,
      severity: i.severity ?? severity,
      type: i.type,
      ...(parties !== undefined && parties.length > 0 ? { parties } : {}),
    }));
  }
  return out;
}

/** @internal a rule definition without scope and kinds, for the helpers that define the rules of one kind */
export type RuleBasics = Omit<RuleDefinition, 'scope' | 'kinds'>;

/** The edit distance of two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** @internal the catalog id closest to an unknown one */
export function closestRuleId(id: string): string {
  let best = '';
  let bestDistance = Infinity;
  for (const known of registeredRules().keys()) {
    const d = distance(id, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * @internal
 * Rule ids that were retired, with why: a setting or an exemption that names one is accepted
 * (it changes nothing), so that configurations written for an older release keep working.
 */
export const RETIRED_RULES: { readonly [id: string]: string } = {
  'probe-port-wiring': 'retired: a probe on a numeric port no container declares is legal and common (health ports are often undeclared); a named port that no container declares is probe-port-undeclared',
  'service-target-port-undeclared': 'retired: a numeric targetPort no container declares is legal and common; a named targetPort that no container declares is service-target-port-name',
};

/** @internal the catalog entry of an id, or a message that names the closest id */
export function lookupRule(id: string): RuleInfo | string {
  const info = registeredRules().get(id);
  return info ?? `unknown rule ${show(id)}; did you mean ${show(closestRuleId(id))}? (\`cdk8s-expose rules\` lists them)`;
}

/** @internal an example of a rule: manifests that trigger it, or the construct code that does */
export interface RuleExample {
  /** manifests that trigger the rule */
  readonly objects?: any[];
  /** the nearest valid manifests: the same objects with the one mistake fixed; they give no finding of the rule */
  readonly valid?: any[];
  /** construct code that triggers a construct-only rule */
  readonly code?: string;
}

const EXAMPLES = new Map<string, RuleExample>();

/**
 * @internal
 * Registers the examples of rules, beside them in their module: docs/rules.md shows the finding
 * each gives, and a test proves each example triggers its rule and its valid twin does not.
 */
export function ruleExamples(examples: { readonly [id: string]: RuleExample }): void {
  for (const [id, example] of Object.entries(examples)) {
    if (EXAMPLES.has(id)) throw new Error(`rule ${id} has two examples`);
    EXAMPLES.set(id, example);
  }
}

/** @internal every registered example, by rule id */
export function registeredExamples(): ReadonlyMap<string, RuleExample> {
  return EXAMPLES;
}
