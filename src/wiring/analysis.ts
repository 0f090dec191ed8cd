import { checkServicePortRef } from '../rules/ingress';
import { IngressManifest, PlainContainer, PlainIngressBackend, ServiceManifest, WorkloadManifest, namespaceOf, protocolOf } from '../rules/manifest';
import { Severity, Violation, err, seenBefore, show, warn } from '../rules/violation';

/*
 * The checks that need more than one object: they run once over a set of objects, in time
 * linear in their number. The constructs run them over what the App defines; the manifest
 * linter runs them over parsed YAML. `R` is how a caller names an object: a construct, or
 * a file position.
 */

/** An object under analysis, with the caller's reference to it. */
export interface Subject<R, M> {
  readonly ref: R;
  readonly manifest: M;
}

/** A finding of an App-wide check, attached to one object. */
export interface Finding<R> extends Violation {
  readonly ref: R;
}

export interface WiringInput<R> {
  readonly services: ReadonlyArray<Subject<R, ServiceManifest>>;
  readonly workloads: ReadonlyArray<Subject<R, WorkloadManifest>>;
  readonly ingresses: ReadonlyArray<Subject<R, IngressManifest>>;
}

export interface WiringOptions<R> {
  /** How to name another object in a message, e.g. `[app/chart/web]`. */
  readonly describe: (ref: R) => string;
  /** The severity of a Service selector that matches no workload, per Service. */
  readonly danglingSelectors: (ref: R) => Severity;
  /** Report dangling selectors only in namespaces that define at least one workload. */
  readonly danglingOnlyWhereWorkloads: boolean;
  /** Check Ingress backends against the Services of the set (the constructs check their own). */
  readonly checkBackends: boolean;
}

/** Whether a selector (non-empty) is a subset of the labels. */
export function selects(selector: { [k: string]: any } | undefined, labels: { [k: string]: any } | undefined): boolean {
  if (selector === undefined) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0 || labels === undefined) return false;
  return keys.every(k => labels[k] === selector[k]);
}

/** An index of pod templates by namespace and label, so a selector finds its workloads without a scan. */
export class WorkloadIndex<R> {
  private readonly byLabel = new Map<string, Array<Subject<R, WorkloadManifest>>>();
  private readonly namespaces = new Set<string>();

  constructor(workloads: ReadonlyArray<Subject<R, WorkloadManifest>>) {
    for (const w of workloads) {
      const ns = namespaceOf(w.manifest);
      this.namespaces.add(ns);
      const labels = w.manifest.spec?.template?.metadata?.labels ?? {};
      for (const [k, v] of Object.entries(labels)) {
        const key = `${ns}\u0000${k}\u0000${v}`;
        const list = this.byLabel.get(key);
        if (list) list.push(w); else this.byLabel.set(key, [w]);
      }
    }
  }

  hasWorkloads(ns: string): boolean {
    return this.namespaces.has(ns);
  }

  /** The workloads whose pod template labels the selector selects. */
  select(ns: string, selector: { [k: string]: any }): Array<Subject<R, WorkloadManifest>> {
    let smallest: Array<Subject<R, WorkloadManifest>> | undefined;
    for (const [k, v] of Object.entries(selector)) {
      const list = this.byLabel.get(`${ns}\u0000${k}\u0000${v}`);
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return (smallest ?? []).filter(w => selects(selector, w.manifest.spec?.template?.metadata?.labels));
  }
}

function containersOf(w: WorkloadManifest): PlainContainer[] {
  return w.spec?.template?.spec?.containers ?? [];
}

/** Runs every check across objects. Linear in the number of objects (and their ports and paths). */
export function analyzeWiring<R>(input: WiringInput<R>, options: WiringOptions<R>): Array<Finding<R>> {
  const out: Array<Finding<R>> = [];
  const add = (ref: R, v: Violation) => out.push({ ref, ...v });
  let svcIndex: Map<string, Subject<R, ServiceManifest>> | undefined;
  const d = options.describe;

  // same kind, namespace and name twice
  for (const [kind, list] of [['Service', input.services], ['Deployment', input.workloads], ['Ingress', input.ingresses]] as const) {
    const seen = new Map<string, R>();
    for (const s of list as ReadonlyArray<Subject<R, { kind?: any; metadata?: any }>>) {
      const name = s.manifest.metadata?.name;
      if (typeof name !== 'string') continue;
      const k = `${s.manifest.kind ?? kind}\u0000${namespaceOf(s.manifest)}\u0000${name}`;
      const first = seenBefore(seen, k, s.ref);
      if (first !== undefined) {
        add(s.ref, err('metadata.name', `${s.manifest.kind ?? kind} ${show(name)} in namespace ${show(namespaceOf(s.manifest))} is already defined by ${d(first)}; names are unique per namespace, rename one of them`));
      }
    }
  }

  // one nodePort space per cluster
  const nodePorts = new Map<string, R>();
  for (const s of input.services) {
    const type = s.manifest.spec?.type;
    if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
    const seenHere = new Set<string>();
    (s.manifest.spec?.ports ?? []).forEach((p, i) => {
      if (typeof p.nodePort !== 'number') return;
      const key = `${p.nodePort}/${protocolOf(p)}`;
      if (seenHere.has(key)) return; // a duplicate within one Service is the Service rule's finding
      seenHere.add(key);
      const first = seenBefore(nodePorts, key, s.ref);
      if (first !== undefined) {
        add(s.ref, err(`spec.ports[${i}].nodePort`, `${p.nodePort} is already used by ${d(first)} (NodePort services share one port space per cluster; the API server refuses the second with "provided port is already allocated"); choose another nodePort or leave it unset`));
      }
    });
  }

  // selectors, named and numbered targetPorts
  const index = new WorkloadIndex(input.workloads);
  for (const s of input.services) {
    const spec = s.manifest.spec;
    if (!spec || spec.type === 'ExternalName') continue;
    const selector = spec.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    const ns = namespaceOf(s.manifest);
    const selected = index.select(ns, selector);
    if (selected.length === 0) {
      if (!options.danglingOnlyWhereWorkloads || index.hasWorkloads(ns)) {
        const sel = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
        const v = `selector ${sel} matches no pods of any workload in namespace ${show(ns)}, so the Service has no endpoints; select a workload's pod labels (or use target), or ignore this if the pods are deployed by other means`;
        add(s.ref, options.danglingSelectors(s.ref) === Severity.ERROR ? err('spec.selector', v) : warn('spec.selector', v));
      }
      continue;
    }
    (spec.ports ?? []).forEach((p, i) => {
      const target = p.targetPort ?? p.port;
      const protocol = protocolOf(p);
      const f = `spec.ports[${i}].targetPort`;
      for (const w of selected) {
        const ports = containersOf(w.manifest).flatMap(c => c.ports ?? []);
        if (typeof target === 'string') {
          const named = ports.filter(cp => cp.name === target);
          if (named.length === 0) {
            const names = ports.filter(cp => cp.name).map(cp => `${cp.name} (${cp.containerPort}/${protocolOf(cp)})`);
            add(s.ref, err(f, `${show(target)} names no container port of ${d(w.ref)} (declared: ${names.length ? names.join(', ') : 'no named ports'}); the endpoints controller would leave these pods out; use a declared port name or a number`));
          } else if (!named.some(cp => protocolOf(cp) === protocol)) {
            add(s.ref, err(f, `${show(target)} is declared by ${d(w.ref)} with protocol ${protocolOf(named[0])}, but this port is ${protocol}; the endpoints controller matches name and protocol, so set the same protocol on both`));
          }
        } else if (typeof target === 'number' && !ports.some(cp => cp.containerPort === target && protocolOf(cp) === protocol)) {
          add(s.ref, warn(f, `${target}/${protocol} is not declared by any container of ${d(w.ref)}; Kubernetes allows it, but check the container listens on ${target}, or declare the port`));
        }
      }
    });
  }

  // host + path + pathType, across Ingresses and within one
  const routes = new Map<string, { ref: R; field: string }>();
  for (const s of input.ingresses) {
    const ns = namespaceOf(s.manifest);
    (s.manifest.spec?.rules ?? []).forEach((rule, i) => {
      (rule.http?.paths ?? []).forEach((p, j) => {
        const field = `spec.rules[${i}].http.paths[${j}]`;
        const key = `${rule.host ?? '*'}\u0000${p.path ?? ''}\u0000${p.pathType}`;
        const first = seenBefore(routes, key, { ref: s.ref, field });
        if (first !== undefined) {
          const where = first.ref === s.ref ? `${first.field} of this Ingress` : `${d(first.ref)} at ${first.field}`;
          add(s.ref, err(field, `host ${show(rule.host ?? '*')} path ${show(p.path ?? '')} (${p.pathType}) is already claimed by ${where}; controllers resolve this silently and differently, so route each host and path once`));
        }
        if (options.checkBackends) checkBackendTarget(s.ref, ns, `${field}.backend`, p.backend, serviceIndex(), add, d);
      });
    });
    if (options.checkBackends && s.manifest.spec?.defaultBackend) {
      checkBackendTarget(s.ref, ns, 'spec.defaultBackend', s.manifest.spec.defaultBackend, serviceIndex(), add, d);
    }
  }
  return out;

  function serviceIndex(): Map<string, Subject<R, ServiceManifest>> {
    if (!svcIndex) {
      svcIndex = new Map();
      for (const s of input.services) svcIndex.set(`${namespaceOf(s.manifest)}\u0000${s.manifest.metadata?.name}`, s);
    }
    return svcIndex;
  }
}
function checkBackendTarget<R>(ref: R, ns: string, field: string, backend: PlainIngressBackend | undefined,
  services: Map<string, Subject<R, ServiceManifest>>, add: (ref: R, v: Violation) => void, d: (r: R) => string) {
  const svc = backend?.service;
  if (!svc || typeof svc.name !== 'string') return;
  const target = services.get(`${ns}\u0000${svc.name}`);
  if (!target) {
    add(ref, warn(`${field}.service.name`, `${show(svc.name)} is not a Service in namespace ${show(ns)} of the checked manifests; the controller answers 503 until it exists: check the name, or ignore this if the Service is deployed elsewhere`));
    return;
  }
  const portRef = svc.port?.name ?? svc.port?.number;
  if (portRef === undefined) return;
  for (const v of checkServicePortRef(`${field}.service.port`, svc.name, portRef, target.manifest.spec?.ports ?? [], ` (${d(target.ref)})`)) add(ref, v);
}
