import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { WebApp, WorkloadKind } from '../../src';

/**
 * The workloads people run: seed 003's headless Service as it mostly is in real clusters, a
 * StatefulSet's governing Service (pods `db-0.db...`, `db-1.db...`, `db-2.db...`), and a web app
 * whose pod runs an Envoy native sidecar in front of it.
 */
export class WorkloadsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WebApp(this, 'db', { image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, replicas: 3, ports: [{ containerPort: 5432, name: 'postgres' }] });
    const web = new WebApp(this, 'web', {
      image: 'nginx:latest',
      ports: [{ containerPort: 80, name: 'http' }],
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32-latest', ports: [{ containerPort: 8443, name: 'https' }] }],
    });
    web.expose('web', { ports: [{ port: 443, targetPort: 'https' }] });
  }
}
