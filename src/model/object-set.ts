import { protocolOf } from './defaults';
import { Violation, Issue } from './finding';
import { containersOf, kindDefinition, podLabelsOf, podSpecOf } from './kinds';
import { metadataOf, namespaceOf, DEFAULT_NAMESPACE } from './object';
import { Plain, key, list, obj, sameObject, text } from './plain';

/*
 * The objects under analysis, bucketed by kind, with the indexes the app rules share. The
 * constructs build one over what the App defines, the manifest checker over parsed YAML.
 * `R` is how a caller names an object: a construct, or a file position.
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
  /** The other objects a finding between several concerns (a conflict), besides `ref`. */
  readonly parties?: readonly R[];
}

/** @internal how an app rule adds a finding: to one object, with the other parties of a conflict */
export type AddFinding<R> = (ref: R, issue: Issue, parties?: readonly R[]) => void;

/** What several parties claim: a route, a match; `what` says it in a message. */
export interface Claim<R> {
  readonly what: string;
  readonly parties: Array<Party<R>>;
}

/** Records that a party claims something, under a key that says when two claims are the same. */
export function claim<R>(claims: Map<string, Claim<R>>, k: string, what: string, party: Party<R>): void {
  const found = claims.get(k);
  if (found) found.parties.push(party); else claims.set(k, { what, parties: [party] });
}

/**
 * Reports each thing claimed by more than one party once: on the party that sorts last, naming
 * every other, with all of them as the finding's parties.
 */
export function reportClaims<R>(set: ObjectSet<R>, claims: ReadonlyMap<string, Claim<R>>, ctx: AppContext<R>, add: AddFinding<R>,
  report: (field: string, what: string, others: string) => Issue): void {
  for (const { what, parties } of claims.values()) {
    if (parties.length < 2) continue;
    const owner = lastParty(parties, s => set.namespaceOf(s));
    const others = parties.filter(p => p !== owner)
      .map(p => (p.subject === owner.subject ? `${p.field} of this object` : `${ctx.describe(p.subject.ref)} at ${p.field}`)).join(', ');
    add(owner.subject.ref, report(owner.field, what, others), [...new Set(parties.map(p => p.subject.ref))]);
  }
}

/** One party of a finding between several objects, and its field. */
export interface Party<R> {
  readonly subject: Subject<R>;
  readonly field: string;
}

/**
 * The party a finding between several objects is attached to: the one that sorts last by kind,
 * namespace and name (then field), so that the verdict never depends on the order of the files.
 */
export function lastParty<R>(parties: ReadonlyArray<Party<R>>, namespaceIn: (s: Subject<R>) => string): Party<R> {
  const sortKey = (p: Party<R>) => [p.subject.kind, namespaceIn(p.subject), text(metadataOf(p.subject.manifest).name ?? ''), p.field];
  return [...parties].sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  })[parties.length - 1];
}

/**
 * Labels that controllers add to the pods they create, which the pod template does not carry:
 * whether a value can be on a pod of a workload of a kind and name.
 */
const CONTROLLER_LABELS: { readonly [label: string]: (kind: string, name: string, value: unknown) => boolean } = {
  // the StatefulSet controller: <name>-<ordinal>, the ordinal, the revision
  'statefulset.kubernetes.io/pod-name': (kind, name, v) => kind === 'StatefulSet' && typeof v === 'string' && v.startsWith(`${name}-`) && /^\d+$/.test(v.slice(name.length + 1)),
  'apps.kubernetes.io/pod-index': (kind, _, v) => kind === 'StatefulSet' && typeof v === 'string' && /^\d+$/.test(v),
  // StatefulSets and DaemonSets label their pods with their ControllerRevision's hash
  'controller-revision-hash': kind => kind === 'StatefulSet' || kind === 'DaemonSet',
  // the Deployment controller labels the pods of each ReplicaSet with its template hash
  'pod-template-hash': kind => kind === 'Deployment',
};

/** Whether a selector (non-empty) is a subset of the labels. */
export function selects(selector: unknown, labels: unknown): boolean {
  const sel = obj(selector);
  const keys = Object.keys(sel);
  if (keys.length === 0) return false;
  const l = obj(labels);
  return keys.every(k => l[k] === sel[k]);
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
  /** Every object that runs pods (a kind registered with a pod view): Deployments, StatefulSets, DaemonSets, Pods. */
  public readonly workloads: Array<Subject<R>> = [];
  private readonly byKind = new Map<string, Array<Subject<R>>>();
  private readonly byLabel = new Map<string, Array<Subject<R>>>();
  private readonly namespaces = new Set<string>();
  private readonly portIndexes = new Map<Subject<R>, PortIndex>();
  private readonly servicePortLists = new Map<Subject<R>, Plain[]>();
  /** What each selector object selected, and in which namespace. */
  private readonly selections = new Map<object, { readonly ns: string; readonly selected: ReadonlyArray<Subject<R>> }>();
  /** By kind, then namespace and name: the one object, or null when two different objects share the name. */
  private readonly nameIndexes = new Map<string, Map<string, Subject<R> | null>>();

  /**
   * @param subjects the objects
   * @param defaultNamespace the namespace objects without one are applied into
   */
  constructor(subjects: Iterable<Subject<R>>, public readonly defaultNamespace: string = DEFAULT_NAMESPACE) {
    for (const s of subjects) {
      const found = this.byKind.get(s.kind);
      if (found) found.push(s); else this.byKind.set(s.kind, [s]);
      if (kindDefinition(s.kind)?.pods !== undefined) this.addWorkload(s);
    }
  }

  /** The namespace of an object of the set: its own, or the one it is applied into. */
  public namespaceOf(s: { readonly manifest: unknown }): string {
    return namespaceOf(s.manifest, this.defaultNamespace);
  }

  /** The objects of a kind, in input order. */
  public ofKind(kind: string): ReadonlyArray<Subject<R>> {
    return this.byKind.get(kind) ?? [];
  }

  /** The Services. */
  public get services(): ReadonlyArray<Subject<R>> {
    return this.ofKind('Service');
  }

  /** Every object of the set, in input order by kind. */
  public all(): Array<Subject<R>> {
    return [...this.byKind.values()].flat();
  }

  private addWorkload(w: Subject<R>): void {
    this.workloads.push(w);
    const ns = this.namespaceOf(w);
    this.namespaces.add(ns);
    for (const [k, v] of Object.entries(podLabelsOf(w.kind, w.manifest))) {
      const id = key(ns, k, v);
      const found = this.byLabel.get(id);
      if (found) found.push(w); else this.byLabel.set(id, [w]);
    }
  }

  /** Whether a namespace has workloads in the set. */
  public hasWorkloads(ns: string): boolean {
    return this.namespaces.has(ns);
  }

  /**
   * The workloads whose pods the selector selects, without a scan. A label a controller adds to
   * the pods it creates (CONTROLLER_LABELS) matches the pods of a workload of that controller's
   * kind, since the template does not carry it.
   */
  public select(ns: string, selector: unknown): ReadonlyArray<Subject<R>> {
    // several rules and the access map ask for the same Service's selection: the answer is kept per selector object
    const cacheable = selector !== null && typeof selector === 'object';
    if (cacheable) {
      const known = this.selections.get(selector);
      if (known !== undefined && known.ns === ns) return known.selected;
    }
    const selected = this.selectOnce(ns, selector);
    if (cacheable) this.selections.set(selector, { ns, selected });
    return selected;
  }

  private selectOnce(ns: string, selector: unknown): ReadonlyArray<Subject<R>> {
    const own: { [label: string]: unknown } = {};
    const added: Array<[string, unknown]> = [];
    for (const [k, v] of Object.entries(obj(selector))) {
      if (CONTROLLER_LABELS[k] !== undefined) added.push([k, v]); else own[k] = v;
    }
    let smallest: Array<Subject<R>> | undefined;
    for (const [k, v] of Object.entries(own)) {
      const found = this.byLabel.get(key(ns, k, v));
      if (!found) return [];
      if (!smallest || found.length < smallest.length) smallest = found;
    }
    const candidates = smallest ?? (added.length > 0 ? this.workloads.filter(w => this.namespaceOf(w) === ns) : []);
    return candidates.filter(w => {
      const labels = obj(podLabelsOf(w.kind, w.manifest));
      return (Object.keys(own).length === 0 || selects(own, labels))
        && added.every(([k, v]) => labels[k] === v || CONTROLLER_LABELS[k](w.kind, text(metadataOf(w.manifest).name), v));
    });
  }

  /** The container ports of a workload, indexed. */
  public ports(w: Subject<R>): PortIndex {
    let index = this.portIndexes.get(w);
    if (!index) {
      const byName = new Map<string, DeclaredPort[]>();
      const byNumber = new Map<string, DeclaredPort>();
      const all: DeclaredPort[] = [];
      // a native sidecar (an init container with restartPolicy Always) runs beside the containers:
      // the endpoints controller's FindPort counts its ports as the pod's
      const sidecars = list(podSpecOf(w.kind, w.manifest).initContainers).map(obj).filter(c => c.restartPolicy === 'Always');
      for (const c of [...containersOf(w.kind, w.manifest), ...sidecars]) {
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

  /** The Service of a namespace and name in the set (see `named`). */
  public service(ns: string, name: unknown): Subject<R> | undefined {
    return this.named('Service', ns, name);
  }

  /**
   * The object of a kind, namespace and name. Undefined when there is none, and when two
   * different objects share the name: object-name-unique reports them, and the wiring is
   * checked against neither rather than against whichever came last. Byte-identical
   * objects are one object.
   */
  public named(kind: string, ns: string, name: unknown): Subject<R> | undefined {
    return this.nameIndex(kind).get(key(ns, name)) ?? undefined;
  }

  /** Whether the set has an object of a kind, namespace and name (one, or several that clash). */
  public has(kind: string, ns: string, name: unknown): boolean {
    return this.nameIndex(kind).has(key(ns, name));
  }

  private nameIndex(kind: string): Map<string, Subject<R> | null> {
    let index = this.nameIndexes.get(kind);
    if (!index) {
      index = new Map();
      for (const s of this.ofKind(kind)) {
        const k = key(this.namespaceOf(s), metadataOf(s.manifest).name);
        const first = index.get(k);
        if (first === undefined) index.set(k, s);
        else if (first !== null && !sameObject(first.manifest, s.manifest)) index.set(k, null);
      }
      this.nameIndexes.set(kind, index);
    }
    return index;
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
  /**
   * Whether the object holds the Service a backend (by its field path) routes to, as a
   * construct does: it reports where that Service is wrong for it (another namespace), so
   * the Service is not also reported missing.
   *
   * @default - no object holds its Services (manifests)
   */
  readonly holdsService?: (ref: R, backendField: string) => boolean;
}
