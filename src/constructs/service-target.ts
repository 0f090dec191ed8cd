import { ApiObject } from 'cdk8s';
import { Workload } from 'cdk8s-plus-27';
import { IConstruct, Node } from 'constructs';
import { Participant, Registry } from './registry';
import { ContainerPort, Protocol } from './types';
import { refreshFromRoot, validateFromRoot } from './validation-sweep';

/**
 * What a Service can target: a workload whose pods it selects and whose container ports
 * its targetPorts name. A WebApp is one; `ServiceTarget.fromWorkload()` makes one of a
 * cdk8s-plus-27 Deployment, StatefulSet or DaemonSet.
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
   * A cdk8s-plus-27 workload (Deployment, StatefulSet, DaemonSet) as the target of an
   * ExposedService: the Service's selector is the workload's `matchLabels`, its default
   * ports are the workload's container ports, and named targetPorts are checked against
   * them, exactly as for a WebApp.
   *
   * The workload also takes part in the App-wide checks from then on: a Service selector
   * that matches its pods is not dangling, and a targetPort that names none of its ports
   * is an error. Its own fields are cdk8s-plus-27's to check.
   */
  public static fromWorkload(workload: Workload): IServiceTarget {
    return PlusWorkloadTarget.of(workload);
  }

  private constructor() {}
}

/** The target (and participant) of each cdk8s-plus workload: one per workload. */
const TARGETS = new WeakMap<Workload, PlusWorkloadTarget>();

/**
 * A cdk8s-plus-27 workload as a target and as a 'workload' participant of the App-wide
 * checks. Its manifest holds what the checks read (kind, name, namespace, selector, pod
 * labels, container ports), taken from cdk8s-plus' public getters: calling the workload's
 * own `toJson()` at validation time would be wrong, because cdk8s-plus-27 2.9.5 renders
 * with side effects (a Deployment with `spread: true` adds its affinity terms again on
 * every `toJson()`).
 *
 * The workload changes through cdk8s-plus' API, which does not tell the registry, so the
 * manifest is re-read at the start of every validation pass and the model is touched when
 * it differs.
 */
class PlusWorkloadTarget implements IServiceTarget, Participant {
  public static of(workload: Workload): PlusWorkloadTarget {
    let target = TARGETS.get(workload);
    if (target === undefined) {
      target = new PlusWorkloadTarget(workload);
      TARGETS.set(workload, target);
    }
    return target;
  }

  public readonly node: Node;
  /** Its own library emits it: only the cross-object rules read it (as a workload selectors find). */
  public readonly _objectRules = false;
  private readonly registry: Registry;
  private last?: { json: string; manifest: any };

  private constructor(private readonly workload: Workload) {
    this.node = workload.node;
    this.registry = Registry.of(workload);
    this.registry.register(this);
    validateFromRoot(this);
    refreshFromRoot(workload, () => this.refresh());
  }

  public get selectorLabels(): { [key: string]: string } {
    return this.workload.matchLabels;
  }

  public get ports(): ContainerPort[] {
    return this.workload.containers.flatMap(c => c.ports.map(p => ({
      containerPort: p.number,
      name: p.name,
      protocol: p.protocol as string as Protocol,
    })));
  }

  public get effectiveNamespace(): string {
    return ApiObject.of(this.workload).metadata.namespace ?? 'default';
  }

  public _manifest(): any {
    if (this.last === undefined) this.refresh();
    return this.last!.manifest;
  }

  /** The workload's kind (Deployment, StatefulSet, DaemonSet), as the cross-object rules index it. */
  public get _kind(): string {
    return ApiObject.of(this.workload).kind;
  }

  /** Re-reads the workload; touches the model when it changed since the last read. */
  public refresh(): void {
    const manifest = this.render();
    const json = JSON.stringify(manifest);
    if (this.last !== undefined && this.last.json !== json) this.registry.touch();
    this.last = { json, manifest };
  }

  private render(): any {
    const obj = ApiObject.of(this.workload);
    const w = this.workload;
    return {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      metadata: { name: obj.name, namespace: obj.metadata.namespace },
      spec: {
        selector: { matchLabels: w.matchLabels },
        template: {
          metadata: { labels: w.podMetadata.toJson()?.labels },
          spec: {
            containers: w.containers.map(c => ({
              name: c.name,
              ports: c.ports.map(p => ({ containerPort: p.number, name: p.name, protocol: p.protocol })),
            })),
          },
        },
      },
    };
  }
}
