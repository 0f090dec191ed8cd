import { Disagreement } from './compare';

/*
 * The only differences between our errors and the API server's create path that do not fail
 * test:oracle. Each entry is tested to be still needed: one that no longer matches any object of
 * the corpus, the generated manifests or the regression files fails the run.
 */

export interface Allowance {
  /** our rule, or `*`: every rule (then `when` says which objects) */
  readonly rule: string;
  /** why the difference is right (ALLOWED) or what is wrong (KNOWN_FINDINGS) */
  readonly reason: string;
  /** the objects it covers, when not every error of the rule */
  readonly when?: (manifest: any, d: Disagreement) => boolean;
  /** the oracle releases it covers, when not all */
  readonly releases?: string[];
}

/**
 * Errors of ours where the API server's validation accepts, by design: the object breaks at
 * runtime, or something beyond validation rejects it, or the rule is about the checker itself.
 * Only `wrong-error` disagreements can be allowed.
 */
export const ALLOWED: Allowance[] = [
  {
    rule: 'service-node-port-range',
    reason: 'beyond validation: the Service REST storage\'s NodePort allocator rejects a nodePort outside --service-node-port-range (default 30000-32767: "provided port is not in the valid range"); the oracle does not run the allocators, whose ranges are cluster flags',
  },
  {
    rule: 'workload-service-name-label',
    releases: ['v1.29', 'v1.32'],
    reason: 'breaks at runtime: before 1.33 (PR 130233) the API accepts a serviceName that is not a DNS-1123 label, and the controller\'s every Pod create is rejected (it becomes the pods\' spec.subdomain, a DNS label)',
  },
  {
    rule: 'probe-port-undeclared',
    reason: 'breaks at runtime: a probe whose named port no container of the pod declares always fails, so the pod never becomes ready (or is restarted forever)',
  },
  {
    rule: '*',
    releases: ['v1.29', 'v1.32'],
    reason: 'breaks at runtime: at 1.29 and 1.32 ValidateStatefulSetSpec checks only the pod template\'s labels and annotations, not its spec (ValidatePodTemplateSpecForStatefulSet: "TODO: Add validation for PodSpec"); the StatefulSet is accepted, and the controller\'s every Pod create is rejected by Pod validation, so no pod ever starts',
    when: (m, d) => m?.kind === 'StatefulSet' && d.field.startsWith('spec.template.spec.'),
  },
  {
    rule: 'exemption-reason-required',
    reason: 'the checker\'s own exemption annotation (ignore-check.cdk8s-expose.io/...), not an API rule',
  },
  {
    rule: 'exemption-unknown-rule',
    reason: 'the checker\'s own exemption annotation (ignore-check.cdk8s-expose.io/...), not an API rule',
  },
];

/** The value at one of our field paths: `spec.ports[0].name`, `metadata.annotations['a/b']`. */
export function valueAt(obj: any, path: string): any {
  const re = /([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']*)'\]/g;
  let cur = obj;
  for (const m of path.matchAll(re)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3])];
  }
  return cur;
}

const EMPTY = (manifest: any, d: Disagreement) => valueAt(manifest, d.field) === '';

/**
 * Wrong errors of ours that the oracle found and that are not fixed yet (test/oracle/FINDINGS.md).
 * Each is a bug: fix the rule, then delete its entry (the run fails while an entry matches nothing).
 */
export const KNOWN_FINDINGS: Allowance[] = [
  {
    rule: 'metadata-namespace',
    reason: 'metadata.namespace "" is the request\'s namespace (the API server fills it in on create); we reject ""',
    when: EMPTY,
  },
  {
    rule: 'metadata-generate-name',
    reason: 'when metadata.name is set, 1.37\'s create path does not validate generateName (apimachinery ValidateObjectMetaAccessor only checks name); we reject the generateName',
    when: m => typeof m?.metadata?.name === 'string' && m.metadata.name !== '',
  },
];

/** The allowance or known finding that covers a disagreement, if any (only wrong errors can be covered). */
export function coveredBy(release: string, manifest: any, d: Disagreement): Allowance | undefined {
  if (d.cls !== 'wrong-error') return undefined;
  return [...ALLOWED, ...KNOWN_FINDINGS].find(a => (a.rule === '*' || a.rule === d.key)
    && (a.releases === undefined || a.releases.includes(release)) && (a.when === undefined || a.when(manifest, d)));
}
