/**
 * One case transcribed from the Kubernetes API server's own validation tests (or, where a boundary
 * is not in a test table, from the validation code it exercises). Data only: no rule runs here.
 *
 * Field paths are written as paths into the manifest, not as upstream's internal paths:
 * - list items use `[i]`: `spec.ports[0].port`;
 * - map keys use `.key` when the key matches `[A-Za-z0-9_-]+`: `metadata.labels.toolongvalue`,
 *   `spec.template.spec.containers[0].resources.limits.ephemeral-storage`;
 * - any other map key (one with a dot, a slash, ...) is written in bracket-quote form:
 *   `metadata.annotations['service.beta.kubernetes.io/load-balancer-source-ranges']`.
 * Upstream writes keys as `limits[cpu]` and reports a few paths with its own spelling
 * (`spec.LoadBalancerSourceRanges[0]`, `annotations.kubernetes.io/ingress.class`); each such case
 * says so in its note.
 *
 * An error on a map as a whole (a bad label key, a bad annotation key, the annotation size limit)
 * is reported by upstream on the map itself, `metadata.labels` / `metadata.annotations`; a bad
 * label value is reported on its key, `metadata.labels.<key>`.
 *
 * `fields` lists what upstream reports for that case, in upstream's order; when upstream reports the
 * same path twice (two messages on one field) the path appears twice.
 *
 * Manifests leave out what the API server fills in before it validates (v1 defaulting): a port's
 * protocol, `sessionAffinity`, `externalTrafficPolicy` on NodePort/LoadBalancer,
 * `allocateLoadBalancerNodePorts`, `internalTrafficPolicy`, a container's `imagePullPolicy` and
 * `terminationMessagePolicy`, probe timings, a Deployment's strategy. Upstream's tests set those
 * fields by hand because they validate the internal, already-defaulted object; a case whose
 * verdict only holds because of defaulting says so in its note.
 *
 * Versions: `valid` is the verdict of the newest release (1.37). A case with `acceptedFrom` is
 * `valid: true` and was rejected before that minor version; its `fields` are what those older
 * versions report. A case with `rejectedFrom` is `valid: false` and was accepted before.
 * Without either, the verdict holds for every version from 1.27 to 1.37.
 */
export interface UpstreamCase {
  /** Where it comes from: test function and case name as upstream writes it, e.g. 'TestValidateService "invalid port"'. */
  readonly upstream: string;
  /** A complete object as YAML would give it: apiVersion, kind, metadata (with a valid name unless the case is about it), spec. */
  readonly manifest: any;
  /** true when the API server accepts it (in the versions given below), false when it rejects it. */
  readonly valid: boolean;
  /** For an invalid case: the field paths upstream reports, written as manifest paths: 'spec.ports[0].port', 'metadata.annotations', 'spec.template.spec.containers[0].livenessProbe.periodSeconds'. */
  readonly fields?: string[];
  /** When the verdict depends on the version: the first minor version that ACCEPTS it (rejected before), e.g. 28 for 1.28. */
  readonly acceptedFrom?: number;
  /** When a later version started rejecting it: the first minor version that rejects it. */
  readonly rejectedFrom?: number;
  /** Anything a rule author needs: e.g. 'Pod only: pod templates accept it'. */
  readonly note?: string;
}

/** The Kubernetes minor versions this library covers, 1.27 through 1.37. */
export const FIRST_MINOR = 27;
export const LAST_MINOR = 37;

/** Drops keys whose value is undefined, so a case can remove a field of its base object. */
export function prune(obj: { [key: string]: any }): { [key: string]: any } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
