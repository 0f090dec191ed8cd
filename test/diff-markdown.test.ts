import * as fs from 'fs';
import * as path from 'path';
import { cli } from './util';
import { GITHUB_COMMENT_LIMIT, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, markdownText, mermaidText } from '../src/cli/access-markdown';

/*
 * The pull-request comment of `diff --format markdown` and `routes --format mermaid`: what a
 * reviewer reads, within GitHub's and Mermaid's limits, and no markup from a manifest.
 */

const ROOT = path.resolve(__dirname, '..');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-md-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, objects: object[]): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, objects.map(o => JSON.stringify(o)).join('\n')); // a JSON stream: kubectl reads a file that starts with { as one
  return file;
}

function app(name: string, type = 'ClusterIP', extra: object = {}): object[] {
  const labels = { app: name };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'example/app:1', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...extra } },
  ];
}

function ingress(host: string, p: string): object {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: { rules: [{ host, http: { paths: [{ path: p, pathType: 'Exact', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] },
  };
}

/** The lines of the Mermaid block. */
function mermaidBlock(out: string): string[] {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(out);
  if (!m) throw new Error('no mermaid block');
  return m[1].split('\n');
}

/** A Mermaid line we write: a node or edge with quoted labels, class and style lines, nothing else. */
const LABEL = '"[^"`<>|\\n]*"';
const NODE = `n\\d+(?:\\(\\[${LABEL}\\]\\)|\\{\\{${LABEL}\\}\\}|\\[${LABEL}\\]|\\[\\(${LABEL}\\)\\])?`;
const MERMAID_LINE = new RegExp(`^(?:flowchart LR|  ${NODE}(?: --> | == "(?:added|changed)" ==> | -\\. "removed" \\.-> )${NODE}|  classDef external .*|  class [n\\d,]+ external|  linkStyle [\\d,]+ .*|  more\\["\\d+ more entry points and \\d+ more edges not drawn"\\])$`);

describe('diff --format markdown', () => {
  test('fails when a NodePort is added: the summary, the row and the added edges', () => {
    const r = cli('diff', '--format', 'markdown', write('base', app('web')), write('head', app('web', 'NodePort', { ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] })));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      '### cdk8s-expose: what this change exposes',
      '',
      '**1 new external entry point, 0 new findings**',
      '',
      'settings: config file none, no rule or setting changed from its default',
      '',
      '| scope | change | entry | backend |',
      '| --- | --- | --- | --- |',
      '| **external** | added | &#60;node-ip&#62;:30080 | &#8594; Service default/web:80 -&#62; Deployment default/web:8080 |',
    ]);
    expect(mermaidBlock(r.out)).toEqual([
      'flowchart LR',
      '  n0(["nodePort 30080/TCP"]) == "added" ==> n1["Service default/web"]',
      '  n1 == "added" ==> n2[("Deployment default/web")]',
      '  classDef external stroke:#c00,stroke-width:2px',
      '  class n0 external',
      '  linkStyle 0,1 stroke:#c00,stroke-width:3px',
    ]);
  });

  test('fails when a manifest writes markup in a host and a path: nothing of it is markup in the comment or the graph', () => {
    const evil = '`x`|<script>alert(1)</script>-->[a](http://e)\n# h';
    const head = [...app('web'), ingress(`a${evil}.example.com`, `/${evil}`)];
    const r = cli('diff', '--format', 'markdown', write('evil-base', app('web')), write('evil-head', head));
    const table = r.out.split('\n').filter(l => l.startsWith('| '));
    expect(table.map(l => l.split('|').length)).toEqual(table.map(() => 6)); // 4 cells: no | from the manifest
    expect(r.out).not.toMatch(/<script|<\/script|\[a\]\(http/);
    const outsideFences = r.out.replace(/```mermaid\n[\s\S]*?\n```/, '');
    // the only code spans are ours: the rule ids of the new findings (the host and path are invalid)
    expect([...outsideFences.matchAll(/`([^`]*)`/g)].map(m => m[1])).toEqual(['ingress-host', 'ingress-paths']);
    expect(mermaidBlock(r.out).filter(l => !MERMAID_LINE.test(l))).toEqual([]);
    expect(r.out.split('\n').filter(l => l.startsWith('#'))).toEqual(['### cdk8s-expose: what this change exposes']);
  });

  test('holds when 1,000 Services become NodePorts: at most 50 rows, the rest summarized, under GitHub\'s and Mermaid\'s limits', () => {
    const base: object[] = [];
    const head: object[] = [];
    for (let i = 0; i < 1000; i++) {
      base.push(...app(`svc-${i}`));
      head.push(...app(`svc-${i}`, 'NodePort'));
    }
    const r = cli('diff', '--format', 'markdown', write('many-base', base), write('many-head', head));
    const rows = r.out.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| scope') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(50);
    expect(r.out).toContain('…and 950 more changes (950 external) not listed: `cdk8s-expose diff` prints them all.');
    expect(r.out.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    const graph = mermaidBlock(r.out);
    expect(graph.join('\n').length).toBeLessThan(MERMAID_MAX_TEXT);
    expect(graph.filter(l => / --> | ==> | \.-> /.test(l)).length).toBeLessThanOrEqual(MERMAID_MAX_EDGES);
    expect(graph[graph.length - 1]).toMatch(/^ {2}more\["\d+ more entry points and \d+ more edges not drawn"\]$/);
  });
});

describe('routes --format mermaid', () => {
  test('holds when a Service has a nodePort: its entry, Service and workload', () => {
    const r = cli('routes', '--format', 'mermaid', write('routes', app('web', 'NodePort', { ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] })));
    expect(r.out.split('\n')).toEqual([
      'flowchart LR',
      '  n0(["web.default.svc.cluster.local:80"]) --> n1["Service default/web"]',
      '  n1 --> n2[("Deployment default/web")]',
      '  n3(["nodePort 30080/TCP"]) --> n1',
      '  classDef external stroke:#c00,stroke-width:2px',
      '  class n3 external',
      '',
    ]);
  });
});

describe('escaping', () => {
  test.each([
    ['a|b', 'a&#124;b', 'a#124;b'],
    ['<script>', '&#60;script&#62;', '#60;script#62;'],
    ['a-->b', 'a--&#62;b', 'a--#62;b'],
    ['`x`', '&#96;x&#96;', '#96;x#96;'],
    ['a\nb', 'a b', 'a b'],
    ['"q"', '&#34;q&#34;', '#34;q#34;'],
  ])('holds when %j is escaped for Markdown and Mermaid', (raw, md, mm) => {
    expect([markdownText(raw), mermaidText(raw)]).toEqual([md, mm]);
  });
});

describe('routes --format html and dot', () => {
  const evil = '"x"<script>alert(1)</script>\\';
  const objects = () => [...app('web', 'NodePort', { ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }), ingress(`a${evil}.example.com`, `/${evil}`)];

  test('holds when the page is self-contained: no script, no network, the SVG and the table beside it', () => {
    const r = cli('routes', '--format', 'html', write('page', app('web', 'NodePort', { ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] })));
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/<script|<link|<img|@import|url\(|src=/);
    expect([...r.out.matchAll(/https?:\/\/[^\s"<]+/g)].map(m => m[0])).toEqual(['http://www.w3.org/2000/svg']); // the SVG namespace only
    expect([...r.out.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(m => m[1])).toEqual([
      'web.default.svc.cluster.local:80', 'Service default/web', 'Deployment default/web', 'nodePort 30080/TCP',
    ]);
    expect([...r.out.matchAll(/<tr class="(\w+)"><td>\w+<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map(m => m.slice(1).join(' '))).toEqual([
      'cluster default/web cluster-dns', 'cluster default/web namespace-dns', 'external default/web node-port', 'cluster default/web port-forward',
    ]);
  });

  test('fails when a manifest writes markup in a host and a path: the page holds it as text', () => {
    const r = cli('routes', '--format', 'html', write('evil-page', objects()));
    expect(r.out).not.toMatch(/<script|<\/script/);
    expect(r.out).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    // every tag is one of ours
    expect([...new Set([...r.out.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)/g)].map(m => m[1].toLowerCase()))].sort()).toEqual(
      ['!doctype', 'body', 'figure', 'g', 'h1', 'head', 'html', 'main', 'meta', 'path', 'rect', 'style', 'svg', 'table', 'tbody', 'td', 'text', 'th', 'thead', 'title', 'tr']);
  });

  test('fails when a manifest writes quotes and backslashes: the DOT strings hold them', () => {
    const r = cli('routes', '--format', 'dot', write('evil-dot', objects()));
    const lines = r.out.split('\n');
    const NODE_LINE = /^ {2}n\d+ \[shape=(ellipse|hexagon|box|cylinder), label="(?:[^"\\]|\\.)*"(, color=red)?\];$/;
    expect(lines.filter(l => !(NODE_LINE.test(l) || /^ {2}n\d+ -> n\d+;$/.test(l) || ['digraph access {', '  rankdir=LR;', '}', ''].includes(l)))).toEqual([]);
    expect(lines.filter(l => l.includes('HTTPRoute') || l.includes('Ingress default/web')).length).toBe(1);
  });
});
