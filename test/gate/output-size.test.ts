import { analyzeManifests, ManifestFinding } from '../../src/checker/check';
import { sarif, writeSarif } from '../../src/cli/formats/sarif';
import { listSome } from '../../src/model/plain';

/*
 * Issue 19 items 11 and 13: nothing recursive or spread-based runs over a list from the
 * input, a message lists a few values and says how many more, and SARIF is written one
 * result at a time.
 */

describe('a message lists a few values', () => {
  test.each<[string[], string]>([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c, d, e'],
    [['a', 'b', 'c', 'd', 'e', 'f'], 'a, b, c, d, e and 1 more'],
    [Array.from({ length: 100_000 }, (_, i) => `h${i}`), 'h0, h1, h2, h3, h4 and 99995 more'],
  ])('holds when %#', (values, shown) => {
    expect(listSome(values, v => v)).toBe(shown);
  });

  test('fails when a TLS host matches none of 20 rule hosts: the warning names 5 and counts the rest', () => {
    const rules = Array.from({ length: 20 }, (_, i) => ({ host: `r${i}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }));
    const ing = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules, tls: [{ hosts: ['other.example.com'], secretName: 'x' }] } };
    const f = analyzeManifests([{ manifest: ing }]).findings.filter(x => x.rule === 'ingress-tls-host-unmatched');
    expect(f.map(x => x.field)).toEqual(['spec.tls[0].hosts[0]']);
    expect(f[0].message).toContain('(r0.example.com, r1.example.com, r2.example.com, r3.example.com, r4.example.com and 15 more)');
  });
});

describe('lists from the input are never spread', () => {
  test('fails when one Service has 150,000 ports: findings, no stack overflow', () => {
    const ports = Array.from({ length: 150_000 }, (_, i) => ({ name: `p${i}`, port: 70000 + i }));
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'big' }, spec: { ports } };
    const findings = analyzeManifests([{ manifest: svc }]).findings;
    expect(findings.filter(f => f.rule === 'service-port-number')).toHaveLength(150_000);
  });
});

describe('SARIF is written one result at a time', () => {
  const finding = (i: number): ManifestFinding => ({ rule: 'service-port-number', severity: 'error' as any, kind: 'Service', namespace: 'default', name: `s${i}`, field: 'spec.ports[0].port', path: ['spec', 'ports', 0, 'port'], type: 'invalid' as any, message: `${i} is out of range`, file: 'a.yaml', line: i + 1, column: 3 });

  test.each([0, 1, 3])('holds when the streamed log of %i results is the log as one JSON text', n => {
    const findings = Array.from({ length: n }, (_, i) => finding(i));
    const lines: string[] = [];
    writeSarif(l => lines.push(l), findings, [{ ...finding(9), reason: 'because the platform team agreed' }], [{ file: 'b.yaml', line: 2, message: 'not valid YAML' }], '1.0.0', '/', [{ file: 'sub', reason: 'a subfolder' }]);
    expect(lines.join('\n')).toBe(JSON.stringify(sarif(findings, [{ ...finding(9), reason: 'because the platform team agreed' }], [{ file: 'b.yaml', line: 2, message: 'not valid YAML' }], '1.0.0', '/', [{ file: 'sub', reason: 'a subfolder' }]), undefined, 2));
  });

  test('holds when the log holds no result at all', () => {
    const lines: string[] = [];
    writeSarif(l => lines.push(l), [], [], [], '1.0.0', '/');
    expect(JSON.parse(lines.join('\n')).runs[0].results).toEqual([]);
  });
});
