/*
 * The objects the diff tests build their sets from, in seed shapes: a web app's Deployment and
 * Service, an Ingress with TLS, a Gateway with an HTTP and an HTTPS listener. Each is in
 * `namespace` when one is given, and without one (applied into the default) otherwise.
 */

function metadata(name: string, namespace?: string, annotations?: object): object {
  return { name, ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) };
}

export function deployment(name: string, labels: object, namespace?: string): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(name, namespace),
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: `example/${name}:1`, ports: [{ name: 'http', containerPort: 8080 }] }] } } },
  };
}

/** A Service of port 80 to the pods' `http` port; no selector without labels. */
export function service(name: string, labels: object | undefined, spec: object = {},
  meta: { namespace?: string; annotations?: object } = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(name, meta.namespace, meta.annotations),
    spec: { ...(labels ? { selector: labels } : {}), ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  };
}

/** Ingress `web` for shop.example.com: each path to a Service's `http` port. */
export function ingress(paths: Array<[string, string]>, tls = true, namespace?: string): object {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: metadata('web', namespace),
    spec: {
      ...(tls ? { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] } : {}),
      rules: [{ host: 'shop.example.com', http: { paths: paths.map(([p, svc]) => ({ path: p, pathType: 'Prefix', backend: { service: { name: svc, port: { name: 'http' } } } })) } }],
    },
  };
}

/** Gateway `edge`: an HTTP listener, and an HTTPS one when asked. */
export function gateway(https: boolean, namespace?: string): object {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: metadata('edge', namespace),
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80 },
        ...(https ? [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'edge-tls' }] } }] : []),
      ],
    },
  };
}
