import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { byKind, foundInApp, one, synth, synthYaml } from './util';
import {
  ExposureKindsChart, ExternalNameChart, IngressChart, NginxChart, NodePortChart, ORG_GATEWAY_LISTENERS, OrgWebService, PlatformChart,
  PlatformGatewayChart, HttpRouteChart, addExampleCharts,
} from '../examples/charts';
import { Gateway, WebApp } from '../src';
import { EXTERNAL_SERVICES_ANNOTATION } from '../src/rules/external-services';

function chartOf<T extends Chart>(Ctor: new (scope: App, id: string) => T, id: string): T {
  return new Ctor(Testing.app(), id);
}

describe('the example charts (one per seed scenario)', () => {
  test('seed 000: NodePort myapp-service 80 -> 80, nodePort 30008, selecting app: webapp', () => {
    const m = synth(chartOf(NodePortChart, 'seed-000'));
    const svc = one(m, 'Service', 'myapp-service');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports).toEqual([{ port: 80, targetPort: 80, nodePort: 30008 }]);
    expect(svc.spec.selector).toEqual({ app: 'webapp' });
    expect(one(m, 'Deployment').spec.template.metadata.labels.app).toBe('webapp');
    expect(m).toMatchSnapshot();
  });

  test('seed 001: nginx x2, ClusterIP 8080 -> 80 and NodePort 8080 -> 80 on 31879', () => {
    const m = synth(chartOf(NginxChart, 'seed-001'));
    const d = one(m, 'Deployment', 'nginx-deployment');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:latest');
    const podLabels = d.spec.template.metadata.labels;
    const cip = one(m, 'Service', 'clusterip-service');
    const np = one(m, 'Service', 'nodeport-service');
    expect(cip.spec.type).toBe('ClusterIP');
    expect(cip.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http' }]);
    expect(np.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', nodePort: 31879 }]);
    expect(d.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, name: 'http' }]);
    for (const s of [cip, np]) expect(s.spec.selector).toEqual(podLabels);
    expect(m).toMatchSnapshot();
  });

  test('seed 002: external-service -> api.acmecorp.com, port 9000 kept', () => {
    const m = synth(chartOf(ExternalNameChart, 'seed-002'));
    expect(one(m, 'Service', 'external-service').spec).toEqual({ type: 'ExternalName', externalName: 'api.acmecorp.com', ports: [{ port: 9000 }] });
    expect(m).toMatchSnapshot();
  });

  test('seed 003: NodePort, LoadBalancer, headless and ClientIP affinity', () => {
    const m = synth(chartOf(ExposureKindsChart, 'seed-003'));
    expect(one(m, 'Service', 'example-nodeport').spec.ports[0].nodePort).toBe(30021);
    expect(one(m, 'Service', 'example-lb').spec.type).toBe('LoadBalancer');
    expect(one(m, 'Service', 'example-headless').spec.clusterIP).toBe('None');
    const sticky = one(m, 'Service', 'example-sticky');
    expect(sticky.spec.sessionAffinity).toBe('ClientIP');
    expect(sticky.spec.sessionAffinityConfig.clientIP.timeoutSeconds).toBe(3600);
    const labels = one(m, 'Deployment').spec.template.metadata.labels;
    for (const s of byKind(m, 'Service')) expect(s.spec.selector).toEqual(labels);
    expect(m).toMatchSnapshot();
  });

  test('seed 004: networking.k8s.io/v1 Ingress, service.libert.xyz/health -> foo:80, /bar -> bar:80', () => {
    const m = synth(chartOf(IngressChart, 'seed-004'));
    const ing = one(m, 'Ingress', 'example');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    const rule = ing.spec.rules[0];
    const paths = rule.http.paths.map((p: any) => [rule.host, p.path, p.backend.service.name, p.backend.service.port.number]);
    expect(paths).toEqual([['service.libert.xyz', '/health', 'foo', 80], ['service.libert.xyz', '/bar', 'bar', 80]]);
    expect(m).toMatchSnapshot();
  });

  test('seed 004 in the Gateway API: a Gateway on port 80, an HTTPRoute for service.libert.xyz, /health -> foo:80, /bar -> bar:80', () => {
    const m = synth(chartOf(HttpRouteChart, 'seed-004-gateway'));
    expect(m.map(x => `${x.kind} ${x.metadata.name}`)).toEqual(['Gateway gateway', 'HTTPRoute example']);
    const gw = one(m, 'Gateway', 'gateway');
    expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gw.spec).toEqual({ gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] });
    const route = one(m, 'HTTPRoute', 'example');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.metadata.annotations).toEqual({ [EXTERNAL_SERVICES_ANNOTATION]: 'foo,bar' });
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway' }]);
    const rules = route.spec.rules.map((r: any) => [route.spec.hostnames, r.matches, r.backendRefs]);
    expect(rules).toEqual([
      [['service.libert.xyz'], [{ path: { type: 'PathPrefix', value: '/health' } }], [{ name: 'foo', port: 80 }]],
      [['service.libert.xyz'], [{ path: { type: 'PathPrefix', value: '/bar' } }], [{ name: 'bar', port: 80 }]],
    ]);
    expect(m).toMatchSnapshot();
  });

  test('the platform template: class, TLS, cert-manager, restricted profile, org nodePort range', () => {
    const m = synth(chartOf(PlatformChart, 'platform'));
    for (const ing of byKind(m, 'Ingress')) {
      expect(ing.spec.ingressClassName).toBe('nginx');
      expect(ing.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
      expect(ing.spec.tls[0].hosts).toEqual([ing.spec.rules[0].host]);
    }
    for (const d of byKind(m, 'Deployment')) {
      expect(d.spec.template.spec.containers[0].securityContext.runAsNonRoot).toBe(true);
      expect(d.metadata.namespace).toBe('storefront');
    }
    expect(one(m, 'Service', 'checkout').spec.ports[0].nodePort).toBe(30443);
    expect(m).toMatchSnapshot();
  });

  test('the platform template on the org Gateway: an HTTPRoute in place of the Ingress, TLS left to the listener', () => {
    const m = synth(chartOf(PlatformGatewayChart, 'platform-gateway'));
    expect(m.map(x => `${x.kind} ${x.metadata.namespace}/${x.metadata.name}`)).toEqual([
      'Deployment storefront/reviews', 'Service storefront/reviews', 'HTTPRoute storefront/reviews',
    ]);
    expect(one(m, 'HTTPRoute', 'reviews').spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system' }],
      hostnames: ['reviews.apps.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'reviews', port: 80 }] }],
    });
    expect(one(m, 'Service', 'reviews').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
    expect(one(m, 'Deployment', 'reviews').spec.template.spec.containers[0].securityContext.runAsNonRoot).toBe(true);
    expect(m).toMatchSnapshot();
  });

  test('the template exposes what it wired: route without a gateway, httpRoute with one', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'storefront' });
    const gateway = Gateway.fromName(c, 'gw', 'public', { namespace: 'gateway-system', listeners: ORG_GATEWAY_LISTENERS });
    const onIngress = new OrgWebService(c, 'a', { image: 'x:1', host: 'a.apps.example.com', team: 't' });
    const onGateway = new OrgWebService(c, 'b', { image: 'x:1', host: 'b.apps.example.com', team: 't', gateway });
    expect([onIngress.route?.name, onIngress.httpRoute?.name, onGateway.route?.name, onGateway.httpRoute?.name]).toEqual(['a', undefined, undefined, 'b']);
    expect(onGateway.httpRoute!.gateway).toBe(gateway);
    expect(synth(c).map(x => `${x.kind} ${x.metadata.name}`)).toEqual([
      'Deployment a', 'Service a', 'Ingress a', 'Deployment b', 'Service b', 'HTTPRoute b',
    ]);
  });

  test('fails when an app team on the org Gateway picks a host its listener does not serve', () => {
    const app = Testing.app();
    const c = new PlatformGatewayChart(app, 'platform');
    const gateway = Gateway.fromName(c, 'gw', 'public', { namespace: 'gateway-system', listeners: ORG_GATEWAY_LISTENERS });
    new OrgWebService(c, 'blog', { image: 'x:1', host: 'blog.example.org', team: 'content', gateway });
    expect(foundInApp(app)).toEqual(['platform/blog/route httproute-hostname-listener spec.hostnames']);
  });

  test('fails when an app team picks a nodePort outside the org range', () => {
    const app = Testing.app();
    const c = new PlatformChart(app, 'platform');
    new OrgWebService(c, 'search', { image: 'x:1', host: 'search.apps.example.com', team: 'search', debugNodePort: 31500 });
    expect(() => app.synthYaml()).toThrow(/\[platform\/search\/app\/svc\] spec\.ports\[0\]\.nodePort: 31500 is outside the cluster's nodePort range 30000-30999/);
  });
});

describe('GitOps', () => {
  test('two synths of the same app give byte-identical YAML', () => {
    const render = () => {
      const app = Testing.app();
      addExampleCharts(app);
      return synthYaml(app);
    };
    const first = render();
    expect(first.length).toBeGreaterThan(1000);
    expect(render()).toBe(first);
  });

  test('names do not change when unrelated props change', () => {
    const names = (image: string) => {
      const app = Testing.app();
      const c = new Chart(app, 'c');
      const web = new WebApp(c, 'web', { image, replicas: image.length, ports: [{ containerPort: 80 }] });
      web.expose('web-svc', { ports: [{ port: 80 }] });
      return synth(c).map(m => `${m.kind}/${m.metadata.name}`);
    };
    expect(names('a:1')).toEqual(names('b:22'));
  });

  test('cdk8s synth exits non-zero with every error of a broken app', () => {
    const dir = fs.mkdtempSync(path.join(__dirname, '..', '.cdk8s-expose-broken-'));
    try {
      const fixture = path.join(__dirname, 'fixtures', 'broken-app');
      const main = fs.readFileSync(path.join(fixture, 'main.ts'), 'utf8').replace("'../../../src'", JSON.stringify(path.resolve(__dirname, '..', 'src')));
      fs.writeFileSync(path.join(dir, 'main.ts'), main);
      fs.copyFileSync(path.join(fixture, 'cdk8s.yaml'), path.join(dir, 'cdk8s.yaml'));
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.resolve(__dirname, '..', 'tsconfig.json'), compilerOptions: { rootDir: '..', noEmit: true }, include: ['*.ts'] }));
      const cli = path.resolve(__dirname, '..', 'node_modules', '.bin', 'cdk8s');
      const res = spawnSync(cli, ['synth'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
      expect(res.status).not.toBe(0);
      const out = `${res.stdout}\n${res.stderr}`;
      expect(out).toMatch(/\[broken\/web\/public\] spec\.ports\[0\]\.nodePort: 99999 is outside the cluster's nodePort range 30000-32767/);
      expect(out).toMatch(/\[broken\/route\] spec\.rules\[0\]\.host: "Bad_Host:8080" has a port/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
