import { LABELS, analyze, analyzed, deployment, ingress, rule, service, thrown } from './helpers';
import { AnalyzeOptions } from '../../src/checker/check';
import { Severity } from '../../src/model/finding';
import { RuleSeverity } from '../../src/model/rule';

const E = 'error';
const W = 'warning';
const PREFIX = 'ignore-check.cdk8s-expose.io/';
const field = (id: string) => `metadata.annotations['${PREFIX}${id}']`;

/** A Service whose selector matches no workload of the set: a service-selector-dangling warning. */
const dangling = (annotations: { [k: string]: any } = {}) => service({ selector: { app: 'nothing' }, ports: [{ port: 80 }] }, 'web', { annotations });
/** A ClusterIP Service with a nodePort: a service-node-port-forbidden error. */
const nodePortOnClusterIp = (annotations: { [k: string]: any } = {}) => service({ ports: [{ port: 80, nodePort: 30080 }] }, 'web', { annotations });
/** A Service and the workload it selects: no finding. */
const wired = (annotations: { [k: string]: any } = {}) => [
  service({ selector: LABELS, ports: [{ port: 80 }] }, 'web', { annotations }),
  deployment({ ports: [{ containerPort: 80 }] }),
];

describe('exemptions', () => {
  test('an exemption with a reason suppresses the finding, which is kept with the reason', () => {
    const result = analyze([dangling({ [PREFIX + 'service-selector-dangling']: 'pods come from a Helm chart' })]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map(s => `${s.kind}/${s.name} ${s.rule} ${s.field} ${s.severity} ${s.reason}`))
      .toEqual([`Service/web service-selector-dangling spec.selector ${W} pods come from a Helm chart`]);
  });

  test('an exemption suppresses an error too, and only the findings of its rule', () => {
    const both = service({ selector: { app: 'nothing' }, ports: [{ port: 80, nodePort: 30080 }] }, 'web', { annotations: { [PREFIX + 'service-node-port-forbidden']: 'removed by a kustomize patch' } });
    const result = analyze([both]);
    expect(result.findings.map(f => `${f.rule} ${f.field} ${f.severity}`)).toEqual([`service-selector-dangling spec.selector ${W}`]);
    expect(result.suppressed.map(s => `${s.rule} ${s.field} ${s.severity} ${s.reason}`)).toEqual([`service-node-port-forbidden spec.ports[0].nodePort ${E} removed by a kustomize patch`]);
  });

  test.each([[''], ['   ']])('fails when the reason is %j: exemption-reason-required, and nothing is suppressed', reason => {
    const result = analyze([dangling({ [PREFIX + 'service-selector-dangling']: reason })]);
    expect(result.findings.map(f => `${f.rule} ${f.field} ${f.severity}`).sort()).toEqual([
      `exemption-reason-required ${field('service-selector-dangling')} ${E}`,
      `service-selector-dangling spec.selector ${W}`,
    ]);
    expect(result.suppressed).toEqual([]);
  });

  test('fails when the rule id is unknown: exemption-unknown-rule names the closest id', () => {
    const result = analyze([dangling({ [PREFIX + 'service-selector-danglin']: 'pods come from a Helm chart' })]);
    expect(result.findings.map(f => `${f.rule} ${f.field} ${f.severity}`).sort()).toEqual([
      `exemption-unknown-rule ${field('service-selector-danglin')} ${E}`,
      `service-selector-dangling spec.selector ${W}`,
    ]);
    const unknown = result.findings.find(f => f.rule === 'exemption-unknown-rule')!;
    expect(unknown.message).toContain('"service-selector-dangling"');
    expect(result.suppressed).toEqual([]);
  });

  test('fails when an exemption suppresses nothing: exemption-unused', () => {
    expect(analyzed(wired({ [PREFIX + 'service-selector-dangling']: 'pods come from a Helm chart' })))
      .toEqual([`Service/web exemption-unused ${field('service-selector-dangling')} ${W}`]);
  });

  test('accepts an exemption of a rule switched off (it is not stale)', () => {
    expect(analyzed(wired({ [PREFIX + 'service-selector-dangling']: 'pods come from a Helm chart' }), { rules: { 'service-selector-dangling': RuleSeverity.OFF } }))
      .toEqual([]);
  });

  test('the exemption rules are rules like the others: switched off by options.rules', () => {
    expect(analyzed(wired({ [PREFIX + 'service-selector-dangling']: 'pods come from a Helm chart' }), { rules: { 'exemption-unused': RuleSeverity.OFF } }))
      .toEqual([]);
  });
});

describe('rule severities', () => {
  test.each<[string, any[], AnalyzeOptions, string[]]>([
    ['a warning by default', [dangling()], {}, [`Service/web service-selector-dangling spec.selector ${W}`]],
    ['a warning raised to an error', [dangling()], { rules: { 'service-selector-dangling': RuleSeverity.ERROR } }, [`Service/web service-selector-dangling spec.selector ${E}`]],
    ['a warning switched off', [dangling()], { rules: { 'service-selector-dangling': RuleSeverity.OFF } }, []],
    ['an error by default', [nodePortOnClusterIp()], {}, [`Service/web service-node-port-forbidden spec.ports[0].nodePort ${E}`]],
    ['an error lowered to a warning', [nodePortOnClusterIp()], { rules: { 'service-node-port-forbidden': RuleSeverity.WARNING } }, [`Service/web service-node-port-forbidden spec.ports[0].nodePort ${W}`]],
    ['an error switched off', [nodePortOnClusterIp()], { rules: { 'service-node-port-forbidden': RuleSeverity.OFF } }, []],
    ['danglingSelectors error, the alias of the rule map', [dangling()], { danglingSelectors: Severity.ERROR }, [`Service/web service-selector-dangling spec.selector ${E}`]],
    ['danglingSelectors warning', [dangling()], { danglingSelectors: Severity.WARNING }, [`Service/web service-selector-dangling spec.selector ${W}`]],
    ['the rule map winning over the alias', [dangling()], { danglingSelectors: Severity.ERROR, rules: { 'service-selector-dangling': RuleSeverity.OFF } }, []],
  ])('%s', (_, set, options, expected) => expect(analyzed(set, options)).toEqual(expected));

  test('warningsAsErrors turns every warning into an error', () => {
    const unmatched = ingress({ rules: [rule('a.com')], tls: [{ secretName: 's', hosts: ['b.com'] }] });
    const set = [dangling(), unmatched, ...wired({ [PREFIX + 'service-selector-dangling']: 'pods come from a Helm chart' }).map(m => ({ ...m, metadata: { ...m.metadata, namespace: 'b' } }))];
    const expected = (severity: string) => [
      `Ingress/web ingress-tls-host-unmatched spec.tls[0].hosts[0] ${severity}`,
      `Service/web exemption-unused ${field('service-selector-dangling')} ${severity}`,
      `Service/web service-selector-dangling spec.selector ${severity}`,
    ];
    expect(analyzed(set)).toEqual(expected(W));
    expect(analyzed(set, { warningsAsErrors: true })).toEqual(expected(E));
  });

  // LoadBalancer port 10250: rejected through 1.32, accepted from 1.33 (service.cases.ts
  // 'TestValidateServiceCreate "valid port type=LoadBalancer"', acceptedFrom 33; PR #129174).
  // Was: '1.32.2' accepted.
  test.each<[string, string, string[]]>([
    ['1.30', '1.30', [`Service/web service-load-balancer-kubelet-port spec.ports[0].port ${E}`]],
    ['v1.31', 'v1.31', [`Service/web service-load-balancer-kubelet-port spec.ports[0].port ${E}`]],
    ['1.32.2', '1.32.2', [`Service/web service-load-balancer-kubelet-port spec.ports[0].port ${E}`]],
    ['1.33.0', '1.33.0', []],
    ['v1.37', 'v1.37', []],
  ])('kubernetesVersion %s makes a version-dependent rule exact', (_, kubernetesVersion, expected) => {
    expect(analyzed([service({ type: 'LoadBalancer', ports: [{ port: 10250 }] })], { kubernetesVersion })).toEqual(expected);
  });
});

describe('bad options', () => {
  test.each<[string, AnalyzeOptions, string, string]>([
    ['an unknown rule id', { rules: { 'service-node-port-rang': RuleSeverity.ERROR } }, 'rules:', '"service-node-port-range"'],
    ['a bad severity', { rules: { 'service-selector-dangling': 'fatal' as RuleSeverity } }, 'rules:', '"fatal"'],
    ['an unknown kubernetesVersion', { kubernetesVersion: '1.99' }, 'kubernetesVersion', '"1.99"'],
    ['a kubernetesVersion before 1.27', { kubernetesVersion: '1.26' }, 'kubernetesVersion', '"1.26"'],
    ['a nodePortRange with min > max', { nodePortRange: { min: 32767, max: 30000 } }, 'nodePortRange:', '32767-30000'],
    ['a bad danglingSelectors', { danglingSelectors: 'off' as Severity }, 'danglingSelectors:', '"off"'],
  ])('fails when the options have %s: one line naming the setting', (_, options, setting, value) => {
    const message = thrown(() => analyze([], options));
    expect(message.split('\n')).toHaveLength(1);
    expect(message.startsWith(setting)).toBe(true);
    expect(message).toContain(value);
  });

  test('fails with one line per bad setting, all at once', () => {
    const message = thrown(() => analyze([], { rules: { nope: RuleSeverity.ERROR }, kubernetesVersion: '1.99', nodePortRange: { min: 2, max: 1 } }));
    expect(message.split('\n').map(l => l.split(/[: ]/)[0])).toEqual(['rules', 'nodePortRange', 'kubernetesVersion']);
  });
});
