/*
 * One example per rule: the smallest set of manifests that triggers it, and its nearest valid
 * twin (the same manifests with the one mistake fixed). docs/rules.md shows the finding each
 * gives (generated, so the documented message is the real one), and a test proves each example
 * triggers its rule and its twin does not. Construct-only rules have a code example instead.
 */

/** @internal an example of a rule: manifests that trigger it, or the construct code that does */
export interface RuleExample {
  /** manifests that trigger the rule */
  readonly objects?: any[];
  /** the nearest valid manifests: the same objects with the one mistake fixed; they give no finding of the rule */
  readonly valid?: any[];
  /** construct code that triggers a construct-only rule */
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

/** deploy() with more fields in its pod template's spec. */
function withPodSpec(podSpec: any): any {
  const d = deploy();
  return { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, ...podSpec } } } };
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

/** Lets HTTPRoutes in the default namespace refer to Services in namespace shop. */
const GRANT = {
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'routes-to-shop', namespace: 'shop' },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'default' }], to: [{ group: '', kind: 'Service' }] },
};

/** @internal the examples, by rule id */
export const RULE_EXAMPLES: { readonly [id: string]: RuleExample } = {
  'metadata-namespace': {
    objects: [svc({}, { namespace: 'Shop_1' })],
    valid: [svc({}, { namespace: 'shop-1' })],
  },
  'metadata-labels': {
    objects: [svc({}, { labels: { 'team/': 'a' } })],
    valid: [svc({}, { labels: { team: 'a' } })],
  },
  'metadata-generate-name': {
    objects: [deploy({}, {}, { name: undefined, generateName: 'Web-' })],
    valid: [deploy({}, {}, { name: undefined, generateName: 'web-' })],
  },
  'metadata-annotations': {
    objects: [svc({}, { annotations: { 'NoSpecialCharsLike=Equals': 'bar' } })],
    valid: [svc({}, { annotations: { NoSpecialCharsLikeEquals: 'bar' } })],
  },
  'service-name': {
    objects: [svc({}, { name: 'Web_1' })],
    valid: [svc({}, { name: 'web-1' })],
  },
  'service-external-name-ignored': {
    objects: [svc({ externalName: 'api.example.com' })],
    valid: [svc({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com' })],
  },
  'service-type': {
    objects: [svc({ type: 'Internal' })],
    valid: [svc({ type: 'ClusterIP' })],
  },
  'service-headless-type': {
    objects: [svc({ type: 'NodePort', clusterIP: 'None' })],
    valid: [svc({ type: 'ClusterIP', clusterIP: 'None' })],
  },
  'service-ports-required': {
    objects: [svc({ ports: [] })],
    valid: [svc({ ports: [], clusterIP: 'None' })],
  },
  'service-external-name': {
    objects: [svc({ type: 'ExternalName', selector: undefined, ports: undefined, externalName: 'API.example.com' })],
    valid: [svc({ type: 'ExternalName', selector: undefined, ports: undefined, externalName: 'api.example.com' })],
  },
  'service-external-name-selector': {
    objects: [svc({ type: 'ExternalName', externalName: 'api.example.com' })],
    valid: [svc({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com' })],
  },
  'service-external-name-cluster-ip': {
    objects: [svc({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com', clusterIP: '10.0.0.10' })],
    valid: [svc({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com' })],
  },
  'service-selector': {
    objects: [svc({ selector: { app: 'web app' } })],
    valid: [svc({ selector: { app: 'web-app' } })],
  },
  'service-port-protocol': {
    objects: [svc({ ports: [{ port: 80, protocol: 'tcp' }] })],
    valid: [svc({ ports: [{ port: 80, protocol: 'TCP' }] })],
  },
  'service-port-number': {
    objects: [svc({ ports: [{ port: 70000 }] })],
    valid: [svc({ ports: [{ port: 65535 }] })],
  },
  'service-port-name-required': {
    objects: [svc({ ports: [{ port: 80, name: 'http' }, { port: 443 }] })],
    valid: [svc({ ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] })],
  },
  'service-port-name': {
    objects: [svc({ ports: [{ port: 80, name: 'HTTP_1' }] })],
    valid: [svc({ ports: [{ port: 80, name: 'http-1' }] })],
  },
  'service-port-name-unique': {
    objects: [svc({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] })],
    valid: [svc({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http-alt' }] })],
  },
  'service-port-unique': {
    objects: [svc({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] })],
    valid: [svc({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b', protocol: 'UDP' }] })],
  },
  'service-load-balancer-kubelet-port': {
    objects: [svc({ type: 'LoadBalancer', ports: [{ port: 10250 }] })],
    valid: [svc({ type: 'LoadBalancer', ports: [{ port: 10251 }] })],
  },
  'service-target-port': {
    objects: [svc({ ports: [{ port: 80, targetPort: 'http-metrics-port' }] })],
    valid: [svc({ ports: [{ port: 80, targetPort: 'http-metrics' }] })],
  },
  'service-app-protocol': {
    objects: [svc({ ports: [{ port: 80, appProtocol: 'http 2' }] })],
    valid: [svc({ ports: [{ port: 80, appProtocol: 'http2' }] })],
  },
  'service-node-port-forbidden': {
    objects: [svc({ ports: [{ port: 80, nodePort: 30080 }] })],
    valid: [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
  },
  'service-node-port-range': {
    objects: [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })],
    valid: [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
  },
  'service-node-port-unique': {
    objects: [svc({ type: 'NodePort', ports: [{ port: 80, name: 'a', nodePort: 30080 }, { port: 81, name: 'b', nodePort: 30080 }] })],
    valid: [svc({ type: 'NodePort', ports: [{ port: 80, name: 'a', nodePort: 30080 }, { port: 81, name: 'b', nodePort: 30081 }] })],
  },
  'service-session-affinity': {
    objects: [svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } } })],
    valid: [svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } })],
  },
  'service-session-affinity-config': {
    objects: [svc({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })],
    valid: [svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })],
  },
  'service-external-traffic-policy': {
    objects: [svc({ externalTrafficPolicy: 'Local' })],
    valid: [svc({ type: 'NodePort', externalTrafficPolicy: 'Local' })],
  },
  'service-internal-traffic-policy': {
    objects: [svc({ internalTrafficPolicy: 'Node' })],
    valid: [svc({ internalTrafficPolicy: 'Local' })],
  },
  'service-cluster-ip': {
    objects: [svc({ clusterIP: '10.0.0.300' })],
    valid: [svc({ clusterIP: '10.0.0.30' })],
  },
  'service-external-ips': {
    objects: [svc({ externalIPs: ['127.0.0.1'] })],
    valid: [svc({ externalIPs: ['192.0.2.10'] })],
  },
  'service-health-check-node-port': {
    objects: [svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30567 })],
    valid: [svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30567 })],
  },
  'service-allocate-load-balancer-node-ports': {
    objects: [svc({ allocateLoadBalancerNodePorts: false })],
    valid: [svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false })],
  },
  'service-load-balancer-class': {
    objects: [svc({ type: 'NodePort', loadBalancerClass: 'example.com/internal' })],
    valid: [svc({ type: 'LoadBalancer', loadBalancerClass: 'example.com/internal' })],
  },
  'service-selector-empty': {
    objects: [svc({ selector: {} })],
    valid: [svc({ selector: LABELS })],
  },
  'service-load-balancer-source-ranges': {
    objects: [svc({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/33'] })],
    valid: [svc({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/32'] })],
  },
  'workload-name': {
    objects: [deploy({}, {}, { name: 'Web_App' })],
    valid: [deploy({}, {}, { name: 'web-app' })],
  },
  'workload-replicas': {
    objects: [deploy({}, { replicas: -1 })],
    valid: [deploy({}, { replicas: 0 })],
  },
  'workload-selector': {
    objects: [deploy({}, { selector: { matchLabels: { app: 'other' } } })],
    valid: [deploy({}, { selector: { matchLabels: LABELS } })],
  },
  'workload-template-labels': {
    objects: [{ ...deploy(), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, template: { metadata: { labels: { 'app/': 'web' } }, spec: deploy().spec.template.spec } } }],
    valid: [{ ...deploy(), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, template: { metadata: { labels: { app: 'web' } }, spec: deploy().spec.template.spec } } }],
  },
  'workload-containers': {
    objects: [{ ...deploy(), spec: { ...deploy().spec, template: { metadata: { labels: LABELS }, spec: { containers: [] } } } }],
    valid: [{ ...deploy(), spec: { ...deploy().spec, template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } }],
  },
  'container-name': {
    objects: [deploy({ name: 'App' })],
    valid: [deploy({ name: 'app' })],
  },
  'container-image': {
    objects: [pod({ image: ' nginx:1.27' })],
    valid: [pod({ image: 'nginx:1.27' })],
  },
  'container-port-protocol': {
    objects: [deploy({ ports: [{ containerPort: 80, protocol: 'udp' }] })],
    valid: [deploy({ ports: [{ containerPort: 80, protocol: 'UDP' }] })],
  },
  'container-port-number': {
    objects: [deploy({ ports: [{ containerPort: 0 }] })],
    valid: [deploy({ ports: [{ containerPort: 80 }] })],
  },
  'container-port-name': {
    objects: [deploy({ ports: [{ containerPort: 80, name: 'a-very-long-name' }] })],
    valid: [deploy({ ports: [{ containerPort: 80, name: 'a-long-name' }] })],
  },
  'container-port-unique': {
    objects: [deploy({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] })],
    valid: [deploy({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }] })],
  },
  'probe-port': {
    objects: [deploy({ readinessProbe: { tcpSocket: { port: 0 } } })],
    valid: [deploy({ readinessProbe: { tcpSocket: { port: 80 } } })],
  },
  'probe-port-undeclared': {
    objects: [deploy({ livenessProbe: { httpGet: { path: '/', port: 'health' } } })],
    valid: [deploy({ livenessProbe: { httpGet: { path: '/', port: 'http' } } })],
  },
  'probe-port-wiring': {
    objects: [deploy({ readinessProbe: { httpGet: { path: '/', port: 8080 } } })],
    valid: [deploy({ readinessProbe: { httpGet: { path: '/', port: 80 } } })],
  },
  'probe-handler': {
    objects: [deploy({ livenessProbe: { httpGet: { path: '/healthz' }, periodSeconds: 10 } })],
    valid: [deploy({ livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 } })],
  },
  'probe-numbers': {
    objects: [deploy({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 2.5 } })],
    valid: [deploy({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 2 } })],
  },
  'container-lifecycle': {
    objects: [deploy({ lifecycle: { preStop: { exec: { command: [] } } } })],
    valid: [deploy({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })],
  },
  'container-termination-message-policy': {
    objects: [deploy({ terminationMessagePolicy: 'Logs' })],
    valid: [deploy({ terminationMessagePolicy: 'FallbackToLogsOnError' })],
  },
  'container-host-port-unique': {
    objects: [pod({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'proxy', image: 'envoy:1.30', ports: [{ containerPort: 81, hostPort: 8080 }] })],
    valid: [pod({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'proxy', image: 'envoy:1.30', ports: [{ containerPort: 81, hostPort: 8081 }] })],
  },
  'container-env': {
    objects: [deploy({ env: [{ name: 'API=URL', value: 'http://api' }] })],
    valid: [deploy({ env: [{ name: 'API_URL', value: 'http://api' }] })],
  },
  'container-resources': {
    objects: [deploy({ resources: { requests: { memory: '1 GB' } } })],
    valid: [deploy({ resources: { requests: { memory: '1G' } } })],
  },
  'workload-restart-policy': {
    objects: [withPodSpec({ restartPolicy: 'OnFailure' })],
    valid: [withPodSpec({ restartPolicy: 'Always' })],
  },
  'workload-template-forbidden': {
    objects: [withPodSpec({ activeDeadlineSeconds: 30 })],
    valid: [deploy()],
  },
  'workload-spec-numbers': {
    objects: [deploy({}, { revisionHistoryLimit: -1 })],
    valid: [deploy({}, { revisionHistoryLimit: 0 })],
  },
  'workload-progress-deadline': {
    objects: [deploy({}, { minReadySeconds: 600 })],
    valid: [deploy({}, { minReadySeconds: 599 })],
  },
  'workload-strategy': {
    objects: [deploy({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })],
    valid: [deploy({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } })],
  },
  'probe-success-threshold': {
    objects: [deploy({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })],
    valid: [deploy({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } })],
  },
  'object-api-version': {
    objects: [{ ...ing({ rules: [{ host: 'a.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }] }), apiVersion: 'extensions/v1beta1' }],
    valid: [ing({ rules: [{ host: 'a.com', http: { paths: [path()] } }] })],
  },
  'ingress-name': {
    objects: [ing({ rules: [{ http: { paths: [path()] } }] }, { name: 'Web' })],
    valid: [ing({ rules: [{ http: { paths: [path()] } }] }, { name: 'web' })],
  },
  'ingress-rules-required': {
    objects: [ing({})],
    valid: [ing({ defaultBackend: path().backend })],
  },
  'ingress-host': {
    objects: [ing({ rules: [{ host: 'app.example.com:8080', http: { paths: [path()] } }] })],
    valid: [ing({ rules: [{ host: 'app.example.com', http: { paths: [path()] } }] })],
  },
  'ingress-paths': {
    objects: [ing({ rules: [{ http: { paths: [path({ path: 'api' })] } }] })],
    valid: [ing({ rules: [{ http: { paths: [path({ path: '/api' })] } }] })],
  },
  'ingress-backend': {
    objects: [ing({ rules: [{ http: { paths: [path({ backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } })] } }] })],
    valid: [ing({ rules: [{ http: { paths: [path({ backend: { service: { name: 'web', port: { number: 80 } } } })] } }] })],
  },
  'ingress-tls': {
    objects: [ing({ rules: [{ host: 'a.example.com', http: { paths: [path()] } }], tls: [{ hosts: ['a.example.com'], secretName: 'TLS_cert' }] })],
    valid: [ing({ rules: [{ host: 'a.example.com', http: { paths: [path()] } }], tls: [{ hosts: ['a.example.com'], secretName: 'tls-cert' }] })],
  },
  'ingress-tls-host-unmatched': {
    objects: [ing({ rules: [{ host: 'a.example.com', http: { paths: [path()] } }], tls: [{ hosts: ['b.example.com'], secretName: 'tls' }] })],
    valid: [ing({ rules: [{ host: 'a.example.com', http: { paths: [path()] } }], tls: [{ hosts: ['a.example.com'], secretName: 'tls' }] })],
  },
  'ingress-class': {
    objects: [ing({ ingressClassName: 'nginx', rules: [{ http: { paths: [path()] } }] }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } })],
    valid: [ing({ ingressClassName: 'nginx', rules: [{ http: { paths: [path()] } }] }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } })],
  },
  'object-name-unique': {
    objects: [svc({}), svc({}, { labels: { tier: 'b' } })],
    valid: [svc({}), svc({}, { name: 'api' })],
  },
  'service-node-port-conflict': {
    objects: [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }), svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }, { name: 'api' })],
    valid: [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }), svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 31880 }] }, { name: 'api' })],
  },
  'service-selector-dangling': {
    objects: [svc({ selector: { app: 'nothing' } })],
    valid: [deploy(), svc({})],
  },
  'service-target-port-name': {
    objects: [deploy(), svc({ ports: [{ port: 80, targetPort: 'htpp' }] })],
    valid: [deploy(), svc({ ports: [{ port: 80, targetPort: 'http' }] })],
  },
  'service-target-port-undeclared': {
    objects: [deploy(), svc({ ports: [{ port: 80, targetPort: 8080 }] })],
    valid: [deploy(), svc({ ports: [{ port: 80, targetPort: 80 }] })],
  },
  'ingress-route-conflict': {
    objects: [svc({}), ing({ rules: [{ host: 'a.example.com', http: { paths: [path(), path()] } }] })],
    valid: [svc({}), ing({ rules: [{ host: 'a.example.com', http: { paths: [path(), path({ path: '/api' })] } }] })],
  },
  'ingress-backend-service': {
    objects: [ing({ rules: [{ http: { paths: [path()] } }] })],
    valid: [svc({}), ing({ rules: [{ http: { paths: [path()] } }] })],
  },
  'ingress-backend-port': {
    objects: [svc({}), ing({ rules: [{ http: { paths: [path({ backend: { service: { name: 'web', port: { number: 8080 } } } })] } }] })],
    valid: [svc({}), ing({ rules: [{ http: { paths: [path({ backend: { service: { name: 'web', port: { number: 80 } } } })] } }] })],
  },
  'exemption-reason-required': {
    objects: [svc({ selector: { app: 'nothing' } }, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': '' } })],
    valid: [svc({ selector: { app: 'nothing' } }, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from a Helm chart' } })],
  },
  'exemption-unknown-rule': {
    objects: [svc({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-danglin': 'pods come from a Helm chart' } })],
    valid: [svc({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from a Helm chart' } })],
  },
  'exemption-unused': {
    objects: [deploy(), svc({}, { annotations: { 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from a Helm chart' } })],
    valid: [deploy(), svc({})],
  },
  'gateway-class-name': {
    objects: [gateway([HTTP_LISTENER], { gatewayClassName: '' })],
    valid: [gateway([HTTP_LISTENER], { gatewayClassName: 'eg' })],
  },
  'gateway-listeners': {
    objects: [gateway([{ ...HTTP_LISTENER, port: 70000 }])],
    valid: [gateway([{ ...HTTP_LISTENER, port: 8080 }])],
  },
  'gateway-listener-unique': {
    objects: [gateway([HTTP_LISTENER, { ...HTTP_LISTENER, name: 'http-2' }])],
    valid: [gateway([HTTP_LISTENER, { ...HTTP_LISTENER, name: 'http-2', port: 8080 }])],
  },
  'gateway-listener-tls': {
    objects: [gateway([{ ...HTTP_LISTENER, tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }])],
    valid: [gateway([{ ...HTTP_LISTENER, protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }])],
  },
  'gateway-https-certificate': {
    objects: [gateway([{ ...HTTP_LISTENER, name: 'https', port: 443, protocol: 'HTTPS' }])],
    valid: [gateway([{ ...HTTP_LISTENER, name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }])],
  },
  'gateway-allowed-routes': {
    objects: [gateway([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Other' } } }])],
    valid: [gateway([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }])],
  },
  'gateway-addresses': {
    objects: [gateway([HTTP_LISTENER], { addresses: [{ type: 'IP Address', value: '10.0.0.1' }] })],
    valid: [gateway([HTTP_LISTENER], { addresses: [{ type: 'IPAddress', value: '10.0.0.1' }] })],
  },
  'gateway-infrastructure': {
    objects: [gateway([HTTP_LISTENER], { infrastructure: { labels: { 'a b': 'c' } } })],
    valid: [gateway([HTTP_LISTENER], { infrastructure: { labels: { 'a-b': 'c' } } })],
  },
  'httproute-parent-refs': {
    objects: [route({ parentRefs: [{ name: 'edge' }, { name: 'edge' }] })],
    valid: [route({ parentRefs: [{ name: 'edge' }] })],
  },
  'httproute-hostnames': {
    objects: [route({ hostnames: ['App.example.com'] })],
    valid: [route({ hostnames: ['app.example.com'] })],
  },
  'httproute-rules': {
    objects: [route({ rules: [] })],
    valid: [route({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-path': {
    objects: [route({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a//b' } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [route({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a/b' } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-matches': {
    objects: [route({ rules: [{ matches: [{ method: 'get' }], backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [route({ rules: [{ matches: [{ method: 'GET' }], backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-backend-refs': {
    objects: [route({ rules: [{ backendRefs: [{ name: 'web' }] }] })],
    valid: [route({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-filters': {
    objects: [route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 304 } }] }] })],
    valid: [route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 301 } }] }] })],
  },
  'httproute-cors': {
    objects: [route({ rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['example.com/path'] } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [route({ rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://example.com'] } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-timeouts': {
    objects: [route({ rules: [{ timeouts: { request: '1.5s' }, backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [route({ rules: [{ timeouts: { request: '1500ms' }, backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'referencegrant-spec': {
    objects: [{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [], to: [{ group: '', kind: 'Service' }] } }],
    valid: [{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }], to: [{ group: '', kind: 'Service' }] } }],
  },
  'httproute-section-name': {
    objects: [gateway([HTTP_LISTENER]), route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }] })],
    valid: [gateway([HTTP_LISTENER]), route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }] })],
  },
  'httproute-namespace-allowed': {
    objects: [gateway([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }]), route({})],
    valid: [gateway([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }]), route({}, { namespace: 'infra' })],
  },
  'httproute-hostname-listener': {
    objects: [gateway([HTTP_LISTENER]), route({ hostnames: ['app.example.org'] })],
    valid: [gateway([HTTP_LISTENER]), route({ hostnames: ['app.example.com'] })],
  },
  'httproute-backend-service': {
    objects: [route({})],
    valid: [svc({}), route({})],
  },
  'httproute-backend-port': {
    objects: [svc({}), route({ rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })],
    valid: [svc({}), route({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-reference-grant': {
    objects: [svc({}, { namespace: 'shop' }), route({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }] })],
    valid: [svc({}, { namespace: 'shop' }), route({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }] }), GRANT],
  },
  'httproute-conflict': {
    objects: [gateway([HTTP_LISTENER]), route({}), route({}, { name: 'web-2' })],
    valid: [gateway([HTTP_LISTENER]), route({}), route({ hostnames: ['api.example.com'] }, { name: 'web-2' })],
  },
  'httproute-rule-action': { code: 'route.addRule({ path: \'/\', service: web, backends: [{ service: canary, weight: 10 }] })' },
  'httproute-backend-reference-port': { code: 'new HttpRoute(chart, \'route\', { gateway, rules: [{ service: ExposedService.fromName(chart, \'api\', \'api\', { ports: [{ port: 80 }] }), port: 8080 }] })' },
  'object-prop-type': { code: 'new ExposedService(chart, \'web\', { ports: { port: 80 } } as any)   // from JavaScript: ports is not a list' },
  'object-readable': { code: 'npx cdk8s-expose check broken.yaml   # broken.yaml: "spec: [unclosed"' },
  'service-target-selector': { code: 'new ExposedService(chart, \'web\', { target: webApp, selector: { app: \'web\' } })' },
  'service-target-namespace': { code: 'new ExposedService(chart, \'web\', { target: webAppInNamespaceA, namespace: \'b\' })' },
  'ingress-backend-namespace': { code: 'new IngressRoute(chart, \'route\', { namespace: \'a\', paths: [{ path: \'/\', service: serviceInNamespaceB }] })' },
  'service-selector-missing': { code: 'new ExposedService(chart, \'web\', { ports: [{ port: 80 }] })   // neither target nor selector' },
  'object-name-derived': { code: 'new WebApp(chart, \'My_Api\', { image: \'api:1\' })   // named "my-api"' },
  'ingress-backend-reference-port': { code: 'new IngressRoute(chart, \'route\', { paths: [{ path: \'/\', service: ExposedService.fromName(chart, \'api\', \'api\', { ports: [{ port: 80 }] }), port: 8080 }] })' },
};
