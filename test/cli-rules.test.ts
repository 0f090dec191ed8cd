import * as fs from 'fs';
import * as path from 'path';
import '@microsoft/jest-sarif';
import { ExposeValidation, Rules } from '../src';
import { cli } from './util';
import { rulesDocument } from '../src/checker/check';

/* The rule catalog in the CLI and the plugin: configuration, exemptions, and the pipeline formats. */

const ROOT = path.resolve(__dirname, '..');
const FIX = path.join(__dirname, 'fixtures', 'manifests');
const HELM = path.relative(ROOT, path.join(FIX, 'helm-rendered.yaml'));

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

/** `rule severity` of each finding of `check --format json`. */
function rules(...argv: string[]): string[] {
  const r = cli('check', '--format', 'json', ...argv);
  return JSON.parse(r.out).findings.map((f: any) => `${f.rule} ${f.severity}`);
}

function inTemp(files: { [name: string]: string }, body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-rules-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const DANGLING = `apiVersion: v1
kind: Service
metadata:
  name: legacy
spec:
  selector: { app: legacy }
  ports: [{ port: 80 }]
`;

describe('cdk8s-expose rules', () => {
  test('prints the catalog as a table, one row per rule', () => {
    const r = cli('rules');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+SCOPE\s+KINDS\s+CHECKS$/);
    expect(lines.slice(1).map(l => l.split(/\s+/)[0])).toEqual(Rules.all().map(i => i.id));
  });

  test('--format json is Rules.all()', () => {
    expect(JSON.parse(cli('rules', '--format', 'json').out)).toEqual(JSON.parse(JSON.stringify(Rules.all())));
  });

  test('--format markdown is docs/rules.md', () => {
    expect(cli('rules', '--format', 'markdown').out).toBe(rulesDocument() + '\n');
  });
});

describe('check: rule severities and exemptions', () => {
  test('a rule is raised, lowered and switched off with --rule', () => {
    inTemp({ 'svc.yaml': DANGLING }, dir => {
      const file = path.join(dir, 'svc.yaml');
      expect(rules(file)).toEqual(['service-selector-dangling warning']);
      expect(rules('--rule', 'service-selector-dangling=error', file)).toEqual(['service-selector-dangling error']);
      expect(rules('--rule', 'service-selector-dangling=off', file)).toEqual([]);
      expect(cli('check', '--rule', 'service-selector-dangling=error', file).code).toBe(1);
    });
  });

  test('the config file in the working directory sets rules, and flags override it', () => {
    inTemp({ 'svc.yaml': DANGLING, '.cdk8s-expose.yaml': 'rules:\n  service-selector-dangling: error\nnodePortRange: 30000-30999\nkubernetesVersion: "1.30"\n' }, dir => {
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        expect(rules('svc.yaml')).toEqual(['service-selector-dangling error']);
        expect(rules('--rule', 'service-selector-dangling=warning', 'svc.yaml')).toEqual(['service-selector-dangling warning']);
      } finally {
        process.chdir(cwd);
      }
    });
  });

  // issue 20: the Gateway API range is a setting of the CLI like the Kubernetes one
  test('--gateway-api-version and the config file\'s gatewayApiVersion pin the bundle', () => {
    const TLS = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: eg\n  listeners:\n  - name: tls\n    port: 443\n    protocol: TLS\n';
    inTemp({ 'gw.yaml': TLS, 'v14.yaml': 'gatewayApiVersion: v1.4\n' }, dir => {
      const file = path.join(dir, 'gw.yaml');
      expect(rules(file)).toEqual(['gateway-listener-tls warning']);
      expect(rules('--gateway-api-version', 'v1.5', file)).toEqual(['gateway-listener-tls error']);
      expect(rules('--gateway-api-version', '1.4', file)).toEqual([]);
      expect(rules('--config', path.join(dir, 'v14.yaml'), file)).toEqual([]);
    });
  });

  // issue 20: the retired rules' ids keep old configurations working; their exemptions are stale
  test('holds when a setting names a retired rule; its exemption is reported unused', () => {
    const exempt = DANGLING.replace('  name: legacy\n', '  name: legacy\n  annotations:\n    ignore-check.cdk8s-expose.io/service-target-port-undeclared: image listens on 8080\n');
    inTemp({ 'svc.yaml': exempt, 'gate.yaml': 'rules:\n  service-target-port-undeclared: "off"\n  probe-port-wiring: error\n' }, dir => {
      expect(rules('--config', path.join(dir, 'gate.yaml'), path.join(dir, 'svc.yaml')).sort()).toEqual(['exemption-unused warning', 'service-selector-dangling warning']);
    });
  });

  test('--config names another file', () => {
    inTemp({ 'svc.yaml': DANGLING, 'gate.yaml': 'rules: { service-selector-dangling: "off" }\n' }, dir => {
      expect(rules('--config', path.join(dir, 'gate.yaml'), path.join(dir, 'svc.yaml'))).toEqual([]);
    });
  });

  test('--warnings-as-errors and the --dangling-selectors alias', () => {
    inTemp({ 'svc.yaml': DANGLING }, dir => {
      expect(rules('--warnings-as-errors', path.join(dir, 'svc.yaml'))).toEqual(['service-selector-dangling error']);
      expect(rules('--dangling-selectors', 'error', path.join(dir, 'svc.yaml'))).toEqual(['service-selector-dangling error']);
    });
  });

  test('an exemption annotation suppresses a finding; --format json lists it under suppressed with its reason', () => {
    const exempt = DANGLING.replace('  name: legacy\n', '  name: legacy\n  annotations:\n    ignore-check.cdk8s-expose.io/service-selector-dangling: pods come from the upstream Helm chart\n');
    inTemp({ 'svc.yaml': exempt }, dir => {
      const r = JSON.parse(cli('check', '--format', 'json', path.join(dir, 'svc.yaml')).out);
      expect(r.findings).toEqual([]);
      expect(r.suppressed.map((f: any) => [f.rule, f.field, f.reason])).toEqual([['service-selector-dangling', 'spec.selector', 'pods come from the upstream Helm chart']]);
    });
  });

  test.each<[string, string[], string | undefined, RegExp]>([
    ['an unknown rule id', ['--rule', 'service-selector-danglin=error'], undefined, /^error: rules: unknown rule "service-selector-danglin"; did you mean "service-selector-dangling"\?/],
    ['a bad severity', ['--rule', 'service-selector-dangling=fatal'], undefined, /^error: rules: "fatal" is not a severity of rule "service-selector-dangling": allowed are error, warning, off$/],
    ['a --rule without =', ['--rule', 'service-selector-dangling'], undefined, /^error: --rule service-selector-dangling: use --rule <id>=<error\|warning\|off>/],
    ['a bad range', ['--node-port-range', '30000'], undefined, /^error: --node-port-range: "30000" is not a range; use MIN-MAX/],
    ['a range that is not a range', ['--node-port-range', '32767-30000'], undefined, /^error: nodePortRange: 32767-30000 is not a port range/],
    ['an unknown Kubernetes version', ['--kubernetes-version', '1.99'], undefined, /^error: kubernetesVersion: "1.99" is not a known release; known releases: 1.27, .*, 1.37$/],
    ['an unknown setting in the config file', [], 'rules: {}\nfailOnWarning: true\n', /^error: .*gate\.yaml: unknown setting "failOnWarning"; the settings are rules, nodePortRange, kubernetesVersion, gatewayApiVersion, warningsAsErrors, danglingSelectors, exemptions, exemptableRules$/],
    ['an unknown Gateway API version', ['--gateway-api-version', 'v1.9'], undefined, /^error: gatewayApiVersion: "v1.9" is not a known release; known releases: v1.4, v1.5, v1.6$/],
    ['an unquoted 1.30 in the config file (YAML reads 1.3)', [], 'kubernetesVersion: 1.30\n', /^error: kubernetesVersion: 1.3 is a number .*write it quoted: '1.30'; known releases: 1.27, .*, 1.37$/],
    ['a config file that is not YAML', [], 'rules: [\n', /^error: .*gate\.yaml: not valid YAML/],
    ['a missing --config file', ['--config', 'nope.yaml'], undefined, /^error: --config nope\.yaml: no such file$/],
  ])('fails when given %s: one line per problem, exit 2', (_, flags, config, re) => {
    inTemp({ 'svc.yaml': DANGLING, ...(config !== undefined ? { 'gate.yaml': config } : {}) }, dir => {
      const argv = ['check', ...flags, ...(config !== undefined ? ['--config', path.join(dir, 'gate.yaml')] : []), path.join(dir, 'svc.yaml')];
      const r = cli(...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(re)]);
    });
  });
});

describe('check: pipeline formats', () => {
  test('--format sarif is a valid SARIF 2.1.0 log whose rules are the catalog', () => {
    const r = cli('check', '--format', 'sarif', HELM);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(log).toBeValidSarifLog();
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((x: any) => x.id)).toEqual(Rules.all().map(i => i.id));
    expect(run.results.map((x: any) => `${x.ruleId} ${x.level} ${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}:${x.locations[0].physicalLocation.region.startColumn}`)).toEqual([
      'probe-port-undeclared error test/fixtures/manifests/helm-rendered.yaml:29:21',
      'service-target-port-name error test/fixtures/manifests/helm-rendered.yaml:44:19',
      'service-selector-dangling warning test/fixtures/manifests/helm-rendered.yaml:56:5',
      'service-node-port-conflict error test/fixtures/manifests/helm-rendered.yaml:60:17',
      'ingress-backend-port error test/fixtures/manifests/helm-rendered.yaml:80:19',
    ]);
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
    // the catalog part of the log (and so ruleIndex) changes with every rule; the results are what this snapshot keeps
    expect(run.results.map(({ ruleIndex, ...x }: any) => x)).toMatchSnapshot();
  });

  test('--format sarif marks an exempted finding as suppressed, with the reason', () => {
    const exempt = DANGLING.replace('  name: legacy\n', '  name: legacy\n  annotations:\n    ignore-check.cdk8s-expose.io/service-selector-dangling: pods come from the upstream Helm chart\n');
    inTemp({ 'svc.yaml': exempt }, dir => {
      const log = JSON.parse(cli('check', '--format', 'sarif', path.join(dir, 'svc.yaml')).out);
      expect(log).toBeValidSarifLog();
      expect(log.runs[0].results.map((x: any) => [x.ruleId, x.suppressions])).toEqual([
        ['service-selector-dangling', [{ kind: 'inSource', justification: 'pods come from the upstream Helm chart' }]],
      ]);
    });
  });

  test('--format sarif reports a file that could not be read under object-readable', () => {
    const log = JSON.parse(cli('check', '--format', 'sarif', path.relative(ROOT, path.join(FIX, 'not-yaml.yaml')), path.relative(ROOT, path.join(FIX, 'valid.yaml'))).out);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results.map((x: any) => `${x.ruleId} ${x.level} ${x.locations[0].physicalLocation.artifactLocation.uri}`))
      .toEqual(['object-readable error test/fixtures/manifests/not-yaml.yaml']);
  });

  test('--format github prints one workflow command per finding', () => {
    const r = cli('check', '--format', 'github', HELM);
    expect(r.code).toBe(1);
    const [settings, ...lines] = r.out.trim().split('\n');
    expect(settings).toBe('::notice title=cdk8s-expose settings::settings: config file none, no rule or setting changed from its default');
    expect(lines.map(l => /^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([a-z-]+)::/.exec(l)?.slice(1).join(' '))).toEqual([
      'error test/fixtures/manifests/helm-rendered.yaml 29 21 probe-port-undeclared',
      'error test/fixtures/manifests/helm-rendered.yaml 44 19 service-target-port-name',
      'warning test/fixtures/manifests/helm-rendered.yaml 56 5 service-selector-dangling',
      'error test/fixtures/manifests/helm-rendered.yaml 60 17 service-node-port-conflict',
      'error test/fixtures/manifests/helm-rendered.yaml 80 19 ingress-backend-port',
    ]);
    expect(r.out).toMatchSnapshot();
  });

  test('text and JSON carry the rule id of every finding', () => {
    const text = cli('check', HELM).out.trim().split('\n').slice(0, -1);
    expect(text.map(l => /\(rule ([a-z-]+)\)$/.exec(l)?.[1])).toEqual(['probe-port-undeclared', 'service-target-port-name', 'service-selector-dangling', 'service-node-port-conflict', 'ingress-backend-port']);
    expect(rules(HELM)).toEqual(['probe-port-undeclared error', 'service-target-port-name error', 'service-selector-dangling warning', 'service-node-port-conflict error', 'ingress-backend-port error']);
  });
});

describe('the cdk8s plugin', () => {
  /** A stand-in for cdk8s-cli's ValidationContext: the manifests of a file, and the report. */
  function validate(props: any, manifests: any[]): { violations: any[]; status?: string } {
    const report: { violations: any[]; status?: string } = { violations: [] };
    const context = {
      manifests: ['dist/app.k8s.yaml'],
      parseManifest: () => manifests,
      metadata: {},
      report: { addViolation: (v: any) => report.violations.push(v), submit: (s: string) => { report.status = s; } },
    };
    void new ExposeValidation(props).validate(context);
    return report;
  }

  const svc = (ports: any[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports } });

  test('one violation per rule id, whatever the field, with the fix on its own', () => {
    const report = validate({}, [svc([{ name: 'a', port: 0 }, { name: 'b', port: 70000 }])]);
    expect(report.status).toBe('failure');
    const portRule = report.violations.filter(v => v.ruleName === 'service-port-number');
    expect(portRule).toHaveLength(1);
    expect(portRule[0].violatingResources.map((r: any) => r.locations[0])).toEqual(['spec.ports[0].port', 'spec.ports[1].port']);
    expect(portRule[0].fix).toBe('set the port the Service listens on inside the cluster');
  });

  test('the rules property raises and switches off rules; warningsAsErrors fails on warnings', () => {
    expect(validate({}, [svc([{ port: 80 }])]).status).toBe('success');
    expect(validate({ rules: { 'service-selector-dangling': 'error' } }, [svc([{ port: 80 }])]).status).toBe('failure');
    expect(validate({ warningsAsErrors: true }, [svc([{ port: 80 }])]).status).toBe('failure');
    expect(validate({ rules: { 'service-selector-dangling': 'off' }, warningsAsErrors: true }, [svc([{ port: 80 }])]).violations).toEqual([]);
  });

  test('the old spelling failOnWarnings still works, with a deprecation warning', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(validate({ failOnWarnings: true }, [svc([{ port: 80 }])]).status).toBe('failure');
      expect(write.mock.calls.map(c => String(c[0]))).toEqual(['cdk8s-expose: the plugin property failOnWarnings is deprecated; use warningsAsErrors\n']);
    } finally {
      write.mockRestore();
    }
  });

  test('fails when a property is bad: one line naming it', async () => {
    const context = { manifests: [], parseManifest: () => [], report: { addViolation: () => undefined, submit: () => undefined } };
    await expect(new ExposeValidation({ rules: { nope: 'error' } } as any).validate(context))
      .rejects.toThrow(/^cdk8s-expose plugin properties: rules: unknown rule "nope"; did you mean/);
  });
});
