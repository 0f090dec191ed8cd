import { ManifestAnalyzer, Severity } from '../src';
import { ManifestFinding } from '../src/checker/check';

/* For every finding of the manifest analysis: a set of manifests that triggers it, and the nearest valid case. */

const deployment = (name: string, labels: any, ports: any[] = [{ containerPort: 80, name: 'http' }], extra: any = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx', ports, ...extra }] } } },
});
const service = (name: string, spec: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
const ingress = (name: string, rules: any[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name }, spec: { rules } });
const rule = (host: string, path: string, svc: string, port: any, pathType = 'Prefix') => ({
  host, http: { paths: [{ path, pathType, backend: { service: { name: svc, port } } }] },
});
const WEB = { app: 'web' };

function findings(objects: any[]): string[] {
  const result = ManifestAnalyzer.analyze(objects.map((manifest, i) => ({ manifest, file: 'in.yaml', line: i + 1 })));
  return result.findings.map((f: ManifestFinding) => `${f.severity} ${f.kind} ${f.name} ${f.rule} ${f.field}`);
}

type Case = [string, any[], any[], string[]];
const CASES: Case[] = [
  ['a Service rule (nodePort out of range)',
    [deployment('web', WEB), service('web', { type: 'NodePort', selector: WEB, ports: [{ port: 80, nodePort: 99999 }] })],
    [deployment('web', WEB), service('web', { type: 'NodePort', selector: WEB, ports: [{ port: 80, nodePort: 30080 }] })],
    ['error Service web service-node-port-range spec.ports[0].nodePort']],
  ['a Deployment rule (replicas < 0)',
    [{ ...deployment('web', WEB), spec: { ...deployment('web', WEB).spec, replicas: -1 } }],
    [{ ...deployment('web', WEB), spec: { ...deployment('web', WEB).spec, replicas: 0 } }],
    ['error Deployment web workload-replicas spec.replicas']],
  ['an Ingress rule (host with a port)',
    [ingress('ing', [{ host: 'a.example.com:80', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { resource: { kind: 'X', name: 'x' } } }] } }])],
    [ingress('ing', [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { resource: { kind: 'X', name: 'x' } } }] } }])],
    ['error Ingress ing ingress-host spec.rules[0].host']],
  ['a Service selector matches no workload',
    [deployment('web', WEB), service('web', { selector: { app: 'wbe' }, ports: [{ port: 80 }] })],
    [deployment('web', WEB), service('web', { selector: WEB, ports: [{ port: 80 }] })],
    ['warning Service web service-selector-dangling spec.selector']],
  ['a named targetPort no selected container declares',
    [deployment('web', WEB), service('web', { selector: WEB, ports: [{ port: 80, targetPort: 'htp' }] })],
    [deployment('web', WEB), service('web', { selector: WEB, ports: [{ port: 80, targetPort: 'http' }] })],
    ['error Service web service-target-port-name spec.ports[0].targetPort']],
  ['a named targetPort declared with another protocol',
    [deployment('dns', { app: 'dns' }, [{ containerPort: 53, name: 'dns', protocol: 'UDP' }]), service('dns', { selector: { app: 'dns' }, ports: [{ port: 53, targetPort: 'dns' }] })],
    [deployment('dns', { app: 'dns' }, [{ containerPort: 53, name: 'dns', protocol: 'UDP' }]), service('dns', { selector: { app: 'dns' }, ports: [{ port: 53, targetPort: 'dns', protocol: 'UDP' }] })],
    ['error Service dns service-target-port-name spec.ports[0].targetPort']],
  ['an Ingress backend points to a missing Service',
    [ingress('ing', [rule('a.example.com', '/', 'nope', { number: 80 })])],
    [service('nope', { ports: [{ port: 80 }] }), ingress('ing', [rule('a.example.com', '/', 'nope', { number: 80 })])],
    ['warning Ingress ing ingress-backend-service spec.rules[0].http.paths[0].backend.service.name']],
  ['an Ingress backend points to a port the Service lacks',
    [service('web', { ports: [{ port: 80, name: 'http' }] }), ingress('ing', [rule('a.example.com', '/', 'web', { number: 8080 })])],
    [service('web', { ports: [{ port: 80, name: 'http' }] }), ingress('ing', [rule('a.example.com', '/', 'web', { name: 'http' })])],
    ['error Ingress ing ingress-backend-port spec.rules[0].http.paths[0].backend.service.port']],
  ['an Ingress backend names a Service port longer than 15 characters',
    [service('web', { ports: [{ port: 80, name: 'very-long-port-name' }] }), ingress('ing', [rule('a.example.com', '/', 'web', { name: 'very-long-port-name' })])],
    [service('web', { ports: [{ port: 80, name: 'very-long-port-name' }] }), ingress('ing', [rule('a.example.com', '/', 'web', { number: 80 })])],
    ['error Ingress ing ingress-backend spec.rules[0].http.paths[0].backend.service.port.name']],
  ['two Services hold one nodePort',
    [service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
    [service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30081, protocol: 'UDP' }] })],
    ['error Service b service-node-port-conflict spec.ports[0].nodePort']],
  ['two Ingresses claim one host + path + pathType',
    [service('x', { ports: [{ port: 80 }] }), ingress('one', [rule('a.example.com', '/', 'x', { number: 80 })]), ingress('two', [rule('a.example.com', '/', 'x', { number: 80 })])],
    [service('x', { ports: [{ port: 80 }] }), ingress('one', [rule('a.example.com', '/', 'x', { number: 80 })]), ingress('two', [rule('a.example.com', '/', 'x', { number: 80 }, 'Exact')])],
    ['error Ingress two ingress-route-conflict spec.rules[0].http.paths[0]']],
  ['a Deployment selector does not match its template labels',
    [{ ...deployment('web', WEB), spec: { ...deployment('web', WEB).spec, selector: { matchLabels: { app: 'other' } } } }],
    [deployment('web', WEB)],
    ['error Deployment web workload-selector spec.template.metadata.labels.app']],
  ['a probe names a port its container does not declare',
    [deployment('web', WEB, [{ containerPort: 80, name: 'http' }], { readinessProbe: { httpGet: { path: '/', port: 'healthz' } } })],
    [deployment('web', WEB, [{ containerPort: 80, name: 'http' }], { readinessProbe: { httpGet: { path: '/', port: 'http' } } })],
    ['error Deployment web probe-port-undeclared spec.template.spec.containers[0].readinessProbe.httpGet.port']],
  ['a Pod container port is invalid',
    [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: WEB }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 0 }] }] } }],
    [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: WEB }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }] }] } }],
    ['error Pod p container-port-number spec.containers[0].ports[0].containerPort']],
];

describe('the manifest analysis', () => {
  describe.each(CASES)('%s', (_, bad, good, expected) => {
    test('is found, and nothing else', () => {
      expect(findings(bad)).toEqual(expected);
    });
    test('is not found in the nearest valid case', () => {
      expect(findings(good)).toEqual([]);
    });
  });

  test('a Pod is a workload: a Service selecting it has endpoints', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: WEB }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, name: 'http' }] }] } };
    expect(findings([pod, service('web', { selector: WEB, ports: [{ port: 80, targetPort: 'http' }] })])).toEqual([]);
  });

  test('StatefulSets and DaemonSets are workloads', () => {
    const sts = { ...deployment('db', { app: 'db' }, [{ containerPort: 5432, name: 'pg' }]), kind: 'StatefulSet' };
    const ds = { ...deployment('agent', { app: 'agent' }, [{ containerPort: 9100, name: 'metrics' }]), kind: 'DaemonSet' };
    expect(findings([sts, ds, service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 'pg' }] }),
      service('agent', { selector: { app: 'agent' }, ports: [{ port: 9100, targetPort: 'metrics' }] })])).toEqual([]);
  });

  test('dangling selectors can be errors', () => {
    const result = ManifestAnalyzer.analyze([{ manifest: service('web', { selector: { app: 'x' }, ports: [{ port: 80 }] }) }], { danglingSelectors: Severity.ERROR });
    expect(result.findings.map(f => f.severity)).toEqual([Severity.ERROR]);
  });

  test('unknown kinds are skipped with a note, not a finding', () => {
    const result = ManifestAnalyzer.analyze([{ manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }, file: 'a.yaml' }]);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual(['ConfigMap cm (a.yaml)']);
  });
});
