import { HTTP_LISTENER, gatewayObject, gatewayRouteObject, serviceObject } from './example-objects';
import { isIP } from './formats';
import { checkCount, checkInteger, checkSectionName, entries, isGatewayHostname } from './gateway-shared';
import { checkBackendRef, checkRouteParentRefs } from './http-route';
import { defineRouteWiring } from './http-route-wiring';
import { Issue, Severity, issue } from '../model/finding';
import { defineKind } from '../model/kinds';
import { list, obj, show } from '../model/plain';
import { CheckContext, defineRule, RuleBasics, ruleExamples } from '../model/rule';
import { gatewayRejectedBefore, gatewayRelaxedIn } from '../model/versions';

/*
 * The Gateway API route kinds of the standard channel beyond HTTP (config/crd/standard at v1.5.1
 * and v1.6.1): TLSRoute v1 is served from bundle v1.5, TCPRoute and UDPRoute v1 from v1.6 (before,
 * only the experimental channel serves them, as v1alpha2). An object of another version is a
 * warning: its fields are not checked. Their CRDs have no tests/cel cases upstream (v1.6.1): the
 * rows of test/rules/gateway-routes.test.ts are named after each CRD rule's message or bound.
 */

/** TLSRoute: v1 from bundle v1.5. */
export const TLS_ROUTE = defineKind({ kind: 'TLSRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], crd: true, checked: true, bundleSince: { v1: 5 } });
/** TCPRoute: v1 from bundle v1.6. */
export const TCP_ROUTE = defineKind({ kind: 'TCPRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], crd: true, checked: true, bundleSince: { v1: 6 } });
/** UDPRoute: v1 from bundle v1.6. */
export const UDP_ROUTE = defineKind({ kind: 'UDPRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], crd: true, checked: true, bundleSince: { v1: 6 } });

type Plain = { readonly [key: string]: any };

/** The first bundle whose TLSRoute allows 1024 hostnames (v1.5.1: maxItems 16). */
const TLS_HOSTNAMES_1024_FROM = 6;

/** The rules of an L4 route (no CRD default: rules are required). */
function l4Rules(route: unknown): Array<{ readonly rule: Plain; readonly field: string }> {
  return list(obj(obj(route).spec).rules).map((r, i) => ({ rule: obj(r), field: `spec.rules[${i}]` }));
}

function l4Rule(kind: string, def: RuleBasics, check: (route: any, spec: Plain, ctx: CheckContext) => Issue[]) {
  return defineRule({ scope: 'object', kinds: [kind], severity: Severity.ERROR, ...def }, (route, ctx) => check(route, obj(obj(route).spec), ctx));
}

/** rules: required, exactly one; its name a section name; backendRefs required, 1-16, each a valid backend with weight 0-1,000,000. */
function checkL4Rules(spec: Plain): Issue[] {
  const out = spec.rules === undefined ? [issue('spec.rules', 'rules is required: exactly one rule with its backendRefs', 'add rules: [{ backendRefs: [{ name, port }] }]')]
    : checkCount('spec.rules', spec.rules, 1, 1, 'rules');
  for (const { rule, field } of l4Rules({ spec })) {
    if (rule.name !== undefined && rule.name !== null) out.push(...checkSectionName(`${field}.name`, rule.name));
    if (rule.backendRefs === undefined) out.push(issue(`${field}.backendRefs`, 'backendRefs is required', 'name the backend Service and port'));
    else out.push(...checkCount(`${field}.backendRefs`, rule.backendRefs, 1, 16, 'backendRefs'));
    for (const { v, f } of entries(rule.backendRefs, `${field}.backendRefs`)) {
      out.push(...checkBackendRef(f, v), ...checkInteger(`${f}.weight`, v.weight, 0, 1000000, 'use a weight in 0-1,000,000 (default 1)'));
    }
  }
  return out;
}

/** TLSRoute hostnames: required, 1-1024 (16 before v1.6), the Hostname pattern, and the three CEL rules. */
function checkTlsHostnames(spec: Plain, ctx: CheckContext): Issue[] {
  if (spec.hostnames === undefined) return [issue('spec.hostnames', 'hostnames is required: the SNI names the route passes through', 'add hostnames, e.g. ["db.example.com"]')];
  const out = checkCount('spec.hostnames', spec.hostnames, 1, 1024, 'hostnames');
  const count = list(spec.hostnames).length;
  if (count > 16 && count <= 1024) {
    const severity = gatewayRelaxedIn(ctx, TLS_HOSTNAMES_1024_FROM);
    if (severity !== undefined) out.push({ field: 'spec.hostnames', message: `${count} hostnames: more than 16 are ${gatewayRejectedBefore(TLS_HOSTNAMES_1024_FROM)} (1024 from then on)`, fix: 'split the route while clusters run bundle v1.5', severity });
  }
  list(spec.hostnames).forEach((h, i) => {
    const f = `spec.hostnames[${i}]`;
    if (typeof h === 'string' && isIP(h)) {out.push(issue(f, `${show(h)}: Hostnames cannot contain an IP`, 'use the DNS name clients send as SNI'));} else if (typeof h === 'string' && h.includes('*') && isGatewayHostname(h)) {return;} else if (!isGatewayHostname(h)) {
      out.push(issue(f, typeof h === 'string' && h.includes('*')
        ? `${show(h)}: Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123`
        : `${show(h)}: Hostnames must be valid based on RFC-1123 (a lowercase DNS name of at most 253 characters)`, 'use e.g. "db.example.com" or "*.example.com"'));
    }
  });
  return out;
}

export const tlsRouteSpec = l4Rule(TLS_ROUTE.kind, {
  id: 'tlsroute-spec',
  summary: 'a TLSRoute has 1-1024 SNI hostnames (16 before v1.6; no IPs, wildcards only as the first label), valid parentRefs, and exactly one rule with 1-16 backendRefs',
  prevents: 'CRD: hostnames required, minItems 1, maxItems 1024 (16 in v1.5), Hostname pattern, CEL "Hostnames cannot contain an IP", "Hostnames must be valid based on RFC-1123", "Wildcards on hostnames must be the first label..."; parentRefs as HTTPRoute; rules required, minItems 1 maxItems 1, name SectionName, backendRefs required minItems 1 maxItems 16, CEL "Must have port for Service reference", weight 0-1000000',
}, (_, spec, ctx) => [...checkTlsHostnames(spec, ctx), ...checkRouteParentRefs(spec), ...checkL4Rules(spec)]);

export const tcpRouteSpec = l4Rule(TCP_ROUTE.kind, {
  id: 'tcproute-spec',
  summary: 'a TCPRoute has valid parentRefs and exactly one rule with 1-16 backendRefs',
  prevents: 'CRD: parentRefs as HTTPRoute; rules required, minItems 1 maxItems 1, name SectionName, backendRefs required minItems 1 maxItems 16, CEL "Must have port for Service reference", weight 0-1000000',
}, (_, spec) => [...checkRouteParentRefs(spec), ...checkL4Rules(spec)]);

export const udpRouteSpec = l4Rule(UDP_ROUTE.kind, {
  id: 'udproute-spec',
  summary: 'a UDPRoute has valid parentRefs and exactly one rule with 1-16 backendRefs',
  prevents: 'CRD: parentRefs as HTTPRoute; rules required, minItems 1 maxItems 1, name SectionName, backendRefs required minItems 1 maxItems 16, CEL "Must have port for Service reference", weight 0-1000000',
}, (_, spec) => [...checkRouteParentRefs(spec), ...checkL4Rules(spec)]);

/* Their wiring, HTTPRoute's by the specification: TLSRoutes attach to TLS listeners by SNI hostname, TCPRoutes to TCP, UDPRoutes to UDP listeners. */
const oneMatch = (_: Plain, field: string) => [{ key: '', field, what: 'every connection' }];
defineRouteWiring({ kind: TLS_ROUTE.kind, prefix: 'tlsroute', protocols: ['TLS'], rules: l4Rules, matches: oneMatch, unresolved: 'the Gateway refuses the connection' });
defineRouteWiring({ kind: TCP_ROUTE.kind, prefix: 'tcproute', protocols: ['TCP'], hostnames: false, rules: l4Rules, matches: oneMatch, unresolved: 'the Gateway refuses the connection' });
defineRouteWiring({ kind: UDP_ROUTE.kind, prefix: 'udproute', protocols: ['UDP'], hostnames: false, rules: l4Rules, matches: oneMatch, unresolved: 'the Gateway drops the datagrams' });

const TLS_LISTENER = { name: 'tls', port: 443, protocol: 'TLS', hostname: '*.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } };
const TCP_LISTENER = { name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } };
const UDP_LISTENER = { name: 'udp', port: 53, protocol: 'UDP', allowedRoutes: { namespaces: { from: 'All' } } };
const DB = serviceObject({ ports: [{ name: 'db', port: 5432 }] }, { name: 'db' });
const DNS = serviceObject({ ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }, { name: 'dns' });
const tls = (spec: any = {}, metadata: any = {}) => gatewayRouteObject('TLSRoute', { hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }], ...spec }, metadata);
const tcp = (spec: any = {}, metadata: any = {}) => gatewayRouteObject('TCPRoute', { rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }], ...spec }, metadata);
const udp = (spec: any = {}, metadata: any = {}) => gatewayRouteObject('UDPRoute', { rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }], ...spec }, metadata);
const grantFor = (kind: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'routes-to-shop', namespace: 'shop' },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind, namespace: 'default' }], to: [{ group: '', kind: 'Service' }] },
});

/** The examples of the wiring rules of an L4 route kind. */
function wiringExamples(prefix: string, route: (spec?: any, metadata?: any) => any, listener: any, service: any, port: number, kind: string) {
  const elsewhere = { ...service, metadata: { ...service.metadata, namespace: 'shop' } };
  const backend = [{ name: service.metadata.name, namespace: 'shop', port }];
  return {
    [`${prefix}-section-name`]: {
      objects: [gatewayObject([HTTP_LISTENER, listener]), service, route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }] })],
      valid: [gatewayObject([HTTP_LISTENER, listener]), service, route({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: listener.name }] })],
    },
    [`${prefix}-namespace-allowed`]: {
      objects: [gatewayObject([{ ...listener, allowedRoutes: { namespaces: { from: 'Same' } } }]), service, route()],
      valid: [gatewayObject([listener]), service, route()],
    },
    [`${prefix}-backend-service`]: { objects: [route()], valid: [service, route()] },
    [`${prefix}-backend-port`]: {
      objects: [service, route({ rules: [{ backendRefs: [{ name: service.metadata.name, port: port + 1 }] }] })],
      valid: [service, route()],
    },
    [`${prefix}-reference-grant`]: {
      objects: [elsewhere, route({ rules: [{ backendRefs: backend }] })],
      valid: [elsewhere, route({ rules: [{ backendRefs: backend }] }), grantFor(kind)],
    },
    [`${prefix}-conflict`]: {
      objects: [gatewayObject([listener]), service, route(), route({}, { name: 'web-2' })],
      valid: [gatewayObject([listener]), service, route(), route({ parentRefs: [{ name: 'other', namespace: 'infra' }] }, { name: 'web-2' })],
    },
  };
}

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'tlsroute-spec': { objects: [tls({ hostnames: ['10.0.0.1'] })], valid: [tls()] },
  'tcproute-spec': { objects: [tcp({ rules: [{ backendRefs: [{ name: 'db' }] }] })], valid: [tcp()] },
  'udproute-spec': { objects: [udp({ rules: [] })], valid: [udp()] },
  ...wiringExamples('tlsroute', tls, TLS_LISTENER, DB, 5432, 'TLSRoute'),
  'tlsroute-hostname-listener': {
    objects: [gatewayObject([TLS_LISTENER]), DB, tls({ hostnames: ['db.example.org'] })],
    valid: [gatewayObject([TLS_LISTENER]), DB, tls()],
  },
  ...wiringExamples('tcproute', tcp, TCP_LISTENER, DB, 5432, 'TCPRoute'),
  ...wiringExamples('udproute', udp, UDP_LISTENER, DNS, 53, 'UDPRoute'),
});
