import { Chart, JsonPatch, Testing } from 'cdk8s';
import { ExposedService, IngressRoute, Protocol, SecurityProfile, ServiceType, SessionAffinity, TrafficPolicy, WebApp } from '../src';
import { one, synth } from './util';

/*
 * Validation reads each construct's plain manifest, and the L1 object's spec is converted
 * from it. These tests hold the two together: what is checked is what is emitted.
 */
const normalize = (x: any) => JSON.parse(JSON.stringify(x));

describe('the validated manifest is the synthesized one', () => {
  test('for every construct, in kitchen-sink configurations', () => {
    const c = new Chart(Testing.app(), 'parity', { namespace: 'shop', labels: { 'example.com/chart': 'parity', 'team': 'chart-level' } });
    const web = new WebApp(c, 'web', {
      image: 'app:1',
      replicas: 2,
      instance: 'eu',
      labels: { team: 'a' },
      podAnnotations: { a: 'b' },
      ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 53, name: 'dns', protocol: Protocol.UDP }],
      env: { A: '1' },
      command: ['/app'],
      args: ['-v'],
      resources: { cpuRequest: '100m', memoryLimit: '1Gi' },
      livenessProbe: { port: 'http', path: '/live', failureThreshold: 5 },
      readinessProbe: { port: 8080, timeoutSeconds: 2 },
      startupProbe: { port: 'http' },
      securityProfile: SecurityProfile.RESTRICTED,
    });
    const lb = web.expose('lb', {
      type: ServiceType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' }, { name: 'dns', port: 53, targetPort: 'dns', protocol: Protocol.UDP }],
      sessionAffinity: SessionAffinity.CLIENT_IP,
      sessionAffinityTimeoutSeconds: 60,
      externalTrafficPolicy: TrafficPolicy.LOCAL,
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      labels: { x: 'y' },
      annotations: { z: 'w' },
    });
    const headless = web.expose('headless', { headless: true });
    const ext = new ExposedService(c, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'a.example.com', ports: [{ port: 443 }] });
    const route = new IngressRoute(c, 'route', {
      host: 'a.example.com',
      paths: [{ path: '/', service: lb, port: 'http' }],
      rules: [{ host: 'b.example.com', paths: [{ path: '/x', service: ext }] }],
      defaultBackend: { service: lb, port: 80 },
      ingressClassName: 'nginx',
      tls: [{ secretName: 'tls' }],
      annotations: { q: 'r' },
      labels: { l: 'm' },
    });
    web.deployment.addJsonPatch(JsonPatch.add('/spec/paused', false)); // patches come after validation
    const manifests = synth(c);
    const pairs: Array<[any, any]> = [
      [web._manifest(), one(manifests, 'Deployment', 'web')],
      [lb._manifest(), one(manifests, 'Service', 'lb')],
      [headless._manifest(), one(manifests, 'Service', 'headless')],
      [ext._manifest(), one(manifests, 'Service', 'ext')],
      [route._manifest(), one(manifests, 'Ingress', 'route')],
    ];
    for (const [validated, emitted] of pairs) {
      const { paused, ...emittedSpec } = emitted.spec;
      expect(normalize(validated.spec)).toEqual(emittedSpec);
      expect(normalize(validated.metadata)).toEqual(emitted.metadata);
    }
  });
});
