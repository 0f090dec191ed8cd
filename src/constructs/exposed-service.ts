import { Construct, IConstruct } from 'constructs';
import { CheckedApiObject, copyProps, isObject } from './checked-api-object';
import { Participant } from './registry';
import { IServiceTarget } from './service-target';
import { ServicePort, ServiceType, SessionAffinity, TrafficPolicy } from './types';
import { Severity, Violation } from '../model/finding';
import { namespaceOf } from '../model/object';
import { show } from '../model/plain';
import { CheckContext } from '../model/rule';
import { serviceSelectorMissing, serviceTargetNamespace, serviceTargetSelector } from '../rules/construct';
import { nameFromId } from '../rules/formats';

/**
 * A Service that Ingress backends can route to: one this App defines (an
 * `ExposedService`), or one defined elsewhere (`ExposedService.fromName`).
 */
export interface IExposedService extends IConstruct {
  /** The Service's name, its DNS name inside the namespace. */
  readonly name: string;
  /**
   * The Service's namespace.
   *
   * @default - the namespace of the object that refers to it
   */
  readonly namespace?: string;
  /** The Service's ports, as they are synthesized; empty when they are not known. */
  readonly ports: ServicePort[];
  /** Whether the ports are known, so references to them can be checked. */
  readonly portsKnown: boolean;
}

/**
 * Options of a Service, without what selects its pods. `WebApp.expose()` takes these.
 */
export interface ExposeOptions {
  /**
   * The Service's `metadata.name`, which is also its DNS name: clients reach it as
   * `name`, `name.namespace` or `name.namespace.svc.cluster.local`. A DNS-1035 label.
   * No hash is ever added.
   *
   * @default - derived from the construct id: lowercased, other characters as '-'
   */
  readonly name?: string;

  /**
   * The Service's namespace.
   *
   * @default - the Chart's namespace, or none (the namespace of `kubectl apply`)
   */
  readonly namespace?: string;

  /**
   * How the Service is reached.
   *
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType;

  /**
   * A headless Service (`clusterIP: None`): no virtual IP; DNS returns the pods' IPs.
   * Only with type CLUSTER_IP.
   *
   * @default false
   */
  readonly headless?: boolean;

  /**
   * The ports: the port triple of each, plus name and protocol.
   *
   * @default - with a target: one port per container port (port = targetPort =
   * containerPort, same name and protocol); otherwise none
   */
  readonly ports?: ServicePort[];

  /**
   * Sticky sessions: whether connections of one client IP go to the same pod.
   *
   * @default SessionAffinity.NONE
   */
  readonly sessionAffinity?: SessionAffinity;

  /**
   * How long a client stays with its pod (1-86400 seconds). Only with CLIENT_IP.
   *
   * @default - 10800 (3 hours), the Kubernetes default
   */
  readonly sessionAffinityTimeoutSeconds?: number;

  /**
   * How external traffic reaches the pods. Only on NODE_PORT and LOAD_BALANCER.
   *
   * @default - Cluster, the Kubernetes default
   */
  readonly externalTrafficPolicy?: TrafficPolicy;

  /**
   * Client CIDRs the cloud load balancer admits, e.g. `10.0.0.0/8`. Only on LOAD_BALANCER.
   *
   * @default - all clients
   */
  readonly loadBalancerSourceRanges?: string[];

  /**
   * Labels of the Service object (not of the pods it selects).
   *
   * @default - with a target: the target's selector labels; otherwise none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the Service object, e.g. a cloud load balancer's settings.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * Props of an ExposedService.
 */
export interface ExposedServiceProps extends ExposeOptions {
  /**
   * The pods the Service sends traffic to, by their labels. Leave it out with `target`,
   * which wires it, and with EXTERNAL_NAME, which selects no pods.
   *
   * @default - the target's selector labels, or no selector
   */
  readonly selector?: { [key: string]: string };

  /**
   * The workload whose pods the Service exposes: a WebApp, or a cdk8s-plus-27 workload
   * through `ServiceTarget.fromWorkload()`. The selector is wired from its selector labels,
   * named targetPorts are resolved against its containers, and with no `ports` every
   * container port is exposed.
   *
   * @default - no target; use `selector`
   */
  readonly target?: IServiceTarget;

  /**
   * The DNS name an EXTERNAL_NAME Service aliases, e.g. `api.example.com`.
   *
   * @default - none; required with EXTERNAL_NAME
   */
  readonly externalName?: string;
}

/**
 * Options of a Service that is defined outside this App.
 */
export interface ServiceReferenceOptions {
  /**
   * The Service's namespace.
   *
   * @default - the namespace of the Ingress that routes to it
   */
  readonly namespace?: string;

  /**
   * The Service's ports, when known. With them, Ingress backend ports are checked
   * against the Service; without them, any port is accepted and must be given.
   *
   * @default - unknown
   */
  readonly ports?: ServicePort[];

  /**
   * Whether an HttpRoute in another namespace that routes to this Service emits the
   * ReferenceGrant that admits it, in the Service's namespace. Set it when this App owns
   * that namespace. The external-services annotation the route carries declares that the
   * Service exists; it never declares that a grant does.
   *
   * @default false - the ReferenceGrant must exist in the Service's namespace: a warning names it
   */
  readonly emitReferenceGrant?: boolean;
}

class ServiceReference extends Construct implements IExposedService {
  public readonly ports: ServicePort[];
  public readonly portsKnown: boolean;
  public readonly namespace?: string;
  public readonly emitReferenceGrant: boolean;
  /** The entries of `ports` that are not ports (from JavaScript), one message each. */
  public readonly portProblems: string[];
  constructor(scope: Construct, id: string, public readonly name: string, options: ServiceReferenceOptions) {
    super(scope, id);
    this.emitReferenceGrant = options.emitReferenceGrant === true;
    this.namespace = options.namespace;
    this.ports = [...(options.ports ?? [])];
    this.portProblems = this.ports.flatMap((p, i) => (isObject(p) ? [] : [`ExposedService.fromName(${show(name)}) prop ports[${i}]: ${show(p)} is not a port`]));
    this.portsKnown = options.ports !== undefined;
  }
}

/** @internal the entries of a Service reference's `ports` that are not ports: the routes using it report them */
export function referencePortProblems(svc: IExposedService): string[] {
  return svc instanceof ServiceReference ? svc.portProblems : [];
}

/** Whether a value has the shape of a ServiceTarget. */
function isServiceTarget(x: unknown): x is IServiceTarget {
  return isObject(x) && isObject((x as any).selectorLabels) && Array.isArray((x as any).ports);
}

/** @internal whether a Service referenced by name asks routes to emit its ReferenceGrant */
export function emitsReferenceGrant(svc: IExposedService): boolean {
  return svc instanceof ServiceReference && svc.emitReferenceGrant;
}

const EXPOSED_SERVICE = Symbol.for('cdk8s-expose.ExposedService');

/**
 * @internal
 * Whether a Service is an ExposedService of this App, also across copies of this library
 * (cdk8s core identifies its Chart the same way).
 */
export function isExposedService(x: unknown): x is ExposedService {
  return x !== null && typeof x === 'object' && (x as any)[EXPOSED_SERVICE] === true;
}

/**
 * A Kubernetes Service (v1) with a validated port triple: ClusterIP, NodePort,
 * LoadBalancer, ExternalName or headless.
 *
 * Every rule the API server applies, and the nodePort range and uniqueness it checks
 * when it allocates, are checked at synth, all errors together, each naming the field,
 * the bad value, what is allowed and the fix.
 *
 * The construct is the Service's cdk8s ApiObject: `ApiObject.of()` returns it, and
 * `addJsonPatch()` patches the manifest (what this library does not model). The manifest the
 * rules check is the manifest it emits, patches included. A `Lazy` in a prop must give the
 * same value each time it is resolved: one that changes between synths is emitted unchecked
 * by the second.
 */
export class ExposedService extends CheckedApiObject implements IExposedService {
  /**
   * Refers to a Service this App does not define, so that an IngressRoute can route to it.
   *
   * @param name the Service's name
   */
  public static fromName(scope: Construct, id: string, name: string,
    options: ServiceReferenceOptions = {}): IExposedService {
    return new ServiceReference(scope, id, name, options);
  }

  /** The Service's namespace, when set on it. */
  public readonly namespace?: string;
  /** How the Service is reached. */
  public readonly type: ServiceType;
  /** The workload it exposes (a WebApp, or a cdk8s-plus-27 workload), if any. */
  public readonly target?: IServiceTarget;
  /** Always true: the ports of a Service of this App are known. */
  public readonly portsKnown = true;

  /** @internal */
  public readonly _kind = 'Service';

  private readonly options: ExposedServiceProps;
  private readonly explicitPorts: ServicePort[];

  constructor(scope: Construct, id: string, props: ExposedServiceProps = {}) {
    super(scope, id, {
      apiVersion: 'v1',
      kind: 'Service',
      name: props?.name ?? nameFromId(id),
      nameDerivedFrom: props?.name === undefined ? id : undefined,
      namespace: props?.namespace,
      labels: { ...(props?.target?.selectorLabels ?? {}), ...(props?.labels ?? {}) },
      annotations: props?.annotations,
    });
    Object.defineProperty(this, EXPOSED_SERVICE, { value: true });
    this.options = copyProps(props ?? {});
    props = this.options;
    this.namespace = props.namespace;
    this.type = props.type ?? ServiceType.CLUSTER_IP;
    const target: unknown = props.target;
    if (target === undefined || target === null || isServiceTarget(target)) {
      this.target = props.target ?? undefined;
    } else {
      this._propIssue('target', 'spec.selector', target, 'a ServiceTarget (a WebApp, a cdk8s-plus workload, or ServiceTarget.fromWorkload(...))');
    }
    const selector: unknown = props.selector;
    if (selector !== undefined && selector !== null && (typeof selector !== 'object' || Array.isArray(selector))) {
      this._propIssue('selector', 'spec.selector', selector, 'a map of label keys to values');
      this.options = { ...this.options, selector: undefined };
    } else if (isObject(selector) && Object.prototype.hasOwnProperty.call(selector, '__proto__')) {
      // kept by copyProps as an own key, but lost by any plain-object rendering: named instead
      this._propIssue('selector', 'spec.selector', '__proto__', 'a label key (a key named __proto__ is dropped when rendered)');
    }
    this.explicitPorts = this._listProp(this.options.ports, 'ports', 'spec.ports');
  }

  /**
   * The ports as they are synthesized: explicit ports, or those derived from the
   * target's container ports, with targetPort defaulted to port.
   */
  public get ports(): ServicePort[] {
    let ports = this.explicitPorts;
    if (ports.length === 0 && this.target !== undefined) {
      ports = this.target.ports.map(cp => ({
        port: cp.containerPort,
        targetPort: cp.containerPort,
        name: cp.name,
        protocol: cp.protocol,
      }));
    }
    // an entry that is not an object (from JavaScript) goes through as it is: the rules name it
    return ports.map(p => (isObject(p) ? { ...p, targetPort: p.targetPort ?? p.port } : p));
  }

  /** The labels that select the pods, if any. */
  public get selector(): { [key: string]: string } | undefined {
    return this.target?.selectorLabels ?? (this.options.selector ? { ...this.options.selector } : undefined);
  }

  private portAt(i: number): ServicePort {
    return this.explicitPorts[i] ?? {};
  }

  /** Adds a port to the Service. Ingress backends resolve ports at synth, so they see it. */
  public addPort(port: ServicePort): void {
    this.explicitPorts.push(copyProps(port));
    this._modelChanged();
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    const p = this.options;
    const type = this.type;
    const timeout = p.sessionAffinityTimeoutSeconds;
    const selector = this.selector;
    const ports = this.ports.map((port, i) => (!isObject(port) ? port : {
      name: port.name,
      port: port.port,
      // an ExternalName Service forwards nothing to pods: targetPort only when given
      targetPort: type === ServiceType.EXTERNAL_NAME ? this.portAt(i).targetPort : port.targetPort,
      nodePort: port.nodePort,
      protocol: port.protocol,
      appProtocol: port.appProtocol,
    }));
    return {
      spec: {
        type,
        clusterIP: p.headless ? 'None' : undefined,
        externalName: p.externalName,
        selector: selector && Object.keys(selector).length ? selector : undefined,
        ports: ports.length ? ports : undefined,
        sessionAffinity: p.sessionAffinity,
        sessionAffinityConfig: timeout !== undefined ? { clientIP: { timeoutSeconds: timeout } } : undefined,
        externalTrafficPolicy: p.externalTrafficPolicy,
        loadBalancerSourceRanges: p.loadBalancerSourceRanges,
      },
    };
  }

  /**
   * @internal
   * The port names of the target's containers: a bad one is the container's finding, not
   * each Service port's that carries it.
   */
  public _checkContext(base: CheckContext): CheckContext {
    const ctx = super._checkContext(base);
    const target = this.target as Partial<Participant> | undefined;
    // a target another library emits is not checked by the object rules: its names are checked here
    if (target === undefined || target._objectRules === false) return ctx;
    const names = new Set(this.target!.ports.map(p => (isObject(p) ? p.name : undefined)).filter((n): n is string => typeof n === 'string'));
    return names.size ? { ...ctx, targetPortNames: names } : ctx;
  }

  /** @internal */
  public _constructViolations(): Violation[] {
    const out: Violation[] = [];
    if (this.target === undefined && this.options.selector === undefined && this.type !== ServiceType.EXTERNAL_NAME) {
      out.push({
        rule: serviceSelectorMissing.id,
        field: 'spec.selector',
        severity: Severity.WARNING,
        message: 'the Service has neither target nor selector, so Kubernetes writes no EndpointSlices for it (valid when they are written by hand)',
        fix: 'set target to the workload it exposes, or selector to its pod labels; ignore the rule if the EndpointSlices are written by hand',
      });
    }
    if (this.target !== undefined && this.options.selector !== undefined) {
      out.push({ rule: serviceTargetSelector.id, field: 'spec.selector', message: `both target [${this.target.node.path}] and selector ${show(this.options.selector)} are set; target wires the selector from the workload's pod labels`, fix: 'remove selector, or target' });
    }
    if (this.target !== undefined) {
      const own = namespaceOf(this._manifest());
      const theirs = this.target.effectiveNamespace;
      if (own !== theirs) {
        out.push({ rule: serviceTargetNamespace.id, field: 'spec.selector', message: `the target [${this.target.node.path}] is in namespace ${show(theirs)}, but this Service is in ${show(own)}; a Service selects pods of its own namespace only`, fix: 'put both in one namespace' });
      }
    }
    return out;
  }

  /** The effective namespace of the Service: its own, or its Chart's, or 'default'. */
  public get effectiveNamespace(): string {
    return namespaceOf(this._manifest());
  }
}

