import { GRANT, HTTP_LISTENER, gatewayObject, gatewayRouteObject, serviceObject } from './example-objects';
import { checkCount, checkEnum, checkInteger, checkSectionName, entries } from './gateway-shared';
import {
  checkBackendRef, checkCommonFilterFields, checkFilterMembers, checkNameMatches, checkNotRepeated, checkRouteHostnames, checkRouteParentRefs,
} from './http-route';
import { defineRouteWiring } from './http-route-wiring';
import { Issue, Severity, issue } from '../model/finding';
import { defineKind } from '../model/kinds';
import { key, list, obj, show, text } from '../model/plain';
import { CheckContext, defineRule, RuleBasics, ruleExamples } from '../model/rule';

/** The GRPCRoute: v1, served by the standard channel of every bundle of the range (v1.4.1 to v1.6.1). */
export const GRPC_ROUTE = defineKind({ kind: 'GRPCRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], crd: true, checked: true });

/*
 * GRPCRoute (gateway.networking.k8s.io/v1), as the standard-channel CRD validates it: the markers
 * and CEL rules of apis/v1/grpcroute_types.go at v1.4.1, v1.5.1 and v1.6.1 (the same at the three
 * tags), with the cases of tests/cel/grpcroute_test.go transcribed in test/upstream/gateway/.
 * parentRefs, hostnames, header modifiers, mirrors and backend references are HTTPRoute's.
 */

type Plain = { readonly [key: string]: any };

/** The field each GRPCRoute filter type carries (the enum of GRPCRouteFilter.type). */
const FILTER_FIELDS: { [type: string]: string } = {
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestHeaderModifier: 'requestHeaderModifier',
  RequestMirror: 'requestMirror',
  ExtensionRef: 'extensionRef',
};
const NOT_REPEATED = ['RequestHeaderModifier', 'ResponseHeaderModifier'];
/** The CEL pattern of an Exact service: `^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$`. */
const SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
/** The CEL pattern of an Exact method: `^[A-Za-z_][A-Za-z_0-9]*$`. */
const METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** The rules of a GRPCRoute with their paths (no CRD default: a route without rules has none). */
export function grpcRules(route: unknown): Array<{ readonly rule: Plain; readonly field: string }> {
  return list(obj(obj(route).spec).rules).map((r, i) => ({ rule: obj(r), field: `spec.rules[${i}]` }));
}

function grpcRule(def: RuleBasics, check: (route: any, spec: Plain, ctx: CheckContext) => Issue[]) {
  return defineRule({ scope: 'object', kinds: [GRPC_ROUTE.kind], severity: Severity.ERROR, ...def }, (route, ctx) => check(route, obj(obj(route).spec), ctx));
}

export const grpcRouteParentRefs = grpcRule({
  id: 'grpcroute-parent-refs',
  summary: 'parentRefs: at most 32, each a valid reference; several to one parent each name a distinct sectionName',
  prevents: 'CRD: CommonRouteSpec parentRefs, as for HTTPRoute: maxItems 32, reference formats, the sectionName CEL rules',
}, (_, spec) => checkRouteParentRefs(spec));

export const grpcRouteHostnames = grpcRule({
  id: 'grpcroute-hostnames',
  summary: 'hostnames: at most 16, each a lowercase DNS name with an optional whole-label "*." prefix, not an IP',
  prevents: 'CRD: hostnames maxItems 16 and the Hostname pattern; the specification forbids IP addresses (warning)',
}, (_, spec) => checkRouteHostnames(spec));

export const grpcRouteRuleList = grpcRule({
  id: 'grpcroute-rules',
  summary: 'rules: at most 16, a rule name is a section name; matches: at most 64 per rule and 128 in all; filters and backendRefs: at most 16 each',
  prevents: 'CRD: rules maxItems 16, rules[].name SectionName, matches maxItems 64, CEL "the total number of matches across all rules in a route must be less than 128", filters and backendRefs maxItems 16',
}, route => {
  const spec = obj(obj(route).spec);
  const out = checkCount('spec.rules', spec.rules, 0, 16, 'rules');
  let total = 0;
  for (const { rule, field } of grpcRules(route)) {
    if (rule.name !== undefined && rule.name !== null) out.push(...checkSectionName(`${field}.name`, rule.name));
    out.push(...checkCount(`${field}.matches`, rule.matches, 0, 64, 'matches'));
    out.push(...checkCount(`${field}.filters`, rule.filters, 0, 16, 'filters'));
    out.push(...checkCount(`${field}.backendRefs`, rule.backendRefs, 0, 16, 'backendRefs'));
    for (const b of entries(rule.backendRefs, `${field}.backendRefs`)) out.push(...checkCount(`${b.f}.filters`, b.v.filters, 0, 16, 'filters'));
    total += Array.isArray(rule.matches) ? rule.matches.length : 0;
  }
  if (total > 128) out.push(issue('spec.rules', `the rules have ${total} matches in all: while 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be at most 128`, 'split the route into several GRPCRoutes'));
  return out;
});

/** A method match as the CRD validates it; its type defaults to Exact. */
function checkMethodMatch(field: string, m: Plain): Issue[] {
  const type = m.type ?? 'Exact';
  const out = checkEnum(`${field}.type`, m.type, ['Exact', 'RegularExpression']);
  if (m.service === undefined && m.method === undefined) {
    out.push(issue(field, 'One or both of \'service\' or \'method\' must be specified', 'name the gRPC service, the method, or both'));
  }
  for (const name of ['service', 'method']) {
    const v = m[name];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > 1024) {
      out.push(issue(`${field}.${name}`, `${show(v)} is not a valid ${name}: a string of at most 1024 characters`, `give the ${name}`));
    } else if (type === 'Exact' && !(name === 'service' ? SERVICE : METHOD).test(v)) {
      out.push(issue(`${field}.${name}`, name === 'service'
        ? `${show(v)}: service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)`
        : `${show(v)}: method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)`,
      name === 'service' ? 'use the fully qualified service, e.g. "shop.v1.Cart", or type RegularExpression' : 'use the method name, e.g. "GetCart", or type RegularExpression'));
    }
  }
  return out;
}

export const grpcRouteMatches = grpcRule({
  id: 'grpcroute-matches',
  summary: 'a method match names a service or a method (Exact: valid gRPC names); header matches have valid, unique names',
  prevents: 'CRD: method type enum, service and method maxLength 1024, CEL "One or both of \'service\' or \'method\' must be specified", "service/method must only contain valid characters"; headers maxItems 16, header name pattern, listMapKey name',
}, route => grpcRules(route).flatMap(({ rule, field }) => entries(rule.matches, `${field}.matches`).flatMap(({ v, f }) => [
  ...(v.method === undefined ? [] : checkMethodMatch(`${f}.method`, obj(v.method))),
  ...checkNameMatches(`${f}.headers`, v.headers, 'header'),
])));

/** A GRPCRoute filter list: each filter's type and members; header modifiers not repeated. */
function checkFilterList(field: string, filters: unknown): Issue[] {
  const items = entries(filters, field);
  return [
    ...items.flatMap(({ v, f }) => [...checkFilterMembers(f, v, FILTER_FIELDS), ...checkCommonFilterFields(f, v)]),
    ...checkNotRepeated(items, NOT_REPEATED),
  ];
}

export const grpcRouteFilters = grpcRule({
  id: 'grpcroute-filters',
  summary: 'filters have a type (RequestHeaderModifier, ResponseHeaderModifier, RequestMirror, ExtensionRef) and carry the field of their type only; header modifiers are not repeated',
  prevents: 'CRD: filter type required and enum, CEL "filter.X must be nil if the filter.type is not X", "filter.X must be specified for X filter.type", "X filter cannot be repeated", header modifier and mirror bounds',
}, route => grpcRules(route).flatMap(({ rule, field }) => [
  ...checkFilterList(`${field}.filters`, rule.filters),
  ...entries(rule.backendRefs, `${field}.backendRefs`).flatMap(b => checkFilterList(`${b.f}.filters`, b.v.filters)),
]));

export const grpcRouteBackendRefs = grpcRule({
  id: 'grpcroute-backend-refs',
  summary: 'a backendRef names its object; a Service backend has a port; weight is 0-1,000,000',
  prevents: 'CRD: BackendObjectReference formats, CEL "Must have port for Service reference", weight minimum 0 maximum 1000000',
}, route => grpcRules(route).flatMap(r => entries(r.rule.backendRefs, `${r.field}.backendRefs`).flatMap(({ v, f }) => [
  ...checkBackendRef(f, v),
  ...checkInteger(`${f}.weight`, v.weight, 0, 1000000, 'use a weight in 0-1,000,000 (default 1)'),
])));

/** A match as a comparable key and as a finding names it: method type, service and method, headers (names folded). */
function grpcMatch(match: Plain): { key: string; what: string } {
  const m = obj(match.method);
  const headers = list(match.headers).map(obj).map(h => `${text(h.name).toLowerCase()}=${text(h.type ?? 'Exact')}:${text(h.value)}`).sort();
  const what = match.method === undefined ? 'every method' : `service ${show(m.service ?? '*')} method ${show(m.method ?? '*')}`;
  return { key: key(m.type ?? 'Exact', m.service ?? '', m.method ?? '', headers.join('&')), what: headers.length ? `${what} with headers ${headers.join(', ')}` : what };
}

/*
 * The wiring of HTTPRoute, which GRPCRoute shares by the specification: parentRefs to HTTP and HTTPS listeners, backends,
 * ReferenceGrants and conflicts. A rule without matches matches every method.
 */
defineRouteWiring({
  kind: GRPC_ROUTE.kind,
  prefix: 'grpcroute',
  protocols: ['HTTP', 'HTTPS'],
  unresolved: 'the Gateway answers UNAVAILABLE',
  rules: grpcRules,
  matches: (rule, field) => (rule.matches === undefined || list(rule.matches).length === 0
    ? [{ key: key('Exact', '', '', ''), field, what: 'every method' }]
    : entries(rule.matches, `${field}.matches`).map(({ v, f }) => ({ ...grpcMatch(v), field: f }))),
});

const BACKEND = { backendRefs: [{ name: 'web', port: 50051 }] };
const GRPC_SERVICE = serviceObject({ ports: [{ name: 'grpc', port: 50051, targetPort: 50051, appProtocol: 'kubernetes.io/h2c' }] });
const grpcRoute = (spec: any, metadata: any = {}) => gatewayRouteObject('GRPCRoute', { hostnames: ['grpc.example.com'], rules: [BACKEND], ...spec }, metadata);

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'grpcroute-parent-refs': {
    objects: [gatewayRouteObject('GRPCRoute', { parentRefs: [{ name: 'edge' }, { name: 'edge' }], rules: [BACKEND] })],
    valid: [gatewayRouteObject('GRPCRoute', { parentRefs: [{ name: 'edge' }], rules: [BACKEND] })],
  },
  'grpcroute-hostnames': {
    objects: [gatewayRouteObject('GRPCRoute', { hostnames: ['Grpc.example.com'], rules: [BACKEND] })],
    valid: [gatewayRouteObject('GRPCRoute', { hostnames: ['grpc.example.com'], rules: [BACKEND] })],
  },
  'grpcroute-rules': {
    objects: [gatewayRouteObject('GRPCRoute', { rules: [{ name: 'Cart', ...BACKEND }] })],
    valid: [gatewayRouteObject('GRPCRoute', { rules: [{ name: 'cart', ...BACKEND }] })],
  },
  'grpcroute-matches': {
    objects: [gatewayRouteObject('GRPCRoute', { rules: [{ matches: [{ method: { service: 'shop/v1.Cart' } }], ...BACKEND }] })],
    valid: [gatewayRouteObject('GRPCRoute', { rules: [{ matches: [{ method: { service: 'shop.v1.Cart' } }], ...BACKEND }] })],
  },
  'grpcroute-filters': {
    objects: [gatewayRouteObject('GRPCRoute', { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: {} }], ...BACKEND }] })],
    valid: [gatewayRouteObject('GRPCRoute', { rules: [{ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-team', value: 'shop' }] } }], ...BACKEND }] })],
  },
  'grpcroute-section-name': {
    objects: [gatewayObject([HTTP_LISTENER]), GRPC_SERVICE, grpcRoute({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'grpc' }] })],
    valid: [gatewayObject([HTTP_LISTENER]), GRPC_SERVICE, grpcRoute({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }] })],
  },
  'grpcroute-namespace-allowed': {
    objects: [gatewayObject([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }]), GRPC_SERVICE, grpcRoute({})],
    valid: [gatewayObject([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'All' } } }]), GRPC_SERVICE, grpcRoute({})],
  },
  'grpcroute-hostname-listener': {
    objects: [gatewayObject([HTTP_LISTENER]), GRPC_SERVICE, grpcRoute({ hostnames: ['grpc.example.org'] })],
    valid: [gatewayObject([HTTP_LISTENER]), GRPC_SERVICE, grpcRoute({ hostnames: ['grpc.example.com'] })],
  },
  'grpcroute-backend-service': {
    objects: [grpcRoute({})],
    valid: [GRPC_SERVICE, grpcRoute({})],
  },
  'grpcroute-backend-port': {
    objects: [GRPC_SERVICE, grpcRoute({ rules: [{ backendRefs: [{ name: 'web', port: 9090 }] }] })],
    valid: [GRPC_SERVICE, grpcRoute({})],
  },
  'grpcroute-reference-grant': {
    objects: [serviceObject({ ports: [{ name: 'grpc', port: 50051 }] }, { namespace: 'shop' }), grpcRoute({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 50051 }] }] })],
    valid: [serviceObject({ ports: [{ name: 'grpc', port: 50051 }] }, { namespace: 'shop' }), grpcRoute({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 50051 }] }] }),
      { ...GRANT, spec: { ...GRANT.spec, from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'default' }] } }],
  },
  'grpcroute-conflict': {
    objects: [gatewayObject([HTTP_LISTENER]), GRPC_SERVICE, grpcRoute({}), grpcRoute({}, { name: 'web-2' })],
    valid: [gatewayObject([HTTP_LISTENER]), GRPC_SERVICE, grpcRoute({}), grpcRoute({ hostnames: ['api.example.com'] }, { name: 'web-2' })],
  },
  'grpcroute-backend-refs': {
    objects: [gatewayRouteObject('GRPCRoute', { rules: [{ backendRefs: [{ name: 'web' }] }] })],
    valid: [gatewayRouteObject('GRPCRoute', { rules: [BACKEND] })],
  },
});
