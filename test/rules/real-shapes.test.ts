import { analyze, analyzed } from './helpers';
import { EXEMPTION_PREFIX } from '../../src/model/exemptions';
import { EXTERNAL_SERVICES_ANNOTATION } from '../../src/rules/external-services';

/*
 * The wiring rules on manifests in the shapes real projects use (issue 20): Istio's samples,
 * Knative's docs, ingress-nginx's canary docs, the Gateway API conformance suite, Argo CD's
 * redis-ha. The fixtures are our own, written after reading those projects; each pattern has a
 * `holds when` test, and where it bounds a rule, a `fails when` twin.
 */

const W = 'warning';
const E = 'error';

type Labels = { [k: string]: string };
const workload = (kind: string, name: string, labels: Labels, containers: any[], extra: any = {}) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name },
  // no serviceName: these cases are about selectors; a StatefulSet's governing Service is workload-service-name's (test/workloads.test.ts)
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers, ...extra } } },
});
const container = (name: string, ports: any[] = [], extra: any = {}) => ({ name, image: `example/${name}:1.0`, ports, ...extra });
const service = (name: string, selector: Labels, ports: any[], metadata: any = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec: { selector, ports } });

describe('Istio samples: versioned Deployments behind one Service, and Istio\'s own kinds', () => {
  test('holds when reviews-v1 and reviews-v2 share app: reviews and Istio\'s Gateway and VirtualService sit beside them', () => {
    const set = [
      service('reviews', { app: 'reviews' }, [{ name: 'http', port: 9080 }]),
      workload('Deployment', 'reviews-v1', { app: 'reviews', version: 'v1' }, [container('reviews', [{ containerPort: 9080 }])]),
      workload('Deployment', 'reviews-v2', { app: 'reviews', version: 'v2' }, [container('reviews', [{ containerPort: 9080 }])]),
      { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'bookinfo-gateway' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } },
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'bookinfo' }, spec: { hosts: ['*'], gateways: ['bookinfo-gateway'], http: [{ route: [{ destination: { host: 'reviews', port: { number: 9080 } } }] }] } },
    ];
    const result = analyze(set);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual(['Gateway of networking.istio.io/v1 bookinfo-gateway', 'VirtualService bookinfo']);
  });
});

describe('Knative docs: a Knative Service is another API\'s object', () => {
  test('holds when a serving.knative.dev/v1 Service has a container without ports', () => {
    const ksvc = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello' }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go:latest', env: [{ name: 'TARGET', value: 'World' }] }] } } } };
    expect(analyzed([ksvc])).toEqual([]);
  });
});

describe('ingress-nginx canary docs: a canary shares its primary\'s host and path', () => {
  const ing = (name: string, backend: string, metadata: any = {}, spec: any = { ingressClassName: 'nginx' }) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, ...metadata, annotations: { [EXTERNAL_SERVICES_ANNOTATION]: backend, ...metadata.annotations } },
    spec: { ...spec, rules: [{ host: 'echo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }] },
  });
  const CANARY = { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' } };
  const F = 'spec.rules[0].http.paths[0]';

  test('holds when the canary Ingress says nginx.ingress.kubernetes.io/canary: "true"', () => {
    expect(analyzed([ing('production', 'production'), ing('canary', 'canary', CANARY)])).toEqual([]);
  });

  test('holds when the two Ingresses are of different classes (ingressClassName, or the legacy annotation)', () => {
    expect(analyzed([ing('a', 'a'), ing('b', 'b', {}, { ingressClassName: 'traefik' })])).toEqual([]);
    expect(analyzed([ing('a', 'a'), ing('b', 'b', { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, {})])).toEqual([]);
  });

  test('fails when the second Ingress of one class is no canary: one finding, on the party that sorts last, whatever the order', () => {
    const a = ing('production', 'production');
    const b = ing('staging', 'staging', { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }, {});
    const expected = [`Ingress/staging ingress-route-conflict ${F} ${E}`];
    expect([analyzed([a, b]), analyzed([b, a])]).toEqual([expected, expected]);
    expect(analyze([a, b]).findings[0].message).toContain('Ingress default/production');
  });

  test('holds when both parties exempt the conflict; fails when only the one it is attached to does', () => {
    const exempt = { annotations: { [`${EXEMPTION_PREFIX}ingress-route-conflict`]: 'blue-green switch, one is scaled to zero' } };
    expect(analyzed([ing('production', 'production', exempt), ing('staging', 'staging', exempt)])).toEqual([]);
    expect(analyzed([ing('production', 'production'), ing('staging', 'staging', exempt)])).toEqual([`Ingress/staging ingress-route-conflict ${F} ${E}`]);
  });
});

describe('Gateway API conformance: routes compete only on the listener they attach to', () => {
  const NS = 'gateway-conformance-infra';
  const listener = (name: string, port: number, hostname?: string, from = 'Same') => ({ name, port, protocol: 'HTTP', ...(hostname ? { hostname } : {}), allowedRoutes: { namespaces: { from } } });
  const gateway = (name: string, listeners: any[]) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name, namespace: NS }, spec: { gatewayClassName: 'conformance', listeners } });
  const route = (name: string, parentRef: any, extra: any = {}, namespace = NS) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace, annotations: { [EXTERNAL_SERVICES_ANNOTATION]: `${NS}/infra-backend-v1` } },
    spec: { parentRefs: [{ name: 'gw', namespace: NS, ...parentRef }], ...extra, rules: [{ backendRefs: [{ name: 'infra-backend-v1', namespace: NS, port: 8080 }] }] },
  });
  const conflicts = (set: any[]) => analyzed(set).filter(f => f.includes('httproute-conflict'));

  test('holds when routes name listeners by port (listener port matching)', () => {
    const gw = gateway('gw', [listener('listener-1', 80, 'foo.com'), listener('listener-2', 8080, 'foo.com'), listener('listener-3', 8090, 'foo.com')]);
    expect(analyzed([gw, route('backend-v1', { port: 80 }), route('backend-v2', { port: 8080 }), route('backend-v3', { port: 8090, sectionName: 'listener-3' })])).toEqual([]);
  });

  test('holds when routes name listeners by sectionName (listener hostname matching)', () => {
    const gw = gateway('gw', [listener('listener-1', 80, 'bar.com'), listener('listener-2', 80, 'foo.bar.com'), listener('listener-3', 80, '*.bar.com')]);
    expect(analyzed([gw, route('backend-v1', { sectionName: 'listener-1' }), route('backend-v2', { sectionName: 'listener-2' }), route('backend-v3', { sectionName: 'listener-3' })])).toEqual([]);
  });

  test('holds when the routes\' hostnames fall on different listeners', () => {
    const gw = gateway('gw', [listener('foo', 80, 'foo.example.com'), listener('bar', 80, 'bar.example.com')]);
    expect(conflicts([gw, route('a', {}, { hostnames: ['foo.example.com'] }), route('b', {}, { hostnames: ['bar.example.com'] })])).toEqual([]);
  });

  test('holds when a listener\'s allowedRoutes admits only its own namespace and the second route is in another', () => {
    const gw = gateway('gw', [listener('http', 80)]);
    const other = route('b', {}, {}, 'other');
    expect(conflicts([gw, route('a', {}), other])).toEqual([]);
  });

  test('fails when two identical routes attach to one listener: a warning (both are Accepted, the oldest wins), once, on the last party, whatever the order', () => {
    const gw = gateway('gw', [listener('http', 80)]);
    const a = route('route-a', {});
    const b = route('route-b', {});
    const expected = [`HTTPRoute/route-b httproute-conflict spec.rules[0].matches[0] ${W}`];
    expect([conflicts([gw, a, b]), conflicts([b, gw, a])]).toEqual([expected, expected]);
  });
});

describe('Argo CD redis-ha: per-pod Services select the labels the StatefulSet controller adds', () => {
  const REDIS = { app: 'redis-ha', release: 'argocd' };
  const sts = workload('StatefulSet', 'argocd-redis-ha-server', REDIS, [
    container('redis', [{ name: 'redis', containerPort: 6379 }]),
    container('sentinel', [{ name: 'sentinel', containerPort: 26379 }]),
  ]);
  const announce = (i: number, podName = `argocd-redis-ha-server-${i}`) => service(`argocd-redis-ha-announce-${i}`, { ...REDIS, 'statefulset.kubernetes.io/pod-name': podName },
    [{ name: 'tcp-server', port: 6379, targetPort: 'redis' }, { name: 'tcp-sentinel', port: 26379, targetPort: 'sentinel' }]);

  test('holds when announce Services select statefulset.kubernetes.io/pod-name of each replica', () => {
    expect(analyzed([sts, announce(0), announce(1), announce(2)])).toEqual([]);
  });

  test('fails when the pod name is of no StatefulSet of the set (a warning: no endpoints)', () => {
    expect(analyzed([sts, announce(0, 'other-server-0')])).toEqual([`Service/argocd-redis-ha-announce-0 service-selector-dangling spec.selector ${W}`]);
  });

  test.each<[string, any, Labels, string[]]>([
    ['apps.kubernetes.io/pod-index on a StatefulSet', sts, { 'app': 'redis-ha', 'apps.kubernetes.io/pod-index': '0' }, []],
    ['controller-revision-hash on a StatefulSet', sts, { 'app': 'redis-ha', 'controller-revision-hash': 'argocd-redis-ha-server-5d8f7c' }, []],
    ['pod-template-hash on a Deployment', workload('Deployment', 'web', { app: 'web' }, [container('web', [{ containerPort: 80 }])]), { 'app': 'web', 'pod-template-hash': '7d4b9c' }, []],
    ['pod-template-hash on a StatefulSet (its controller adds no such label)', sts, { 'app': 'redis-ha', 'pod-template-hash': '7d4b9c' },
      [`Service/s service-selector-dangling spec.selector ${W}`]],
    ['pod-template-hash that the StatefulSet\'s template itself carries', workload('StatefulSet', 'db', { 'app': 'db', 'pod-template-hash': 'fixed' }, [container('db', [{ containerPort: 80 }])]),
      { 'app': 'db', 'pod-template-hash': 'fixed' }, []],
  ])('holds or fails as the controller decides: a selector with %s', (_, w, selector, expected) => {
    expect(analyzed([w, service('s', selector, [{ port: 80 }])])).toEqual(expected);
  });
});

describe('Istio and linkerd-style native sidecars: an init container with restartPolicy Always is part of the pod', () => {
  const withSidecar = (restartPolicy?: string) => workload('Deployment', 'web', { app: 'web' }, [container('web', [{ containerPort: 8080 }])],
    { initContainers: [container('proxy', [{ name: 'proxy-admin', containerPort: 15000 }], restartPolicy ? { restartPolicy } : {})] });

  test('holds when a targetPort names a port of a native sidecar', () => {
    expect(analyzed([withSidecar('Always'), service('web', { app: 'web' }, [{ port: 15000, targetPort: 'proxy-admin' }])])).toEqual([]);
  });

  test('fails when the init container is no sidecar (it has exited before the pod is ready)', () => {
    expect(analyzed([withSidecar(), service('web', { app: 'web' }, [{ port: 15000, targetPort: 'proxy-admin' }])]))
      .toEqual([`Service/web service-target-port-name spec.ports[0].targetPort ${E}`]);
  });
});

describe('kube-prometheus and microservices-demo: health ports and backends that declare no containerPort', () => {
  test('holds when a probe and a Service target a numeric port no container declares', () => {
    const w = workload('Deployment', 'exporter', { app: 'exporter' }, [container('exporter', [], { livenessProbe: { httpGet: { path: '/healthz', port: 9100 } }, readinessProbe: { tcpSocket: { port: 9100 } } })]);
    expect(analyzed([w, service('exporter', { app: 'exporter' }, [{ name: 'metrics', port: 9100, targetPort: 9100 }])])).toEqual([]);
  });

  test('fails when a probe names a port its container does not declare (the kubelet cannot resolve it)', () => {
    const w = workload('Deployment', 'exporter', { app: 'exporter' }, [container('exporter', [], { livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' } } })]);
    expect(analyzed([w])).toEqual([`Deployment/exporter probe-port-undeclared spec.template.spec.containers[0].livenessProbe.httpGet.port ${E}`]);
  });
});
