import * as fc from 'fast-check';
import { ManifestAnalyzer, ManifestFinding } from '../src/checker/check';
import { Severity } from '../src/model/finding';
import { Rules } from '../src/rules/catalog';

/*
 * No manifest crashes the checker: any field of any supported kind may be absent, null, or of the
 * wrong type (a string where a number belongs, an object where a list belongs, a list inside a
 * list). Every case yields findings with rule ids and field paths, never a TypeError, and no rule
 * falls back to the catch-all finding ("the rule could not read this object"). One bad object
 * never hides the findings of the others.
 */

const LABELS = { app: 'web' };

const PROBE = {
  httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] },
  initialDelaySeconds: 5,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
};

const CONTAINER = {
  name: 'app',
  image: 'nginx:1.27',
  ports: [{ name: 'http', containerPort: 80, protocol: 'TCP', hostPort: 8080 }, { name: 'grpc', containerPort: 9090 }],
  env: [
    { name: 'MODE', value: 'prod' },
    { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
  ],
  envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'tokens' } }],
  resources: {
    requests: { 'cpu': '100m', 'memory': '128Mi', 'example.com/gpu': '1' },
    limits: { 'cpu': '1', 'memory': '256Mi', 'example.com/gpu': '1' },
  },
  livenessProbe: { ...PROBE, terminationGracePeriodSeconds: 10 },
  readinessProbe: { tcpSocket: { port: 80 } },
  startupProbe: { grpc: { port: 9090 }, failureThreshold: 30 },
  lifecycle: { preStop: { exec: { command: ['sleep', '5'] } }, postStart: { httpGet: { path: '/', port: 80 } } },
  terminationMessagePolicy: 'File',
};

const POD_SPEC = { containers: [CONTAINER, { name: 'sidecar', image: 'envoy:1.30', ports: [{ containerPort: 15000, protocol: 'UDP' }] }], restartPolicy: 'Always' };

function workload(kind: string, extra: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'web', namespace: 'shop', labels: LABELS, annotations: { team: 'a' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: POD_SPEC },
      minReadySeconds: 5,
      revisionHistoryLimit: 3,
      ...extra,
    },
  };
}

const BASES: { [kind: string]: any } = {
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', labels: LABELS, annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' } },
    spec: {
      type: 'LoadBalancer',
      selector: LABELS,
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP', appProtocol: 'http' }, { name: 'https', port: 443, targetPort: 8443 }],
      clusterIP: '10.0.0.10',
      externalIPs: ['203.0.113.10'],
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 30567,
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      loadBalancerClass: 'example.com/lb',
      allocateLoadBalancerNodePorts: true,
    },
  },
  Deployment: workload('Deployment', {
    progressDeadlineSeconds: 600,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
  }),
  StatefulSet: workload('StatefulSet', { serviceName: 'web' }),
  DaemonSet: workload('DaemonSet'),
  Pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: LABELS }, spec: POD_SPEC },
  Ingress: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    spec: {
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      tls: [{ hosts: ['app.example.com'], secretName: 'tls' }],
      rules: [{ host: 'app.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }],
    },
  },
  Gateway: {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'shop' },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'app.example.com' }] },
  },
  HTTPRoute: {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['app.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }],
    },
  },
  ReferenceGrant: {
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'allow', namespace: 'shop' },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service' }] },
  },
};

type Path = Array<string | number>;

/** Every path into a value: each key of each object, each index of each list. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/** A copy of `base` with the value at `path` replaced (or set, when absent). */
function setAt(base: unknown, path: Path, value: unknown): any {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(base) ? [...base] : { ...(base as object) };
  const [head, ...rest] = path;
  Object.defineProperty(copy, head, { value: setAt(copy[head], rest, value), enumerable: true, configurable: true, writable: true });
  return copy;
}

const RULE_IDS = new Set(Rules.all().map(r => r.id));
const CATCH_ALL = 'the rule could not read this object';

/** A valid object of another kind with one known finding, to prove a bad object hides nothing. */
const WITNESS = { ...BASES.Service, metadata: { name: 'witness', namespace: 'shop' }, spec: { ports: [{ port: 70000 }], selector: {} } };
const WITNESS_FINDING = 'service-port-number spec.ports[0].port';

function analyze(manifest: unknown): ManifestFinding[] {
  const result = ManifestAnalyzer.analyze([{ manifest }, { manifest: WITNESS }]);
  return result.findings;
}

function expectSound(findings: ManifestFinding[]): void {
  for (const f of findings) {
    expect(RULE_IDS.has(f.rule)).toBe(true);
    expect(typeof f.field).toBe('string');
    expect(typeof f.message).toBe('string');
    if (f.message.includes(CATCH_ALL)) throw new Error(`rule ${f.rule} threw: ${f.message}`);
  }
  const witness = findings.filter(f => f.name === 'witness').map(f => `${f.rule} ${f.field}`);
  expect(witness).toContain(WITNESS_FINDING);
}

/** Keys that name members of Object.prototype (issue 19 item 10). */
const HOSTILE_KEYS = ['toString', 'valueOf', '__proto__', 'constructor', 'toJSON', 'hasOwnProperty'];

/** Arbitrary JSON, plus the shapes YAML gives by mistake: null, a list in a list, a number as a string. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, [], {}, [[]], [[1, 2]], [null], '80', '', ' ', 'NaN', -1, 0, 2.5, 1e300, true),
  fc.array(fc.jsonValue(), { maxLength: 3 }).map(a => [a]),
  fc.dictionary(fc.constantFrom('toString', 'valueOf', 'constructor', 'hasOwnProperty', 'name', 'port', 'length'), fc.jsonValue()),
  // keys that a careless String(x), `${x}` or x[k] trips on, as own properties (as the reader makes them)
  fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue()), { minLength: 1, maxLength: 3 }).map(entries => {
    const o = {};
    for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
    return o;
  }),
);

describe.each(Object.keys(BASES))('%s', kind => {
  const base = BASES[kind];
  const paths = pathsOf(base);

  test('the base object gives no catch-all finding', () => {
    expectSound(analyze(base));
  });

  test('any value at any path: findings, never a crash', () => {
    fc.assert(fc.property(fc.constantFrom(...paths), junk, (path, value) => {
      expectSound(analyze(setAt(base, path, value)));
    }), { numRuns: 400 });
  });

  test('any value under any object: findings, never a crash', () => {
    const objects = [[], ...paths].filter(p => {
      const v = p.reduce((o: any, k) => o?.[k], base);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    const names = fc.constantFrom('spec', 'metadata', 'ports', 'selector', 'template', 'containers', 'rules', 'http', 'paths', 'backend', 'service', 'port',
      'tls', 'hosts', 'livenessProbe', 'httpGet', 'exec', 'command', 'env', 'valueFrom', 'resources', 'limits', 'requests', 'strategy', 'rollingUpdate',
      'labels', 'annotations', 'listeners', 'parentRefs', 'backendRefs', 'matches', 'from', 'to', 'lifecycle', 'preStop', ...HOSTILE_KEYS);
    fc.assert(fc.property(fc.constantFrom(...objects), names, junk, (path, name, value) => {
      expectSound(analyze(setAt(base, [...path, name], value)));
    }), { numRuns: 400 });
  });

  test('any apiVersion, of any type: findings or a skip, never a crash', () => {
    const apiVersions = fc.oneof(junk, fc.constantFrom('v1', 'apps/v1', 'apps/v1beta2', 'extensions/v1beta1', 'networking.k8s.io/v1beta1',
      'gateway.networking.k8s.io/v1alpha2', 'networking.istio.io/v1', 'serving.knative.dev/v1', '/', '', 'apps/', '/v1'), fc.string());
    fc.assert(fc.property(apiVersions, apiVersion => {
      const result = ManifestAnalyzer.analyze([{ manifest: { ...base, apiVersion } }, { manifest: WITNESS }]);
      expectSound(result.findings);
      // one of: read and checked, one object-api-version finding, or skipped as another API's object
      const own = result.findings.filter(f => f.name !== 'witness');
      const skipped = result.skipped.length === 1;
      const versionOnly = own.length === 1 && own[0].rule === 'object-api-version';
      expect(skipped || versionOnly || own.every(f => f.rule !== 'object-api-version')).toBe(true);
    }), { numRuns: 300 });
  });

  test('the whole object or its spec replaced by anything', () => {
    fc.assert(fc.property(junk, junk, (m, spec) => {
      expectSound(analyze(m));
      expectSound(analyze({ ...base, spec }));
      expectSound(analyze({ ...base, metadata: spec }));
    }), { numRuns: 200 });
  });
});

describe('regressions', () => {
  const deployment = BASES.Deployment;

  test('livenessProbe: null (what Helm\'s toYaml writes) gives findings, not a crash, and hides nothing', () => {
    const m = setAt(deployment, ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe'], null);
    const bad = setAt(m, ['spec', 'template', 'spec', 'containers', 0, 'image'], '');
    const findings = analyze(bad);
    expectSound(findings);
    expect(findings.filter(f => f.name === 'web' && f.severity === Severity.ERROR).map(f => `${f.rule} ${f.field}`))
      .toEqual(['container-image spec.template.spec.containers[0].image']);
  });

  test('an Ingress rule with an empty http: (null) gives findings, not a crash, and hides nothing', () => {
    const ingress = setAt(BASES.Ingress, ['spec', 'rules', 0, 'http'], null);
    const bad = setAt(ingress, ['spec', 'rules', 1], { host: 'App.example.com', http: null });
    const findings = analyze(bad);
    expectSound(findings);
    expect(findings.filter(f => f.name === 'web' && f.severity === Severity.ERROR).map(f => `${f.rule} ${f.field}`))
      .toEqual(['ingress-host spec.rules[1].host']);
  });
});
