import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ALLOWED, Allowance, coveredBy, KNOWN_FINDINGS } from './allowances';
import { compare, Disagreement, DisagreementClass, normalizePath, ours, related } from './compare';
import { corpus } from './corpus';
import { KINDS, sample } from './generate';
import { judge, oracleBinary, OracleVerdict, RELEASES } from './oracle';
import { shrink } from './shrink';
import { releaseTable } from '../../projenrc/field-table';
import { unknownFieldPaths } from '../../src/rules/unknown-field';

/*
 * The differential test of issue 21: our checker against the Kubernetes API server's create path
 * (oracle/k8s/<release>/). Run with `npx projen test:oracle` (it builds the oracle first).
 * ORACLE_RUNS (default 10000) near-valid manifests per kind, seed ORACLE_SEED (default 21);
 * a longer local run: ORACLE_RUNS=200000 npx projen test:oracle.
 *
 * A wrong error of ours (an error where the API server accepts) fails the run unless allowances.ts
 * covers it, and so does a field PrepareForCreate drops that gets no finding of ours (issue 21:
 * at least a warning); each is shrunk and saved under regressions/, which every later run re-checks.
 * Misses and wrong fields are counted and printed, not failed: the API
 * server stops validating parts of an object once others are invalid (a bad selector skips the
 * pod template), so they do not prove a wrong verdict on their own.
 */

const RUNS = Number(process.env.ORACLE_RUNS ?? 10000);
const SEED = Number(process.env.ORACLE_SEED ?? 21);
const REGRESSIONS = path.join(__dirname, 'regressions');

interface Tally { [cls: string]: number }

describe.each(RELEASES)('release %s', release => {
  const hits = new Map<Allowance, number>();
  /** unknown or duplicate fields (errors under kubectl's default fieldValidation=Strict): objects, and those we name the field of */
  const strict = { objects: 0, named: 0, wrong: 0, tableMismatch: [] as string[] };
  // this release's own field table: exactly the fields its strict decoding knows
  const table = releaseTable(oracleBinary(release));
  const tallies: { [source: string]: { [kind: string]: Tally } } = {};

  /** The disagreements not covered by an allowance; records hits and counts. */
  function check(source: string, objects: any[], verdicts: OracleVerdict[]): { manifest: any; d: Disagreement }[] {
    const failing: { manifest: any; d: Disagreement }[] = [];
    objects.forEach((m, i) => {
      const findings = ours(m, release);
      const strictFields = verdicts[i].strictErrors.map(e => /(?:unknown|duplicate) field "([^"]*)"/.exec(e)?.[1]).filter((f): f is string => f !== undefined).map(normalizePath);
      if (strictFields.length > 0) {
        strict.objects++;
        if (strictFields.every(f => findings.some(x => related(x.field, f)))) strict.named++;
      }
      if (verdicts[i].decodeError === undefined && !verdicts[i].unsupported) {
        strict.wrong += findings.filter(x => x.rule === 'object-unknown-field' && !strictFields.some(f => related(x.field, f))).length;
        const mine = unknownFieldPaths(m, table).map(u => u.path).sort();
        if (JSON.stringify(mine) !== JSON.stringify([...strictFields].sort()) && strict.tableMismatch.length < 5) {
          strict.tableMismatch.push(`${m?.kind}: table ${mine.join(' ')} / API server ${strictFields.join(' ')}`);
        }
      }
      for (const d of compare(m?.kind ?? '', findings, verdicts[i])) {
        const t = ((tallies[source] ??= {})[d.kind] ??= {});
        const a = coveredBy(release, m, d);
        const cls: string = a ? `${d.cls} (allowed)` : d.cls;
        t[cls] = (t[cls] ?? 0) + 1;
        if (a) hits.set(a, (hits.get(a) ?? 0) + 1);
        else if (d.cls === 'wrong-error' || d.cls === 'dropped-silently') failing.push({ manifest: m, d });
      }
    });
    return failing;
  }

  /** Shrinks and saves each failing disagreement (one file per rule), and returns their summaries. */
  function save(failing: { manifest: any; d: Disagreement }[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const { manifest, d } of failing) {
      out.push(`${d.cls} ${d.kind} ${d.key} at ${d.field}`);
      if (seen.has(d.key)) continue;
      seen.add(d.key);
      const small = shrink(release, manifest, d);
      const name = `${d.kind}-${d.key}-${createHash('sha256').update(JSON.stringify(small)).digest('hex').slice(0, 8)}.json`;
      fs.mkdirSync(REGRESSIONS, { recursive: true });
      fs.writeFileSync(path.join(REGRESSIONS, name), JSON.stringify({ release, disagreement: d, manifest: small }, null, 2) + '\n');
    }
    return out;
  }

  test('the binary is the release it is named for', () => {
    const run = spawnSync(oracleBinary(release), ['--version'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toMatch(new RegExp(`^${release.slice(1).replace('.', '\\.')}\\.\\d+$`));
  });

  test('holds on every regression file', () => {
    const files = fs.existsSync(REGRESSIONS) ? fs.readdirSync(REGRESSIONS).filter(f => f.endsWith('.json')).sort() : [];
    const objects = files.map(f => JSON.parse(fs.readFileSync(path.join(REGRESSIONS, f), 'utf8')).manifest);
    expect(save(check('regressions', objects, judge(release, objects)))).toEqual([]);
  });

  test('holds on the corpus (upstream rows, rule examples and twins, fixtures)', () => {
    const objects = corpus().map(e => e.manifest);
    expect(save(check('corpus', objects, judge(release, objects)))).toEqual([]);
  });

  test.each([...KINDS])(`holds on ${RUNS} near-valid %s manifests`, kind => {
    const objects = sample(kind, RUNS, SEED);
    expect(save(check(`generated x${RUNS}`, objects, judge(release, objects)))).toEqual([]);
  });

  test('each allowance and known finding is still needed', () => {
    const unused = [...ALLOWED, ...KNOWN_FINDINGS].filter(a => (a.releases ?? [release]).includes(release) && !hits.has(a)).map(a => a.rule);
    expect(unused).toEqual([]);
  });

  // The rule knows a field any built release has (the union), so an older release's unknown field
  // that a newer release added is not named: the exactness is proven on this release's own table.
  test('its own field table finds exactly the unknown fields the API server reports under Strict', () => {
    expect(strict.tableMismatch).toEqual([]);
  });

  test('object-unknown-field names no field the API server knows', () => {
    expect(strict.wrong).toEqual(0);
  });

  afterAll(() => {
    const lines = [`oracle ${release}: disagreements by source, kind and class`];
    for (const [source, byKind] of Object.entries(tallies)) {
      for (const [kind, t] of Object.entries(byKind)) lines.push(`  ${source} ${kind}: ${Object.entries(t).map(([c, n]) => `${c} ${n}`).join(', ')}`);
    }
    lines.push(`  unknown or duplicate fields (Strict): ${strict.objects} objects, ${strict.named} with a finding of ours on each such field; ${strict.wrong} object-unknown-field findings on a field the API server knows`);
    lines.push(`  allowances hit: ${[...hits].map(([a, n]) => `${a.rule} ${n}`).join(', ')}`);
    process.stdout.write(lines.join('\n') + '\n');
  });
});

// keep the class names in one place for the summary's readers
export const CLASSES: DisagreementClass[] = ['wrong-error', 'wrong-field', 'miss', 'dropped-silently'];
