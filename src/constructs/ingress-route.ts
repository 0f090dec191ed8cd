import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckedApiObject, copyProps, isObject } from './checked-api-object';
import { IExposedService, isExposedService, referencePortProblems } from './exposed-service';
import { PathType, ServicePort } from './types';
import { Violation } from '../model/finding';
import { show } from '../model/plain';
import { CheckContext, KnownService } from '../model/rule';
import { ingressBackendNamespace, ingressBackendReferencePort, objectPropType } from '../rules/construct';
import { EXTERNAL_SERVICES_ANNOTATION } from '../rules/external-services';
import { nameFromId } from '../rules/formats';
import { checkServicePortRef } from '../rules/ingress';

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

interface RouteRule {
  readonly host?: string;
  readonly paths: IngressPath[];
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
 *
 * The construct is the Ingress's cdk8s ApiObject: `ApiObject.of()` returns it, and
 * `addJsonPatch()` patches the manifest (what this library does not model). The manifest the
 * rules check is the manifest it emits, patches included. A `Lazy` in a prop must give the
 * same value each time it is resolved: one that changes between synths is emitted unchecked
 * by the second.
 */
export class IngressRoute extends CheckedApiObject {
  /** The Ingress's namespace, when set on it. */
  public readonly namespace?: string;

  /** @internal */
  public readonly _kind = 'Ingress';

  private readonly options: IngressRouteProps;
  private readonly rules: RouteRule[] = [];
  /** The first rule of each host, so adding paths is not a scan of the rules. */
  private readonly ruleOfHost = new Map<string | undefined, RouteRule>();

  constructor(scope: Construct, id: string, props: IngressRouteProps = {}) {
    super(scope, id, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      name: props?.name ?? nameFromId(id),
      nameDerivedFrom: props?.name === undefined ? id : undefined,
      namespace: props?.namespace,
      labels: props?.labels,
      annotations: props?.annotations,
    });
    this.options = copyProps(props ?? {});
    props = this.options;
    this.namespace = props.namespace;
    this._listProp(props.tls, 'tls', 'spec.tls');
    const paths = this._listProp<IngressPath>(props.paths, 'paths', 'spec.rules[0].http.paths');
    if (props.host !== undefined || paths.length > 0) this.addRule({ host: props.host, paths }, false);
    this._listProp<IngressRule>(props.rules, 'rules', 'spec.rules').forEach((r, i) => {
      const rule = r ?? ({} as IngressRule);
      this.addRule({ host: rule.host, paths: this._listProp(rule.paths, `rules[${i}].paths`, `spec.rules[${i}].http.paths`) }, false);
    });
  }

  /** @internal the hosts and paths, default backend, TLS and annotations as given (HttpRoute.fromIngressRoute reads them) */
  public _routeModel(): {
    readonly rules: ReadonlyArray<{ readonly host?: string; readonly paths: readonly IngressPath[] }>;
    readonly defaultBackend?: IngressBackendProps;
    readonly tls?: readonly IngressTls[];
    readonly annotations?: { readonly [key: string]: string };
  } {
    return { rules: this.rules, defaultBackend: this.options.defaultBackend, tls: this.options.tls, annotations: this.options.annotations };
  }

  /** Adds a path to the route's host (`props.host`, or any host). */
  public addPath(path: IngressPath): void {
    const rule = this.ruleOfHost.get(this.options.host);
    if (rule) rule.paths.push(copyProps(path)); else this.addRule({ host: this.options.host, paths: [copyProps(path)] }, true);
    this._modelChanged();
  }

  /** Adds a host with its paths, or paths to a host the route already has. */
  public addHost(host: string, paths: IngressPath[]): void {
    const rule = this.ruleOfHost.get(host);
    const added = copyProps(this._listProp<IngressPath>(paths, `addHost(${show(host)}) paths`, 'spec.rules'));
    if (rule) rule.paths.push(...added); else this.addRule({ host, paths: added }, false);
    this._modelChanged();
  }

  private addRule(rule: RouteRule, first: boolean): void {
    if (first) this.rules.unshift(rule); else this.rules.push(rule);
    if (!this.ruleOfHost.has(rule.host)) this.ruleOfHost.set(rule.host, rule);
  }

  /** @internal */
  public _constructViolations(): Violation[] {
    const out: Violation[] = [];
    const ns = this.ownNamespace() ?? 'default';
    const portsOf = knownPorts();
    for (const { field, backend } of this.backends()) {
      const svc = backend.service;
      for (const message of referencePortProblems(svc)) {
        out.push({ rule: objectPropType.id, field: `${field}.service.port`, message, fix: 'pass ports as a list of { port, name, protocol }, or leave ports out' });
      }
      if (isExposedService(svc)) {
        const svcNs = svc.effectiveNamespace;
        if (svcNs !== ns) {
          out.push({ rule: ingressBackendNamespace.id, field: `${field}.service.name`, message: `Service ${show(svc.name)} [${svc.node.path}] is in namespace ${show(svcNs)}, but this Ingress is in ${show(ns)}; an Ingress can only route to Services of its own namespace`, fix: 'move one of them' });
        }
        continue;
      }
      // a Service referenced by name: the analysis cannot see it, the reference knows its namespace and ports
      if ((svc.namespace ?? ns) !== ns) {
        out.push({ rule: ingressBackendNamespace.id, field: `${field}.service.name`, message: `Service ${show(svc.name)} is in namespace ${show(svc.namespace)}, but this Ingress is in ${show(ns)}; an Ingress can only route to Services of its own namespace`, fix: 'move one of them' });
      }
      // a port left out is the backend rule's finding (it reads the ports from the context); a wrong one, the reference's
      if (backend.port !== undefined) {
        for (const i of checkServicePortRef(`${field}.service.port`, svc.name, backend.port, portsOf(svc))) out.push({ ...i, rule: ingressBackendReferencePort.id });
      }
    }
    return out;
  }

  /**
   * @internal
   * The object rules learn the Services the backends hold: a port left out is explained by them.
   */
  public _checkContext(base: CheckContext): CheckContext {
    const portsOf = knownPorts();
    const byField = new Map<string, KnownService>();
    for (const { field, backend } of this.backends()) {
      const svc = backend.service;
      byField.set(field, { ports: portsOf(svc), where: isExposedService(svc) ? ` ([${svc.node.path}])` : '' });
    }
    return { ...super._checkContext(base), backendService: field => byField.get(field) };
  }

  /**
   * @internal
   * The Services this route declares as defined outside the App, so that the CLI and the
   * plugin, which see only the YAML, do not report them missing.
   */
  protected _extraAnnotations(): { [key: string]: string } | undefined {
    const outside = [...new Set(this.backends().map(b => b.backend.service).filter(s => !isExposedService(s)).map(s => s.name))];
    return outside.length ? { [EXTERNAL_SERVICES_ANNOTATION]: outside.join(',') } : undefined;
  }

  private ownNamespace(): string | undefined {
    return this.options.namespace ?? Chart.of(this).namespace;
  }

  private backends(): BackendUse[] {
    const out: BackendUse[] = [];
    const def = this.options.defaultBackend;
    if (isObject(def) && isObject(def.service)) out.push({ field: 'spec.defaultBackend', backend: def as IngressBackendProps });
    // an entry or a service that is not an object (from JavaScript) is the object rules' finding
    this.rules.forEach((r, i) => r.paths.forEach((p, j) => {
      if (isObject(p) && isObject(p.service)) out.push({ field: `spec.rules[${i}].http.paths[${j}].backend`, backend: p });
    }));
    return out;
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    const p = this.options;
    const defaultHost = p.host;
    const portsOf = knownPorts();
    const spec = {
      ingressClassName: p.ingressClassName,
      defaultBackend: p.defaultBackend ? renderBackend(p.defaultBackend, portsOf) : undefined,
      rules: this.rules.length ? this.rules.map(r => ({
        host: r.host,
        http: {
          paths: r.paths.map(path => (!isObject(path) ? path : {
            path: path.path,
            pathType: path.pathType ?? PathType.PREFIX,
            backend: renderBackend(path, portsOf),
          })),
        },
      })) : undefined,
      tls: !Array.isArray(p.tls) ? undefined : p.tls.map(t => (!isObject(t) ? t : {
        secretName: t.secretName,
        hosts: t.hosts ?? (defaultHost !== undefined ? [defaultHost] : undefined),
      })),
    };
    return { spec };
  }
}

/**
 * The ports of each Service, read once per pass: `ports` is a getter that builds its list,
 * and a route may have thousands of backends to one Service.
 */
function knownPorts(): (svc: IExposedService) => ServicePort[] | undefined {
  const seen = new Map<IExposedService, ServicePort[] | undefined>();
  return svc => {
    if (!seen.has(svc)) seen.set(svc, svc.portsKnown ? svc.ports : undefined);
    return seen.get(svc);
  };
}

function renderBackend(b: IngressBackendProps, portsOf: (svc: IExposedService) => ServicePort[] | undefined): any {
  if (!isObject(b)) return b;
  if (!isObject(b.service)) return { service: { name: undefined, port: undefined } };
  let port = b.port;
  const ports = port === undefined ? portsOf(b.service) : undefined;
  if (ports?.length === 1 && isObject(ports[0])) port = ports[0].port;
  return {
    service: {
      name: b.service.name,
      port: port === undefined ? undefined : (typeof port === 'number' ? { number: port } : { name: port }),
    },
  };
}
