import { FindingType } from '../model/finding';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * Rules only the HttpRoute, GrpcRoute and TlsRoute constructs can check: its typed props (a rule routes one way)
 * and the Services and Gateways it refers to by name, whose ports and listeners the
 * reference declares. Their checks live in src/constructs/http-route.ts, grpc-route.ts and tls-route.ts (with gateway-route.ts).
 */

export const httpRouteRuleAction = defineRule({
  scope: 'construct',
  id: 'httproute-rule-action',
  kinds: ['HTTPRoute'],
  summary: 'an HttpRoute has rules; each routes to service (with port) or backends, or redirects: exactly one of them',
  prevents: 'props without effect (a redirect answers before any backend; service and backends are one list) and rules that answer 500 (no backend)',
});

export const httpRouteBackendReferencePort = defineRule({
  scope: 'construct',
  id: 'httproute-backend-reference-port',
  type: FindingType.NOT_FOUND,
  kinds: ['HTTPRoute'],
  summary: 'a backend port is a port of its Service: resolved by name, or the only port when left out',
  prevents: 'a route to a port the Service does not have: no endpoints, the Gateway answers 500',
});

export const grpcRouteProps = defineRule({
  scope: 'construct',
  id: 'grpcroute-props',
  kinds: ['GRPCRoute'],
  summary: 'a GrpcRoute has a Gateway and rules; each rule has backends, each a Service whose port resolves (by name, or the only port)',
  prevents: 'a route that attaches to nothing or routes nowhere (UNAVAILABLE), and a backend port the Service does not have',
});

export const tlsRouteProps = defineRule({
  scope: 'construct',
  id: 'tlsroute-props',
  kinds: ['TLSRoute'],
  summary: 'a TlsRoute has a Gateway, SNI hostnames and backends, each a Service whose port resolves (by name, or the only port)',
  prevents: 'a passthrough that attaches to nothing or whose connections are refused, and a backend port the Service does not have',
});

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'httproute-rule-action': { code: 'route.addRule({ path: \'/\', service: web, backends: [{ service: canary, weight: 10 }] })' },
  'grpcroute-props': { code: 'new GrpcRoute(chart, \'cart\', { gateway, rules: [{ methods: [{ service: \'shop.v1.Cart\' }], backends: [] }] })' },
  'tlsroute-props': { code: 'new TlsRoute(chart, \'db\', { gateway, hostnames: [\'db.example.com\'], backends: [{ service: ExposedService.fromName(chart, \'db\', \'db\', { ports: [{ port: 5432 }] }), port: 5433 }] })' },
  'httproute-backend-reference-port': { code: 'new HttpRoute(chart, \'route\', { gateway, rules: [{ service: ExposedService.fromName(chart, \'api\', \'api\', { ports: [{ port: 80 }] }), port: 8080 }] })' },
});
