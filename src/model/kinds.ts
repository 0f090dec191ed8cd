import { Plain, list, obj } from './plain';

/*
 * The kind registry: every kind the checker reads is registered once, by group, versions and
 * kind, beside its rules (`defineKind` at the top of its rules module). Everything that lists
 * kinds derives from it: which objects are checked, the object set's buckets, the kinds the
 * metadata rules cover, the CLI's "reads" note. An object is recognised by its apiVersion and
 * kind together: a `networking.istio.io/v1` Gateway or a `serving.knative.dev/v1` Service is
 * another API's object, and is not read.
 */

/** How the rules read the pods of a kind that runs them. */
export interface PodView {
  /** The pod spec: a Pod's `spec`, a workload's `spec.template.spec`. */
  readonly spec: (manifest: unknown) => Plain;
  /** The pod labels: a Pod's `metadata.labels`, a workload's `spec.template.metadata.labels`. */
  readonly labels: (manifest: unknown) => Plain;
}

/** A kind the checker reads. */
export interface KindDefinition {
  /** The kind, e.g. `Service`; unique among registered kinds. */
  readonly kind: string;
  /** The API group: `''` for core, `apps`, `networking.k8s.io`, `gateway.networking.k8s.io`. */
  readonly group: string;
  /** The versions the API serves, e.g. `['v1']`. */
  readonly versions: readonly string[];
  /**
   * Versions of this kind that Kubernetes served once and no longer does (`extensions/v1beta1`),
   * with the minor release that stopped serving them.
   */
  readonly unserved?: { readonly [apiVersion: string]: number };
  /**
   * Whether the group is defined by CRDs (the Gateway API), whose served versions depend on the
   * bundle installed: another version is then a warning, not an error.
   */
  readonly crd?: boolean;
  /**
   * For a CRD kind: the Gateway API bundle (minor of v1.x) that first serves a version, where a
   * bundle of the range lacks it (ReferenceGrant v1 is served from v1.5).
   */
  readonly bundleSince?: { readonly [version: string]: number };
  /** Whether the rules check objects of this kind (false: read only, e.g. for the access map). */
  readonly checked: boolean;
  /** How to read the pods of a kind that runs them. */
  readonly pods?: PodView;
}

const KINDS = new Map<string, KindDefinition>();

/** @internal Registers a kind; a module that defines rules of a kind registers it first. */
export function defineKind(def: KindDefinition): KindDefinition {
  if (KINDS.has(def.kind)) throw new Error(`kind ${def.kind} is registered twice`);
  KINDS.set(def.kind, def);
  return def;
}

/** @internal every registered kind */
export function registeredKinds(): readonly KindDefinition[] {
  return [...KINDS.values()];
}

/** @internal the kinds the rules check, sorted by name (whatever order their modules loaded in) */
export function checkedKinds(): string[] {
  return registeredKinds().filter(k => k.checked).map(k => k.kind).sort();
}

/** @internal the registered definition of a kind name, for objects a construct emits */
export function kindDefinition(kind: string): KindDefinition | undefined {
  return KINDS.get(kind);
}

/** The apiVersion of a kind at a version: `v1`, `apps/v1`. */
export function apiVersionOf(def: KindDefinition, version: string = def.versions[0]): string {
  return def.group === '' ? version : `${def.group}/${version}`;
}

/** How an object's apiVersion and kind were recognised. */
export type Recognition =
  /** a registered kind at a served version */
  | { readonly status: 'read'; readonly def: KindDefinition }
  /** a registered kind at a version the API does not serve (any more) */
  | { readonly status: 'unserved'; readonly def: KindDefinition; readonly apiVersion: string; readonly removedIn?: number }
  /** a registered kind's name with an apiVersion that is not a string */
  | { readonly status: 'bad-api-version'; readonly def: KindDefinition; readonly apiVersion: unknown }
  /** another API's object, or a kind the checker does not read */
  | { readonly status: 'not-read'; readonly kind: string; readonly apiVersion: string };

/**
 * @internal
 * Recognises an object by apiVersion and kind. An object whose kind is registered but whose
 * group is another API's (Istio's Gateway, Knative's Service) is not read.
 */
export function recognize(manifest: unknown): Recognition {
  const m = obj(manifest);
  const kind = typeof m.kind === 'string' ? m.kind : '';
  const def = KINDS.get(kind);
  const apiVersion = m.apiVersion;
  if (def !== undefined && typeof apiVersion !== 'string') return { status: 'bad-api-version', def, apiVersion };
  const av = typeof apiVersion === 'string' ? apiVersion : '';
  if (def === undefined) return { status: 'not-read', kind, apiVersion: av };
  const slash = av.lastIndexOf('/');
  const group = slash < 0 ? '' : av.slice(0, slash);
  const version = av.slice(slash + 1);
  if (group === def.group && def.versions.includes(version)) return { status: 'read', def };
  const removedIn = def.unserved?.[av];
  if (removedIn !== undefined) return { status: 'unserved', def, apiVersion: av, removedIn };
  if (group === def.group) return { status: 'unserved', def, apiVersion: av };
  return { status: 'not-read', kind, apiVersion: av };
}

/** @internal the pod spec of an object of a kind that runs pods, an empty map otherwise */
export function podSpecOf(kind: string, manifest: unknown): Plain {
  const view = KINDS.get(kind)?.pods;
  return view ? view.spec(manifest) : {};
}

/** @internal the pod labels of an object of a kind that runs pods, an empty map otherwise */
export function podLabelsOf(kind: string, manifest: unknown): Plain {
  const view = KINDS.get(kind)?.pods;
  return view ? view.labels(manifest) : {};
}

/** @internal the containers of an object of a kind that runs pods */
export function containersOf(kind: string, manifest: unknown): Plain[] {
  return list(podSpecOf(kind, manifest).containers).map(obj);
}

/** @internal the pods of a workload: its `spec.template` */
export const TEMPLATE_PODS: PodView = {
  spec: m => obj(obj(obj(obj(m).spec).template).spec),
  labels: m => obj(obj(obj(obj(obj(m).spec).template).metadata).labels),
};
