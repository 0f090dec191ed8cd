/*
 * One example per rule: the smallest set of manifests that triggers it. docs/rules.md shows
 * the finding each gives (generated, so the documented message is the real one), and a test
 * proves each example triggers its rule. Construct-only rules have a code example instead.
 */

/** @internal an example of a rule: manifests that trigger it, or the construct code that does */
export interface RuleExample {
  readonly objects?: any[];
  readonly code?: string;
}

const LABELS = { app: 'web' };

function svc(spec: any, metadata: any = {}): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...metadata }, spec: { selector: LABELS, ports: [{ port: 80 }], ...spec } };
}

function deploy(container: any = {}, spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...metadata },
    spec: {
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], ...container }] } },
      ...spec,
    },
  };
}

function pod(container: any, ...more: any[]): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...container }, ...more] } };
}

function ing(spec: any, metadata: any = {}): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', ...metadata }, spec };
}

function path(p: any = {}): any {
  return { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } }, ...p };
}

const GW = 'gateway.networking.k8s.io/v1';

function gateway(listeners: any[], extra: any = {}, metadata: any = {}): any {
  return { apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra', ...metadata }, spec: { gatewayClassName: 'eg', listeners, ...extra } };
}

const HTTP_LISTENER = { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } };

function route(spec: any, metadata: any = {}): any {
  return {
    apiVersion: GW,
    kind: 'HTTPRoute',
    metadata: { name: 'web', ...metadata },
    spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['app.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...spec },
  };
}

/** @internal the examples, by rule id */
export const RULE_EXAMPLES: { readonly [id: string]: RuleExample } = {
  'metadata-namespace': { objects: [svc({}, { namespace: 'Shop_1' })] },
  'metadata-labels': { objects: [svc({}, { labels: { 'team/': 'a' } })] },
  'metadata-generate-name': { objects: [deploy({}, {}, { name: undefined, generateName: 'Web-' })] },
  'metadata-annotations': { objects: [svc({}, { annotations: { 'NoSpecialCharsLike=Equals': 'bar' } })] },
  'service-name': { objects: [svc({}, { name: '1st' })] },
  'service-type': { objects: [svc({ type: 'Internal' })] },
  'service-headless-type': { objects: [svc({ type: 'NodePort', clusterIP: 'None' })] },
  'service-ports-required': { objects: [svc({ ports: [] })] },
  'service-external-name': { objects: [svc({ type: 'ExternalName', selector: undefined, ports: undefined, externalName: 'API.example.com' })] },
  'service-external-name-selector': { objects: [svc({ type: 'ExternalName', externalName: 'api.example.com' })] },
  'service-external-name-cluster-ip': { objects: [svc({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com', clusterIP: '10.0.0.10' })] },
  'service-selector': { objects: [svc({ selector: { app: 'web app' } })] },
  'service-port-protocol': { objects: [svc({ ports: [{ port: 80, protocol: 'tcp' }] })] },
  'service-port-number': { objects: [svc({ ports: [{ port: 70000 }] })] },
  'service-port-name-required': { objects: [svc({ ports: [{ port: 80, name: 'http' }, { port: 443 }] })] },
  'service-port-name': { objects: [svc({ ports: [{ port: 80, name: 'HTTP_1' }] })] },
  'service-port-name-unique': { objects: [svc({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] })] },
  'service-port-unique': { objects: [svc({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] })] },
  'service-load-balancer-kubelet-port': { objects: [svc({ type: 'LoadBalancer', ports: [{ port: 10250 }] })] },
  'service-target-port': { objects: [svc({ ports: [{ port: 80, targetPort: 'http-metrics-port' }] })] },
  'service-app-protocol': { objects: [svc({ ports: [{ port: 80, appProtocol: 'http 2' }] })] },
  'service-node-port-forbidden': { objects: [svc({ ports: [{ port: 80, nodePort: 30080 }] })] },
  'service-node-port-range': { objects: [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })] },
  'service-node-port-unique': { objects: [svc({ type: 'NodePort', ports: [{ port: 80, name: 'a', nodePort: 30080 }, { port: 81, name: 'b', nodePort: 30080 }] })] },
  'service-session-affinity': { objects: [svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } } })] },
  'service-session-affinity-config': { objects: [svc({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })] },
  'service-external-traffic-policy': { objects: [svc({ externalTrafficPolicy: 'Local' })] },
  'service-internal-traffic-policy': { objects: [svc({ internalTrafficPolicy: 'Node' })] },
  'service-cluster-ip': { objects: [svc({ clusterIP: '10.0.0.300' })] },
  'service-external-ips': { objects: [svc({ externalIPs: ['127.0.0.1'] })] },
  'service-health-check-node-port': { objects: [svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30567 })] },
  'service-allocate-load-balancer-node-ports': { objects: [svc({ allocateLoadBalancerNodePorts: false })] },
  'service-load-balancer-class': { objects: [svc({ type: 'NodePort', loadBalancerClass: 'example.com/internal' })] },
  'service-selector-empty': { objects: [svc({ selector: {} })] },
  'service-load-balancer-source-ranges': { objects: [svc({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/33'] })] },
  'workload-name': { objects: [deploy({}, {}, { name: 'Web_App' })] },
  'workload-replicas': { objects: [deploy({}, { replicas: -1 })] },
  'workload-selector': { objects: [deploy({}, { selector: { matchLabels: { app: 'other' } } })] },
  'workload-template-labels': { objects: [{ ...deploy(), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, template: { metadata: { labels: { 'app/': 'web' } }, spec: deploy().spec.template.spec } } }] },
  'workload-containers': { objects: [{ ...deploy(), spec: { ...deploy().spec, template: { metadata: { labels: LABELS }, spec: { containers: [] } } } }] },
  'container-name': { objects: [deploy({ name: 'App' })] },
  'container-image': { objects: [pod({ image: ' nginx:1.27' })] },
  'container-port-protocol': { objects: [deploy({ ports: [{ containerPort: 80, protocol: 'udp' }] })] },
  'container-port-number': { objects: [deploy({ ports: [{ containerPort: 0 }] })] },
  'container-port-name': { objects: [deploy({ ports: [{ containerPort: 80, name: 'a-very-long-name' }] })] },
  'container-port-unique': { objects: [deploy({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] })] },
  'probe-port': { objects: [deploy({ readinessProbe: { tcpSocket: { port: 0 } } })] },
  'probe-port-undeclared': { objects: [deploy({ livenessProbe: { httpGet: { path: '/', port: 'health' } } })] },
  'probe-port-wiring': { objects: [deploy({ readinessProbe: { httpGet: { path: '/', port: 8080 } } })] },
  'probe-handler': { objects: [deploy({ livenessProbe: { httpGet: { path: '/healthz' }, periodSeconds: 10 } })] },
  'probe-numbers': { objects: [deploy({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 2.5 } })] },
  'container-lifecycle': { objects: [deploy({ lifecycle: { preStop: { exec: { command: [] } } } })] },
  'container-termination-message-policy': { objects: [deploy({ terminationMessagePolicy: 'Logs' })] },
  'container-host-port-unique': { objects: [pod({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'proxy', image: 'envoy:1.30', ports: [{ containerPort: 81, hostPort: 8080 }] })] },
  'container-env': { objects: [deploy({ env: [{ name: 'API=URL', value: 'http://api' }] })] },
  'container-resources': { objects: [deploy({ resources: { requests: { memory: '1 GB' } } })] },
  'workload-restart-policy': { objects: [{ ...deploy(), spec: { ...deploy().spec, template: { ...deploy().spec.template, spec: { ...deploy().spec.template.spec, restartPolicy: 'OnFailure' } } } }] },
  'workload-template-forbidden': { objects: [{ ...deploy(), spec: { ...deploy().spec, template: { ...deploy().spec.template, spec: { ...deploy().spec.template.spec, activeDeadlineSeconds: 30 } } } }] },
  'workload-spec-numbers': { objects: [deploy({}, { revisionHistoryLimit: -1 })] },
  'workload-progress-deadline': { objects: [deploy({}, { minReadySeconds: 600 })] },
  'workload-strategy': { objects: [deploy({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })] },
  'probe-success-threshold': { objects: [deploy({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })] },
  'ingress-name': { objects: [ing({ rules: [{ http: { paths: [path()] } }] }, { name: 'Web' })] },
  'ingress-rules-required': { objects: [ing({})] },
  'ingress-host': { objects: [ing({ rules: [{ host: 'app.example.com:8080', http: { paths: [path()] } }] })] },
  'ingress-paths': { objects: [ing({ rules: [{ http: { paths: [path({ path: 'api' })] } }] })] },
  'ingress-backend': { objects: [ing({ rules: [{ http: { paths: [path({ backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } })] } }] })] },
  'ingress-tls': { objects: [ing({ rules: [{ host: 'a.example.com', http: { paths: [path()] } }], tls: [{ hosts: ['a.example.com'], secretName: 'TLS_cert' }] })] },
  'ingress-tls-host-unmatched': { objects: [ing({ rules: [{ host: 'a.example.com', http: { paths: [path()] } }], tls: [{ hosts: ['b.example.com'], secretName: 'tls' }] })] },
  'ingress-class': { objects: [ing({ ingressClassName: 'nginx', rules: [{ http: { paths: [path()] } }] }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } })] },
  'object-name-unique': { objects: [svc({}), svc({})] },
  'service-node-port-conflict': { objects: [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }), svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }, { name: 'api' })] },
  'service-selector-dangling': { objects: [svc({ selector: { app: 'nothing' } })] },
  'service-target-port-name': { objects: [deploy(), svc({ ports: [{ port: 80, targetPort: 'htpp' }] })] },
  'service-target-port-undeclared': { objects: [deploy(), svc({ ports: [{ port: 80, targetPort: 8080 }] })] },
  'ingress-route-conflict': { objects: [svc({}), ing({ rules: [{ host: 'a.example.com', http: { paths: [path(), path()] } }] })] },
  'ingress-backend-service': { objects: [ing({ rules: [{ http: { paths: [path()] } }] })] },
  'ingress-backend-port': { objects: [svc({}), ing({ rules: [{ http: { paths: [path({ backend: { service: { name: 'web', port: { number: 8080 } } } })] } }] })] },
  'exemption-reason-required': { objects: [svc({ selector: { app: 'nothing' } }, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': '' } })] },
  'exemption-unknown-rule': { objects: [svc({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-danglin': 'pods come from a Helm chart' } })] },
  'exemption-unused': { objects: [deploy(), svc({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from a Helm chart' } })] },
  'gateway-class-name': { objects: [gateway([HTTP_LISTENER], { gatewayClassName: '' })] },
  'gateway-listeners': { objects: [gateway([{ ...HTTP_LISTENER, port: 70000 }])] },
  'gateway-listener-unique': { objects: [gateway([HTTP_LISTENER, { ...HTTP_LISTENER, name: 'http-2' }])] },
  'gateway-listener-tls': { objects: [gateway([{ ...HTTP_LISTENER, tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }])] },
  'gateway-https-certificate': { objects: [gateway([{ ...HTTP_LISTENER, name: 'https', port: 443, protocol: 'HTTPS' }])] },
  'gateway-allowed-routes': { objects: [gateway([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Other' } } }])] },
  'gateway-addresses': { objects: [gateway([HTTP_LISTENER], { addresses: [{ type: 'IP Address', value: '10.0.0.1' }] })] },
  'gateway-infrastructure': { objects: [gateway([HTTP_LISTENER], { infrastructure: { labels: { 'a b': 'c' } } })] },
  'httproute-parent-refs': { objects: [route({ parentRefs: [{ name: 'edge' }, { name: 'edge' }] })] },
  'httproute-hostnames': { objects: [route({ hostnames: ['App.example.com'] })] },
  'httproute-rules': { objects: [route({ rules: [] })] },
  'httproute-path': { objects: [route({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a//b' } }], backendRefs: [{ name: 'web', port: 80 }] }] })] },
  'httproute-matches': { objects: [route({ rules: [{ matches: [{ method: 'get' }], backendRefs: [{ name: 'web', port: 80 }] }] })] },
  'httproute-backend-refs': { objects: [route({ rules: [{ backendRefs: [{ name: 'web' }] }] })] },
  'httproute-filters': { objects: [route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 304 } }] }] })] },
  'httproute-cors': { objects: [route({ rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['example.com/path'] } }], backendRefs: [{ name: 'web', port: 80 }] }] })] },
  'httproute-timeouts': { objects: [route({ rules: [{ timeouts: { request: '1.5s' }, backendRefs: [{ name: 'web', port: 80 }] }] })] },
  'referencegrant-spec': { objects: [{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [], to: [{ group: '', kind: 'Service' }] } }] },
  'httproute-section-name': { objects: [gateway([HTTP_LISTENER]), route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }] })] },
  'httproute-namespace-allowed': { objects: [gateway([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }]), route({})] },
  'httproute-hostname-listener': { objects: [gateway([HTTP_LISTENER]), route({ hostnames: ['app.example.org'] })] },
  'httproute-backend-service': { objects: [route({})] },
  'httproute-backend-port': { objects: [svc({}), route({ rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })] },
  'httproute-reference-grant': { objects: [svc({}, { namespace: 'shop' }), route({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }] })] },
  'httproute-conflict': { objects: [gateway([HTTP_LISTENER]), route({}), route({}, { name: 'web-2' })] },
  'httproute-rule-action': { code: 'route.addRule({ path: \'/\', service: web, backends: [{ service: canary, weight: 10 }] })' },
  'httproute-backend-reference-port': { code: 'new HttpRoute(chart, \'route\', { gateway, rules: [{ service: ExposedService.fromName(chart, \'api\', \'api\', { ports: [{ port: 80 }] }), port: 8080 }] })' },
  'object-readable': { code: 'npx cdk8s-expose check broken.yaml   # broken.yaml: "spec: [unclosed"' },
  'service-target-selector': { code: 'new ExposedService(chart, \'web\', { target: webApp, selector: { app: \'web\' } })' },
  'service-target-namespace': { code: 'new ExposedService(chart, \'web\', { target: webAppInNamespaceA, namespace: \'b\' })' },
  'ingress-backend-namespace': { code: 'new IngressRoute(chart, \'route\', { namespace: \'a\', paths: [{ path: \'/\', service: serviceInNamespaceB }] })' },
  'ingress-backend-reference-port': { code: 'new IngressRoute(chart, \'route\', { paths: [{ path: \'/\', service: ExposedService.fromName(chart, \'api\', \'api\', { ports: [{ port: 80 }] }), port: 8080 }] })' },
};
