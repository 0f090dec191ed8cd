/*
 * The objects the rules' examples are made of: a valid Service, Deployment, Pod, Ingress, Gateway,
 * HTTPRoute and ReferenceGrant, each to be changed in one place by an example.
 */

export const EXAMPLE_LABELS = { app: 'web' };

export function serviceObject(spec: any, metadata: any = {}): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...metadata }, spec: { selector: EXAMPLE_LABELS, ports: [{ port: 80 }], ...spec } };
}

export function deploymentObject(container: any = {}, spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...metadata },
    spec: {
      selector: { matchLabels: EXAMPLE_LABELS },
      template: { metadata: { labels: EXAMPLE_LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], ...container }] } },
      ...spec,
    },
  };
}

/** deploymentObject() with more fields in its pod template's spec. */
export function deploymentWithPodSpec(podSpec: any): any {
  const d = deploymentObject();
  return { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, ...podSpec } } } };
}

export function podObject(container: any, ...more: any[]): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: EXAMPLE_LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...container }, ...more] } };
}

export function ingressObject(spec: any, metadata: any = {}): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', ...metadata }, spec };
}

export function ingressPath(p: any = {}): any {
  return { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } }, ...p };
}

export const GW = 'gateway.networking.k8s.io/v1';

export function gatewayObject(listeners: any[], extra: any = {}, metadata: any = {}): any {
  return { apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra', ...metadata }, spec: { gatewayClassName: 'eg', listeners, ...extra } };
}

export const HTTP_LISTENER = { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } };

export function httpRouteObject(spec: any, metadata: any = {}): any {
  return {
    apiVersion: GW,
    kind: 'HTTPRoute',
    metadata: { name: 'web', ...metadata },
    spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['app.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...spec },
  };
}

/** A route of any Gateway API route kind, attached to the example Gateway (kinds added later use this, not a helper each). */
export function gatewayRouteObject(kind: string, spec: any, metadata: any = {}): any {
  return { apiVersion: GW, kind, metadata: { name: 'web', ...metadata }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], ...spec } };
}

/** Lets HTTPRoutes in the default namespace refer to Services in namespace shop. */
export const GRANT = {
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'routes-to-shop', namespace: 'shop' },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'default' }], to: [{ group: '', kind: 'Service' }] },
};

/** @internal the examples, by rule id */
