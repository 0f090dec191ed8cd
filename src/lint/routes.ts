import { hostCovers } from '../rules/ingress';
import { IngressManifest, PlainServicePort, ServiceManifest, WorkloadManifest, namespaceOf, protocolOf } from '../rules/manifest';
import { Subject, WorkloadIndex } from '../wiring/analysis';

/**
 * A way a Service is reached.
 */
export enum AccessKind {
  /** Inside the cluster, by the Service's full DNS name. */
  CLUSTER_DNS = 'cluster-dns',
  /** Inside the Service's namespace, by its short name. */
  NAMESPACE_DNS = 'namespace-dns',
  /** On every node's IP, at the nodePort. */
  NODE_PORT = 'node-port',
  /** Through the cloud load balancer. */
  LOAD_BALANCER = 'load-balancer',
  /** Through an Ingress: a URL. */
  INGRESS = 'ingress',
  /** From a workstation, with kubectl port-forward. */
  PORT_FORWARD = 'port-forward',
}

/**
 * One way to reach one port of a Service, and where the traffic ends up.
 */
export interface AccessRoute {
  /** How it is reached. */
  readonly via: AccessKind;
  /** The address, URL or command. */
  readonly address: string;
  /** The Service port, e.g. `8080/TCP (http)`. */
  readonly servicePort: string;
  /**
   * Where the traffic goes: targetPort -> container port -> workload, or the external
   * name an ExternalName Service aliases.
   */
  readonly target: string;
}

/**
 * Every way one Service is reached.
 */
export interface ServiceAccess {
  /** The Service's namespace. */
  readonly namespace: string;
  /** The Service's name. */
  readonly name: string;
  /** The Service's type. */
  readonly type: string;
  /** The routes, by port. */
  readonly routes: AccessRoute[];
}

function portLabel(p: PlainServicePort): string {
  return `${p.port}/${protocolOf(p)}${p.name ? ` (${p.name})` : ''}`;
}

/** Follows a Service port to the containers of the selected workloads. */
function resolveTarget(svc: ServiceManifest, p: PlainServicePort, selected: Array<Subject<unknown, WorkloadManifest>>): string {
  if (svc.spec?.type === 'ExternalName') return `CNAME ${svc.spec.externalName}`;
  const target = p.targetPort ?? p.port;
  if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) return `targetPort ${target} -> endpoints managed outside the Service (no selector)`;
  if (selected.length === 0) return `targetPort ${target} -> no workload selected`;
  const hops = selected.map(w => {
    const m = w.manifest;
    const ref = `${m.kind} ${namespaceOf(m)}/${m.metadata?.name}`;
    for (const c of m.spec?.template?.spec?.containers ?? []) {
      const cp = (c.ports ?? []).find(x => (typeof target === 'string' ? x.name === target : x.containerPort === target) && protocolOf(x) === protocolOf(p));
      if (cp) return `${ref} container ${c.name} port ${cp.containerPort}/${protocolOf(cp)}${cp.name ? ` (${cp.name})` : ''}`;
    }
    return `${ref} (port ${target} not declared)`;
  });
  return `targetPort ${target} -> ${hops.join('; ')}`;
}

/**
 * The access map: for each Service, every way it is reached, each followed to the pods.
 * Linear in the number of objects (workloads are indexed by label).
 */
export function mapAccess<R>(services: Array<Subject<R, ServiceManifest>>, workloads: Array<Subject<R, WorkloadManifest>>,
  ingresses: Array<Subject<R, IngressManifest>>): ServiceAccess[] {
  const index = new WorkloadIndex(workloads);
  const urls = new Map<string, Array<{ url: string; port: any }>>();
  for (const ing of ingresses) {
    const ns = namespaceOf(ing.manifest);
    const spec = ing.manifest.spec ?? {};
    const tlsHosts = (spec.tls ?? []).flatMap(t => t.hosts ?? []);
    const add = (svcName: any, port: any, url: string) => {
      const key = `${ns}\u0000${svcName}`;
      const list = urls.get(key);
      const entry = { url: `${url} (Ingress ${ns}/${ing.manifest.metadata?.name})`, port };
      if (list) list.push(entry); else urls.set(key, [entry]);
    };
    for (const rule of spec.rules ?? []) {
      const host = rule.host ?? '*';
      const scheme = rule.host && tlsHosts.some(h => hostCovers(h, rule.host)) ? 'https' : 'http';
      for (const path of rule.http?.paths ?? []) {
        const svc = path.backend?.service;
        if (svc) add(svc.name, svc.port?.name ?? svc.port?.number, `${scheme}://${host}${path.path ?? '/'}${path.pathType === 'Prefix' ? '*' : ''}`);
      }
    }
    const def = spec.defaultBackend?.service;
    if (def) add(def.name, def.port?.name ?? def.port?.number, 'http://*/* (default backend)');
  }

  return services.map(s => {
    const m = s.manifest;
    const ns = namespaceOf(m);
    const name = String(m.metadata?.name);
    const type = m.spec?.type ?? 'ClusterIP';
    const selector = m.spec?.selector ?? {};
    const selected = Object.keys(selector).length > 0 ? index.select(ns, selector) : [];
    const routes: AccessRoute[] = [];
    const ports: PlainServicePort[] = m.spec?.ports?.length ? m.spec.ports : [{ port: undefined }];
    for (const p of ports) {
      const servicePort = p.port === undefined ? '-' : portLabel(p);
      const target = resolveTarget(m, p, selected);
      const suffix = p.port === undefined ? '' : `:${p.port}`;
      routes.push({ via: AccessKind.CLUSTER_DNS, address: `${name}.${ns}.svc.cluster.local${suffix}`, servicePort, target });
      routes.push({ via: AccessKind.NAMESPACE_DNS, address: `${name}${suffix} (from namespace ${ns})`, servicePort, target });
      if (type === 'NodePort' || type === 'LoadBalancer') {
        routes.push({ via: AccessKind.NODE_PORT, address: `<node-ip>:${p.nodePort ?? '<allocated nodePort>'}`, servicePort, target });
      }
      if (type === 'LoadBalancer') {
        routes.push({ via: AccessKind.LOAD_BALANCER, address: `<load-balancer>${suffix}`, servicePort, target });
      }
      for (const u of urls.get(`${ns}\u0000${name}`) ?? []) {
        if (u.port === p.port || (p.name !== undefined && u.port === p.name) || (u.port === undefined && ports.length === 1)) {
          routes.push({ via: AccessKind.INGRESS, address: u.url, servicePort, target });
        }
      }
      if (type !== 'ExternalName' && typeof p.port === 'number') {
        const local = p.port >= 1024 ? p.port : 8000 + p.port;
        routes.push({ via: AccessKind.PORT_FORWARD, address: `kubectl port-forward -n ${ns} service/${name} ${local}:${p.port}`, servicePort, target });
      }
    }
    return { namespace: ns, name, type, routes };
  });
}
