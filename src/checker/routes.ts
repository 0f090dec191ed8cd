import { targetPortOf, protocolOf } from '../model/defaults';
import { namespaceOf } from '../model/object';
import { ObjectSet, Subject } from '../model/object-set';
import { list, obj, key, text } from '../model/plain';
import { hostnamesIntersect } from '../rules/gateway-shared';
import { matchPath, routeRules, ruleMatches } from '../rules/http-route';
import { gatewayParentRefs } from '../rules/http-route-wiring';
import { hostCovers, ingressRules, rulePaths } from '../rules/ingress';
import { hasNodePorts } from '../rules/service';

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
  const target = targetPortOf(p);
  const shown = text(target);
  if (Object.keys(obj(spec.selector)).length === 0) return `targetPort ${shown} -> endpoints managed outside the Service (no selector)`;
  if (selected.length === 0) return `targetPort ${shown} -> no workload selected`;
  const protocol = protocolOf(p);
  const hops = selected.map(w => {
    const ref = `${w.kind} ${set.namespaceOf(w)}/${text(obj(obj(w.manifest).metadata).name)}`;
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

/** The `type` of a Service that a route names but the checked set does not hold. */
export const OUTSIDE_THE_SET = 'outside the checked set';

/** A URL of a route to one Service port, as the route names the port. */
interface RouteUrl {
  readonly via: AccessKind;
  readonly address: string;
  /** The port as the route names it: a number, a port name, or none. */
  readonly port: unknown;
}

/** The route URLs of one Service, with the Service's namespace and name. */
interface RoutedService {
  readonly namespace: string;
  readonly name: string;
  readonly urls: RouteUrl[];
}

/** Records a route URL for a Service. */
function addUrl(out: Map<string, RoutedService>, namespace: string, name: string, url: RouteUrl): void {
  const k = key(namespace, name);
  const found = out.get(k);
  if (found) found.urls.push(url); else out.set(k, { namespace, name, urls: [url] });
}

/** The Ingress URLs, by backend Service (namespace, name). */
function mapIngressUrls<R>(set: ObjectSet<R>, out: Map<string, RoutedService>): void {
  for (const ing of set.ofKind('Ingress')) {
    const ns = set.namespaceOf(ing);
    const spec = obj(obj(ing.manifest).spec);
    const tlsHosts = list(spec.tls).flatMap(t => list(obj(t).hosts));
    const name = obj(obj(ing.manifest).metadata).name;
    const add = (backend: unknown, url: string) => {
      const svc = obj(obj(backend).service);
      if (typeof svc.name !== 'string') return;
      addUrl(out, ns, svc.name, { via: AccessKind.INGRESS, address: `${url} (Ingress ${ns}/${text(name)})`, port: obj(svc.port).name ?? obj(svc.port).number });
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
}

/** Whether a route URL goes to a port of a Service: by number or name, or to its only port when the route names none. */
function reaches(u: RouteUrl, p: Plain, portCount: number): boolean {
  if (u.via === AccessKind.GATEWAY) return key(u.port) === key(p.port); // a backendRef names a port by number only
  return u.port === p.port || (p.name !== undefined && u.port === p.name) || (u.port === undefined && portCount === 1);
}

/**
 * The access map: for each Service, every way it is reached, each followed to the pods.
 * A Service that an Ingress or HTTPRoute routes to but the set does not hold is listed
 * too, with type `outside the checked set` and only its routes (its pods are unknown).
 * Linear in the number of objects (workloads are indexed by label).
 */
export function mapAccess<R>(set: ObjectSet<R>): ServiceAccess[] {
  const routed = new Map<string, RoutedService>();
  mapIngressUrls(set, routed);
  mapGatewayUrls(set, routed);

  const inSet = set.services.map(s => {
    const m = s.manifest;
    const spec = obj(obj(m).spec);
    const ns = namespaceOf(m);
    const name = text(obj(obj(m).metadata).name);
    const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
    const selected = Object.keys(obj(spec.selector)).length > 0 ? set.select(ns, spec.selector) : [];
    const routes: AccessRoute[] = [];
    const ports: Plain[] = list(spec.ports).length ? list(spec.ports).map(obj) : [{ port: undefined }];
    const urls = routed.get(key(ns, name))?.urls ?? [];
    routed.delete(key(ns, name));
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
      for (const via of [AccessKind.INGRESS, AccessKind.GATEWAY]) {
        for (const u of urls) {
          if (u.via === via && reaches(u, p, ports.length)) routes.push({ via, address: u.address, servicePort, target });
        }
      }
      if (type !== 'ExternalName' && typeof p.port === 'number') {
        const local = p.port >= 1024 ? p.port : 8000 + p.port;
        routes.push({ via: AccessKind.PORT_FORWARD, address: `kubectl port-forward -n ${ns} service/${name} ${local}:${text(p.port)}`, servicePort, target });
      }
    }
    return { namespace: ns, name, type, routes };
  });

  // the Services routed to that the set does not hold: their routes, without pods
  const outside = [...routed.values()].map(r => ({
    namespace: r.namespace,
    name: r.name,
    type: OUTSIDE_THE_SET,
    routes: r.urls.map(u => ({
      via: u.via,
      address: u.address,
      servicePort: u.port === undefined || u.port === null ? '-' : text(u.port),
      target: `Service ${r.namespace}/${r.name} is not in the checked set: its pods are unknown`,
    })),
  }));
  return [...inSet, ...outside];
}

/**
 * The URLs of the HTTPRoutes, by backend Service (namespace, name): each as
 * `scheme://host[:port]/path` via the Gateway and listener it attaches to.
 */
function mapGatewayUrls<R>(set: ObjectSet<R>, out: Map<string, RoutedService>): void {
  for (const r of set.ofKind('HTTPRoute')) {
    const routeNs = set.namespaceOf(r);
    const routeName = text(obj(obj(r.manifest).metadata).name);
    const hostnames = list(obj(obj(r.manifest).spec).hostnames).filter((h): h is string => typeof h === 'string');
    for (const p of gatewayParentRefs(r.manifest)) {
      const g = set.named('Gateway', p.namespace, p.ref.name);
      const via = `Gateway ${p.namespace}/${p.ref.name}`;
      if (g === undefined) {
        // a Gateway outside the set: its listeners (scheme, port, hostname) are unknown, the route's hostnames and paths are not
        const hosts = hostnames.length ? hostnames : ['*'];
        const listener = p.ref.sectionName === undefined ? '' : `, listener ${text(p.ref.sectionName)}`;
        eachBackendUrl(r.manifest, routeNs, hosts, (host, path) => `<scheme>://${host}${path} (${via} not in the checked set${listener}, HTTPRoute ${routeNs}/${routeName})`, out);
        continue;
      }
      const listeners = list(obj(obj(g.manifest).spec).listeners).map(obj)
        .filter(l => (l.protocol === 'HTTP' || l.protocol === 'HTTPS') && (p.ref.sectionName === undefined || l.name === p.ref.sectionName));
      for (const l of listeners) {
        const scheme = l.protocol === 'HTTPS' ? 'https' : 'http';
        const port = (scheme === 'https' && l.port === 443) || (scheme === 'http' && l.port === 80) ? '' : `:${text(l.port)}`;
        const hosts = hostnames.length === 0 ? [typeof l.hostname === 'string' ? l.hostname : '*']
          : hostnames.filter(h => typeof l.hostname !== 'string' || hostnamesIntersect(l.hostname, h));
        eachBackendUrl(r.manifest, routeNs, hosts, (host, path) => `${scheme}://${host}${port}${path} (${via}, listener ${text(l.name)}, HTTPRoute ${routeNs}/${routeName})`, out);
      }
    }
  }
}

/** Records a URL of each host and path of a route for each of its Service backends. */
function eachBackendUrl(route: unknown, routeNs: string, hosts: string[], address: (host: string, path: string) => string,
  out: Map<string, RoutedService>): void {
  for (const { rule, field } of routeRules(route)) {
    const paths = ruleMatches(rule, field).map(m => matchPath(m.match)).map(mp => `${text(mp.value)}${mp.type === 'PathPrefix' ? '*' : ''}`);
    for (const b of list(rule.backendRefs).map(obj)) {
      if ((b.group ?? '') !== '' || (b.kind ?? 'Service') !== 'Service' || typeof b.name !== 'string') continue;
      const ns = typeof b.namespace === 'string' ? b.namespace : routeNs;
      for (const host of hosts) {
        for (const path of paths) addUrl(out, ns, b.name, { via: AccessKind.GATEWAY, address: address(host, path), port: b.port });
      }
    }
  }
}
