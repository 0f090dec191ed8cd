import { ExposedService, IngressRoute, PathType, ServiceType, WebApp } from '../src';
import { chart, one, synth, synthError } from './util';

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
    expect(synthError(c)).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port: 8080 is not a port of Service "web" \(\[demo\/web\]\), whose ports are 80 \(http\)/);
  });

  test('fails when a Service with several ports gets no backend port', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc }] });
    expect(synthError(c)).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port: the backend to Service "web" \(\[demo\/web\]\) needs an explicit port because it has 2 ports/);
  });

  test('fails when a backend names a Service port longer than 15 characters', () => {
    const c = chart('demo');
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'a-very-long-port-name' }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc, port: 'a-very-long-port-name' }] });
    expect(synthError(c)).toMatch(/backend\.service\.port\.name: "a-very-long-port-name" is not a valid backend port name.*use the port number/);
  });

  test('fails when the backend Service is in another namespace', () => {
    const c = chart('demo', 'web');
    const svc = new ExposedService(c, 'web', { namespace: 'other', selector: { a: 'b' }, ports: [{ port: 80 }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc }] });
    expect(synthError(c)).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name: Service "web" is in namespace "other", but this Ingress is in "web"/);
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
    const msg = synthError(c);
    expect(msg).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.host: "Bad_Host:8080" has a port/);
    expect(msg).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths\[0\]\.path: "api" must start with '\/'/);
    expect(msg).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths\[1\]\.path: "\/a\/\/b" may not contain "\/\/"/);
    expect(msg).toMatch(/\[demo\/ing\] spec\.ingressClassName: "nginx" conflicts with annotation/);
    expect(msg).toMatch(/\[demo\/ing\] spec\.tls\[0\]\.hosts\[0\]: "other.example.com" matches no rule host/);
  });

  test('fails when a route has neither paths nor a default backend', () => {
    const c = chart('demo');
    new IngressRoute(c, 'ing', { host: 'a.example.com' });
    expect(synthError(c)).toMatch(/\[demo\/ing\] spec\.rules\[0\]\.http\.paths: a rule with http needs at least one path/);
    const c2 = chart('demo2');
    new IngressRoute(c2, 'ing', {});
    expect(synthError(c2)).toMatch(/\[demo2\/ing\] spec: an Ingress needs rules or a defaultBackend/);
  });

  test('fails when a Service of unknown ports gets no backend port', () => {
    const c = chart('demo');
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: ExposedService.fromName(c, 'ext', 'ext') }] });
    expect(synthError(c)).toMatch(/needs an explicit port because its ports are not known/);
  });

  test('an ExternalName Service can be a backend', () => {
    const c = chart();
    const ext = new ExposedService(c, 'api', { type: ServiceType.EXTERNAL_NAME, externalName: 'api.example.com', ports: [{ port: 443 }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: ext }] });
    expect(one(synth(c), 'Ingress').spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'api', port: { number: 443 } });
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
