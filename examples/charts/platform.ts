import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ContainerPort, ExposePolicy, ExposedService, Gateway, GatewayListener, GatewayProtocol, HttpRoute, IGateway, IngressRoute,
  RouteNamespaces, SecurityProfile, ServiceType, Severity, WebApp,
} from '../../src';

/**
 * What a platform team publishes: its org's way to run a web service, built on
 * cdk8s-expose. App teams give an image, a host and a port; the template bakes in
 * the ingress class, TLS from cert-manager, standard labels, the restricted security
 * profile and the nodePort range of the org's clusters. Teams that move to the
 * Gateway API pass the org's Gateway, and get an HTTPRoute instead of the Ingress.
 */
export interface OrgWebServiceProps {
  /** The container image. */
  readonly image: string;
  /** The public host, e.g. `shop.apps.example.com`. */
  readonly host: string;
  /** The owning team, for the `example.com/team` label. */
  readonly team: string;
  /** The port the app listens on. @default 8080 */
  readonly port?: number;
  /** A nodePort for debugging from the office network. @default - none */
  readonly debugNodePort?: number;
  /** Pods. @default 2 */
  readonly replicas?: number;
  /**
   * The org's Gateway: when given, the service is published by an HTTPRoute attached to
   * it (TLS is the Gateway listener's), instead of an Ingress of class nginx with a
   * cert-manager certificate.
   *
   * @default - an Ingress
   */
  readonly gateway?: IGateway;
}

/**
 * The listeners of the org's shared Gateway (`gateway-system/public`, run by the platform
 * team): HTTPS for every host under apps.example.com, with the wildcard certificate, open
 * to routes of every namespace. Routes are checked against them at synth.
 */
export const ORG_GATEWAY_LISTENERS: GatewayListener[] = [{
  name: 'https',
  port: 443,
  protocol: GatewayProtocol.HTTPS,
  hostname: '*.apps.example.com',
  tlsSecretName: 'apps-wildcard-tls',
  allowedRoutes: RouteNamespaces.ALL,
}];

/** The org's settings, set once on the scope the org's apps live in. */
export const ORG_POLICY = {
  nodePortRange: { min: 30000, max: 30999 }, // the org's clusters run --service-node-port-range=30000-30999
  securityProfile: SecurityProfile.RESTRICTED,
  danglingSelectors: Severity.ERROR,
};

export class OrgWebService extends Construct {
  public readonly app: WebApp;
  public readonly service: ExposedService;
  /** The Ingress, when the service has no `gateway`. */
  public readonly route?: IngressRoute;
  /** The HTTPRoute, when the service has a `gateway`. */
  public readonly httpRoute?: HttpRoute;

  constructor(scope: Construct, id: string, props: OrgWebServiceProps) {
    super(scope, id);
    const port: ContainerPort = { containerPort: props.port ?? 8080, name: 'http' };
    this.app = new WebApp(this, 'app', {
      name: id,
      image: props.image,
      replicas: props.replicas ?? 2,
      ports: [port],
      labels: { 'example.com/team': props.team, 'app.kubernetes.io/part-of': 'storefront' },
      readinessProbe: { port: 'http', path: '/healthz' },
      resources: { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '256Mi' },
    });
    this.service = this.app.expose('svc', {
      name: id,
      type: props.debugNodePort !== undefined ? ServiceType.NODE_PORT : ServiceType.CLUSTER_IP,
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: props.debugNodePort }],
      labels: { 'example.com/team': props.team },
    });
    if (props.gateway !== undefined) {
      this.httpRoute = new HttpRoute(this, 'route', {
        name: id,
        gateway: props.gateway,
        hostnames: [props.host],
        rules: [{ path: '/', service: this.service }],
      });
      return;
    }
    this.route = new IngressRoute(this, 'route', {
      name: id,
      host: props.host,
      paths: [{ path: '/', service: this.service }],
      ingressClassName: 'nginx',
      tls: [{ secretName: `${id}-tls` }],
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
    });
  }
}

/** Two app teams using the template, in a few lines each. */
export class PlatformChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'storefront', ...props });
    ExposePolicy.set(this, ORG_POLICY);
    new OrgWebService(this, 'catalog', { image: 'ghcr.io/example/catalog:1.4.2', host: 'catalog.apps.example.com', team: 'search' });
    new OrgWebService(this, 'checkout', { image: 'ghcr.io/example/checkout:2.0.0', host: 'checkout.apps.example.com', team: 'payments', debugNodePort: 30443 });
  }
}

/** An app team on the org's Gateway: the same template, one prop more. */
export class PlatformGatewayChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'storefront', ...props });
    ExposePolicy.set(this, ORG_POLICY);
    const gateway = Gateway.fromName(this, 'org-gateway', 'public', { namespace: 'gateway-system', listeners: ORG_GATEWAY_LISTENERS });
    new OrgWebService(this, 'reviews', { image: 'ghcr.io/example/reviews:3.1.0', host: 'reviews.apps.example.com', team: 'community', gateway });
  }
}
