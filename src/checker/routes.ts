import { internalLoadBalancer } from './exposure';
import { targetPortOf, protocolOf } from '../model/defaults';
import { namespaceOf } from '../model/object';
import { ObjectSet, Subject } from '../model/object-set';
import { list, obj, key, text } from '../model/plain';
import { hostnamesIntersect } from '../rules/gateway-shared';
import { grpcRules } from '../rules/grpc-route';
import { matchPath, routeRules, ruleMatches } from '../rules/http-route';
import { RouteParentRef, routeParentRefs } from '../rules/http-route-wiring';
import { hostCovers, ingressRules } from '../rules/ingress';
import { hasNodePorts } from '../rules/service';

type Plain = { readonly [key: string]: any };

/**
 * A way a Service is reached.
 *
 * @deprecated use `EntryKind` and the rows of `ServiceAccess.rows`; kept until the next major version.
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
 *
 * @deprecated use `AccessRow` (`ServiceAccess.rows`): the same address and target, with the entry and path as fields; kept until the next major version.
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

/** How a Service is reached: the entry point of an access row. */
export enum EntryKind {
  /** Inside the cluster, by the Service's full DNS name. */
  CLUSTER_DNS = 'cluster-dns',
  /** Inside the Service's namespace, by its short name. */
  NAMESPACE_DNS = 'namespace-dns',
  /** Inside the cluster, one pod of a StatefulSet by its own DNS name through its governing headless Service. */
  POD_DNS = 'pod-dns',
  /** On every node's IP, at the nodePort. */
  NODE_PORT = 'node-port',
  /** Through the cloud load balancer. */
  LOAD_BALANCER = 'load-balancer',
  /** On an address of `spec.externalIPs`, routed to the nodes by someone else. */
  EXTERNAL_IP = 'external-ip',
  /** Through an Ingress: a URL. */
  INGRESS = 'ingress',
  /** Through a Gateway API Gateway listener and a route: HTTPRoute or GRPCRoute (URLs), TLSRoute (SNI passthrough), TCPRoute or UDPRoute (the listener port). */
  GATEWAY = 'gateway',
  /** From a workstation, with kubectl port-forward. */
  PORT_FORWARD = 'port-forward',
}

/** How a route's path matches a request path. */
export enum PathMatch {
  /** The path and nothing else. */
  EXACT = 'Exact',
  /** The path and the paths under it, element by element: `/health` matches `/health` and `/health/x`, not `/healthz`. */
  PREFIX = 'Prefix',
  /** A regular expression (Gateway API `RegularExpression`). */
  REGULAR_EXPRESSION = 'RegularExpression',
  /** As the Ingress controller decides (`ImplementationSpecific`). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/** A match of an HTTPRoute or GRPCRoute rule, as an access row lists it. */
export interface RouteMatch {
  /**
   * The request path: the HTTP path, or for gRPC `/service/method`, `*` standing for any service
   * or method the match leaves out (a rule without matches: `/` as a prefix, every method).
   */
  readonly path: string;
  /** How `path` matches (gRPC: the method match type, Exact or RegularExpression). */
  readonly pathMatch: PathMatch;
  /**
   * The gRPC service matched.
   *
   * @default - not a GRPCRoute match, or any service
   */
  readonly grpcService?: string;
  /**
   * The gRPC method matched.
   *
   * @default - not a GRPCRoute match, or any method
   */
  readonly grpcMethod?: string;
}

/** Who can reach an entry point. */
export enum AccessScope {
  /** From outside the cluster: a nodePort, a load balancer, an external IP, an Ingress, a Gateway listener. */
  EXTERNAL = 'external',
  /** Only from inside the cluster (or its private network: an internal load balancer), or with cluster credentials. */
  CLUSTER = 'cluster',
}

/** Whether a row's path reaches pods. */
export enum PathStatus {
  /** To the selected workloads' containers. */
  RESOLVED = 'resolved',
  /** Broken: the route or Service points at nothing (see `AccessPath.rule`). */
  UNRESOLVED = 'unresolved',
  /** A Service without a selector: its endpoints are managed outside it. */
  NO_SELECTOR = 'no-selector',
  /** An ExternalName Service: an egress, a DNS alias of `AccessPath.externalName`. */
  EGRESS = 'egress',
  /** A Service the checked set does not hold: its pods are unknown. */
  OUTSIDE_THE_SET = 'outside-the-set',
}

/** An object named in an access row. */
export interface AccessObject {
  /** Its kind, e.g. `Ingress`. */
  readonly kind: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
}

/** Where an entry point is: what a client connects to. */
export interface AccessEntry {
  /** How it is reached. */
  readonly kind: EntryKind;
  /**
   * The host name or address: a DNS name, a route's host (`*` for any), an external IP.
   *
   * @default - any node's address (nodePort) or the load balancer's (not known before it exists)
   */
  readonly host?: string;
  /**
   * The port the client connects to.
   *
   * @default - decided by the controller (an Ingress) or allocated by the cluster (a nodePort not set)
   */
  readonly port?: number;
  /** `TCP`, `UDP` or `SCTP` for a Service port; `HTTP` or `HTTPS` for a URL. */
  readonly protocol: string;
  /**
   * The request path of a URL.
   *
   * @default - not an HTTP route
   */
  readonly path?: string;
  /**
   * How `path` matches.
   *
   * @default - not an HTTP route
   */
  readonly pathMatch?: PathMatch;
  /**
   * The hostnames a Gateway route serves on its listener (the SNI names of a TLSRoute): the row
   * stands for each of them with each of `matches`, factored, not one row per host and match.
   * `host` is set too when there is exactly one.
   *
   * @default - not a Gateway route, or a TCPRoute or UDPRoute (no hostnames)
   */
  readonly hosts?: string[];
  /**
   * The matches of the route rule (HTTP paths, gRPC methods): the row stands for each of them on
   * each of `hosts`. `path` and `pathMatch` are set too when there is exactly one.
   *
   * @default - not an HTTPRoute or GRPCRoute
   */
  readonly matches?: RouteMatch[];
  /** Whether the entry terminates TLS (an Ingress TLS host, an HTTPS listener, a TLS listener of mode Terminate). */
  readonly tls: boolean;
  /**
   * The client address ranges allowed (`loadBalancerSourceRanges`).
   *
   * @default - any
   */
  readonly sourceRanges?: string[];
  /**
   * The Service's `externalTrafficPolicy` (nodePort, load balancer, external IP).
   *
   * @default - not an external Service entry
   */
  readonly externalTrafficPolicy?: string;
  /**
   * The command (port-forward).
   *
   * @default - none
   */
  readonly command?: string;
}

/** A workload and container port a Service port ends at. */
export interface AccessWorkload {
  /** The workload. */
  readonly workload: AccessObject;
  /**
   * The container that declares the port.
   *
   * @default - no container declares it (a numeric targetPort still reaches the pod)
   */
  readonly container?: string;
  /**
   * The container port.
   *
   * @default - the targetPort, when no container declares it
   */
  readonly containerPort?: number;
}

/** Where an entry point's traffic goes. */
export interface AccessPath {
  /**
   * The route object: an Ingress, or an HTTPRoute, GRPCRoute, TLSRoute, TCPRoute or UDPRoute.
   *
   * @default - reached on the Service itself
   */
  readonly route?: AccessObject;
  /**
   * The Gateway of a Gateway route.
   *
   * @default - not a Gateway route
   */
  readonly gateway?: AccessObject;
  /**
   * The Gateway listener.
   *
   * @default - not a Gateway route, or the Gateway is outside the checked set
   */
  readonly listener?: string;
  /**
   * The ListenerSet whose listener the route attaches to (then `listener` is its listener, and
   * `gateway` the Gateway it names as parent).
   *
   * @default - the route attaches to a Gateway's own listener
   */
  readonly listenerSet?: AccessObject;
  /**
   * The TLS from the Gateway to the backend that a BackendTLSPolicy configures for the Service port.
   *
   * @default - no BackendTLSPolicy targets the Service port (the Gateway connects in plain text, or as its implementation does)
   */
  readonly backendTls?: AccessBackendTls;
  /**
   * Whether the Gateway is in the checked set, its listeners known (false: the row stands for the parentRef, scheme and port unknown).
   *
   * @default - not a Gateway route
   */
  readonly gatewayInSet?: boolean;
  /** The Service. */
  readonly service: AccessObject;
  /**
   * The Service port.
   *
   * @default - the Service has no port, or the route names a port the Service lacks
   */
  readonly servicePort?: number;
  /**
   * The Service port's name, or the port name a route uses.
   *
   * @default - unnamed
   */
  readonly servicePortName?: string;
  /**
   * The targetPort, a number or a port name, as text.
   *
   * @default - no Service port resolved
   */
  readonly targetPort?: string;
  /** The workloads and container ports reached (empty unless `status` is `resolved`). */
  readonly workloads: AccessWorkload[];
  /** Whether the path reaches pods. */
  readonly status: PathStatus;
  /**
   * The rule whose finding explains an unresolved path (or an undeclared container port).
   *
   * @default - none
   */
  readonly rule?: string;
  /**
   * The name an ExternalName Service aliases: where the egress goes.
   *
   * @default - not an ExternalName Service
   */
  readonly externalName?: string;
}

/** The TLS a BackendTLSPolicy asks of the Gateway's connection to a backend. */
export interface AccessBackendTls {
  /** The BackendTLSPolicy. */
  readonly policy: AccessObject;
  /** The hostname the Gateway sends as SNI and checks the backend's certificate against. */
  readonly hostname: string;
}

/**
 * One row of the access map: an entry point, the path its traffic takes, and who can reach it.
 * Its `address`, `servicePort` and `target` are the text of the (deprecated) `AccessRoute`.
 */
export interface AccessRow {
  /** Where the client connects. */
  readonly entry: AccessEntry;
  /** Where the traffic goes. */
  readonly path: AccessPath;
  /** Who can reach the entry. */
  readonly scope: AccessScope;
  /**
   * Why the scope is what it is, when an annotation decides it (an internal load balancer).
   *
   * @default - the entry kind decides
   */
  readonly scopeReason?: string;
  /** Whether the route is broken: it points at a port or pods that are not there. */
  readonly broken: boolean;
  /** The address, URL or command, as text. */
  readonly address: string;
  /** The Service port as text, e.g. `8080/TCP (http)`. */
  readonly servicePort: string;
  /** Where the traffic goes, as text. */
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
  /** The Service's type (`outside the checked set` for a Service only routes name). */
  readonly type: string;
  /** Whether the Service is headless (`clusterIP: None`): its DNS name resolves to the pods' addresses. */
  readonly headless: boolean;
  /**
   * The routes, by port.
   *
   * @deprecated use `rows`; kept until the next major version.
   */
  readonly routes: AccessRoute[];
  /** The access rows, by port: each entry point with its path and scope. */
  readonly rows: AccessRow[];
}

function portLabel(p: Plain): string {
  return `${text(p.port)}/${protocolOf(p)}${p.name ? ` (${text(p.name)})` : ''}`;
}

/** A Service port followed to the pods: the path's fields and the legacy target text. */
interface Resolved {
  readonly targetPort?: string;
  readonly workloads: AccessWorkload[];
  readonly status: PathStatus;
  readonly rule?: string;
  readonly externalName?: string;
  readonly text: string;
}

/** Follows a Service port to the containers of the selected workloads (their ports indexed: no scan per port). */
function resolveTarget<R>(set: ObjectSet<R>, spec: Plain, p: Plain, selected: ReadonlyArray<Subject<R>>): Resolved {
  if (spec.type === 'ExternalName') {
    return { workloads: [], status: PathStatus.EGRESS, externalName: text(spec.externalName), text: `CNAME ${text(spec.externalName)}` };
  }
  const target = targetPortOf(p);
  const shown = text(target);
  const targetPort = p.port === undefined ? undefined : shown;
  if (Object.keys(obj(spec.selector)).length === 0) {
    return { targetPort, workloads: [], status: PathStatus.NO_SELECTOR, text: `targetPort ${shown} -> endpoints managed outside the Service (no selector)` };
  }
  if (selected.length === 0) {
    return { targetPort, workloads: [], status: PathStatus.UNRESOLVED, rule: 'service-selector-dangling', text: `targetPort ${shown} -> no workload selected` };
  }
  const protocol = protocolOf(p);
  const workloads: AccessWorkload[] = [];
  let rule: string | undefined;
  const hops = selected.map(w => {
    const workload = { kind: w.kind, namespace: set.namespaceOf(w), name: text(obj(obj(w.manifest).metadata).name) };
    const ref = `${w.kind} ${workload.namespace}/${workload.name}`;
    const index = set.ports(w);
    const found = typeof target === 'string'
      ? (index.byName.get(target) ?? []).find(d => protocolOf(d.port) === protocol)
      : index.byNumber.get(key(target, protocol));
    if (!found) {
      if (typeof target === 'string') {
        rule = 'service-target-port-name';
      } else {
        // a numeric targetPort reaches the pod whether or not a container declares it
        rule = rule ?? 'service-target-port-undeclared';
        workloads.push({ workload, containerPort: typeof target === 'number' ? target : undefined });
      }
      return `${ref} (port ${shown} not declared)`;
    }
    const cp = found.port;
    workloads.push({ workload, container: found.container, containerPort: typeof cp.containerPort === 'number' ? cp.containerPort : undefined });
    return `${ref} container ${found.container} port ${text(cp.containerPort)}/${protocolOf(cp)}${cp.name ? ` (${text(cp.name)})` : ''}`;
  });
  const status = workloads.length > 0 ? PathStatus.RESOLVED : PathStatus.UNRESOLVED;
  return { targetPort, workloads, status, rule, text: `targetPort ${shown} -> ${hops.join('; ')}` };
}

/** The `type` of a Service that a route names but the checked set does not hold. */
export const OUTSIDE_THE_SET = 'outside the checked set';

/**
 * An entry of a route to one Service port, as the route names the port: an Ingress URL (one host
 * and path), or a Gateway route's backend through one listener, its hostnames and matches as sets
 * shared by the backends of the rule (factored: never one per host and match).
 */
interface RouteUrl {
  readonly via: EntryKind.INGRESS | EntryKind.GATEWAY;
  /** The URL and the object that serves it, as text. */
  readonly address: string;
  /** The port as the route names it: a number, a port name, or none. */
  readonly port: unknown;
  /** The host of an Ingress URL. */
  readonly host?: string;
  /** The hostnames of a Gateway route on its listener. */
  readonly hosts?: string[];
  /** The listener's port (Gateway), when known. */
  readonly entryPort?: number;
  /** HTTP or HTTPS (Ingress, HTTPRoute, GRPCRoute), TLS, TCP or UDP. */
  readonly protocol: string;
  readonly tls: boolean;
  /** The path of an Ingress URL. */
  readonly path?: string;
  readonly pathMatch?: PathMatch;
  /** The matches of a Gateway route rule. */
  readonly matches?: RouteMatch[];
  readonly route: AccessObject;
  readonly gateway?: AccessObject;
  readonly listener?: string;
  readonly listenerSet?: AccessObject;
  readonly gatewayInSet?: boolean;
  /** The rule whose finding explains a port the Service lacks. */
  readonly portRule: string;
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

/** A path type as a `PathMatch`; an unknown value reads as implementation-specific. */
function pathMatchOf(type: unknown): PathMatch {
  switch (type) {
    case 'Exact': return PathMatch.EXACT;
    case 'Prefix': case 'PathPrefix': return PathMatch.PREFIX;
    case 'RegularExpression': return PathMatch.REGULAR_EXPRESSION;
    default: return PathMatch.IMPLEMENTATION_SPECIFIC;
  }
}

/** A path as text, with how it matches when not exactly: `/health [prefix]` (which does not match `/healthz`). */
function pathText(path: string, match: PathMatch): string {
  switch (match) {
    case PathMatch.EXACT: return path;
    case PathMatch.PREFIX: return `${path} [prefix]`;
    case PathMatch.REGULAR_EXPRESSION: return `${path} [regex]`;
    default: return `${path} [implementation-specific]`;
  }
}

/** The Ingress URLs, by backend Service (namespace, name). */
function mapIngressUrls<R>(set: ObjectSet<R>, out: Map<string, RoutedService>): void {
  for (const ing of set.ofKind('Ingress')) {
    const ns = set.namespaceOf(ing);
    const spec = obj(obj(ing.manifest).spec);
    const tlsHosts = list(spec.tls).flatMap(t => list(obj(t).hosts));
    const name = text(obj(obj(ing.manifest).metadata).name);
    const route = { kind: 'Ingress', namespace: ns, name };
    const add = (backend: unknown, host: string, scheme: 'HTTP' | 'HTTPS', path: string, pathMatch: PathMatch, note: string) => {
      const svc = obj(obj(backend).service);
      if (typeof svc.name !== 'string') return;
      const address = `${scheme.toLowerCase()}://${host}${pathText(path, pathMatch)}${note} (Ingress ${ns}/${name})`;
      const port = obj(svc.port).name ?? obj(svc.port).number;
      addUrl(out, ns, svc.name, { via: EntryKind.INGRESS, address, port, host, protocol: scheme, tls: scheme === 'HTTPS', path, pathMatch, route, portRule: 'ingress-backend-port' });
    };
    for (const r of ingressRules(ing.manifest)) {
      const host = typeof r.rule.host === 'string' ? r.rule.host : '*';
      const scheme = host !== '*' && tlsHosts.some(h => typeof h === 'string' && hostCovers(h, host)) ? 'HTTPS' : 'HTTP';
      for (const p of r.paths) {
        add(p.path.backend, host, scheme, text(p.path.path ?? '/'), pathMatchOf(p.path.pathType), '');
      }
    }
    if (spec.defaultBackend !== undefined && spec.defaultBackend !== null) add(spec.defaultBackend, '*', 'HTTP', '/', PathMatch.PREFIX, ' (default backend)');
  }
}

/** Whether a route URL goes to a port of a Service: by number or name, or to its only port when the route names none. */
function reaches(u: RouteUrl, p: Plain, portCount: number): boolean {
  if (u.via === EntryKind.GATEWAY) return key(u.port) === key(p.port); // a backendRef names a port by number only
  return u.port === p.port || (p.name !== undefined && u.port === p.name) || (u.port === undefined && portCount === 1);
}

/** The entry of a route URL. */
function urlEntry(u: RouteUrl): AccessEntry {
  const host = u.host ?? (u.hosts?.length === 1 ? u.hosts[0] : undefined);
  const one = u.matches?.length === 1 ? u.matches[0] : undefined;
  const path = u.path ?? one?.path;
  const pathMatch = u.pathMatch ?? one?.pathMatch;
  return {
    kind: u.via,
    ...(host !== undefined ? { host } : {}),
    ...(u.hosts ? { hosts: u.hosts } : {}),
    ...(u.entryPort !== undefined ? { port: u.entryPort } : {}),
    protocol: u.protocol,
    ...(path !== undefined ? { path } : {}),
    ...(pathMatch !== undefined ? { pathMatch } : {}),
    ...(u.matches ? { matches: u.matches } : {}),
    tls: u.tls,
  };
}

/** The route fields of a path. */
function urlPath(u: RouteUrl): Pick<AccessPath, 'route' | 'gateway' | 'listener' | 'listenerSet' | 'gatewayInSet'> {
  return {
    route: u.route,
    ...(u.gateway ? { gateway: u.gateway } : {}),
    ...(u.listener !== undefined ? { listener: u.listener } : {}),
    ...(u.listenerSet ? { listenerSet: u.listenerSet } : {}),
    ...(u.gatewayInSet !== undefined ? { gatewayInSet: u.gatewayInSet } : {}),
  };
}

/** The BackendTLSPolicies of the set by target: Service namespace, name and section (`''` for every port). */
function backendTlsIndex<R>(set: ObjectSet<R>): Map<string, AccessBackendTls> {
  const out = new Map<string, AccessBackendTls>();
  for (const p of set.ofKind('BackendTLSPolicy')) {
    const ns = set.namespaceOf(p);
    const spec = obj(obj(p.manifest).spec);
    const policy = { kind: 'BackendTLSPolicy', namespace: ns, name: text(obj(obj(p.manifest).metadata).name) };
    const tls = { policy, hostname: text(obj(spec.validation).hostname) };
    for (const t of list(spec.targetRefs).map(obj)) {
      // of two policies on one target the map shows the first read (backendtlspolicy-conflict warns)
      const k = key(ns, t.name, typeof t.sectionName === 'string' ? t.sectionName : '');
      if (t.group === '' && t.kind === 'Service' && !out.has(k)) out.set(k, tls);
    }
  }
  return out;
}

/** The access rows of one Service in the set. */
function serviceRows<R>(set: ObjectSet<R>, s: Subject<R>, urls: RouteUrl[],
  backendTls: ReadonlyMap<string, AccessBackendTls>): { type: string; headless: boolean; rows: AccessRow[] } {
  const m = s.manifest;
  const spec = obj(obj(m).spec);
  const ns = namespaceOf(m);
  const name = text(obj(obj(m).metadata).name);
  const service = { kind: 'Service', namespace: ns, name };
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const hasSelector = Object.keys(obj(spec.selector)).length > 0;
  const selected = hasSelector ? set.select(ns, spec.selector) : [];
  const internal = type === 'LoadBalancer' ? internalLoadBalancer(m) : undefined;
  const policy = typeof spec.externalTrafficPolicy === 'string' ? spec.externalTrafficPolicy : 'Cluster';
  const sourceRanges = list(spec.loadBalancerSourceRanges).filter((r): r is string => typeof r === 'string');
  const externalIPs = list(spec.externalIPs).filter((r): r is string => typeof r === 'string');
  const rows: AccessRow[] = [];
  const ports: Plain[] = list(spec.ports).length ? list(spec.ports).map(obj) : [{ port: undefined }];
  const reached = new Set<RouteUrl>();
  for (const p of ports) {
    const servicePort = p.port === undefined ? '-' : portLabel(p);
    const resolved = resolveTarget(set, spec, p, selected);
    const path: AccessPath = {
      service,
      ...(typeof p.port === 'number' ? { servicePort: p.port } : {}),
      ...(typeof p.name === 'string' ? { servicePortName: p.name } : {}),
      ...(resolved.targetPort !== undefined ? { targetPort: resolved.targetPort } : {}),
      workloads: resolved.workloads,
      status: resolved.status,
      ...(resolved.rule !== undefined ? { rule: resolved.rule } : {}),
      ...(resolved.externalName !== undefined ? { externalName: resolved.externalName } : {}),
    };
    const broken = resolved.status === PathStatus.UNRESOLVED;
    const target = resolved.text;
    const protocol = protocolOf(p);
    const port = typeof p.port === 'number' ? p.port : undefined;
    const suffix = p.port === undefined ? '' : `:${text(p.port)}`;
    const row = (entry: AccessEntry, address: string, scope: AccessScope, scopeReason?: string) => {
      rows.push({ entry, path, scope, ...(scopeReason ? { scopeReason } : {}), broken, address, servicePort, target });
    };
    const dns = `${name}.${ns}.svc.cluster.local`;
    const headlessNote = headless ? ' (headless: the pods\' addresses)' : '';
    row({ kind: EntryKind.CLUSTER_DNS, host: dns, port, protocol, tls: false }, `${dns}${suffix}${headlessNote}`, AccessScope.CLUSTER);
    row({ kind: EntryKind.NAMESPACE_DNS, host: name, port, protocol, tls: false }, `${name}${suffix} (from namespace ${ns})${headlessNote}`, AccessScope.CLUSTER);
    if (headless) rows.push(...podDnsRows(set, spec, p, ns, name, selected, path));
    const external = { protocol, tls: false, externalTrafficPolicy: policy };
    // a LoadBalancer without node ports (allocateLoadBalancerNodePorts: false) has none unless one is set
    const nodePorts = hasNodePorts(type) && !(type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === false && p.nodePort === undefined);
    if (nodePorts) {
      const nodePort = typeof p.nodePort === 'number' ? p.nodePort : undefined;
      row({ kind: EntryKind.NODE_PORT, ...(nodePort !== undefined ? { port: nodePort } : {}), ...external },
        `<node-ip>:${text(p.nodePort ?? '<allocated nodePort>')}`, AccessScope.EXTERNAL);
    }
    if (type === 'LoadBalancer') {
      row({ kind: EntryKind.LOAD_BALANCER, port, ...external, ...(sourceRanges.length ? { sourceRanges } : {}) },
        `<load-balancer>${suffix}${internal ? ' (internal)' : ''}`, internal ? AccessScope.CLUSTER : AccessScope.EXTERNAL, internal);
    }
    if (type !== 'ExternalName') {
      for (const ip of externalIPs) row({ kind: EntryKind.EXTERNAL_IP, host: ip, port, ...external }, `${ip}${suffix} (externalIPs)`, AccessScope.EXTERNAL);
    }
    const tls = backendTls.get(key(ns, name, typeof p.name === 'string' ? p.name : '')) ?? backendTls.get(key(ns, name, ''));
    for (const via of [EntryKind.INGRESS, EntryKind.GATEWAY]) {
      for (const u of urls) {
        if (u.via !== via || !reaches(u, p, ports.length)) continue;
        reached.add(u);
        const entry = urlEntry(u);
        const backend = via === EntryKind.GATEWAY && tls !== undefined ? { backendTls: tls } : {};
        const routePath = { ...urlPath(u), ...path, ...backend };
        rows.push({ entry, path: routePath, scope: AccessScope.EXTERNAL, broken, address: u.address, servicePort, target });
      }
    }
    // port-forward picks a pod by the selector: a Service without one has none to pick
    if (type !== 'ExternalName' && typeof p.port === 'number' && hasSelector) {
      const local = p.port >= 1024 ? p.port : 8000 + p.port;
      const command = `kubectl port-forward -n ${ns} service/${name} ${local}:${text(p.port)}`;
      row({ kind: EntryKind.PORT_FORWARD, host: 'localhost', port: local, protocol, tls: false, command }, command, AccessScope.CLUSTER);
    }
  }
  // the route URLs naming a port the Service lacks: broken rows, not missing ones
  for (const u of urls) {
    if (reached.has(u)) continue;
    const rule = u.portRule;
    const named = u.port === undefined || u.port === null ? undefined : text(u.port);
    rows.push({
      entry: urlEntry(u),
      path: {
        ...urlPath(u),
        service,
        ...(typeof u.port === 'number' ? { servicePort: u.port } : typeof u.port === 'string' ? { servicePortName: u.port } : {}),
        workloads: [],
        status: PathStatus.UNRESOLVED,
        rule,
      },
      scope: AccessScope.EXTERNAL,
      broken: true,
      address: u.address,
      servicePort: named ?? '-',
      target: `broken: Service ${ns}/${name} has no port ${named ?? '(none named)'} (rule ${rule})`,
    });
  }
  return { type, headless, rows };
}

/** The pods named one by one when a StatefulSet has more, the rest as one row. */
const PODS_LISTED = 10;

/**
 * The per-pod DNS names of the StatefulSets a headless Service governs (their serviceName, and
 * it selects their pods): `<name>-<ordinal>.<service>.<namespace>.svc.cluster.local`, at the
 * container port (a headless Service's clients connect to the pods themselves).
 */
function podDnsRows<R>(set: ObjectSet<R>, spec: Plain, p: Plain, ns: string, service: string,
  selected: ReadonlyArray<Subject<R>>, path: AccessPath): AccessRow[] {
  const rows: AccessRow[] = [];
  for (const w of selected) {
    const ws = obj(obj(w.manifest).spec);
    if (w.kind !== 'StatefulSet' || ws.serviceName !== service) continue;
    const resolved = resolveTarget(set, spec, p, [w]);
    const replicas = Number.isSafeInteger(ws.replicas) && ws.replicas >= 0 ? ws.replicas : 1;
    const start = Number.isSafeInteger(obj(ws.ordinals).start) && obj(ws.ordinals).start >= 0 ? obj(ws.ordinals).start : 0;
    const containerPort = resolved.workloads[0]?.containerPort;
    // this StatefulSet's path: its own workloads, status and rule, not those of every workload the Service selects
    const { rule: _, ...rest } = path;
    const own: AccessPath = {
      ...rest,
      workloads: resolved.workloads,
      status: resolved.status,
      ...(resolved.rule !== undefined ? { rule: resolved.rule } : {}),
    };
    const pod = text(obj(obj(w.manifest).metadata).name);
    const row = (ordinal: string, note: string): AccessRow => {
      const host = `${pod}-${ordinal}.${service}.${ns}.svc.cluster.local`;
      return {
        entry: {
          kind: EntryKind.POD_DNS,
          host,
          ...(containerPort !== undefined ? { port: containerPort } : {}),
          protocol: protocolOf(p),
          tls: false,
        },
        path: own,
        scope: AccessScope.CLUSTER,
        broken: resolved.status === PathStatus.UNRESOLVED,
        address: `${host}${containerPort !== undefined ? `:${containerPort}` : ''} (pod ${pod}-${ordinal}${note} of StatefulSet ${ns}/${pod})`,
        servicePort: p.port === undefined ? '-' : portLabel(p),
        target: resolved.text,
      };
    };
    for (let i = 0; i < Math.min(replicas, PODS_LISTED); i++) rows.push(row(String(start + i), ''));
    if (replicas > PODS_LISTED) rows.push(row('<ordinal>', `, ordinals ${start + PODS_LISTED} to ${start + replicas - 1}`));
  }
  return rows;
}

/** The deprecated route of a row. */
function legacyRoute(r: AccessRow): AccessRoute {
  const via = r.entry.kind === EntryKind.EXTERNAL_IP ? AccessKind.LOAD_BALANCER
    : r.entry.kind === EntryKind.POD_DNS ? AccessKind.CLUSTER_DNS : (r.entry.kind as string as AccessKind);
  return { via, address: r.address, servicePort: r.servicePort, target: r.target };
}

/**
 * A Service's access with the deprecated `routes`, made from the rows when first read (and kept):
 * a map of hundreds of thousands of rows does not hold them twice unless they are asked for.
 */
function withRoutes(s: Omit<ServiceAccess, 'routes'>): ServiceAccess {
  let routes: AccessRoute[] | undefined;
  return Object.defineProperty(s, 'routes', { enumerable: true, get: () => (routes = routes ?? s.rows.map(legacyRoute)) }) as ServiceAccess;
}

/**
 * The access map: for each Service, every way it is reached, each followed to the pods.
 * A Service that an Ingress or HTTPRoute routes to but the set does not hold is listed
 * too, with type `outside the checked set` and only its routes (its pods are unknown).
 * Linear in the number of objects (workloads are indexed by label).
 */
export function mapAccess<R>(set: ObjectSet<R>): ServiceAccess[] {
  return [...accessOf(set)];
}

/**
 * @internal
 * The access map as it is iterated, one Service at a time in `mapAccess`'s order: `routes`
 * prints each before the next is made, so the map is never held whole.
 */
export function* accessOf<R>(from: ObjectSet<R> | AccessMapper<R>): Generator<ServiceAccess, void, undefined> {
  const mapper = from instanceof AccessMapper ? from : new AccessMapper(from);
  for (let i = 0; i < mapper.count; i++) yield mapper.at(i);
}

/**
 * @internal
 * The access map of a set, Service by Service, by number (`accessOf`'s order: the set's
 * Services, then those routed to that the set does not hold). Service `i` is mapped as `at(i)`
 * is called, each time: `accessOf` maps each once, and the diff maps again only the Services
 * whose rows a change shows.
 */
export class AccessMapper<R> {
  /** How many Services the map has. */
  public readonly count: number;
  private readonly routed = new Map<string, RoutedService>();
  private readonly backendTls: ReadonlyMap<string, AccessBackendTls>;
  /** Per Service of the set: its ns/name key, or undefined for a second Service of one name (its routes went to the first). */
  private readonly keys: Array<string | undefined>;
  private readonly outside: RoutedService[];

  constructor(private readonly set: ObjectSet<R>) {
    mapIngressUrls(set, this.routed);
    mapGatewayUrls(set, this.routed);
    this.backendTls = backendTlsIndex(set);
    const seen = new Set<string>();
    this.keys = set.services.map(s => {
      const k = key(namespaceOf(s.manifest), text(obj(obj(s.manifest).metadata).name));
      if (seen.has(k)) return undefined;
      seen.add(k);
      return k;
    });
    this.outside = [...this.routed.values()].filter(r => !seen.has(key(r.namespace, r.name)));
    this.count = this.keys.length + this.outside.length;
  }

  /** Service `i` (0 <= i < count), mapped. */
  public at(i: number): ServiceAccess {
    const services = this.set.services;
    if (i < services.length) {
      const s = services[i];
      const ns = namespaceOf(s.manifest);
      const name = text(obj(obj(s.manifest).metadata).name);
      const k = this.keys[i];
      const urls = (k === undefined ? undefined : this.routed.get(k)?.urls) ?? [];
      const { type, headless, rows } = serviceRows(this.set, s, urls, this.backendTls);
      return withRoutes({ namespace: ns, name, type, headless, rows });
    }
    // a Service routed to that the set does not hold: its routes, without pods
    const r = this.outside[i - services.length];
    const rows: AccessRow[] = r.urls.map(u => ({
      entry: urlEntry(u),
      path: {
        ...urlPath(u),
        service: { kind: 'Service', namespace: r.namespace, name: r.name },
        ...(typeof u.port === 'number' ? { servicePort: u.port } : typeof u.port === 'string' ? { servicePortName: u.port } : {}),
        workloads: [],
        status: PathStatus.OUTSIDE_THE_SET,
      },
      scope: AccessScope.EXTERNAL,
      broken: false,
      address: u.address,
      servicePort: u.port === undefined || u.port === null ? '-' : text(u.port),
      target: `Service ${r.namespace}/${r.name} is not in the checked set: its pods are unknown`,
    }));
    return withRoutes({ namespace: r.namespace, name: r.name, type: OUTSIDE_THE_SET, headless: false, rows });
  }
}

/** At most this many hostnames or matches are written out in an address; the rest are counted. */
export const ADDRESS_ITEMS = 4;

/** Items as text: one as itself, several as `{a, b, … +3 more}`: at most `ADDRESS_ITEMS` of the first written, of `total`. */
export function itemsText(first: readonly string[], total: number = first.length): string {
  if (total === 1) return first[0];
  return `{${first.slice(0, ADDRESS_ITEMS).join(', ')}${total > ADDRESS_ITEMS ? `, … +${total - ADDRESS_ITEMS} more` : ''}}`;
}

/** What the access map reads of a Gateway route kind. */
interface RouteKindView {
  readonly kind: string;
  /** The listener protocols it attaches to. */
  readonly protocols: readonly string[];
  /** Whether it has spec.hostnames (TCPRoute and UDPRoute have none). */
  readonly hostnames: boolean;
  /** The rules, with their paths (CRD defaults applied). */
  readonly rules: (route: unknown) => ReadonlyArray<{ readonly rule: Plain; readonly field: string }>;
  /** The matches of a rule; none for the kinds without matches. */
  readonly matches?: (rule: Plain, field: string) => RouteMatch[];
}

/** The rules of a route kind without CRD defaults. */
function specRules(route: unknown): Array<{ readonly rule: Plain; readonly field: string }> {
  return list(obj(obj(route).spec).rules).map((r, i) => ({ rule: obj(r), field: `spec.rules[${i}]` }));
}

/** A gRPC method match: `/service/method`, `*` for the one left out; no method match (headers only, or no match) is every method. */
function grpcMatch(match: Plain): RouteMatch {
  if (match.method === undefined || match.method === null) return { path: '/', pathMatch: PathMatch.PREFIX };
  const m = obj(match.method);
  const service = typeof m.service === 'string' ? m.service : undefined;
  const method = typeof m.method === 'string' ? m.method : undefined;
  return {
    path: `/${service ?? '*'}/${method ?? '*'}`,
    pathMatch: m.type === 'RegularExpression' ? PathMatch.REGULAR_EXPRESSION : PathMatch.EXACT,
    ...(service !== undefined ? { grpcService: service } : {}),
    ...(method !== undefined ? { grpcMethod: method } : {}),
  };
}

const ROUTE_KINDS: readonly RouteKindView[] = [
  {
    kind: 'HTTPRoute',
    protocols: ['HTTP', 'HTTPS'],
    hostnames: true,
    rules: routeRules,
    matches: (rule, field) => ruleMatches(rule, field).map(m => matchPath(m.match))
      .map(mp => ({ path: text(mp.value), pathMatch: pathMatchOf(mp.type) })),
  },
  {
    kind: 'GRPCRoute',
    protocols: ['HTTP', 'HTTPS'],
    hostnames: true,
    rules: grpcRules,
    matches: rule => (list(rule.matches).length === 0 ? [{ path: '/', pathMatch: PathMatch.PREFIX }] : list(rule.matches).map(m => grpcMatch(obj(m)))),
  },
  { kind: 'TLSRoute', protocols: ['TLS'], hostnames: true, rules: specRules },
  { kind: 'TCPRoute', protocols: ['TCP'], hostnames: false, rules: specRules },
  { kind: 'UDPRoute', protocols: ['UDP'], hostnames: false, rules: specRules },
];

/** The matches of a Gateway route row as text: `/a [prefix]`, or `{/a [prefix], /b, … +3 more}`. */
function matchesText(matches: readonly RouteMatch[] | undefined): string {
  if (matches === undefined || matches.length === 0) return '';
  return itemsText(matches.slice(0, ADDRESS_ITEMS).map(m => pathText(m.path, m.pathMatch)), matches.length);
}

/**
 * The address of a Gateway route entry, for some of its hostnames and matches: `https://{a, b}/path (Gateway ns/gw, listener
 * https, HTTPRoute ns/web)`; `tcp://<gateway>:5432 (...)` for a route without hostnames. The diff writes its changes with it.
 */
export function gatewayAddress(e: Pick<AccessEntry, 'protocol' | 'port'>, p: Pick<AccessPath, 'route' | 'gateway' | 'listener' | 'listenerSet' | 'gatewayInSet'>,
  hosts: readonly string[] | undefined, matches: readonly RouteMatch[] | undefined): string {
  const gatewayInSet = p.gatewayInSet !== false;
  const scheme = gatewayInSet || !['HTTP', 'HTTPS'].includes(e.protocol) ? e.protocol.toLowerCase() : '<scheme>';
  const web = ['HTTP', 'HTTPS'].includes(e.protocol);
  const port = e.port === undefined || (scheme === 'https' && e.port === 443) || (scheme === 'http' && e.port === 80) ? '' : `:${e.port}`;
  const host = hosts === undefined ? '<gateway>' : itemsText(hosts.slice(0, ADDRESS_ITEMS), hosts.length);
  const gateway = p.gateway ? `Gateway ${p.gateway.namespace}/${p.gateway.name}` : 'Gateway';
  const gw = p.listenerSet ? `ListenerSet ${p.listenerSet.namespace}/${p.listenerSet.name}${p.gateway ? ` on ${gateway}` : ''}` : gateway;
  const via = gatewayInSet ? `${gw}, listener ${p.listener ?? ''}` : `${gw} not in the checked set${p.listener !== undefined ? `, listener ${p.listener}` : ''}`;
  const route = p.route ? `, ${p.route.kind} ${p.route.namespace}/${p.route.name}` : '';
  return `${scheme}://${host}${port}${web ? matchesText(matches) : ''} (${via}${route})`;
}

/**
 * The entries of the Gateway routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute), by backend
 * Service (namespace, name): one per listener a parentRef attaches to, rule and backend, with the
 * rule's matches and the hostnames served on that listener as sets (factored: the number of entries
 * is at most the sum over parentRefs of their listeners times the backends of all rules).
 */
function mapGatewayUrls<R>(set: ObjectSet<R>, out: Map<string, RoutedService>): void {
  for (const k of ROUTE_KINDS) {
    for (const r of set.ofKind(k.kind)) {
      const routeNs = set.namespaceOf(r);
      const route = { kind: k.kind, namespace: routeNs, name: text(obj(obj(r.manifest).metadata).name) };
      const hostnames = k.hostnames ? list(obj(obj(r.manifest).spec).hostnames).filter((h): h is string => typeof h === 'string') : undefined;
      const rules = k.rules(r.manifest).map(({ rule, field }) => ({ rule, matches: k.matches?.(rule, field) }));
      const portRule = `${k.kind.toLowerCase()}-backend-port`;
      for (const p of routeParentRefs(r.manifest)) {
        const g = set.named(p.kind, p.namespace, p.ref.name);
        const { gateway, listenerSet } = parentOf(p, g);
        const parents = { ...(gateway ? { gateway } : {}), ...(listenerSet ? { listenerSet } : {}) };
        if (g === undefined) {
          // a parent outside the set: its listeners (scheme, port, hostname) are unknown, the route's hostnames and matches are not
          const hosts = hostnames === undefined ? undefined : hostnames.length ? hostnames : ['*'];
          const listener = p.ref.sectionName !== undefined ? { listener: text(p.ref.sectionName) } : {};
          const entryPort = typeof p.ref.port === 'number' ? { entryPort: p.ref.port } : {};
          const protocol = k.protocols.includes('HTTP') ? 'HTTP' : k.protocols[0];
          const via = { hosts, protocol, tls: false, route, ...parents, gatewayInSet: false, ...listener, ...entryPort, portRule };
          eachBackend(rules, routeNs, via, out);
          continue;
        }
        const listeners = list(obj(obj(g.manifest).spec).listeners).map(obj)
          .filter(l => k.protocols.includes(l.protocol) && (p.ref.sectionName === undefined || l.name === p.ref.sectionName)
            && (typeof p.ref.port !== 'number' || l.port === p.ref.port));
        for (const l of listeners) {
          const hosts = hostnames === undefined ? undefined : hostnames.length === 0 ? [typeof l.hostname === 'string' ? l.hostname : '*']
            : hostnames.filter(h => typeof l.hostname !== 'string' || hostnamesIntersect(l.hostname, h));
          if (hosts !== undefined && hosts.length === 0) continue;
          const tls = l.protocol === 'HTTPS' || (l.protocol === 'TLS' && (obj(l.tls).mode ?? 'Terminate') === 'Terminate');
          eachBackend(rules, routeNs, {
            hosts, protocol: l.protocol, tls, route, ...parents, gatewayInSet: true, listener: text(l.name), ...(typeof l.port === 'number' ? { entryPort: l.port } : {}), portRule,
          }, out);
        }
      }
    }
  }
}

/** How a route's parent reads in the map: a Gateway, or a ListenerSet with the Gateway it names (when it is in the set). */
function parentOf<R>(p: RouteParentRef, parent: Subject<R> | undefined): { via: string; gateway?: AccessObject; listenerSet?: AccessObject } {
  const self = { kind: p.kind, namespace: p.namespace, name: text(p.ref.name) };
  if (p.kind === 'Gateway') return { via: `Gateway ${p.namespace}/${self.name}`, gateway: self };
  const ref = obj(obj(obj(parent?.manifest).spec).parentRef);
  if (typeof ref.name !== 'string') return { via: `${p.kind} ${p.namespace}/${self.name}`, listenerSet: self };
  const gateway = { kind: 'Gateway', namespace: typeof ref.namespace === 'string' ? ref.namespace : p.namespace, name: ref.name };
  return { via: `${p.kind} ${p.namespace}/${self.name} on Gateway ${gateway.namespace}/${gateway.name}`, gateway, listenerSet: self };
}

/** Records an entry of each Service backend of each rule of a route through one listener (or one Gateway outside the set). */
function eachBackend(rules: ReadonlyArray<{ readonly rule: Plain; readonly matches?: RouteMatch[] }>, routeNs: string,
  via: Omit<RouteUrl, 'via' | 'address' | 'port' | 'matches'>, out: Map<string, RoutedService>): void {
  for (const { rule, matches } of rules) {
    if (matches !== undefined && matches.length === 0) continue;
    const backends = list(rule.backendRefs).map(obj).filter(b => (b.group ?? '') === '' && (b.kind ?? 'Service') === 'Service' && typeof b.name === 'string');
    if (backends.length === 0) continue;
    const address = gatewayAddress({ protocol: via.protocol, port: via.entryPort }, via, via.hosts, matches);
    for (const b of backends) {
      const ns = typeof b.namespace === 'string' ? b.namespace : routeNs;
      addUrl(out, ns, b.name, { via: EntryKind.GATEWAY, address, port: b.port, ...(matches ? { matches } : {}), ...via });
    }
  }
}
