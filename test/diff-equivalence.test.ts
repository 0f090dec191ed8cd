import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { ManifestAnalyzer } from '../src';
import { deployment, gateway, ingress, service } from './diff-objects';
import { diffAccess, findingKeys, summarize } from '../src/checker/access-diff';
import { ObjectFindingsMemo, resolveOptions } from '../src/checker/check';
import { locationOf } from '../src/checker/positions';
import { readManifests } from '../src/checker/read';
import { runDiff } from '../src/cli/diff';

/*
 * `diff` keeps BASE's rows one text per Service, keeps HEAD's rows as where they are (Service,
 * row) and maps again only the rows its changes show, and reuses BASE's strings for HEAD's
 * unchanged entries, and the object rules' findings of a document BASE held too. It must give
 * exactly what comparing the two whole access maps and the two sets' findings gives:
 * `summarize` over every Service of each set, then `diffAccess`. The sets are drawn from a pool
 * of the shapes a pull request changes: Service types, a nodePort two Services claim (one entry,
 * two backends), an internal and a public load balancer, TLS on an Ingress, Gateway listeners,
 * routes with weighted backends, duplicates of one name.
 */

const NS = 'shop';
const web = { app: 'web' };
const api = { app: 'api' };

function route(hostnames: string[], backends: Array<[string, number]>): object {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: NS },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames,
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: backends.map(([name, weight]) => ({ name, port: 80, weight })) }],
    },
  };
}

const POOL: object[] = [
  deployment('web', web, NS),
  deployment('api', api, NS),
  service('web', web, {}, { namespace: NS }),
  service('web', web, { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }, { namespace: NS }),
  service('api', api, { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }, { namespace: NS }),
  service('lb', web, { type: 'LoadBalancer' }, { namespace: NS, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' } }),
  service('lb', web, { type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['10.0.0.0/8'] }, { namespace: NS }),
  service('ext', undefined, { type: 'ExternalName', externalName: 'db.example.com', ports: undefined }, { namespace: NS }),
  service('pods', web, { clusterIP: 'None' }, { namespace: NS }),
  service('api', api, { externalIPs: ['203.0.113.7'] }, { namespace: NS }),
  ingress([['/', 'web'], ['/api', 'api']], true, NS),
  ingress([['/', 'api']], false, NS),
  gateway(true, NS),
  gateway(false, NS),
  route(['www.example.com'], [['web', 1]]),
  route(['www.example.com', 'shop.example.com'], [['web', 3], ['api', 1]]),
  // object rules' findings: a port name that is not a DNS label, a field the API does not have, one exempted
  service('bad', web, { ports: [{ name: 'HTTP_Web', port: 80, targetPort: 'http' }], sessionAffinityTimeout: 30 }, { namespace: NS }),
  service('bad', web, { ports: [{ name: 'HTTP_Web', port: 80, targetPort: 'http' }] }, { namespace: NS, annotations: { 'ignore-check.cdk8s-expose.io/service-port-name': 'a legacy client needs this name' } }),
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-diff-eq-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, objects: object[]): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, objects.map(o => JSON.stringify(o)).join('\n')); // a JSON stream, as kubectl reads a file that starts with {
  return file;
}

/** As JSON would write it (the kept rows are parsed JSON; undefined members are dropped). */
function plain<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

describe('diff gives what comparing the two whole access maps gives', () => {
  test('holds when BASE and HEAD are any two sets drawn from the pool', () => {
    fc.assert(fc.property(fc.subarray(POOL, { minLength: 1 }), fc.subarray(POOL, { minLength: 1 }), (baseSet, headSet) => {
      const got = runDiff({ paths: [write('base', baseSet)] }, { paths: [write('head', headSet)] }, {}, () => undefined);
      if (Array.isArray(got)) throw new Error(got.join('\n'));
      expect(got.fileErrors).toEqual([]);
      const analyze = (objects: object[]) => ManifestAnalyzer.analyze(objects.map(manifest => ({ manifest })));
      const b = analyze(baseSet);
      const h = analyze(headSet);
      const want = diffAccess(summarize(b.services), summarize(h.services), findingKeys(b.findings), h.findings);
      expect(plain(got.diff.changes)).toEqual(plain(want.changes));
      const key = (f: { rule: string; kind: string; namespace: string; name: string; field: string }) => `${f.rule} ${f.kind} ${f.namespace}/${f.name} ${f.field}`;
      expect(got.diff.newFindings.map(key)).toEqual(want.newFindings.map(key));
    }), { numRuns: 60 });
  });

  test('holds when HEAD adds a second backend to an entry whose first backend is unchanged: re-pointed, with HEAD\'s first row', () => {
    const np = POOL[3];
    const conflicting = POOL[4];
    const got = runDiff({ paths: [write('base', [POOL[0], np])] }, { paths: [write('head', [POOL[0], POOL[1], np, conflicting])] }, {}, () => undefined);
    if (Array.isArray(got)) throw new Error(got.join('\n'));
    const repointed = got.diff.changes.filter(c => c.change === 're-pointed');
    expect(repointed.map(c => [c.entry, c.before, c.after])).toEqual([[
      '<node-ip>:30080',
      'Service shop/web:80 -> Deployment shop/web:8080',
      'Service shop/api:80 -> Deployment shop/api:8080; Service shop/web:80 -> Deployment shop/web:8080',
    ]]);
    expect(repointed[0].row.path.service).toEqual({ kind: 'Service', namespace: 'shop', name: 'web' });
  });

  test('holds when HEAD holds two Services of one name: the exposure finding is placed at the last one read (kubectl applies it last)', () => {
    const got = runDiff({ paths: [write('base', [POOL[0]])] }, { paths: [write('head', [POOL[0], POOL[3], POOL[2]])] }, {}, () => undefined);
    if (Array.isArray(got)) throw new Error(got.join('\n'));
    expect(got.exposure.map(f => [f.rule, f.kind, f.name, f.objectLine])).toEqual([['exposure-external-added', 'Service', 'web', 3]]);
  });

  test('holds when HEAD holds a document of BASE twice, lower down: the second copy\'s findings are new, placed at its own lines', () => {
    const bad = POOL[16];
    const got = runDiff({ paths: [write('base', [bad])] }, { paths: [write('head', [POOL[0], bad, POOL[2], bad])] }, {}, () => undefined);
    if (Array.isArray(got)) throw new Error(got.join('\n'));
    // the object rules of the copies were BASE's (one document text); the lines are HEAD's
    expect(got.diff.newFindings.map(f => [f.rule, f.field, f.file, f.line])).toEqual([
      ['service-port-name', 'spec.ports[0].name', path.join(dir, 'head.yaml'), 4],
      ['object-unknown-field', 'spec.sessionAffinityTimeout', path.join(dir, 'head.yaml'), 4],
    ]);
  });
});

describe('the object rules run once for a document both sets hold', () => {
  const settings = resolveOptions({});
  if (Array.isArray(settings)) throw new Error(settings.join('\n'));
  const bad = POOL[16];

  test('holds when HEAD\'s document has BASE\'s text: BASE\'s findings, not found again; another text is checked', () => {
    const memo = new ObjectFindingsMemo();
    const [b] = readManifests([write('base', [bad])]).sources;
    const before = memo.check('Service', b.manifest, settings.ctx);
    expect(before.map(v => v.rule)).toEqual(['service-port-name', 'object-unknown-field']);
    memo.stopRecording();
    const [, same, other] = readManifests([write('head', [POOL[0], bad, { ...bad, metadata: { name: 'worse', namespace: 'shop' } }])]).sources;
    const again = memo.check('Service', same.manifest, settings.ctx);
    expect(again).not.toBe(before); // a copy: the app rules add to it
    expect(again.length).toBe(2);
    again.forEach((v, i) => expect(v).toBe(before[i]));
    const fresh = memo.check('Service', other.manifest, settings.ctx);
    expect(fresh.map(v => v.rule)).toEqual(['service-port-name', 'object-unknown-field']);
    fresh.forEach((v, i) => expect(v).not.toBe(before[i]));
  });

  test('holds when a List holds the objects: each item keeps its own findings (one document, several objects)', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [bad, POOL[2]] };
    const memo = new ObjectFindingsMemo();
    const rules = (file: string) => readManifests([file]).sources.map(src => memo.check('Service', src.manifest, settings.ctx).map(v => v.rule));
    const expected = [['service-port-name', 'object-unknown-field'], []];
    expect(rules(write('base', [list]))).toEqual(expected);
    memo.stopRecording();
    expect(rules(write('head', [list]))).toEqual(expected);
  });

  test('holds when a YAML document and a JSON value have the same text: each is read its own way, so neither is given the other\'s findings', () => {
    // the same characters, read by two parsers (kubectl's JSON decoder, go-yaml v2): kept apart
    const text = JSON.stringify(bad);
    const yamlFile = path.join(dir, 'doc.yaml');
    fs.writeFileSync(yamlFile, `# YAML\n${text}`);
    const jsonFile = path.join(dir, 'doc.json');
    fs.writeFileSync(jsonFile, text);
    const memo = new ObjectFindingsMemo();
    const [y] = readManifests([yamlFile]).sources;
    const [j] = readManifests([jsonFile]).sources;
    const [ya, ja] = [locationOf(y.manifest)!, locationOf(j.manifest)!];
    expect(ya.text.slice(ya.start, ya.end)).toBe(ja.text.slice(ja.start, ja.end));
    const fromYaml = memo.check('Service', y.manifest, settings.ctx);
    memo.stopRecording();
    const fromJson = memo.check('Service', j.manifest, settings.ctx);
    expect(fromJson.map(v => v.rule)).toEqual(['service-port-name', 'object-unknown-field']);
    fromJson.forEach((v, i) => expect(v).not.toBe(fromYaml[i]));
  });
});
