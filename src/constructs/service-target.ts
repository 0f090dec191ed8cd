import { ApiObject } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { Participant, Registry } from './registry';
import { ContainerPort, Protocol } from './types';
import { refreshFromRoot, validateFromRoot } from './validation-sweep';
import { Violation } from '../model/finding';
import { objectPropType } from '../rules/construct';

/**
 * What a Service can target: a workload whose pods it selects and whose container ports
 * its targetPorts name. A WebApp is one; `ServiceTarget.fromWorkload()` makes one of a
 * Deployment, StatefulSet or DaemonSet of any cdk8s-plus line, or of a plain ApiObject.
 */
export interface IServiceTarget extends IConstruct {
  /** The labels that select the target's pods: a wired Service's selector. */
  readonly selectorLabels: { [key: string]: string };

  /** The ports the target's containers declare, in order (every container's). */
  readonly ports: ContainerPort[];

  /** The namespace of the target's pods: its own, its Chart's, or `default`. */
  readonly effectiveNamespace: string;
}

/**
 * Service targets that are not WebApps.
 */
export class ServiceTarget {
  /**
   * A workload (Deployment, StatefulSet, DaemonSet) as the target of an ExposedService: the
   * Service's selector is the workload's `matchLabels`, its default ports are the workload's
   * container ports, and named targetPorts are checked against them, exactly as for a WebApp.
   *
   * The workload is the construct itself or its default child: a Deployment, StatefulSet or
   * DaemonSet of any cdk8s-plus line (cdk8s-plus-27 to -34; read through its public getters),
   * or a plain `ApiObject` of one of those kinds (an imported `KubeDeployment`, read through
   * its `toJson()`). A construct with neither gives a `target` error at synth (rule
   * object-prop-type), with every other finding.
   *
   * The workload also takes part in the App-wide checks from then on: a Service selector
   * that matches its pods is not dangling, and a targetPort that names none of its ports
   * is an error. Its own fields are its library's to check.
   *
   * @param workload the workload, or a construct whose default child is one
   */
  public static fromWorkload(workload: IConstruct): IServiceTarget {
    let target = TARGETS.get(workload);
    if (target === undefined) {
      target = makeTarget(workload);
      TARGETS.set(workload, target);
    }
    return target;
  }

  private constructor() {}
}

/** The kinds a Service can target through `fromWorkload`. */
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** The target (and participant) of each workload construct: one per construct. */
const TARGETS = new WeakMap<IConstruct, IServiceTarget>();

/**
 * What this library reads of a cdk8s-plus workload, of any plus line: public getters only.
 * Never its `toJson()` (see PlusWorkloadTarget).
 */
interface PlusWorkload extends IConstruct {
  readonly matchLabels: { [key: string]: string };
  readonly podMetadata: { toJson(): any };
  readonly containers: ReadonlyArray<{ readonly name?: string; readonly ports: ReadonlyArray<{ number: number; name?: string; protocol?: string }> }>;
}

function isObject(x: unknown): x is { [key: string]: any } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The construct's ApiObject (itself or its default child's), or undefined. */
function apiObjectOf(c: IConstruct): ApiObject | undefined {
  try {
    return ApiObject.of(c);
  } catch {
    return undefined;
  }
}

function isPlusWorkload(c: IConstruct): c is PlusWorkload {
  const w = c as any;
  return isObject(w.matchLabels) && Array.isArray(w.containers) && typeof w.podMetadata?.toJson === 'function'
    && WORKLOAD_KINDS.includes(apiObjectOf(c)?.kind ?? '');
}

function isWorkloadApiObject(c: IConstruct): c is ApiObject {
  return ApiObject.isApiObject(c) && WORKLOAD_KINDS.includes(c.kind);
}

function makeTarget(c: IConstruct): IServiceTarget {
  const candidates = [c, c.node.defaultChild].filter((x): x is IConstruct => x !== undefined);
  for (const x of candidates) if (isPlusWorkload(x)) return new WorkloadTarget(c, new PlusReader(x));
  for (const x of candidates) if (isWorkloadApiObject(x)) return new WorkloadTarget(c, new ApiObjectReader(x));
  return new NoWorkloadTarget(c);
}

/** Reads a workload's manifest: what the checks read (kind, name, namespace, selector, pod labels, container ports). */
interface WorkloadReader {
  readonly apiObject: ApiObject;
  readonly selectorLabels: { [key: string]: string };
  readonly ports: ContainerPort[];
  render(): any;
}

/**
 * A cdk8s-plus workload, through the public getters every plus line has (`matchLabels`,
 * `podMetadata`, `containers` and their `ports`). Calling the workload's own `toJson()` at
 * validation time would be wrong, because cdk8s-plus-27 2.9.5 renders with side effects (a
 * Deployment with `spread: true` adds its affinity terms again on every `toJson()`).
 */
class PlusReader implements WorkloadReader {
  public readonly apiObject: ApiObject;

  constructor(private readonly w: PlusWorkload) {
    this.apiObject = ApiObject.of(w);
  }

  public get selectorLabels(): { [key: string]: string } {
    return { ...this.w.matchLabels };
  }

  public get ports(): ContainerPort[] {
    return this.w.containers.flatMap(c => c.ports.map(p => ({
      containerPort: p.number,
      name: p.name,
      protocol: p.protocol as Protocol | undefined,
    })));
  }

  public render(): any {
    const obj = this.apiObject;
    return {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      metadata: { name: obj.name, namespace: obj.metadata.namespace },
      spec: {
        selector: { matchLabels: this.w.matchLabels },
        template: {
          metadata: { labels: this.w.podMetadata.toJson()?.labels },
          spec: {
            containers: this.w.containers.map(c => ({
              name: c.name,
              ports: c.ports.map(p => ({ containerPort: p.number, name: p.name, protocol: p.protocol })),
            })),
          },
        },
      },
    };
  }
}

/** A plain ApiObject of a workload kind (no side effects in its `toJson()`): its manifest as it synthesizes. */
class ApiObjectReader implements WorkloadReader {
  constructor(public readonly apiObject: ApiObject) {}

  public get selectorLabels(): { [key: string]: string } {
    const spec = this.render().spec ?? {};
    return { ...(spec.selector?.matchLabels ?? spec.template?.metadata?.labels ?? {}) };
  }

  public get ports(): ContainerPort[] {
    const containers: any[] = this.render().spec?.template?.spec?.containers ?? [];
    return containers.flatMap(c => (Array.isArray(c?.ports) ? c.ports : []).map((p: any) => ({
      containerPort: p.containerPort,
      name: p.name,
      protocol: p.protocol,
    })));
  }

  public render(): any {
    return this.apiObject.toJson();
  }
}

/**
 * A workload as a target and as a 'workload' participant of the App-wide checks.
 *
 * The workload changes through its own library's API, which does not tell the registry, so
 * the manifest is re-read at the start of every validation pass and the model is touched when
 * it differs.
 */
class WorkloadTarget implements IServiceTarget, Participant {
  public readonly node: Node;
  /** Its own library emits it: only the cross-object rules read it (as a workload selectors find). */
  public readonly _objectRules = false;
  private readonly registry: Registry;
  private last?: { json: string; manifest: any };

  constructor(scope: IConstruct, private readonly reader: WorkloadReader) {
    this.node = scope.node;
    this.registry = Registry.of(scope);
    this.registry.register(this);
    validateFromRoot(this);
    refreshFromRoot(scope, () => this.refresh());
  }

  public get selectorLabels(): { [key: string]: string } {
    return this.reader.selectorLabels;
  }

  public get ports(): ContainerPort[] {
    return this.reader.ports;
  }

  public get effectiveNamespace(): string {
    return this.reader.apiObject.metadata.namespace ?? 'default';
  }

  public _manifest(): any {
    if (this.last === undefined) this.refresh();
    return this.last!.manifest;
  }

  /** The workload's kind (Deployment, StatefulSet, DaemonSet), as the cross-object rules index it. */
  public get _kind(): string {
    return this.reader.apiObject.kind;
  }

  /** Re-reads the workload; touches the model when it changed since the last read. */
  public refresh(): void {
    const manifest = this.reader.render();
    const json = JSON.stringify(manifest);
    if (this.last !== undefined && this.last.json !== json) this.registry.touch();
    this.last = { json, manifest };
  }
}

/**
 * A construct with no workload in it: a target with no labels and no ports, and a `target`
 * finding at synth, collected with every other one (a throw would hide them).
 */
class NoWorkloadTarget implements IServiceTarget, Participant {
  public readonly node: Node;
  public readonly _objectRules = false;
  /** Not a kind the App-wide checks index: it emits nothing. */
  public readonly _kind = 'ServiceTarget';
  public readonly selectorLabels: { [key: string]: string } = {};
  public readonly ports: ContainerPort[] = [];

  constructor(private readonly scope: IConstruct) {
    this.node = scope.node;
    Registry.of(scope).touch();
    validateFromRoot(this);
  }

  public get effectiveNamespace(): string {
    return apiObjectOf(this.scope)?.metadata.namespace ?? 'default';
  }

  public _manifest(): any {
    return { metadata: {} };
  }

  public _propViolations(): Violation[] {
    const what = apiObjectOf(this.scope);
    const found = what === undefined ? 'no ApiObject' : `a ${what.kind}`;
    return [{
      rule: objectPropType.id,
      field: 'target',
      message: `ServiceTarget.fromWorkload: [${this.node.path}] is not a Deployment, StatefulSet or DaemonSet, and neither is its default child (found ${found})`,
      fix: 'pass the workload construct (a cdk8s-plus Deployment, StatefulSet or DaemonSet, or an ApiObject of one of those kinds)',
    }];
  }
}
