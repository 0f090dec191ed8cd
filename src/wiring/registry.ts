import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { analyzeWiring } from './analysis';
import { IngressManifest, ServiceManifest, WorkloadManifest } from '../rules/manifest';
import { Severity, Violation, formatViolation, isError } from '../rules/violation';

/** @internal a construct of this library that takes part in the App-wide checks */
export interface Participant extends IConstruct {
  readonly _kind: 'service' | 'workload' | 'ingress';
  /** The manifest as synthesized, with the effective namespace filled in. */
  _manifest(): any;
  /** The rules of the object alone. */
  _localViolations(): Violation[];
}

/** @internal what the registry reads of the policy that applies to a participant */
export interface PolicyView {
  readonly warningsAsErrors: boolean;
  readonly printWarnings: boolean;
  readonly danglingSelectors: Severity;
}

/** @internal finds the policy of a construct (ExposePolicy.of, injected to avoid an import cycle) */
let policyLookup: (c: IConstruct) => PolicyView = () => ({ warningsAsErrors: false, printWarnings: true, danglingSelectors: Severity.WARNING });

/** @internal */
export function setPolicyLookup(lookup: (c: IConstruct) => PolicyView): void {
  policyLookup = lookup;
}

/** @internal a value computed once per version of the App's model */
export interface Memo<T> {
  version: number;
  value: T;
}

const REGISTRIES = new WeakMap<IConstruct, Registry>();

/**
 * @internal
 * One per App (per construct tree root). It knows this library's constructs in the App,
 * runs the App-wide checks once per change of the model, and remembers every result
 * until the model changes again.
 *
 * cdk8s validates the whole App once per chart it synthesizes (`chart.toJson()` re-runs
 * validation), so without this a validation pass would cost O(objects) per chart and an
 * App-wide check O(objects) per object. Every construct of this library calls `touch()`
 * when it is created and whenever one of its mutators runs, so a cached result is never
 * served for a model that changed through this library's API. Not tracked: removing a
 * construct with `node.tryRemoveChild()`, which constructs offers as an escape hatch.
 */
export class Registry {
  public static of(scope: IConstruct): Registry {
    const root = scope.node.root;
    let r = REGISTRIES.get(root);
    if (!r) {
      r = new Registry();
      REGISTRIES.set(root, r);
    }
    return r;
  }

  /** How many times the App-wide checks ran (once per change of the model at most). */
  public analysisRuns = 0;

  private version = 0;
  private readonly participants: Participant[] = [];
  private wiring?: Memo<Map<IConstruct, Violation[]>>;
  private readonly results = new Map<IConstruct, Memo<string[]>>();
  private readonly warnings = new Set<string>();
  private policy?: IConstruct;

  /** Records a participant; the model changed. */
  public register(p: Participant): void {
    this.participants.push(p);
    this.touch();
  }

  /** The current version of the model; it changes whenever the model does. */
  public get currentVersion(): number {
    return this.version;
  }

  /** The model changed: every cached result is stale. */
  public touch(): void {
    this.version++;
  }

  /** Returns the memo's value if it is current, or computes and stores a new one. */
  public cached<T>(memo: Memo<T> | undefined, compute: () => T): Memo<T> {
    if (memo !== undefined && memo.version === this.version) return memo;
    return { version: this.version, value: compute() };
  }

  /** A detached default policy shared by the App's constructs that have none. */
  public defaultPolicy<T extends IConstruct>(make: () => T): T {
    if (!this.policy) this.policy = make();
    return this.policy as T;
  }

  /**
   * The validation errors of one participant: its own rules and its App-wide findings,
   * formatted. Warnings are printed once (or returned as errors with `warningsAsErrors`).
   */
  public validate(p: Participant): string[] {
    const memo = this.results.get(p);
    if (memo !== undefined && memo.version === this.version) return memo.value;
    const policy = policyLookup(p);
    const violations = [...p._localViolations(), ...(this.wiringFindings().get(p) ?? [])];
    const errors: string[] = [];
    for (const v of violations) {
      if (isError(v) || policy.warningsAsErrors) {
        errors.push(formatViolation(v));
      } else {
        const line = `[${p.node.path}] ${formatViolation(v)}`;
        if (!this.warnings.has(line)) {
          this.warnings.add(line);
          if (policy.printWarnings) process.stderr.write(`${line}\n`);
        }
      }
    }
    this.results.set(p, { version: this.version, value: errors });
    return errors;
  }

  /** Every warning seen so far in validation, as `[path] warning: field: message`. */
  public warningLines(): string[] {
    return [...this.warnings];
  }

  private wiringFindings(): Map<IConstruct, Violation[]> {
    this.wiring = this.cached(this.wiring, () => {
      this.analysisRuns++;
      const services: Array<{ ref: Participant; manifest: ServiceManifest }> = [];
      const workloads: Array<{ ref: Participant; manifest: WorkloadManifest }> = [];
      const ingresses: Array<{ ref: Participant; manifest: IngressManifest }> = [];
      for (const p of this.participants) {
        const entry = { ref: p, manifest: p._manifest() };
        if (p._kind === 'service') services.push(entry);
        else if (p._kind === 'workload') workloads.push(entry);
        else ingresses.push(entry);
      }
      const findings = analyzeWiring<Participant>({ services, workloads, ingresses }, {
        describe: ref => `[${ref.node.path}]`,
        danglingSelectors: ref => policyLookup(ref).danglingSelectors,
        danglingOnlyWhereWorkloads: true,
        checkBackends: false,
      });
      const byRef = new Map<IConstruct, Violation[]>();
      for (const f of findings) {
        const { ref, ...v } = f;
        const list = byRef.get(ref);
        if (list) list.push(v); else byRef.set(ref, [v]);
      }
      return byRef;
    });
    return this.wiring.value;
  }
}

/**
 * @internal
 * The metadata cdk8s emits for an object of a construct: the Chart's labels merged under
 * the object's own (as ApiObject does), and the Chart's namespace when none is set.
 */
export function renderMetadata(c: IConstruct, name: string, namespace: string | undefined,
  labels: { [key: string]: string } | undefined, annotations: { [key: string]: string } | undefined): any {
  const chart = Chart.of(c);
  const merged = { ...chart.labels, ...(labels ?? {}) };
  return {
    name,
    namespace: namespace ?? chart.namespace,
    labels: Object.keys(merged).length ? merged : undefined,
    annotations,
  };
}
