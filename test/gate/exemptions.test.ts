import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExemptionPolicy, ManifestAnalyzer } from '../../src';
import { cli } from '../util';

/*
 * A pull request's author writes every annotation the gate reads: an exemption is a reason in
 * words, and the platform's settings decide which exemptions count.
 */

const svc = (reason: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', annotations: { 'ignore-check.cdk8s-expose.io/service-node-port-range': reason } },
  spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 99999 }] },
});
const rows = (m: any, options = {}) => {
  const r = ManifestAnalyzer.analyze([{ manifest: m }], options);
  return {
    findings: r.findings.map(f => `${f.rule} ${f.severity}`).filter(f => !f.startsWith('service-selector-dangling')),
    suppressed: r.suppressed.map(f => f.rule),
  };
};

describe('exemption reasons are words', () => {
  test.each([
    ['a dot', '.'],
    ['a zero-width space', '\u200b'],
    ['nine letters among invisible marks', 'abc\u200bdef\u202eghi   '],
  ])('fails when the reason is %s: exemption-reason-required, and the finding stands', (_, reason) => {
    expect(rows(svc(reason))).toEqual({ findings: ['service-node-port-range error', 'exemption-reason-required error'], suppressed: [] });
  });

  test('holds when the reason says why', () => {
    expect(rows(svc('nodePort range is widened on these clusters'))).toEqual({ findings: [], suppressed: ['service-node-port-range'] });
  });
});

describe('the platform governs exemptions', () => {
  const reason = 'nodePort range is widened on these clusters';

  test('fails when exemptions are denied: exemption-not-allowed, and the finding is reported', () => {
    expect(rows(svc(reason), { exemptions: ExemptionPolicy.DENY })).toEqual({ findings: ['service-node-port-range error', 'exemption-not-allowed error'], suppressed: [] });
  });

  test('fails when the rule is not among the exemptable rules', () => {
    expect(rows(svc(reason), { exemptableRules: ['service-selector-dangling'] })).toEqual({ findings: ['service-node-port-range error', 'exemption-not-allowed error'], suppressed: [] });
  });

  test('holds when the rule is among the exemptable rules', () => {
    expect(rows(svc(reason), { exemptableRules: ['service-node-port-range'] })).toEqual({ findings: [], suppressed: ['service-node-port-range'] });
  });

  test('fails when exemptableRules names an unknown rule: one line naming the closest id', () => {
    expect(() => ManifestAnalyzer.analyze([], { exemptableRules: ['service-node-port-rang'] })).toThrow(/exemptableRules: unknown rule "service-node-port-rang"; did you mean "service-node-port-range"/);
  });

  describe('from the CLI', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-gate-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = () => {
      const file = path.join(dir, 'svc.json');
      fs.writeFileSync(file, JSON.stringify(svc(reason)));
      return file;
    };

    test('holds when exemptions are allowed (the default): exit 0', () => {
      expect(cli('check', write()).code).toBe(0);
    });
    test('fails when --no-exemptions: exit 1, both findings', () => {
      const r = cli('check', '--format', 'json', '--no-exemptions', write());
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out).findings.map((f: any) => f.rule)).toEqual(['service-node-port-range', 'service-selector-dangling', 'exemption-not-allowed']);
    });
    test('fails when --exemptions-for names other rules', () => {
      expect(cli('check', '--exemptions-for', 'service-selector-dangling,ingress-route-conflict', write()).code).toBe(1);
    });
    test('fails when the config file denies exemptions', () => {
      const config = path.join(dir, 'gate.yaml');
      fs.writeFileSync(config, 'exemptions: deny\n');
      expect(cli('check', '--config', config, write()).code).toBe(1);
    });
  });
});
