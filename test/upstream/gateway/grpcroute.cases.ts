import { UpstreamCase } from './httproute.cases';

/*
 * Cases of kubernetes-sigs/gateway-api tests/cel/grpcroute_test.go (tag v1.6.1, standard
 * channel), transcribed as facts: the GRPCRoute spec of each upstream case and the findings we
 * expect. As in httproute.cases.ts, an incidental empty struct of the Go fixture (`RequestMirror: {}`
 * to test a type mismatch) gets valid contents, so the row isolates the rule the case is about.
 */

const F = 'spec.rules[0].filters[0]';
const mirror = { backendRef: { name: 'test-service', port: 8080 } };
const header = { set: [{ name: 'name', value: 'foo' }], add: [{ name: 'add', value: 'foo' }], remove: ['remove'] };
const filterCase = (name: string, filter: any, want: string[]): UpstreamCase => ({
  upstream: `TestGRPCRouteFilter/${name}`, spec: { rules: [{ filters: [filter] }] }, want,
});
const ruleCase = (name: string, rules: any[], want: string[]): UpstreamCase => ({ upstream: `TestGRPCRouteRule/${name}`, spec: { rules }, want });
const methodCase = (name: string, method: any, want: string[]): UpstreamCase => ({
  upstream: `TestGRPCMethodMatch/${name}`, spec: { rules: [{ matches: [{ method }] }] }, want,
});
const M = 'spec.rules[0].matches[0].method';
const backend = [{ name: 'test-service', port: 8080, weight: 100 }];
const manyMatches = (rules: number, matches: number) => Array.from({ length: rules }, () => ({
  matches: Array.from({ length: matches }, () => ({ headers: [{ type: 'Exact', name: 'version', value: 'v1' }], method: { type: 'Exact', service: 'foo', method: 'bar' } })),
}));

export const GRPCROUTE_CASES: UpstreamCase[] = [
  // TestGRPCRouteFilter
  filterCase('valid GRPCRouteFilterRequestHeaderModifier route filter', { type: 'RequestHeaderModifier', requestHeaderModifier: header }, []),
  filterCase('invalid GRPCRouteFilterRequestHeaderModifier type filter with non-matching field', { type: 'RequestHeaderModifier', requestMirror: mirror },
    [`error grpcroute-filters ${F}.requestHeaderModifier`, `error grpcroute-filters ${F}.requestMirror`]),
  filterCase('invalid GRPCRouteFilterRequestHeaderModifier type filter with empty value field', { type: 'RequestHeaderModifier' }, [`error grpcroute-filters ${F}.requestHeaderModifier`]),
  filterCase('valid GRPCRouteFilterResponseHeaderModifier route filter', { type: 'ResponseHeaderModifier', responseHeaderModifier: header }, []),
  filterCase('invalid GRPCRouteFilterResponseHeaderModifier type filter with non-matching field', { type: 'ResponseHeaderModifier', requestMirror: mirror },
    [`error grpcroute-filters ${F}.responseHeaderModifier`, `error grpcroute-filters ${F}.requestMirror`]),
  filterCase('invalid GRPCRouteFilterResponseHeaderModifier type filter with empty value field', { type: 'ResponseHeaderModifier' }, [`error grpcroute-filters ${F}.responseHeaderModifier`]),
  filterCase('valid GRPCRouteFilterRequestMirror route filter',
    { type: 'RequestMirror', requestMirror: { backendRef: { group: 'group', kind: 'kind', name: 'name', namespace: 'ns', port: 22 } } }, []),
  filterCase('invalid GRPCRouteFilterRequestMirror type filter with non-matching field', { type: 'RequestMirror', requestHeaderModifier: {} },
    [`error grpcroute-filters ${F}.requestHeaderModifier`, `error grpcroute-filters ${F}.requestMirror`]),
  filterCase('invalid GRPCRouteFilterRequestMirror type filter with empty value field', { type: 'RequestMirror' }, [`error grpcroute-filters ${F}.requestMirror`]),
  filterCase('valid GRPCRouteFilterExtensionRef filter', { type: 'ExtensionRef', extensionRef: { group: 'group', kind: 'kind', name: 'name' } }, []),
  filterCase('invalid GRPCRouteFilterExtensionRef type filter with non-matching field', { type: 'ExtensionRef', requestMirror: mirror },
    [`error grpcroute-filters ${F}.requestMirror`, `error grpcroute-filters ${F}.extensionRef`]),
  filterCase('invalid GRPCRouteFilterExtensionRef type filter with empty value field', { type: 'ExtensionRef' }, [`error grpcroute-filters ${F}.extensionRef`]),

  // TestGRPCRouteRule
  ruleCase('valid GRPCRoute with no filters', [{ matches: [{ method: { type: 'Exact', service: 'helloworld.Greeter' } }], backendRefs: backend }], []),
  ruleCase('valid GRPCRoute with only Method specified', [{ matches: [{ method: { type: 'Exact', method: 'SayHello' } }], backendRefs: backend }], []),
  ruleCase('invalid because multiple filters are repeated', [{
    matches: [{ method: { type: 'Exact', service: 'helloworld.Greeter' } }],
    filters: [
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'special-header', value: 'foo' }] } },
      { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'my-header', value: 'bar' }] } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'special-header', value: 'foo' }] } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'my-header', value: 'bar' }] } },
    ],
  }], ['error grpcroute-filters spec.rules[0].filters[1].type', 'error grpcroute-filters spec.rules[0].filters[3].type']),
  ruleCase('too many matches and rules', manyMatches(7, 20), ['error grpcroute-rules spec.rules']),
  ruleCase('many matches and few rules', manyMatches(2, 48), []),

  // TestGRPCMethodMatch
  methodCase('valid GRPCRoute with 1 service in GRPCMethodMatch field', { service: 'foo.Test.Example' }, []),
  methodCase('valid GRPCRoute with 1 method in GRPCMethodMatch field', { method: 'Login' }, []),
  methodCase('invalid GRPCRoute missing service or method in GRPCMethodMatch field', {}, [`error grpcroute-matches ${M}`]),
  methodCase('GRPCRoute uses regex in service and method with undefined match type', { service: '.*', method: '.*' },
    [`error grpcroute-matches ${M}.service`, `error grpcroute-matches ${M}.method`]),
  methodCase('GRPCRoute uses regex in service and method with match type Exact', { type: 'Exact', service: '.*', method: '.*' },
    [`error grpcroute-matches ${M}.service`, `error grpcroute-matches ${M}.method`]),
  methodCase('GRPCRoute uses regex in method with undefined match type', { method: '.*' }, [`error grpcroute-matches ${M}.method`]),
  methodCase('GRPCRoute uses regex in service with match type Exact', { type: 'Exact', service: '.*' }, [`error grpcroute-matches ${M}.service`]),
  methodCase('GRPCRoute uses regex in service and method with match type RegularExpression', { type: 'RegularExpression', service: '.*', method: '.*' }, []),
  methodCase('GRPCRoute uses valid service and method with undefined match type', { service: 'foo.Test.Example', method: 'Login' }, []),
  methodCase('GRPCRoute uses valid service and method with match type Exact', { type: 'Exact', service: 'foo.Test.Example', method: 'Login' }, []),
  methodCase('GRPCRoute uses a valid service with a leading dot when match type is Exact', { type: 'Exact', service: '.foo.Test.Example' }, []),
];
