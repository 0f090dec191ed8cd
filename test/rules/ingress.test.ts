import { checkBackend, checkHost, checkIngress, checkPath, checkServicePortRef, hostCovers } from '../../src/rules/ingress';

const msgs = (vs: Array<{ field: string; message: string }>) => vs.map(v => `${v.field}: ${v.message}`);
const backend = (name: any = 'web', port: any = { number: 80 }) => ({ service: { name, port } });

describe('ingress rules', () => {
  describe('hosts', () => {
    test.each(['example.com', 'service.libert.xyz', 'a', '*.example.com', 'a-b.c-d.e'])('accepts %j', h => {
      expect(checkHost('host', h)).toEqual([]);
    });
    test.each<[string, RegExp]>([
      ['Bad_Host:8080', /^host: "Bad_Host:8080" has a port: .* use "bad-host"$/],
      ['foo.com:80', /has a port/],
      ['10.0.0.1', /"10.0.0.1" is an IP address: an Ingress host must be a DNS name, not an IP/],
      ['::1', /is an IP address/],
      ['Example.com', /"Example.com" is not a valid host: must be a lowercase DNS-1123 subdomain; use e.g. "example.com"|"Example.com" is not a valid host/],
      ['*', /"\*" is not a valid wildcard host: a wildcard may only be the whole first label/],
      ['*bar.com', /not a valid wildcard host/],
      ['f*.bar.com', /not a valid wildcard host/],
      ['foo.*.bar.com', /not a valid wildcard host/],
      ['*.*.bar.com', /not a valid wildcard host/],
      ['a..b', /is not a valid host/],
      ['', /"" is not a host/],
    ])('fails when the host is %j', (h, re) => {
      expect(msgs(checkHost('host', h))).toEqual([expect.stringMatching(re)]);
    });
  });

  describe('paths', () => {
    test.each<[string, string]>([
      ['/', 'Prefix'], ['/api', 'Prefix'], ['/a/b/', 'Exact'], ['/health', 'Exact'], ['', 'ImplementationSpecific'],
      ['/api(/|$)(.*)', 'ImplementationSpecific'], ['/a//b', 'ImplementationSpecific'],
    ])('accepts %j as %s', (p, t) => expect(checkPath('p', p, t)).toEqual([]));

    test.each<[string, string, RegExp]>([
      ['api', 'Prefix', /^p\.path: "api" must start with '\/' for pathType Prefix; use "\/api"/],
      ['', 'Exact', /^p\.path: "" must start with '\/'/],
      ['/a//b', 'Prefix', /may not contain "\/\/"/],
      ['/a/./b', 'Prefix', /may not contain "\/.\/"/],
      ['/a/../b', 'Exact', /may not contain "\/..\/"/],
      ['/a%2fb', 'Prefix', /may not contain "%2f"/],
      ['/a%2Fb', 'Prefix', /may not contain "%2F"/],
      ['/a/.', 'Prefix', /may not end with "\/."/],
      ['/a/..', 'Exact', /may not end with "\/.."/],
      ['api', 'ImplementationSpecific', /must be empty or start with '\/'/],
      ['/', 'Regex', /^p\.pathType: "Regex" is not a pathType/],
    ])('fails when %j is %s', (p, t, re) => {
      expect(msgs(checkPath('p', p, t))).toEqual([expect.stringMatching(re)]);
    });
  });

  describe('backends', () => {
    test.each<[string, any]>([
      ['a port number', backend()],
      ['a port name', backend('web', { name: 'http' })],
      ['a resource', { resource: { kind: 'Bucket', name: 'b' } }],
    ])('accepts %s', (_, b) => expect(checkBackend('b', b)).toEqual([]));

    test.each<[string, any, RegExp]>([
      ['both name and number are set', backend('web', { name: 'http', number: 80 }), /^b\.service\.port: .* must have exactly one of name or number/],
      ['neither is set', backend('web', {}), /must have exactly one of name or number/],
      ['the number is 0', backend('web', { number: 0 }), /must have exactly one of name or number/],
      ['the number is 65536', backend('web', { number: 65536 }), /^b\.service\.port\.number: 65536 is not a valid port number/],
      ['the name is longer than 15', backend('web', { name: 'a-very-long-port-name' }), /^b\.service\.port\.name: "a-very-long-port-name" is not a valid backend port name.*an Ingress can only refer to a Service port by an IANA name of at most 15 characters/],
      ['the Service name is not a DNS-1035 label', backend('1web'), /^b\.service\.name: "1web" is not a valid Service name/],
      ['both service and resource are set', { ...backend(), resource: { kind: 'X', name: 'x' } }, /^b: a backend needs exactly one of service or resource/],
    ])('fails when %s', (_, b, re) => {
      expect(msgs(checkBackend('b', b))).toEqual(expect.arrayContaining([expect.stringMatching(re)]));
    });
  });

  describe('backend ports against the Service', () => {
    const ports = [{ port: 80, name: 'http' }, { port: 443, name: 'https' }];
    test('accepts a number and a name of the Service', () => {
      expect(checkServicePortRef('f', 'web', 80, ports)).toEqual([]);
      expect(checkServicePortRef('f', 'web', 'https', ports)).toEqual([]);
    });
    test('accepts no port when the Service has one', () => {
      expect(checkServicePortRef('f', 'web', undefined, [{ port: 80 }])).toEqual([]);
    });
    test('accepts any port when the ports are unknown', () => {
      expect(checkServicePortRef('f', 'web', 8080, undefined)).toEqual([]);
    });
    test.each<[string, any, any, RegExp]>([
      ['the port is missing', 8080, ports, /^f: 8080 is not a port of Service "web", whose ports are 80 \(http\), 443 \(https\); use one of them/],
      ['the name is missing', 'grpc', ports, /^f: "grpc" is not a port of Service "web"/],
      ['no port is given for a Service with two', undefined, ports, /^f: the backend to Service "web" needs an explicit port because it has 2 ports: 80 \(http\), 443 \(https\)/],
      ['no port is given for a Service with unknown ports', undefined, undefined, /needs an explicit port because its ports are not known/],
    ])('fails when %s', (_, ref, p, re) => {
      expect(msgs(checkServicePortRef('f', 'web', ref, p))).toEqual([expect.stringMatching(re)]);
    });
  });

  describe('TLS host matching', () => {
    test.each<[string, string, boolean]>([
      ['a.com', 'a.com', true], ['*.a.com', 'x.a.com', true], ['*.a.com', 'x.y.a.com', false], ['*.a.com', 'a.com', false], ['b.com', 'a.com', false],
    ])('%s covers %s: %s', (t, r, ok) => expect(hostCovers(t, r)).toBe(ok));
  });

  describe('a whole Ingress', () => {
    const ing = (spec: any, metadata: any = { name: 'web' }) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec });
    const rule = (host?: string) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend() }] } });

    test('accepts rules, TLS and a class', () => {
      expect(checkIngress(ing({ ingressClassName: 'nginx', rules: [rule('a.com')], tls: [{ secretName: 'a-tls', hosts: ['a.com'] }] }))).toEqual([]);
    });
    test('accepts a default backend alone', () => {
      expect(checkIngress(ing({ defaultBackend: backend() }))).toEqual([]);
    });
    test('accepts a matching class annotation', () => {
      expect(checkIngress(ing({ ingressClassName: 'nginx', rules: [rule()] }, { name: 'w', annotations: { 'kubernetes.io/ingress.class': 'nginx' } }))).toEqual([]);
    });
    test.each<[string, any, any, RegExp]>([
      ['it has neither rules nor a default backend', {}, undefined, /^spec: an Ingress needs rules or a defaultBackend/],
      ['a rule has no paths', { rules: [{ host: 'a.com', http: { paths: [] } }] }, undefined, /^spec\.rules\[0\]\.http\.paths: a rule with http needs at least one path/],
      ['the TLS secret name is invalid', { rules: [rule('a.com')], tls: [{ secretName: 'A_TLS', hosts: ['a.com'] }] }, undefined, /^spec\.tls\[0\]\.secretName: "A_TLS" is not a valid Secret name/],
      ['a TLS host is invalid', { rules: [rule('a.com')], tls: [{ secretName: 's', hosts: ['A.com'] }] }, undefined, /^spec\.tls\[0\]\.hosts\[0\]: "A.com" is not a valid host/],
      ['a TLS host matches no rule', { rules: [rule('a.com')], tls: [{ secretName: 's', hosts: ['b.com'] }] }, undefined, /^spec\.tls\[0\]\.hosts\[0\]: "b.com" matches no rule host of this Ingress \(a.com\)/],
      ['the class is invalid', { ingressClassName: 'Nginx_1', rules: [rule()] }, undefined, /^spec\.ingressClassName: "Nginx_1" is not a valid ingressClassName/],
      ['the class conflicts with the annotation', { ingressClassName: 'nginx', rules: [rule()] }, { name: 'w', annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, /^spec\.ingressClassName: "nginx" conflicts with annotation kubernetes.io\/ingress.class="traefik"/],
      ['the name is invalid', { rules: [rule()] }, { name: 'Web_1' }, /^metadata\.name: "Web_1" is not a valid Ingress name/],
    ])('fails when %s', (_, spec, md, re) => {
      expect(msgs(checkIngress(ing(spec, md)))).toEqual(expect.arrayContaining([expect.stringMatching(re)]));
    });
  });
});
