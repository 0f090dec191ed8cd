import { ExposedService, IngressRoute, ManifestAnalyzer, PathType, ServiceType, WebApp } from '../src';
import { chart, found, one, synth, synthError } from './util';

describe('IngressRoute', () => {
  test('seed 004: service.libert.xyz routes /health to foo:80 and /bar to bar:80, Services defined elsewhere', () => {
    const c = chart('seed-004');
    const foo = ExposedService.fromName(c, 'foo', 'foo', { ports: [{ port: 80 }] });
    const bar = ExposedService.fromName(c, 'bar', 'bar', { ports: [{ port: 80 }] });
    new IngressRoute(c, 'example', {
      host: 'service.libert.xyz',
      paths: [{ path: '/health', service: foo, port: 80 }, { path: '/bar', service: bar, port: 80 }],
    });
    const manifests = synth(c);
    expect(manifests.map(m => m.kind)).toEqual(['Ingress']);
    const ing = one(manifests, 'Ingress', 'example');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.spec.rules).toEqual([{
      host: 'service.libert.xyz',
      http: {
        paths: [
          { path: '/health', pathType: 'Prefix', backend: { service: { name: 'foo', port: { number: 80 } } } },
          { path: '/bar', pathType: 'Prefix', backend: { service: { name: 'bar', port: { number: 80 } } } },
        ],
      },
    }]);
    expect(manifests).toMatchSnapshot();
  });

  test('the port may be left out when the Service has one port', () => {
    const c = chart();
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 8080 }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc }] });
    expect(one(synth(c), 'Ingress').spec.rules[0].http.paths[0].backend.service.port).toEqual({ number: 8080 });
  });

  test('a named backend port, an exact path, and several hosts in one Ingress', () => {
    const c = chart();
    const web = new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 9090, name: 'metrics' }] });
    const svc = web.expose('web-svc');
    const route = new IngressRoute(c, 'ing', {
      host: 'a.example.com',
      paths: [{ path: '/', service: svc, port: 'http' }],
      rules: [{ host: 'b.example.com', paths: [{ path: '/metrics', pathType: PathType.EXACT, service: svc, port: 9090 }] }],
    });
    route.addHost('c.example.com', [{ path: '/', service: svc, port: 80 }]);
    route.addPath({ path: '/api', service: svc, port: 'http' });
    const ing = one(synth(c), 'Ingress');
    expect(ing.spec.rules.map((r: any) => r.host)).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
    expect(ing.spec.rules[0].http.paths[1]).toEqual({ path: '/api', pathType: 'Prefix', backend: { service: { name: 'web-svc', port: { name: 'http' } } } });
    expect(ing.spec.rules[1].http.paths[0].pathType).toBe('Exact');
  });

  test('kitchen sink: class, TLS defaulting to the host, annotations, default backend', () => {
    const c = chart('kitchen', 'shop');
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }] });
    new IngressRoute(c, 'shop', {
      host: 'shop.example.com',
      paths: [{ path: '/', service: svc }],
      defaultBackend: { service: svc },
      ingressClassName: 'nginx',
      tls: [{ secretName: 'shop-tls' }],
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    });
    const ing = one(synth(c), 'Ingress');
    expect(ing.spec.tls).toEqual([{ secretName: 'shop-tls', hosts: ['shop.example.com'] }]);
    expect(ing).toMatchSnapshot();
  });

  test('backends resolve at synth: a port added to the Service later counts', () => {
    const c = chart();
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc, port: 'admin' }] });
    svc.addPort({ port: 8443, name: 'admin' });
    expect(one(synth(c), 'Ingress').spec.rules[0].http.paths[0].backend.service.port).toEqual({ name: 'admin' });
  });

  test('fails when the backend port is not a port of the Service', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc, port: 8080 }] });
    expect(found(c)).toEqual(['demo/ing ingress-backend-port spec.rules[0].http.paths[0].backend.service.port']);
    expect(synthError(c)).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port: 8080 is not a port of Service "web" \(\[demo\/web\]\), whose ports are 80 \(http\)/);
  });

  test('fails when a Service with several ports gets no backend port', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc }] });
    expect(found(c)).toEqual(['demo/ing ingress-backend spec.rules[0].http.paths[0].backend.service.port']);
    expect(synthError(c)).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port: the backend to Service "web" \(\[demo\/web\]\) needs an explicit port because it has 2 ports/);
  });

  test('fails when a backend names a Service port longer than 15 characters', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'a-very-long-port-name' }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc, port: 'a-very-long-port-name' }] });
    expect(found(c)).toEqual(['demo/ing ingress-backend spec.rules[0].http.paths[0].backend.service.port.name']);
    expect(synthError(c)).toMatch(/backend\.service\.port\.name: "a-very-long-port-name" is not a valid backend port name.*use the port number/);
  });

  test('fails when the backend Service is in another namespace', () => {
    const c = chart('demo', 'web');
    const svc = new ExposedService(c, 'web', { namespace: 'other', selector: { a: 'b' }, ports: [{ port: 80 }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc }] });
    expect(found(c)).toEqual([
      'demo/ing ingress-backend-namespace spec.rules[0].http.paths[0].backend.service.name',
    ]);
  });

  test('fails when hosts, paths, TLS and class are invalid, all reported together', () => {
    const c = chart('demo');
    const svc = ExposedService.fromName(c, 'ext', 'ext');
    new IngressRoute(c, 'ing', {
      host: 'Bad_Host:8080',
      paths: [{ path: 'api', service: svc, port: 80 }, { path: '/a//b', service: svc, port: 80 }],
      ingressClassName: 'nginx',
      annotations: { 'kubernetes.io/ingress.class': 'traefik' },
      tls: [{ secretName: 'tls', hosts: ['other.example.com'] }],
    });
    // the TLS host that no rule serves is a warning (the API accepts it), so it does not fail synth;
    // the class conflict is reported on the annotation, as ValidateIngressCreate does
    // (ingress.cases.ts 'TestValidateIngressCreate "class field and annotation set"'; was on
    // spec.ingressClassName)
    expect(found(c)).toEqual([
      'demo/ing ingress-host spec.rules[0].host',
      'demo/ing ingress-paths spec.rules[0].http.paths[0].path',
      'demo/ing ingress-paths spec.rules[0].http.paths[1].path',
      "demo/ing ingress-class metadata.annotations['kubernetes.io/ingress.class']",
    ]);
    expect(synthError(c)).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.host: "Bad_Host:8080" has a port/);
  });

  test('fails when a route has neither paths nor a default backend', () => {
    const c = chart('demo');
    new IngressRoute(c, 'ing', { host: 'a.example.com' });
    expect(found(c)).toEqual(['demo/ing ingress-paths spec.rules[0].http.paths']);
    const c2 = chart('demo2');
    new IngressRoute(c2, 'ing', {});
    expect(found(c2)).toEqual(['demo2/ing ingress-rules-required spec']);
  });

  test('fails when a Service of unknown ports gets no backend port', () => {
    const c = chart('demo');
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: ExposedService.fromName(c, 'ext', 'ext') }] });
    expect(found(c)).toEqual(['demo/ing ingress-backend spec.rules[0].http.paths[0].backend.service.port']);
    expect(synthError(c)).toMatch(/needs an explicit port because its ports are not known/);
  });

  test('an ExternalName Service can be a backend', () => {
    const c = chart();
    const ext = new ExposedService(c, 'api', { type: ServiceType.EXTERNAL_NAME, externalName: 'api.example.com', ports: [{ port: 443 }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: ext }] });
    expect(one(synth(c), 'Ingress').spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'api', port: { number: 443 } });
  });

  test('fails when a backend port is not one a reference by name declares', () => {
    const c = chart('demo');
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: ExposedService.fromName(c, 'api', 'api', { ports: [{ port: 80 }] }), port: 8080 }] });
    expect(found(c)).toEqual(['demo/ing ingress-backend-reference-port spec.rules[0].http.paths[0].backend.service.port']);
  });

  test('a Service referenced by name is declared outside the App in the emitted YAML, so the CLI does not report it missing', () => {
    const c = chart('demo');
    const app = ExposedService.fromName(c, 'api', 'api', { ports: [{ port: 80 }] });
    const web = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: app }, { path: '/web', service: web }] });
    const ing = one(synth(c), 'Ingress');
    expect(ing.metadata.annotations).toEqual({ 'cdk8s-expose.io/external-services': 'api' });
    const result = ManifestAnalyzer.analyze(synth(c).map(manifest => ({ manifest })));
    expect(result.findings.filter(f => f.kind === 'Ingress')).toEqual([]);
  });

  test('ignoreRule exempts the route from one rule, with the reason, through an annotation', () => {
    const c = chart('demo');
    const route = new IngressRoute(c, 'ing', { host: 'a.example.com', paths: [{ path: '/', service: ExposedService.fromName(c, 'api', 'api', { ports: [{ port: 80 }] }) }], tls: [{ secretName: 'tls', hosts: ['b.example.com'] }] });
    route.ignoreRule('ingress-tls-host-unmatched', 'b is served by another route of the same certificate');
    const ing = one(synth(c), 'Ingress');
    expect(ing.metadata.annotations['ignore-check.cdk8s-expose.io/ingress-tls-host-unmatched']).toBe('b is served by another route of the same certificate');
    const result = ManifestAnalyzer.analyze([{ manifest: ing }]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map(f => [f.rule, f.field, f.reason])).toEqual([['ingress-tls-host-unmatched', 'spec.tls[0].hosts[0]', 'b is served by another route of the same certificate']]);
  });

  test('the Service\'s ports are read a fixed number of times, however many backends route to it', () => {
    const readsFor = (backends: number) => {
      const c = chart();
      const web = new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80, name: 'http' }] });
      const svc = web.expose('svc');
      const route = new IngressRoute(c, 'ing', { host: 'a.example.com' });
      for (let i = 0; i < backends; i++) route.addPath({ path: `/p${i}`, service: svc });
      const reads = jest.spyOn(ExposedService.prototype, 'ports', 'get');
      try {
        expect(one(synth(c), 'Ingress').spec.rules[0].http.paths).toHaveLength(backends);
        return reads.mock.calls.length;
      } finally {
        reads.mockRestore();
      }
    };
    expect(readsFor(200)).toBe(readsFor(2));
  });

  test('addHost and addPath keep the order of hosts: addPath\'s host first when it is new', () => {
    const c = chart();
    const svc = ExposedService.fromName(c, 'svc', 'svc', { ports: [{ port: 80 }] });
    const route = new IngressRoute(c, 'ing', { rules: [{ host: 'b.example.com', paths: [{ path: '/', service: svc }] }] });
    route.addHost('c.example.com', [{ path: '/', service: svc }]);
    route.addPath({ path: '/any', service: svc });
    route.addHost('b.example.com', [{ path: '/b2', service: svc }]);
    const rules = one(synth(c), 'Ingress').spec.rules;
    expect(rules.map((r: any) => [r.host, r.http.paths.map((p: any) => p.path)])).toEqual([
      [undefined, ['/any']],
      ['b.example.com', ['/', '/b2']],
      ['c.example.com', ['/']],
    ]);
  });
});
