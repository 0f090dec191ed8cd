import { Construct } from 'constructs';
import { CheckedApiObject, copyProps, isObject } from './checked-api-object';
import { ExposeOptions, ExposedService } from './exposed-service';
import { ExposePolicy } from './policy';
import { IServiceTarget } from './service-target';
import { ContainerPort, SecurityProfile } from './types';
import { Violation } from '../model/finding';
import { namespaceOf } from '../model/object';
import { show } from '../model/plain';
import { workloadPortNameUnique, workloadServiceNameUnused } from '../rules/construct';
import { nameFromId } from '../rules/formats';

/**
 * A health probe of the WebApp's container: an HTTP GET when `path` is set, a TCP
 * connection otherwise.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export interface ProbeOptions {
  /**
   * The container port to probe: a number, or the name of a declared container port.
   * A name the container does not declare is a validation error (the kubelet would fail
   * the probe with "couldn't find port").
   */
  readonly port: number | string;

  /**
   * The HTTP path to GET; the probe passes on a 2xx or 3xx answer.
   *
   * @default - no path: a TCP connection probe
   */
  readonly path?: string;

  /**
   * Seconds after the container starts before the first probe.
   *
   * @default 0
   */
  readonly initialDelaySeconds?: number;

  /**
   * Seconds between probes.
   *
   * @default 10
   */
  readonly periodSeconds?: number;

  /**
   * Seconds after which a probe times out.
   *
   * @default 1
   */
  readonly timeoutSeconds?: number;

  /**
   * Failed probes in a row before the container counts as failed.
   *
   * @default 3
   */
  readonly failureThreshold?: number;
}

/**
 * CPU and memory of the WebApp's container, as Kubernetes quantities ("250m", "128Mi").
 */
export interface ResourceOptions {
  /**
   * The CPU the scheduler reserves for the container, a quantity such as `250m` or `1`.
   *
   * @default - none
   */
  readonly cpuRequest?: string;
  /**
   * The most CPU the container may use (it is throttled above), e.g. `500m`; not below the request.
   *
   * @default - none
   */
  readonly cpuLimit?: string;
  /**
   * The memory the scheduler reserves for the container, a quantity such as `128Mi`.
   *
   * @default - none
   */
  readonly memoryRequest?: string;
  /**
   * The most memory the container may use (it is killed above), e.g. `256Mi`; not below the request.
   *
   * @default - none
   */
  readonly memoryLimit?: string;
}

/**
 * What runs the pods of a WebApp.
 */
export enum WorkloadKind {
  /** A Deployment (apps/v1): interchangeable pods, rolled out by ReplicaSets. */
  DEPLOYMENT = 'Deployment',
  /**
   * A StatefulSet (apps/v1): pods with a stable name and DNS name each
   * (`<name>-0.<service>.<namespace>.svc.cluster.local`, `-1`, ...), through a governing headless
   * Service that the WebApp emits and wires (`governingService`).
   */
  STATEFUL_SET = 'StatefulSet',
}

/**
 * A container of a WebApp's pod besides the main one: another container (`containers`,
 * `addContainer`) or a native sidecar (`sidecars`, `addSidecar`).
 */
export interface ContainerOptions {
  /** The container's name: a DNS-1123 label, unique among the pod's containers and sidecars. */
  readonly name: string;

  /** The container image, e.g. `envoyproxy/envoy:v1.32`. */
  readonly image: string;

  /**
   * The ports it listens on. They are ports of the pod: a Service's named targetPort may name
   * them, and `expose()` with no ports exposes them. A port name is unique in the whole pod.
   *
   * @default - none
   */
  readonly ports?: ContainerPort[];

  /**
   * Environment variables.
   *
   * @default - none
   */
  readonly env?: { [key: string]: string };

  /**
   * The entrypoint.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * The entrypoint's arguments.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * CPU and memory requests and limits.
   *
   * @default - none
   */
  readonly resources?: ResourceOptions;

  /**
   * The liveness probe.
   *
   * @default - none
   */
  readonly livenessProbe?: ProbeOptions;

  /**
   * The readiness probe (a sidecar's counts for the pod's readiness too).
   *
   * @default - none
   */
  readonly readinessProbe?: ProbeOptions;

  /**
   * The startup probe.
   *
   * @default - none
   */
  readonly startupProbe?: ProbeOptions;
}

/**
 * Props of a WebApp.
 */
export interface WebAppProps {
  /**
   * The container image, e.g. `nginx:1.27`.
   */
  readonly image: string;

  /**
   * The Deployment's `metadata.name`, and the value of the `app.kubernetes.io/name`
   * label that selects its pods. A DNS-1123 subdomain.
   *
   * @default - derived from the construct id: lowercased, other characters as '-'
   */
  readonly name?: string;

  /**
   * The value of the `app.kubernetes.io/instance` label that selects the pods.
   *
   * @default - the name
   */
  readonly instance?: string;

  /**
   * The Deployment's namespace.
   *
   * @default - the Chart's namespace, or none
   */
  readonly namespace?: string;

  /**
   * How many pods run.
   *
   * @default 1
   */
  readonly replicas?: number;

  /**
   * The ports the container listens on. Services exposing the WebApp are wired from them.
   *
   * @default - none
   */
  readonly ports?: ContainerPort[];

  /**
   * Extra labels of the pods (and the Deployment). They do not enter the selector, so
   * they can change on a live cluster.
   *
   * @default - only the selector labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the pods.
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };

  /**
   * The container's name.
   *
   * @default "app"
   */
  readonly containerName?: string;

  /**
   * Environment variables of the container.
   *
   * @default - none
   */
  readonly env?: { [key: string]: string };

  /**
   * The container's entrypoint.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * The entrypoint's arguments.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * CPU and memory requests and limits.
   *
   * @default - none: the namespace's LimitRange defaults, if any
   */
  readonly resources?: ResourceOptions;

  /**
   * The liveness probe: the kubelet restarts the container when it fails.
   *
   * @default - none
   */
  readonly livenessProbe?: ProbeOptions;

  /**
   * The readiness probe: the pod receives Service traffic only while it passes.
   *
   * @default - none
   */
  readonly readinessProbe?: ProbeOptions;

  /**
   * The startup probe: the other probes wait until it passes.
   *
   * @default - none
   */
  readonly startupProbe?: ProbeOptions;

  /**
   * The security context of the pods.
   *
   * @default - the ExposePolicy's securityProfile, which defaults to BASELINE
   */
  readonly securityProfile?: SecurityProfile;
  /**
   * More containers of the pod, beside the main one (after it, in order).
   *
   * @default - none
   */
  readonly containers?: ContainerOptions[];

  /**
   * Native sidecars: init containers with `restartPolicy: Always`, which start before the
   * containers and run beside them for the pod's life. Kubernetes runs them from 1.29: a
   * pinned `kubernetesVersion` below gives the finding container-restart-policy.
   *
   * @default - none
   */
  readonly sidecars?: ContainerOptions[];

  /**
   * The workload that runs the pods. `WorkloadKind.STATEFUL_SET` also emits the governing
   * headless Service (`governingService`), named `serviceName`, wired to the pods.
   *
   * @default WorkloadKind.DEPLOYMENT
   */
  readonly workload?: WorkloadKind;

  /**
   * The name of a StatefulSet's governing headless Service (`spec.serviceName`): the pods'
   * DNS names are `<name>-<ordinal>.<serviceName>.<namespace>.svc.cluster.local`. Only with
   * `workload: WorkloadKind.STATEFUL_SET`.
   *
   * @default - the WebApp's name
   */
  readonly serviceName?: string;
}

/**
 * A Deployment (apps/v1), or a StatefulSet, that declares its pod labels and container ports
 * once. Every Service that exposes it (`expose()`, or `new ExposedService(..., { target })`)
 * is wired from those declarations: selector, ports and named targetPorts.
 *
 * The selector is `app.kubernetes.io/name` and `app.kubernetes.io/instance`, from the
 * name and instance only, so it never changes when other props change or when the
 * construct moves in the tree (a Deployment's selector is immutable on a live cluster).
 *
 * The pod runs the main container (`image`, `ports`, ...), the `containers` and the native
 * `sidecars`; the ports of all of them are the pod's ports.
 *
 * The construct is the workload's cdk8s ApiObject: `ApiObject.of()` returns it, and
 * `addJsonPatch()` patches the manifest (what this library does not model). The manifest the
 * rules check is the manifest it emits, patches included. A `Lazy` in a prop must give the
 * same value each time it is resolved: one that changes between synths is emitted unchecked
 * by the second.
 */
export class WebApp extends CheckedApiObject implements IServiceTarget {
  /** The workload's namespace, when set on it. */
  public readonly namespace?: string;

  /**
   * A StatefulSet's governing headless Service (`spec.serviceName`), wired to its pods.
   *
   * @default - none: a Deployment has none
   */
  public readonly governingService?: ExposedService;

  /** @internal */
  public readonly _kind: string;

  private readonly options: WebAppProps;
  private readonly containerPorts: ContainerPort[];
  private readonly containers: ContainerOptions[];
  private readonly sidecars: ContainerOptions[];
  private readonly instance: string;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    const name = props?.name ?? nameFromId(id);
    const instance = props?.instance ?? name;
    const kind = props?.workload === WorkloadKind.STATEFUL_SET ? WorkloadKind.STATEFUL_SET : WorkloadKind.DEPLOYMENT;
    super(scope, id, {
      apiVersion: 'apps/v1',
      kind,
      name,
      nameDerivedFrom: props?.name === undefined ? id : undefined,
      namespace: props?.namespace,
      labels: { ...(props?.labels ?? {}), ...selectorLabelsOf(name, instance) },
    });
    this._kind = kind;
    this.options = copyProps(props ?? ({} as WebAppProps));
    this.instance = instance;
    this.namespace = this.options.namespace;
    this.containerPorts = this._listProp(this.options.ports, 'ports', 'spec.template.spec.containers[0].ports');
    this.containers = this._listProp(this.options.containers, 'containers', 'spec.template.spec.containers');
    this.sidecars = this._listProp(this.options.sidecars, 'sidecars', 'spec.template.spec.initContainers');
    if (kind === WorkloadKind.STATEFUL_SET) {
      const serviceName = this.options.serviceName ?? name;
      this.governingService = new ExposedService(this, 'headless', { name: serviceName, namespace: this.options.namespace, headless: true, target: this });
    }
  }

  /** The labels that select this WebApp's pods: the workload's and every wired Service's selector. */
  public get selectorLabels(): { [key: string]: string } {
    return selectorLabelsOf(this.name, this.instance);
  }

  /** All labels of the pods: the selector labels and the extra labels. */
  public get podLabels(): { [key: string]: string } {
    return { ...(this.options.labels ?? {}), ...this.selectorLabels };
  }

  /** The pod's ports: the main container's, then the other containers', then the sidecars'. */
  public get ports(): ContainerPort[] {
    const others = [...this.containers, ...this.sidecars].flatMap(c => (isObject(c) && Array.isArray(c.ports) ? c.ports : []));
    return [...this.containerPorts, ...others].map(p => ({ ...p }));
  }

  /** Declares another port of the main container. Services that expose every port see it at synth. */
  public addPort(port: ContainerPort): void {
    this.containerPorts.push(copyProps(port));
    this._modelChanged();
  }

  /** Adds a container to the pod, after the main container and those added before. */
  public addContainer(container: ContainerOptions): void {
    this.containers.push(copyProps(container));
    this._modelChanged();
  }

  /**
   * Adds a native sidecar: an init container with `restartPolicy: Always`, started before the
   * containers and running beside them (Kubernetes 1.29 and later).
   */
  public addSidecar(sidecar: ContainerOptions): void {
    this.sidecars.push(copyProps(sidecar));
    this._modelChanged();
  }

  /**
   * Exposes the WebApp through a new Service, wired to its pods. Call it as often as
   * needed, e.g. once for a ClusterIP and once for a NodePort Service.
   *
   * @param id the Service construct's id; the Service's name derives from it unless given
   */
  public expose(id: string, options: ExposeOptions = {}): ExposedService {
    return new ExposedService(this, id, { ...options, target: this });
  }

  /** The effective namespace of the workload: its own, or its Chart's, or 'default'. */
  public get effectiveNamespace(): string {
    return namespaceOf(this._manifest());
  }

  /** @internal */
  public _constructViolations(): Violation[] {
    const out: Violation[] = [];
    if (this.options.serviceName !== undefined && this._kind !== WorkloadKind.STATEFUL_SET) {
      out.push({ rule: workloadServiceNameUnused.id, field: 'spec.serviceName', message: `serviceName ${show(this.options.serviceName)} has no effect: only a StatefulSet has a governing Service`, fix: 'remove serviceName, or set workload: WorkloadKind.STATEFUL_SET' });
    }
    // a name the API checks per container only: across containers, a named targetPort or probe would pick one of two
    const first = new Map<string, string>();
    for (const { field, ports } of this.podContainers()) {
      const here = new Set<string>();
      ports.forEach((p, j) => {
        if (!isObject(p) || typeof p.name !== 'string' || p.name === '' || here.has(p.name)) return;
        here.add(p.name);
        const before = first.get(p.name);
        if (before === undefined) {
          first.set(p.name, field);
          return;
        }
        out.push({ rule: workloadPortNameUnique.id, field: `${field}.ports[${j}].name`, message: `${show(p.name)} is already a port name of ${before}; a port name is unique in the pod, or a Service's named targetPort reaches whichever container the endpoints controller finds first`, fix: 'rename one of them' });
      });
    }
    return out;
  }

  /** The pod's containers as rendered: their field paths and ports. */
  private podContainers(): Array<{ field: string; ports: ContainerPort[] }> {
    const path = 'spec.template.spec';
    const portsOf = (c: ContainerOptions) => (isObject(c) && Array.isArray(c.ports) ? c.ports : []);
    return [
      { field: `${path}.containers[0]`, ports: this.containerPorts },
      ...this.containers.map((c, i) => ({ field: `${path}.containers[${i + 1}]`, ports: portsOf(c) })),
      ...this.sidecars.map((c, i) => ({ field: `${path}.initContainers[${i}]`, ports: portsOf(c) })),
    ];
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    const p = this.options;
    const profile = p.securityProfile ?? ExposePolicy.of(this)?.securityProfile ?? SecurityProfile.BASELINE;
    const security = containerSecurity(profile);
    const main = renderContainer({ ...p, name: p.containerName ?? 'app', ports: this.containerPorts }, security);
    const containers = [main, ...this.containers.map(c => (isObject(c) ? renderContainer(c, security) : c))];
    const sidecars = this.sidecars.map(c => (isObject(c) ? { ...renderContainer(c, security), restartPolicy: 'Always' } : c));
    return {
      spec: {
        replicas: p.replicas,
        serviceName: this.governingService?.name,
        selector: { matchLabels: this.selectorLabels },
        template: {
          metadata: { labels: this.podLabels, annotations: p.podAnnotations },
          spec: { securityContext: podSecurity(profile), initContainers: sidecars.length ? sidecars : undefined, containers },
        },
      },
    };
  }
}

/** A container as the manifest has it. */
function renderContainer(c: ContainerOptions, securityContext: any): any {
  const env = Object.entries(isObject(c.env) ? c.env : {}).map(([name, value]) => ({ name, value }));
  const ports = Array.isArray(c.ports) ? c.ports : [];
  return {
    name: c.name,
    image: c.image,
    command: c.command,
    args: c.args,
    ports: ports.length ? ports.map(cp => (isObject(cp) ? { containerPort: cp.containerPort, name: cp.name, protocol: cp.protocol } : cp))
      : undefined,
    env: env.length ? env : undefined,
    resources: renderResources(c.resources),
    livenessProbe: renderProbe(c.livenessProbe),
    readinessProbe: renderProbe(c.readinessProbe),
    startupProbe: renderProbe(c.startupProbe),
    securityContext,
  };
}

function selectorLabelsOf(name: string, instance: string): { [key: string]: string } {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': instance };
}

function renderProbe(probe: ProbeOptions | undefined): any {
  if (probe === undefined || probe === null) return undefined;
  if (!isObject(probe)) return probe;
  return {
    httpGet: probe.path !== undefined ? { path: probe.path, port: probe.port } : undefined,
    tcpSocket: probe.path === undefined ? { port: probe.port } : undefined,
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
  };
}

function renderResources(r: ResourceOptions | undefined): any {
  if (r === null || r === undefined) return undefined;
  if (!isObject(r)) return r;
  if (r === undefined) return undefined;
  const pick = (cpu?: string, memory?: string) => {
    if (cpu === undefined && memory === undefined) return undefined;
    return { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) };
  };
  return { requests: pick(r.cpuRequest, r.memoryRequest), limits: pick(r.cpuLimit, r.memoryLimit) };
}

function podSecurity(profile: SecurityProfile): any {
  switch (profile) {
    case SecurityProfile.NONE: return undefined;
    case SecurityProfile.RESTRICTED: return { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    default: return { seccompProfile: { type: 'RuntimeDefault' } };
  }
}

function containerSecurity(profile: SecurityProfile): any {
  switch (profile) {
    case SecurityProfile.NONE: return undefined;
    case SecurityProfile.RESTRICTED: return {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    };
    default: return { allowPrivilegeEscalation: false, privileged: false };
  }
}
