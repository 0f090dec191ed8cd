import { ApiObject, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { ExposePolicy, ExposedService, Protocol, ServiceType, SessionAffinity, TrafficPolicy, WebApp } from '../src';
import { chart, one, synth, synthError } from './util';

describe('ExposedService', () => {
  test('defaults: a ClusterIP Service named after its id, targetPort = port', () => {
    const c = chart();
    const svc = new ExposedService(c, 'Web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    const s = one(synth(c), 'Service');
    expect(svc.name).toBe('web');
    expect(s.metadata.name).toBe('web');
    expect(s.spec).toEqual({ type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] });
    expect(s).toMatchSnapshot();
  });

  test('kitchen sink: a LoadBalancer with every option', () => {
    const c = chart('kitchen', 'shop');
    new ExposedService(c, 'public', {
      name: 'shop-public',
      type: ServiceType.LOAD_BALANCER,
      selector: { app: 'shop' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' },
        { name: 'dns', port: 53, targetPort: 5353, protocol: Protocol.UDP },
      ],
      sessionAffinity: SessionAffinity.CLIENT_IP,
      sessionAffinityTimeoutSeconds: 600,
      externalTrafficPolicy: TrafficPolicy.LOCAL,
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      labels: { team: 'shop' },
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
    });
    const s = one(synth(c), 'Service', 'shop-public');
    expect(s.metadata.namespace).toBe('shop');
    expect(s.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 600 } });
    expect(s.spec.ports[0]).toEqual({ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' });
    expect(s.spec.ports[1].protocol).toBe('UDP');
    expect(s).toMatchSnapshot();
  });

  test('ExternalName keeps its ports and has no selector', () => {
    const c = chart();
    new ExposedService(c, 'external-service', { type: ServiceType.EXTERNAL_NAME, externalName: 'api.acmecorp.com', ports: [{ port: 9000 }] });
    const s = one(synth(c), 'Service', 'external-service');
    expect(s.spec).toEqual({ type: 'ExternalName', externalName: 'api.acmecorp.com', ports: [{ port: 9000 }] });
  });

  test('headless: clusterIP None, ports optional', () => {
    const c = chart();
    new ExposedService(c, 'db', { headless: true, selector: { app: 'db' } });
    expect(one(synth(c), 'Service').spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'db' } });
  });

  test('the name carries no hash, and the Service is its own ApiObject (the escape hatch)', () => {
    const c = chart();
    const svc = new ExposedService(c, 'clusterip-service', { selector: { a: 'b' }, ports: [{ port: 8080 }] });
    expect(one(synth(c), 'Service').metadata.name).toBe('clusterip-service');
    expect(ApiObject.of(svc)).toBe(svc);
    expect(svc.node.children).toHaveLength(0);
  });

  test('addPort adds a port at synth', () => {
    const c = chart();
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }] });
    svc.addPort({ port: 443, name: 'https' });
    expect(one(synth(c), 'Service').spec.ports.map((p: any) => p.port)).toEqual([80, 443]);
  });

  test('fails when both target and selector are given', () => {
    const c = chart();
    const web = new WebApp(c, 'web', { image: 'nginx' });
    expect(() => new ExposedService(c, 's', { target: web, selector: { a: 'b' } })).toThrow(/set either target or selector, not both/);
  });

  test('fails when the port triple is invalid, with every error at once and the construct path', () => {
    const c = chart('demo');
    new ExposedService(c, 'bad', { selector: { a: 'b' }, ports: [{ port: 70000, nodePort: 99999, name: 'a' }, { port: 80, name: 'b', targetPort: 'Not_A_Name' }] });
    const msg = synthError(c);
    expect(msg).toMatch(/\[demo\/bad\] spec\.ports\[0\]\.port: 70000 is not a valid port number/);
    expect(msg).toMatch(/\[demo\/bad\] spec\.ports\[0\]\.nodePort: 99999 is not allowed on a ClusterIP Service/);
    expect(msg).toMatch(/\[demo\/bad\] spec\.ports\[1\]\.targetPort: "Not_A_Name" is not a valid targetPort name/);
  });

  test('fails when the derived name is not a DNS-1035 label', () => {
    const c = chart('demo');
    new ExposedService(c, '1st', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    expect(synthError(c)).toMatch(/\[demo\/1st\] metadata\.name: "1st" is not a valid Service name: a DNS-1035 label.*set a name that starts with a letter/);
  });

  test('fails when a nodePort is outside the range an ExposePolicy sets', () => {
    const app = Testing.app();
    ExposePolicy.set(app, { nodePortRange: { min: 20000, max: 22767 } });
    const c = new Chart(app, 'demo');
    new ExposedService(c, 'np', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30008 }] });
    expect(synthError(c)).toMatch(/\[demo\/np\] spec\.ports\[0\]\.nodePort: 30008 is outside the cluster's nodePort range 20000-22767/);
  });

  test('accepts a nodePort inside the range an ExposePolicy sets', () => {
    const app = Testing.app();
    ExposePolicy.set(app, { nodePortRange: { min: 20000, max: 22767 } });
    const c = new Chart(app, 'demo');
    new ExposedService(c, 'np', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 80, nodePort: 20000 }] });
    expect(one(synth(c), 'Service').spec.ports[0].nodePort).toBe(20000);
  });

  test('fails when an ExposePolicy range is not a range', () => {
    expect(() => ExposePolicy.set(Testing.app(), { nodePortRange: { min: 32767, max: 30000 } })).toThrow(/nodePortRange 32767-30000 is not a port range/);
  });

  test('fails when a policy is set twice on one scope', () => {
    const app = Testing.app();
    ExposePolicy.set(app);
    expect(() => ExposePolicy.set(app)).toThrow(/already has an ExposePolicy/);
  });

  describe('property: valid Services synthesize and pass the schema; bad ports are named', () => {
    const portArb = fc.integer({ min: 1, max: 65535 });
    test('every generated valid Service synthesizes', () => {
      fc.assert(fc.property(
        fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER),
        fc.uniqueArray(portArb.filter(p => p !== 10250), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: 30000, max: 32767 }), { nil: undefined }),
        (type, ports, nodePort) => {
          const c = chart();
          const withNodePort = type !== ServiceType.CLUSTER_IP;
          new ExposedService(c, 'svc', {
            type,
            selector: { app: 'x' },
            ports: ports.map((port, i) => ({ port, name: `p${i}`, nodePort: withNodePort && i === 0 ? nodePort : undefined })),
          });
          const s = one(synth(c), 'Service');
          expect(s.spec.ports.map((p: any) => p.port)).toEqual(ports);
        }), { numRuns: 60 });
    });

    test('every out-of-range port or nodePort is rejected with its field named', () => {
      const badPort = fc.oneof(fc.integer({ min: -100000, max: 0 }), fc.integer({ min: 65536, max: 1000000 }));
      const badNodePort = fc.oneof(fc.integer({ min: 1, max: 29999 }), fc.integer({ min: 32768, max: 200000 }));
      fc.assert(fc.property(badPort, badNodePort, fc.integer({ min: 0, max: 1 }), (port, nodePort, which) => {
        const c = chart('p');
        const ports = which === 0 ? [{ port }] : [{ port: 80, nodePort }];
        new ExposedService(c, 'svc', { type: ServiceType.NODE_PORT, selector: { app: 'x' }, ports });
        const msg = synthError(c);
        if (which === 0) expect(msg).toMatch(new RegExp(`\\[p/svc\\] spec\\.ports\\[0\\]\\.port: ${port} is not a valid port number`));
        else expect(msg).toMatch(new RegExp(`\\[p/svc\\] spec\\.ports\\[0\\]\\.nodePort: ${nodePort} is outside the cluster's nodePort range`));
      }), { numRuns: 60 });
    });
  });
});
