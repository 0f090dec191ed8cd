import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckedApiObject, copyProps, isObject } from './checked-api-object';
import { IExposedService, emitsReferenceGrant, isExposedService, referencePortProblems } from './exposed-service';
import { routesOfIngress } from './from-ingress-route';
import { GatewayListener, IGateway, isGateway, renderListener } from './gateway';
import { IngressRoute } from './ingress-route';
import { isListenerSet } from './listener-set';
import { Issue, Violation } from '../model/finding';
import { show } from '../model/plain';
import { objectPropType } from '../rules/construct';
import { EXTERNAL_SERVICES_ANNOTATION } from '../rules/external-services';
import { nameFromId } from '../rules/formats';
import { httpRouteBackendReferencePort, httpRouteRuleAction } from '../rules/gateway-construct';
import { GATEWAY_GROUP } from '../rules/gateway-shared';
import { attachmentIssues, listenerViews, httpRouteHostnameListener, httpRouteNamespaceAllowed, httpRouteSectionName } from '../rules/http-route-wiring';
import { checkServicePortRef } from '../rules/ingress';

/**
 * How a rule's path is matched.
 */
export enum HttpPathType {
  /** The path and every path under it, by '/'-separated segments. */
  PATH_PREFIX = 'PathPrefix',
  /** Exactly the path. */
  EXACT = 'Exact',
  /** A regular expression (implementation-specific support). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/**
 * A backend of a rule: a Service, one of its ports, and a weight.
 */
export interface HttpBackend {
  /**
   * The Service: an ExposedService of this App, or `ExposedService.fromName(...)` for one
   * defined elsewhere. In another namespace than the route, a ReferenceGrant is emitted
   * when both are in the App, or when the reference sets `emitReferenceGrant`.
   */
  readonly service: IExposedService;

  /**
   * A port number or port name of the Service, resolved to the number at synth (the
   * Gateway API takes numbers only).
   *
   * @default - the Service's only port; required when it has several, or unknown ports
   */
  readonly port?: number | string;

  /**
   * The share of requests this backend gets, relative to the rule's other backends,
   * 0-1,000,000. 0 sends it nothing.
   *
   * @default 1
   */
  readonly weight?: number;
}

/**
 * A redirect answered by the Gateway itself (the RequestRedirect filter).
 */
export interface HttpRedirect {
  /**
   * The scheme of the Location header: `http` or `https`.
   *
   * @default - the request's scheme
   */
  readonly scheme?: string;

  /**
   * The hostname of the Location header.
   *
   * @default - the request's hostname
   */
  readonly hostname?: string;

  /**
   * The port of the Location header, 1-65535.
   *
   * @default - the well-known port of the scheme, or the listener's port
   */
  readonly port?: number;

  /**
   * The HTTP status code: 301, 302, 303, 307 or 308 (303, 307 and 308 need Gateway API
   * v1.1 or later; v1.0 allowed only 301 and 302).
   *
   * @default 302
   */
  readonly statusCode?: number;
}

/**
 * One rule of an HttpRoute: what it matches and where it sends the request.
 */
export interface HttpRouteRule {
  /**
   * The path to match.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * How the path is matched.
   *
   * @default HttpPathType.PATH_PREFIX
   */
  readonly pathType?: HttpPathType;

  /**
   * Headers the request must have, exactly: name to value. Names are case-insensitive.
   *
   * @default - no header match
   */
  readonly headers?: { [name: string]: string };

  /**
   * The HTTP method the request must have: GET, HEAD, POST, PUT, DELETE, CONNECT,
   * OPTIONS, TRACE or PATCH.
   *
   * @default - any method
   */
  readonly method?: string;

  /**
   * The one backend Service: shorthand for `backends: [{ service, port }]`. Not with
   * `backends` or `redirect`.
   *
   * @default - none; use backends or redirect
   */
  readonly service?: IExposedService;

  /**
   * The port of `service`: a number or a port name, resolved at synth.
   *
   * @default - the Service's only port
   */
  readonly port?: number | string;

  /**
   * The backends, weighted. Not with `service` or `redirect`.
   *
   * @default - none; use service or redirect
   */
  readonly backends?: HttpBackend[];

  /**
   * Answer with a redirect instead of routing to backends. Not with `service` or `backends`.
   *
   * @default - no redirect
   */
  readonly redirect?: HttpRedirect;

  /**
   * The time the Gateway waits for the whole response (`timeouts.request`), in seconds.
   *
   * @default - the implementation's default
   */
  readonly timeoutSeconds?: number;
}

/**
 * Options of `HttpRoute.fromIngressRoute`.
 */
export interface FromIngressRouteOptions {
  /** The Gateway the routes attach to. */
  readonly gateway: IGateway;
  /**
   * The listener of the Gateway to attach to.
   *
   * @default - every listener that admits the routes
   */
  readonly sectionName?: string;
}

/**
 * Props of an HttpRoute.
 */
export interface HttpRouteProps {
  /**
   * The HTTPRoute's `metadata.name`.
   *
   * @default - derived from the construct id
   */
  readonly name?: string;

  /**
   * The HTTPRoute's namespace. The Gateway's listeners must admit it.
   *
   * @default - the Chart's namespace, or none
   */
  readonly namespace?: string;

  /**
   * The Gateway the route attaches to: a Gateway of this App, or `Gateway.fromName(...)`; or a
   * ListenerSet of this App, whose listeners the route then attaches to.
   */
  readonly gateway: IGateway;

  /**
   * The listener of the Gateway to attach to.
   *
   * @default - every listener that admits the route
   */
  readonly sectionName?: string;

  /**
   * The hostnames the route answers for, at most 16, e.g. `app.example.com` or
   * `*.example.com`; they must intersect a listener's hostname.
   *
   * @default - the listeners' hostnames
   */
  readonly hostnames?: string[];

  /**
   * The rules; add more with addRule().
   */
  readonly rules: HttpRouteRule[];

  /**
   * Labels of the HTTPRoute.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the HTTPRoute.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** A backend as the construct resolves it. */
interface BackendUse {
  readonly field: string;
  readonly backend: HttpBackend;
}

/**
 * A gateway.networking.k8s.io/v1 HTTPRoute: rules (path, headers, method) routed to
 * Services, or redirected, on a Gateway's listeners. Backends resolve at synth (port
 * names to numbers); a backend in another namespace of the App gets its ReferenceGrant.
 * Validated as the standard-channel CRD does, and wired to its Gateway and Services.
 */
export class HttpRoute extends CheckedApiObject {
  /**
   * The HttpRoutes of an IngressRoute's hosts and paths, one per host (a route has one set of
   * hostnames; the paths of any host and the default backend make a route without hostnames),
   * in its namespace, attached to `options.gateway`. What does not carry over is a
   * `convert-untranslated` warning on the route: ImplementationSpecific paths (PathPrefix
   * matches whole path elements), TLS (a listener terminates it) and nginx annotations.
   * The IngressRoute stays until you remove it: move one route at a time.
   */
  public static fromIngressRoute(scope: Construct, idPrefix: string, ingressRoute: IngressRoute,
    options: FromIngressRouteOptions): HttpRoute[] {
    const routes = routesOfIngress(ingressRoute);
    return routes.map(r => {
      const id = routes.length === 1 ? idPrefix : `${idPrefix}-${r.host === undefined ? 'any-host' : r.host.replace(/[^a-zA-Z0-9]+/g, '-')}`;
      const route = new HttpRoute(scope, id, {
        gateway: options.gateway,
        ...(options.sectionName !== undefined ? { sectionName: options.sectionName } : {}),
        ...(ingressRoute.namespace !== undefined ? { namespace: ingressRoute.namespace } : {}),
        ...(r.host !== undefined ? { hostnames: [r.host] } : {}),
        rules: r.rules.map(x => ({ ...x, pathType: x.pathType as HttpPathType })),
      });
      route.carried.push(...r.carried);
      return route;
    });
  }

  /** The HTTPRoute's namespace, when set on it. */
  public readonly namespace?: string;
  /** The Gateway it attaches to. */
  public readonly gateway: IGateway;

  /** @internal */
  public readonly _kind = 'HTTPRoute';

  private readonly routeProps: HttpRouteProps;
  private readonly routeRules: HttpRouteRule[];
  private readonly grants = new Map<string, ReferenceGrantObject>();
  /** What did not carry over from an IngressRoute (fromIngressRoute). */
  private readonly carried: Violation[] = [];

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    const p = props ?? ({} as HttpRouteProps);
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'HTTPRoute',
      name: p.name ?? nameFromId(id),
      nameDerivedFrom: p.name === undefined ? id : undefined,
      namespace: p.namespace,
      labels: p.labels,
      annotations: p.annotations,
    });
    this.routeProps = copyProps(p);
    this.namespace = p.namespace;
    this.gateway = p.gateway;
    this.routeRules = Array.isArray(this.routeProps.rules) ? [...this.routeProps.rules] : [];
    this.routeRules.forEach(r => this.addGrants(r));
  }

  /** Adds a rule. */
  public addRule(rule: HttpRouteRule): void {
    const copy = copyProps(rule);
    this.routeRules.push(copy);
    this.addGrants(copy);
    this._modelChanged();
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    return {
      spec: {
        parentRefs: [this.parentRef()],
        hostnames: this.routeProps.hostnames,
        rules: this.routeRules.length ? this.routeRules.map(r => this.renderRule(r)) : undefined,
      },
    };
  }

  /** @internal */
  public _constructViolations(): Violation[] {
    const out: Violation[] = [];
    const add = (rule: string, i: Issue) => out.push({ ...i, rule });
    if (this.routeRules.length === 0) {
      add(httpRouteRuleAction.id, { field: 'spec.rules', message: 'an HttpRoute needs at least one rule (without one, the CRD default matches every request and has no backend: 500)', fix: 'pass rules, or call addRule() with a service, backends or a redirect' });
    }
    this.routeRules.forEach((r, i) => {
      const f = `spec.rules[${i}]`;
      const rule = r ?? {};
      const hasBackends = rule.backends !== undefined && rule.backends !== null;
      const hasService = rule.service !== undefined && rule.service !== null;
      const hasRedirect = rule.redirect !== undefined && rule.redirect !== null;
      if (hasService && hasBackends) add(httpRouteRuleAction.id, { field: `${f}.backendRefs`, message: `rule ${i} sets both service and backends: service is shorthand for one backend`, fix: 'choose one: service (and port), or backends' });
      if (hasRedirect && (hasService || hasBackends)) add(httpRouteRuleAction.id, { field: `${f}.filters`, message: `rule ${i} sets redirect together with ${hasService ? 'service' : 'backends'}: a redirect answers the client itself, backends would never be used`, fix: 'choose one: redirect, or service/backends' });
      if (!hasRedirect && !hasService && !hasBackends) add(httpRouteRuleAction.id, { field: f, message: `rule ${i} has no service, backends or redirect: the Gateway answers 500 to every request it matches`, fix: 'set service (and port), backends, or redirect' });
      if (!hasService && rule.port !== undefined) add(httpRouteRuleAction.id, { field: `${f}.backendRefs`, message: `rule ${i} sets port ${show(rule.port)} without service: port belongs to the service shorthand`, fix: 'set service, or give the port in backends' });
      if (hasBackends && !Array.isArray(rule.backends)) add(httpRouteRuleAction.id, { field: `${f}.backendRefs`, message: `rule ${i}: backends ${show(rule.backends)} is not a list`, fix: 'pass a list of { service, port, weight }' });
      if (hasBackends && Array.isArray(rule.backends)) {
        rule.backends.forEach((b, j) => {
          if (!isObject(b)) add(objectPropType.id, { field: `${f}.backendRefs`, message: `prop rules[${i}].backends[${j}]: ${show(b)} is not a backend`, fix: 'pass { service, port, weight }, or leave the entry out' });
        });
      }
    });
    for (const { field, backend } of this.backends()) {
      const svc = backend.service;
      if (svc === undefined || svc === null || typeof svc.name !== 'string') {
        add(httpRouteRuleAction.id, { field: `${field}.name`, message: `${show(svc)} is not a Service`, fix: 'pass an ExposedService, or ExposedService.fromName(...)' });
        continue;
      }
      for (const message of referencePortProblems(svc)) {
        add(objectPropType.id, { field: `${field}.port`, message, fix: 'pass ports as a list of { port, name, protocol }, or leave ports out' });
      }
      const ports = svc.portsKnown ? svc.ports : undefined;
      if (typeof backend.port === 'number' && isExposedService(svc)) continue; // the app rule checks it against the Service
      for (const i of checkServicePortRef(`${field}.port`, svc.name, backend.port, ports)) add(httpRouteBackendReferencePort.id, i);
    }
    // a Gateway referenced by name with listeners: the attachment checks on those
    const gw = this.gateway;
    if (gw !== undefined && gw !== null && !isGateway(gw) && !isListenerSet(gw) && Array.isArray(gw.listeners)) {
      const m = this._manifest();
      const ref = m.spec.parentRefs[0];
      const ids: { [check: string]: string } = {
        section: httpRouteSectionName.id,
        namespace: httpRouteNamespaceAllowed.id,
        hostname: httpRouteHostnameListener.id,
      };
      const views = listenerViews({ spec: { listeners: gw.listeners.map((l: GatewayListener) => renderListener(l)) } });
      for (const found of attachmentIssues(m, ref, 'spec.parentRefs[0]', this.gatewayNamespace(), gw.name, views)) add(ids[found.check], found.issue);
    }
    out.push(...this.carried);
    return out;
  }

  /** The route's effective namespace. */
  private ownNamespace(): string {
    return this.routeProps.namespace ?? Chart.of(this).namespace ?? 'default';
  }

  private gatewayNamespace(): string {
    const gw = this.gateway;
    if (isGateway(gw) || isListenerSet(gw)) return gw.effectiveNamespace;
    return gw?.namespace ?? this.ownNamespace();
  }

  private parentRef(): any {
    const gw = this.gateway;
    const ns = this.gatewayNamespace();
    return {
      group: GATEWAY_GROUP,
      kind: isListenerSet(gw) ? 'ListenerSet' : 'Gateway',
      name: gw?.name,
      namespace: ns !== this.ownNamespace() ? ns : undefined,
      sectionName: this.routeProps.sectionName,
    };
  }

  /** Every backend of the rules, with its field path. */
  private backends(): BackendUse[] {
    const out: BackendUse[] = [];
    this.routeRules.forEach((r, i) => ruleBackends(r).forEach((b, j) => out.push({ field: `spec.rules[${i}].backendRefs[${j}]`, backend: b })));
    return out;
  }

  /** The namespace of a Service as the route sees it. */
  private serviceNamespace(svc: IExposedService): string {
    if (isExposedService(svc)) return svc.effectiveNamespace;
    return svc.namespace ?? this.ownNamespace();
  }

  /** The user's annotations, the exemptions, and the Services this route declares as defined outside the App. */
  /** @internal the backends referenced by name, declared outside the App for the CLI and the plugin */
  protected _extraAnnotations(): { [key: string]: string } | undefined {
    const outside = new Set<string>();
    for (const { backend } of this.backends()) {
      const svc = backend.service;
      if (svc === undefined || svc === null || isExposedService(svc) || typeof svc.name !== 'string') continue;
      const ns = this.serviceNamespace(svc);
      outside.add(ns === this.ownNamespace() ? svc.name : `${ns}/${svc.name}`);
    }
    return outside.size ? { [EXTERNAL_SERVICES_ANNOTATION]: [...outside].join(',') } : undefined;
  }

  /**
   * The ReferenceGrants this route emits, one per namespace of its backends in another
   * namespace (of the App, or referenced with `emitReferenceGrant`): an escape hatch, e.g.
   * to add labels or a JSON patch.
   */
  public get referenceGrants(): ApiObject[] {
    return [...this.grants.values()];
  }

  /** Emits a ReferenceGrant for each backend in another namespace of the App (or whose reference asks for it). */
  private addGrants(rule: HttpRouteRule): void {
    for (const b of ruleBackends(rule)) {
      const svc = b?.service;
      if (!this.grantsTo(svc)) continue;
      const ns = this.serviceNamespace(svc);
      if (ns === this.ownNamespace() || this.grants.has(ns)) continue;
      this.grants.set(ns, new ReferenceGrantObject(this, `ReferenceGrant-${ns}`, this, ns));
    }
  }

  /** @internal the Services of this route in a namespace, for its ReferenceGrant */
  public _servicesIn(ns: string): string[] {
    const names = new Set<string>();
    for (const { backend } of this.backends()) {
      const svc = backend.service;
      if (this.grantsTo(svc) && this.serviceNamespace(svc) === ns) names.add(svc.name);
    }
    return [...names].sort();
  }

  /** Whether this route emits the ReferenceGrant of a backend Service (when it is in another namespace). */
  private grantsTo(svc: IExposedService | undefined): svc is IExposedService {
    if (svc === undefined || svc === null) return false;
    return isExposedService(svc) || (emitsReferenceGrant(svc) && typeof svc.name === 'string');
  }

  /** @internal the route's namespace, for its ReferenceGrants */
  public get _namespace(): string {
    return this.ownNamespace();
  }

  private renderRule(rule: HttpRouteRule): any {
    const r: HttpRouteRule = rule ?? {};
    const headers = r.headers !== undefined && r.headers !== null && typeof r.headers === 'object'
      ? Object.entries(r.headers).map(([name, value]) => ({ type: 'Exact', name, value })) : r.headers;
    const backends = ruleBackends(r);
    return {
      matches: [{
        path: { type: r.pathType ?? HttpPathType.PATH_PREFIX, value: r.path ?? '/' },
        headers,
        method: r.method,
      }],
      filters: r.redirect !== undefined && r.redirect !== null ? [{ type: 'RequestRedirect', requestRedirect: { ...r.redirect } }] : undefined,
      backendRefs: backends.length ? backends.map(b => this.renderBackend(b)) : undefined,
      timeouts: r.timeoutSeconds === undefined ? undefined : { request: renderSeconds(r.timeoutSeconds) },
    };
  }

  private renderBackend(b: HttpBackend): any {
    const svc = b?.service;
    if (svc === undefined || svc === null) return { name: svc };
    const ns = this.serviceNamespace(svc);
    return {
      name: svc.name,
      namespace: ns !== this.ownNamespace() ? ns : undefined,
      port: resolvePort(svc, b.port),
      weight: b.weight,
    };
  }
}

/** The backends of a rule: the service shorthand, or the list. */
function ruleBackends(rule: HttpRouteRule | undefined): HttpBackend[] {
  if (rule === undefined || rule === null) return [];
  if (rule.service !== undefined && rule.service !== null) return [{ service: rule.service, port: rule.port }];
  return Array.isArray(rule.backends) ? rule.backends.filter(b => b !== undefined && b !== null) : [];
}

/** A port reference resolved to a number: a name through the Service's ports, none through its only port. */
function resolvePort(svc: IExposedService, port: number | string | undefined): unknown {
  const ports = svc.portsKnown ? svc.ports : [];
  if (port === undefined) return ports.length === 1 ? ports[0].port : undefined;
  if (typeof port === 'string') return ports.find(p => p.name === port)?.port ?? port;
  return port;
}

/** Seconds as a Gateway API duration: whole seconds as `Ns`, fractions as milliseconds; anything else as given. */
function renderSeconds(seconds: unknown): unknown {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return String(seconds);
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`;
}

/**
 * The ReferenceGrant an HttpRoute emits in the namespace of its backends in another
 * namespace: from HTTPRoutes of the route's namespace to those Services.
 */
class ReferenceGrantObject extends CheckedApiObject {
  public readonly _kind = 'ReferenceGrant';

  constructor(scope: Construct, id: string, private readonly route: HttpRoute, private readonly targetNamespace: string) {
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1beta1`,
      kind: 'ReferenceGrant',
      name: `${route.name}-${route._namespace}`.slice(0, 253),
      namespace: targetNamespace,
    });
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    return {
      spec: {
        from: [{ group: GATEWAY_GROUP, kind: 'HTTPRoute', namespace: this.route._namespace }],
        to: this.route._servicesIn(this.targetNamespace).map(name => ({ group: '', kind: 'Service', name })),
      },
    };
  }
}
