import { Issue, Severity, Violation } from './finding';

/*
 * The registry every rule is defined in. A rule module calls `objectRule` or `appRule` at
 * load time; `Rules` (catalog.ts) loads every rule module, so the catalog is complete.
 * This module imports no rule, so rule modules can import it without a cycle.
 */

/**
 * A rule's severity as a user sets it: raise a warning to an error, lower an error to a
 * warning, or switch the rule off.
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
  /** `object` (one manifest) or `app` (across objects). */
  readonly scope: string;
}

/**
 * @internal
 * The Kubernetes minor versions the rules follow: 1.27 (the API of cdk8s-plus-27) to
 * the newest release. One version when the user sets `kubernetesVersion`.
 */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** The oldest Kubernetes minor version the rules follow (the API of cdk8s-plus-27). */
export const OLDEST_MINOR = 27;
/** The newest Kubernetes minor version the rules know. */
export const NEWEST_MINOR = 37;
/** @internal */
export const ALL_VERSIONS: VersionRange = { min: OLDEST_MINOR, max: NEWEST_MINOR };

/**
 * @internal
 * Parses a `kubernetesVersion` setting (`1.30`, `v1.30`, `1.30.2`) into a one-version range,
 * or returns an error message.
 */
export function parseKubernetesVersion(value: unknown): VersionRange | string {
  const m = typeof value === 'string' ? /^v?1\.(\d+)(\.\d+)?$/.exec(value.trim()) : null;
  const minor = m ? Number(m[1]) : NaN;
  if (!m || minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
    return `kubernetesVersion ${JSON.stringify(value)} is not a known version: use 1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}, e.g. "1.30"`;
  }
  return { min: minor, max: minor };
}

/** @internal the nodePort range, as the rules read it */
export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/** @internal what a check knows besides the manifest */
export interface CheckContext {
  /** The clusters' nodePort range. */
  readonly nodePortRange: PortRange;
  /** The Kubernetes versions to agree with. */
  readonly versions: VersionRange;
  /** Whether the manifest is a construct's (typed props) rather than arbitrary YAML. */
  readonly construct: boolean;
}

/** @internal */
export interface ObjectRule {
  readonly info: RuleInfo;
  readonly check: (manifest: any, ctx: CheckContext) => Issue[];
}

/** @internal what defines a rule: its catalog entry without the scope, construct severity optional */
export interface RuleDefinition {
  readonly id: string;
  readonly kinds: string[];
  readonly severity: Severity;
  /** @default - the same as severity */
  readonly constructSeverity?: Severity;
  readonly summary: string;
  readonly prevents: string;
}

const INFOS = new Map<string, RuleInfo>();
const BY_KIND = new Map<string, ObjectRule[]>();
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function register(def: RuleDefinition, scope: string): RuleInfo {
  if (!ID.test(def.id)) throw new Error(`rule id ${JSON.stringify(def.id)} is not kebab-case`);
  if (INFOS.has(def.id)) throw new Error(`rule id ${def.id} is defined twice`);
  const info: RuleInfo = {
    id: def.id,
    kinds: [...def.kinds],
    severity: def.severity,
    constructSeverity: def.constructSeverity ?? def.severity,
    summary: def.summary,
    prevents: def.prevents,
    scope,
  };
  INFOS.set(def.id, info);
  return info;
}

/** @internal Defines a rule over one manifest of the given kinds. */
export function objectRule(def: RuleDefinition, check: (manifest: any, ctx: CheckContext) => Issue[]): ObjectRule {
  const rule: ObjectRule = { info: register(def, 'object'), check };
  for (const kind of def.kinds) {
    const list = BY_KIND.get(kind);
    if (list) list.push(rule); else BY_KIND.set(kind, [rule]);
  }
  return rule;
}

/** @internal Defines a rule across objects; its check lives with the cross-object analysis. */
export function appRule(def: RuleDefinition): RuleInfo {
  return register(def, 'app');
}

/** @internal Defines a rule about one object that the rule configuration itself checks (exemptions). */
export function metaRule(def: RuleDefinition): RuleInfo {
  return register(def, 'object');
}

/** @internal every registered rule, by id */
export function registeredRules(): ReadonlyMap<string, RuleInfo> {
  return INFOS;
}

/** @internal the object rules of a kind */
export function rulesOfKind(kind: string): readonly ObjectRule[] {
  return BY_KIND.get(kind) ?? [];
}

/** @internal stamps a rule's id and default severity on the issues of its check */
export function stamp(info: RuleInfo, issues: readonly Issue[], construct: boolean): Violation[] {
  const severity = construct ? info.constructSeverity : info.severity;
  return issues.map(i => ({ rule: info.id, field: i.field, message: i.message, fix: i.fix, severity: i.severity ?? severity }));
}

/**
 * @internal
 * Runs every object rule of the manifest's kind. A rule that throws on malformed input
 * yields one finding of its own instead of hiding the others.
 */
export function checkObject(kind: string, manifest: any, ctx: CheckContext): Violation[] {
  const out: Violation[] = [];
  for (const rule of rulesOfKind(kind)) {
    let issues: Issue[];
    try {
      issues = rule.check(manifest, ctx);
    } catch (e) {
      issues = [{ field: '', message: `the rule could not read this object (${(e as Error).message})`, fix: 'check the object\'s structure against its schema' }];
    }
    out.push(...stamp(rule.info, issues, ctx.construct));
  }
  return out;
}

/**
 * @internal
 * The severity of a value that Kubernetes rejected before minor version `minor` and
 * accepts from it on: an error when every version in range rejects it, a warning when
 * some do, nothing when none does.
 */
export function relaxedIn(ctx: { readonly versions: VersionRange }, minor: number): Severity | undefined {
  if (ctx.versions.min >= minor) return undefined;
  return ctx.versions.max < minor ? Severity.ERROR : Severity.WARNING;
}

/** @internal the note a version-dependent finding carries */
export function rejectedBefore(minor: number): string {
  return `rejected by Kubernetes before 1.${minor}`;
}
