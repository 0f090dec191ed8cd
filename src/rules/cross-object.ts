import { RuleInfo, appRule } from './define';
import { checkServicePortRef, ingressBackends, ingressRules, rulePaths } from './ingress';
import { metadataOf } from './metadata';
import { list, obj, Plain } from './names';
import { hasNodePorts, protocolOf } from './service';
import { Issue, Severity, Violation, issue, key, seenBefore, show, text, warning } from './violation';
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
  readonly byName: ReadonlyMap<string, Array<Plain>>;
  readonly byNumber: ReadonlySet<string>;
  readonly all: Array<{ readonly port: Plain; readonly container: string }>;
}

/** The objects under analysis, by kind, with the indexes the rules share. */
export class ObjectSet<R> {
  /** The Services, workloads (Deployments, StatefulSets, DaemonSets, Pods) and Ingresses. */
  public readonly services: Array<Subject<R>> = [];
  public readonly workloads: Array<Subject<R>> = [];
  public readonly ingresses: Array<Subject<R>> = [];
  private readonly byLabel = new Map<string, Array<Subject<R>>>();
  private readonly namespaces = new Set<string>();
  private readonly portIndexes = new Map<Subject<R>, PortIndex>();
  private serviceIndex?: Map<string, Subject<R>>;

  constructor(subjects: Iterable<Subject<R>>) {
    for (const s of subjects) {
      if (s.kind === 'Service') this.services.push(s);
      else if (s.kind === 'Ingress') this.ingresses.push(s);
      else if (s.kind === 'Pod' || WORKLOAD_KINDS.includes(s.kind)) this.addWorkload(s);
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
      const byName = new Map<string, Array<Plain>>();
      const byNumber = new Set<string>();
      const all: PortIndex['all'] = [];
      for (const c of containersOf(w)) {
        for (const p of list(c.ports).map(obj)) {
          all.push({ port: p, container: text(c.name) });
          byNumber.add(key(p.containerPort, protocolOf(p)));
          if (typeof p.name === 'string') {
            const named = byName.get(p.name);
            if (named) named.push(p); else byName.set(p.name, [p]);
          }
        }
      }
      index = { byName, byNumber, all };
      this.portIndexes.set(w, index);
    }
    return index;
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
  summary: 'no two Services claim one nodePort and protocol',
  prevents: 'apply of the second Service: "provided port is already allocated" (NodePort Services share one port space per cluster)',
}, (set, ctx, add) => {
  const claimed = new Map<string, unknown>();
  for (const s of set.services) {
    const spec = obj(obj(s.manifest).spec);
    if (!hasNodePorts(spec.type)) continue;
    const here = new Set<string>();
    list(spec.ports).map(obj).forEach((p, i) => {
      if (typeof p.nodePort !== 'number' || p.nodePort === 0) return;
      const k = key(p.nodePort, protocolOf(p));
      if (here.has(k)) return; // a duplicate within one Service is service-node-port-unique's
      here.add(k);
      const first = seenBefore(claimed, k, s.ref);
      if (first !== undefined) {
        add(s.ref, issue(`spec.ports[${i}].nodePort`, `${p.nodePort} is already used by ${ctx.describe(first as typeof s.ref)} (NodePort services share one port space per cluster; the API server refuses the second with "provided port is already allocated")`, 'choose another nodePort or leave it unset'));
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

export const serviceTargetPortName = defineAppRule({
  id: 'service-target-port-name',
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  summary: 'a named targetPort names a container port, of the same protocol, of every selected workload',
  prevents: 'pods silently left out of the endpoints: the endpoints controller needs a container port of that name and protocol',
}, (set, ctx, add) => {
  for (const { s, spec, ns } of selectingServices(set)) {
    const selected = set.select(ns, spec.selector);
    list(spec.ports).map(obj).forEach((p, i) => {
      const target = p.targetPort ?? p.port;
      if (typeof target !== 'string' || target === '') return;
      const protocol = protocolOf(p);
      for (const w of selected) {
        const index = set.ports(w);
        const named = index.byName.get(target) ?? [];
        const f = `spec.ports[${i}].targetPort`;
        if (named.length === 0) {
          const names = index.all.filter(x => typeof x.port.name === 'string').map(x => `${x.port.name} (${x.port.containerPort}/${protocolOf(x.port)})`);
          add(s.ref, issue(f, `${show(target)} names no container port of ${ctx.describe(w.ref)} (declared: ${names.length ? names.join(', ') : 'no named ports'}); the endpoints controller would leave these pods out`, 'use a declared port name, or a number'));
        } else if (!named.some(cp => protocolOf(cp) === protocol)) {
          add(s.ref, issue(f, `${show(target)} is declared by ${ctx.describe(w.ref)} with protocol ${protocolOf(named[0])}, but this port is ${protocol}; the endpoints controller matches name and protocol`, 'set the same protocol on both'));
        }
      }
    });
  }
});

export const serviceTargetPortUndeclared = defineAppRule({
  id: 'service-target-port-undeclared',
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  severity: Severity.WARNING,
  summary: 'a numeric targetPort is declared by a container of every selected workload',
  prevents: 'traffic sent to a port nothing listens on: Kubernetes forwards to any number, declared or not',
}, (set, ctx, add) => {
  for (const { s, spec, ns } of selectingServices(set)) {
    const selected = set.select(ns, spec.selector);
    list(spec.ports).map(obj).forEach((p, i) => {
      const target = p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 ? p.port : p.targetPort;
      if (typeof target !== 'number') return;
      const protocol = protocolOf(p);
      for (const w of selected) {
        if (set.ports(w).byNumber.has(key(target, protocol))) continue;
        add(s.ref, warning(`spec.ports[${i}].targetPort`, `${target}/${protocol} is not declared by any container of ${ctx.describe(w.ref)}; Kubernetes allows it, but nothing may listen there`, `check the container listens on ${target}, or declare the port`));
      }
    });
  }
});

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

export const ingressBackendService = defineAppRule({
  id: 'ingress-backend-service',
  kinds: ['Ingress', 'Service'],
  severity: Severity.WARNING,
  summary: 'an Ingress backend names a Service of the checked set, or one declared outside it',
  prevents: 'a route that answers 503 until its Service exists',
}, (set, _, add) => ingressServiceBackends(set, (s, field, svc, target, outside) => {
  if (target !== undefined || outside) return;
  add(s.ref, issue(`${field}.service.name`, `${show(svc.name)} is not a Service in namespace ${show(namespaceOf(s.manifest))} of the checked manifests; the controller answers 503 until it exists`,
    `check the name; if the Service is deployed elsewhere, list it in the annotation ${EXTERNAL_SERVICES_ANNOTATION}`));
}));

export const ingressBackendPort = defineAppRule({
  id: 'ingress-backend-port',
  kinds: ['Ingress', 'Service'],
  summary: 'an Ingress backend port is a port of its Service',
  prevents: 'a route to a port the Service does not have: the controller has no endpoints for it and answers 503',
}, (set, ctx, add) => ingressServiceBackends(set, (s, field, svc, target) => {
  const portRef = obj(svc.port).name ?? obj(svc.port).number;
  if (target === undefined || portRef === undefined || portRef === null || portRef === '' || portRef === 0) return;
  const ports = list(obj(obj(target.manifest).spec).ports).map(obj);
  for (const i of checkServicePortRef(`${field}.service.port`, text(svc.name), portRef, ports, ` (${ctx.describe(target.ref)})`)) add(s.ref, i);
}));
