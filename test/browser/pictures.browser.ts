import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { IngressChart, HttpRouteChart } from '../../examples/charts';
import { ManifestAnalyzer } from '../../src';
import { AccessScope, EntryKind, ServiceAccess } from '../../src/checker/routes';
import { routesHtml } from '../../src/cli/access-html';
import { accessGraph, mermaidFlowchart } from '../../src/cli/access-markdown';
import { synth } from '../util';

/*
 * The pictures as a person sees them (`npx projen test:browser`, spawned by `test`): the
 * `routes --format html` page and the Mermaid flowchart rendered in headless Chromium
 * (Debian's `chromium`), with screenshots. Every entry-point label is visible and inside its
 * box, and nothing crosses the viewport's edge. `UPDATE_PICTURES=1` writes the README's PNG.
 */

const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
const ROOT = path.resolve(__dirname, '..', '..');

let profile: string;
let context: BrowserContext;
let shots: string;
beforeAll(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-chromium-'));
  shots = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-shots-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  // no network: every request the page makes fails the test
  await context.route('**/*', r => { throw new Error(`the page fetched ${r.request().url()}`); });
}, 60_000);
afterAll(async () => {
  await context?.close();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(shots, { recursive: true, force: true });
});

function services(manifests: any[]): ServiceAccess[] {
  return ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest }))).services;
}

/** 50 Services: web apps behind one Ingress, some NodePorts, a few LoadBalancers. */
function fiftyServices(): any[] {
  const out: any[] = [];
  const paths: any[] = [];
  for (let i = 0; i < 50; i++) {
    const name = `app-${String(i).padStart(2, '0')}`;
    const labels = { app: name };
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'example/app:1', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
    });
    const type = i % 10 === 0 ? 'LoadBalancer' : i % 5 === 0 ? 'NodePort' : 'ClusterIP';
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    paths.push({ path: `/${name}`, pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } });
  }
  out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop' }, spec: { rules: [{ host: 'shop.example.com', http: { paths } }] } });
  return out;
}

const CASES: Array<[string, () => ServiceAccess[]]> = [
  ['the Ingress and HTTPRoute example', () => services([...synth(new IngressChart(Testing.app(), 'ingress')), ...synth(new HttpRouteChart(Testing.app(), 'gateway'))])],
  ['a 50-Service app', () => services(fiftyServices())],
];

/** Boxes of the elements matching a selector, in page coordinates. */
interface Box {
  readonly text: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly visible: boolean;
}

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.$$eval(selector, els => els.map(e => {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return {
      text: e.textContent ?? '',
      left: r.left + window.scrollX,
      right: r.right + window.scrollX,
      top: r.top + window.scrollY,
      bottom: r.bottom + window.scrollY,
      visible: r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0,
    };
  }));
}

describe('the routes page in Chromium', () => {
  test.each(CASES)('holds for %s: every entry label visible in its box, nothing across the viewport edge', async (name, make) => {
    const map = make();
    const page = await context.newPage();
    await page.setContent(routesHtml(map), { waitUntil: 'load' });
    const file = path.join(shots, `${name.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    if (process.env.UPDATE_PICTURES === '1' && name.startsWith('the Ingress')) fs.copyFileSync(file, path.join(ROOT, 'docs', 'images', 'access-map.png'));

    const labels = await boxes(page, 'svg g.entry text');
    const rects = await boxes(page, 'svg g.entry rect');
    // one box per entry (the same URL via an Ingress and via a Gateway is two entries)
    const expected = accessGraph(map.flatMap(s => s.rows.filter(r => r.scope === AccessScope.EXTERNAL || r.entry.kind === EntryKind.CLUSTER_DNS)
      .map(row => ({ row }))), Number.MAX_SAFE_INTEGER).nodes.filter(n => n.kind === 'entry').map(n => n.label);
    expect(labels.map(l => l.text.replace(/…$/, ''))).toEqual(expected.map(l => (l.length <= 34 ? l : l.slice(0, 33))));
    expect(labels.filter(l => !l.visible)).toEqual([]);
    const outside = (l: Box, r: Box) => l.left < r.left || l.right > r.right || l.top < r.top || l.bottom > r.bottom;
    expect(labels.filter((l, i) => outside(l, rects[i]))).toEqual([]);
    const all = await boxes(page, 'body *');
    expect(all.filter(b => b.visible && (b.left < 0 || b.right > VIEWPORT.width + 0.5 || b.top < 0)).map(b => b.text.slice(0, 60))).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('the Mermaid graph in Chromium', () => {
  test.each(CASES)('holds for %s: mermaid parses and renders it, every entry label drawn', async (name, make) => {
    const map = make();
    const items = map.flatMap(s => s.rows.filter(r => r.scope === AccessScope.EXTERNAL).map(row => ({ row, mark: 'added' as const })));
    const graph = accessGraph(items);
    const text = mermaidFlowchart(graph);
    const page = await context.newPage();
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const drawn = await page.evaluate(async source => {
      const m = (window as any).mermaid;
      m.initialize({ startOnLoad: false, securityLevel: 'strict' });
      await m.parse(source);
      const { svg } = await m.render('access', source);
      document.getElementById('out')!.innerHTML = svg;
      return Array.from(document.querySelectorAll('#out .node')).map(n => (n.textContent ?? '').trim());
    }, text);
    await page.screenshot({ path: path.join(shots, `mermaid-${name.replace(/\W+/g, '-')}.png`), fullPage: true });
    const entries = graph.nodes.filter(n => n.kind === 'entry').map(n => n.label);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter(l => !drawn.includes(l.length < 80 ? l : l.slice(0, 78) + '…'))).toEqual([]);
    await page.close();
  }, 60_000);
});
