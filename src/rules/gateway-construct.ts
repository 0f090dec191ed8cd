import { FindingType } from '../model/finding';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * Rules only the HttpRoute construct can check: its typed props (a rule routes one way)
 * and the Services and Gateways it refers to by name, whose ports and listeners the
 * reference declares. Their checks live in src/http-route.ts.
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

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'httproute-rule-action': { code: 'route.addRule({ path: \'/\', service: web, backends: [{ service: canary, weight: 10 }] })' },
  'httproute-backend-reference-port': { code: 'new HttpRoute(chart, \'route\', { gateway, rules: [{ service: ExposedService.fromName(chart, \'api\', \'api\', { ports: [{ port: 80 }] }), port: 8080 }] })' },
});
