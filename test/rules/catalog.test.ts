import { LABELS, analyze, backend, deployment, ingress, pod, rule, service, thrown } from './helpers';
import { Rules } from '../../src/rules/catalog';
import { CHECKED_KINDS } from '../../src/rules/metadata';

const IDS = Rules.all().map(r => r.id);
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PREFIXES = ['metadata-', 'object-', 'service-', 'workload-', 'container-', 'probe-', 'ingress-', 'gateway-', 'httproute-', 'referencegrant-', 'exemption-'];
const SEVERITIES = ['error', 'warning'];

describe('the rule catalog', () => {
  test('ids are kebab-case, unique and sorted', () => {
    expect(IDS.filter(id => !KEBAB.test(id))).toEqual([]);
    expect(IDS.filter((id, i) => IDS.indexOf(id) !== i)).toEqual([]);
    expect(IDS).toEqual([...IDS].sort((a, b) => a.localeCompare(b)));
    expect(IDS.length).toBeGreaterThan(0);
  });

  test('every id starts with a reserved prefix', () => {
    expect(IDS.filter(id => !PREFIXES.some(p => id.startsWith(p)))).toEqual([]);
  });

  test.each(Rules.all().map(r => [r.id, r] as const))('%s is fully described', (_, info) => {
    expect(info.kinds.length).toBeGreaterThan(0);
    expect(info.kinds.filter(k => !CHECKED_KINDS.includes(k))).toEqual([]);
    expect(info.summary.trim()).not.toEqual('');
    expect(info.prevents.trim()).not.toEqual('');
    expect(['object', 'app']).toContain(info.scope);
    expect(SEVERITIES).toContain(info.severity);
    expect(SEVERITIES).toContain(info.constructSeverity);
  });

  test('a rule is looked up by its id', () => {
    expect(Rules.get('service-node-port-range').id).toEqual('service-node-port-range');
  });

  test.each([
    ['service-node-port-rang', 'service-node-port-range'],
    ['ingress-hosts', 'ingress-host'],
    ['container-imag', 'container-image'],
  ])('fails when the id is unknown: %j names %j', (unknown, closest) => {
    const message = thrown(() => Rules.get(unknown));
    expect(message).toContain(JSON.stringify(unknown));
    expect(message).toContain(JSON.stringify(closest));
  });

  test('fails when the id is "nope", naming a catalog id', () => {
    const message = thrown(() => Rules.get('nope'));
    const named = IDS.filter(id => message.includes(JSON.stringify(id)));
    expect(named).toHaveLength(1);
  });
});

/*
 * One trigger per object rule of Service, Deployment, Pod and Ingress, with its nearest valid
 * manifest. Run through the manifest analyzer: every finding must carry a catalog id, each
 * trigger must give a finding of its rule, and its valid twin none.
 */

const ONE = [{ port: 80 }];
const withTemplateLabels = (labels: object) => deployment({}, { template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } });
const withContainers = (containers: object[]) => deployment({}, { template: { metadata: { labels: LABELS }, spec: { containers } } });

const TRIGGERS: Array<{ rule: string; bad: any; good: any }> = [
  { rule: 'metadata-namespace', bad: service({ ports: ONE }, 'web', { namespace: 'Shop_1' }), good: service({ ports: ONE }, 'web', { namespace: 'shop-1' }) },
  { rule: 'metadata-labels', bad: service({ ports: ONE }, 'web', { labels: { 'team/': 'a' } }), good: service({ ports: ONE }, 'web', { labels: { team: 'a' } }) },
  { rule: 'service-name', bad: service({ ports: ONE }, '1svc'), good: service({ ports: ONE }, 'svc1') },
  { rule: 'service-type', bad: service({ type: 'Internal', ports: ONE }), good: service({ type: 'ClusterIP', ports: ONE }) },
  { rule: 'service-headless-type', bad: service({ type: 'NodePort', clusterIP: 'None', ports: ONE }), good: service({ type: 'ClusterIP', clusterIP: 'None', ports: ONE }) },
  { rule: 'service-ports-required', bad: service({}), good: service({ clusterIP: 'None' }) },
  { rule: 'service-external-name', bad: service({ type: 'ExternalName' }), good: service({ type: 'ExternalName', externalName: 'a.com' }) },
  { rule: 'service-external-name-selector', bad: service({ type: 'ExternalName', externalName: 'a.com', selector: LABELS }), good: service({ type: 'ExternalName', externalName: 'a.com' }) },
  { rule: 'service-external-name-cluster-ip', bad: service({ type: 'ExternalName', externalName: 'a.com', clusterIP: 'None' }), good: service({ type: 'ExternalName', externalName: 'a.com' }) },
  { rule: 'service-selector', bad: service({ ports: ONE, selector: { app: 'bad value' } }), good: service({ ports: ONE, selector: { app: 'good-value' } }) },
  { rule: 'service-port-protocol', bad: service({ ports: [{ port: 80, protocol: 'tcp' }] }), good: service({ ports: [{ port: 80, protocol: 'TCP' }] }) },
  { rule: 'service-port-number', bad: service({ ports: [{ port: 0 }] }), good: service({ ports: [{ port: 1 }] }) },
  { rule: 'service-port-name-required', bad: service({ ports: [{ port: 80 }, { port: 443 }] }), good: service({ ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] }) },
  { rule: 'service-port-name', bad: service({ ports: [{ port: 80, name: 'HTTP_1' }] }), good: service({ ports: [{ port: 80, name: 'http-1' }] }) },
  { rule: 'service-port-name-unique', bad: service({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] }), good: service({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http-alt' }] }) },
  { rule: 'service-port-unique', bad: service({ ports: [{ port: 53, name: 'a' }, { port: 53, name: 'b' }] }), good: service({ ports: [{ port: 53, name: 'a' }, { port: 53, name: 'b', protocol: 'UDP' }] }) },
  { rule: 'service-load-balancer-kubelet-port', bad: service({ type: 'LoadBalancer', ports: [{ port: 10250 }] }), good: service({ type: 'LoadBalancer', ports: [{ port: 10251 }] }) },
  { rule: 'service-target-port', bad: service({ ports: [{ port: 80, targetPort: 'a'.repeat(16) }] }), good: service({ ports: [{ port: 80, targetPort: 'a'.repeat(15) }] }) },
  { rule: 'service-app-protocol', bad: service({ ports: [{ port: 80, appProtocol: 'http 2' }] }), good: service({ ports: [{ port: 80, appProtocol: 'kubernetes.io/h2c' }] }) },
  { rule: 'service-node-port-forbidden', bad: service({ ports: [{ port: 80, nodePort: 30080 }] }), good: service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }) },
  { rule: 'service-node-port-range', bad: service({ type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] }), good: service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] }) },
  {
    rule: 'service-node-port-unique',
    bad: service({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] }),
    good: service({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30081 }] }),
  },
  {
    rule: 'service-session-affinity',
    bad: service({ ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }),
    good: service({ ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } }),
  },
  {
    rule: 'service-session-affinity-config',
    bad: service({ ports: ONE, sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }),
    good: service({ ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }),
  },
  { rule: 'service-external-traffic-policy', bad: service({ ports: ONE, externalTrafficPolicy: 'Local' }), good: service({ type: 'NodePort', ports: ONE, externalTrafficPolicy: 'Local' }) },
  { rule: 'service-internal-traffic-policy', bad: service({ ports: ONE, internalTrafficPolicy: 'Node' }), good: service({ ports: ONE, internalTrafficPolicy: 'Local' }) },
  {
    rule: 'service-load-balancer-source-ranges',
    bad: service({ type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/33'] }),
    good: service({ type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/32'] }),
  },
  { rule: 'workload-name', bad: deployment({}, {}, 'Web_App'), good: deployment({}, {}, 'web-app') },
  { rule: 'workload-replicas', bad: deployment({}, { replicas: -1 }), good: deployment({}, { replicas: 0 }) },
  { rule: 'workload-selector', bad: deployment({}, { selector: { matchLabels: { app: 'other' } } }), good: deployment({}, { selector: { matchLabels: LABELS } }) },
  { rule: 'workload-template-labels', bad: withTemplateLabels({ ...LABELS, 'team/': 'a' }), good: withTemplateLabels({ ...LABELS, team: 'a' }) },
  { rule: 'workload-containers', bad: withContainers([]), good: withContainers([{ name: 'app', image: 'nginx' }]) },
  { rule: 'container-name', bad: deployment({ name: 'App' }), good: deployment({ name: 'app' }) },
  { rule: 'container-image', bad: pod({ image: '' }), good: pod({ image: 'nginx' }) },
  { rule: 'container-port-protocol', bad: deployment({ ports: [{ containerPort: 80, protocol: 'udp' }] }), good: deployment({ ports: [{ containerPort: 80, protocol: 'UDP' }] }) },
  { rule: 'container-port-number', bad: deployment({ ports: [{ containerPort: 0 }] }), good: deployment({ ports: [{ containerPort: 1 }] }) },
  { rule: 'container-port-name', bad: deployment({ ports: [{ containerPort: 80, name: 'a'.repeat(16) }] }), good: deployment({ ports: [{ containerPort: 80, name: 'a'.repeat(15) }] }) },
  { rule: 'container-port-unique', bad: deployment({ ports: [{ containerPort: 80 }, { containerPort: 80 }] }), good: deployment({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }] }) },
  { rule: 'probe-port', bad: deployment({ readinessProbe: { tcpSocket: { port: 65536 } } }), good: deployment({ readinessProbe: { tcpSocket: { port: 65535 } } }) },
  {
    rule: 'probe-port-undeclared',
    bad: deployment({ ports: [{ containerPort: 80, name: 'http' }], readinessProbe: { httpGet: { path: '/', port: 'web' } } }),
    good: deployment({ ports: [{ containerPort: 80, name: 'http' }], readinessProbe: { httpGet: { path: '/', port: 'http' } } }),
  },
  {
    rule: 'probe-success-threshold',
    bad: deployment({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }),
    good: deployment({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } }),
  },
  { rule: 'ingress-name', bad: ingress({ rules: [rule()] }, { name: 'Web_1' }), good: ingress({ rules: [rule()] }, { name: 'web-1' }) },
  { rule: 'ingress-rules-required', bad: ingress({}), good: ingress({ defaultBackend: backend() }) },
  { rule: 'ingress-host', bad: ingress({ rules: [rule('a.com:80')] }), good: ingress({ rules: [rule('a.com')] }) },
  { rule: 'ingress-paths', bad: ingress({ rules: [rule('a.com', { path: 'api' })] }), good: ingress({ rules: [rule('a.com', { path: '/api' })] }) },
  { rule: 'ingress-backend', bad: ingress({ rules: [rule('a.com', { backend: backend('web', { number: 65536 }) })] }), good: ingress({ rules: [rule('a.com', { backend: backend('web', { number: 65535 }) })] }) },
  { rule: 'ingress-tls', bad: ingress({ rules: [rule('a.com')], tls: [{ secretName: 'A_TLS', hosts: ['a.com'] }] }), good: ingress({ rules: [rule('a.com')], tls: [{ secretName: 'a-tls', hosts: ['a.com'] }] }) },
  { rule: 'ingress-tls-host-unmatched', bad: ingress({ rules: [rule('a.com')], tls: [{ secretName: 's', hosts: ['b.com'] }] }), good: ingress({ rules: [rule('a.com')], tls: [{ secretName: 's', hosts: ['a.com'] }] }) },
  { rule: 'ingress-class', bad: ingress({ ingressClassName: 'Nginx_1', rules: [rule()] }), good: ingress({ ingressClassName: 'nginx-1', rules: [rule()] }) },
];

const TRIGGERED_KINDS = ['Service', 'Deployment', 'Pod', 'Ingress'];

describe('every finding carries the id of its rule', () => {
  test('every object rule of Service, Deployment, Pod and Ingress has a trigger', () => {
    const objectRules = Rules.all()
      .filter(r => r.scope === 'object' && !r.id.startsWith('exemption-') && r.kinds.some(k => TRIGGERED_KINDS.includes(k)))
      .map(r => r.id);
    expect(TRIGGERS.map(t => t.rule).sort()).toEqual(objectRules.sort());
  });

  test.each(TRIGGERS.map(t => [t.rule, t] as const))('%s: its trigger gives its finding, its valid twin none', (id, t) => {
    const bad = analyze([t.bad]).findings;
    const good = analyze([t.good]).findings;
    expect([...bad, ...good].map(f => f.rule).filter(r => !IDS.includes(r))).toEqual([]);
    expect(bad.map(f => f.rule)).toContain(id);
    expect(good.map(f => f.rule)).not.toContain(id);
  });

  test('every finding of all triggers at once carries a catalog id', () => {
    const all = analyze(TRIGGERS.flatMap(t => [t.bad, t.good])).findings;
    expect(all.length).toBeGreaterThan(TRIGGERS.length);
    expect(all.filter(f => !IDS.includes(f.rule)).map(f => `${f.rule} ${f.field}`)).toEqual([]);
  });
});
