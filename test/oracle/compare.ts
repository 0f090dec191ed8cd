import { OracleVerdict } from './oracle';
import { ManifestAnalyzer } from '../../src';
import { Rules } from '../../src/rules/catalog';

/*
 * Our verdict against the oracle's, object by object.
 *
 * What counts (decided here, README "How correctness is proven"):
 * - Only our errors count; a warning is never a rejection. Cross-object rules (scope `app`) are
 *   not compared: the oracle judges one object at a time and has no opinion on wiring.
 * - The oracle rejects when validation fails (any field error) or its decoder cannot decode the
 *   object. Unknown and duplicate fields (`strictErrors`) reject under kubectl's default
 *   fieldValidation=Strict only: an error of ours on such a field agrees, their absence is no miss.
 * - Matching is by field path, related either way: our path equals an oracle path, or one is a
 *   prefix of the other at a segment boundary (the API server reports some errors on the list,
 *   `spec.ports`, where we name the entry, and the other way round). A decode error has no
 *   usable path: any error of ours agrees with it.
 *
 * Disagreements:
 * - `wrong-error`: an error of ours on an object the API server accepts (the worst: a wrong rejection);
 * - `wrong-field`: the object is rejected, but our error names a field the API server does not;
 * - `miss`: the API server rejects, and we give no error at all;
 * - `dropped-silently`: PrepareForCreate drops a field we say nothing about (not even a warning).
 */

export type DisagreementClass = 'wrong-error' | 'wrong-field' | 'miss' | 'dropped-silently';

export interface OurFinding {
  readonly rule: string;
  readonly severity: string;
  readonly field: string;
}

export interface Disagreement {
  readonly cls: DisagreementClass;
  readonly kind: string;
  /** our rule (wrong-error, wrong-field), or the oracle's first error type (miss), or the dropped path */
  readonly key: string;
  readonly field: string;
}

/** Rules that judge across objects: not compared. */
export const CROSS_OBJECT_RULES = new Set(Rules.all().filter(r => r.scope === 'app').map(r => r.id));

/** The release as our `kubernetesVersion` option spells it: v1.37 -> 1.37. */
export function ourVersion(release: string): string {
  return release.replace(/^v/, '');
}

/** Our findings on one object alone (cross-object rules removed). */
export function ours(manifest: unknown, release: string): OurFinding[] {
  const result = ManifestAnalyzer.analyze([{ manifest }], { kubernetesVersion: ourVersion(release) });
  return result.findings
    .filter(f => !CROSS_OBJECT_RULES.has(f.rule))
    .map(f => ({ rule: f.rule, severity: f.severity, field: f.field }));
}

/**
 * An API server path in our notation: map keys `[key]` become `.key` (or `['key']` when the key is
 * not `[A-Za-z0-9_-]+`), list indexes stay `[i]`.
 */
export function normalizePath(p: string): string {
  return p.replace(/\[([^\]]*)\]/g, (_m, key: string) => {
    if (/^\d+$/.test(key)) return `[${key}]`;
    return /^[A-Za-z0-9_-]+$/.test(key) ? `.${key}` : `['${key}']`;
  });
}

/**
 * Paths the API server spells its own way, and the manifest path each names. Each pair was seen in
 * the oracle's output on the corpus.
 */
const SPELLINGS: [RegExp, string][] = [
  // it validates spec.clusterIPs, which it fills from spec.clusterIP on create
  [/^spec\.clusterIPs(\[0\])?/, 'spec.clusterIP'],
  // ValidateService names the field in Go's spelling
  [/^spec\.LoadBalancerSourceRanges/, 'spec.loadBalancerSourceRanges'],
  // ValidateIngressCreate reports the class annotation without metadata
  [/^annotations\.kubernetes\.io\/ingress\.class/, "metadata.annotations['kubernetes.io/ingress.class']"],
  // the pod template's labels are reported on the template, without metadata
  [/^spec\.template\.labels/, 'spec.template.metadata.labels'],
];

/** The field paths the API server names (field errors, unknown fields), with our spelling of each. */
export function oraclePaths(v: OracleVerdict): string[] {
  const paths = v.errors.map(e => normalizePath(e.field));
  for (const s of v.strictErrors) {
    const m = /(?:unknown|duplicate) field "([^"]*)"/.exec(s);
    if (m) paths.push(normalizePath(m[1]));
  }
  return paths.flatMap(p => [p, ...SPELLINGS.filter(([re]) => re.test(p)).map(([re, spelled]) => p.replace(re, spelled))]);
}

/** a and b name the same field, or one contains the other. */
export function related(a: string, b: string): boolean {
  if (a === b || a === '' || b === '') return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && (long[short.length] === '.' || long[short.length] === '[');
}

/** Every disagreement between our findings and the oracle's verdict on one object. */
export function compare(kind: string, findings: OurFinding[], v: OracleVerdict): Disagreement[] {
  if (v.unsupported) return [];
  const out: Disagreement[] = [];
  const errors = findings.filter(f => f.severity === 'error');
  const rejects = !v.accepted || v.decodeError !== undefined;
  const paths = oraclePaths(v);
  if (v.decodeError === undefined) {
    for (const e of errors) {
      if (paths.some(p => related(p, e.field))) continue;
      out.push({ cls: rejects ? 'wrong-field' : 'wrong-error', kind, key: e.rule, field: e.field });
    }
  }
  if (rejects && errors.length === 0) {
    const first = v.errors[0];
    out.push({ cls: 'miss', kind, key: first ? first.type : 'decode', field: first ? normalizePath(first.field) : '' });
  }
  for (const d of v.dropped) {
    if (!findings.some(f => related(f.field, d))) out.push({ cls: 'dropped-silently', kind, key: d.replace(/\[\d+\]/g, '[]'), field: d });
  }
  return out;
}
