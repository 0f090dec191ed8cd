import { Violation } from './finding';
import { containersOf, kindDefinition, podLabelsOf } from './kinds';
import { metadataOf, namespaceOf } from './object';
import { Plain, key, list, obj, sameObject, text } from './plain';
import { protocolOf } from './defaults';

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
}

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
  /** By kind, then namespace and name: the one object, or null when two different objects share the name. */
  private readonly nameIndexes = new Map<string, Map<string, Subject<R> | null>>();

  constructor(subjects: Iterable<Subject<R>>) {
    for (const s of subjects) {
      const found = this.byKind.get(s.kind);
      if (found) found.push(s); else this.byKind.set(s.kind, [s]);
      if (kindDefinition(s.kind)?.pods !== undefined) this.addWorkload(s);
    }
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
    const ns = namespaceOf(w.manifest);
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

  /** The workloads whose pod labels the selector selects, without a scan. */
  public select(ns: string, selector: unknown): Array<Subject<R>> {
    let smallest: Array<Subject<R>> | undefined;
    for (const [k, v] of Object.entries(obj(selector))) {
      const found = this.byLabel.get(key(ns, k, v));
      if (!found) return [];
      if (!smallest || found.length < smallest.length) smallest = found;
    }
    return (smallest ?? []).filter(w => selects(selector, podLabelsOf(w.kind, w.manifest)));
  }

  /** The container ports of a workload, indexed. */
  public ports(w: Subject<R>): PortIndex {
    let index = this.portIndexes.get(w);
    if (!index) {
      const byName = new Map<string, DeclaredPort[]>();
      const byNumber = new Map<string, DeclaredPort>();
      const all: DeclaredPort[] = [];
      for (const c of containersOf(w.kind, w.manifest)) {
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
        const k = key(namespaceOf(s.manifest), metadataOf(s.manifest).name);
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
