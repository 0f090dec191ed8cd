import { AccessDiff, EntryChange, EntryChangeKind } from '../checker/access-diff';
import { ManifestFinding } from '../checker/check';
import { AccessRow, AccessScope, EntryKind, ServiceAccess } from '../checker/routes';

/*
 * The access map and its diff for people: a pull-request comment in Markdown with a Mermaid
 * flowchart (entry -> route -> Service -> workload). Every name and host comes from a
 * manifest the pull request's author wrote, so every one is escaped for where it lands: HTML
 * entities in Markdown (no `|`, `<`, backtick or newline survives), Mermaid entity codes in
 * quoted labels, node ids of our own. Sizes stay under GitHub's comment limit (65,536) and
 * Mermaid's defaults (maxTextSize 50,000, maxEdges 500).
 */

/** GitHub refuses a comment body longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Mermaid's default `maxTextSize` and `maxEdges`. */
export const MERMAID_MAX_TEXT = 50_000;
export const MERMAID_MAX_EDGES = 500;
/** What the comment keeps: table rows, characters per cell, the graph's share. */
const MAX_ROWS = 50;
const MAX_FINDINGS = 10;
const CELL = 160;
const GRAPH_TEXT = 15_000;
const GRAPH_EDGES = 400;

const PLAIN = /[A-Za-z0-9 .,:/=@+%-]/;

/** Escapes text for Markdown (a table cell or a paragraph): every character that could be markup becomes an HTML entity; at most `max` characters out. */
export function markdownText(s: string, max: number = CELL): string {
  let out = '';
  for (const ch of s.replace(/[\r\n\t\u2028\u2029]+/g, ' ')) {
    const piece = PLAIN.test(ch) ? ch : `&#${ch.codePointAt(0)};`;
    if (out.length + piece.length > max - 1) return `${out}…`;
    out += piece;
  }
  return out;
}

/** Escapes text for a quoted Mermaid label: Mermaid's `#code;` entities for everything but plain characters. */
export function mermaidText(s: string, max: number = 80): string {
  let out = '';
  for (const ch of s.replace(/[\r\n\t\u2028\u2029]+/g, ' ')) {
    const piece = PLAIN.test(ch) ? ch : `#${ch.codePointAt(0)};`;
    if (out.length + piece.length > max - 1) return `${out}…`;
    out += piece;
  }
  return out;
}

/** How an edge of the graph changed. */
export type EdgeMark = 'added' | 'removed' | 'changed' | undefined;

/** A row to draw, and how its edges changed. */
export interface GraphItem {
  readonly row: AccessRow;
  readonly mark?: EdgeMark;
}

/** The nodes (by our own ids) and edges of rows: entry -> route -> Service -> workloads. */
export interface AccessGraph {
  readonly nodes: Array<{ id: string; label: string; kind: 'entry' | 'route' | 'service' | 'workload'; external: boolean }>;
  readonly edges: Array<{ from: string; to: string; mark: EdgeMark }>;
  /** Rows left out to stay under the limits. */
  readonly omitted: number;
}

/** Builds the graph of the rows, up to `maxEdges` edges. */
export function accessGraph(items: readonly GraphItem[], maxEdges: number = GRAPH_EDGES): AccessGraph {
  const nodes: AccessGraph['nodes'] = [];
  const edges: AccessGraph['edges'] = [];
  const ids = new Map<string, string>();
  const edgeKeys = new Set<string>();
  const node = (k: string, label: string, kind: AccessGraph['nodes'][number]['kind'], external: boolean) => {
    let id = ids.get(k);
    if (id === undefined) {
      id = `n${ids.size}`;
      ids.set(k, id);
      nodes.push({ id, label, kind, external });
    }
    return id;
  };
  let omitted = 0;
  for (const { row, mark } of items) {
    const p = row.path;
    const chain: string[] = [node(`e ${row.address}`, entryLabel(row), 'entry', row.scope === AccessScope.EXTERNAL)];
    if (p.route) chain.push(node(`r ${p.route.kind} ${p.route.namespace}/${p.route.name}`, `${p.route.kind} ${p.route.namespace}/${p.route.name}`, 'route', false));
    chain.push(node(`s ${p.service.namespace}/${p.service.name}`, `Service ${p.service.namespace}/${p.service.name}`, 'service', false));
    const tails = p.externalName !== undefined ? [node(`x ${p.externalName}`, `egress ${p.externalName}`, 'workload', false)]
      : p.workloads.map(w => node(`w ${w.workload.kind} ${w.workload.namespace}/${w.workload.name}`, `${w.workload.kind} ${w.workload.namespace}/${w.workload.name}`, 'workload', false));
    const wanted: Array<{ from: string; to: string }> = [];
    for (let i = 0; i + 1 < chain.length; i++) wanted.push({ from: chain[i], to: chain[i + 1] });
    for (const t of tails) wanted.push({ from: chain[chain.length - 1], to: t });
    const fresh = wanted.filter(e => !edgeKeys.has(`${e.from} ${e.to}`));
    if (edges.length + fresh.length > maxEdges) {
      omitted++;
      continue;
    }
    for (const e of fresh) {
      edgeKeys.add(`${e.from} ${e.to}`);
      edges.push({ ...e, mark });
    }
  }
  // nodes of omitted rows that no edge uses are dropped
  const used = new Set(edges.flatMap(e => [e.from, e.to]));
  return { nodes: nodes.filter(n => used.has(n.id)), edges, omitted };
}

function entryLabel(r: AccessRow): string {
  const e = r.entry;
  switch (e.kind) {
    case EntryKind.INGRESS:
    case EntryKind.GATEWAY:
      return `${e.tls ? 'https' : 'http'}://${e.host ?? '*'}${e.port !== undefined && e.port !== 80 && e.port !== 443 ? `:${e.port}` : ''}${e.path ?? ''}${e.pathMatch === 'Prefix' ? ' [prefix]' : ''}`;
    case EntryKind.NODE_PORT:
      return `nodePort ${e.port ?? '(allocated)'}/${e.protocol}`;
    case EntryKind.LOAD_BALANCER:
      return `load balancer :${e.port}/${e.protocol}${r.scope === AccessScope.CLUSTER ? ' (internal)' : ''}`;
    case EntryKind.EXTERNAL_IP:
      return `${e.host}:${e.port}/${e.protocol}`;
    default:
      return `${e.host ?? ''}:${e.port ?? ''}`;
  }
}

/** The graph as a Mermaid flowchart, under `maxText` characters (rows beyond it summarized in a note node). */
export function mermaidFlowchart(g: AccessGraph, maxText: number = GRAPH_TEXT): string {
  const lines = ['flowchart LR'];
  let size = lines[0].length + 1;
  const shape = (n: AccessGraph['nodes'][number]) => {
    const label = `"${mermaidText(n.label)}"`;
    return n.kind === 'entry' ? `${n.id}([${label}])` : n.kind === 'route' ? `${n.id}{{${label}}}` : n.kind === 'service' ? `${n.id}[${label}]` : `${n.id}[(${label})]`;
  };
  const arrow = (m: EdgeMark) => (m === 'added' ? ' == "added" ==> ' : m === 'removed' ? ' -. "removed" .-> ' : m === 'changed' ? ' == "changed" ==> ' : ' --> ');
  const declared = new Set<string>();
  let omittedEdges = 0;
  const styled: number[] = [];
  let edgeIndex = 0;
  const nodeById = new Map(g.nodes.map(n => [n.id, n]));
  for (const e of g.edges) {
    const line = `  ${declared.has(e.from) ? e.from : shape(nodeById.get(e.from)!)}${arrow(e.mark)}${declared.has(e.to) ? e.to : shape(nodeById.get(e.to)!)}`;
    if (size + line.length + 200 > maxText) {
      omittedEdges++;
      continue;
    }
    declared.add(e.from);
    declared.add(e.to);
    lines.push(line);
    size += line.length + 1;
    if (e.mark === 'added' || e.mark === 'changed') styled.push(edgeIndex);
    edgeIndex++;
  }
  const external = g.nodes.filter(n => n.kind === 'entry' && n.external && declared.has(n.id)).map(n => n.id);
  if (external.length) lines.push('  classDef external stroke:#c00,stroke-width:2px', `  class ${external.join(',')} external`);
  if (styled.length) lines.push(`  linkStyle ${styled.join(',')} stroke:#c00,stroke-width:3px`);
  if (g.omitted + omittedEdges > 0) lines.push(`  more["${g.omitted} more entry points and ${omittedEdges} more edges not drawn"]`);
  return lines.join('\n');
}

function changeMark(c: EntryChange): EdgeMark {
  return c.change === EntryChangeKind.ADDED ? 'added' : c.change === EntryChangeKind.REMOVED ? 'removed' : 'changed';
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function changeBackend(c: EntryChange): string {
  return c.change === EntryChangeKind.ADDED ? `→ ${c.after}` : c.change === EntryChangeKind.REMOVED ? `was → ${c.before}`
    : c.change === EntryChangeKind.REPOINTED ? `${c.before} ⇒ ${c.after}` : c.detail ?? '';
}

/**
 * The pull-request comment of a diff: summary line, the settings line (when given), table (at
 * most 50 rows), new findings, and the Mermaid flowchart.
 */
export function markdownComment(d: AccessDiff, summary: string, settings?: string): string {
  const out: string[] = ['### cdk8s-expose: what this change exposes', '', `**${markdownText(summary, 400)}**`, ''];
  if (settings !== undefined) out.push(markdownText(settings, 4000), '');
  if (d.changes.length > 0) {
    out.push('| scope | change | entry | backend |', '| --- | --- | --- | --- |');
    for (const c of d.changes.slice(0, MAX_ROWS)) {
      out.push(`| ${c.scope === AccessScope.EXTERNAL ? '**external**' : 'cluster'} | ${c.change} | ${markdownText(c.entry)} | ${markdownText(changeBackend(c))} |`);
    }
    const rest = d.changes.slice(MAX_ROWS);
    if (rest.length > 0) {
      const ext = rest.filter(c => c.scope === AccessScope.EXTERNAL).length;
      out.push('', `…and ${plural(rest.length, 'more change')} (${ext} external) not listed: \`cdk8s-expose diff\` prints them all.`);
    }
    out.push('');
  }
  if (d.newFindings.length > 0) {
    out.push(`New findings in this change (${d.newFindings.length}):`, '');
    for (const f of d.newFindings.slice(0, MAX_FINDINGS)) out.push(`- ${f.severity} \`${f.rule}\`: ${findingText(f)}`);
    if (d.newFindings.length > MAX_FINDINGS) out.push(`- …and ${d.newFindings.length - MAX_FINDINGS} more`);
    out.push('');
  }
  if (d.changes.length > 0) {
    const graph = mermaidFlowchart(accessGraph(d.changes.map(c => ({ row: c.row, mark: changeMark(c) }))));
    out.push('```mermaid', graph, '```', '');
  }
  const text = out.join('\n');
  return text.length < GITHUB_COMMENT_LIMIT ? text : text.slice(0, GITHUB_COMMENT_LIMIT - 200).replace(/[^\n]*$/, '') + '\n…(cut at GitHub\'s comment limit)\n';
}

function findingText(f: ManifestFinding): string {
  return markdownText(`${f.kind} ${f.namespace}/${f.name} ${f.field}: ${f.message}`, 400);
}

/** `routes --format mermaid`: the graph of every external entry and each Service's cluster DNS name. */
export function routesMermaid(services: readonly ServiceAccess[]): string {
  const drawn = (r: AccessRow) => r.scope === AccessScope.EXTERNAL || r.entry.kind === EntryKind.CLUSTER_DNS;
  const items = services.flatMap(s => s.rows.filter(drawn).map(row => ({ row })));
  return mermaidFlowchart(accessGraph(items, MERMAID_MAX_EDGES - 10), MERMAID_MAX_TEXT - 1000) + '\n';
}
