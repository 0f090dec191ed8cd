import { Chart, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Exemptions } from './exemptions';
import { IExposedService, isExposedService } from './exposed-service';
import { ingressBackendNamespace, ingressBackendReferencePort } from './rules/construct';
import { EXTERNAL_SERVICES_ANNOTATION } from './rules/cross-object';
import { checkServicePortRef, ingressBackend } from './rules/ingress';
import { nameFromId } from './rules/names';
import { Violation, show } from './rules/violation';
import { PathType } from './types';
import { Memo, Participant, Registry, renderMetadata } from './wiring/registry';

/**
 * A backend: a Service and one of its ports.
 */
export interface IngressBackendProps {
  /**
   * The Service: an ExposedService of this App, or `ExposedService.fromName(...)` for one
   * defined elsewhere.
   */
  readonly service: IExposedService;

  /**
   * A port number or port name of that Service. It is resolved at synth, so ports added
   * to the Service later count.
   *
   * @default - the Service's only port; required when it has several, or unknown ports
   */
  readonly port?: number | string;
}

/**
 * A path of a route and the backend it goes to.
 */
export interface IngressPath extends IngressBackendProps {
  /**
   * The URL path, e.g. `/api`. Prefix and Exact paths start with '/'.
   */
  readonly path: string;

  /**
   * How the path is matched.
   *
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
}

/**
 * A TLS certificate of a route.
 */
export interface IngressTls {
  /**
   * The Secret (type kubernetes.io/tls) that holds the certificate, a DNS-1123 subdomain.
   */
  readonly secretName: string;

  /**
   * The hosts the certificate serves. Each must be a host of one of the route's rules.
   *
   * @default - the route's host
   */
  readonly hosts?: string[];
}

/**
 * One host of a route and its paths.
 */
export interface IngressRule {
  /**
   * The host, e.g. `app.example.com` or `*.example.com`.
   *
   * @default - any host
   */
  readonly host?: string;

  /**
   * The paths of the host.
   */
  readonly paths: IngressPath[];
}

/**
 * Props of an IngressRoute.
 */
export interface IngressRouteProps {
  /**
   * The Ingress's `metadata.name`, a DNS-1123 subdomain.
   *
   * @default - derived from the construct id
   */
  readonly name?: string;

  /**
   * The Ingress's namespace. Its backends must be in the same namespace.
   *
   * @default - the Chart's namespace, or none
   */
  readonly namespace?: string;

  /**
   * The host the `paths` answer for. Leave it out to match any host.
   *
   * @default - any host
   */
  readonly host?: string;

  /**
   * The paths of `host`.
   *
   * @default - none; add some with addPath(), or more hosts with addHost() or rules
   */
  readonly paths?: IngressPath[];

  /**
   * More hosts, each with its paths, in the same Ingress.
   *
   * @default - none
   */
  readonly rules?: IngressRule[];

  /**
   * Where requests that match no rule go.
   *
   * @default - the controller's own default backend
   */
  readonly defaultBackend?: IngressBackendProps;

  /**
   * The IngressClass that serves the route, e.g. `nginx`.
   *
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;

  /**
   * TLS certificates.
   *
   * @default - no TLS
   */
  readonly tls?: IngressTls[];

  /**
   * Annotations, e.g. for the controller or cert-manager.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Labels of the Ingress.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

interface BackendUse {
  readonly field: string;
  readonly backend: IngressBackendProps;
}

/**
 * A networking.k8s.io/v1 Ingress: hosts and paths routed to Services.
 *
 * Backends are resolved at synth: a port may be left out when the Service has one port,
 * and a named port is checked against the Service's ports. Hosts, paths, TLS and the
 * class are validated as the API server does; duplicate host+path routes across the
 * App are reported.
 */
export class IngressRoute extends Construct implements Participant {
  /** The Ingress's name. */
  public readonly name: string;
  /** The Ingress's namespace, when set on it. */
  public readonly namespace?: string;
  /** The underlying L1 Ingress. */
  public readonly resource: k8s.KubeIngress;

  /** @internal */
  public readonly _kind = 'Ingress';

  private readonly props: IngressRouteProps;
  private readonly rules: Array<{ host?: string; paths: IngressPath[] }> = [];
  private readonly registry: Registry;
  private manifest?: Memo<any>;
  private readonly exemptions: Exemptions;

  constructor(scope: Construct, id: string, props: IngressRouteProps = {}) {
    super(scope, id);
    this.props = props;
    this.name = props.name ?? nameFromId(id);
    this.namespace = props.namespace;
    this.registry = Registry.of(this);
    this.exemptions = new Exemptions(this.registry);
    if (props.host !== undefined || (props.paths ?? []).length > 0) {
      this.rules.push({ host: props.host, paths: [...(props.paths ?? [])] });
    }
    for (const r of props.rules ?? []) this.rules.push({ host: r.host, paths: [...r.paths] });
    this.resource = new k8s.KubeIngress(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, annotations: props.annotations, labels: props.labels },
      spec: Lazy.any({ produce: () => this._manifest().spec }) as any,
    });
    this.node.addValidation({ validate: () => this.registry.validate(this) });
    this.registry.register(this);
  }

  /** Adds a path to the route's host (`props.host`, or any host). */
  public addPath(path: IngressPath): void {
    let rule = this.rules.find(r => r.host === this.props.host);
    if (!rule) {
      rule = { host: this.props.host, paths: [] };
      this.rules.unshift(rule);
    }
    rule.paths.push(path);
    this.registry.touch();
  }

  /** Adds a host with its paths, or paths to a host the route already has. */
  public addHost(host: string, paths: IngressPath[]): void {
    const rule = this.rules.find(r => r.host === host);
    if (rule) rule.paths.push(...paths); else this.rules.push({ host, paths: [...paths] });
    this.registry.touch();
  }

  /**
   * @internal
   * The manifest exactly as it is synthesized (plain JSON), once per change of the model.
   * An Ingress spec has the same shape in plain and L1 form.
   */
  public _manifest(): any {
    this.manifest = this.registry.cached(this.manifest, () => {
      const annotations = this.annotations();
      // the L1 object copies its annotations at construction: give it those added since
      for (const [k, v] of Object.entries(annotations ?? {})) this.resource.metadata.addAnnotation(k, v);
      return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: renderMetadata(this, this.name, this.props.namespace, this.props.labels, annotations),
        spec: this.renderSpec(),
      };
    });
    return this.manifest.value;
  }

  /**
   * Exempts this Ingress from one rule, with the reason: the finding is not reported
   * (the CLI's JSON output lists it as suppressed). Written as the annotation
   * `ignore-check.cdk8s-expose.io/<id>`, so the CLI and the plugin honour it too.
   *
   * @param id the rule's id (see `Rules.all()`)
   * @param reason why the rule does not apply
   */
  public ignoreRule(id: string, reason: string): void {
    this.exemptions.add(id, reason);
  }

  /** @internal */
  public _constructViolations(): Violation[] {
    const out: Violation[] = [];
    const ns = this.ownNamespace() ?? 'default';
    for (const { field, backend } of this.backends()) {
      const svc = backend.service;
      if (isExposedService(svc)) {
        const svcNs = svc.effectiveNamespace;
        if (svcNs !== ns) {
          out.push({ rule: ingressBackendNamespace.id, field: `${field}.service.name`, message: `Service ${show(svc.name)} [${svc.node.path}] is in namespace ${show(svcNs)}, but this Ingress is in ${show(ns)}; an Ingress can only route to Services of its own namespace`, fix: 'move one of them' });
        }
        if (backend.port === undefined) {
          // the port left out: say why it could not be resolved (the object rule only sees it missing)
          for (const i of checkServicePortRef(`${field}.service.port`, svc.name, undefined, svc.ports, ` ([${svc.node.path}])`)) out.push({ ...i, rule: ingressBackend.info.id });
        }
        continue;
      }
      // a Service referenced by name: the analysis cannot see it, the reference knows its namespace and ports
      if ((svc.namespace ?? ns) !== ns) {
        out.push({ rule: ingressBackendNamespace.id, field: `${field}.service.name`, message: `Service ${show(svc.name)} is in namespace ${show(svc.namespace)}, but this Ingress is in ${show(ns)}; an Ingress can only route to Services of its own namespace`, fix: 'move one of them' });
      }
      // a port left out is the backend rule's finding (said better here); a wrong one, the reference's
      const rule = backend.port === undefined ? ingressBackend.info.id : ingressBackendReferencePort.id;
      for (const i of checkServicePortRef(`${field}.service.port`, svc.name, backend.port, svc.portsKnown ? svc.ports : undefined)) out.push({ ...i, rule });
    }
    return out;
  }

  /** The annotations: the user's, the exemptions, and the Services this route declares as defined outside the App. */
  private annotations(): { [key: string]: string } | undefined {
    const outside = [...new Set(this.backends().map(b => b.backend.service).filter(s => !isExposedService(s)).map(s => s.name))];
    const own = outside.length ? { ...(this.props.annotations ?? {}), [EXTERNAL_SERVICES_ANNOTATION]: outside.join(',') } : this.props.annotations;
    return this.exemptions.annotate(own);
  }

  private ownNamespace(): string | undefined {
    return this.props.namespace ?? Chart.of(this).namespace;
  }

  private backends(): BackendUse[] {
    const out: BackendUse[] = [];
    if (this.props.defaultBackend) out.push({ field: 'spec.defaultBackend', backend: this.props.defaultBackend });
    this.rules.forEach((r, i) => r.paths.forEach((p, j) => out.push({ field: `spec.rules[${i}].http.paths[${j}].backend`, backend: p })));
    return out;
  }

  private renderSpec(): k8s.IngressSpec {
    const p = this.props;
    const defaultHost = p.host;
    return {
      ingressClassName: p.ingressClassName,
      defaultBackend: p.defaultBackend ? renderBackend(p.defaultBackend) : undefined,
      rules: this.rules.length ? this.rules.map(r => ({
        host: r.host,
        http: {
          paths: r.paths.map(path => ({
            path: path.path,
            pathType: path.pathType ?? PathType.PREFIX,
            backend: renderBackend(path),
          })),
        },
      })) : undefined,
      tls: p.tls?.map(t => ({
        secretName: t.secretName,
        hosts: t.hosts ?? (defaultHost !== undefined ? [defaultHost] : undefined),
      })),
    };
  }
}

function renderBackend(b: IngressBackendProps): k8s.IngressBackend {
  let port = b.port;
  if (port === undefined && b.service.portsKnown && b.service.ports.length === 1) {
    port = b.service.ports[0].port;
  }
  return {
    service: {
      name: b.service.name,
      port: port === undefined ? undefined : (typeof port === 'number' ? { number: port } : { name: port }),
    },
  };
}
