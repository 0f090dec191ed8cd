import { ServiceAccess, mapAccess } from './routes';
import { checkIngress } from '../rules/ingress';
import { IngressManifest, ServiceManifest, WorkloadManifest, namespaceOf } from '../rules/manifest';
import { DEFAULT_NODE_PORT_RANGE, NodePortRange, checkService } from '../rules/service';
import { Severity, Violation } from '../rules/violation';
import { checkContainer, checkWorkload } from '../rules/workload';
import { Subject, analyzeWiring } from '../wiring/analysis';

/**
 * A parsed Kubernetes object to analyze, and where it came from.
 */
export interface ManifestSource {
  /** The parsed object (apiVersion, kind, metadata, spec). */
  readonly manifest: any;
  /**
   * The file it was read from.
   *
   * @default - unknown
   */
  readonly file?: string;
  /**
   * The line of the document in the file (1-based).
   *
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The cdk8s construct path that produced it.
   *
   * @default - unknown
   */
  readonly constructPath?: string;
}

/**
 * A problem found in a set of manifests.
 */
export interface ManifestFinding {
  /** Error or warning. */
  readonly severity: Severity;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace ('default' when unset). */
  readonly namespace: string;
  /** The object's name. */
  readonly name: string;
  /** The field path inside the object, e.g. `spec.ports[0].nodePort`. */
  readonly field: string;
  /** What is wrong, what is allowed, and the fix. */
  readonly message: string;
  /**
   * The file of the object.
   *
   * @default - unknown
   */
  readonly file?: string;
  /**
   * The line of the object's document.
   *
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The construct path, when cdk8s recorded it.
   *
   * @default - unknown
   */
  readonly constructPath?: string;
}

/**
 * Options of the manifest analysis.
 */
export interface AnalyzeOptions {
  /**
   * The clusters' nodePort range.
   *
   * @default - 30000-32767
   */
  readonly nodePortRange?: NodePortRange;
  /**
   * The severity of a Service selector that matches no workload of the set.
   *
   * @default Severity.WARNING
   */
  readonly danglingSelectors?: Severity;
}

/**
 * What the analysis found, and how each Service is reached.
 */
export interface AnalysisResult {
  /** Every finding, in input order. */
  readonly findings: ManifestFinding[];
  /** How each Service is reached. */
  readonly services: ServiceAccess[];
  /** Objects of kinds the analysis does not read, as `kind name (file)`. */
  readonly skipped: string[];
  /** How many objects were analyzed. */
  readonly objectCount: number;
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** Every kind the analysis reads. */
export const KNOWN_KINDS = ['Service', 'Ingress', 'Pod', 'EndpointSlice', ...WORKLOAD_KINDS];

/** @internal */
export interface Ref {
  readonly source: ManifestSource;
  readonly kind: string;
}

/** Describes an object for a message: `Deployment default/web (apps.yaml:12)`. */
export function describeRef(ref: Ref): string {
  const m = ref.source.manifest;
  const where = ref.source.constructPath ? ` [${ref.source.constructPath}]`
    : ref.source.file ? ` (${ref.source.file}${ref.source.line ? `:${ref.source.line}` : ''})` : '';
  return `${ref.kind} ${namespaceOf(m)}/${m?.metadata?.name}${where}`;
}

/**
 * Runs every rule of the constructs, and every wiring check, over plain manifests: what
 * cdk8s-plus, raw ApiObjects, Helm or hand-written YAML produced. Linear in the number
 * of objects.
 */
export function analyzeManifests(sources: ManifestSource[], options: AnalyzeOptions = {}): AnalysisResult {
  const range = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  const findings: ManifestFinding[] = [];
  const skipped: string[] = [];
  const services: Array<Subject<Ref, ServiceManifest>> = [];
  const workloads: Array<Subject<Ref, WorkloadManifest>> = [];
  const ingresses: Array<Subject<Ref, IngressManifest>> = [];

  const report = (ref: Ref, v: Violation) => {
    const m = ref.source.manifest;
    findings.push({
      severity: v.severity ?? Severity.ERROR,
      kind: ref.kind,
      namespace: namespaceOf(m),
      name: String(m?.metadata?.name ?? ''),
      field: v.field,
      message: v.message,
      file: ref.source.file,
      line: ref.source.line,
      constructPath: ref.source.constructPath,
    });
  };

  for (const source of sources) {
    const m = source.manifest;
    const kind: string = m?.kind;
    const ref: Ref = { source, kind };
    if (kind === 'Service') {
      checkService(m, { nodePortRange: range }).forEach(v => report(ref, v));
      services.push({ ref, manifest: m });
    } else if (WORKLOAD_KINDS.includes(kind)) {
      checkWorkload(m).forEach(v => report(ref, v));
      workloads.push({ ref, manifest: m });
    } else if (kind === 'Pod') {
      (m?.spec?.containers ?? []).forEach((c: any, i: number) => checkContainer(`spec.containers[${i}]`, c).forEach(v => report(ref, v)));
      workloads.push({ ref, manifest: { kind: 'Pod', metadata: m?.metadata, spec: { template: { metadata: m?.metadata, spec: m?.spec } } } });
    } else if (kind === 'Ingress') {
      checkIngress(m).forEach(v => report(ref, v));
      ingresses.push({ ref, manifest: m });
    } else if (kind !== 'EndpointSlice') {
      skipped.push(`${kind} ${m?.metadata?.name ?? '?'}${source.file ? ` (${source.file})` : ''}`);
    }
  }

  const wiring = analyzeWiring<Ref>({ services, workloads, ingresses }, {
    describe: describeRef,
    danglingSelectors: () => options.danglingSelectors ?? Severity.WARNING,
    danglingOnlyWhereWorkloads: false,
    checkBackends: true,
  });
  for (const f of wiring) report(f.ref, f);

  return { findings, services: mapAccess(services, workloads, ingresses), skipped, objectCount: sources.length };
}
