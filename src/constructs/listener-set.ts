import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckedApiObject, copyProps } from './checked-api-object';
import { GatewayListener, IGateway, isGateway, renderListener } from './gateway';
import { nameFromId } from '../rules/formats';
import { GATEWAY_GROUP } from '../rules/gateway-shared';

/**
 * Props of a ListenerSet.
 */
export interface ListenerSetProps {
  /**
   * The ListenerSet's `metadata.name`.
   *
   * @default - derived from the construct id
   */
  readonly name?: string;

  /**
   * The ListenerSet's namespace (the team's). The Gateway must admit ListenerSets of it
   * (its `allowedListeners`); the certificates of the listeners are Secrets of it.
   *
   * @default - the Chart's namespace, or none
   */
  readonly namespace?: string;

  /**
   * The Gateway the listeners attach to: usually the platform's, `Gateway.fromName(...)`.
   */
  readonly gateway: IGateway;

  /**
   * The listeners: 1-64, with unique names and unique port, protocol and hostname. An HTTPS
   * listener serves the certificate of its `tlsSecretName`, a Secret of the ListenerSet's namespace.
   */
  readonly listeners: GatewayListener[];

  /**
   * Labels of the ListenerSet.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the ListenerSet.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

const LISTENER_SET = Symbol.for('cdk8s-expose.ListenerSet');

/** @internal Whether a route's parent is a ListenerSet construct of this App (across copies of this library). */
export function isListenerSet(x: unknown): x is ListenerSet {
  return x !== null && typeof x === 'object' && (x as any)[LISTENER_SET] === true;
}

/**
 * A gateway.networking.k8s.io/v1 ListenerSet (Gateway API bundle v1.5 on): listeners a team
 * attaches to a Gateway it does not own, e.g. its own HTTPS hostname and certificate on the
 * platform's shared Gateway. An HttpRoute attaches to its listeners when given it as `gateway`.
 * Validated as the standard-channel CRD does, at synth; a Gateway of this App must admit it.
 */
export class ListenerSet extends CheckedApiObject implements IGateway {
  /** The ListenerSet's namespace, when set on it. */
  public readonly namespace?: string;
  /** The Gateway it attaches to. */
  public readonly gateway: IGateway;
  /** The listeners (a copy of the props'). */
  public readonly listeners?: GatewayListener[];

  /** @internal */
  public readonly _kind = 'ListenerSet';

  private readonly setProps: ListenerSetProps;

  constructor(scope: Construct, id: string, props: ListenerSetProps) {
    const p = props ?? ({} as ListenerSetProps);
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'ListenerSet',
      name: p.name ?? nameFromId(id),
      nameDerivedFrom: p.name === undefined ? id : undefined,
      namespace: p.namespace,
      labels: p.labels,
      annotations: p.annotations,
    });
    Object.defineProperty(this, LISTENER_SET, { value: true });
    this.setProps = copyProps(p);
    this.namespace = p.namespace;
    this.gateway = p.gateway;
    this.listeners = Array.isArray(this.setProps.listeners) ? [...this.setProps.listeners] : [];
  }

  /** The ListenerSet's effective namespace: its own, its Chart's, or 'default'. */
  public get effectiveNamespace(): string {
    return this.setProps.namespace ?? Chart.of(this).namespace ?? 'default';
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    const listeners = this.setProps.listeners;
    return {
      spec: {
        parentRef: this.parentRef(),
        listeners: Array.isArray(listeners) ? listeners.map(renderListener) : listeners,
      },
    };
  }

  /** The parentRef: the Gateway by name, with its namespace when it is another. */
  private parentRef(): any {
    const gw = this.gateway;
    const ns = isGateway(gw) ? gw.effectiveNamespace : gw?.namespace;
    return {
      group: GATEWAY_GROUP,
      kind: 'Gateway',
      name: gw?.name,
      namespace: ns !== undefined && ns !== this.effectiveNamespace ? ns : undefined,
    };
  }
}
