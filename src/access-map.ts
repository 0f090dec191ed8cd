import { ObjectSet, Subject, gatewayParentRefs, namespaceOf } from './rules/cross-object';
import { hostnamesIntersect } from './rules/gateway-shared';
import { matchPath, routeRules, ruleMatches } from './rules/http-route';
import { hostCovers, ingressRules, rulePaths } from './rules/ingress';
import { list, obj } from './rules/names';
import { hasNodePorts, protocolOf } from './rules/service';
import { key, text } from './rules/violation';

type Plain = { readonly [key: string]: any };

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
  /** Through a Gateway API Gateway and an HTTPRoute: a URL. */
  GATEWAY = 'gateway',
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

function portLabel(p: Plain): string {
  return `${text(p.port)}/${protocolOf(p)}${p.name ? ` (${text(p.name)})` : ''}`;
}

/** Follows a Service port to the containers of the selected workloads (their ports indexed: no scan per port). */
function resolveTarget<R>(set: ObjectSet<R>, spec: Plain, p: Plain, selected: Array<Subject<R>>): string {
  if (spec.type === 'ExternalName') return `CNAME ${text(spec.externalName)}`;
  const target = p.targetPort ?? p.port;
  const shown = text(target);
  if (Object.keys(obj(spec.selector)).length === 0) return `targetPort ${shown} -> endpoints managed outside the Service (no selector)`;
  if (selected.length === 0) return `targetPort ${shown} -> no workload selected`;
  const protocol = protocolOf(p);
  const hops = selected.map(w => {
    const ref = `${w.kind} ${namespaceOf(w.manifest)}/${text(obj(obj(w.manifest).metadata).name)}`;
    const index = set.ports(w);
    const found = typeof target === 'string'
      ? (index.byName.get(target) ?? []).find(d => protocolOf(d.port) === protocol)
      : index.byNumber.get(key(target, protocol));
    if (!found) return `${ref} (port ${shown} not declared)`;
    const cp = found.port;
    return `${ref} container ${found.container} port ${text(cp.containerPort)}/${protocolOf(cp)}${cp.name ? ` (${text(cp.name)})` : ''}`;
  });
  return `targetPort ${shown} -> ${hops.join('; ')}`;
}

/**
 * The access map: for each Service, every way it is reached, each followed to the pods.
 * Linear in the number of objects (workloads are indexed by label).
 */
export function mapAccess<R>(set: ObjectSet<R>): ServiceAccess[] {
  const urls = new Map<string, Array<{ url: string; port: any }>>();
  for (const ing of set.ingresses) {
    const ns = namespaceOf(ing.manifest);
    const spec = obj(obj(ing.manifest).spec);
    const tlsHosts = list(spec.tls).flatMap(t => list(obj(t).hosts));
    const name = obj(obj(ing.manifest).metadata).name;
    const add = (backend: unknown, url: string) => {
      const svc = obj(obj(backend).service);
      if (typeof svc.name !== 'string') return;
      const k = key(ns, svc.name);
      const entry = { url: `${url} (Ingress ${ns}/${text(name)})`, port: obj(svc.port).name ?? obj(svc.port).number };
      const found = urls.get(k);
      if (found) found.push(entry); else urls.set(k, [entry]);
    };
    for (const r of ingressRules(ing.manifest)) {
      const host = typeof r.rule.host === 'string' ? r.rule.host : '*';
      const scheme = host !== '*' && tlsHosts.some(h => typeof h === 'string' && hostCovers(h, host)) ? 'https' : 'http';
      for (const p of rulePaths(r.rule, r.field)) {
        add(p.path.backend, `${scheme}://${host}${text(p.path.path ?? '/')}${p.path.pathType === 'Prefix' ? '*' : ''}`);
      }
    }
    if (spec.defaultBackend !== undefined && spec.defaultBackend !== null) add(spec.defaultBackend, 'http://*/* (default backend)');
  }

  const gatewayUrls = mapGatewayUrls(set);

  return set.services.map(s => {
    const m = s.manifest;
    const spec = obj(obj(m).spec);
    const ns = namespaceOf(m);
    const name = text(obj(obj(m).metadata).name);
    const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
    const selected = Object.keys(obj(spec.selector)).length > 0 ? set.select(ns, spec.selector) : [];
    const routes: AccessRoute[] = [];
    const ports: Plain[] = list(spec.ports).length ? list(spec.ports).map(obj) : [{ port: undefined }];
    for (const p of ports) {
      const servicePort = p.port === undefined ? '-' : portLabel(p);
      const target = resolveTarget(set, spec, p, selected);
      const suffix = p.port === undefined ? '' : `:${text(p.port)}`;
      routes.push({ via: AccessKind.CLUSTER_DNS, address: `${name}.${ns}.svc.cluster.local${suffix}`, servicePort, target });
      routes.push({ via: AccessKind.NAMESPACE_DNS, address: `${name}${suffix} (from namespace ${ns})`, servicePort, target });
      if (hasNodePorts(type)) {
        routes.push({ via: AccessKind.NODE_PORT, address: `<node-ip>:${text(p.nodePort ?? '<allocated nodePort>')}`, servicePort, target });
      }
      if (type === 'LoadBalancer') {
        routes.push({ via: AccessKind.LOAD_BALANCER, address: `<load-balancer>${suffix}`, servicePort, target });
      }
      for (const u of urls.get(key(ns, name)) ?? []) {
        if (u.port === p.port || (p.name !== undefined && u.port === p.name) || (u.port === undefined && ports.length === 1)) {
          routes.push({ via: AccessKind.INGRESS, address: u.url, servicePort, target });
        }
      }
      for (const u of gatewayUrls.get(key(ns, name, p.port)) ?? []) {
        routes.push({ via: AccessKind.GATEWAY, address: u, servicePort, target });
      }
      if (type !== 'ExternalName' && typeof p.port === 'number') {
        const local = p.port >= 1024 ? p.port : 8000 + p.port;
        routes.push({ via: AccessKind.PORT_FORWARD, address: `kubectl port-forward -n ${ns} service/${name} ${local}:${text(p.port)}`, servicePort, target });
      }
    }
    return { namespace: ns, name, type, routes };
  });
}

/**
 * The URLs of the HTTPRoutes, by backend Service (namespace, name, port): each as
 * `scheme://host[:port]/path` via the Gateway and listener it attaches to.
 */
function mapGatewayUrls<R>(set: ObjectSet<R>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const gateways = new Map<string, Subject<R>>();
  for (const g of set.gateways) gateways.set(key(namespaceOf(g.manifest), obj(obj(g.manifest).metadata).name), g);
  for (const r of set.httpRoutes) {
    const routeNs = namespaceOf(r.manifest);
    const routeName = obj(obj(r.manifest).metadata).name;
    const hostnames = list(obj(obj(r.manifest).spec).hostnames).filter((h): h is string => typeof h === 'string');
    for (const p of gatewayParentRefs(r.manifest)) {
      const g = gateways.get(key(p.namespace, p.ref.name));
      if (g === undefined) continue;
      const listeners = list(obj(obj(g.manifest).spec).listeners).map(obj)
        .filter(l => (l.protocol === 'HTTP' || l.protocol === 'HTTPS') && (p.ref.sectionName === undefined || l.name === p.ref.sectionName));
      for (const l of listeners) {
        const scheme = l.protocol === 'HTTPS' ? 'https' : 'http';
        const port = (scheme === 'https' && l.port === 443) || (scheme === 'http' && l.port === 80) ? '' : `:${l.port}`;
        const hosts = hostnames.length === 0 ? [typeof l.hostname === 'string' ? l.hostname : '*']
          : hostnames.filter(h => typeof l.hostname !== 'string' || hostnamesIntersect(l.hostname, h));
        for (const { rule, field } of routeRules(r.manifest)) {
          const paths = ruleMatches(rule, field).map(m => matchPath(m.match)).map(mp => `${mp.value}${mp.type === 'PathPrefix' ? '*' : ''}`);
          for (const b of list(rule.backendRefs).map(obj)) {
            if ((b.group ?? '') !== '' || (b.kind ?? 'Service') !== 'Service') continue;
            const k = key(typeof b.namespace === 'string' ? b.namespace : routeNs, b.name, b.port);
            const urls = out.get(k) ?? [];
            for (const host of hosts) {
              for (const path of paths) urls.push(`${scheme}://${host}${port}${path} (Gateway ${p.namespace}/${p.ref.name}, listener ${l.name}, HTTPRoute ${routeNs}/${routeName})`);
            }
            out.set(k, urls);
          }
        }
      }
    }
  }
  return out;
}
