import { Construct } from 'constructs';
import { CheckedApiObject, copyProps, isObject } from './checked-api-object';
import { ExposeOptions, ExposedService } from './exposed-service';
import { ExposePolicy } from './policy';
import { IServiceTarget } from './service-target';
import { ContainerPort, SecurityProfile } from './types';
import { namespaceOf } from '../model/object';
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
}

/**
 * A Deployment (apps/v1) that declares its pod labels and container ports once. Every
 * Service that exposes it (`expose()`, or `new ExposedService(..., { target })`) is
 * wired from those declarations: selector, ports and named targetPorts.
 *
 * The selector is `app.kubernetes.io/name` and `app.kubernetes.io/instance`, from the
 * name and instance only, so it never changes when other props change or when the
 * construct moves in the tree (a Deployment's selector is immutable on a live cluster).
 *
 * The construct is the Deployment's cdk8s ApiObject: `ApiObject.of()` returns it, and
 * `addJsonPatch()` patches the emitted manifest after validation (what this library does
 * not model). The manifest the rules check is the manifest it emits.
 */
export class WebApp extends CheckedApiObject implements IServiceTarget {
  /** The Deployment's namespace, when set on it. */
  public readonly namespace?: string;

  /** @internal */
  public readonly _kind = 'Deployment';

  private readonly options: WebAppProps;
  private readonly containerPorts: ContainerPort[];
  private readonly instance: string;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    const name = props.name ?? nameFromId(id);
    const instance = props.instance ?? name;
    super(scope, id, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name,
      nameDerivedFrom: props.name === undefined ? id : undefined,
      namespace: props.namespace,
      labels: { ...(props.labels ?? {}), ...selectorLabelsOf(name, instance) },
    });
    this.options = copyProps(props ?? ({} as WebAppProps));
    this.instance = instance;
    this.namespace = props.namespace;
    this.containerPorts = this._listProp(this.options.ports, 'ports', 'spec.template.spec.containers[0].ports');
  }

  /** The labels that select this WebApp's pods: the Deployment's and every wired Service's selector. */
  public get selectorLabels(): { [key: string]: string } {
    return selectorLabelsOf(this.name, this.instance);
  }

  /** All labels of the pods: the selector labels and the extra labels. */
  public get podLabels(): { [key: string]: string } {
    return { ...(this.options.labels ?? {}), ...this.selectorLabels };
  }

  /** The container's ports. */
  public get ports(): ContainerPort[] {
    return this.containerPorts.map(p => ({ ...p }));
  }

  /** Declares another container port. Services that expose every port see it at synth. */
  public addPort(port: ContainerPort): void {
    this.containerPorts.push(copyProps(port));
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

  /** The effective namespace of the Deployment: its own, or its Chart's, or 'default'. */
  public get effectiveNamespace(): string {
    return namespaceOf(this._manifest());
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    const p = this.options;
    const profile = p.securityProfile ?? ExposePolicy.of(this)?.securityProfile ?? SecurityProfile.BASELINE;
    const env = Object.entries(p.env ?? {}).map(([name, value]) => ({ name, value }));
    const container = {
      name: p.containerName ?? 'app',
      image: p.image,
      command: p.command,
      args: p.args,
      ports: this.containerPorts.length
        ? this.containerPorts.map(cp => (isObject(cp) ? { containerPort: cp.containerPort, name: cp.name, protocol: cp.protocol } : cp))
        : undefined,
      env: env.length ? env : undefined,
      resources: renderResources(p.resources),
      livenessProbe: renderProbe(p.livenessProbe),
      readinessProbe: renderProbe(p.readinessProbe),
      startupProbe: renderProbe(p.startupProbe),
      securityContext: containerSecurity(profile),
    };
    return {
      spec: {
        replicas: p.replicas,
        selector: { matchLabels: this.selectorLabels },
        template: {
          metadata: { labels: this.podLabels, annotations: p.podAnnotations },
          spec: { securityContext: podSecurity(profile), containers: [container] },
        },
      },
    };
  }
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
