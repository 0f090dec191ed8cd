import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ExposedService, Gateway, GatewayProtocol, HttpRoute, IngressRoute, ServiceType, SessionAffinity, WebApp,
} from '../../src';

/**
 * Seed 000: the NodePort `myapp-service` (80 -> 80, nodePort 30008) selecting the
 * `app: webapp` pods of an nginx app, by an explicit selector.
 */
export class NodePortChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WebApp(this, 'nginx-pod', { image: 'nginx:latest', labels: { app: 'webapp' }, ports: [{ containerPort: 80 }] });
    new ExposedService(this, 'myapp-service', {
      type: ServiceType.NODE_PORT,
      selector: { app: 'webapp' },
      ports: [{ port: 80, targetPort: 80, nodePort: 30008 }],
    });
  }
}

/**
 * Seed 001: nginx with 2 replicas, reached inside the cluster through a ClusterIP
 * Service on 8080 and from outside through a NodePort Service on 31879.
 */
export class NginxChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const nginx = new WebApp(this, 'nginx-deployment', {
      image: 'nginx:latest',
      replicas: 2,
      ports: [{ containerPort: 80, name: 'http' }],
    });
    nginx.expose('clusterip-service', { ports: [{ name: 'http', port: 8080, targetPort: 'http' }] });
    nginx.expose('nodeport-service', {
      type: ServiceType.NODE_PORT,
      ports: [{ name: 'http', port: 8080, targetPort: 'http', nodePort: 31879 }],
    });
  }
}

/** Seed 002: `external-service`, an alias of api.acmecorp.com on port 9000. */
export class ExternalNameChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new ExposedService(this, 'external-service', {
      type: ServiceType.EXTERNAL_NAME,
      externalName: 'api.acmecorp.com',
      ports: [{ port: 9000 }],
    });
  }
}

/**
 * Seeds 000 and 003: one app exposed four ways: a NodePort (30021), a LoadBalancer,
 * a headless Service for direct pod discovery, and sticky sessions (ClientIP).
 */
export class ExposureKindsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const app = new WebApp(this, 'example', { image: 'nginx:latest', replicas: 3, ports: [{ containerPort: 80, name: 'http' }] });
    app.expose('example-nodeport', { type: ServiceType.NODE_PORT, ports: [{ port: 80, targetPort: 80, nodePort: 30021 }] });
    app.expose('example-lb', { type: ServiceType.LOAD_BALANCER, ports: [{ port: 80, targetPort: 'http' }] });
    app.expose('example-headless', { headless: true });
    app.expose('example-sticky', {
      sessionAffinity: SessionAffinity.CLIENT_IP,
      sessionAffinityTimeoutSeconds: 3600,
      ports: [{ port: 80, targetPort: 'http' }],
    });
  }
}

/**
 * Seed 004: one host, two paths, two Services that live elsewhere:
 * service.libert.xyz/health -> foo:80 and /bar -> bar:80, in networking.k8s.io/v1.
 */
export class IngressChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const foo = ExposedService.fromName(this, 'foo', 'foo', { ports: [{ port: 80 }] });
    const bar = ExposedService.fromName(this, 'bar', 'bar', { ports: [{ port: 80 }] });
    new IngressRoute(this, 'example', {
      host: 'service.libert.xyz',
      paths: [
        { path: '/health', service: foo, port: 80 },
        { path: '/bar', service: bar, port: 80 },
      ],
    });
  }
}

/**
 * The same routes as `IngressChart`, as a
 * gateway.networking.k8s.io/v1 HTTPRoute. The Ingress controller of the Ingress version
 * becomes a Gateway with one HTTP listener on port 80 (any hostname); its GatewayClass
 * `eg` stands for the cluster's Gateway implementation.
 */
export class HttpRouteChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const gateway = new Gateway(this, 'gateway', {
      gatewayClassName: 'eg',
      listeners: [{ name: 'http', port: 80, protocol: GatewayProtocol.HTTP }],
    });
    const foo = ExposedService.fromName(this, 'foo', 'foo', { ports: [{ port: 80 }] });
    const bar = ExposedService.fromName(this, 'bar', 'bar', { ports: [{ port: 80 }] });
    new HttpRoute(this, 'example', {
      gateway,
      hostnames: ['service.libert.xyz'],
      rules: [
        { path: '/health', service: foo, port: 80 },
        { path: '/bar', service: bar, port: 80 },
      ],
    });
  }
}
