import { AccessGraph, accessGraph, GraphItem } from './access-markdown';
import { AccessScope, EntryKind, ServiceAccess } from '../checker/routes';

/*
 * `routes --format html` and `--format dot`: the access map as a picture. The HTML page is
 * self-contained (no script, no network: inline CSS and an SVG we lay out ourselves, four
 * columns entry -> route -> Service -> workload) with the table beside it. Every string
 * from a manifest is escaped for where it lands.
 */

/** Escapes text for HTML element content and quoted attributes. */
export function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`).replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** Escapes text for a quoted DOT string. */
export function dotText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** The rows drawn: every external entry and each Service's cluster DNS name. */
function drawnItems(services: readonly ServiceAccess[]): GraphItem[] {
  return services.flatMap(s => s.rows.filter(r => r.scope === AccessScope.EXTERNAL || r.entry.kind === EntryKind.CLUSTER_DNS).map(row => ({ row })));
}

/** `routes --format dot`: a Graphviz digraph, left to right. */
export function routesDot(services: readonly ServiceAccess[]): string {
  const g = accessGraph(drawnItems(services), Number.MAX_SAFE_INTEGER);
  const shape = { entry: 'ellipse', route: 'hexagon', service: 'box', workload: 'cylinder' } as const;
  return [
    'digraph access {',
    '  rankdir=LR;',
    ...g.nodes.map(n => `  ${n.id} [shape=${shape[n.kind]}, label="${dotText(n.label)}"${n.external ? ', color=red' : ''}];`),
    ...g.edges.map(e => `  ${e.from} -> ${e.to};`),
    '}',
    '',
  ].join('\n');
}

const COLUMN_WIDTH = 300;
const BOX_WIDTH = 260;
const ROW_HEIGHT = 36;
const BOX_HEIGHT = 26;
const MARGIN = 16;
/** Characters that fit a box at 12px monospace (7.2px a character). */
const BOX_CHARS = 34;

function fit(label: string): string {
  return label.length <= BOX_CHARS ? label : `${label.slice(0, BOX_CHARS - 1)}…`;
}

/** The SVG of a graph: four columns, nodes in order of first use, edges as curves. */
export function svgOf(g: AccessGraph): string {
  const column = { entry: 0, route: 1, service: 2, workload: 3 } as const;
  const counts = [0, 0, 0, 0];
  const at = new Map<string, { x: number; y: number }>();
  for (const n of g.nodes) {
    const c = column[n.kind];
    at.set(n.id, { x: MARGIN + c * COLUMN_WIDTH, y: MARGIN + counts[c]++ * ROW_HEIGHT });
  }
  const width = MARGIN * 2 + 3 * COLUMN_WIDTH + BOX_WIDTH;
  const height = MARGIN * 2 + Math.max(1, ...counts) * ROW_HEIGHT;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="access map">`];
  for (const e of g.edges) {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const x1 = a.x + BOX_WIDTH;
    const y1 = a.y + BOX_HEIGHT / 2;
    const x2 = b.x;
    const y2 = b.y + BOX_HEIGHT / 2;
    const mid = (x1 + x2) / 2;
    out.push(`<path class="edge" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}"/>`);
  }
  for (const n of g.nodes) {
    const p = at.get(n.id)!;
    out.push(`<g class="node ${n.kind}${n.external ? ' external' : ''}"><title>${htmlText(n.label)}</title>`
      + `<rect x="${p.x}" y="${p.y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="6"/>`
      + `<text x="${p.x + 8}" y="${p.y + 17}">${htmlText(fit(n.label))}</text></g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:16px;color:#111}
main{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:0;overflow:auto;max-width:100%}
svg text{font:12px monospace;fill:#111}
svg rect{fill:#f4f6fa;stroke:#8893a8}
svg .external rect{fill:#fff0f0;stroke:#c00;stroke-width:2}
svg .edge{fill:none;stroke:#8893a8;stroke-width:1.5}
table{border-collapse:collapse;font:12px monospace}
td,th{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}
.external td:first-child{color:#c00;font-weight:bold}`;

/** `routes --format html`: the self-contained page, the graph with the table beside it. */
export function routesHtml(services: readonly ServiceAccess[]): string {
  const g = accessGraph(drawnItems(services), Number.MAX_SAFE_INTEGER);
  const rows = services.flatMap(s => s.rows.map(r => `<tr class="${r.scope}"><td>${r.scope}</td><td>${htmlText(`${s.namespace}/${s.name}`)}</td>`
    + `<td>${r.entry.kind}</td><td>${htmlText(r.address)}</td><td>${htmlText(r.target)}</td></tr>`));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>cdk8s-expose: access map</title><style>${STYLE}</style></head>
<body><h1>Access map</h1>
<main><figure>${svgOf(g)}</figure>
<table><thead><tr><th>scope</th><th>service</th><th>via</th><th>entry</th><th>target</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></main></body></html>
`;
}
