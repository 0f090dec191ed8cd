import { check, deployment, only, service, violations } from './helpers';
import { Severity } from '../../src/model/finding';
import { resolveSettings, settingsProblems } from '../../src/model/settings';
import {
  DEFAULT_GATEWAY_VERSIONS, DEFAULT_VERSIONS, GATEWAY_API_BUNDLES, KUBERNETES_RELEASES, gatewayRejectedFrom, gatewayRelaxedIn,
  parseGatewayApiVersion, parseKubernetesVersion, rejectedFrom, relaxedIn, releaseTableMarkdown,
} from '../../src/model/versions';

/*
 * The release ranges (issue 20): the default Kubernetes range 1.32..1.37, the default Gateway API
 * range v1.4..v1.6, a tightening as a fact (rejectedFrom) beside a relaxation (relaxedIn), and
 * the tightenings and relaxations the rules model, each at the ends of its range.
 */

const E = 'error';
const W = 'warning';
const range = (min: number, max: number) => ({ min, max });

describe('the release ranges', () => {
  test('holds when the default Kubernetes range is 1.32 to 1.37, and 1.27 can still be pinned', () => {
    expect(DEFAULT_VERSIONS).toEqual({ min: 32, max: 37 });
    expect(KUBERNETES_RELEASES.map(r => r.minor)).toEqual([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37]);
    expect(parseKubernetesVersion('1.27')).toEqual(only(27));
    expect(parseKubernetesVersion('v1.37.2')).toEqual(only(37));
  });

  test('holds when the default Gateway API range is v1.4 to v1.6, each pinnable', () => {
    expect(DEFAULT_GATEWAY_VERSIONS).toEqual({ min: 4, max: 6 });
    expect(GATEWAY_API_BUNDLES.map(r => r.minor)).toEqual([4, 5, 6]);
    expect(['v1.4', '1.5', 'v1.6.1'].map(parseGatewayApiVersion)).toEqual([only(4), only(5), only(6)]);
  });

  test('holds when no setting is given: the checks get both default ranges', () => {
    const resolved = resolveSettings({}, false);
    expect(Array.isArray(resolved) ? resolved : resolved.ctx).toMatchObject({ versions: range(32, 37), gatewayVersions: range(4, 6) });
  });

  test.each<[string, (ctx: any) => Severity | undefined, Array<Severity | undefined>]>([
    // over [27..37], [32..37], [36..37], [32..35], pinned 36
    ['relaxed in 1.33', ctx => relaxedIn(ctx, 33), [Severity.WARNING, Severity.WARNING, undefined, Severity.WARNING, undefined]],
    ['rejected from 1.36', ctx => rejectedFrom(ctx, 36), [Severity.WARNING, Severity.WARNING, Severity.ERROR, undefined, Severity.ERROR]],
  ])('holds when a value %s is an error only where every release rejects it', (_, severity, expected) => {
    expect([range(27, 37), range(32, 37), range(36, 37), range(32, 35), only(36)].map(versions => severity({ versions }))).toEqual(expected);
  });

  test.each<[string, (ctx: any) => Severity | undefined, Array<Severity | undefined>]>([
    // over [4..6], pinned 4, pinned 6, [5..6]
    ['relaxed in v1.6', ctx => gatewayRelaxedIn(ctx, 6), [Severity.WARNING, Severity.ERROR, undefined, Severity.WARNING]],
    ['rejected from v1.5', ctx => gatewayRejectedFrom(ctx, 5), [Severity.WARNING, undefined, Severity.ERROR, Severity.ERROR]],
  ])('holds when a Gateway API value %s follows the same policy', (_, severity, expected) => {
    expect([range(4, 6), only(4), only(6), range(5, 6)].map(gatewayVersions => severity({ gatewayVersions }))).toEqual(expected);
  });

  describe('bad input', () => {
    test.each<[string, unknown, RegExp]>([
      ['kubernetesVersion', '1.26', /^kubernetesVersion: "1\.26" is not a known release; known releases: 1\.27, .*, 1\.37$/],
      ['kubernetesVersion', '1.38', /^kubernetesVersion: "1\.38" is not a known release; known releases: 1\.27, .*, 1\.37$/],
      ['kubernetesVersion', 1.3, /^kubernetesVersion: 1\.3 is a number .*: write it quoted: '1\.30'; known releases: 1\.27, .*, 1\.37$/],
      ['kubernetesVersion', 1.32, /write it quoted: '1\.32'/],
      ['gatewayApiVersion', 'v1.3', /^gatewayApiVersion: "v1\.3" is not a known release; known releases: v1\.4, v1\.5, v1\.6$/],
      ['gatewayApiVersion', 'v1.7', /^gatewayApiVersion: "v1\.7" is not a known release; known releases: v1\.4, v1\.5, v1\.6$/],
      ['gatewayApiVersion', 1.5, /write it quoted: 'v1\.5'/],
    ])('fails when %s is %j, in one line naming the known releases', (setting, value, message) => {
      const problems = settingsProblems({ [setting]: value } as any);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(message);
    });
  });
});

describe('StrictIPCIDRValidation (on from 1.36, PR 137053): a tightening', () => {
  const lb = (spec: any, metadata: any = {}) => service({ type: 'LoadBalancer', ports: [{ port: 80 }], ...spec }, 'web', metadata);
  const ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
  const cases: Array<[string, any, string]> = [
    ['a clusterIP with leading zeros', service({ ports: [{ port: 80 }], clusterIP: '010.0.0.5' }), 'service-cluster-ip spec.clusterIP'],
    ['a clusterIPs entry that is IPv4-mapped IPv6', service({ ports: [{ port: 80 }], clusterIP: '10.0.0.5', clusterIPs: ['10.0.0.5', '::ffff:1.2.3.4'] }), 'service-cluster-ip spec.clusterIPs[1]'],
    ['an externalIP that is IPv4-mapped IPv6', service({ ports: [{ port: 80 }], externalIPs: ['::ffff:1.2.3.4'] }), 'service-external-ips spec.externalIPs[0]'],
    ['an externalIP with leading zeros', service({ ports: [{ port: 80 }], externalIPs: ['010.0.0.5'] }), 'service-external-ips spec.externalIPs[0]'],
    ['a source range with host bits', lb({ loadBalancerSourceRanges: ['192.168.0.5/24'] }), 'service-load-balancer-source-ranges spec.loadBalancerSourceRanges[0]'],
    ['a source range with a leading-zero prefix length', lb({ loadBalancerSourceRanges: ['10.0.0.0/08'] }), 'service-load-balancer-source-ranges spec.loadBalancerSourceRanges[0]'],
    ['a source-ranges annotation with host bits', lb({}, { annotations: { [ANNOTATION]: '10.0.0.0/8, 192.168.0.5/24' } }), `service-load-balancer-source-ranges metadata.annotations['${ANNOTATION}']`],
  ];

  test.each(cases)('fails when %s: a warning over the default range, naming 1.36', (_, manifest, finding) => {
    expect(check(manifest)).toEqual([`${finding} ${W}`]);
    expect(violations(manifest)[0].message).toContain('from 1.36');
  });

  test.each(cases)('fails when %s on 1.36 and 1.37', (_, manifest, finding) => {
    expect([check(manifest, { versions: only(36) }), check(manifest, { versions: range(36, 37) })]).toEqual([[`${finding} ${E}`], [`${finding} ${E}`]]);
  });

  test.each(cases)('holds when %s on 1.35 and before', (_, manifest) => {
    expect([check(manifest, { versions: only(35) }), check(manifest, { versions: range(27, 35) })]).toEqual([[], []]);
  });

  test.each<[string, any]>([
    ['a plain clusterIP and externalIP', service({ ports: [{ port: 80 }], clusterIP: '10.0.0.5', externalIPs: ['203.0.113.10', '2001:db8::1'] })],
    ['a source range written as a network', lb({ loadBalancerSourceRanges: ['192.168.0.0/24', '2001:db8::/32', '10.0.0.5/32'] })],
    ['an IPv6 address with leading zeros in a group', service({ ports: [{ port: 80 }], externalIPs: ['2001:0db8::0001'] })],
  ])('holds when %s on 1.37', (_, manifest) => {
    expect(check(manifest, { versions: only(37) })).toEqual([]);
  });
});

describe('relaxations older than the default range give no finding by default (issue 20)', () => {
  const RELAXED_NAME = deployment({ env: [{ name: '1ABC', value: 'x' }] });
  test('holds when an env var name is relaxed (accepted from 1.32) under the default range', () => {
    expect(check(RELAXED_NAME)).toEqual([]);
  });
  test('fails when an env var name is relaxed and the range reaches back to 1.31 (pinned 1.31, or 1.27..1.37)', () => {
    const F = 'container-env spec.template.spec.containers[0].env[0].name';
    expect([check(RELAXED_NAME, { versions: only(31) }), check(RELAXED_NAME, { versions: range(27, 37) })]).toEqual([[`${F} ${E}`], [`${F} ${W}`]]);
  });
});

describe('the env fieldRef status.hostIPs (PodHostIPs, accepted from 1.29): a relaxation', () => {
  const HOST_IPS = deployment({ env: [{ name: 'HOST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }] });
  const F = 'container-env spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath';
  test.each<[string, { min: number; max: number }, string[]]>([
    ['1.27', only(27), [`${F} ${E}`]],
    ['1.27..1.28', range(27, 28), [`${F} ${E}`]],
    ['1.28..1.29', range(28, 29), [`${F} ${W}`]],
    ['1.29', only(29), []],
    ['the default range 1.32..1.37', DEFAULT_VERSIONS, []],
  ])('holds or fails as the release decides, in %s', (_, versions, expected) => {
    expect(check(HOST_IPS, { versions })).toEqual(expected);
  });
});

describe('fields the API server drops on create while their feature gate is off (workload-field-dropped, seen by the oracle)', () => {
  const C = 'spec.template.spec.containers[0]';
  const sts = (spec: any) => ({ ...deployment(), kind: 'StatefulSet', spec: { ...deployment().spec, serviceName: 'web', ...spec } });
  const STOP = deployment({ lifecycle: { stopSignal: 'SIGUSR1' } });
  const SLEEP = deployment({ lifecycle: { preStop: { sleep: { seconds: 5 } } } });
  const SIDECAR = { ...deployment(), spec: { ...deployment().spec, template: { ...deployment().spec.template, spec: { ...deployment().spec.template.spec, initContainers: [{ name: 'log', image: 'busybox', restartPolicy: 'Always' }] } } } };
  const MAX_UNAVAILABLE = sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } });
  const D = 'workload-field-dropped';
  test.each<[string, any, { min: number; max: number }, string[]]>([
    ['stopSignal (ContainerStopSignals, off through 1.37)', STOP, DEFAULT_VERSIONS, [`${D} ${C}.lifecycle.stopSignal ${W}`]],
    ['stopSignal, pinned 1.37', STOP, only(37), [`${D} ${C}.lifecycle.stopSignal ${W}`]],
    ['stopSignal, pinned 1.32 (an unknown field there)', STOP, only(32), [`${D} ${C}.lifecycle.stopSignal ${W}`]],
    ['a hook\'s sleep at 1.29 (PodLifecycleSleepAction)', SLEEP, only(29), [`${D} ${C}.lifecycle.preStop.sleep ${W}`]],
    ['a hook\'s sleep from 1.30', SLEEP, only(30), []],
    ['a hook\'s sleep in the default range', SLEEP, DEFAULT_VERSIONS, []],
    ['an init container\'s restartPolicy at 1.28 (SidecarContainers)', SIDECAR, range(27, 29), [`${D} spec.template.spec.initContainers[0].restartPolicy ${W}`]],
    ['an init container\'s restartPolicy from 1.29', SIDECAR, only(29), []],
    ['a StatefulSet\'s maxUnavailable before 1.37 (MaxUnavailableStatefulSet)', MAX_UNAVAILABLE, DEFAULT_VERSIONS, [`${D} spec.updateStrategy.rollingUpdate.maxUnavailable ${W}`]],
    ['a StatefulSet\'s maxUnavailable at 1.37', MAX_UNAVAILABLE, only(37), []],
  ])('holds or warns as the release decides: %s', (_, manifest, versions, expected) => {
    expect(check(manifest, { versions }).filter(f => f.startsWith(D))).toEqual(expected);
  });
});

describe('metadata the API server fills in or ignores on create (seen by the oracle)', () => {
  test.each<[string, any, string[]]>([
    ['namespace "" (the namespace it is applied into)', service({ ports: [{ port: 80 }] }, 'web', { namespace: '' }), []],
    // ValidateObjectMeta masks a trailing 'x-' as 'a' (maskTrailingDash): '--' is the valid prefix 'a'
    ['a generateName "--" beside a name (masked "a": valid)', service({ ports: [{ port: 80 }] }, 'web', { generateName: '--' }), []],
    ['an invalid generateName "Web-" beside a name (validated whatever the name)', service({ ports: [{ port: 80 }] }, 'web', { generateName: 'Web-' }), [`metadata-generate-name metadata.generateName ${E}`]],
    ['an invalid generateName without a name', service({ ports: [{ port: 80 }] }, '', { generateName: '--' }), [`metadata-generate-name metadata.generateName ${E}`]],
    // a custom resource's metadata goes through ValidateObjectMeta (customresource validator): generateName is validated whatever the name
    ['an invalid generateName beside a name on a Gateway API object: an error (the Gateway API oracle)',
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra', generateName: 'Edge_' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } },
      [`metadata-generate-name metadata.generateName ${E}`]],
    // the generated name (prefix + 5 characters) is what is validated; a custom resource's prefix is masked as apimachinery's
    // maskTrailingDash does ('d--' -> 'da'), not by dropping its '-' (the Gateway API oracle's regression files)
    ['a generateName "d--" without a name on a Gateway API object (generated d--bcd2f; masked da)',
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { namespace: 'infra', generateName: 'd--' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } },
      []],
    ['a generateName "web.-" without a name on a Service (generated web.-bcd2f: not a DNS-1035 label)', service({ ports: [{ port: 80 }] }, '', { generateName: 'web.-' }), [`metadata-generate-name metadata.generateName ${E}`]],
  ])('holds when %s', (_, manifest, expected) => {
    expect(check(manifest).filter(f => f.startsWith('metadata-'))).toEqual(expected);
  });
});

describe('StatefulSet names are DNS-1123 labels (ValidateStatefulSetName, PR 114172)', () => {
  const sts = (metadata: any) => ({ ...deployment(), kind: 'StatefulSet', metadata, spec: { ...deployment().spec, serviceName: 'web' } });
  test.each<[string, any, string[]]>([
    ['a dotted name', { name: 'web.v1' }, [`workload-name metadata.name ${E}`]],
    ['a 64-character name', { name: 'a'.repeat(64) }, [`workload-name metadata.name ${E}`]],
    ['a dotted generateName', { generateName: 'web.v1-' }, [`metadata-generate-name metadata.generateName ${E}`]],
  ])('fails when a StatefulSet has %s, in every release', (_, metadata, expected) => {
    expect([check(sts(metadata), { versions: only(27) }), check(sts(metadata))]).toEqual([expected, expected]);
  });

  test('holds when a Deployment has a dotted name (a subdomain)', () => {
    expect(check(deployment({}, {}, 'web.v1'))).toEqual([]);
  });
});

describe('the Gateway API bundles (standard channel v1.4.1, v1.5.1, v1.6.1)', () => {
  const gateway = (spec: any) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { gatewayClassName: 'eg', ...spec } });
  const http = (name: string) => ({ name, port: 80, protocol: 'HTTP' });
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
  const B = (minor: number) => ({ min: minor, max: minor });

  test.each<[string, any]>([
    ['a listener name with dots (SectionName allows foo.example.com)', gateway({ listeners: [http('foo.example.com')] })],
    ['a TLS listener with tls but no mode (defaulted to Terminate before CEL)', gateway({ listeners: [{ name: 'tls', port: 443, protocol: 'TLS', tls: { certificateRefs: [{ name: 'cert' }] } }] })],
    ['8 infrastructure labels and 8 annotations', gateway({ listeners: [http('h')], infrastructure: { labels: keys(8), annotations: keys(8) } })],
  ])('holds when %s, in every bundle', (_, manifest) => {
    expect([4, 5, 6].map(m => check(manifest, { gatewayVersions: B(m) }))).toEqual([[], [], []]);
  });

  test('holds when an HTTPRoute parentRef names a dotted sectionName', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { parentRefs: [{ name: 'g', sectionName: 'foo.example.com' }], rules: [{ name: 'rule.v1' }] },
    };
    expect(check(route)).toEqual([]);
  });

  const ANN = gateway({ listeners: [http('h')], infrastructure: { annotations: keys(16) } });
  test.each<[string, { min: number; max: number }, string[]]>([
    ['the default range v1.4..v1.6', DEFAULT_GATEWAY_VERSIONS, [`gateway-infrastructure spec.infrastructure.annotations ${W}`]],
    ['v1.4', B(4), [`gateway-infrastructure spec.infrastructure.annotations ${E}`]],
    ['v1.5', B(5), [`gateway-infrastructure spec.infrastructure.annotations ${E}`]],
    ['v1.6', B(6), []],
  ])('16 infrastructure annotations (16 from v1.6, gateway-api #4707) in %s', (_, gatewayVersions, expected) => {
    expect(check(ANN, { gatewayVersions })).toEqual(expected);
  });

  test('the warning of 16 infrastructure annotations names bundle v1.6', () => {
    expect(violations(ANN).map(v => v.message)).toEqual([expect.stringContaining('v1.6')]);
  });

  test.each<[string, any, string]>([
    ['9 infrastructure labels (labels stay at 8 in v1.6.1)', gateway({ listeners: [http('h')], infrastructure: { labels: keys(9) } }), 'gateway-infrastructure spec.infrastructure.labels'],
    ['17 infrastructure annotations', gateway({ listeners: [http('h')], infrastructure: { annotations: keys(17) } }), 'gateway-infrastructure spec.infrastructure.annotations'],
    ['a listener name with an uppercase letter', gateway({ listeners: [http('Foo.example.com')] }), 'gateway-listeners spec.listeners[0].name'],
  ])('fails when %s, in every bundle', (_, manifest, finding) => {
    expect([4, 5, 6].map(m => check(manifest, { gatewayVersions: B(m) }))).toEqual([[`${finding} ${E}`], [`${finding} ${E}`], [`${finding} ${E}`]]);
  });

  const TLS_NO_TLS = gateway({ listeners: [{ name: 'tls', port: 443, protocol: 'TLS' }] });
  test.each<[string, { min: number; max: number }, string[]]>([
    ['the default range v1.4..v1.6', DEFAULT_GATEWAY_VERSIONS, [`gateway-listener-tls spec.listeners[0].tls.mode ${W}`]],
    ['v1.4 (no such CEL rule)', B(4), []],
    ['v1.5', B(5), [`gateway-listener-tls spec.listeners[0].tls.mode ${E}`]],
  ])('a TLS listener without tls ("tls mode must be set for protocol TLS" from v1.5) in %s', (_, gatewayVersions, expected) => {
    expect(check(TLS_NO_TLS, { gatewayVersions })).toEqual(expected);
  });

  const CORS_ROUTE = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'r' },
    spec: { rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://example.com'] } }] }] },
  };
  const GW_TLS = gateway({ listeners: [http('h')], tls: { backend: { clientCertificateRef: { name: 'client' } } }, allowedListeners: { namespaces: { from: 'Same' } } });
  test.each<[string, any, { min: number; max: number }, string[]]>([
    ['a CORS filter over the default range', CORS_ROUTE, DEFAULT_GATEWAY_VERSIONS, [`httproute-bundle-fields spec.rules[0].filters[0].type ${W}`]],
    ['a CORS filter on v1.4 (its filter types lack CORS)', CORS_ROUTE, B(4), [`httproute-bundle-fields spec.rules[0].filters[0].type ${E}`]],
    ['a CORS filter on v1.5', CORS_ROUTE, B(5), []],
    ['Gateway spec.tls and spec.allowedListeners over the default range (pruned by v1.4)', GW_TLS, DEFAULT_GATEWAY_VERSIONS,
      [`gateway-bundle-fields spec.allowedListeners ${W}`, `gateway-bundle-fields spec.tls ${W}`]],
    ['Gateway spec.tls and spec.allowedListeners on v1.5', GW_TLS, B(5), []],
  ])('fields a bundle of the range lacks: %s', (_, manifest, gatewayVersions, expected) => {
    expect(check(manifest, { gatewayVersions })).toEqual(expected);
  });

  // the L4 routes get the spec their CRD requires (issue 24 checks it): these rows are about the apiVersion only
  const L4_SPEC: { [kind: string]: any } = {
    TLSRoute: { hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] },
    TCPRoute: { rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] },
    UDPRoute: { rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }] },
  };
  const kindAt = (kind: string, apiVersion: string) => ({ apiVersion, kind, metadata: { name: 'x' }, spec: L4_SPEC[kind] ?? {} });
  test.each<[string, any, { min: number; max: number }, string[]]>([
    ['a ReferenceGrant v1 over the default range', kindAt('ReferenceGrant', 'gateway.networking.k8s.io/v1'), DEFAULT_GATEWAY_VERSIONS, [`object-api-version-bundle apiVersion ${W}`]],
    ['a ReferenceGrant v1 on v1.4', kindAt('ReferenceGrant', 'gateway.networking.k8s.io/v1'), B(4), [`object-api-version-bundle apiVersion ${E}`]],
    ['a ReferenceGrant v1 on v1.5', kindAt('ReferenceGrant', 'gateway.networking.k8s.io/v1'), B(5), []],
    ['a ReferenceGrant v1beta1 on v1.4', kindAt('ReferenceGrant', 'gateway.networking.k8s.io/v1beta1'), B(4), []],
    ['a TLSRoute v1 over the default range', kindAt('TLSRoute', 'gateway.networking.k8s.io/v1'), DEFAULT_GATEWAY_VERSIONS, [`object-api-version-bundle apiVersion ${W}`]],
    ['a TLSRoute v1 on v1.5', kindAt('TLSRoute', 'gateway.networking.k8s.io/v1'), B(5), []],
    ['a TCPRoute v1 on v1.5', kindAt('TCPRoute', 'gateway.networking.k8s.io/v1'), B(5), [`object-api-version-bundle apiVersion ${E}`]],
    ['a UDPRoute v1 over the default range', kindAt('UDPRoute', 'gateway.networking.k8s.io/v1'), DEFAULT_GATEWAY_VERSIONS, [`object-api-version-bundle apiVersion ${W}`]],
    ['a UDPRoute v1 on v1.6', kindAt('UDPRoute', 'gateway.networking.k8s.io/v1'), B(6), []],
  ])('%s', (_, manifest, gatewayVersions, expected) => {
    expect(check(manifest, { gatewayVersions }).filter(f => !f.startsWith('referencegrant-spec'))).toEqual(expected);
  });
});

test('holds when the README shows the release table the rules read', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const readme: string = require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme).toContain(releaseTableMarkdown());
});

describe('native sidecars (SidecarContainers: alpha and off in 1.28, on from 1.29): a relaxation', () => {
  const withInit = (init: any) => {
    const d = deployment();
    return { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32', ...init }] } } } };
  };
  const F = 'container-restart-policy spec.template.spec.initContainers[0].restartPolicy';
  // accepted and dropped before 1.29 (1.28: SidecarContainers off; 1.27: an unknown field): a warning on a manifest
  const D = 'workload-field-dropped spec.template.spec.initContainers[0].restartPolicy';
  test.each<[string, { min: number; max: number }, string[]]>([
    ['1.27', only(27), [`${D} ${W}`]],
    ['1.28', only(28), [`${D} ${W}`]],
    ['1.28..1.29', range(28, 29), [`${D} ${W}`]],
    ['1.29', only(29), []],
    ['the default range 1.32..1.37', DEFAULT_VERSIONS, []],
  ])('holds or fails as the release decides for restartPolicy Always, in %s', (_, versions, expected) => {
    expect(check(withInit({ restartPolicy: 'Always' }), { versions })).toEqual(expected);
  });

  test.each<[string, any, { min: number; max: number }, string[]]>([
    ['an unsupported value, from 1.29 (1.28 drops it)', { restartPolicy: 'always' }, DEFAULT_VERSIONS, [`${F} ${E}`]],
    ['an unsupported value pinned to 1.28 (dropped, no error)', { restartPolicy: 'always' }, only(28), [`${D} ${W}`]],
    ['Never (a container restart policy from 1.35: left to the releases that read it)', { restartPolicy: 'Never' }, DEFAULT_VERSIONS, []],
    ['no restartPolicy: a plain init container', {}, only(27), []],
  ])('holds or fails for %s', (_, init, versions, expected) => {
    expect(check(withInit(init), { versions })).toEqual(expected);
  });

  test('fails when a native sidecar\'s probe names a port it does not declare (probes are checked on sidecars, not on plain init containers)', () => {
    const probe = { readinessProbe: { tcpSocket: { port: 'admin' } } };
    expect(check(withInit({ restartPolicy: 'Always', ...probe }))).toEqual([`probe-port-undeclared spec.template.spec.initContainers[0].readinessProbe.tcpSocket.port ${E}`]);
  });
});

describe('a StatefulSet\'s serviceName is a DNS-1123 label (validated on create from 1.33, PR 130233; the pods\' subdomain before)', () => {
  const sts = (serviceName: unknown) => ({ ...deployment(), kind: 'StatefulSet', spec: { ...deployment().spec, serviceName } });
  const F = 'workload-service-name-label spec.serviceName';
  test.each<[string, unknown, { min: number; max: number }, string[]]>([
    ['a dotted serviceName, in the default range', 'web.pods', DEFAULT_VERSIONS, [`${F} ${E}`]],
    ['a dotted serviceName, pinned to 1.32 (accepted, no pod is ever created)', 'web.pods', only(32), [`${F} ${E}`]],
    ['an uppercase serviceName, pinned to 1.27', 'Web', only(27), [`${F} ${E}`]],
    ['a DNS label', 'web-pods', DEFAULT_VERSIONS, []],
    ['an empty serviceName (optional)', '', DEFAULT_VERSIONS, []],
  ])('holds or fails for %s', (_, name, versions, expected) => {
    expect(check(sts(name), { versions })).toEqual(expected);
  });
});
