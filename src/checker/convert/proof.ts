import { Conversion, entryOf } from './convert';
import { FindingType, Severity } from '../../model/finding';
import { ManifestSource, namespaceOf } from '../../model/object';
import { obj, text } from '../../model/plain';
import { CONVERT_ROUTE_CHANGED } from '../../rules/convert';
import { EntryChangeKind, EntrySummary, backendOf, diffAccess } from '../access-diff';
import { AnalyzeOptions, ManifestFinding, analyzeManifests } from '../check';
import { AccessRow, AccessScope, EntryKind, ServiceAccess } from '../routes';

/*
 * The proof of a conversion: the access map of the input and the access map of the input with
 * the converted Ingresses replaced by what convert wrote, compared entry by entry (host, path
 * and match type) with the diff of `cdk8s-expose diff`. Each entry must reach the same Service
 * ports, unless the conversion says why it changes (a regular expression, a redirect, an
 * ImplementationSpecific path it reported, a server alias). The output is checked too.
 */

/** One entry compared. */
export interface ProvedEntry {
  /** `host path match` after the conversion. */
  readonly entry: string;
  /** The Service ports reached, sorted, `; `-joined. */
  readonly backends: string;
}

/** The result of the proof. */
export interface Proof {
  /** The `convert-route-changed` findings: one per entry that differs unexpectedly. */
  readonly changed: ManifestFinding[];
  /** The findings of `check` on the written objects. */
  readonly outputFindings: ManifestFinding[];
  /** The entries compared and equal. */
  readonly equal: ProvedEntry[];
  /** The entries that change on purpose, with why (`entry: why`). */
  readonly expected: string[];
  /** The entries not compared: route kinds the access map does not read yet (`entry: why`). */
  readonly notCompared: string[];
}

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];

function rowsOf(services: readonly ServiceAccess[], keep: (r: AccessRow) => boolean): AccessRow[] {
  return services.flatMap(s => s.rows.filter(keep));
}

/** A row's backend without the workloads: the Service and port (the workloads are the same Services' in both). */
function serviceBackend(r: AccessRow): string {
  return backendOf(r);
}

function summary(r: AccessRow, backends: string[], tls: boolean): EntrySummary {
  return { kind: r.entry.kind, scope: AccessScope.EXTERNAL, backends: [...new Set(backends)].sort().join('; '), tls, sourceRanges: '', policy: '', address: r.address, row: r };
}

/** Proves a conversion: compares the access maps, and checks the written objects. */
export function proveConversion(sources: readonly ManifestSource[], conversion: Conversion, options: AnalyzeOptions = {}): Proof {
  const defaultNs = options.namespace ?? 'default';
  const converted = new Set(conversion.converted);
  const refOf = (m: unknown) => `${namespaceOf(m, defaultNs)}/${text(obj(obj(m).metadata).name)}`;
  const kept = sources.filter(s => !(obj(s.manifest).kind === 'Ingress' && converted.has(refOf(s.manifest))));
  const written = new Set(conversion.objects.map(o => `${o.kind} ${refOf(o)}`));

  const before = analyzeManifests([...sources], options, true);
  const after = analyzeManifests([...kept, ...conversion.objects.map(manifest => ({ manifest }))], options, true);
  const outputFindings = after.findings.filter(f => written.has(`${f.kind} ${f.namespace}/${f.name}`));

  const afterRows = rowsOf(after.services, r => r.path.route !== undefined && ROUTE_KINDS.includes(r.path.route.kind)
    && conversion.origin.has(`${r.path.route.kind} ${r.path.route.namespace}/${r.path.route.name}`));
  const kindsMapped = new Set(afterRows.map(r => r.path.route!.kind));
  kindsMapped.add('HTTPRoute');

  const base = new Map<string, { row: AccessRow; backends: string[]; tls: boolean; ingress: string }>();
  const expected: string[] = [];
  const notCompared: string[] = [];
  for (const r of rowsOf(before.services, x => x.entry.kind === EntryKind.INGRESS && x.path.route !== undefined)) {
    const ingress = `${r.path.route!.namespace}/${r.path.route!.name}`;
    if (!converted.has(ingress)) continue;
    const k0 = entryOf(r.entry.host ?? '*', r.entry.path ?? '/', r.entry.pathMatch ?? '');
    const exp = conversion.expect.get(`${ingress} ${k0}`);
    if (exp !== undefined && !kindsMapped.has(exp.routeKind)) {
      notCompared.push(`${k0}: a ${exp.routeKind}, which the access map does not read yet`);
      continue;
    }
    if (exp !== undefined && exp.key === undefined) {
      expected.push(`${k0}: ${exp.reason}`);
      continue;
    }
    const k = exp?.key ?? k0;
    if (exp?.reason !== undefined && k !== k0) expected.push(`${k0} -> ${k}: ${exp.reason}`);
    const found = base.get(k) ?? { row: r, backends: [], tls: false, ingress };
    found.backends.push(serviceBackend(r));
    found.tls = found.tls || (r.entry.tls && !exp?.tlsReported);
    base.set(k, found);
  }
  const head = new Map<string, { row: AccessRow; backends: string[]; tls: boolean; ingress: string }>();
  for (const r of afterRows) {
    const k = entryOf(r.entry.host ?? '*', r.entry.path ?? '/', r.entry.pathMatch ?? '');
    const why = conversion.added.get(k);
    if (why !== undefined) {
      if (!expected.includes(`${k}: ${why}`)) expected.push(`${k}: ${why}`);
      continue;
    }
    const ingress = conversion.origin.get(`${r.path.route!.kind} ${r.path.route!.namespace}/${r.path.route!.name}`)!;
    const found = head.get(k) ?? { row: r, backends: [], tls: false, ingress };
    found.backends.push(serviceBackend(r));
    found.tls = found.tls || r.entry.tls;
    head.set(k, found);
  }
  const toSummaries = (m: typeof base) => new Map([...m].map(([k, v]) => [k, summary(v.row, v.backends, v.tls)]));
  const diff = diffAccess(toSummaries(base), toSummaries(head), new Map(), []);
  const keyOf = new Map<AccessRow, string>();
  for (const [k, v] of [...base, ...head]) keyOf.set(v.row, k);
  const ingressOf = new Map<AccessRow, string>();
  for (const v of [...base.values(), ...head.values()]) ingressOf.set(v.row, v.ingress);

  const changed: ManifestFinding[] = diff.changes.map(c => {
    const ingress = ingressOf.get(c.row) ?? '';
    const [namespace, name] = ingress.split('/');
    const source = conversion.sources.get(ingress);
    const entry = keyOf.get(c.row) ?? c.entry;
    const what = c.change === EntryChangeKind.ADDED ? `is new: it reaches ${c.after}`
      : c.change === EntryChangeKind.REMOVED ? `is dropped: the Ingress reached ${c.before}`
        : c.change === EntryChangeKind.REPOINTED ? `reaches ${c.after} instead of ${c.before}`
          : c.change === EntryChangeKind.TLS_LOST ? 'is no longer served over TLS'
            : `changed (${c.change}${c.detail ? `: ${c.detail}` : ''})`;
    return {
      rule: CONVERT_ROUTE_CHANGED.id,
      severity: Severity.ERROR,
      kind: 'Ingress',
      namespace,
      name,
      field: 'spec.rules',
      path: ['spec', 'rules'],
      type: FindingType.CONFLICT,
      value: entry,
      message: `after the conversion, ${entry} ${what}`,
      fix: 'write this route by hand, or keep the Ingress until it is fixed; please report it as a convert bug',
      ...(source?.file !== undefined ? { file: source.file } : {}),
      ...(source?.line !== undefined ? { line: source.line, objectLine: source.line } : {}),
    };
  });
  const changedKeys = new Set(diff.changes.map(c => keyOf.get(c.row)));
  const equal = [...base].filter(([k]) => !changedKeys.has(k) && head.has(k))
    .map(([k, v]) => ({ entry: k, backends: [...new Set(v.backends)].sort().join('; ') }))
    .sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
  return { changed, outputFindings, equal, expected, notCompared };
}
