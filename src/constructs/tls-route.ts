import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckedApiObject, copyProps } from './checked-api-object';
import { IGateway } from './gateway';
import { RouteBackend, RouteWiringHelper, backendUses } from './gateway-route';
import { Violation } from '../model/finding';
import { show } from '../model/plain';
import { nameFromId } from '../rules/formats';
import { tlsRouteProps } from '../rules/gateway-construct';
import { GATEWAY_GROUP } from '../rules/gateway-shared';

/**
 * Props of a TlsRoute.
 */
export interface TlsRouteProps {
  /**
   * The TLSRoute's `metadata.name`.
   *
   * @default - derived from the construct id
   */
  readonly name?: string;

  /**
   * The TLSRoute's namespace. The Gateway's listeners must admit it.
   *
   * @default - the Chart's namespace, or none
   */
  readonly namespace?: string;

  /**
   * The Gateway the route attaches to (its TLS listeners, mode Passthrough): a Gateway of this
   * App, or `Gateway.fromName(...)`.
   */
  readonly gateway: IGateway;

  /**
   * The TLS listener of the Gateway to attach to.
   *
   * @default - every TLS listener that admits the route
   */
  readonly sectionName?: string;

  /**
   * The SNI hostnames passed through (1-16; 1024 from Gateway API v1.6), e.g. `db.example.com`;
   * they must intersect a listener's hostname.
   */
  readonly hostnames: string[];

  /**
   * The backends (1-16), weighted: the Services that terminate TLS themselves, and their port.
   */
  readonly backends: RouteBackend[];

  /**
   * Labels of the TLSRoute.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the TLSRoute.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A gateway.networking.k8s.io/v1 TLSRoute (Gateway API v1.5 and later): TLS connections passed
 * through by SNI hostname, unterminated, to Services that hold the certificate. Backend ports
 * resolve at synth; a backend in another namespace of the App gets its ReferenceGrant.
 * Validated as the standard-channel CRD does, and wired to its Gateway and Services.
 */
export class TlsRoute extends CheckedApiObject {
  /** The TLSRoute's namespace, when set on it. */
  public readonly namespace?: string;
  /** The Gateway it attaches to. */
  public readonly gateway: IGateway;

  /** @internal */
  public readonly _kind = 'TLSRoute';

  private readonly routeProps: TlsRouteProps;
  private readonly wiring: RouteWiringHelper;

  constructor(scope: Construct, id: string, props: TlsRouteProps) {
    const p = props ?? ({} as TlsRouteProps);
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'TLSRoute',
      name: p.name ?? nameFromId(id),
      nameDerivedFrom: p.name === undefined ? id : undefined,
      namespace: p.namespace,
      labels: p.labels,
      annotations: p.annotations,
    });
    this.routeProps = copyProps(p);
    this.namespace = p.namespace;
    this.gateway = p.gateway;
    this.wiring = new RouteWiringHelper(this, { kind: 'TLSRoute', prefix: 'tlsroute', props: tlsRouteProps.id }, p.namespace, p.gateway, p.sectionName,
      () => backendUses(this.routeProps.backends, 'spec.rules[0]'));
    this.wiring.addGrants(Array.isArray(this.routeProps.backends) ? this.routeProps.backends.filter(b => b !== undefined && b !== null) : []);
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
    const backends = this.routeProps.backends;
    return {
      spec: {
        parentRefs: [this.wiring.parentRef()],
        hostnames: this.routeProps.hostnames,
        rules: [{ backendRefs: Array.isArray(backends) ? backends.map(b => this.wiring.renderBackend(b)) : undefined }],
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
    const { hostnames, backends } = this.routeProps;
    if (!Array.isArray(hostnames) || hostnames.length === 0) {
      out.push({ rule: tlsRouteProps.id, field: 'spec.hostnames', message: `hostnames: ${show(hostnames)} is not a list of at least one SNI hostname: a TLSRoute passes through by SNI only`, fix: 'pass hostnames, e.g. ["db.example.com"]' });
    }
    if (!Array.isArray(backends) || backends.length === 0) {
      out.push({ rule: tlsRouteProps.id, field: 'spec.rules[0].backendRefs', message: `backends: ${show(backends)} is not a list of at least one backend: the Gateway refuses the connection`, fix: 'pass backends: [{ service, port }]' });
    }
    return [...out, ...this.wiring.violations(this._manifest())];
  }
}
