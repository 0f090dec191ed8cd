import { FindingType, Severity, Violation, summarizeValue } from './finding';
import { AppFinding } from './object-set';
import { parseFieldPath, valueAtPath } from './path';
import { show } from './plain';
import { EVERY_KIND, RETIRED_RULES, RuleSeverity, defineRule, lookupRule, registeredRules } from './rule';
import { ExemptionPolicy, RuleConfig } from './settings';

/*
 * Exemptions of one object, which travel with it as annotations, and how the user's
 * severities and an object's exemptions apply to its findings.
 */


/**
 * The annotation prefix of an exemption: `ignore-check.cdk8s-expose.io/<rule-id>: <reason>`.
 * `ignoreRule(id, reason)` on a construct writes it; the CLI and the plugin honour it.
 */
export const EXEMPTION_PREFIX = 'ignore-check.cdk8s-expose.io/';

/** A rule's findings that an exemption suppressed, with the reason it gives. */
export interface SuppressedViolation extends Violation {
  readonly reason: string;
}

const EXEMPTION_REASON = defineRule({
  scope: 'meta',
  id: 'exemption-reason-required',
  type: FindingType.REQUIRED,
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'an exemption annotation gives the reason the rule does not apply',
  prevents: 'exemptions nobody can review: a gate silenced without a word of why',
});
const EXEMPTION_UNKNOWN = defineRule({
  scope: 'meta',
  id: 'exemption-unknown-rule',
  type: FindingType.NOT_SUPPORTED,
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'an exemption annotation names a rule of the catalog',
  prevents: 'a misspelled rule id that silences nothing while its author believes it does',
});
/** @internal a file the CLI could not read as Kubernetes objects */
export const OBJECT_READABLE = defineRule({
  scope: 'meta',
  id: 'object-readable',
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'a file given to the CLI is valid YAML of Kubernetes objects (apiVersion and kind), without excessive aliasing',
  prevents: 'a gate that passes because a file it was given could not be read: invalid YAML, a document without apiVersion or kind, a broken link, an alias bomb',
});

const EXEMPTION_NOT_ALLOWED = defineRule({
  scope: 'meta',
  id: 'exemption-not-allowed',
  type: FindingType.FORBIDDEN,
  kinds: [EVERY_KIND],
  severity: Severity.ERROR,
  summary: 'an exemption annotation exempts a rule the settings allow to be exempted',
  prevents: 'a pull request silencing the gate on its own objects: the platform\'s settings (exemptions: deny, exemptableRules) decide which exemptions count',
});

/** The fewest visible characters a reason has: words, not "." */
export const MIN_REASON_LENGTH = 10;

// whitespace, and the characters that print nothing: zero-width, bidirectional marks, soft hyphen, BOM
const INVISIBLE = /[\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** @internal whether an exemption's reason says something: at least MIN_REASON_LENGTH visible characters */
export function isReason(reason: unknown): reason is string {
  return typeof reason === 'string' && reason.replace(INVISIBLE, '').length >= MIN_REASON_LENGTH;
}

const EXEMPTION_UNUSED = defineRule({
  scope: 'meta',
  id: 'exemption-unused',
  kinds: [EVERY_KIND],
  severity: Severity.WARNING,
  summary: 'an exemption annotation suppresses at least one finding',
  prevents: 'stale exemptions that would hide a future mistake of the same rule',
});

/** The exemptions an object's annotations declare, by rule id. */
export function exemptionsOf(manifest: any): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const annotations = manifest?.metadata?.annotations;
  if (annotations === null || typeof annotations !== 'object') return out;
  for (const [k, v] of Object.entries(annotations)) {
    if (k.startsWith(EXEMPTION_PREFIX)) out.set(k.slice(EXEMPTION_PREFIX.length), v);
  }
  return out;
}

/** @internal the field path of an annotation */
export function annotationField(k: string): string {
  return `metadata.annotations['${k}']`;
}

/**
 * @internal
 * A finding with its type and bad value: the value read at its field in the manifest (capped),
 * the type its rule's unless the field is missing (then `REQUIRED`).
 */
export function complete(v: Violation, manifest: unknown): Violation {
  if (v.type !== undefined && v.value !== undefined) return v;
  const value = v.field === '' ? undefined : valueAtPath(manifest, parseFieldPath(v.field));
  const ruleType = registeredRules().get(v.rule)?.type ?? FindingType.INVALID;
  const type = v.type ?? (value === undefined && v.field !== '' && ruleType === FindingType.INVALID ? FindingType.REQUIRED : ruleType);
  const summary = v.value ?? summarizeValue(value);
  return summary === undefined ? { ...v, type } : { ...v, type, value: summary };
}

/** The reason of an object's exemption of a rule, when it gives one. */
function exemptionReason(manifest: unknown, rule: string): string | undefined {
  const reason = exemptionsOf(manifest).get(rule);
  return typeof reason === 'string' && reason.trim() !== '' ? reason : undefined;
}

/** Findings between several objects that stay reported whatever the exemption of the object they are attached to. */
const BINDING = new WeakSet<Violation>();

/** @internal the findings of the app rules, by object, and which exemptions a finding attached elsewhere used */
export interface AttachedFindings<R> {
  readonly byRef: Map<R, Violation[]>;
  /** By object: the rules whose exemption it gives took part in a finding between several parties. */
  readonly usedElsewhere: Map<R, Set<string>>;
}

/**
 * @internal
 * Attaches the findings of the app rules to their objects. A finding between several parties
 * is suppressed only when every party exempts its rule: otherwise it stays reported whatever
 * the exemption of the party it is attached to. Either way, each party's exemption of it counts as used.
 */
export function attachAppFindings<R>(findings: ReadonlyArray<AppFinding<R>>, manifestOf: (ref: R) => unknown): AttachedFindings<R> {
  const byRef = new Map<R, Violation[]>();
  const usedElsewhere = new Map<R, Set<string>>();
  for (const f of findings) {
    const { ref, parties, ...v } = f;
    const found = byRef.get(ref);
    if (found) found.push(v); else byRef.set(ref, [v]);
    if (parties === undefined) continue;
    const others = parties.filter(p => p !== ref);
    const exempt = [ref, ...others].filter(p => exemptionReason(manifestOf(p), v.rule) !== undefined);
    // an exemption that takes part is not stale, even when the other parties' missing ones keep the finding
    for (const p of exempt) {
      const used = usedElsewhere.get(p);
      if (used) used.add(v.rule); else usedElsewhere.set(p, new Set([v.rule]));
    }
    if (exempt.length < others.length + 1) BINDING.add(v);
  }
  return { byRef, usedElsewhere };
}

/** @internal What is reported of one object's findings, and what its exemptions suppressed. */
export interface AppliedRules {
  readonly reported: Violation[];
  readonly suppressed: SuppressedViolation[];
}

/**
 * @internal
 * Applies the user's severities and the object's exemptions to the findings of one object
 * (its own rules and the cross-object ones together, so a stale exemption is seen), and
 * checks the exemptions themselves.
 */
export function applyRules(findings: readonly Violation[], manifest: any, config: RuleConfig,
  usedElsewhere: ReadonlySet<string> = new Set()): AppliedRules {
  const exemptions = exemptionsOf(manifest);
  // most objects: nothing found, nothing exempted
  if (findings.length === 0 && exemptions.size === 0) return { reported: [], suppressed: [] };
  const reported: Violation[] = [];
  const suppressed: SuppressedViolation[] = [];
  const used = new Set<string>(usedElsewhere);
  const configured = (v: Violation): Violation | undefined => {
    const set = config.rules[v.rule];
    if (set === RuleSeverity.OFF) return undefined;
    let severity = set === RuleSeverity.ERROR ? Severity.ERROR : set === RuleSeverity.WARNING ? Severity.WARNING : v.severity ?? Severity.ERROR;
    if (config.warningsAsErrors) severity = Severity.ERROR;
    return severity === v.severity ? v : { ...v, severity };
  };

  const allowed = (id: string) => config.exemptions !== ExemptionPolicy.DENY && (config.exemptableRules?.has(id) ?? true);
  for (const f of findings) {
    const v = configured(complete(f, manifest));
    if (v === undefined) continue;
    const reason = BINDING.has(f) ? undefined : exemptions.get(v.rule);
    if (isReason(reason) && allowed(v.rule)) {
      used.add(v.rule);
      suppressed.push({ ...v, reason });
    } else {
      reported.push(v);
    }
  }

  const meta: Violation[] = [];
  for (const [id, reason] of exemptions) {
    const field = annotationField(EXEMPTION_PREFIX + id);
    const known = lookupRule(id);
    if (RETIRED_RULES[id] !== undefined) {
      meta.push({ rule: EXEMPTION_UNUSED.id, field, message: `the exemption of rule ${show(id)} suppresses nothing: the rule was ${RETIRED_RULES[id]}`, fix: 'remove the annotation', severity: EXEMPTION_UNUSED.severity });
    } else if (typeof known === 'string') {
      meta.push({ rule: EXEMPTION_UNKNOWN.id, field, message: known, fix: 'use a rule id of the catalog, or remove the annotation', severity: EXEMPTION_UNKNOWN.severity });
    } else if (!allowed(id)) {
      const why = config.exemptions === ExemptionPolicy.DENY ? 'the settings allow no exemptions (exemptions: deny)' : `the settings allow exemptions of ${[...config.exemptableRules ?? []].join(', ') || 'no rule'} only`;
      meta.push({ rule: EXEMPTION_NOT_ALLOWED.id, field, message: `the exemption of rule ${show(id)} is not allowed: ${why}; its findings are reported`, fix: 'fix the finding, or ask the platform team to allow this exemption', severity: EXEMPTION_NOT_ALLOWED.severity });
    } else if (!isReason(reason)) {
      meta.push({ rule: EXEMPTION_REASON.id, field, message: `the exemption of rule ${show(id)} gives no reason (${show(reason)}): a reason is at least ${MIN_REASON_LENGTH} visible characters`, fix: 'say why the rule does not apply to this object, e.g. "pods come from the upstream Helm chart"', severity: EXEMPTION_REASON.severity });
    } else if (!used.has(id) && config.rules[id] !== RuleSeverity.OFF) {
      meta.push({ rule: EXEMPTION_UNUSED.id, field, message: `the exemption of rule ${show(id)} suppressed nothing: the object has no finding of that rule`, fix: 'remove the stale annotation', severity: EXEMPTION_UNUSED.severity });
    }
  }
  for (const m of meta) {
    const v = configured(m);
    if (v !== undefined) reported.push(v);
  }
  return { reported, suppressed };
}
