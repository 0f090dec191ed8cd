import { App, Chart, Testing } from 'cdk8s';
import { ExposePolicy, ExposedService, IngressRoute, PathType, Protocol, ServiceType, Severity, WebApp } from '../src';
import { foundInApp, one, parseFindings, synth, synthApp } from './util';
import { Registry } from '../src/constructs/registry';

function appError(app: App): string {
  try {
    app.synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail');
}

function quietApp(props: Parameters<typeof ExposePolicy.set>[1] = {}): App {
  const app = Testing.app();
  ExposePolicy.set(app, { printWarnings: false, ...props });
  return app;
}

describe('checks across the whole App', () => {
  describe('nodePorts', () => {
    test('fails when two Services in different Charts claim one nodePort, naming both paths', () => {
      const app = quietApp();
      new ExposedService(new Chart(app, 'web'), 'public', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 80, nodePort: 31879 }] });
      new ExposedService(new Chart(app, 'api'), 'public', { name: 'api-public', type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 80, nodePort: 31879 }] });
      expect(foundInApp(app)).toEqual(['web/public service-node-port-conflict spec.ports[0].nodePort']);
      expect(appError(app)).toMatch(/\[web\/public\] spec\.ports\[0\]\.nodePort: 31879 is already used by \[api\/public\] \(NodePort services share one port space per cluster.*provided port is already allocated.*\); choose another nodePort/);
    });

    test('fails when two Services claim one nodePort over different protocols: the allocator counts numbers, not protocols', () => {
      const app = quietApp();
      const c = new Chart(app, 'c');
      new ExposedService(c, 'a', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 53, nodePort: 30053 }] });
      new ExposedService(c, 'b', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 53, nodePort: 30053, protocol: Protocol.UDP }] });
      expect(foundInApp(app)).toEqual(['c/b service-node-port-conflict spec.ports[0].nodePort']);
    });

    test('accepts one nodePort over two protocols of one Service port, and distinct nodePorts', () => {
      const app = quietApp();
      const c = new Chart(app, 'c');
      new ExposedService(c, 'dns', {
        type: ServiceType.NODE_PORT,
        selector: { a: 'b' },
        ports: [{ name: 'dns', port: 53, nodePort: 30053, protocol: Protocol.UDP }, { name: 'dns-tcp', port: 53, nodePort: 30053 }],
      });
      new ExposedService(c, 'c', { type: ServiceType.LOAD_BALANCER, selector: { a: 'b' }, ports: [{ port: 53, nodePort: 30054 }] });
      expect(synthApp(app)).toHaveLength(2);
    });
  });

  describe('Service names', () => {
    test('fails when two Services share a namespace and name, across Charts', () => {
      const app = quietApp();
      new ExposedService(new Chart(app, 'one'), 'web', { selector: { a: 'b' }, ports: [{ port: 80 }] });
      new ExposedService(new Chart(app, 'two'), 'web', { selector: { a: 'b' }, ports: [{ port: 8080 }] });
      expect(foundInApp(app)).toEqual(['two/web object-name-unique metadata.name']);
      expect(appError(app)).toMatch(/\[two\/web\] metadata\.name: Service "web" in namespace "default" is already defined by \[one\/web\]/);
    });

    test('accepts the same name in two namespaces', () => {
      const app = quietApp();
      new ExposedService(new Chart(app, 'one', { namespace: 'a' }), 'web', { selector: { a: 'b' }, ports: [{ port: 80 }] });
      new ExposedService(new Chart(app, 'two', { namespace: 'b' }), 'web', { selector: { a: 'b' }, ports: [{ port: 80 }] });
      expect(synthApp(app)).toHaveLength(2);
    });
  });

  describe('host and path', () => {
    const svcIn = (c: Chart) => ExposedService.fromName(c, 'svc', 'svc', { ports: [{ port: 80 }] });

    test('fails when two IngressRoutes claim one host + path + pathType', () => {
      const app = quietApp();
      const a = new Chart(app, 'a');
      const b = new Chart(app, 'b');
      new IngressRoute(a, 'ing', { host: 'x.example.com', paths: [{ path: '/', service: svcIn(a) }] });
      new IngressRoute(b, 'ing', { name: 'ing-b', host: 'x.example.com', paths: [{ path: '/', service: svcIn(b) }] });
      expect(foundInApp(app)).toEqual(['b/ing ingress-route-conflict spec.rules[0].http.paths[0]']);
      expect(appError(app)).toMatch(/is also claimed by \[a\/ing\] at spec\.rules\[0\]\.http\.paths\[0\]/);
    });

    test('fails when two paths of one route claim the same host and path', () => {
      const app = quietApp();
      const a = new Chart(app, 'a');
      const svc = svcIn(a);
      new IngressRoute(a, 'ing', { host: 'x.example.com', paths: [{ path: '/api', service: svc }, { path: '/api', service: svc }] });
      expect(foundInApp(app)).toEqual(['a/ing ingress-route-conflict spec.rules[0].http.paths[1]']);
      expect(appError(app)).toMatch(/is also claimed by spec\.rules\[0\]\.http\.paths\[0\] of this object/);
    });

    test('accepts the same path on another host or with another pathType', () => {
      const app = quietApp();
      const a = new Chart(app, 'a');
      const svc = svcIn(a);
      new IngressRoute(a, 'one', { host: 'x.example.com', paths: [{ path: '/', service: svc }] });
      new IngressRoute(a, 'two', { host: 'y.example.com', paths: [{ path: '/', service: svc }] });
      new IngressRoute(a, 'three', { host: 'x.example.com', paths: [{ path: '/', service: svc, pathType: PathType.EXACT }] });
      expect(synthApp(app)).toHaveLength(3);
    });
  });

  describe('dangling selectors', () => {
    const build = (app: App, selector: { [k: string]: string }) => {
      const c = new Chart(app, 'c');
      new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80 }] });
      new ExposedService(c, 'svc', { selector, ports: [{ port: 80 }] });
      return c;
    };

    test('a selector that matches no WebApp is a warning by default, printed once', () => {
      const app = Testing.app();
      const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const c = build(app, { app: 'nothing' });
        synth(c);
        synth(c);
        const lines = write.mock.calls.map(args => String(args[0])).filter(l => l.includes('[c/svc]'));
        expect(lines).toHaveLength(1);
        expect(parseFindings(`header\n${lines[0]}`)).toEqual([{ path: 'c/svc', rule: 'service-selector-dangling', field: 'spec.selector', severity: 'warning' }]);
      } finally {
        write.mockRestore();
      }
      expect(parseFindings(['header', ...Registry.of(app).warningLines()].join('\n')).map(f => `${f.path} ${f.rule} ${f.severity}`)).toEqual(['c/svc service-selector-dangling warning']);
    });

    test('fails when dangling selectors are made errors', () => {
      const app = quietApp({ danglingSelectors: Severity.ERROR });
      build(app, { app: 'nothing' });
      expect(foundInApp(app)).toEqual(['c/svc service-selector-dangling spec.selector']);
    });

    test('accepts a selector that matches the WebApp pods, even as an error', () => {
      const app = quietApp({ danglingSelectors: Severity.ERROR });
      build(app, { 'app.kubernetes.io/name': 'web' });
      expect(synthApp(app)).toHaveLength(2);
    });

    test('accepts a selector in a namespace without WebApps: the pods come from elsewhere', () => {
      const app = quietApp({ danglingSelectors: Severity.ERROR });
      const c = new Chart(app, 'c');
      new WebApp(c, 'web', { image: 'x', namespace: 'apps' });
      new ExposedService(c, 'svc', { selector: { app: 'legacy' }, ports: [{ port: 80 }] });
      expect(synthApp(app)).toHaveLength(2);
    });
  });

  test('the App-wide checks run once per change of the model, not once per chart', () => {
    const app = quietApp();
    for (let i = 0; i < 30; i++) {
      const c = new Chart(app, `c${i}`);
      new WebApp(c, 'web', { name: `web${i}`, image: 'x', ports: [{ containerPort: 80 }] }).expose('svc', { name: `svc${i}` });
    }
    app.synthYaml(); // cdk8s validates the whole App once, then again for each of the 30 charts
    expect(Registry.of(app).analysisRuns).toBe(1);
    app.synthYaml();
    expect(Registry.of(app).analysisRuns).toBe(1);
    new ExposedService(new Chart(app, 'late'), 'late', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    app.synthYaml();
    expect(Registry.of(app).analysisRuns).toBe(2);
  });

  test('a tree that changes between two validation passes is checked again', () => {
    const app = quietApp();
    const c = new Chart(app, 'c');
    new ExposedService(c, 'a', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30001 }] });
    expect(one(synth(c), 'Service').spec.ports[0].nodePort).toBe(30001);
    new ExposedService(c, 'b', { type: ServiceType.NODE_PORT, selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30001 }] });
    expect(foundInApp(app)).toEqual(['c/b service-node-port-conflict spec.ports[0].nodePort']);
  });

  test('a mutation through the API is checked again', () => {
    const app = quietApp();
    const c = new Chart(app, 'c');
    const svc = new ExposedService(c, 'a', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }] });
    synth(c);
    svc.addPort({ port: 80, name: 'again' });
    expect(foundInApp(app)).toEqual(['c/a service-port-unique spec.ports[1].port']);
  });
});
