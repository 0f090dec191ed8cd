import { check, only } from './helpers';
import { ManifestAnalyzer } from '../../src';

/*
 * BackendTLSPolicy v1 (issue 24): tests/cel/backendtlspolicy_test.go (v1.5.1, v1.6.1; v1.4.1 has no
 * tests/cel) transcribed as rows named after the upstream case, run through the object rules; then
 * one valid and one invalid row per schema bound the upstream test leaves out, named after the
 * bound; then its wiring: the target Service and port name, external Services, conflicts.
 */

const GW = 'gateway.networking.k8s.io/v1';
const policy = (spec: any, metadata: any = {}) => ({ apiVersion: GW, kind: 'BackendTLSPolicy', metadata: { name: 'foo', namespace: 'default', ...metadata }, spec });
const SYSTEM = { wellKnownCACertificates: 'System', hostname: 'foo.example.com' };
const svc = (name: string, sectionName?: string) => ({ group: '', kind: 'Service', name, ...(sectionName === undefined ? {} : { sectionName }) });
/** TestBackendTLSPolicyTargetRefs: the targetRefs of the case, validation System and foo.example.com. */
const targets = (targetRefs: any[]) => policy({ targetRefs, validation: SYSTEM });
/** TestBackendTLSPolicyValidation: one targetRef group/kind/name section, the validation of the case. */
const validation = (v: any) => policy({ targetRefs: [{ group: 'group', kind: 'kind', name: 'name', sectionName: 'section' }], validation: v });
const REFS = [{ group: 'group', kind: 'kind', name: 'name' }];
/** The warning a CA reference of another kind than ConfigMap gets (the CRD accepts it). */
const CA_KIND = 'backendtlspolicy-ca-kind spec.validation.caCertificateRefs[0] warning';
const WELL_KNOWN_PATTERN = 'backendtlspolicy-validation spec.validation.wellKnownCACertificates error';

const UPSTREAM: Array<[string, any, string[]]> = [
  ['invalid because duplicate target refs without section name', targets([svc('example'), svc('example')]), ['backendtlspolicy-target-refs spec.targetRefs[1].sectionName error']],
  ['invalid because duplicate target refs with only one section name', targets([svc('example'), svc('example2'), svc('example', 'foo')]),
    ['backendtlspolicy-target-refs spec.targetRefs[2].sectionName error']],
  ['invalid because duplicate target refs with duplicate section names', targets([svc('example', 'foo'), svc('example', 'bar'), svc('example', 'foo')]),
    ['backendtlspolicy-target-refs spec.targetRefs[2].sectionName error']],
  ['valid single targetRef without sectionName', targets([svc('example')]), []],
  ['valid single targetRef with sectionName', targets([svc('example', 'foo')]), []],
  ['valid because duplicate target refs with different section names', targets([svc('example', 'foo'), svc('example', 'bar')]), []],
  ['valid because duplicate target refs with different names', targets([svc('example', 'foo'), svc('example2', 'foo')]), []],
  ['valid because duplicate target refs with different kinds', targets([svc('example', 'foo'), { group: '', kind: 'NotService', name: 'example', sectionName: 'foo' }]), []],
  ['valid because duplicate target refs with different groups', targets([svc('example', 'foo'), { group: 'svc.other.io', kind: 'Service', name: 'example', sectionName: 'foo' }]), []],
  ['valid BackendTLSPolicyValidation with WellKnownCACertificates', validation(SYSTEM), []],
  ['valid BackendTLSPolicyValidation with implementation-specific WellKnownCACertificates', validation({ ...SYSTEM, wellKnownCACertificates: 'my.company.com/my-custom-ca-certificates' }), []],
  ['valid BackendTLSPolicyValidation with CACertificateRefs', validation({ caCertificateRefs: REFS, hostname: 'foo.example.com' }), [CA_KIND]],
  // the Go struct sends hostname "" (a required field without omitempty)
  ['invalid BackendTLSPolicyValidation with missing fields', validation({ hostname: '' }),
    ['backendtlspolicy-validation spec.validation error', 'backendtlspolicy-validation spec.validation.hostname error']],
  ['invalid BackendTLSPolicyValidation with both CACertificateRefs and WellKnownCACertificates', validation({ ...SYSTEM, caCertificateRefs: REFS }),
    [CA_KIND, 'backendtlspolicy-validation spec.validation error']],
  ['invalid BackendTLSPolicyValidation with invalid WellKnownCACertificates value', validation({ ...SYSTEM, wellKnownCACertificates: 'MySystem' }), [WELL_KNOWN_PATTERN]],
  ['invalid BackendTLSPolicyValidation with invalid implementation-specific WellKnownCACertificates value without which isprefix for ', validation({ ...SYSTEM, wellKnownCACertificates: 'my-system' }),
    [WELL_KNOWN_PATTERN]],
  ['invalid BackendTLSPolicyValidation  with invalid implementation-specific WellKnownCACertificates value with invalid prefix',
    validation({ ...SYSTEM, wellKnownCACertificates: 'in..va..lid./my-custom-ca-certificates' }), [WELL_KNOWN_PATTERN]],
  ['invalid BackendTLSPolicyValidation with empty Hostname field', validation({ caCertificateRefs: REFS, hostname: '' }), [CA_KIND, 'backendtlspolicy-validation spec.validation.hostname error']],
  ['valid BackendTLSPolicyValidation with SubjectAltName type Hostname', validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'Hostname', hostname: 'foo.example.com' }] }),
    [CA_KIND]],
  ['valid BackendTLSPolicyValidation with SubjectAltName type URI', validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'URI', uri: 'spiffe://mycluster.example' }] }),
    [CA_KIND]],
  // Go omits the empty hostname (omitempty): the element has only its type
  ['invalid BackendTLSPolicyValidation with SubjectAltName type Hostname and empty Hostname field', validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'Hostname' }] }),
    [CA_KIND, 'backendtlspolicy-validation spec.validation.subjectAltNames[0].hostname error']],
  ['invalid BackendTLSPolicyValidation with SubjectAltName type URI and non-empty Hostname field',
    validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'URI', hostname: 'foo.example.com' }] }),
    [CA_KIND, 'backendtlspolicy-validation spec.validation.subjectAltNames[0].hostname error', 'backendtlspolicy-validation spec.validation.subjectAltNames[0].uri error']],
  ['invalid BackendTLSPolicyValidation with SubjectAltName type URI and empty URI field', validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'URI' }] }),
    [CA_KIND, 'backendtlspolicy-validation spec.validation.subjectAltNames[0].uri error']],
  ['invalid BackendTLSPolicyValidation with SubjectAltName type Hostname and non-empty URI field', validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'Hostname', uri: 'test' }] }),
    [CA_KIND, 'backendtlspolicy-validation spec.validation.subjectAltNames[0].hostname error', 'backendtlspolicy-validation spec.validation.subjectAltNames[0].uri error',
      'backendtlspolicy-validation spec.validation.subjectAltNames[0].uri error']],
  ['invalid BackendTLSPolicyValidation with SubjectAltName type Hostname and both Hostname and URI specified',
    validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'Hostname', hostname: 'foo.example.com', uri: 'test' }] }),
    [CA_KIND, 'backendtlspolicy-validation spec.validation.subjectAltNames[0].uri error', 'backendtlspolicy-validation spec.validation.subjectAltNames[0].uri error']],
  ['invalid BackendTLSPolicyValidation incorrect URI SAN', validation({ caCertificateRefs: REFS, hostname: 'foo.example.com', subjectAltNames: [{ type: 'URI', uri: 'foo.example.com' }] }),
    [CA_KIND, 'backendtlspolicy-validation spec.validation.subjectAltNames[0].uri error']],
];

const n = (count: number, f: (i: number) => any) => Array.from({ length: count }, (_, i) => f(i));
const base = (spec: any) => policy({ targetRefs: [svc('web')], validation: SYSTEM, ...spec });
const CONFIGMAP = { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }], hostname: 'web.example.com' };

const SCHEMA: Array<[string, any, string[]]> = [
  ['fails when targetRefs is missing (required)', base({ targetRefs: undefined }), ['backendtlspolicy-target-refs spec.targetRefs error']],
  ['fails when targetRefs is empty (minItems 1)', base({ targetRefs: [] }), ['backendtlspolicy-target-refs spec.targetRefs error']],
  ['holds when there are 16 targetRefs (maxItems 16)', base({ targetRefs: n(16, i => svc(`s${i}`)) }), []],
  ['fails when there are 17 targetRefs (maxItems 16)', base({ targetRefs: n(17, i => svc(`s${i}`)) }), ['backendtlspolicy-target-refs spec.targetRefs error']],
  ['fails when a targetRef has no group (required)', base({ targetRefs: [{ kind: 'Service', name: 'web' }] }), ['backendtlspolicy-target-refs spec.targetRefs[0].group error']],
  ['fails when a targetRef has no kind (required)', base({ targetRefs: [{ group: '', name: 'web' }] }), ['backendtlspolicy-target-refs spec.targetRefs[0].kind error']],
  ['fails when a targetRef has an empty name (minLength 1)', base({ targetRefs: [svc('')] }), ['backendtlspolicy-target-refs spec.targetRefs[0].name error']],
  ['fails when a targetRef sectionName is not a SectionName', base({ targetRefs: [svc('web', 'HTTPS')] }), ['backendtlspolicy-target-refs spec.targetRefs[0].sectionName error']],
  ['fails when validation is missing (required)', base({ validation: undefined }), ['backendtlspolicy-validation spec.validation error']],
  ['fails when the hostname is missing (required)', base({ validation: { wellKnownCACertificates: 'System' } }), ['backendtlspolicy-validation spec.validation.hostname error']],
  ['fails when the hostname is a wildcard (PreciseHostname)', base({ validation: { ...SYSTEM, hostname: '*.example.com' } }), ['backendtlspolicy-validation spec.validation.hostname error']],
  ['fails when the hostname has a port (PreciseHostname)', base({ validation: { ...SYSTEM, hostname: 'web.example.com:443' } }), ['backendtlspolicy-validation spec.validation.hostname error']],
  ['holds when a ConfigMap holds the CA', base({ validation: CONFIGMAP }), []],
  ['holds when there are 8 caCertificateRefs (maxItems 8)', base({ validation: { ...CONFIGMAP, caCertificateRefs: n(8, i => ({ group: '', kind: 'ConfigMap', name: `ca${i}` })) } }), []],
  ['fails when there are 9 caCertificateRefs (maxItems 8)', base({ validation: { ...CONFIGMAP, caCertificateRefs: n(9, i => ({ group: '', kind: 'ConfigMap', name: `ca${i}` })) } }),
    ['backendtlspolicy-validation spec.validation.caCertificateRefs error']],
  ['fails when a caCertificateRef has no group (required)', base({ validation: { ...CONFIGMAP, caCertificateRefs: [{ kind: 'ConfigMap', name: 'ca' }] } }),
    ['backendtlspolicy-ca-kind spec.validation.caCertificateRefs[0] warning', 'backendtlspolicy-validation spec.validation.caCertificateRefs[0].group error']],
  ['warns when a CA certificate is a Secret (implementation-specific)', base({ validation: { ...CONFIGMAP, caCertificateRefs: [{ group: '', kind: 'Secret', name: 'ca' }] } }),
    ['backendtlspolicy-ca-kind spec.validation.caCertificateRefs[0] warning']],
  ['holds when there are 5 subjectAltNames (maxItems 5)', base({ validation: { ...SYSTEM, subjectAltNames: n(5, i => ({ type: 'Hostname', hostname: `h${i}.example.com` })) } }), []],
  ['fails when there are 6 subjectAltNames (maxItems 5)', base({ validation: { ...SYSTEM, subjectAltNames: n(6, i => ({ type: 'Hostname', hostname: `h${i}.example.com` })) } }),
    ['backendtlspolicy-validation spec.validation.subjectAltNames error']],
  ['fails when a subjectAltName type is not Hostname or URI (enum)', base({ validation: { ...SYSTEM, subjectAltNames: [{ type: 'IP' }] } }),
    ['backendtlspolicy-validation spec.validation.subjectAltNames[0].type error']],
  ['holds when a subjectAltName hostname is a wildcard (Hostname)', base({ validation: { ...SYSTEM, subjectAltNames: [{ type: 'Hostname', hostname: '*.example.com' }] } }), []],
  ['fails when a subjectAltName hostname does not match the Hostname pattern', base({ validation: { ...SYSTEM, subjectAltNames: [{ type: 'Hostname', hostname: 'Web.example.com' }] } }),
    ['backendtlspolicy-validation spec.validation.subjectAltNames[0].hostname error']],
  ['holds when there are 16 options (maxProperties 16)', base({ options: Object.fromEntries(n(16, i => [`example.com/o${i}`, 'v'])) }), []],
  ['fails when there are 17 options (maxProperties 16)', base({ options: Object.fromEntries(n(17, i => [`example.com/o${i}`, 'v'])) }), ['backendtlspolicy-options spec.options error']],
  ['fails when an option value has 4097 characters (maxLength 4096)', base({ options: { 'example.com/o': 'x'.repeat(4097) } }), ["backendtlspolicy-options spec.options['example.com/o'] error"]],
];

describe('BackendTLSPolicy (tests/cel/backendtlspolicy_test.go)', () => {
  test.each(UPSTREAM)('%s', (_, manifest, expected) => {
    expect(check(manifest, { gatewayVersions: only(6) })).toEqual([...expected].sort());
  });
});

describe('BackendTLSPolicy CRD bounds', () => {
  test.each(SCHEMA)('%s', (_, manifest, expected) => {
    expect(check(manifest, { gatewayVersions: only(6) })).toEqual([...expected].sort());
  });

  test.each([
    ['holds when wellKnownCACertificates is System on bundle v1.4', 'System', only(4), []],
    ['fails when a prefixed wellKnownCACertificates is used on bundle v1.4 (enum System)', 'example.com/corporate-cas', only(4), [WELL_KNOWN_PATTERN]],
    ['holds when a prefixed wellKnownCACertificates is used on bundle v1.5 (the pattern)', 'example.com/corporate-cas', only(5), []],
    ['warns when a prefixed wellKnownCACertificates is used over v1.4..v1.6', 'example.com/corporate-cas', { min: 4, max: 6 }, [WELL_KNOWN_PATTERN.replace(/error$/, 'warning')]],
  ])('%s', (_, value, gatewayVersions, expected) => {
    expect(check(base({ validation: { ...SYSTEM, wellKnownCACertificates: value } }), { gatewayVersions })).toEqual(expected);
  });

  test('holds when v1 is read on every bundle of the range (no bundle warning)', () => {
    expect(check(base({}))).toEqual([]);
  });
});

/* ---- wiring ---- */

const analyze = (objects: any[]) => ManifestAnalyzer.analyze(objects.map(manifest => ({ manifest })), { gatewayApiVersion: 'v1.6' })
  .findings.map(f => `${f.severity} ${f.kind} ${f.name} ${f.rule} ${f.field}`).sort();
const WEB = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ name: 'https', port: 443 }] } };
const EXTERNAL = { 'cdk8s-expose.io/external-services': 'web' };

const WIRING: Array<[string, any[], string[]]> = [
  ['holds when the policy targets a Service of the set', [WEB, base({})], []],
  ['warns when the target Service is neither in the set nor declared outside it', [base({})], ['warning BackendTLSPolicy foo backendtlspolicy-target-service spec.targetRefs[0].name']],
  ['holds when the target Service is declared outside the set (external-services)', [policy({ targetRefs: [svc('web')], validation: SYSTEM }, { annotations: EXTERNAL })], []],
  ['warns when the target Service is in another namespace (targetRefs are local)', [{ ...WEB, metadata: { name: 'web', namespace: 'shop' } }, base({})],
    ['warning BackendTLSPolicy foo backendtlspolicy-target-service spec.targetRefs[0].name']],
  ['holds when the sectionName is a port name of the Service', [WEB, base({ targetRefs: [svc('web', 'https')] })], []],
  ['fails when the sectionName is no port name of the Service', [WEB, base({ targetRefs: [svc('web', 'http')] })], ['error BackendTLSPolicy foo backendtlspolicy-section-name spec.targetRefs[0].sectionName']],
  ['holds when the sectionName names a port of a Service declared outside the set (not known here)', [policy({ targetRefs: [svc('web', 'http')], validation: SYSTEM }, { annotations: EXTERNAL })], []],
  ['holds when a target of another kind is left alone', [base({ targetRefs: [{ group: 'example.com', kind: 'Backend', name: 'web' }] })], []],
  ['warns when two policies target the same Service', [WEB, base({}), policy({ targetRefs: [svc('web')], validation: SYSTEM }, { name: 'foo-2' })],
    ['warning BackendTLSPolicy foo-2 backendtlspolicy-conflict spec.targetRefs[0]']],
  ['holds when two policies target different ports of one Service', [{ ...WEB, spec: { ports: [{ name: 'https', port: 443 }, { name: 'admin', port: 8443 }] } },
    base({ targetRefs: [svc('web', 'https')] }), policy({ targetRefs: [svc('web', 'admin')], validation: SYSTEM }, { name: 'foo-2' })], []],
];

describe('BackendTLSPolicy wiring', () => {
  test.each(WIRING)('%s', (_, objects, expected) => {
    expect(analyze(objects)).toEqual(expected);
  });
});
