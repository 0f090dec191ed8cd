/*
 * The objects the rules' examples are made of: a valid Service, Deployment, Pod, Ingress, Gateway,
 * HTTPRoute and ReferenceGrant, each to be changed in one place by an example.
 */

export const LABELS = { app: 'web' };

export function svc(spec: any, metadata: any = {}): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...metadata }, spec: { selector: LABELS, ports: [{ port: 80 }], ...spec } };
}

export function deploy(container: any = {}, spec: any = {}, metadata: any = {}): any {
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
export function withPodSpec(podSpec: any): any {
  const d = deploy();
  return { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, ...podSpec } } } };
}

export function pod(container: any, ...more: any[]): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...container }, ...more] } };
}

export function ing(spec: any, metadata: any = {}): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', ...metadata }, spec };
}

export function path(p: any = {}): any {
  return { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } }, ...p };
}

export const GW = 'gateway.networking.k8s.io/v1';

export function gateway(listeners: any[], extra: any = {}, metadata: any = {}): any {
  return { apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra', ...metadata }, spec: { gatewayClassName: 'eg', listeners, ...extra } };
}

export const HTTP_LISTENER = { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } };

export function route(spec: any, metadata: any = {}): any {
  return {
    apiVersion: GW,
    kind: 'HTTPRoute',
    metadata: { name: 'web', ...metadata },
    spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['app.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...spec },
  };
}

/** Lets HTTPRoutes in the default namespace refer to Services in namespace shop. */
export const GRANT = {
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'routes-to-shop', namespace: 'shop' },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'default' }], to: [{ group: '', kind: 'Service' }] },
};

/** @internal the examples, by rule id */
