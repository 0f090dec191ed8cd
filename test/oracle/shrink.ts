import { compare, Disagreement, OurFinding, ours } from './compare';
import { judge, OracleVerdict } from './oracle';

/** Every path to an object key or a list entry, shallowest first (apiVersion and kind kept). */
function removable(obj: any, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  const deeper: (string | number)[][] = [];
  const keys: (string | number)[] = Array.isArray(obj) ? obj.map((_, i) => i) : Object.keys(obj);
  for (const k of keys) {
    if (prefix.length === 0 && (k === 'apiVersion' || k === 'kind')) continue;
    out.push([...prefix, k]);
    const v = obj[k];
    if (v !== null && typeof v === 'object') deeper.push(...removable(v, [...prefix, k]));
  }
  return [...out, ...deeper];
}

function without(obj: any, path: (string | number)[]): any {
  const copy = structuredClone(obj);
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k];
  const last = path[path.length - 1];
  if (Array.isArray(cur)) cur.splice(last as number, 1); else delete cur[last];
  return copy;
}

/**
 * The smallest manifest (by removing keys and list entries one at a time) that still shows the
 * disagreement (same class, same rule or oracle error type). One oracle process per round.
 */
export function shrink(release: string, manifest: any, d: Disagreement, maxRounds = 60,
  judgeBatch: (objects: any[]) => OracleVerdict[] = objects => judge(release, objects),
  mine: (m: any) => OurFinding[] = m => ours(m, release)): any {
  const same = (m: any, v: any) => compare(m?.kind ?? '', mine(m), v).some(x => x.cls === d.cls && x.key === d.key);
  let current = manifest;
  for (let round = 0; round < maxRounds; round++) {
    const candidates = removable(current).map(p => without(current, p));
    if (candidates.length === 0) break;
    const verdicts = judgeBatch(candidates);
    const i = candidates.findIndex((c, j) => same(c, verdicts[j]));
    if (i < 0) break;
    current = candidates[i];
  }
  return current;
}
