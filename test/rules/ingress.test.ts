import { analyzed, backend, check, ingress, only, rule, service, violations } from './helpers';
import { VersionRange } from '../../src/model/versions';
import { checkServicePortRef } from '../../src/rules/ingress';

const E = 'error';
const W = 'warning';
/** The first path of the first rule. */
const P = 'spec.rules[0].http.paths[0]';
const B = `${P}.backend`;

/** An Ingress with one rule of the host. */
const withHost = (host: string) => ingress({ rules: [rule(host)] });
/** An Ingress with a TLS entry for the host, and a rule for any host. */
const withTlsHost = (host: string) => ingress({ rules: [rule()], tls: [{ secretName: 's', hosts: [host] }] });

describe('ingress rules', () => {
  describe('hosts', () => {
    test.each(['example.com', 'service.libert.xyz', 'a', '*.example.com', 'a-b.c-d.e'])('accepts %j', h => {
      expect(check(withHost(h))).toEqual([]);
      expect(check(withTlsHost(h))).toEqual([]);
    });

    test.each([
      'Bad_Host:8080', 'foo.com:80', '10.0.0.1', '::1', 'Example.com', '*', '*bar.com', 'f*.bar.com', 'foo.*.bar.com', '*.*.bar.com', 'a..b',
    ])('fails when the host is %j', h => {
      expect(check(withHost(h))).toEqual([`ingress-host spec.rules[0].host ${E}`]);
    });

    test.each([
      'Bad_Host:8080', 'foo.com:80', '::1', 'Example.com', '*', '*bar.com', 'f*.bar.com', 'foo.*.bar.com', '*.*.bar.com', 'a..b', '',
    ])('fails when the TLS host is %j', h => {
      expect(check(withTlsHost(h))).toEqual([`ingress-tls spec.tls[0].hosts[0] ${E}`]);
    });

    // Was `fails when the host is ""` (and a test.failing row): validateIngressRules checks a
    // rule host only when it is non-empty (`if len(ih.Host) > 0`, networking validation.go, the
    // same in the 1.27 tree), so "" is accepted and means any host, like no host
    // (ingress.cases.ts 'validation.go validateIngressRules: a rule without a host').
    test('accepts "" as a rule host (any host)', () => {
      expect(check(withHost(''))).toEqual([]);
    });

    test('a rule with host "" serves every TLS host', () => {
      expect(check(ingress({ rules: [rule('')], tls: [{ secretName: 's', hosts: ['a.com'] }] }))).toEqual([]);
    });

    // Was a test.failing row. validateIngressTLS checks a TLS host only as a (wildcard)
    // DNS-1123 subdomain, with no IP check (1.27 through the newest): "10.0.0.1" is accepted
    // there, unlike in a rule host (ingress.cases.ts 'validation.go validateIngressTLS: IP
    // address as a TLS host'; SOURCES.md: TLS hosts are DNS subdomains).
    test('accepts an IP address as a TLS host', () => {
      expect(check(withTlsHost('10.0.0.1'))).toEqual([]);
    });
  });

  describe('paths', () => {
    const withPath = (path: string, pathType: string) => ingress({ rules: [rule('a.com', { path, pathType })] });

    test.each<[string, string]>([
      ['/', 'Prefix'], ['/api', 'Prefix'], ['/a/b/', 'Exact'], ['/health', 'Exact'], ['', 'ImplementationSpecific'],
      ['/api(/|$)(.*)', 'ImplementationSpecific'], ['/a//b', 'ImplementationSpecific'],
    ])('accepts %j as %s', (p, t) => expect(check(withPath(p, t))).toEqual([]));

    test.each<[string, string, string]>([
      ['api', 'Prefix', 'path'],
      ['', 'Exact', 'path'],
      ['/a//b', 'Prefix', 'path'],
      ['/a/./b', 'Prefix', 'path'],
      ['/a/../b', 'Exact', 'path'],
      ['/a%2fb', 'Prefix', 'path'],
      ['/a%2Fb', 'Prefix', 'path'],
      ['/a/.', 'Prefix', 'path'],
      ['/a/..', 'Exact', 'path'],
      ['api', 'ImplementationSpecific', 'path'],
      ['/', 'Regex', 'pathType'],
    ])('fails when %j is %s', (p, t, field) => {
      expect(check(withPath(p, t))).toEqual([`ingress-paths ${P}.${field} ${E}`]);
    });
  });

  describe('backends', () => {
    const withBackend = (b: any) => ingress({ rules: [rule('a.com', { backend: b })] });

    test.each<[string, any]>([
      ['a port number', backend()],
      ['a port name', backend('web', { name: 'http' })],
      ['a resource', { resource: { kind: 'Bucket', name: 'b' } }],
    ])('accepts %s', (_, b) => expect(check(withBackend(b))).toEqual([]));

    test.each<[string, any, string]>([
      ['both name and number are set', backend('web', { name: 'http', number: 80 }), `${B}.service.port`],
      ['neither is set', backend('web', {}), `${B}.service.port`],
      ['the number is 0', backend('web', { number: 0 }), `${B}.service.port`],
      ['the number is 65536', backend('web', { number: 65536 }), `${B}.service.port.number`],
      ['the name is longer than 15', backend('web', { name: 'a-very-long-port-name' }), `${B}.service.port.name`],
      ['both service and resource are set', { ...backend(), resource: { kind: 'X', name: 'x' } }, B],
    ])('fails when %s', (_, b, field) => {
      expect(check(withBackend(b))).toEqual([`ingress-backend ${field} ${E}`]);
    });

    // service.name is checked as a Service name: a DNS-1035 label through 1.35, a DNS-1123
    // label (may start with a digit) from 1.36, RelaxedServiceNameValidation (ingress.cases.ts
    // 'validation.go validateIngressBackend: service name starts with a digit (KEP-5311)';
    // SOURCES.md version history). Was an error in every version.
    test.each<[string, VersionRange | undefined, string[]]>([
      ['1.27..1.37 (default)', undefined, [`ingress-backend ${B}.service.name ${W}`]],
      ['1.27..1.35', { min: 27, max: 35 }, [`ingress-backend ${B}.service.name ${E}`]],
      ['1.35', only(35), [`ingress-backend ${B}.service.name ${E}`]],
      ['1.35..1.36', { min: 35, max: 36 }, [`ingress-backend ${B}.service.name ${W}`]],
      ['1.36', only(36), []],
      ['1.36..1.37', { min: 36, max: 37 }, []],
    ])('a Service name starting with a digit in %s', (_, versions, expected) => {
      expect(check(withBackend(backend('1web')), versions ? { versions } : {})).toEqual(expected);
    });

    test('the warning of a Service name starting with a digit names 1.36', () => {
      const found = violations(withBackend(backend('1web')));
      expect(found.map(v => v.rule)).toEqual(['ingress-backend']);
      expect(found[0].message).toContain('before 1.36');
    });

    // ingress.cases.ts 'validation.go validateIngressBackend: service name uppercase'
    test('fails when the Service name is uppercase, in every version', () => {
      expect(check(withBackend(backend('Web')), { versions: only(37) })).toEqual([`ingress-backend ${B}.service.name ${E}`]);
    });
  });

  describe('backend ports against the Service', () => {
    const web = service({ ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] });
    const to = (port: any, metadata: any = { name: 'web' }) => ingress({ rules: [rule('a.com', { backend: backend('web', port) })] }, metadata);

    test('accepts a number and a name of the Service', () => {
      expect(analyzed([web, to({ number: 80 })])).toEqual([]);
      expect(analyzed([web, to({ name: 'https' })])).toEqual([]);
    });
    // Was a direct check with unknown ports; in manifests the ports are unknown when the
    // Service is declared outside the checked set.
    test('accepts any port when the ports are unknown', () => {
      expect(analyzed([to({ number: 8080 }, { name: 'web', annotations: { 'cdk8s-expose.io/external-services': 'web' } })])).toEqual([]);
    });
    test.each<[string, any]>([
      ['the port is missing', { number: 8080 }],
      ['the name is missing', { name: 'grpc' }],
    ])('fails when %s', (_, port) => {
      expect(analyzed([web, to(port)])).toEqual([`Ingress/web ingress-backend-port ${B}.service.port ${E}`]);
    });

    // A backend without a port exists only in the constructs (an IngressRoute to an
    // ExposedService); a manifest backend always names a port (ingress-backend). These rows
    // check the helper those constructs share, which carries no rule id of its own.
    const ports = [{ port: 80, name: 'http' }, { port: 443, name: 'https' }];
    test('accepts no port when the Service has one', () => {
      expect(checkServicePortRef('f', 'web', undefined, [{ port: 80 }])).toEqual([]);
    });
    test.each<[string, any]>([
      ['no port is given for a Service with two', ports],
      ['no port is given for a Service with unknown ports', undefined],
    ])('fails when %s', (_, p) => {
      expect(checkServicePortRef('f', 'web', undefined, p).map(i => `${i.field} ${i.severity ?? E}`)).toEqual([`f ${E}`]);
    });
  });

  describe('TLS host matching', () => {
    test.each<[string, string, boolean]>([
      ['a.com', 'a.com', true], ['*.a.com', 'x.a.com', true], ['*.a.com', 'x.y.a.com', false], ['*.a.com', 'a.com', false], ['b.com', 'a.com', false],
    ])('%s covers %s: %s', (t, r, ok) => {
      const found = check(ingress({ rules: [rule(r)], tls: [{ secretName: 's', hosts: [t] }] }));
      expect(found).toEqual(ok ? [] : [`ingress-tls-host-unmatched spec.tls[0].hosts[0] ${W}`]);
    });
  });

  describe('a whole Ingress', () => {
    test('accepts rules, TLS and a class', () => {
      expect(check(ingress({ ingressClassName: 'nginx', rules: [rule('a.com')], tls: [{ secretName: 'a-tls', hosts: ['a.com'] }] }))).toEqual([]);
    });
    test('accepts a default backend alone', () => {
      expect(check(ingress({ defaultBackend: backend() }))).toEqual([]);
    });
    test('accepts a matching class annotation', () => {
      expect(check(ingress({ ingressClassName: 'nginx', rules: [rule()] }, { name: 'w', annotations: { 'kubernetes.io/ingress.class': 'nginx' } }))).toEqual([]);
    });
    test.each<[string, any, any, string[]]>([
      ['it has neither rules nor a default backend', {}, undefined, [`ingress-rules-required spec ${E}`]],
      ['a rule has no paths', { rules: [{ host: 'a.com', http: { paths: [] } }] }, undefined, [`ingress-paths spec.rules[0].http.paths ${E}`]],
      ['the TLS secret name is invalid', { rules: [rule('a.com')], tls: [{ secretName: 'A_TLS', hosts: ['a.com'] }] }, undefined, [`ingress-tls spec.tls[0].secretName ${E}`]],
      ['a TLS host is invalid', { rules: [rule('a.com')], tls: [{ secretName: 's', hosts: ['A.com'] }] }, undefined, [`ingress-tls spec.tls[0].hosts[0] ${E}`]],
      // The API server accepts a TLS host that no rule routes; its certificate is just never
      // served for it: a warning.
      ['a TLS host matches no rule', { rules: [rule('a.com')], tls: [{ secretName: 's', hosts: ['b.com'] }] }, undefined, [`ingress-tls-host-unmatched spec.tls[0].hosts[0] ${W}`]],
      ['the class is invalid', { ingressClassName: 'Nginx_1', rules: [rule()] }, undefined, [`ingress-class spec.ingressClassName ${E}`]],
      // ValidateIngressCreate reports the conflict on the annotation, "must match
      // `ingressClassName` when both are specified" (ingress.cases.ts 'TestValidateIngressCreate
      // "class field and annotation set"'). Was reported on spec.ingressClassName.
      ['the class conflicts with the annotation', { ingressClassName: 'nginx', rules: [rule()] }, { name: 'w', annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, [`ingress-class metadata.annotations['kubernetes.io/ingress.class'] ${E}`]],
      ['the name is invalid', { rules: [rule()] }, { name: 'Web_1' }, [`ingress-name metadata.name ${E}`]],
    ])('fails when %s', (_, spec, md, expected) => {
      expect(check(ingress(spec, md))).toEqual(expected);
    });
  });
});
