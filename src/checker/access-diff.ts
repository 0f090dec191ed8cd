import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'zlib';
import { ManifestFinding } from './check';
import { DocumentLocation, positionAt } from './positions';
import { AccessPath, AccessRow, AccessScope, EntryKind, RouteMatch, ServiceAccess, gatewayAddress } from './routes';
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
  /**
   * A Gateway route entry (one listener and match): its hostnames in groups, each group with the
   * backends its hostnames reach. Factored as the rows are: a group is a row's hostname set.
   */
  readonly groups?: HostGroup[];
  /** The match of a Gateway route entry (none: a TLS, TCP or UDP route). */
  readonly match?: RouteMatch;
}

/** Where a summary finds the row of an entry when a change needs it. */
interface RowSource {
  row(at: number): AccessRow;
}

/**
 * The rows of a summary, kept as JSON text deflated in batches: a row's objects (entry, path,
 * workloads) took over a third of a 200k-object summary's memory, its JSON text over half of
 * what was left, and only a changed entry needs its row. The rows of one Service are one text,
 * each path written once (a Service port's rows share their path: it was 55% of the text),
 * and a batch holds `BATCH` Services. The last batch and Service read are kept: the changes
 * of a diff come in the summary's order. BASE's rows are kept so: its objects are dropped
 * before HEAD is read.
 */
class RowStore implements RowSource {
  private static readonly BATCH = 64;
  private readonly packed: Buffer[] = [];
  private open: string[] = [];
  /** The rows added since the last `endService`. */
  private pending: AccessRow[] = [];
  private count = 0;
  /** Per Service kept: the number of its first row. */
  private readonly starts: number[] = [];
  private lastBatch?: { readonly batch: number; readonly texts: string[] };
  private lastService?: { readonly service: number; readonly paths: AccessPath[]; readonly rows: Array<AccessRow | StoredRow> };

  /** Keeps a row of the Service being added; returns its number. */
  public add(r: AccessRow): number {
    this.pending.push(r);
    return this.count++;
  }

  /** Writes the rows added since the last call as one text: the Service's, each path once. */
  public endService(): void {
    if (this.pending.length === 0) return;
    const paths: AccessPath[] = [];
    const index = new Map<AccessPath, number>();
    const rows: StoredRow[] = [];
    for (const r of this.pending) {
      let i = index.get(r.path);
      if (i === undefined) {
        index.set(r.path, i = paths.length);
        paths.push(r.path);
      }
      rows.push({ ...r, path: i }); // the path's number where the path was: the keys keep their order
    }
    this.starts.push(this.count - this.pending.length);
    this.pending = [];
    this.open.push(JSON.stringify([paths, rows]));
    if (this.open.length === RowStore.BATCH) this.seal();
  }

  /** Deflates the open batch. */
  public seal(): void {
    this.endService();
    if (this.open.length === 0) return;
    // JSON text holds no raw newline: one Service a line
    this.packed.push(deflateRawSync(this.open.join('\n'), { level: zlibConstants.Z_BEST_SPEED }));
    this.open = [];
  }

  /** The row of a number `add` returned (after its Service's `endService`). */
  public row(at: number): AccessRow {
    const service = lastAtMost(this.starts, at);
    if (this.lastService?.service !== service) {
      const batch = Math.floor(service / RowStore.BATCH);
      const i = service % RowStore.BATCH;
      let text: string;
      if (batch === this.packed.length) {
        text = this.open[i];
      } else {
        if (this.lastBatch?.batch !== batch) this.lastBatch = { batch, texts: inflateRawSync(this.packed[batch]).toString('utf8').split('\n') };
        text = this.lastBatch.texts[i];
      }
      const [paths, rows] = JSON.parse(text);
      this.lastService = { service, paths, rows };
    }
    const { paths, rows } = this.lastService;
    const r = rows[at - this.starts[service]];
    if (typeof r.path === 'number') (r as { path: unknown }).path = paths[r.path];
    return r as AccessRow;
  }
}

/** A row as kept: its path's number among its Service's paths. */
type StoredRow = Omit<AccessRow, 'path'> & { path: number };

/** The index of the last number of an ascending list that is at most `n` (the list starts at or below `n`). */
function lastAtMost(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sorted[mid] <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The Services of a set still held, each mapped again on demand (`AccessMapper.at`). */
export interface ServiceSource {
  at(i: number): ServiceAccess;
}

/**
 * The rows of HEAD's summary, kept as where they are (Service number, row number): HEAD's
 * objects are held until the diff is made, so the few rows a change shows are mapped again
 * instead of every row being kept.
 */
class RowPlaces implements RowSource {
  private readonly places: number[] = [];
  private last?: { readonly service: number; readonly rows: readonly AccessRow[] };

  constructor(private readonly services: ServiceSource) {}

  /** Keeps where a row is; returns its number. */
  public add(service: number, row: number): number {
    this.places.push(service, row);
    return this.places.length / 2 - 1;
  }

  public row(at: number): AccessRow {
    const service = this.places[2 * at];
    if (this.last?.service !== service) this.last = { service, rows: this.services.at(service).rows };
    return this.last.rows[this.places[2 * at + 1]];
  }
}

/** An entry's summary, its row in the summary's `RowSource`. */
class Summary implements EntrySummary {
  public readonly kind: EntryKind;
  public readonly scope: AccessScope;
  public backends: string;
  public readonly tls: boolean;
  public readonly sourceRanges: string;
  public readonly policy: string;

  /**
   * `like`: BASE's summary of the entry, when this is HEAD's: its strings are used where they
   * are equal, so an unchanged entry costs HEAD no text.
   */
  constructor(public readonly key: string, r: AccessRow, backend: string, private readonly source: RowSource,
    private readonly at: number, like: Summary | undefined) {
    this.kind = r.entry.kind;
    this.scope = r.scope;
    this.backends = like?.backends === backend ? like.backends : flat(backend);
    this.tls = r.entry.tls;
    const ranges = r.entry.sourceRanges ? r.entry.sourceRanges.slice().sort().join(', ') : '';
    this.sourceRanges = like?.sourceRanges === ranges ? like.sourceRanges : flat(ranges);
    this.policy = r.entry.externalTrafficPolicy ?? '';
  }

  /** Read from the row: only a change shows it. */
  public get address(): string {
    return this.row.address;
  }

  public get row(): AccessRow {
    return this.source.row(this.at);
  }
}

/** Hostnames of one Gateway route row that share their backends. */
export interface HostGroup {
  /** The hostnames (one empty name for a route without hostnames). */
  readonly hosts: readonly string[];
  /** The backends, as `backendOf` writes them. */
  readonly backends: string[];
  readonly row: AccessRow;
}

/** The hostnames of a TCPRoute or UDPRoute row: none, one group. */
const NO_HOST: readonly string[] = [''];

/** The identity of an entry point, whatever its backend (a Gateway route row: that of its first match; `summarize` keys each match). */
export function entryKey(r: AccessRow): string {
  const e = r.entry;
  const p = r.path;
  const svcPort = `${p.service.namespace}/${p.service.name}:${p.servicePort ?? p.servicePortName ?? ''}/${e.protocol}`;
  switch (e.kind) {
    case EntryKind.INGRESS:
      return `ingress ${e.host} ${e.path} ${e.pathMatch}`;
    case EntryKind.GATEWAY:
      return gatewayKey(r, e.matches?.[0]);
    case EntryKind.NODE_PORT:
      return e.port === undefined ? `node-port ${svcPort}` : `node-port ${e.port}/${e.protocol}`;
    case EntryKind.EXTERNAL_IP:
      return `external-ip ${e.host}:${e.port}/${e.protocol}`;
    default:
      return `${e.kind} ${svcPort}`;
  }
}

/** The identity of a Gateway route entry, whatever its hostnames: Gateway, listener, match. */
function gatewayKey(r: AccessRow, m: RouteMatch | undefined): string {
  const p = r.path;
  return `gateway ${p.gateway?.namespace}/${p.gateway?.name} ${p.listener ?? ''} ${r.entry.protocol} ${m ? `${m.path} ${m.pathMatch}` : ''}`;
}

/** Records a Gateway route row: under each of its matches, its hostnames as one group (never one entry per hostname and match). */
function summarizeGateway(out: Map<string, EntrySummary>, r: AccessRow, backend: string): void {
  const hosts = r.entry.hosts ?? (r.entry.host !== undefined ? [r.entry.host] : NO_HOST);
  for (const match of r.entry.matches ?? [undefined]) {
    const k = gatewayKey(r, match);
    let e = out.get(k);
    if (e === undefined) {
      e = { kind: r.entry.kind, scope: r.scope, backends: '', tls: r.entry.tls, sourceRanges: '', policy: '', address: r.address, row: r, groups: [], ...(match ? { match } : {}) };
      out.set(k, e);
    }
    let g = e.groups!.find(x => x.hosts === hosts);
    if (g === undefined) e.groups!.push(g = { hosts, backends: [], row: r });
    if (!g.backends.includes(backend)) g.backends.push(backend);
  }
}

/** The backends of each hostname of a Gateway route entry. */
function perHost(e: EntrySummary | undefined): Map<string, { backends: string[]; row: AccessRow }> {
  const out = new Map<string, { backends: string[]; row: AccessRow }>();
  for (const g of e?.groups ?? []) {
    for (const host of g.hosts) {
      let found = out.get(host);
      if (found === undefined) out.set(host, found = { backends: [], row: g.row });
      for (const b of g.backends) if (!found.backends.includes(b)) found.backends.push(b);
    }
  }
  for (const v of out.values()) v.backends.sort();
  return out;
}

/** A change of Gateway route entries being gathered: its hostnames, and the matches it concerns. */
interface PendingChange {
  readonly change: EntryChangeKind;
  readonly e: EntrySummary;
  readonly row: AccessRow;
  readonly hosts: readonly string[];
  readonly matches: RouteMatch[];
  readonly before?: string;
  readonly after?: string;
  readonly detail?: string;
}

/**
 * The changes of one Gateway route entry (listener and match), hostname by hostname, gathered by
 * kind of change, backends, route and hostname set: the matches of one change are a set too, so one
 * hostname added to a route of M matches on L listeners is L changes, not L x M.
 */
function gatewayChanges(b: EntrySummary | undefined, h: EntrySummary | undefined, pending: Map<string, PendingChange>): void {
  const before = perHost(b);
  const after = perHost(h);
  type Bucket = { change: EntryChangeKind; hosts: string[]; row: AccessRow; before?: string; after?: string; detail?: string };
  const buckets = new Map<string, Bucket>();
  const put = (change: EntryChangeKind, host: string, row: AccessRow, was?: string, now?: string) => {
    const k = `${change}\n${was ?? ''}\n${now ?? ''}`;
    const found = buckets.get(k);
    if (found) found.hosts.push(host);
    else buckets.set(k, { change, hosts: [host], row, ...(was !== undefined ? { before: was } : {}), ...(now !== undefined ? { after: now } : {}) });
  };
  const common: string[] = [];
  for (const [host, x] of after) {
    const y = before.get(host);
    const now = x.backends.join('; ');
    if (y === undefined) {
      put(EntryChangeKind.ADDED, host, x.row, undefined, now);
      continue;
    }
    common.push(host);
    const was = y.backends.join('; ');
    if (was !== now) put(EntryChangeKind.REPOINTED, host, x.row, was, now);
  }
  for (const [host, y] of before) if (!after.has(host)) put(EntryChangeKind.REMOVED, host, y.row, y.backends.join('; '));
  const tls: Bucket[] = b && h && b.tls && !h.tls && common.length
    ? [{ change: EntryChangeKind.TLS_LOST, hosts: common, row: h.row, detail: `${b.row.entry.protocol} -> ${h.row.entry.protocol}` }] : [];
  const match = (h ?? b)!.match;
  for (const x of [...buckets.values(), ...tls]) {
    const e = x.change === EntryChangeKind.REMOVED ? b! : h!;
    const p = x.row.path;
    const k = [x.change, p.gateway?.namespace, p.gateway?.name, p.listener, x.row.entry.protocol, p.route?.kind, p.route?.namespace, p.route?.name,
      x.hosts.join(','), x.before ?? '', x.after ?? '', x.detail ?? ''].join('\n');
    const found = pending.get(k);
    if (found) {
      if (match) found.matches.push(match);
      continue;
    }
    pending.set(k, { ...x, e, matches: match ? [match] : [] });
  }
}

/** The gathered changes of Gateway route entries, each written with its hostnames and matches as sets. */
function flushGatewayChanges(pending: Map<string, PendingChange>,
  add: (change: EntryChangeKind, e: EntrySummary, extra: Partial<EntryChange>) => void): void {
  for (const x of pending.values()) {
    const hosts = x.hosts.length === 1 && x.hosts[0] === '' && x.row.entry.hosts === undefined ? undefined : x.hosts;
    const extra = {
      ...(x.before !== undefined ? { before: x.before } : {}),
      ...(x.after !== undefined ? { after: x.after } : {}),
      ...(x.detail !== undefined ? { detail: x.detail } : {}),
    };
    const entry = gatewayAddress(x.row.entry, x.row.path, hosts, x.matches.length ? x.matches : undefined);
    add(x.change, { ...x.e, row: x.row }, { entry, ...extra });
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
  return s === '' ? s : JSON.parse(JSON.stringify(s));
}

/** The entry points of an access map, by identity. */
export function summarize(services: readonly ServiceAccess[]): Map<string, EntrySummary> {
  const x = summarizer();
  services.forEach((s, i) => x.add(s, i));
  return x.done();
}

/**
 * @internal
 * `summarize` one Service at a time: `add` each with its number in the map's order (its rows
 * can go once added), then `done`. Without `head`, every row is kept (BASE, whose objects are
 * dropped next). With `head` (HEAD's Services, still held, and BASE's summary), rows are kept as
 * where they are (the Service's number and the row's), so the summary is valid only while those
 * Services are held.
 */
export function summarizer(head?: { readonly services: ServiceSource; readonly base: ReadonlyMap<string, EntrySummary> }):
{ add: (s: ServiceAccess, index: number) => void; done: () => Map<string, EntrySummary> } {
  const out = new Map<string, EntrySummary>();
  const store = head ? undefined : new RowStore();
  const places = head ? new RowPlaces(head.services) : undefined;
  let shared: Map<string, string[]> | undefined; // the entries with more than one backend (weighted backends, a nodePort conflict)
  const add = (s: ServiceAccess, index: number) => {
    const rows = s.rows;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r.entry.kind === EntryKind.GATEWAY) {
        summarizeGateway(out, r, flat(backendOf(r)));
        continue;
      }
      const k = entryKey(r);
      const found = out.get(k);
      const backend = backendOf(r);
      if (found) {
        shared = shared ?? new Map();
        const key = (found as Summary).key;
        const all = shared.get(key) ?? [found.backends];
        if (!all.includes(backend)) all.push(flat(backend));
        shared.set(key, all);
        continue;
      }
      const like = head?.base.get(k);
      const same = like instanceof Summary ? like : undefined;
      const key = same?.key ?? flat(k);
      out.set(key, places !== undefined
        ? new Summary(key, r, backend, places, places.add(index, i), same)
        : new Summary(key, r, backend, store!, store!.add(r), undefined));
    }
    store?.endService();
  };
  const done = () => {
    store?.seal();
    for (const [k, all] of shared ?? []) out.get(k)!.backends = all.sort().join('; ');
    return out;
  };
  return { add, done };
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
export function diffAccess(base: ReadonlyMap<string, EntrySummary>, head: ReadonlyMap<string, EntrySummary>,
  baseFindings: ReadonlyMap<string, number>, headFindings: readonly ManifestFinding[]): AccessDiff {
  const changes: EntryChange[] = [];
  const pending = new Map<string, PendingChange>(); // the Gateway route changes, gathered across matches
  const add = (change: EntryChangeKind, e: EntrySummary, extra: Partial<EntryChange>) =>
    changes.push({ change, scope: e.scope, kind: e.kind, entry: e.address, row: e.row, ...extra });
  for (const [k, h] of head) {
    const b = base.get(k);
    if (h.groups !== undefined) {
      gatewayChanges(b, h, pending);
      continue;
    }
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
    if (head.has(k)) continue;
    if (b.groups !== undefined) gatewayChanges(b, undefined, pending);
    else add(EntryChangeKind.REMOVED, b, { before: b.backends });
  }
  flushGatewayChanges(pending, add);
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
