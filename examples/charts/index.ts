import { App } from 'cdk8s';
import { PlatformChart, PlatformGatewayChart } from './platform';
import { ExposureKindsChart, ExternalNameChart, IngressChart, NginxChart, NodePortChart, HttpRouteChart } from './seeds';
import { WorkloadsChart } from './workloads';

export * from './seeds';
export * from './platform';
export * from './workloads';

/** Every example chart, in a stable order, with stable ids (the ids name the output files). */
export function addExampleCharts(app: App): void {
  new NodePortChart(app, 'seed-000-nodeport');
  new NginxChart(app, 'seed-001-nginx');
  new ExternalNameChart(app, 'seed-002-external-name');
  new ExposureKindsChart(app, 'seed-003-exposure-kinds');
  new IngressChart(app, 'seed-004-ingress');
  new HttpRouteChart(app, 'seed-004-gateway');
  new PlatformChart(app, 'platform-template');
  new PlatformGatewayChart(app, 'platform-template-gateway');
  new WorkloadsChart(app, 'workloads');
}
