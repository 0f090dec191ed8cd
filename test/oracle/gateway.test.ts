import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_FINDINGS } from './allowances';
import { compare, Disagreement, OurFinding, oraclePaths, related } from './compare';
import { corpus } from './corpus';
import { GATEWAY_KINDS, gatewaySample } from './gateway-generate';
import { gatewayBundles, gatewayModule, judgeGateway, oursAt, servedKinds } from './gateway-oracle';
import { OracleVerdict } from './oracle';
import { shrink } from './shrink';
import { EXTERNAL_SERVICES_ANNOTATION } from '../../src/rules/external-services';
import { SCHEMA, WIRING } from '../rules/gateway-routes.cases';
import { GATEWAY_CASES } from '../upstream/gateway/gateway.cases';
import { GRPCROUTE_CASES } from '../upstream/gateway/grpcroute.cases';
import { HTTPROUTE_CASES } from '../upstream/gateway/httproute.cases';

/*
 * The differential test of issue 22: our checker against the API server's custom resource create
 * path with the standard-channel CRDs of each Gateway API bundle (oracle/gateway/). Run with
 * `npx projen test:oracle`. ORACLE_GATEWAY_RUNS (default 10000) near-valid objects per kind and
 * bundle (GATEWAY_KINDS), seed ORACLE_SEED (default 22).
 *
 * Our side is pinned to the bundle judged: gatewayApiVersion v1.4 against the v1.4.1 CRDs, v1.5
 * against v1.5.1, v1.6 against v1.6.3; kubernetesVersion 1.37 (the oracle links
 * apiextensions-apiserver v0.37.2). Compared as for Kubernetes (compare.ts): only our errors count,
 * cross-object rules are not compared.
 *
 * A kind the bundle does not serve (TLSRoute before v1.5, TCPRoute and UDPRoute before v1.6): the
 * API server has no such resource ("no matches for kind"), so every object of it is rejected. We
 * agree when we give the error object-api-version-bundle on apiVersion (pinned to one bundle the
 * range's warning is an error); anything else is a miss. Our other errors on such an object agree
 * (it is rejected either way).
 *
 * A wrong error of ours fails the run unless GATEWAY_ALLOWED or the shared KNOWN_FINDINGS
 * (allowances.ts) covers it; it is shrunk and saved under regressions/ (files named gateway-*),
 * which every later run re-checks. A miss fails the run too; wrong fields are counted and printed.
 */

const RUNS = Number(process.env.ORACLE_GATEWAY_RUNS ?? 10000);
const SEED = Number(process.env.ORACLE_SEED ?? 22);
const REGRESSIONS = path.join(__dirname, 'regressions');
const GROUP = 'gateway.networking.k8s.io/';

/** A disagreement the CRDs and we are allowed to have: why, and which it covers. */
interface GatewayAllowance {
  readonly rule: string;
  readonly why: string;
  readonly bundles?: string[];
  readonly covers: (m: any, d: Disagreement) => boolean;
}

/**
 * Allowed differences between our errors and the CRDs (each tested as still needed). The shared
 * known findings of allowances.ts (metadata rules of every kind) are applied too.
 */
export const GATEWAY_ALLOWED: GatewayAllowance[] = [];

const isGateway = (m: any) => typeof m?.apiVersion === 'string' && m.apiVersion.startsWith(GROUP);
const kindOf = (m: any) => `${m?.apiVersion} ${m?.kind}`;

/** The upstream CEL rows as the unit test builds them (test/rules/gateway-upstream.test.ts), with the findings they expect at v1.6. */
function upstreamRows(): { source: string; manifest: any; want: string[] }[] {
  const meta = { name: 'foo', namespace: 'default' };
  const route = (kind: string, backends: string, spec: any) => ({ apiVersion: `${GROUP}v1`, kind, metadata: { ...meta, annotations: { [EXTERNAL_SERVICES_ANNOTATION]: backends } }, spec });
  return [
    ...HTTPROUTE_CASES.map(c => ({ source: c.upstream, want: c.want, manifest: route('HTTPRoute', 'foo-svc,backend,test-svc,mirror-svc,name', c.spec) })),
    ...GRPCROUTE_CASES.map(c => ({ source: c.upstream, want: c.want, manifest: route('GRPCRoute', 'test-service,name', c.spec) })),
    ...GATEWAY_CASES.map(c => ({
      source: c.upstream,
      want: c.want,
      manifest: { apiVersion: `${GROUP}v1`, kind: 'Gateway', metadata: meta, spec: { gatewayClassName: 'foo', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }], ...c.spec } },
    })),
  ];
}

/** What is wrong when the expected findings of a row (`severity ... field`) do not say what the oracle's verdict does: rejected iff an error, each error on a field it names. */
function confirms(want: string[], v: OracleVerdict): string | undefined {
  const errors = want.filter(w => w.startsWith('error ')).map(w => w.split(' ').pop()!);
  const rejects = !v.accepted || v.decodeError !== undefined;
  if (errors.length === 0) return rejects ? `the CRD rejects: ${v.decodeError ?? v.errors.map(e => `${e.field}: ${e.detail}`).concat(v.strictErrors).join('; ')}` : undefined;
  if (!rejects) return `the CRD accepts, the row expects ${errors.join(', ')}`;
  if (v.decodeError !== undefined) return undefined;
  const paths = oraclePaths(v);
  const off = errors.filter(f => !paths.some(p => related(p, f)));
  // after a schema error the API server skips CEL ("some validation rules were not checked"): the
  // row's CEL errors elsewhere are then unreported, and one error on a field it names is enough
  const celSkipped = v.errors.some(e => e.detail.includes('some validation rules were not checked'));
  return off.length === 0 || (celSkipped && off.length < errors.length) ? undefined : `the CRD rejects on ${paths.join(', ')}, the row on ${off.join(', ')}`;
}

describe.each(gatewayBundles())('Gateway API bundle %s', bundle => {
  const hits = new Map<GatewayAllowance, number>();
  const tallies: { [source: string]: { [kind: string]: { [cls: string]: number } } } = {};
  const judge = (objects: any[]) => judgeGateway(bundle, objects);
  const mine = (m: any) => oursAt(bundle, m);

  /** compare.ts's disagreements, and for a kind the bundle does not serve: a miss unless we reject its apiVersion. */
  function disagreements(m: any, findings: OurFinding[], v: OracleVerdict): Disagreement[] {
    if (!v.unsupported) return compare(m?.kind ?? '', findings, v);
    const rejected = findings.some(f => f.severity === 'error' && f.rule === 'object-api-version-bundle');
    return rejected ? [] : [{ cls: 'miss', kind: m?.kind ?? '', key: 'not-served', field: 'apiVersion' }];
  }

  function check(source: string, objects: any[], verdicts: OracleVerdict[]): { manifest: any; d: Disagreement }[] {
    const failing: { manifest: any; d: Disagreement }[] = [];
    objects.forEach((m, i) => {
      for (const d of disagreements(m, mine(m), verdicts[i])) {
        const a = GATEWAY_ALLOWED.find(x => (x.bundles ?? [bundle]).includes(bundle) && x.rule === d.key && x.covers(m, d));
        const known = d.cls === 'wrong-error' ? KNOWN_FINDINGS.find(k => k.rule === d.key && (k.when === undefined || k.when(m, d))) : undefined;
        const t = ((tallies[source] ??= {})[d.kind] ??= {});
        const cls = a || known ? `${d.cls} (allowed)` : d.cls;
        t[cls] = (t[cls] ?? 0) + 1;
        if (a) hits.set(a, (hits.get(a) ?? 0) + 1);
        else if (!known && (d.cls === 'wrong-error' || d.cls === 'miss')) failing.push({ manifest: m, d });
      }
    });
    return failing;
  }

  function save(failing: { manifest: any; d: Disagreement }[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const { manifest, d } of failing) {
      out.push(`${d.cls} ${d.kind} ${d.key} at ${d.field}`);
      if (seen.has(`${d.cls} ${d.key}`)) continue;
      seen.add(`${d.cls} ${d.key}`);
      const small = d.key === 'not-served' ? manifest : shrink('v1.37', manifest, d, 60, judge, mine);
      const name = `gateway-${d.kind}-${d.key}-${createHash('sha256').update(JSON.stringify(small)).digest('hex').slice(0, 8)}.json`;
      fs.mkdirSync(REGRESSIONS, { recursive: true });
      fs.writeFileSync(path.join(REGRESSIONS, name), JSON.stringify({ gatewayApi: gatewayModule(bundle), disagreement: d, manifest: small }, null, 2) + '\n');
    }
    return out;
  }

  test('the bundle serves the kinds it should, and no kind we generate is unknown to every bundle', () => {
    const kinds = servedKinds(bundle);
    expect(kinds).toEqual(expect.arrayContaining(['gateway.networking.k8s.io/v1 Gateway', 'gateway.networking.k8s.io/v1 HTTPRoute', 'gateway.networking.k8s.io/v1 GRPCRoute',
      'gateway.networking.k8s.io/v1beta1 ReferenceGrant', 'gateway.networking.k8s.io/v1 BackendTLSPolicy']));
    const all = new Set(gatewayBundles().flatMap(servedKinds));
    expect(GATEWAY_KINDS.flatMap(k => k.bases.map(kindOf)).filter(k => !all.has(k))).toEqual([]);
  });

  test('holds on every gateway regression file', () => {
    const files = fs.existsSync(REGRESSIONS) ? fs.readdirSync(REGRESSIONS).filter(f => /^gateway-.*\.json$/.test(f)).sort() : [];
    const objects = files.map(f => JSON.parse(fs.readFileSync(path.join(REGRESSIONS, f), 'utf8')).manifest);
    expect(save(check('regressions', objects, judge(objects)))).toEqual([]);
  });

  test('holds on the Gateway API corpus (upstream CEL rows, rule examples and twins, fixtures, route rows)', () => {
    const entries = [
      ...upstreamRows(), ...corpus().filter(e => isGateway(e.manifest)),
      ...SCHEMA.map(([source, manifest]) => ({ source, manifest })),
      ...WIRING.flatMap(([source, objects]) => objects.filter(isGateway).map(manifest => ({ source, manifest }))),
    ];
    expect(entries.length).toBeGreaterThan(300);
    const objects = entries.map(e => e.manifest);
    expect(save(check('corpus', objects, judge(objects)))).toEqual([]);
  });

  if (bundle === 'v1.6') {
    test('confirms every upstream CEL row (tests/cel, checked at v1.6)', () => {
      const rows = upstreamRows();
      const verdicts = judge(rows.map(r => r.manifest));
      expect(rows.map((r, i) => [r.source, confirms(r.want, verdicts[i])]).filter(([, p]) => p !== undefined)).toEqual([]);
    });

    test('confirms every object of the TLSRoute, TCPRoute and UDPRoute wiring rows is accepted', () => {
      const objects = WIRING.flatMap(([, o]) => o).filter(isGateway);
      const verdicts = judge(objects);
      expect(objects.map((m, i) => [kindOf(m), confirms([], verdicts[i])]).filter(([, p]) => p !== undefined)).toEqual([]);
    });
  }

  test('confirms every TLSRoute, TCPRoute and UDPRoute CRD row pinned to this bundle, and the range rows', () => {
    const pinned = SCHEMA.filter(([, , b]) => b === bundle);
    const verdicts = judge(pinned.map(([, m]) => m));
    expect(pinned.map(([name, , , want], i) => [name, confirms(want, verdicts[i])]).filter(([, p]) => p !== undefined)).toEqual([]);
    // a range row: errors where every bundle rejects, a warning where some do, nothing where none does
    const range = SCHEMA.filter(([, , b]) => b === 'range');
    const all = gatewayBundles().map(b => judgeGateway(b, range.map(([, m]) => m)));
    const wrong = range.filter(([, , , want], i) => {
      const rejecting = all.filter(vs => !vs[i].accepted || vs[i].decodeError !== undefined).length;
      const warns = want.some(w => w.startsWith('warning '));
      const expected = want.some(w => w.startsWith('error ')) ? all.length : warns ? -1 : 0;
      return expected === -1 ? rejecting === 0 || rejecting === all.length : rejecting !== expected;
    }).map(([name]) => name);
    expect(wrong).toEqual([]);
  });

  test.each(GATEWAY_KINDS.map(k => [k.kind, k] as const))(`holds on ${RUNS} near-valid %s objects`, (_, entry) => {
    const objects = gatewaySample(entry, RUNS, SEED);
    expect(save(check(`generated x${RUNS}`, objects, judge(objects)))).toEqual([]);
  });

  test('each allowance is still needed', () => {
    const unused = GATEWAY_ALLOWED.filter(a => (a.bundles ?? [bundle]).includes(bundle) && !hits.has(a)).map(a => a.rule);
    expect(unused).toEqual([]);
  });

  afterAll(() => {
    const lines = [`gateway oracle ${bundle} (${gatewayModule(bundle)}): disagreements by source, kind and class`];
    for (const [source, byKind] of Object.entries(tallies)) {
      for (const [kind, t] of Object.entries(byKind)) lines.push(`  ${source} ${kind}: ${Object.entries(t).map(([c, n]) => `${c} ${n}`).join(', ')}`);
    }
    lines.push(`  allowances hit: ${[...hits].map(([a, n]) => `${a.rule} ${n}`).join(', ') || 'none'}`);
    process.stdout.write(lines.join('\n') + '\n');
  });
});
