import { ApiObject, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { ExposePolicy, ExposePolicyProps, ExposedService, Protocol, RuleSeverity, ServiceType, SessionAffinity, TrafficPolicy, WebApp } from '../src';
import { chart, findings, found, one, synth, synthError } from './util';

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
    const web = new WebApp(c, 'web', { image: 'nginx', ports: [{ containerPort: 80 }] });
    new ExposedService(c, 's', { target: web, selector: { a: 'b' } });
    expect(found(c)).toEqual(['test/s service-target-selector spec.selector']);
  });

  test('fails when the port triple is invalid, with every error at once and the construct path', () => {
    const c = chart('demo');
    new ExposedService(c, 'bad', { selector: { a: 'b' }, ports: [{ port: 70000, nodePort: 99999, name: 'a' }, { port: 80, name: 'b', targetPort: 'Not_A_Name' }] });
    expect(found(c)).toEqual([
      'demo/bad service-port-number spec.ports[0].port',
      'demo/bad service-target-port spec.ports[1].targetPort',
      'demo/bad service-node-port-forbidden spec.ports[0].nodePort',
    ]);
  });

  // A Service name starting with a digit is a DNS-1123 label, accepted from 1.36
  // (RelaxedServiceNameValidation) and rejected through 1.35 (metadata.cases.ts 'validation.go
  // ValidateServiceName: starts with a digit (KEP-5311 RelaxedServiceNameValidation)',
  // acceptedFrom 36). The constructs use the same version range as the manifest checker: by
  // default a warning naming 1.36, an error with kubernetesVersion 1.35. Was an error by default.
  const digitName = (policy: ExposePolicyProps): Chart => {
    const app = Testing.app();
    ExposePolicy.set(app, policy);
    const c = new Chart(app, 'demo');
    new ExposedService(c, '1st', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    return c;
  };

  test('a derived name starting with a digit is a warning naming 1.36 by default', () => {
    expect(one(synth(digitName({ printWarnings: false })), 'Service').metadata.name).toBe('1st');
    const c = digitName({ warningsAsErrors: true });
    expect(found(c)).toEqual(['demo/1st service-name metadata.name']);
    expect(synthError(c)).toMatch(/\[demo\/1st\] metadata\.name: "1st" .*rejected by Kubernetes before 1\.36/);
  });

  // issue 20: ExposePolicy carries the Gateway API range like the Kubernetes one
  test('fails when gatewayApiVersion names no known bundle, naming the known ones', () => {
    expect(synthError(digitName({ gatewayApiVersion: 'v1.9', printWarnings: false }))).toMatch(/gatewayApiVersion: "v1\.9" is not a known release; known releases: v1\.4, v1\.5, v1\.6/);
  });

  test('fails when the derived name is not a DNS-1035 label and kubernetesVersion is 1.35', () => {
    const c = digitName({ kubernetesVersion: '1.35' });
    expect(findings(c)).toEqual([{ path: 'demo/1st', rule: 'service-name', field: 'metadata.name', severity: 'error' }]);
    expect(synthError(c)).toMatch(/\[demo\/1st\] metadata\.name: "1st" .*set a name that starts with a letter/);
  });

  test('accepts a derived name starting with a digit when kubernetesVersion is 1.36', () => {
    expect(one(synth(digitName({ kubernetesVersion: '1.36', warningsAsErrors: true })), 'Service').metadata.name).toBe('1st');
  });

  test('fails when a nodePort is outside the range an ExposePolicy sets', () => {
    const app = Testing.app();
    ExposePolicy.set(app, { nodePortRange: { min: 20000, max: 22767 } });
    const c = new Chart(app, 'demo');
    new ExposedService(c, 'np', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30008 }] });
    expect(found(c)).toEqual(['demo/np service-node-port-range spec.ports[0].nodePort']);
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
    const app = Testing.app();
    ExposePolicy.set(app, { nodePortRange: { min: 32767, max: 30000 }, rules: { 'service-node-port-rang': RuleSeverity.OFF } });
    expect(() => app.synth()).toThrow(/unknown rule "service-node-port-rang"; did you mean "service-node-port-range"[\s\S]*nodePortRange: 32767-30000 is not a port range/);
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
        expect(found(c)).toEqual([which === 0 ? 'p/svc service-port-number spec.ports[0].port' : 'p/svc service-node-port-range spec.ports[0].nodePort']);
      }), { numRuns: 60 });
    });
  });

  describe('ignoreRule', () => {
    const dangling = (exempt?: [string, string]) => {
      const c = chart('demo');
      new WebApp(c, 'web', { image: 'nginx', ports: [{ containerPort: 80 }] });
      const svc = new ExposedService(c, 'legacy', { selector: { app: 'legacy' }, ports: [{ port: 80 }] });
      if (exempt) svc.ignoreRule(exempt[0], exempt[1]);
      ExposePolicy.set(c, { rules: { 'service-selector-dangling': RuleSeverity.ERROR } });
      return c;
    };

    test('fails without the exemption', () => {
      expect(found(dangling())).toEqual(['demo/legacy service-selector-dangling spec.selector']);
    });

    test('suppresses the finding and writes the annotation with the reason', () => {
      const c = dangling(['service-selector-dangling', 'pods come from the upstream Helm chart']);
      const svc = one(synth(c), 'Service', 'legacy');
      expect(svc.metadata.annotations).toEqual({ 'ignore-check.cdk8s-expose.io/service-selector-dangling': 'pods come from the upstream Helm chart' });
    });

    test('fails when the reason is empty', () => {
      expect(found(dangling(['service-selector-dangling', '']))).toEqual([
        'demo/legacy service-selector-dangling spec.selector',
        "demo/legacy exemption-reason-required metadata.annotations['ignore-check.cdk8s-expose.io/service-selector-dangling']",
      ]);
    });

    test('fails when the rule id is unknown, naming the closest', () => {
      const c = dangling(['service-selector-danglin', 'pods come from the upstream Helm chart']);
      expect(found(c)).toEqual([
        'demo/legacy service-selector-dangling spec.selector',
        "demo/legacy exemption-unknown-rule metadata.annotations['ignore-check.cdk8s-expose.io/service-selector-danglin']",
      ]);
      expect(synthError(c)).toMatch(/did you mean "service-selector-dangling"/);
    });

    test('warns when the exemption suppresses nothing', () => {
      const c = chart('demo');
      ExposePolicy.set(c, { warningsAsErrors: true });
      new WebApp(c, 'web', { image: 'nginx', ports: [{ containerPort: 80 }] }).expose('svc').ignoreRule('service-selector-dangling', 'pods came from the old chart');
      expect(found(c)).toEqual(["demo/web/svc exemption-unused metadata.annotations['ignore-check.cdk8s-expose.io/service-selector-dangling']"]);
    });
  });

  test('fails when externalName is set on a ClusterIP Service: a prop without effect is an error in the constructs', () => {
    const c = chart('demo');
    new ExposedService(c, 'api', { selector: { a: 'b' }, ports: [{ port: 80 }], externalName: 'api.example.com' });
    expect(found(c)).toEqual(['demo/api service-external-name-ignored spec.externalName']);
  });
});
