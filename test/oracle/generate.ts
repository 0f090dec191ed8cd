import * as fc from 'fast-check';

/*
 * Near-valid manifests per kind: a valid object, then 1 to 3 mutations, each on one field:
 * boundary numbers, wrong types, a missing or an extra field, names at the edges, IP and CIDR
 * forms, a duplicated list entry, every enum value plus one that is not.
 */

export const KINDS = ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Ingress'] as const;
export type Kind = typeof KINDS[number];

const LABELS = { app: 'web' };

const container = (): any => ({ name: 'app', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] });
const podSpec = (): any => ({ containers: [container()] });
const template = (): any => ({ metadata: { labels: { ...LABELS } }, spec: podSpec() });

/** Valid objects of each kind, the starting points. */
export const BASES: { [K in Kind]: any[] } = {
  Service: [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { ...LABELS }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { ...LABELS }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'LoadBalancer', selector: { ...LABELS }, ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { clusterIP: 'None', selector: { ...LABELS }, ports: [{ name: 'http', port: 80 }] } },
  ],
  Deployment: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { ...LABELS } }, template: template() } }],
  StatefulSet: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { serviceName: 'web', selector: { matchLabels: { ...LABELS } }, template: template() } }],
  DaemonSet: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'web' }, spec: { selector: { matchLabels: { ...LABELS } }, template: template() } }],
  Pod: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { ...LABELS } }, spec: podSpec() }],
  Ingress: [{
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'app.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  }],
};

// --- value pools ---
export const WRONG_TYPES = fc.constantFrom<any>('x', '80', 1.5, true, null, [], {});
export const NUMBER = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(-1, 0, 1, 2, 10, 80, 1023, 1024, 10250, 30000, 30080, 32767, 32768, 65535, 65536,
      86400, 86401, 2147483647, 2147483648),
  },
  { weight: 2, arbitrary: fc.integer({ min: -2, max: 70000 }) },
  { weight: 1, arbitrary: WRONG_TYPES },
);
export const NAME = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('', 'a', 'A', 'web', 'http', 'a-b', '-a', 'a-', 'a.b', 'a_b', '1a', '1', 'a1', 'Web', 'web!', 'http-2', '--', 'a--b',
      'a'.repeat(15), 'a'.repeat(16), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(253), 'a'.repeat(254)),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/) },
  { weight: 1, arbitrary: WRONG_TYPES },
);
export const HOST = fc.constantFrom<any>('app.example.com', '*.example.com', 'a.*.example.com', '*', 'App.example.com', '1.2.3.4', 'example.com:80', '', 'a'.repeat(64) + '.com', 'example.com.', '-a.com', 'a_b.com', 'localhost', 5);
const IP = fc.constantFrom<any>('10.0.0.5', '010.0.0.5', '10.0.0.05', '1.2.3', '::1', 'fd00::1', '0.0.0.0', '127.0.0.1', '169.254.169.254', '224.0.0.1', '255.255.255.255', 'None', '', 'x', '10.0.0.0/8', '::ffff:10.0.0.5', 7);
const CIDR = fc.constantFrom<any>('10.0.0.0/8', '10.0.0.1/8', '010.0.0.0/8', '0.0.0.0/0', '::/0', 'fd00::/64', '1.2.3.4', '1.2.3.4/33', 'x', '', ' 10.0.0.0/8');
const LABEL_MAP = fc.oneof(
  fc.constantFrom<any>({}, { app: 'web' }, { app: 'api' }, { 'example.com/app': 'web' }, { 'Example.com/app': 'web' }, { 'a/b/c': 'x' }, { '': 'x' }, { app: 'a'.repeat(63) }, { app: 'a'.repeat(64) }, { app: '-x' }, { app: '' }, { ['a'.repeat(64)]: 'x' }, { app: 'a b' }, { app: 5 }),
  fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9./-]{0,10}$/), fc.stringMatching(/^[a-z0-9._-]{0,8}$/), { maxKeys: 2 }),
);
const ANNOTATIONS = fc.constantFrom<any>({}, { a: 'x' }, { 'bad key!': 'x' }, { 'kubernetes.io/ingress.class': 'nginx' }, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' }, { 'service.beta.kubernetes.io/load-balancer-source-ranges': 'x' });
export const enumOf = (...values: string[]) => fc.constantFrom<any>(...values, 'Bogus', values[0].toLowerCase(), '');
const QUANTITY = fc.constantFrom<any>({ cpu: '100m' }, { cpu: '0' }, { cpu: '-1' }, { cpu: 'x' }, { memory: '1Gi' }, { memory: '1.5' }, { 'ephemeral-storage': '1Gi' }, { 'example.com/gpu': '1' }, { 'example.com/gpu': '0.5' }, { bogus: '1' }, {});
const INT_OR_PERCENT = fc.constantFrom<any>(0, 1, -1, '0%', '25%', '100%', '120%', '-5%', 'x', '1', 1.5);
const PROBE = fc.constantFrom<any>(
  { httpGet: { port: 8080 } }, { httpGet: { port: 'http' } }, { httpGet: { port: 'nope' } }, { httpGet: { port: 0 } }, { httpGet: { port: 70000 } },
  { tcpSocket: { port: 8080 } }, { exec: { command: ['true'] } }, {}, { httpGet: { port: 8080 }, exec: { command: ['true'] } },
  { httpGet: { port: 8080 }, periodSeconds: 0 }, { httpGet: { port: 8080 }, successThreshold: 2 }, { httpGet: { port: 8080 }, timeoutSeconds: -1 },
  { httpGet: { port: 8080, path: 'x' } }, { httpGet: { port: 8080, httpHeaders: [{ name: 'Host:', value: 'x' }] } }, { grpc: { port: 8080 } },
);
const ENV = fc.constantFrom<any>([{ name: 'A', value: 'x' }], [{ name: '1A', value: 'x' }], [{ name: '' }], [{ name: 'a.b' }], [{ name: 'a=b' }], [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }], [{ name: 'A' }, { name: 'A' }], [{ name: 'A', valueFrom: {} }]);

export type FieldSpec = [string, fc.Arbitrary<any>];

export const METADATA: FieldSpec[] = [
  ['metadata.name', NAME], ['metadata.namespace', NAME], ['metadata.generateName', NAME], ['metadata.labels', LABEL_MAP], ['metadata.annotations', ANNOTATIONS],
];

const SERVICE: FieldSpec[] = [
  ['spec.type', enumOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName')],
  ['spec.selector', LABEL_MAP],
  ['spec.ports', fc.constantFrom<any>([], null, 'x')],
  ['spec.ports[0].port', NUMBER], ['spec.ports[0].targetPort', fc.oneof(NUMBER, NAME)], ['spec.ports[0].nodePort', NUMBER],
  ['spec.ports[0].name', NAME], ['spec.ports[0].protocol', enumOf('TCP', 'UDP', 'SCTP')],
  ['spec.ports[0].appProtocol', fc.constantFrom<any>('http', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/bogus', 'example.com/x', 'a b', '', 'HTTP')],
  ['spec.clusterIP', IP], ['spec.clusterIPs', fc.array(IP, { maxLength: 3 })], ['spec.externalIPs', fc.array(IP, { maxLength: 2 })],
  ['spec.externalName', HOST], ['spec.sessionAffinity', enumOf('None', 'ClientIP')],
  ['spec.sessionAffinityConfig', fc.constantFrom<any>({ clientIP: { timeoutSeconds: 10 } }, { clientIP: { timeoutSeconds: 0 } }, { clientIP: { timeoutSeconds: 86400 } }, { clientIP: { timeoutSeconds: 86401 } }, { clientIP: {} }, {})],
  ['spec.externalTrafficPolicy', enumOf('Cluster', 'Local')], ['spec.internalTrafficPolicy', enumOf('Cluster', 'Local')],
  ['spec.healthCheckNodePort', NUMBER], ['spec.loadBalancerSourceRanges', fc.array(CIDR, { maxLength: 2 })],
  ['spec.loadBalancerClass', fc.constantFrom<any>('example.com/lb', 'lb', '', 'kubernetes.io/x', 'a/b/c')], ['spec.loadBalancerIP', IP],
  ['spec.allocateLoadBalancerNodePorts', fc.constantFrom<any>(true, false, 'x')], ['spec.publishNotReadyAddresses', fc.constantFrom<any>(true, 'yes')],
  ['spec.ipFamilyPolicy', enumOf('SingleStack', 'PreferDualStack', 'RequireDualStack')],
  ['spec.ipFamilies', fc.constantFrom<any>(['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv4', 'IPv4'], ['Bogus'], [])],
  ['spec.trafficDistribution', enumOf('PreferClose', 'PreferSameZone', 'PreferSameNode')],
];

function podFields(p: string): FieldSpec[] {
  const c = `${p}.containers[0]`;
  return [
    [`${p}.containers`, fc.constantFrom<any>([], null)],
    [`${c}.name`, NAME], [`${c}.image`, fc.constantFrom<any>('', 'nginx', ' nginx', 'nginx:1.27', 5)],
    [`${c}.ports[0].containerPort`, NUMBER], [`${c}.ports[0].name`, NAME], [`${c}.ports[0].protocol`, enumOf('TCP', 'UDP', 'SCTP')],
    [`${c}.ports[0].hostPort`, NUMBER], [`${c}.ports[0].hostIP`, IP], [`${c}.ports`, fc.constantFrom<any>([], [{ containerPort: 8080 }, { containerPort: 8080 }], [{ name: 'http', containerPort: 1 }, { name: 'http', containerPort: 2 }])],
    [`${c}.readinessProbe`, PROBE], [`${c}.livenessProbe`, PROBE], [`${c}.startupProbe`, PROBE],
    [`${c}.resources.limits`, QUANTITY], [`${c}.resources.requests`, QUANTITY],
    [`${c}.env`, ENV], [`${c}.terminationMessagePolicy`, enumOf('File', 'FallbackToLogsOnError')],
    [`${c}.imagePullPolicy`, enumOf('Always', 'Never', 'IfNotPresent')],
    [`${c}.lifecycle`, fc.constantFrom<any>({ preStop: { exec: { command: ['true'] } } }, { preStop: {} }, { postStart: { sleep: { seconds: 1 } } }, { preStop: { sleep: { seconds: -1 } } }, { stopSignal: 'SIGTERM' })],
    [`${c}.restartPolicy`, fc.constantFrom<any>('Always', 'Never', 'Bogus')],
    [`${p}.restartPolicy`, enumOf('Always', 'OnFailure', 'Never')],
    [`${p}.initContainers`, fc.constantFrom<any>([{ name: 'init', image: 'busybox' }], [{ name: 'init', image: 'busybox', restartPolicy: 'Always' }], [{ name: 'app', image: 'busybox' }], [{ name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }])],
    [`${p}.hostNetwork`, fc.constantFrom<any>(true, false)], [`${p}.dnsPolicy`, enumOf('ClusterFirst', 'Default', 'None', 'ClusterFirstWithHostNet')],
    [`${p}.terminationGracePeriodSeconds`, NUMBER], [`${p}.activeDeadlineSeconds`, NUMBER],
    [`${p}.hostname`, NAME], [`${p}.subdomain`, NAME],
  ];
}

const WORKLOAD: FieldSpec[] = [
  ['spec.replicas', NUMBER], ['spec.selector.matchLabels', LABEL_MAP], ['spec.selector', fc.constantFrom<any>({}, null, { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, { matchExpressions: [{ key: 'app', operator: 'Bogus' }] })],
  ['spec.template.metadata.labels', LABEL_MAP], ['spec.minReadySeconds', NUMBER], ['spec.revisionHistoryLimit', NUMBER],
  ...podFields('spec.template.spec'),
];

const FIELDS: { [K in Kind]: FieldSpec[] } = {
  Service: [...METADATA, ...SERVICE],
  Deployment: [...METADATA, ...WORKLOAD, ['spec.progressDeadlineSeconds', NUMBER], ['spec.strategy.type', enumOf('RollingUpdate', 'Recreate')],
    ['spec.strategy.rollingUpdate.maxSurge', INT_OR_PERCENT], ['spec.strategy.rollingUpdate.maxUnavailable', INT_OR_PERCENT], ['spec.paused', fc.constantFrom<any>(true, 'x')]],
  StatefulSet: [...METADATA, ...WORKLOAD, ['spec.serviceName', NAME], ['spec.podManagementPolicy', enumOf('OrderedReady', 'Parallel')],
    ['spec.updateStrategy.type', enumOf('RollingUpdate', 'OnDelete')], ['spec.updateStrategy.rollingUpdate.partition', NUMBER],
    ['spec.updateStrategy.rollingUpdate.maxUnavailable', INT_OR_PERCENT], ['spec.ordinals.start', NUMBER]],
  DaemonSet: [...METADATA, ...WORKLOAD, ['spec.updateStrategy.type', enumOf('RollingUpdate', 'OnDelete')],
    ['spec.updateStrategy.rollingUpdate.maxSurge', INT_OR_PERCENT], ['spec.updateStrategy.rollingUpdate.maxUnavailable', INT_OR_PERCENT]],
  Pod: [...METADATA, ...podFields('spec')],
  Ingress: [...METADATA,
    ['spec.ingressClassName', NAME], ['spec.rules[0].host', HOST], ['spec.rules', fc.constantFrom<any>([], null, [{}], [{ host: 'a.example.com' }])],
    ['spec.rules[0].http.paths[0].path', fc.constantFrom<any>('/', '', 'a', '/a b', '/(x)', '/a/../b', '/a//b', '/a?b', '/a#b', '/*', '/a;b', '/a%20b')],
    ['spec.rules[0].http.paths[0].pathType', enumOf('Exact', 'Prefix', 'ImplementationSpecific')],
    ['spec.rules[0].http.paths[0].backend.service.name', NAME], ['spec.rules[0].http.paths[0].backend.service.port.number', NUMBER],
    ['spec.rules[0].http.paths[0].backend.service.port.name', NAME], ['spec.rules[0].http.paths[0].backend.service.port', fc.constantFrom<any>({}, { name: 'http', number: 80 })],
    ['spec.rules[0].http.paths[0].backend', fc.constantFrom<any>({}, { resource: { kind: 'Bucket', name: 'b', apiGroup: 'example.com' } }, { resource: { kind: 'Bucket', name: 'b' }, service: { name: 'web', port: { number: 80 } } })],
    ['spec.rules[0].http.paths', fc.constantFrom<any>([], null)],
    ['spec.defaultBackend', fc.constantFrom<any>({ service: { name: 'web', port: { number: 80 } } }, {}, { service: { name: 'web' } })],
    ['spec.tls', fc.constantFrom<any>([{ hosts: ['app.example.com'], secretName: 'tls' }], [{ hosts: ['*.example.com'] }], [{ hosts: ['bad_host'], secretName: 'tls' }], [{ secretName: 'Bad' }], [{}])]],
};

// --- mutation ---
type Mutation = { op: 'set'; path: string; value: any } | { op: 'delete'; path: string } | { op: 'extra'; path: string } | { op: 'duplicate'; path: string };

/** 'a.b[0].c' -> ['a', 'b', 0, 'c'] */
function segments(p: string): (string | number)[] {
  return p.split('.').flatMap(s => {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(s)!;
    return [m[1], ...[...m[2].matchAll(/\[(\d+)\]/g)].map(x => Number(x[1]))];
  });
}

function apply(obj: any, m: Mutation): void {
  const segs = segments(m.path);
  let cur = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i];
    if (cur[s] === null || typeof cur[s] !== 'object') {
      if (m.op !== 'set') return;
      cur[s] = typeof segs[i + 1] === 'number' ? [] : {};
    }
    cur = cur[s];
  }
  const last = segs[segs.length - 1];
  switch (m.op) {
    // a copy: the pools' constant objects are shared by every sample
    case 'set': cur[last] = structuredClone(m.value); break;
    case 'delete': if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1); else delete cur[last]; break;
    case 'extra': if (cur[last] !== null && typeof cur[last] === 'object' && !Array.isArray(cur[last])) cur[last].bogusField = 1; break;
    case 'duplicate': if (Array.isArray(cur[last]) && cur[last].length > 0) cur[last].push(structuredClone(cur[last][0])); break;
  }
}

/** The list-valued fields of a kind, the targets of a duplicated entry. */
function listPaths(fields: FieldSpec[]): string[] {
  const lists = new Set<string>();
  for (const [p] of fields) for (const m of p.matchAll(/\[\d+\]/g)) lists.add(p.slice(0, m.index));
  return [...lists];
}

/** One mutation of a field of the list (the Gateway API generator's too). */
export function mutationOf(fields: FieldSpec[]): fc.Arbitrary<Mutation> {
  const paths = fields.map(([p]) => p);
  return fc.oneof(
    { weight: 10, arbitrary: fc.oneof(...fields.map(([p, v]) => v.map(value => ({ op: 'set', path: p, value }) as Mutation))) },
    { weight: 2, arbitrary: fc.constantFrom(...paths).map(path => ({ op: 'delete', path }) as Mutation) },
    { weight: 1, arbitrary: fc.constantFrom(...paths).map(path => ({ op: 'extra', path: path.replace(/\.[^.]*$/, '') }) as Mutation) },
    { weight: 1, arbitrary: fc.constantFrom(...listPaths(fields)).map(path => ({ op: 'duplicate', path }) as Mutation) },
  );
}

/** A near-valid object of the kind: a base and 1 to 3 mutations. */
export function nearValid(kind: Kind): fc.Arbitrary<any> {
  return nearValidOf(BASES[kind], FIELDS[kind]);
}

/** A near-valid object: one of the bases and 1 to 3 mutations of the fields. */
export function nearValidOf(bases: any[], fields: FieldSpec[]): fc.Arbitrary<any> {
  return fc.tuple(fc.constantFrom(...bases), fc.array(mutationOf(fields), { minLength: 1, maxLength: 3 })).map(([base, ms]) => {
    const obj = structuredClone(base);
    for (const m of ms) apply(obj, m);
    return obj;
  });
}

/** n near-valid objects of the kind, the same for the same seed. */
export function sample(kind: Kind, n: number, seed: number): any[] {
  return fc.sample(nearValid(kind), { numRuns: n, seed });
}
