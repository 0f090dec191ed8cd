import { RuleInfo, appRule } from '../model/rule';
import { GATEWAY_GROUP, hostnamesIntersect } from './gateway-shared';
import { matchPath, routeRules, ruleMatches } from './http-route';
import { checkServicePortRef, ingressBackends, ingressRules, rulePaths } from './ingress';
import { metadataOf } from './metadata';
import { list, obj, Plain } from './formats';
import { hasNodePorts, protocolOf } from './service';
import { Issue, Severity, Violation, issue, key, seenBefore, show, text, warning } from '../model/finding';
import { WORKLOAD_KINDS } from './workload';

/*
 * The rules that need more than one object. They run once over a set of objects, in time
 * linear in their number (and their ports and paths). The constructs run them over what
 * the App defines; the manifest checker over parsed YAML. `R` is how a caller names an
 * object: a construct, or a file position.
 */

/** An object under analysis, with the caller's reference to it. */
export interface Subject<R> {
  readonly ref: R;
  readonly kind: string;
  readonly manifest: any;
}

/** A finding of a cross-object rule, attached to one object. */
export interface AppFinding<R> extends Violation {
  readonly ref: R;
}

/** The annotation an Ingress or HTTPRoute carries to declare backends deployed outside the checked set. */
export const EXTERNAL_SERVICES_ANNOTATION = 'cdk8s-expose.io/external-services';

/** The namespace of an object, 'default' when unset. */
export function namespaceOf(m: unknown, fallback = 'default'): string {
  const ns = metadataOf(m).namespace;
  return typeof ns === 'string' && ns !== '' ? ns : fallback;
}

/** The names an object declares as deployed outside the set (its external-services annotation). */
export function declaredOutside(m: unknown): Set<string> {
  const value = obj(metadataOf(m).annotations)[EXTERNAL_SERVICES_ANNOTATION];
  return new Set(typeof value === 'string' ? value.split(',').map(s => s.trim()).filter(s => s !== '') : []);
}

/** Whether a selector (non-empty) is a subset of the labels. */
export function selects(selector: unknown, labels: unknown): boolean {
  const sel = obj(selector);
  const keys = Object.keys(sel);
  if (keys.length === 0) return false;
  const l = obj(labels);
  return keys.every(k => l[k] === sel[k]);
}

/** The pod template labels of a workload, or a Pod's own labels. */
export function podLabelsOf(w: Subject<unknown>): Plain {
  return obj(w.kind === 'Pod' ? metadataOf(w.manifest).labels : obj(obj(obj(obj(w.manifest).spec).template).metadata).labels);
}

/** The containers of a workload's pod template, or of a Pod. */
export function containersOf(w: Subject<unknown>): Array<Plain> {
  const spec = w.kind === 'Pod' ? obj(obj(w.manifest).spec) : obj(obj(obj(obj(w.manifest).spec).template).spec);
  return list(spec.containers).map(obj);
}

/** The container ports of a workload, indexed by name and by number+protocol, built once per workload. */
export interface PortIndex {
  /** The ports of each name, with their containers (a name may repeat across containers). */
  readonly byName: ReadonlyMap<string, ReadonlyArray<DeclaredPort>>;
  /** The first port of each number and protocol, with its container. */
  readonly byNumber: ReadonlyMap<string, DeclaredPort>;
  /** Every port, in declaration order. */
  readonly all: ReadonlyArray<DeclaredPort>;
}

/** A container port and the name of the container that declares it. */
export interface DeclaredPort {
  readonly port: Plain;
  readonly container: string;
}

/** The objects under analysis, by kind, with the indexes the rules share. */
export class ObjectSet<R> {
  /** The Services, workloads (Deployments, StatefulSets, DaemonSets, Pods) and Ingresses. */
  public readonly services: Array<Subject<R>> = [];
  public readonly workloads: Array<Subject<R>> = [];
  public readonly ingresses: Array<Subject<R>> = [];
  /** The Gateway API objects: Gateways, HTTPRoutes, ReferenceGrants. */
  public readonly gateways: Array<Subject<R>> = [];
  public readonly httpRoutes: Array<Subject<R>> = [];
  public readonly referenceGrants: Array<Subject<R>> = [];
  private readonly byLabel = new Map<string, Array<Subject<R>>>();
  private readonly namespaces = new Set<string>();
  private readonly portIndexes = new Map<Subject<R>, PortIndex>();
  private readonly servicePortLists = new Map<Subject<R>, Plain[]>();
  private serviceIndex?: Map<string, Subject<R>>;

  constructor(subjects: Iterable<Subject<R>>) {
    for (const s of subjects) {
      if (s.kind === 'Service') this.services.push(s);
      else if (s.kind === 'Ingress') this.ingresses.push(s);
      else if (s.kind === 'Pod' || WORKLOAD_KINDS.includes(s.kind)) this.addWorkload(s);
      else if (s.kind === 'Gateway') this.gateways.push(s);
      else if (s.kind === 'HTTPRoute') this.httpRoutes.push(s);
      else if (s.kind === 'ReferenceGrant') this.referenceGrants.push(s);
    }
  }

  private addWorkload(w: Subject<R>): void {
    this.workloads.push(w);
    const ns = namespaceOf(w.manifest);
    this.namespaces.add(ns);
    for (const [k, v] of Object.entries(podLabelsOf(w))) {
      const id = key(ns, k, v);
      const found = this.byLabel.get(id);
      if (found) found.push(w); else this.byLabel.set(id, [w]);
    }
  }

  /** Whether a namespace has workloads in the set. */
  public hasWorkloads(ns: string): boolean {
    return this.namespaces.has(ns);
  }

  /** The workloads whose pod labels the selector selects, without a scan. */
  public select(ns: string, selector: unknown): Array<Subject<R>> {
    let smallest: Array<Subject<R>> | undefined;
    for (const [k, v] of Object.entries(obj(selector))) {
      const found = this.byLabel.get(key(ns, k, v));
      if (!found) return [];
      if (!smallest || found.length < smallest.length) smallest = found;
    }
    return (smallest ?? []).filter(w => selects(selector, podLabelsOf(w)));
  }

  /** The container ports of a workload, indexed. */
  public ports(w: Subject<R>): PortIndex {
    let index = this.portIndexes.get(w);
    if (!index) {
      const byName = new Map<string, DeclaredPort[]>();
      const byNumber = new Map<string, DeclaredPort>();
      const all: DeclaredPort[] = [];
      for (const c of containersOf(w)) {
        for (const p of list(c.ports).map(obj)) {
          const declared = { port: p, container: text(c.name) };
          all.push(declared);
          const k = key(p.containerPort, protocolOf(p));
          if (!byNumber.has(k)) byNumber.set(k, declared);
          if (typeof p.name === 'string') {
            const named = byName.get(p.name);
            if (named) named.push(declared); else byName.set(p.name, [declared]);
          }
        }
      }
      index = { byName, byNumber, all };
      this.portIndexes.set(w, index);
    }
    return index;
  }

  /** The ports of a Service, read once (the same list each time). */
  public servicePorts(s: Subject<R>): Plain[] {
    let ports = this.servicePortLists.get(s);
    if (!ports) {
      ports = list(obj(obj(s.manifest).spec).ports).map(obj);
      this.servicePortLists.set(s, ports);
    }
    return ports;
  }

  /** The Service of a namespace and name in the set. */
  public service(ns: string, name: unknown): Subject<R> | undefined {
    if (!this.serviceIndex) {
      this.serviceIndex = new Map();
      for (const s of this.services) this.serviceIndex.set(key(namespaceOf(s.manifest), metadataOf(s.manifest).name), s);
    }
    return this.serviceIndex.get(key(ns, name));
  }
}

/** How the cross-object rules name another object, and where they look. */
export interface AppContext<R> {
  /** How to name another object in a message, e.g. `[app/chart/web]`. */
  readonly describe: (ref: R) => string;
  /** Report dangling selectors only in namespaces that define at least one workload (constructs). */
  readonly danglingOnlyWhereWorkloads: boolean;
  /** Whether the findings are a construct's (the construct default severities apply). */
  readonly construct: boolean;
}

interface AppRule {
  readonly info: RuleInfo;
  readonly check: <R>(set: ObjectSet<R>, ctx: AppContext<R>, add: (ref: R, issue: Issue) => void) => void;
}

const APP_RULES: AppRule[] = [];

function defineAppRule(def: { id: string; kinds: string[]; summary: string; prevents: string; severity?: Severity; constructSeverity?: Severity },
  check: AppRule['check']): RuleInfo {
  const info = appRule({ severity: Severity.ERROR, ...def });
  APP_RULES.push({ info, check });
  return info;
}

/** Runs every cross-object rule once over the set. Linear in the number of objects. */
export function analyzeApp<R>(set: ObjectSet<R>, ctx: AppContext<R>): Array<AppFinding<R>> {
  const out: Array<AppFinding<R>> = [];
  for (const rule of APP_RULES) {
    const severity = ctx.construct ? rule.info.constructSeverity : rule.info.severity;
    rule.check(set, ctx, (ref, i) => out.push({
      ref,
      rule: rule.info.id,
      field: i.field,
      message: i.message,
      fix: i.fix,
      severity: i.severity ?? severity,
    }));
  }
  return out;
}

/** Registers a cross-object rule whose check runs elsewhere (in a construct, which alone knows the objects it refers to). */
export function constructRule(def: { id: string; kinds: string[]; summary: string; prevents: string }): RuleInfo {
  return appRule({ severity: Severity.ERROR, ...def });
}

export const objectNameUnique = defineAppRule({
  id: 'object-name-unique',
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Ingress'],
  summary: 'one object of a kind per namespace and name',
  prevents: 'the second object replacing the first at apply ("already exists" or a silent overwrite)',
}, (set, ctx, add) => {
  const seen = new Map<string, unknown>();
  for (const s of [...set.services, ...set.workloads, ...set.ingresses]) {
    const name = metadataOf(s.manifest).name;
    if (typeof name !== 'string') continue;
    const ns = namespaceOf(s.manifest);
    const first = seenBefore(seen, key(s.kind, ns, name), s.ref);
    if (first !== undefined) {
      add(s.ref, issue('metadata.name', `${s.kind} ${show(name)} in namespace ${show(ns)} is already defined by ${ctx.describe(first as typeof s.ref)}; names are unique per kind and namespace`, 'rename one of them'));
    }
  }
});

export const serviceNodePortConflict = defineAppRule({
  id: 'service-node-port-conflict',
  kinds: ['Service'],
  summary: 'no two Services claim one nodePort',
  prevents: 'apply of the second Service: "provided port is already allocated" (one nodePort space per cluster, allocated by number whatever the protocol)',
}, (set, ctx, add) => {
  const claimed = new Map<number, unknown>();
  for (const s of set.services) {
    const spec = obj(obj(s.manifest).spec);
    if (!hasNodePorts(spec.type)) continue;
    const here = new Set<number>();
    list(spec.ports).map(obj).forEach((p, i) => {
      if (typeof p.nodePort !== 'number' || p.nodePort === 0 || here.has(p.nodePort)) return; // reuse within one Service is the Service's rule
      here.add(p.nodePort);
      const first = seenBefore(claimed, p.nodePort, s.ref);
      if (first !== undefined) {
        add(s.ref, issue(`spec.ports[${i}].nodePort`, `${p.nodePort} is already used by ${ctx.describe(first as typeof s.ref)} (NodePort services share one port space per cluster, whatever the protocol; the API server refuses the second with "provided port is already allocated")`, 'choose another nodePort or leave it unset'));
      }
    });
  }
});

/** The Services that select pods: not ExternalName, with a non-empty selector. */
function selectingServices<R>(set: ObjectSet<R>): Array<{ s: Subject<R>; spec: Plain; ns: string }> {
  const out: Array<{ s: Subject<R>; spec: Plain; ns: string }> = [];
  for (const s of set.services) {
    const spec = obj(obj(s.manifest).spec);
    if (spec.type === 'ExternalName' || Object.keys(obj(spec.selector)).length === 0) continue;
    out.push({ s, spec, ns: namespaceOf(s.manifest) });
  }
  return out;
}

export const serviceSelectorDangling = defineAppRule({
  id: 'service-selector-dangling',
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  severity: Severity.WARNING,
  summary: 'a Service selector matches the pods of a workload in the set',
  prevents: 'a Service without endpoints: the API accepts a selector that matches nothing, and every connection fails',
}, (set, ctx, add) => {
  for (const { s, spec, ns } of selectingServices(set)) {
    if (set.select(ns, spec.selector).length > 0) continue;
    if (ctx.danglingOnlyWhereWorkloads && !set.hasWorkloads(ns)) continue;
    const sel = Object.entries(obj(spec.selector)).map(([k, v]) => `${k}=${text(v)}`).join(',');
    add(s.ref, issue('spec.selector', `selector ${sel} matches no pods of any workload in namespace ${show(ns)}, so the Service has no endpoints`,
      'select a workload\'s pod labels, or exempt the Service if its pods are deployed by other means'));
  }
});

/**
 * Every port of every selecting Service, with its effective targetPort (the port when unset)
 * and protocol, once for each workload the Service selects.
 */
type TargetVisitor<R> = (s: Subject<R>, field: string, target: unknown, protocol: string, w: Subject<R>) => void;

function eachTargetedWorkload<R>(set: ObjectSet<R>, each: TargetVisitor<R>): void {
  for (const { s, spec, ns } of selectingServices(set)) {
    const selected = set.select(ns, spec.selector);
    if (selected.length === 0) continue;
    list(spec.ports).map(obj).forEach((p, i) => {
      const target = p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '' ? p.port : p.targetPort;
      for (const w of selected) each(s, `spec.ports[${i}].targetPort`, target, protocolOf(p), w);
    });
  }
}

export const serviceTargetPortName = defineAppRule({
  id: 'service-target-port-name',
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  summary: 'a named targetPort names a container port, of the same protocol, of every selected workload',
  prevents: 'pods silently left out of the endpoints: the endpoints controller needs a container port of that name and protocol',
}, (set, ctx, add) => eachTargetedWorkload(set, (s, f, target, protocol, w) => {
  if (typeof target !== 'string' || target === '') return;
  const index = set.ports(w);
  const named = (index.byName.get(target) ?? []).map(d => d.port);
  if (named.length === 0) {
    const names = index.all.filter(x => typeof x.port.name === 'string').map(x => `${x.port.name} (${text(x.port.containerPort)}/${protocolOf(x.port)})`);
    add(s.ref, issue(f, `${show(target)} names no container port of ${ctx.describe(w.ref)} (declared: ${names.length ? names.join(', ') : 'no named ports'}); the endpoints controller would leave these pods out`, 'use a declared port name, or a number'));
  } else if (!named.some(cp => protocolOf(cp) === protocol)) {
    add(s.ref, issue(f, `${show(target)} is declared by ${ctx.describe(w.ref)} with protocol ${protocolOf(named[0])}, but this port is ${protocol}; the endpoints controller matches name and protocol`, 'set the same protocol on both'));
  }
}));

export const serviceTargetPortUndeclared = defineAppRule({
  id: 'service-target-port-undeclared',
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  severity: Severity.WARNING,
  summary: 'a numeric targetPort is declared by a container of every selected workload',
  prevents: 'traffic sent to a port nothing listens on: Kubernetes forwards to any number, declared or not',
}, (set, ctx, add) => eachTargetedWorkload(set, (s, f, target, protocol, w) => {
  if (typeof target !== 'number' || set.ports(w).byNumber.has(key(target, protocol))) return;
  add(s.ref, warning(f, `${target}/${protocol} is not declared by any container of ${ctx.describe(w.ref)}; Kubernetes allows it, but nothing may listen there`, `check the container listens on ${target}, or declare the port`));
}));

export const ingressRouteConflict = defineAppRule({
  id: 'ingress-route-conflict',
  kinds: ['Ingress'],
  summary: 'a host, path and pathType is routed once across all Ingresses',
  prevents: 'controllers resolving a duplicate route silently and differently (the oldest wins, or an admission webhook rejects the second)',
}, (set, ctx, add) => {
  const routes = new Map<string, { ref: unknown; field: string }>();
  for (const s of set.ingresses) {
    for (const r of ingressRules(s.manifest)) {
      for (const p of rulePaths(r.rule, r.field)) {
        const host = r.rule.host ?? '*';
        const first = seenBefore(routes, key(host, p.path.path ?? '', p.path.pathType), { ref: s.ref, field: p.field });
        if (first === undefined) continue;
        const where = first.ref === s.ref ? `${first.field} of this Ingress` : `${ctx.describe(first.ref as typeof s.ref)} at ${first.field}`;
        add(s.ref, issue(p.field, `host ${show(host)} path ${show(p.path.path ?? '')} (${p.path.pathType}) is already claimed by ${where}; controllers resolve this silently and differently`, 'route each host and path once'));
      }
    }
  }
});

/** Every Service backend of the Ingresses, with its Service looked up. */
type BackendVisitor<R> = (s: Subject<R>, field: string, svc: Plain, target: Subject<R> | undefined, outside: boolean) => void;

function ingressServiceBackends<R>(set: ObjectSet<R>, each: BackendVisitor<R>): void {
  for (const s of set.ingresses) {
    const ns = namespaceOf(s.manifest);
    const outside = declaredOutside(s.manifest);
    for (const b of ingressBackends(s.manifest)) {
      const svc = obj(obj(b.backend).service);
      if (typeof svc.name !== 'string') continue;
      each(s, b.field, svc, set.service(ns, svc.name), outside.has(svc.name));
    }
  }
}

/** A route's backend names a Service that is neither in the set nor declared outside it (Ingress and HTTPRoute alike). */
function missingService(field: string, name: unknown, ns: string, effect: string): Issue {
  return issue(field, `${show(name)} is not a Service in namespace ${show(ns)} of the checked manifests; ${effect} until it exists`,
    `check the name; if the Service is deployed elsewhere, list it in the annotation ${EXTERNAL_SERVICES_ANNOTATION}`);
}

export const ingressBackendService = defineAppRule({
  id: 'ingress-backend-service',
  kinds: ['Ingress', 'Service'],
  severity: Severity.WARNING,
  summary: 'an Ingress backend names a Service of the checked set, or one declared outside it',
  prevents: 'a route that answers 503 until its Service exists',
}, (set, _, add) => ingressServiceBackends(set, (s, field, svc, target, outside) => {
  if (target !== undefined || outside) return;
  add(s.ref, missingService(`${field}.service.name`, svc.name, namespaceOf(s.manifest), 'the controller answers 503'));
}));

export const ingressBackendPort = defineAppRule({
  id: 'ingress-backend-port',
  kinds: ['Ingress', 'Service'],
  summary: 'an Ingress backend port is a port of its Service',
  prevents: 'a route to a port the Service does not have: the controller has no endpoints for it and answers 503',
}, (set, ctx, add) => ingressServiceBackends(set, (s, field, svc, target) => {
  const portRef = obj(svc.port).name ?? obj(svc.port).number;
  if (target === undefined || portRef === undefined || portRef === null || portRef === '' || portRef === 0) return;
  const ports = set.servicePorts(target);
  for (const i of checkServicePortRef(`${field}.service.port`, text(svc.name), portRef, ports, ` (${ctx.describe(target.ref)})`)) add(s.ref, i);
}));

/*
 * Gateway API wiring: HTTPRoutes attach to Gateways (parentRefs) and route to Services
 * (backendRefs), across namespaces only with a ReferenceGrant.
 */

type PlainMap = { readonly [key: string]: any };

/** A listener as the attachment checks read it. */
export interface ListenerView {
  readonly name?: unknown;
  readonly protocol?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  /** allowedRoutes.namespaces.from: Same (default), All or Selector. */
  readonly from?: unknown;
}

/** The listeners of a Gateway manifest as the attachment checks read them. */
export function listenerViews(gateway: unknown): ListenerView[] {
  return list(obj(obj(gateway).spec).listeners).map(obj).map(l => ({
    name: l.name,
    protocol: l.protocol,
    port: l.port,
    hostname: l.hostname,
    from: obj(obj(obj(l.allowedRoutes).namespaces)).from,
  }));
}

/** The parentRefs of an HTTPRoute that name a Gateway, with the Gateway's namespace. */
export function gatewayParentRefs(route: unknown): Array<{ readonly ref: PlainMap; readonly field: string; readonly namespace: string }> {
  const ns = namespaceOf(route);
  return list(obj(obj(route).spec).parentRefs).map(obj).map((ref, i) => ({ ref, field: `spec.parentRefs[${i}]`, namespace: typeof ref.namespace === 'string' ? ref.namespace : ns }))
    .filter(p => (p.ref.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && (p.ref.kind ?? 'Gateway') === 'Gateway' && typeof p.ref.name === 'string');
}

/** Which check an attachment issue belongs to. */
export type AttachmentCheck = 'section' | 'namespace' | 'hostname';

/**
 * Whether a route attaches to a Gateway's listeners through one parentRef: the sectionName
 * (and port) names a listener, a listener admits the route's namespace, and the route's
 * hostnames intersect a listener's. Pure: constructs run it on the listeners a
 * `Gateway.fromName` reference declares, the app rules on Gateways of the set.
 */
export function attachmentIssues(route: unknown, ref: PlainMap, field: string, gatewayNs: string, gatewayName: string,
  listeners: readonly ListenerView[]): Array<{ check: AttachmentCheck; issue: Issue }> {
  const out: Array<{ check: AttachmentCheck; issue: Issue }> = [];
  const routeNs = namespaceOf(route);
  const gw = `Gateway ${gatewayNs}/${gatewayName}`;
  let candidates = listeners.filter(l => l.protocol === 'HTTP' || l.protocol === 'HTTPS');
  if (ref.sectionName !== undefined) {
    candidates = candidates.filter(l => l.name === ref.sectionName);
    if (candidates.length === 0) {
      const names = listeners.map(l => `${l.name} (${l.protocol})`).join(', ') || 'none';
      out.push({ check: 'section', issue: issue(`${field}.sectionName`, `${show(ref.sectionName)} names no HTTP or HTTPS listener of ${gw} (listeners: ${names}), so the route never attaches`, 'name one of its listeners, or leave sectionName out to attach to all') });
      return out;
    }
  }
  if (typeof ref.port === 'number') candidates = candidates.filter(l => l.port === ref.port);
  if (candidates.length === 0) return out;
  const admitted = candidates.filter(l => (l.from ?? 'Same') !== 'Same' || routeNs === gatewayNs);
  if (admitted.length === 0) {
    out.push({ check: 'namespace', issue: issue(field, `this route is in namespace ${show(routeNs)}, but the listeners of ${gw} admit routes of namespace ${show(gatewayNs)} only (allowedRoutes.namespaces.from: Same, the default), so the route never attaches`, 'set allowedRoutes to All (or Selector) on the listener, or move the route') });
    return out;
  }
  const hostnames = list(obj(obj(route).spec).hostnames).filter((h): h is string => typeof h === 'string');
  if (hostnames.length === 0) return out;
  const matched = admitted.some(l => typeof l.hostname !== 'string' || hostnames.some(h => hostnamesIntersect(l.hostname as string, h)));
  if (!matched) {
    const hosts = admitted.map(l => `${l.name}: ${l.hostname}`).join(', ');
    out.push({ check: 'hostname', issue: issue('spec.hostnames', `none of ${hostnames.map(h => show(h)).join(', ')} intersects a listener hostname of ${gw} (${hosts}), so the route never attaches there`, 'use a hostname the listener serves, or widen the listener hostname') });
  }
  return out;
}

function attachmentRule(check: AttachmentCheck, def: { id: string; summary: string; prevents: string }): RuleInfo {
  return defineAppRule({ kinds: ['HTTPRoute', 'Gateway'], ...def }, (set, _, add) => {
    const gateways = new Map<string, Subject<unknown>>();
    for (const g of set.gateways) gateways.set(key(namespaceOf(g.manifest), metadataOf(g.manifest).name), g);
    for (const r of set.httpRoutes) {
      for (const p of gatewayParentRefs(r.manifest)) {
        const g = gateways.get(key(p.namespace, p.ref.name));
        if (g === undefined) continue;
        for (const found of attachmentIssues(r.manifest, p.ref, p.field, p.namespace, p.ref.name, listenerViews(g.manifest))) {
          if (found.check === check) add(r.ref, found.issue);
        }
      }
    }
  });
}

export const httpRouteSectionName = attachmentRule('section', {
  id: 'httproute-section-name',
  summary: 'a parentRef sectionName names an HTTP or HTTPS listener of its Gateway',
  prevents: 'a route that never attaches: the Gateway reports Accepted=False (NoMatchingParent) and no traffic reaches it',
});

export const httpRouteNamespaceAllowed = attachmentRule('namespace', {
  id: 'httproute-namespace-allowed',
  summary: 'a route in another namespace than its Gateway attaches only to listeners whose allowedRoutes admit it',
  prevents: 'a route that never attaches: listeners admit routes of their own namespace by default (NotAllowedByListeners)',
});

export const httpRouteHostnameListener = attachmentRule('hostname', {
  id: 'httproute-hostname-listener',
  summary: 'a route\'s hostnames intersect a hostname of a listener it attaches to',
  prevents: 'a route that never attaches: no listener hostname intersects the route hostnames (NoMatchingListenerHostname)',
});

/** Every Service backendRef of the HTTPRoutes (rules and request mirrors), with its Service looked up. */
function routeServiceBackends<R>(set: ObjectSet<R>,
  each: (r: Subject<R>, field: string, ref: PlainMap, ns: string, target: Subject<R> | undefined, outside: boolean) => void): void {
  for (const r of set.httpRoutes) {
    const routeNs = namespaceOf(r.manifest);
    const outside = declaredOutside(r.manifest);
    for (const { rule, field } of routeRules(r.manifest)) {
      list(rule.backendRefs).map(obj).forEach((b, i) => {
        if ((b.group ?? '') !== '' || (b.kind ?? 'Service') !== 'Service' || typeof b.name !== 'string') return;
        const ns = typeof b.namespace === 'string' ? b.namespace : routeNs;
        each(r, `${field}.backendRefs[${i}]`, b, ns, set.service(ns, b.name), outside.has(b.name) || outside.has(`${ns}/${b.name}`));
      });
    }
  }
}

export const httpRouteBackendService = defineAppRule({
  id: 'httproute-backend-service',
  kinds: ['HTTPRoute', 'Service'],
  severity: Severity.WARNING,
  summary: 'an HTTPRoute backend names a Service of the checked set, or one declared outside it',
  prevents: 'a route that answers 500 until its Service exists (ResolvedRefs=False, BackendNotFound)',
}, (set, _, add) => routeServiceBackends(set, (r, field, b, ns, target, outside) => {
  if (target !== undefined || outside) return;
  add(r.ref, missingService(`${field}.name`, b.name, ns, 'the Gateway answers 500'));
}));

export const httpRouteBackendPort = defineAppRule({
  id: 'httproute-backend-port',
  kinds: ['HTTPRoute', 'Service'],
  summary: 'an HTTPRoute backend port is a port of its Service',
  prevents: 'a route to a port the Service does not have: no endpoints, the Gateway answers 500',
}, (set, ctx, add) => routeServiceBackends(set, (r, field, b, _ns, target) => {
  if (target === undefined || typeof b.port !== 'number') return;
  const ports = set.servicePorts(target);
  for (const i of checkServicePortRef(`${field}.port`, text(b.name), b.port, ports, ` (${ctx.describe(target.ref)})`)) add(r.ref, i);
}));

/** Whether a ReferenceGrant admits HTTPRoutes of a namespace to a Service by name. */
export function grants(grant: unknown, fromNs: string, serviceName: string): boolean {
  const spec = obj(obj(grant).spec);
  const from = list(spec.from).map(obj).some(f => f.group === GATEWAY_GROUP && f.kind === 'HTTPRoute' && f.namespace === fromNs);
  const to = list(spec.to).map(obj).some(t => (t.group ?? '') === '' && t.kind === 'Service' && (t.name === undefined || t.name === '' || t.name === serviceName));
  return from && to;
}

export const httpRouteReferenceGrant = defineAppRule({
  id: 'httproute-reference-grant',
  kinds: ['HTTPRoute', 'ReferenceGrant'],
  summary: 'a backend in another namespace is admitted by a ReferenceGrant in the backend\'s namespace',
  prevents: 'a backend the Gateway refuses to resolve: without a ReferenceGrant the route gets ResolvedRefs=False (RefNotPermitted) and answers 500',
}, (set, _, add) => {
  const byNs = new Map<string, unknown[]>();
  for (const g of set.referenceGrants) {
    const ns = namespaceOf(g.manifest);
    const found = byNs.get(ns);
    if (found) found.push(g.manifest); else byNs.set(ns, [g.manifest]);
  }
  routeServiceBackends(set, (r, field, b, ns, _target, outside) => {
    const routeNs = namespaceOf(r.manifest);
    // a Service declared outside the set (`namespace/name` in the annotation): so is its ReferenceGrant
    if (ns === routeNs || outside) return;
    if ((byNs.get(ns) ?? []).some(g => grants(g, routeNs, b.name))) return;
    add(r.ref, issue(`${field}.namespace`, `the backend Service ${show(b.name)} is in namespace ${show(ns)}, but this route is in ${show(routeNs)}, and no ReferenceGrant in ${show(ns)} admits HTTPRoutes of ${show(routeNs)}; the Gateway refuses the reference (RefNotPermitted)`,
      `add a ReferenceGrant in ${show(ns)} from { group: ${GATEWAY_GROUP}, kind: HTTPRoute, namespace: ${routeNs} } to { group: "", kind: Service }`));
  });
});

/** The match of a route rule as a comparable key: path type and value, method, headers (sorted, names folded). */
function matchKey(match: PlainMap): string {
  const path = matchPath(match);
  const headers = list(match.headers).map(obj).map(h => `${text(h.name).toLowerCase()}=${text(h.type ?? 'Exact')}:${text(h.value)}`).sort();
  const query = list(match.queryParams).map(obj).map(q => `${q.name}=${q.type ?? 'Exact'}:${q.value}`).sort();
  return key(path.type, path.value, match.method ?? '', headers.join('&'), query.join('&'));
}

export const httpRouteConflict = defineAppRule({
  id: 'httproute-conflict',
  kinds: ['HTTPRoute', 'Gateway'],
  summary: 'two HTTPRoutes on one Gateway do not claim the same hostname and match',
  prevents: 'a route that silently loses: the oldest route by creation time wins, which depends on apply order',
}, (set, ctx, add) => {
  const claimed = new Map<string, { ref: unknown; field: string }>();
  for (const r of set.httpRoutes) {
    const hostnames = list(obj(obj(r.manifest).spec).hostnames).filter(h => typeof h === 'string');
    const hosts = hostnames.length ? hostnames : ['*'];
    const here = new Set<string>();
    for (const p of gatewayParentRefs(r.manifest)) {
      const gw = key(p.namespace, p.ref.name, p.ref.sectionName ?? '');
      for (const { rule, field } of routeRules(r.manifest)) {
        for (const m of ruleMatches(rule, field)) {
          for (const host of hosts) {
            const k = key(gw, host, matchKey(m.match));
            if (here.has(k)) continue;
            here.add(k);
            const first = seenBefore(claimed, k, { ref: r.ref, field: m.field });
            if (first === undefined || first.ref === r.ref) continue;
            const path = matchPath(m.match);
            add(r.ref, issue(m.field, `host ${show(host)} ${path.type} ${show(path.value)}${m.match.method ? ` ${m.match.method}` : ''} on Gateway ${p.namespace}/${p.ref.name} is already claimed by ${ctx.describe(first.ref as typeof r.ref)} at ${first.field}; the oldest route wins, which depends on apply order`, 'route each hostname and match once per Gateway'));
          }
        }
      }
    }
  }
});
