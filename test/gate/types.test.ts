import { analyzeManifests } from '../../src/checker/check';

/*
 * Issue 19 item 4: a value of the wrong JSON type does not decode on the API server, so the
 * object is refused; each becomes a finding with the field and the type the API declares.
 */

const deployment = (container: object, annotations: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' }, annotations }, spec: { containers: [{ name: 'c', image: 'i', ...container }] } } },
});
const service = (spec: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }], ...spec } });
const ingress = (spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } }, ...spec } });

function typeFindings(manifest: object): string[][] {
  return analyzeManifests([{ manifest }]).findings.filter(f => / where the API declares /.test(f.message) || /is not a string: annotation values/.test(f.message))
    .map(f => [f.rule, f.field, /declares (a \w+)/.exec(f.message)?.[1] ?? 'a string']);
}

const C = 'spec.template.spec.containers[0]';

describe('wrong types are findings', () => {
  test.each<[string, object, string[][]]>([
    ['env as a map', deployment({ env: { A: 'b' } }), [['container-env', `${C}.env`, 'a list']]],
    ['envFrom as a map', deployment({ envFrom: { configMapRef: { name: 'x' } } }), [['container-env', `${C}.envFrom`, 'a list']]],
    ['an env value that is a number', deployment({ env: [{ name: 'PORT', value: 8080 }] }), [['container-env', `${C}.env[0].value`, 'a string']]],
    ['ports as a map', deployment({ ports: { containerPort: 80 } }), [['container-port-number', `${C}.ports`, 'a list']]],
    ['args as a string', deployment({ args: '--verbose' }), [['workload-containers', `${C}.args`, 'a list']]],
    ['command as a string', deployment({ command: 'run' }), [['workload-containers', `${C}.command`, 'a list']]],
    ['containers as a map', { ...deployment({}), spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: { name: 'c' } } } } }, [['workload-containers', 'spec.template.spec.containers', 'a list']]],
    ['a pod-template annotation that is a number', deployment({}, { 'prometheus.io/port': 9090 }), [['metadata-annotations', "spec.template.metadata.annotations['prometheus.io/port']", 'a string']]],
    ['spec.type as a list', service({ type: ['NodePort'] }), [['service-type', 'spec.type', 'a string']]],
    ['Service ports as a map', service({ ports: { port: 80 } }), [['service-ports-required', 'spec.ports', 'a list']]],
    ['tls as a map', ingress({ tls: { hosts: ['a.example.com'] } }), [['ingress-tls', 'spec.tls', 'a list']]],
    ['Ingress rules as a map', ingress({ rules: { host: 'a.example.com' } }), [['ingress-rules-required', 'spec.rules', 'a list']]],
  ])('fails when %s', (_, manifest, expected) => {
    expect(typeFindings(manifest)).toEqual(expected);
  });

  test.each<[string, object]>([
    ['env null (the zero value)', deployment({ env: null })],
    ['args a list', deployment({ args: ['--verbose'] })],
    ['an env value a string', deployment({ env: [{ name: 'PORT', value: '8080' }] })],
    ['spec.type a string', service({ type: 'NodePort' })],
    ['tls a list', ingress({ tls: [{ hosts: ['a.example.com'] }] })],
  ])('holds when %s', (_, manifest) => {
    expect(typeFindings(manifest)).toEqual([]);
  });
});
