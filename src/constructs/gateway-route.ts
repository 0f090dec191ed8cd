import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckedApiObject } from './checked-api-object';
import { IExposedService, emitsReferenceGrant, isExposedService } from './exposed-service';
import { GatewayListener, IGateway, isGateway, renderListener } from './gateway';
import { Issue, Violation } from '../model/finding';
import { show } from '../model/plain';
import { EXTERNAL_SERVICES_ANNOTATION } from '../rules/external-services';
import { GATEWAY_GROUP } from '../rules/gateway-shared';
import { attachmentIssues, listenerViews } from '../rules/http-route-wiring';
import { checkServicePortRef } from '../rules/ingress';

/*
 * What the GrpcRoute and TlsRoute constructs share: the parentRef to their Gateway (of the App,
 * or `Gateway.fromName`), backends resolved to Service port numbers, the ReferenceGrants of
 * backends in other namespaces of the App, the Services referenced by name declared outside the
 * App, and the attachment checks on the listeners a `Gateway.fromName` reference declares.
 */

/**
 * A backend of a GrpcRoute or TlsRoute: a Service, one of its ports, and a weight.
 */
export interface RouteBackend {
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
   * The share of connections or requests this backend gets, relative to the rule's other
   * backends, 0-1,000,000. 0 sends it nothing.
   *
   * @default 1
   */
  readonly weight?: number;
}

/** A backend of a route's props with its field path. */
export interface BackendUse {
  readonly field: string;
  readonly backend: RouteBackend;
}

/** Rule ids of a route kind's construct checks. */
export interface RouteConstructRules {
  /** The route kind, e.g. `GRPCRoute`. */
  readonly kind: string;
  /** Its wiring rule-id prefix, e.g. `grpcroute`. */
  readonly prefix: string;
  /** The props rule (collected errors naming the prop). */
  readonly props: string;
}

/**
 * @internal
 * The Gateway and Service wiring of a GrpcRoute or TlsRoute construct (held, not inherited: jsii
 * sees only the constructs).
 */
export class RouteWiringHelper {
  private readonly grants = new Map<string, RouteReferenceGrant>();

  constructor(private readonly route: CheckedApiObject, private readonly rules: RouteConstructRules, private readonly namespace: string | undefined,
    private readonly gateway: IGateway, private readonly sectionName: string | undefined, private readonly backends: () => BackendUse[]) {}

  /** The route's effective namespace. */
  public ownNamespace(): string {
    return this.namespace ?? Chart.of(this.route).namespace ?? 'default';
  }

  private gatewayNamespace(): string {
    const gw = this.gateway;
    if (isGateway(gw)) return gw.effectiveNamespace;
    return gw?.namespace ?? this.ownNamespace();
  }

  /** The parentRef to the Gateway (and listener). */
  public parentRef(): any {
    const ns = this.gatewayNamespace();
    return {
      group: GATEWAY_GROUP,
      kind: 'Gateway',
      name: this.gateway?.name,
      namespace: ns !== this.ownNamespace() ? ns : undefined,
      sectionName: this.sectionName,
    };
  }

  /** The namespace of a Service as the route sees it. */
  public serviceNamespace(svc: IExposedService): string {
    if (isExposedService(svc)) return svc.effectiveNamespace;
    return svc.namespace ?? this.ownNamespace();
  }

  /** A backendRef: the Service's name, namespace when another, port resolved to its number, weight. */
  public renderBackend(b: RouteBackend): any {
    const svc = b?.service;
    if (svc === undefined || svc === null) return { name: svc };
    const ns = this.serviceNamespace(svc);
    return { name: svc.name, namespace: ns !== this.ownNamespace() ? ns : undefined, port: resolvePort(svc, b.port), weight: b.weight };
  }

  /** Emits a ReferenceGrant for each backend in another namespace of the App (or whose reference asks for it). */
  public addGrants(backends: readonly RouteBackend[]): void {
    for (const b of backends) {
      const svc = b?.service;
      if (!this.grantsTo(svc)) continue;
      const ns = this.serviceNamespace(svc);
      if (ns === this.ownNamespace() || this.grants.has(ns)) continue;
      this.grants.set(ns, new RouteReferenceGrant(this.route, `ReferenceGrant-${ns}`, this, ns));
    }
  }

  /** The ReferenceGrants emitted. */
  public get referenceGrants(): ApiObject[] {
    return [...this.grants.values()];
  }

  /** The route's kind and name, for its ReferenceGrants. */
  public get routeKind(): string {
    return this.rules.kind;
  }
  public get routeName(): string {
    return this.route.name;
  }

  /** The Services of this route in a namespace, for its ReferenceGrant. */
  public servicesIn(ns: string): string[] {
    const names = new Set<string>();
    for (const { backend } of this.backends()) {
      const svc = backend.service;
      if (this.grantsTo(svc) && this.serviceNamespace(svc) === ns) names.add(svc.name);
    }
    return [...names].sort();
  }

  private grantsTo(svc: IExposedService | undefined): svc is IExposedService {
    if (svc === undefined || svc === null) return false;
    return isExposedService(svc) || (emitsReferenceGrant(svc) && typeof svc.name === 'string');
  }

  /** The backends referenced by name, declared outside the App for the CLI and the plugin. */
  public extraAnnotations(): { [key: string]: string } | undefined {
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
   * The construct checks: the gateway prop, each backend a Service whose port resolves, and
   * the attachment to the listeners a `Gateway.fromName` reference declares.
   */
  public violations(manifest: any): Violation[] {
    const out: Violation[] = [];
    const add = (rule: string, i: Issue) => out.push({ ...i, rule });
    const gw = this.gateway;
    if (gw === undefined || gw === null || typeof gw.name !== 'string') {
      add(this.rules.props, { field: 'spec.parentRefs[0].name', message: `gateway ${show(gw)} is not a Gateway: the route attaches to nothing`, fix: 'pass a Gateway of this App, or Gateway.fromName(...)' });
    }
    for (const { field, backend } of this.backends()) {
      const svc = backend?.service;
      if (svc === undefined || svc === null || typeof svc.name !== 'string') {
        add(this.rules.props, { field: `${field}.name`, message: `backends: ${show(svc)} is not a Service`, fix: 'pass an ExposedService, or ExposedService.fromName(...)' });
        continue;
      }
      if (typeof backend.port === 'number' && isExposedService(svc)) continue; // the app rule checks it against the Service
      for (const i of checkServicePortRef(`${field}.port`, svc.name, backend.port, svc.portsKnown ? svc.ports : undefined)) add(this.rules.props, i);
    }
    if (gw !== undefined && gw !== null && !isGateway(gw) && Array.isArray(gw.listeners)) {
      const ids: { [check: string]: string } = { section: `${this.rules.prefix}-section-name`, namespace: `${this.rules.prefix}-namespace-allowed`, hostname: `${this.rules.prefix}-hostname-listener` };
      const views = listenerViews({ spec: { listeners: gw.listeners.map((l: GatewayListener) => renderListener(l)) } });
      for (const found of attachmentIssues(manifest, manifest.spec.parentRefs[0], 'spec.parentRefs[0]', this.gatewayNamespace(), gw.name, views, this.rules.kind)) {
        add(ids[found.check], found.issue);
      }
    }
    return out;
  }
}

/** A port reference resolved to a number: a name through the Service's ports, none through its only port. */
function resolvePort(svc: IExposedService, port: number | string | undefined): unknown {
  const ports = svc.portsKnown ? svc.ports : [];
  if (port === undefined) return ports.length === 1 ? ports[0].port : undefined;
  if (typeof port === 'string') return ports.find(p => p.name === port)?.port ?? port;
  return port;
}

/** The backends of a props list, with their field paths: non-objects kept (the checks name them). */
export function backendUses(backends: unknown, field: string): BackendUse[] {
  return Array.isArray(backends) ? backends.map((backend, j) => ({ field: `${field}.backendRefs[${j}]`, backend })) : [];
}

/**
 * The ReferenceGrant a GrpcRoute or TlsRoute emits in the namespace of its backends in another
 * namespace: from routes of its kind in the route's namespace to those Services.
 */
class RouteReferenceGrant extends CheckedApiObject {
  public readonly _kind = 'ReferenceGrant';

  constructor(scope: Construct, id: string, private readonly wiring: RouteWiringHelper, private readonly targetNamespace: string) {
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1beta1`,
      kind: 'ReferenceGrant',
      name: `${wiring.routeName}-${wiring.ownNamespace()}`.slice(0, 253),
      namespace: targetNamespace,
    });
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    return {
      spec: {
        from: [{ group: GATEWAY_GROUP, kind: this.wiring.routeKind, namespace: this.wiring.ownNamespace() }],
        to: this.wiring.servicesIn(this.targetNamespace).map(name => ({ group: '', kind: 'Service', name })),
      },
    };
  }
}
