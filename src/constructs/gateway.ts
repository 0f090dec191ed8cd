import { Construct } from 'constructs';
import { CheckedApiObject, copyProps } from './checked-api-object';
import { nameFromId } from '../rules/formats';
import { GATEWAY_GROUP } from '../rules/gateway-shared';

/**
 * The protocol of a listener.
 */
export enum GatewayProtocol {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTPS, terminated at the Gateway with the certificate of `tlsSecretName`. */
  HTTPS = 'HTTPS',
}

/**
 * Which namespaces may attach routes to a listener (`allowedRoutes.namespaces.from`).
 */
export enum RouteNamespaces {
  /** Routes of the Gateway's own namespace only. */
  SAME = 'Same',
  /** Routes of any namespace. */
  ALL = 'All',
}

/**
 * Which namespaces' ListenerSets may add listeners to a Gateway (`allowedListeners.namespaces.from`).
 */
export enum ListenerSetNamespaces {
  /** No ListenerSet (the Gateway API default). */
  NONE = 'None',
  /** ListenerSets of the Gateway's own namespace only. */
  SAME = 'Same',
  /** ListenerSets of any namespace. */
  ALL = 'All',
}

/**
 * A listener of a Gateway: a port, protocol and optional hostname that routes attach to.
 */
export interface GatewayListener {
  /**
   * The listener's name, unique in the Gateway; routes name it as `sectionName`.
   * Lowercase letters, digits and '-'.
   */
  readonly name: string;

  /**
   * The port the Gateway listens on, 1-65535.
   */
  readonly port: number;

  /**
   * The protocol: HTTP, or HTTPS with `tlsSecretName`.
   */
  readonly protocol: GatewayProtocol;

  /**
   * The hostname the listener serves, e.g. `app.example.com` or `*.example.com`. Routes
   * attach only when their hostnames intersect it.
   *
   * @default - any hostname
   */
  readonly hostname?: string;

  /**
   * The Secret (type kubernetes.io/tls, in the Gateway's namespace) with the certificate
   * an HTTPS listener serves. Only with HTTPS.
   *
   * @default - no certificate (an HTTPS listener then cannot serve: a warning)
   */
  readonly tlsSecretName?: string;

  /**
   * Which namespaces may attach routes.
   *
   * @default RouteNamespaces.SAME
   */
  readonly allowedRoutes?: RouteNamespaces;
}

/**
 * A Gateway that HttpRoutes attach to: one this App defines (`Gateway`), or one defined
 * elsewhere (`Gateway.fromName`).
 */
export interface IGateway {
  /** The Gateway's name. */
  readonly name: string;
  /**
   * The Gateway's namespace.
   *
   * @default - the namespace of the route that refers to it
   */
  readonly namespace?: string;
  /**
   * The Gateway's listeners, when known: routes attaching to it are checked against them.
   *
   * @default - unknown: listener checks are skipped
   */
  readonly listeners?: GatewayListener[];
}

/**
 * Options of a reference to a Gateway defined elsewhere.
 */
export interface GatewayReferenceOptions {
  /**
   * The Gateway's namespace.
   *
   * @default - the namespace of the route that refers to it
   */
  readonly namespace?: string;

  /**
   * The Gateway's listeners. With them, routes are checked against their names,
   * hostnames and allowed namespaces; without them, those checks are skipped.
   *
   * @default - unknown
   */
  readonly listeners?: GatewayListener[];
}

/**
 * Props of a Gateway.
 */
export interface GatewayProps {
  /**
   * The Gateway's `metadata.name`.
   *
   * @default - derived from the construct id
   */
  readonly name?: string;

  /**
   * The Gateway's namespace.
   *
   * @default - the Chart's namespace, or none
   */
  readonly namespace?: string;

  /**
   * The GatewayClass that implements the Gateway, e.g. `istio`, `cilium`, `eg`.
   */
  readonly gatewayClassName: string;

  /**
   * The listeners: 1-64, with unique names and unique port, protocol and hostname.
   */
  readonly listeners: GatewayListener[];

  /**
   * Which namespaces' ListenerSets may add listeners to the Gateway (`spec.allowedListeners`,
   * Gateway API bundle v1.5 on: v1.4 drops the field).
   *
   * @default - none (ListenerSetNamespaces.NONE, and the field is not emitted)
   */
  readonly allowedListenerSets?: ListenerSetNamespaces;

  /**
   * Labels of the Gateway.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the Gateway.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

class GatewayReference extends Construct implements IGateway {
  public readonly namespace?: string;
  public readonly listeners?: GatewayListener[];
  constructor(scope: Construct, id: string, public readonly name: string, options: GatewayReferenceOptions) {
    super(scope, id);
    this.namespace = options.namespace;
    this.listeners = Array.isArray(options.listeners) ? [...options.listeners] : undefined;
  }
}

const GATEWAY = Symbol.for('cdk8s-expose.Gateway');

/** @internal Whether a Gateway is a Gateway construct of this App (across copies of this library). */
export function isGateway(x: unknown): x is Gateway {
  return x !== null && typeof x === 'object' && (x as any)[GATEWAY] === true;
}

/**
 * A gateway.networking.k8s.io/v1 Gateway: listeners (port, protocol, hostname, certificate)
 * that HttpRoutes attach to. Validated as the standard-channel CRD does, at synth, with
 * the routes attached to it.
 */
export class Gateway extends CheckedApiObject implements IGateway {
  /**
   * Refers to a Gateway this App does not define, so that an HttpRoute can attach to it.
   * Give its listeners to have routes checked against them.
   *
   * @param name the Gateway's name
   */
  public static fromName(scope: Construct, id: string, name: string, options: GatewayReferenceOptions = {}): IGateway {
    return new GatewayReference(scope, id, name, options);
  }

  /** The Gateway's namespace, when set on it. */
  public readonly namespace?: string;
  /** The listeners (a copy of the props'). */
  public readonly listeners?: GatewayListener[];

  /** @internal */
  public readonly _kind = 'Gateway';

  private readonly gatewayProps: GatewayProps;

  constructor(scope: Construct, id: string, props: GatewayProps) {
    const p = props ?? ({} as GatewayProps);
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'Gateway',
      name: p.name ?? nameFromId(id),
      nameDerivedFrom: p.name === undefined ? id : undefined,
      namespace: p.namespace,
      labels: p.labels,
      annotations: p.annotations,
    });
    Object.defineProperty(this, GATEWAY, { value: true });
    this.gatewayProps = copyProps(p);
    this.namespace = p.namespace;
    this.listeners = Array.isArray(this.gatewayProps.listeners) ? [...this.gatewayProps.listeners] : undefined;
  }

  /** The Gateway's effective namespace: its own, its Chart's, or 'default'. */
  public get effectiveNamespace(): string {
    const ns = this._manifest().metadata.namespace;
    return typeof ns === 'string' && ns !== '' ? ns : 'default';
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    const listeners = this.gatewayProps.listeners;
    const from = this.gatewayProps.allowedListenerSets;
    return {
      spec: {
        gatewayClassName: this.gatewayProps.gatewayClassName,
        allowedListeners: from === undefined ? undefined : { namespaces: { from } },
        listeners: Array.isArray(listeners) ? listeners.map(renderListener) : listeners,
      },
    };
  }
}

/** @internal a listener of the props as the Gateway API spells it */
export function renderListener(l: GatewayListener): any {
  if (l === null || typeof l !== 'object') return l;
  return {
    name: l.name,
    port: l.port,
    protocol: l.protocol,
    hostname: l.hostname,
    tls: l.tlsSecretName === undefined ? undefined : { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: l.tlsSecretName }] },
    allowedRoutes: l.allowedRoutes === undefined ? undefined : { namespaces: { from: l.allowedRoutes } },
  };
}
