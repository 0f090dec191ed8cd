import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ExposePolicy, IngressRoute, WebApp } from '../src';

/*
 * The benchmark's workload, built three ways. Each app: one Deployment with one container
 * port, a ClusterIP Service exposing it, and an Ingress rule for host appN.example.com.
 */

export type Library = 'expose' | 'plus' | 'raw' | 'shaped';
export type Layout = 'charts' | 'single' | 'apps' | 'ports';

/** cdk8s-expose. */
function exposeApp(scope: Construct, i: number): void {
  const web = new WebApp(scope, `app${i}`, { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] });
  const svc = web.expose('svc', { name: `app${i}` });
  new IngressRoute(scope, `ing${i}`, { host: `app${i}.example.com`, paths: [{ path: '/', service: svc }] });
}

/** cdk8s-plus-27: Deployment + exposeViaService + Ingress. */
function plusApp(scope: Construct, i: number): void {
  const d = new kplus.Deployment(scope, `app${i}`, {
    containers: [{ image: 'nginx:1.27', portNumber: 80, securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false } }],
  });
  const svc = d.exposeViaService({ name: `app${i}`, ports: [{ port: 80, targetPort: 80 }] });
  new kplus.Ingress(scope, `ing${i}`, {
    rules: [{ host: `app${i}.example.com`, path: '/', backend: kplus.IngressBackend.fromService(svc) }],
  });
}

/** Raw ApiObjects emitting the same manifests as cdk8s-expose, with no validation: the floor. */
function rawApp(scope: Construct, i: number): void {
  rawObjects(scope, i, { deployment: ApiObject, service: ApiObject, ingress: ApiObject }, false);
}

/*
 * The floor with cdk8s-expose's tree shape: the same raw objects, but of three ApiObject
 * classes (as WebApp, ExposedService and IngressRoute are), with the Service under the
 * Deployment (as expose() puts it). cdk8s walks every node once per Chart it synthesizes;
 * this shows what that walk costs for the shape alone.
 */
class RawDeployment extends ApiObject {}
class RawService extends ApiObject {}
class RawIngress extends ApiObject {}

function shapedApp(scope: Construct, i: number): void {
  rawObjects(scope, i, { deployment: RawDeployment, service: RawService, ingress: RawIngress }, true);
}

function rawObjects(scope: Construct, i: number, classes: { [kind: string]: typeof ApiObject }, nested: boolean): void {
  const name = `app${i}`;
  const labels = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name };
  const deployment = new classes.deployment(scope, name, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels, name },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            image: 'nginx:1.27',
            name: 'app',
            ports: [{ containerPort: 80, name: 'http' }],
            securityContext: { allowPrivilegeEscalation: false, privileged: false },
          }],
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
    },
  });
  new classes.service(nested ? deployment : scope, nested ? 'svc' : `${name}-svc`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { labels, name },
    spec: { ports: [{ name: 'http', port: 80, targetPort: 80 }], selector: labels, type: 'ClusterIP' },
  });
  new classes.ingress(scope, `ing${i}`, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: `ing${i}` },
    spec: {
      rules: [{
        host: `${name}.example.com`,
        http: { paths: [{ backend: { service: { name, port: { number: 80 } } }, path: '/', pathType: 'Prefix' }] },
      }],
    },
  });
}

const BUILDERS: { [lib in Library]: (scope: Construct, i: number) => void } = { expose: exposeApp, plus: plusApp, raw: rawApp, shaped: shapedApp };

function newApp(lib: Library): App {
  const app = new App({ outdir: '/dev/null' });
  if (lib === 'expose') ExposePolicy.set(app, { printWarnings: false });
  return app;
}

/*
 * The many-ports case: one app whose container declares N named ports, a Service exposing
 * every one (expose() with no ports) and an Ingress with one path per port, by name.
 */
const portNumber = (i: number) => 20000 + i;

function exposePorts(scope: Construct, n: number): void {
  const web = new WebApp(scope, 'web', { image: 'nginx:1.27' });
  for (let i = 0; i < n; i++) web.addPort({ containerPort: portNumber(i), name: `p${i}` });
  const svc = web.expose('svc');
  const route = new IngressRoute(scope, 'route', { host: 'web.example.com' });
  for (let i = 0; i < n; i++) route.addPath({ path: `/p${i}`, service: svc, port: `p${i}` });
}

function rawPorts(scope: Construct, n: number): void {
  const labels = { 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/name': 'web' };
  const ids = Array.from({ length: n }, (_, i) => i);
  new ApiObject(scope, 'web', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels, name: 'web' },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            image: 'nginx:1.27',
            name: 'app',
            ports: ids.map(i => ({ containerPort: portNumber(i), name: `p${i}` })),
            securityContext: { allowPrivilegeEscalation: false, privileged: false },
          }],
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
    },
  });
  new ApiObject(scope, 'svc', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { labels, name: 'svc' },
    spec: { ports: ids.map(i => ({ name: `p${i}`, port: portNumber(i), targetPort: portNumber(i) })), selector: labels, type: 'ClusterIP' },
  });
  new ApiObject(scope, 'route', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'route' },
    spec: {
      rules: [{
        host: 'web.example.com',
        http: { paths: ids.map(i => ({ backend: { service: { name: 'svc', port: { name: `p${i}` } } }, path: `/p${i}`, pathType: 'Prefix' })) },
      }],
    },
  });
}

/**
 * Builds N apps: one Chart per app in one App ('charts'), all in one Chart ('single'),
 * or one App per app ('apps'); or ('ports') one app with N ports (no cdk8s-plus-27 variant).
 */
export function build(lib: Library, layout: Layout, n: number): App[] {
  const hashes = { disableResourceNameHashes: lib === 'raw' || lib === 'shaped' };
  if (layout === 'ports') {
    if (lib !== 'expose' && lib !== 'raw') throw new Error(`the ports case has no ${lib} variant`);
    const app = newApp(lib);
    (lib === 'expose' ? exposePorts : rawPorts)(new Chart(app, 'ports', hashes), n);
    return [app];
  }
  if (layout === 'apps') {
    return Array.from({ length: n }, (_, i) => {
      const app = newApp(lib);
      BUILDERS[lib](new Chart(app, `app${i}`, hashes), i);
      return app;
    });
  }
  const app = newApp(lib);
  const single = layout === 'single' ? new Chart(app, 'apps', hashes) : undefined;
  for (let i = 0; i < n; i++) BUILDERS[lib](single ?? new Chart(app, `app${i}`, hashes), i);
  return [app];
}
