import * as fs from 'fs';
import * as path from 'path';

/*
 * The folders are the layers: model/ (findings, rules, kinds, settings) depends on nothing
 * else; rules/ on model/; checker/ on rules/ and model/; constructs/ and cli/ above them.
 * No import cycle, not even a type-only one.
 */

const SRC = path.join(__dirname, '..', 'src');
const LAYERS = ['model', 'rules', 'checker', 'constructs', 'cli'];
/** What each layer may import besides itself. */
const ALLOWED: { [layer: string]: string[] } = {
  model: [],
  rules: ['model'],
  checker: ['model', 'rules'],
  constructs: ['model', 'rules', 'checker'],
  cli: ['model', 'rules', 'checker'],
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The src files a file imports (relative imports, type-only included), resolved. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s+(?:type\s+)?(?:[^'"]*?from\s+)?['"](\.[^'"]+)['"]/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
    if (found) out.push(found);
  }
  return out;
}

const FILES = sources(SRC);
const GRAPH = new Map(FILES.map(f => [f, importsOf(f)]));
const layerOf = (f: string) => path.relative(SRC, f).split(path.sep)[0];
const rel = (f: string) => path.relative(SRC, f);

describe('the source layout', () => {
  test('every source file sits in a layer folder (index.ts aside)', () => {
    expect(FILES.filter(f => rel(f) !== 'index.ts' && !LAYERS.includes(layerOf(f))).map(rel)).toEqual([]);
  });

  test('fails when a layer imports a layer above it', () => {
    const wrong: string[] = [];
    for (const [file, deps] of GRAPH) {
      const layer = layerOf(file);
      if (!LAYERS.includes(layer)) continue;
      for (const d of deps) {
        const to = layerOf(d);
        if (to !== layer && !ALLOWED[layer].includes(to)) wrong.push(`${rel(file)} -> ${rel(d)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('fails when there is an import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const trail: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      trail.push(f);
      for (const d of GRAPH.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...trail.slice(trail.indexOf(d)), d].map(rel).join(' -> '));
        else if (!state.has(d)) visit(d);
      }
      trail.pop();
      state.set(f, 'done');
    };
    for (const f of FILES) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
