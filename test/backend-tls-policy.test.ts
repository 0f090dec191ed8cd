import { BackendTlsPolicy, ExposedService, WellKnownCaCertificates } from '../src';
import { chart, foundAll, found, one, synth, validateSchema } from './util';
import { EXTERNAL_SERVICES_ANNOTATION } from '../src/rules/external-services';

/*
 * The BackendTlsPolicy construct (issue 24): the Gateway connects to an ExposedService over TLS,
 * validating its certificate with CA ConfigMaps or the well-known system CAs, for a hostname.
 * Every synthesized manifest passes the BackendTLSPolicy v1 schema (util.ts).
 */

const ports = [{ port: 443, name: 'https' }, { port: 9090, name: 'metrics' }];

describe('BackendTlsPolicy', () => {
  test('holds when a policy validates an ExposedService\'s certificate with the system CAs, on every port', () => {
    const c = chart('app', 'shop');
    const svc = new ExposedService(c, 'web', { selector: { app: 'web' }, ports });
    const policy = new BackendTlsPolicy(c, 'web-tls', { service: svc, hostname: 'web.shop.svc.cluster.local', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM });
    const manifests = synth(c);
    const m = one(manifests, 'BackendTLSPolicy', 'web-tls');
    expect(m.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(m.metadata).toEqual({ name: 'web-tls', namespace: 'shop' });
    expect(m.spec).toEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'web' }],
      validation: { wellKnownCACertificates: 'System', hostname: 'web.shop.svc.cluster.local' },
    });
    expect(policy.service).toBe(svc);
    expect(foundAll(c)).toEqual([]);
    expect(manifests).toMatchSnapshot();
  });

  test('holds when a policy validates one named port with CA ConfigMaps', () => {
    const c = chart('app', 'shop');
    const svc = new ExposedService(c, 'web', { selector: { app: 'web' }, ports });
    new BackendTlsPolicy(c, 'web-tls', { service: svc, port: 443, hostname: 'web.example.com', caConfigMaps: ['shop-ca'] });
    const manifests = synth(c);
    expect(one(manifests, 'BackendTLSPolicy').spec).toEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'web', sectionName: 'https' }],
      validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'shop-ca' }], hostname: 'web.example.com' },
    });
    expect(manifests).toMatchSnapshot();
  });

  test('holds when the Service is defined elsewhere: the policy goes to its namespace and declares it outside the App', () => {
    const c = chart('app', 'edge');
    const svc = ExposedService.fromName(c, 'web', 'web', { namespace: 'shop', ports });
    new BackendTlsPolicy(c, 'web-tls', { service: svc, port: 443, hostname: 'web.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM });
    const manifests = synth(c);
    const m = one(manifests, 'BackendTLSPolicy');
    expect(m.metadata).toEqual({ name: 'web-tls', namespace: 'shop', annotations: { [EXTERNAL_SERVICES_ANNOTATION]: 'web' } });
    expect(m.spec.targetRefs).toEqual([{ group: '', kind: 'Service', name: 'web', sectionName: 'https' }]);
    expect(foundAll(c)).toEqual([]);
    expect(manifests).toMatchSnapshot();
  });

  test.each([
    ['fails when both CA ConfigMaps and the well-known CAs are given', { caConfigMaps: ['ca'], wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM }, ['app/web-tls backendtlspolicy-validation spec.validation']],
    ['fails when neither CA ConfigMaps nor the well-known CAs are given', {}, ['app/web-tls backendtlspolicy-validation spec.validation']],
    ['fails when the hostname has a wildcard', { hostname: '*.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM }, ['app/web-tls backendtlspolicy-validation spec.validation.hostname']],
    ['fails when the port is not a port of the Service', { port: 8443, wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM }, ['app/web-tls backendtlspolicy-section-name spec.targetRefs[0].sectionName']],
    ['fails when there are 9 CA ConfigMaps (at most 8)', { caConfigMaps: Array.from({ length: 9 }, (_, i) => `ca${i}`) }, ['app/web-tls backendtlspolicy-validation spec.validation.caCertificateRefs']],
  ])('%s', (_, props, expected) => {
    const c = chart('app', 'shop');
    const svc = new ExposedService(c, 'web', { selector: { app: 'web' }, ports });
    new BackendTlsPolicy(c, 'web-tls', { service: svc, hostname: 'web.example.com', ...props });
    expect(found(c)).toEqual(expected);
  });

  test('fails when the port has no name', () => {
    const c = chart('app', 'shop');
    const svc = new ExposedService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 9090 }] });
    new BackendTlsPolicy(c, 'web-tls', { service: svc, port: 9090, hostname: 'web.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM });
    expect(found(c)).toEqual(['app/web-tls backendtlspolicy-section-name spec.targetRefs[0].sectionName']);
  });

  test('fails when a port is named on a Service whose ports are not known', () => {
    const c = chart('app', 'shop');
    new BackendTlsPolicy(c, 'web-tls', { service: ExposedService.fromName(c, 'web', 'web'), port: 443, hostname: 'web.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM });
    expect(found(c)).toEqual(['app/web-tls backendtlspolicy-section-name spec.targetRefs[0].sectionName']);
  });

  test('warns when two policies target the same Service', () => {
    const c = chart('app', 'shop');
    const svc = new ExposedService(c, 'web', { selector: { app: 'web' }, ports });
    new BackendTlsPolicy(c, 'a', { service: svc, hostname: 'web.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM });
    new BackendTlsPolicy(c, 'b', { service: svc, hostname: 'web.example.com', caConfigMaps: ['ca'] });
    expect(foundAll(c)).toEqual(['app/b backendtlspolicy-conflict spec.targetRefs[0] warning']);
  });

  test('fails the schema helper when a BackendTLSPolicy breaks the v1 schema (the 2.0.0 models run)', () => {
    const m = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'BackendTLSPolicy', metadata: { name: 'a' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' } } };
    expect(() => validateSchema(m)).not.toThrow();
    expect(() => validateSchema({ ...m, spec: { ...m.spec, targetRefs: [] } })).toThrow(/BackendTLSPolicy a does not pass the schema/);
  });
});
