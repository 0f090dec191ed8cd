import { FindingType, Issue, Severity, issue } from '../model/finding';
import { namespaceOf, metadataOf } from '../model/object';
import { ObjectSet, Subject } from '../model/object-set';
import { key, list, obj, seenBefore, show, text, listSome } from '../model/plain';
import { RuleInfo, defineRule, RuleBasics } from '../model/rule';
import { declaredOutside, missingService } from './external-services';
import { GATEWAY_GROUP, hostnamesIntersect } from './gateway-shared';
import { matchPath, routeRules, ruleMatches } from './http-route';
import { checkServicePortRef } from './ingress';

/*
 * Gateway API wiring: HTTPRoutes attach to Gateways (parentRefs) and route to Services
 * (backendRefs), across namespaces only with a ReferenceGrant.
 */

type PlainMap = { readonly [key: string]: any };

/** A listener as the attachment checks read it. */
export interface ListenerView {
  readonly name?: unknown;
  readonly protocol?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  /** allowedRoutes.namespaces.from: Same (default), All or Selector. */
  readonly from?: unknown;
}

/** The listeners of a Gateway manifest as the attachment checks read them. */
export function listenerViews(gateway: unknown): ListenerView[] {
  return list(obj(obj(gateway).spec).listeners).map(obj).map(l => ({
    name: l.name,
    protocol: l.protocol,
    port: l.port,
    hostname: l.hostname,
    from: obj(obj(obj(l.allowedRoutes).namespaces)).from,
  }));
}

/** The parentRefs of an HTTPRoute that name a Gateway, with the Gateway's namespace. */
export function gatewayParentRefs(route: unknown): Array<{ readonly ref: PlainMap; readonly field: string; readonly namespace: string }> {
  const ns = namespaceOf(route);
  return list(obj(obj(route).spec).parentRefs).map(obj).map((ref, i) => ({ ref, field: `spec.parentRefs[${i}]`, namespace: typeof ref.namespace === 'string' ? ref.namespace : ns }))
    .filter(p => (p.ref.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && (p.ref.kind ?? 'Gateway') === 'Gateway' && typeof p.ref.name === 'string');
}

/** Which check an attachment issue belongs to. */
export type AttachmentCheck = 'section' | 'namespace' | 'hostname';

/**
 * Whether a route attaches to a Gateway's listeners through one parentRef: the sectionName
 * (and port) names a listener, a listener admits the route's namespace, and the route's
 * hostnames intersect a listener's. Pure: constructs run it on the listeners a
 * `Gateway.fromName` reference declares, the app rules on Gateways of the set.
 */
export function attachmentIssues(route: unknown, ref: PlainMap, field: string, gatewayNs: string, gatewayName: string,
  listeners: readonly ListenerView[]): Array<{ check: AttachmentCheck; issue: Issue }> {
  const out: Array<{ check: AttachmentCheck; issue: Issue }> = [];
  const routeNs = namespaceOf(route);
  const gw = `Gateway ${gatewayNs}/${gatewayName}`;
  let candidates = listeners.filter(l => l.protocol === 'HTTP' || l.protocol === 'HTTPS');
  if (ref.sectionName !== undefined) {
    candidates = candidates.filter(l => l.name === ref.sectionName);
    if (candidates.length === 0) {
      const names = listSome(listeners, l => `${l.name} (${l.protocol})`) || 'none';
      out.push({ check: 'section', issue: issue(`${field}.sectionName`, `${show(ref.sectionName)} names no HTTP or HTTPS listener of ${gw} (listeners: ${names}), so the route never attaches`, 'name one of its listeners, or leave sectionName out to attach to all') });
      return out;
    }
  }
  if (typeof ref.port === 'number') candidates = candidates.filter(l => l.port === ref.port);
  if (candidates.length === 0) return out;
  const admitted = candidates.filter(l => (l.from ?? 'Same') !== 'Same' || routeNs === gatewayNs);
  if (admitted.length === 0) {
    out.push({ check: 'namespace', issue: issue(field, `this route is in namespace ${show(routeNs)}, but the listeners of ${gw} admit routes of namespace ${show(gatewayNs)} only (allowedRoutes.namespaces.from: Same, the default), so the route never attaches`, 'set allowedRoutes to All (or Selector) on the listener, or move the route') });
    return out;
  }
  const hostnames = list(obj(obj(route).spec).hostnames).filter((h): h is string => typeof h === 'string');
  if (hostnames.length === 0) return out;
  const matched = admitted.some(l => typeof l.hostname !== 'string' || hostnames.some(h => hostnamesIntersect(l.hostname as string, h)));
  if (!matched) {
    const hosts = listSome(admitted, l => `${l.name}: ${l.hostname}`);
    out.push({ check: 'hostname', issue: issue('spec.hostnames', `none of ${listSome(hostnames, show)} intersects a listener hostname of ${gw} (${hosts}), so the route never attaches there`, 'use a hostname the listener serves, or widen the listener hostname') });
  }
  return out;
}

function attachmentRule(check: AttachmentCheck, def: RuleBasics): RuleInfo {
  return defineRule({
  scope: 'app', kinds: ['HTTPRoute', 'Gateway'], ...def }, (set, _, add) => {
    const gateways = new Map<string, Subject<unknown>>();
    for (const g of set.ofKind('Gateway')) gateways.set(key(namespaceOf(g.manifest), metadataOf(g.manifest).name), g);
    for (const r of set.ofKind('HTTPRoute')) {
      for (const p of gatewayParentRefs(r.manifest)) {
        const g = gateways.get(key(p.namespace, p.ref.name));
        if (g === undefined) continue;
        for (const found of attachmentIssues(r.manifest, p.ref, p.field, p.namespace, p.ref.name, listenerViews(g.manifest))) {
          if (found.check === check) add(r.ref, found.issue);
        }
      }
    }
  });
}

export const httpRouteSectionName = attachmentRule('section', {
  id: 'httproute-section-name',
  type: FindingType.NOT_FOUND,
  summary: 'a parentRef sectionName names an HTTP or HTTPS listener of its Gateway',
  prevents: 'a route that never attaches: the Gateway reports Accepted=False (NoMatchingParent) and no traffic reaches it',
});

export const httpRouteNamespaceAllowed = attachmentRule('namespace', {
  id: 'httproute-namespace-allowed',
  type: FindingType.FORBIDDEN,
  summary: 'a route in another namespace than its Gateway attaches only to listeners whose allowedRoutes admit it',
  prevents: 'a route that never attaches: listeners admit routes of their own namespace by default (NotAllowedByListeners)',
});

export const httpRouteHostnameListener = attachmentRule('hostname', {
  id: 'httproute-hostname-listener',
  summary: 'a route\'s hostnames intersect a hostname of a listener it attaches to',
  prevents: 'a route that never attaches: no listener hostname intersects the route hostnames (NoMatchingListenerHostname)',
});

/** Every Service backendRef of the HTTPRoutes (rules and request mirrors), with its Service looked up. */
function routeServiceBackends<R>(set: ObjectSet<R>,
  each: (r: Subject<R>, field: string, ref: PlainMap, ns: string, target: Subject<R> | undefined, outside: boolean) => void): void {
  for (const r of set.ofKind('HTTPRoute')) {
    const routeNs = namespaceOf(r.manifest);
    const outside = declaredOutside(r.manifest);
    for (const { rule, field } of routeRules(r.manifest)) {
      list(rule.backendRefs).map(obj).forEach((b, i) => {
        if ((b.group ?? '') !== '' || (b.kind ?? 'Service') !== 'Service' || typeof b.name !== 'string') return;
        const ns = typeof b.namespace === 'string' ? b.namespace : routeNs;
        each(r, `${field}.backendRefs[${i}]`, b, ns, set.service(ns, b.name), outside.has(b.name) || outside.has(`${ns}/${b.name}`));
      });
    }
  }
}

export const httpRouteBackendService = defineRule({
  scope: 'app',
  id: 'httproute-backend-service',
  type: FindingType.UNRESOLVED,
  kinds: ['HTTPRoute', 'Service'],
  severity: Severity.WARNING,
  summary: 'an HTTPRoute backend names a Service of the checked set, or one declared outside it',
  prevents: 'a route that answers 500 until its Service exists (ResolvedRefs=False, BackendNotFound)',
}, (set, _, add) => routeServiceBackends(set, (r, field, b, ns, target, outside) => {
  if (target !== undefined || outside) return;
  add(r.ref, missingService(`${field}.name`, b.name, ns, 'the Gateway answers 500'));
}));

export const httpRouteBackendPort = defineRule({
  scope: 'app',
  id: 'httproute-backend-port',
  type: FindingType.NOT_FOUND,
  kinds: ['HTTPRoute', 'Service'],
  summary: 'an HTTPRoute backend port is a port of its Service',
  prevents: 'a route to a port the Service does not have: no endpoints, the Gateway answers 500',
}, (set, ctx, add) => routeServiceBackends(set, (r, field, b, _ns, target) => {
  if (target === undefined || typeof b.port !== 'number') return;
  const ports = set.servicePorts(target);
  for (const i of checkServicePortRef(`${field}.port`, text(b.name), b.port, ports, ` (${ctx.describe(target.ref)})`)) add(r.ref, i);
}));

/** Whether a ReferenceGrant admits HTTPRoutes of a namespace to a Service by name. */
export function grants(grant: unknown, fromNs: string, serviceName: string): boolean {
  const spec = obj(obj(grant).spec);
  const from = list(spec.from).map(obj).some(f => f.group === GATEWAY_GROUP && f.kind === 'HTTPRoute' && f.namespace === fromNs);
  const to = list(spec.to).map(obj).some(t => (t.group ?? '') === '' && t.kind === 'Service' && (t.name === undefined || t.name === '' || t.name === serviceName));
  return from && to;
}

export const httpRouteReferenceGrant = defineRule({
  scope: 'app',
  id: 'httproute-reference-grant',
  type: FindingType.FORBIDDEN,
  kinds: ['HTTPRoute', 'ReferenceGrant'],
  summary: 'a backend in another namespace is admitted by a ReferenceGrant in the backend\'s namespace',
  prevents: 'a backend the Gateway refuses to resolve: without a ReferenceGrant the route gets ResolvedRefs=False (RefNotPermitted) and answers 500',
}, (set, _, add) => {
  const byNs = new Map<string, unknown[]>();
  for (const g of set.ofKind('ReferenceGrant')) {
    const ns = namespaceOf(g.manifest);
    const found = byNs.get(ns);
    if (found) found.push(g.manifest); else byNs.set(ns, [g.manifest]);
  }
  routeServiceBackends(set, (r, field, b, ns, _target, outside) => {
    const routeNs = namespaceOf(r.manifest);
    // a Service declared outside the set (`namespace/name` in the annotation): so is its ReferenceGrant
    if (ns === routeNs || outside) return;
    if ((byNs.get(ns) ?? []).some(g => grants(g, routeNs, b.name))) return;
    add(r.ref, issue(`${field}.namespace`, `the backend Service ${show(b.name)} is in namespace ${show(ns)}, but this route is in ${show(routeNs)}, and no ReferenceGrant in ${show(ns)} admits HTTPRoutes of ${show(routeNs)}; the Gateway refuses the reference (RefNotPermitted)`,
      `add a ReferenceGrant in ${show(ns)} from { group: ${GATEWAY_GROUP}, kind: HTTPRoute, namespace: ${routeNs} } to { group: "", kind: Service }`));
  });
});

/** The match of a route rule as a comparable key: path type and value, method, headers (sorted, names folded). */
function matchKey(match: PlainMap): string {
  const path = matchPath(match);
  const headers = list(match.headers).map(obj).map(h => `${text(h.name).toLowerCase()}=${text(h.type ?? 'Exact')}:${text(h.value)}`).sort();
  const query = list(match.queryParams).map(obj).map(q => `${q.name}=${q.type ?? 'Exact'}:${q.value}`).sort();
  return key(path.type, path.value, match.method ?? '', headers.join('&'), query.join('&'));
}

export const httpRouteConflict = defineRule({
  scope: 'app',
  id: 'httproute-conflict',
  type: FindingType.CONFLICT,
  kinds: ['HTTPRoute', 'Gateway'],
  summary: 'two HTTPRoutes on one Gateway do not claim the same hostname and match',
  prevents: 'a route that silently loses: the oldest route by creation time wins, which depends on apply order',
}, (set, ctx, add) => {
  const claimed = new Map<string, { ref: unknown; field: string }>();
  for (const r of set.ofKind('HTTPRoute')) {
    const hostnames = list(obj(obj(r.manifest).spec).hostnames).filter(h => typeof h === 'string');
    const hosts = hostnames.length ? hostnames : ['*'];
    const here = new Set<string>();
    for (const p of gatewayParentRefs(r.manifest)) {
      const gw = key(p.namespace, p.ref.name, p.ref.sectionName ?? '');
      for (const { rule, field } of routeRules(r.manifest)) {
        for (const m of ruleMatches(rule, field)) {
          for (const host of hosts) {
            const k = key(gw, host, matchKey(m.match));
            if (here.has(k)) continue;
            here.add(k);
            const first = seenBefore(claimed, k, { ref: r.ref, field: m.field });
            if (first === undefined || first.ref === r.ref) continue;
            const path = matchPath(m.match);
            add(r.ref, issue(m.field, `host ${show(host)} ${path.type} ${show(path.value)}${m.match.method ? ` ${m.match.method}` : ''} on Gateway ${p.namespace}/${p.ref.name} is already claimed by ${ctx.describe(first.ref as typeof r.ref)} at ${first.field}; the oldest route wins, which depends on apply order`, 'route each hostname and match once per Gateway'));
          }
        }
      }
    }
  }
});
