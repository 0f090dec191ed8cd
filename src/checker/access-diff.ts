import { ManifestFinding } from './check';
import { DocumentLocation, positionAt } from './positions';
import { AccessRow, AccessScope, EntryKind, ServiceAccess } from './routes';
import { FindingType, Severity } from '../model/finding';
import { parseFieldPath } from '../model/path';
import { RuleSeverity } from '../model/rule';
import { RuleConfig } from '../model/settings';
import { EXPOSURE_EXTERNAL_ADDED } from '../rules/exposure';

/*
 * What a change exposes: the access maps of two sets of manifests compared entry point by
 * entry point. An entry point is where a client connects (a URL of an Ingress or a Gateway
 * listener, a nodePort, an external IP, a load balancer's or a DNS name's Service port);
 * its backend is where the traffic goes (the Service, its port, the workloads).
 */

/** How an entry point changed. */
export enum EntryChangeKind {
  /** In HEAD only. */
  ADDED = 'added',
  /** In BASE only. */
  REMOVED = 'removed',
  /** In both, to another backend. */
  REPOINTED = 're-pointed',
  /** Terminated TLS in BASE, not in HEAD. */
  TLS_LOST = 'tls-lost',
  /** The client ranges allowed changed (`loadBalancerSourceRanges`). */
  SOURCE_RANGES = 'source-ranges',
  /** The `externalTrafficPolicy` changed. */
  TRAFFIC_POLICY = 'traffic-policy',
  /** Its scope changed: an internal load balancer made internet-facing, or back. */
  SCOPE = 'scope',
}

/** One change of one entry point. */
export interface EntryChange {
  readonly change: EntryChangeKind;
  /** The scope in HEAD (in BASE for a removal). */
  readonly scope: AccessScope;
  /** The entry kind. */
  readonly kind: EntryKind;
  /** The entry, as text (the row's address). */
  readonly entry: string;
  /** The backend in BASE, as text: `Service ns/name:port -> workloads` (none when added). */
  readonly before?: string;
  /** The backend in HEAD (none when removed). */
  readonly after?: string;
  /** What changed besides the backend, e.g. `HTTPS -> HTTP`. */
  readonly detail?: string;
  /** The HEAD row (the BASE row of a removal). */
  readonly row: AccessRow;
}

/** The comparison of two sets. */
export interface AccessDiff {
  /** Every change, external entries first, then by change and entry. */
  readonly changes: EntryChange[];
  /** The findings of HEAD that BASE does not have (by rule, object and field). */
  readonly newFindings: ManifestFinding[];
}

/** What the diff keeps of one entry point: small, so a 200k-object BASE is dropped once summarized. */
export interface EntrySummary {
  readonly kind: EntryKind;
  readonly scope: AccessScope;
  /** The backends, sorted and joined with `; `. */
  backends: string;
  readonly tls: boolean;
  readonly sourceRanges: string;
  readonly policy: string;
  /** The entry, as text (the row's address). */
  readonly address: string;
  /** The row, rebuilt from its text when a change needs it. */
  readonly row: AccessRow;
}

/**
 * An entry's summary, with its row kept as JSON text: a row's objects (entry, path, workloads)
 * took over a third of a 200k-object summary's memory, and only a changed entry needs its row.
 */
class Summary implements EntrySummary {
  public readonly kind: EntryKind;
  public readonly scope: AccessScope;
  public backends: string;
  public readonly tls: boolean;
  public readonly sourceRanges: string;
  public readonly policy: string;
  public readonly address: string;
  private readonly json: string;

  constructor(r: AccessRow, backend: string) {
    this.kind = r.entry.kind;
    this.scope = r.scope;
    this.backends = backend;
    this.tls = r.entry.tls;
    this.sourceRanges = r.entry.sourceRanges ? flat(r.entry.sourceRanges.slice().sort().join(', ')) : '';
    this.policy = r.entry.externalTrafficPolicy ?? '';
    this.address = flat(r.address);
    this.json = JSON.stringify(r);
  }

  public get row(): AccessRow {
    return JSON.parse(this.json);
  }
}

/** The identity of an entry point, whatever its backend. */
export function entryKey(r: AccessRow): string {
  const e = r.entry;
  const p = r.path;
  const svcPort = `${p.service.namespace}/${p.service.name}:${p.servicePort ?? p.servicePortName ?? ''}/${e.protocol}`;
  switch (e.kind) {
    case EntryKind.INGRESS:
      return `ingress ${e.host} ${e.path} ${e.pathMatch}`;
    case EntryKind.GATEWAY:
      return `gateway ${p.gateway?.namespace}/${p.gateway?.name} ${p.listener ?? ''} ${e.host} ${e.path} ${e.pathMatch}`;
    case EntryKind.NODE_PORT:
      return e.port === undefined ? `node-port ${svcPort}` : `node-port ${e.port}/${e.protocol}`;
    case EntryKind.EXTERNAL_IP:
      return `external-ip ${e.host}:${e.port}/${e.protocol}`;
    default:
      return `${e.kind} ${svcPort}`;
  }
}

/** Where an entry's traffic goes, as text. */
export function backendOf(r: AccessRow): string {
  const p = r.path;
  const port = p.servicePort ?? p.servicePortName ?? '-';
  const to = p.externalName !== undefined ? `CNAME ${p.externalName}`
    : p.workloads.length ? p.workloads.map(w => `${w.workload.kind} ${w.workload.namespace}/${w.workload.name}${w.containerPort !== undefined ? `:${w.containerPort}` : ''}`).join(', ')
      : p.status;
  return `Service ${p.service.namespace}/${p.service.name}:${port} -> ${to}`;
}

/**
 * A string as one flat sequence: a template literal is a tree of pieces in V8 (a ConsString
 * per `+`), which held a third of a 200k-object summary's memory.
 */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s));
}

/** The entry points of an access map, by identity. */
export function summarize(services: readonly ServiceAccess[]): Map<string, EntrySummary> {
  const out = new Map<string, EntrySummary>();
  let shared: Map<string, string[]> | undefined; // the entries with more than one backend (weighted backends, a nodePort conflict)
  for (const s of services) {
    for (const r of s.rows) {
      const k = flat(entryKey(r));
      const found = out.get(k);
      const backend = flat(backendOf(r));
      if (found) {
        shared = shared ?? new Map();
        const all = shared.get(k) ?? [found.backends];
        if (!all.includes(backend)) all.push(backend);
        shared.set(k, all);
        continue;
      }
      out.set(k, new Summary(r, backend));
    }
  }
  for (const [k, all] of shared ?? []) out.get(k)!.backends = all.sort().join('; ');
  return out;
}

/** The identity of a finding across the two sets: rule, object and field (messages name files and lines). */
export function findingKey(f: ManifestFinding): string {
  return `${f.rule} ${f.kind} ${f.namespace}/${f.name} ${f.field}`;
}

const ORDER = [EntryChangeKind.ADDED, EntryChangeKind.SCOPE, EntryChangeKind.REPOINTED, EntryChangeKind.TLS_LOST,
  EntryChangeKind.SOURCE_RANGES, EntryChangeKind.TRAFFIC_POLICY, EntryChangeKind.REMOVED];

/**
 * Compares two summarized access maps and the findings of each set. The BASE findings are
 * given as keys (`findingKey`), so BASE can be dropped before HEAD is read.
 */
export function diffAccess(base: Map<string, EntrySummary>, head: Map<string, EntrySummary>,
  baseFindings: ReadonlyMap<string, number>, headFindings: readonly ManifestFinding[]): AccessDiff {
  const changes: EntryChange[] = [];
  const add = (change: EntryChangeKind, e: EntrySummary, extra: Partial<EntryChange>) =>
    changes.push({ change, scope: e.scope, kind: e.kind, entry: e.address, row: e.row, ...extra });
  for (const [k, h] of head) {
    const b = base.get(k);
    if (!b) {
      add(EntryChangeKind.ADDED, h, { after: h.backends });
      continue;
    }
    if (b.scope !== h.scope) {
      const was = b.row.scopeReason;
      add(EntryChangeKind.SCOPE, h, { detail: `${b.scope} -> ${h.scope}${h.row.scopeReason ? '' : was ? ` (was: ${was})` : ''}` });
    }
    const before = b.backends;
    const after = h.backends;
    if (before !== after) add(EntryChangeKind.REPOINTED, h, { before, after });
    if (b.tls && !h.tls) add(EntryChangeKind.TLS_LOST, h, { detail: `${b.row.entry.protocol} -> ${h.row.entry.protocol}` });
    if (b.sourceRanges !== h.sourceRanges) add(EntryChangeKind.SOURCE_RANGES, h, { detail: `${b.sourceRanges || 'any'} -> ${h.sourceRanges || 'any'}` });
    if (b.policy !== h.policy) add(EntryChangeKind.TRAFFIC_POLICY, h, { detail: `${b.policy || '-'} -> ${h.policy || '-'}` });
  }
  for (const [k, b] of base) {
    if (!head.has(k)) add(EntryChangeKind.REMOVED, b, { before: b.backends });
  }
  const rank = (c: EntryChange) => (c.scope === AccessScope.EXTERNAL ? 0 : 1) * 100 + ORDER.indexOf(c.change);
  changes.sort((a, b) => rank(a) - rank(b) || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));

  const remaining = new Map(baseFindings);
  const newFindings = headFindings.filter(f => {
    const k = findingKey(f);
    const n = remaining.get(k) ?? 0;
    if (n === 0) return true;
    remaining.set(k, n - 1);
    return false;
  });
  return { changes, newFindings };
}

/** The findings of a set as counted keys. */
export function findingKeys(findings: readonly ManifestFinding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) {
    const k = findingKey(f);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Where the objects a row names are (file, line), by `kind namespace/name`. */
export type Places = ReadonlyMap<string, { readonly file?: string; readonly line?: number; readonly location?: DocumentLocation }>;

/** The key of an object in `Places`. */
export function placeKey(kind: string, namespace: string, name: string): string {
  return `${kind} ${namespace}/${name}`;
}

/**
 * The findings of rule `exposure-external-added`: one per external entry point new in HEAD
 * (added, or a load balancer made internet-facing), on the route object or the Service.
 * Its severity comes from the settings only: no annotation in the manifests exempts it.
 */
export function exposureFindings(d: AccessDiff, config: RuleConfig, places: Places): ManifestFinding[] {
  const set = config.rules[EXPOSURE_EXTERNAL_ADDED.id];
  if (set === RuleSeverity.OFF) return [];
  let severity = set === RuleSeverity.ERROR ? Severity.ERROR : set === RuleSeverity.WARNING ? Severity.WARNING : EXPOSURE_EXTERNAL_ADDED.severity;
  if (config.warningsAsErrors) severity = Severity.ERROR;
  return d.changes
    .filter(c => c.scope === AccessScope.EXTERNAL && (c.change === EntryChangeKind.ADDED || c.change === EntryChangeKind.SCOPE))
    .map(c => {
      const p = c.row.path;
      const on = p.route ?? p.service;
      const field = p.route ? 'spec.rules' : c.kind === EntryKind.EXTERNAL_IP ? 'spec.externalIPs' : 'spec.type';
      const place = places.get(placeKey(on.kind, on.namespace, on.name));
      // the field's line and column, from where the object was read (its document is parsed again)
      const at = place?.location === undefined ? undefined : positionAt(place.location, parseFieldPath(field));
      const line = at?.line ?? place?.line;
      return {
        rule: EXPOSURE_EXTERNAL_ADDED.id,
        severity,
        kind: on.kind,
        namespace: on.namespace,
        name: on.name,
        field,
        path: field.split('.'),
        type: FindingType.FORBIDDEN,
        message: c.change === EntryChangeKind.ADDED
          ? `new external entry point ${c.entry} -> ${c.after}`
          : `entry point ${c.entry} is now reachable from outside the cluster (${c.detail})`,
        fix: 'if it is meant to be public, have the change approved; otherwise make the Service ClusterIP, or use an internal load balancer',
        ...(place?.file !== undefined ? { file: place.file } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(at !== undefined ? { column: at.column } : {}),
        ...(place?.line !== undefined ? { objectLine: place.line } : {}),
      };
    });
}
