import { ManifestAnalyzer } from '../../src';
import { summarizeValue } from '../../src/model/finding';

/*
 * Objects are recognised by apiVersion and kind together (the kind registry): another API's
 * object of a kind name we read is not read, and a kind we read at a version the API does not
 * serve gets one finding for the version, none for its fields.
 */

const analyze = (...manifests: any[]) => ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest, file: 'm.yaml' })));
const rows = (...manifests: any[]) => analyze(...manifests).findings.map(f => `${f.kind}/${f.name} ${f.rule} ${f.field} ${f.severity}`);

describe('the kind registry', () => {
  describe('objects of other APIs are not read', () => {
    // shapes as the projects document them: Istio's ingress Gateway, a Knative Service, a Traefik IngressRoute
    const istioGateway = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway' },
      spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
    };
    const knativeService = {
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'hello' },
      spec: { template: { spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go:latest', ports: [{ containerPort: 8080 }], env: [{ name: 'TARGET', value: 'World' }] }] } } },
    };
    const traefikRoute = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'whoami' },
      spec: { entryPoints: ['web'], routes: [{ match: 'Host(`whoami.example.com`)', kind: 'Rule', services: [{ name: 'whoami', port: 80 }] }] },
    };

    test.each([
      ['an Istio networking.istio.io/v1 Gateway', istioGateway, 'Gateway of networking.istio.io/v1 bookinfo-gateway (m.yaml)'],
      ['a Knative serving.knative.dev/v1 Service', knativeService, 'Service of serving.knative.dev/v1 hello (m.yaml)'],
      ['a Traefik IngressRoute', traefikRoute, 'IngressRoute whoami (m.yaml)'],
    ])('holds when given %s: skipped, no finding', (_, manifest, skipped) => {
      const result = analyze(manifest);
      expect(result.findings).toEqual([]);
      expect(result.skipped).toEqual([skipped]);
    });

    test('holds when an Istio Gateway and a Gateway API Gateway share a name: no clash, only the Gateway API one is checked', () => {
      const gw = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'bookinfo-gateway' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } };
      expect(rows(istioGateway, gw)).toEqual([]);
    });
  });

  describe('a kind we read at a version the API does not serve', () => {
    const oldIngress = {
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }] },
    };

    test('fails when an Ingress is extensions/v1beta1: one finding naming the version, none for its fields', () => {
      const result = analyze(oldIngress);
      expect(result.findings.map(f => [f.rule, f.field, f.severity, f.type])).toEqual([['object-api-version', 'apiVersion', 'error', 'not-supported']]);
      expect(result.findings[0].message).toContain('1.22');
      expect(result.findings[0].fix).toContain('networking.k8s.io/v1');
    });

    test.each([
      ['networking.k8s.io/v1beta1', 'Ingress'],
      ['extensions/v1beta1', 'Deployment'],
      ['apps/v1beta2', 'Deployment'],
      ['apps/v1beta1', 'StatefulSet'],
      ['extensions/v1beta1', 'DaemonSet'],
      ['discovery.k8s.io/v1beta1', 'EndpointSlice'],
    ])('fails when a %s %s is given: object-api-version', (apiVersion, kind) => {
      expect(rows({ apiVersion, kind, metadata: { name: 'x' } })).toEqual([`${kind}/x object-api-version apiVersion error`]);
    });

    test('fails when a known kind names a version of its group that never existed', () => {
      expect(rows({ apiVersion: 'apps/v9', kind: 'Deployment', metadata: { name: 'x' } })).toEqual(['Deployment/x object-api-version apiVersion error']);
    });

    test('warns when a Gateway API kind names a version outside the standard channel: a bundle may serve it', () => {
      expect(rows({ apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'HTTPRoute', metadata: { name: 'r' } })).toEqual(['HTTPRoute/r object-api-version apiVersion warning']);
    });

    test('fails when apiVersion is not a string: type-invalid', () => {
      const result = analyze({ apiVersion: 1, kind: 'Service', metadata: { name: 's' } });
      expect(result.findings.map(f => [f.rule, f.field, f.type, f.value])).toEqual([['object-api-version', 'apiVersion', 'type-invalid', '1']]);
    });

    test('holds when a served version is given: v1beta1 HTTPRoute and v1 ReferenceGrant are read', () => {
      const route = { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } };
      const result = analyze(route);
      expect(result.skipped).toEqual([]);
      expect(result.findings.map(f => f.rule)).toEqual(['httproute-backend-service']);
    });
  });
});

describe('structured findings', () => {
  test('a finding carries its path segments, type and capped value', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 99999 }] } };
    const [f] = analyze(svc).findings;
    expect([f.rule, f.field, f.path, f.type, f.value]).toEqual(['service-node-port-range', 'spec.ports[0].nodePort', ['spec', 'ports', 0, 'nodePort'], 'invalid', '99999']);
  });

  test('a missing required field is type required, with no value', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } };
    expect(analyze(svc).findings.filter(f => f.rule === 'service-ports-required').map(f => [f.field, f.type, f.value])).toEqual([['spec.ports', 'required', undefined]]);
  });

  test('a map or list value is summarized, never copied', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    expect(analyze(svc).findings.map(f => [f.rule, f.field, f.type, f.value])).toEqual([['service-selector-dangling', 'spec.selector', 'unresolved', 'a map of 1 key']]);
    expect(summarizeValue(Array.from({ length: 12 }, (_, i) => i))).toBe('12 entries');
    expect(summarizeValue('x'.repeat(500))).toBe(`"${'x'.repeat(120)}"... (500 characters)`);
  });
});

describe('the namespace objects are applied into', () => {
  const route = (ns?: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'r', ...(ns ? { namespace: ns } : {}) },
    spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', namespace: 'prod', port: 80 }] }] },
  });
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'prod' }, spec: { selector: { app: 'api' }, ports: [{ port: 80 }] } };
  const grantRows = (options: { namespace?: string }, ...m: any[]) => ManifestAnalyzer.analyze(m.map(manifest => ({ manifest })), options).findings
    .filter(f => f.rule === 'httproute-reference-grant').map(f => `${f.namespace}/${f.name} ${f.severity}`);

  test('fails when a route with its own namespace names a backend in another without a grant', () => {
    expect(grantRows({}, route('edge'), svc)).toEqual(['edge/r error']);
  });
  test('warns when the route names no namespace: applied into the backend\'s namespace, it needs no grant', () => {
    expect(grantRows({}, route(), svc)).toEqual(['default/r warning']);
  });
  test('holds when the route is applied into the backend\'s namespace (check --namespace prod)', () => {
    expect(grantRows({ namespace: 'prod' }, route(), svc)).toEqual([]);
  });
  test('fails when the namespace option is not a namespace name', () => {
    expect(() => ManifestAnalyzer.analyze([], { namespace: 'Prod' })).toThrow(/namespace: "Prod" is not a namespace name/);
  });
});
