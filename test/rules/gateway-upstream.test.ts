import { ManifestAnalyzer } from '../../src';
import { EXTERNAL_SERVICES_ANNOTATION } from '../../src/rules/external-services';
import { GATEWAY_CASES } from '../upstream/gateway/gateway.cases';
import { GRPCROUTE_CASES } from '../upstream/gateway/grpcroute.cases';
import { HTTPROUTE_CASES, UpstreamCase } from '../upstream/gateway/httproute.cases';
import { validateSchema } from '../util';

/*
 * The CEL test tables of kubernetes-sigs/gateway-api (tests/cel, standard channel), run
 * through the manifest checker: each row's findings, as `<severity> <rule> <field>`, are
 * exactly the expected list.
 */

/** The tables are upstream's main after v1.6.1: checked against bundle v1.6. */
function findings(manifest: any): string[] {
  return ManifestAnalyzer.analyze([{ manifest }], { gatewayApiVersion: 'v1.6' }).findings.map(f => `${f.severity} ${f.rule} ${f.field}`);
}

function route(c: UpstreamCase): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    // the backends of these rows are not part of the set: declared outside it
    metadata: { name: 'foo', namespace: 'default', annotations: { [EXTERNAL_SERVICES_ANNOTATION]: 'foo-svc,backend,test-svc,mirror-svc,name' } },
    spec: c.spec,
  };
}

function gateway(c: UpstreamCase): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'foo', namespace: 'default' },
    spec: { gatewayClassName: 'foo', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }], ...c.spec },
  };
}

describe('tests/cel/httproute_test.go and httproute_standard_test.go', () => {
  test.each(HTTPROUTE_CASES.map(c => [c.upstream, c] as const))('%s', (_, c) => {
    expect(findings(route(c)).sort()).toEqual([...c.want].sort());
  });
});

function grpcRoute(c: UpstreamCase): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GRPCRoute',
    metadata: { name: 'foo', namespace: 'default', annotations: { [EXTERNAL_SERVICES_ANNOTATION]: 'test-service,name' } },
    spec: c.spec,
  };
}

describe('tests/cel/grpcroute_test.go', () => {
  test.each(GRPCROUTE_CASES.map(c => [c.upstream, c] as const))('%s', (_, c) => {
    expect(findings(grpcRoute(c)).sort()).toEqual([...c.want].sort());
  });
});

describe('tests/cel/gateway_test.go', () => {
  test.each(GATEWAY_CASES.map(c => [c.upstream, c] as const))('%s', (_, c) => {
    expect(findings(gateway(c)).sort()).toEqual([...c.want].sort());
  });
});

test('the tables hold at least 80 upstream cases, valid and invalid', () => {
  const all = [...HTTPROUTE_CASES, ...GATEWAY_CASES];
  const valid = all.filter(c => c.want.length === 0).length;
  expect(all.length).toBeGreaterThanOrEqual(80);
  expect(valid).toBeGreaterThan(20);
  expect(all.length - valid).toBeGreaterThan(20);
});

describe('the valid rows pass the @kubernetes-models/gateway-api schema (Gateway API v1.0.0) too', () => {
  // CORS, ExtensionRef with a core Service kind etc. are newer than v1.0.0 or outside its model: only rows it models
  const V1_0_UNKNOWN = /CORS|cors|TestHTTPRouteParentRefStandard/;
  test.each([...HTTPROUTE_CASES.map(c => [c.upstream, route(c)] as const), ...GATEWAY_CASES.map(c => [c.upstream, gateway(c)] as const)]
    .filter(([name]) => !V1_0_UNKNOWN.test(name)))('%s', (name, manifest) => {
    const c = [...HTTPROUTE_CASES, ...GATEWAY_CASES].find(x => x.upstream === name)!;
    if (c.want.some(w => w.startsWith('error')) || c.schemaSkip !== undefined) return;
    expect(() => validateSchema(manifest)).not.toThrow();
  });
});
