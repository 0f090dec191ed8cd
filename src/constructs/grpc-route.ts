import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckedApiObject, copyProps } from './checked-api-object';
import { IGateway } from './gateway';
import { BackendUse, RouteBackend, RouteWiringHelper, backendUses } from './gateway-route';
import { Issue, Violation } from '../model/finding';
import { show } from '../model/plain';
import { nameFromId } from '../rules/formats';
import { grpcRouteProps } from '../rules/gateway-construct';
import { GATEWAY_GROUP } from '../rules/gateway-shared';

/**
 * How a gRPC method match compares the service and method names.
 */
export enum GrpcMatchType {
  /** The names exactly (the CRD checks they are valid gRPC names). */
  EXACT = 'Exact',
  /** Regular expressions (implementation-specific support). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/**
 * A gRPC method match: the service, the method, or both (the request path `/service/method`).
 */
export interface GrpcMethodMatch {
  /**
   * The fully qualified gRPC service, e.g. `shop.v1.Cart`.
   *
   * @default - any service (then `method` is required)
   */
  readonly service?: string;

  /**
   * The method, e.g. `GetCart`.
   *
   * @default - every method of the service
   */
  readonly method?: string;

  /**
   * How `service` and `method` match.
   *
   * @default GrpcMatchType.EXACT
   */
  readonly type?: GrpcMatchType;
}

/**
 * One rule of a GrpcRoute: the methods it matches and the backends it sends them to.
 */
export interface GrpcRouteRule {
  /**
   * The methods to match, at most 64.
   *
   * @default - every method
   */
  readonly methods?: GrpcMethodMatch[];

  /**
   * Headers the request must have, exactly: name to value. Names are case-insensitive.
   *
   * @default - no header match
   */
  readonly headers?: { [name: string]: string };

  /**
   * The backends (1-16), weighted: Services and their gRPC port, by number or name.
   */
  readonly backends: RouteBackend[];
}

/**
 * Props of a GrpcRoute.
 */
export interface GrpcRouteProps {
  /**
   * The GRPCRoute's `metadata.name`.
   *
   * @default - derived from the construct id
   */
  readonly name?: string;

  /**
   * The GRPCRoute's namespace. The Gateway's listeners must admit it.
   *
   * @default - the Chart's namespace, or none
   */
  readonly namespace?: string;

  /**
   * The Gateway the route attaches to (its HTTP or HTTPS listeners): a Gateway of this App, or `Gateway.fromName(...)`.
   */
  readonly gateway: IGateway;

  /**
   * The listener of the Gateway to attach to.
   *
   * @default - every HTTP and HTTPS listener that admits the route
   */
  readonly sectionName?: string;

  /**
   * The hostnames the route answers for, at most 16; they must intersect a listener's hostname.
   *
   * @default - the listeners' hostnames
   */
  readonly hostnames?: string[];

  /**
   * The rules; add more with addRule().
   */
  readonly rules: GrpcRouteRule[];

  /**
   * Labels of the GRPCRoute.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the GRPCRoute.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A gateway.networking.k8s.io/v1 GRPCRoute: gRPC services and methods routed to Services on a
 * Gateway's HTTP or HTTPS listeners. Backend ports resolve at synth (names to numbers); a
 * backend in another namespace of the App gets its ReferenceGrant (`referenceGrants`).
 * Validated as the standard-channel CRD does, and wired to its Gateway and Services.
 */
export class GrpcRoute extends CheckedApiObject {
  /** The GRPCRoute's namespace, when set on it. */
  public readonly namespace?: string;
  /** The Gateway it attaches to. */
  public readonly gateway: IGateway;

  /** @internal */
  public readonly _kind = 'GRPCRoute';

  private readonly routeProps: GrpcRouteProps;
  private readonly routeRules: GrpcRouteRule[];
  private readonly wiring: RouteWiringHelper;

  constructor(scope: Construct, id: string, props: GrpcRouteProps) {
    const p = props ?? ({} as GrpcRouteProps);
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'GRPCRoute',
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
    this.wiring = new RouteWiringHelper(this, { kind: 'GRPCRoute', prefix: 'grpcroute', props: grpcRouteProps.id }, p.namespace, p.gateway, p.sectionName, () => this.backends());
    this.routeRules.forEach(r => this.wiring.addGrants(ruleBackends(r)));
  }

  /** Adds a rule. */
  public addRule(rule: GrpcRouteRule): void {
    const copy = copyProps(rule);
    this.routeRules.push(copy);
    this.wiring.addGrants(ruleBackends(copy));
    this._modelChanged();
  }

  /**
   * The ReferenceGrants this route emits, one per namespace of its backends in another
   * namespace (of the App, or referenced with `emitReferenceGrant`).
   */
  public get referenceGrants(): ApiObject[] {
    return this.wiring.referenceGrants;
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    return {
      spec: {
        parentRefs: [this.wiring.parentRef()],
        hostnames: this.routeProps.hostnames,
        rules: this.routeRules.length ? this.routeRules.map(r => this.renderRule(r)) : undefined,
      },
    };
  }

  /** @internal */
  protected _extraAnnotations(): { [key: string]: string } | undefined {
    return this.wiring.extraAnnotations();
  }

  /** @internal */
  public _constructViolations(): Violation[] {
    const out: Violation[] = [];
    const add = (i: Issue) => out.push({ ...i, rule: grpcRouteProps.id });
    if (this.routeRules.length === 0) add({ field: 'spec.rules', message: 'rules: a GrpcRoute needs at least one rule (without one it routes nothing)', fix: 'pass rules, or call addRule() with methods and backends' });
    this.routeRules.forEach((r, i) => {
      const f = `spec.rules[${i}]`;
      if (r === undefined || r === null || typeof r !== 'object') {
        add({ field: f, message: `rules[${i}]: ${show(r)} is not a rule`, fix: 'pass { methods, backends }' });
        return;
      }
      if (!Array.isArray(r.backends) || r.backends.length === 0) {
        add({ field: `${f}.backendRefs`, message: `rules[${i}].backends: ${show(r.backends)} is not a list of at least one backend: the Gateway answers UNAVAILABLE`, fix: 'pass backends: [{ service, port }]' });
      }
      if (r.methods !== undefined && !Array.isArray(r.methods)) add({ field: `${f}.matches`, message: `rules[${i}].methods: ${show(r.methods)} is not a list`, fix: 'pass a list of { service, method }' });
    });
    return [...out, ...this.wiring.violations(this._manifest())];
  }

  private backends(): BackendUse[] {
    return this.routeRules.flatMap((r, i) => backendUses(r?.backends, `spec.rules[${i}]`));
  }

  private renderRule(rule: GrpcRouteRule): any {
    const r: Partial<GrpcRouteRule> = rule ?? {};
    const headers = r.headers !== undefined && r.headers !== null && typeof r.headers === 'object'
      ? Object.entries(r.headers).map(([name, value]) => ({ type: 'Exact', name, value })) : undefined;
    const methods = Array.isArray(r.methods) ? r.methods.map(m => ({ method: { type: m?.type, service: m?.service, method: m?.method } })) : [];
    const matches = methods.length ? methods.map(m => ({ ...m, headers })) : headers ? [{ headers }] : undefined;
    return {
      matches,
      backendRefs: Array.isArray(r.backends) ? r.backends.map(b => this.wiring.renderBackend(b)) : undefined,
    };
  }
}

/** The backends of a rule. */
function ruleBackends(rule: GrpcRouteRule | undefined): RouteBackend[] {
  return rule !== undefined && rule !== null && Array.isArray(rule.backends) ? rule.backends.filter(b => b !== undefined && b !== null) : [];
}
