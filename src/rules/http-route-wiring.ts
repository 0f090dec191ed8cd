import { GRANT, HTTP_LISTENER, gatewayObject, httpRouteObject, serviceObject } from './example-objects';
import { declaredOutside, missingService } from './external-services';
import { GATEWAY_GROUP, hostnamesIntersect } from './gateway-shared';
import { matchPath, routeRules, ruleMatches } from './http-route';
import { checkServicePortRef } from './ingress';
import { FindingType, Issue, Severity, issue, warning } from '../model/finding';
import { namespaceOf, metadataOf, hasOwnNamespace } from '../model/object';
import { ObjectSet, Subject, AddFinding, AppContext, Claim, claim, reportClaims } from '../model/object-set';
import { key, list, obj, show, text, listSome } from '../model/plain';
import { RuleInfo, defineRule, RuleBasics, ruleExamples } from '../model/rule';

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
  /** allowedRoutes.kinds: the route kinds admitted (unset: those of the protocol, HTTPRoute for HTTP and HTTPS). */
  readonly kinds?: unknown;
}

/** The listeners of a Gateway manifest as the attachment checks read them. */
export function listenerViews(gateway: unknown): ListenerView[] {
  return list(obj(obj(gateway).spec).listeners).map(obj).map(l => ({
    name: l.name,
    protocol: l.protocol,
    port: l.port,
    hostname: l.hostname,
    from: obj(obj(obj(l.allowedRoutes).namespaces)).from,
    kinds: obj(l.allowedRoutes).kinds,
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
  return defineRule({ scope: 'app', kinds: ['HTTPRoute', 'Gateway'], ...def }, (set, _, add) => {
    for (const r of set.ofKind('HTTPRoute')) {
      for (const p of gatewayParentRefs(r.manifest)) {
        const g = set.named('Gateway', p.namespace, p.ref.name);
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
    const routeNs = set.namespaceOf(r);
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
  if (target !== undefined || outside || set.has('Service', ns, b.name)) return;
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
    const ns = set.namespaceOf(g);
    const found = byNs.get(ns);
    if (found) found.push(g.manifest); else byNs.set(ns, [g.manifest]);
  }
  routeServiceBackends(set, (r, field, b, ns, _target, outside) => {
    const routeNs = set.namespaceOf(r);
    if (ns === routeNs) return;
    if ((byNs.get(ns) ?? []).some(g => grants(g, routeNs, b.name))) return;
    const grant = `a ReferenceGrant in ${show(ns)} from { group: ${GATEWAY_GROUP}, kind: HTTPRoute, namespace: ${routeNs} } to { group: "", kind: Service, name: ${b.name} }`;
    if (outside) {
      // the annotation declares that the Service exists elsewhere, not that its grant does
      add(r.ref, warning(`${field}.namespace`, `the backend Service ${show(b.name)} in namespace ${show(ns)} is declared outside the checked manifests, but its ReferenceGrant is not in them: the Gateway refuses the reference (RefNotPermitted) unless ${grant} exists`,
        `apply that ReferenceGrant in ${show(ns)}; if this App owns ${show(ns)}, set emitReferenceGrant: true on ExposedService.fromName`));
      return;
    }
    const found = issue(`${field}.namespace`, `the backend Service ${show(b.name)} is in namespace ${show(ns)}, but this route is in ${show(routeNs)}, and no ReferenceGrant in ${show(ns)} admits HTTPRoutes of ${show(routeNs)}; the Gateway refuses the reference (RefNotPermitted)`,
      `add a ReferenceGrant in ${show(ns)} from { group: ${GATEWAY_GROUP}, kind: HTTPRoute, namespace: ${routeNs} } to { group: "", kind: Service }`);
    // a route without a namespace is in the namespace it is applied into: applied into the backend's, it needs no grant
    add(r.ref, hasOwnNamespace(r.manifest) ? found : {
      ...found,
      message: `${found.message}, if the route is applied into ${show(routeNs)} (it names no namespace of its own; applied with -n ${text(ns)} it needs no grant)`,
      severity: Severity.WARNING,
    });
  });
});

/** The match of a route rule as a comparable key: path type and value, method, headers (sorted, names folded). */
function matchKey(match: PlainMap): string {
  const path = matchPath(match);
  const headers = list(match.headers).map(obj).map(h => `${text(h.name).toLowerCase()}=${text(h.type ?? 'Exact')}:${text(h.value)}`).sort();
  const query = list(match.queryParams).map(obj).map(q => `${q.name}=${q.type ?? 'Exact'}:${q.value}`).sort();
  return key(path.type, path.value, match.method ?? '', headers.join('&'), query.join('&'));
}

/** The narrower of two intersecting hostnames: what a route serves on a listener. */
function narrower(a: string, b: string): string {
  if (!a.startsWith('*.')) return a;
  if (!b.startsWith('*.')) return b;
  return a.length >= b.length ? a : b;
}

/**
 * The listeners a route certainly attaches to through one parentRef, each with the hostnames the
 * route serves there: HTTP and HTTPS listeners of the sectionName and port, admitting HTTPRoutes
 * and the route's namespace (a Selector is not known here, so not counted), whose hostname
 * intersects the route's.
 */
function attachedListeners(routeHosts: readonly string[], ref: { readonly [key: string]: any }, routeNs: string, gatewayNs: string,
  listeners: readonly ListenerView[]): Array<{ readonly name: string; readonly hosts: string[] }> {
  return listeners.filter(l => (l.protocol === 'HTTP' || l.protocol === 'HTTPS')
    && (ref.sectionName === undefined || l.name === ref.sectionName)
    && (typeof ref.port !== 'number' || l.port === ref.port)
    && (l.kinds === undefined || list(l.kinds).map(obj).some(k => k.kind === 'HTTPRoute' && (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP))
    && ((l.from ?? 'Same') === 'All' || ((l.from ?? 'Same') === 'Same' && routeNs === gatewayNs)))
    .map(l => {
      const lh = typeof l.hostname === 'string' ? l.hostname : undefined;
      const hosts = routeHosts.length === 0 ? [lh ?? '*']
        : routeHosts.filter(h => lh === undefined || hostnamesIntersect(lh, h)).map(h => (lh === undefined ? h : narrower(h, lh)));
      return { name: text(l.name), hosts };
    })
    .filter(l => l.hosts.length > 0);
}

function routeConflicts<R>(set: ObjectSet<R>, ctx: AppContext<R>, add: AddFinding<R>): void {
  const gateways = new Map<string, Subject<R>>();
  for (const g of set.ofKind('Gateway')) gateways.set(key(set.namespaceOf(g), metadataOf(g.manifest).name), g);
  const claims = new Map<string, Claim<R>>();
  for (const r of set.ofKind('HTTPRoute')) {
    const routeNs = set.namespaceOf(r);
    const hostnames = list(obj(obj(r.manifest).spec).hostnames).filter((h): h is string => typeof h === 'string');
    for (const p of gatewayParentRefs(r.manifest)) {
      const g = gateways.get(key(p.namespace, p.ref.name));
      // a Gateway outside the set: its listeners are unknown, so the same parentRef stands for the same listeners
      const listeners = g === undefined
        ? [{ name: `${text(p.ref.sectionName ?? '*')}:${text(p.ref.port ?? '*')}`, hosts: hostnames.length ? hostnames : ['*'] }]
        : attachedListeners(hostnames, p.ref, routeNs, p.namespace, listenerViews(g.manifest));
      for (const l of listeners) {
        for (const { rule, field } of routeRules(r.manifest)) {
          for (const m of ruleMatches(rule, field)) {
            for (const host of l.hosts) {
              const path = matchPath(m.match);
              const k = key(p.namespace, p.ref.name, l.name, host, matchKey(m.match));
              if (claims.get(k)?.parties.some(x => x.subject === r)) continue;
              const on = g === undefined ? `Gateway ${p.namespace}/${p.ref.name}` : `listener ${show(l.name)} of Gateway ${p.namespace}/${p.ref.name}`;
              claim(claims, k, `host ${show(host)} ${text(path.type)} ${show(path.value)}${m.match.method ? ` ${text(m.match.method)}` : ''} on ${on}`, { subject: r, field: m.field });
            }
          }
        }
      }
    }
  }
  reportClaims(set, claims, ctx, add, (field, what, others) => warning(field, `${what} is also claimed by ${others}; the Gateway resolves the conflict deterministically (the oldest route wins, then the first by namespace/name), so all but one never serve it`,
    'route each hostname and match once per listener'));
}

export const httpRouteConflict = defineRule({
  scope: 'app',
  id: 'httproute-conflict',
  type: FindingType.CONFLICT,
  kinds: ['HTTPRoute', 'Gateway'],
  severity: Severity.WARNING,
  summary: 'two HTTPRoutes attached to one listener do not claim the same hostname and match',
  prevents: 'a route that silently loses: the Gateway API keeps the oldest route (then namespace/name) and accepts both, so the other never serves the match; only routes attaching to the same listener (parentRefs port and sectionName, listener hostname, allowedRoutes) compete',
}, routeConflicts);

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'httproute-section-name': {
    objects: [gatewayObject([HTTP_LISTENER]), httpRouteObject({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }] })],
    valid: [gatewayObject([HTTP_LISTENER]), httpRouteObject({ parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }] })],
  },
  'httproute-namespace-allowed': {
    objects: [gatewayObject([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }]), httpRouteObject({})],
    valid: [gatewayObject([{ ...HTTP_LISTENER, allowedRoutes: { namespaces: { from: 'Same' } } }]), httpRouteObject({}, { namespace: 'infra' })],
  },
  'httproute-hostname-listener': {
    objects: [gatewayObject([HTTP_LISTENER]), httpRouteObject({ hostnames: ['app.example.org'] })],
    valid: [gatewayObject([HTTP_LISTENER]), httpRouteObject({ hostnames: ['app.example.com'] })],
  },
  'httproute-backend-service': {
    objects: [httpRouteObject({})],
    valid: [serviceObject({}), httpRouteObject({})],
  },
  'httproute-backend-port': {
    objects: [serviceObject({}), httpRouteObject({ rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })],
    valid: [serviceObject({}), httpRouteObject({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-reference-grant': {
    objects: [serviceObject({}, { namespace: 'shop' }), httpRouteObject({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }] })],
    valid: [serviceObject({}, { namespace: 'shop' }), httpRouteObject({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }] }), GRANT],
  },
  'httproute-conflict': {
    objects: [gatewayObject([HTTP_LISTENER]), httpRouteObject({}), httpRouteObject({}, { name: 'web-2' })],
    valid: [gatewayObject([HTTP_LISTENER]), httpRouteObject({}), httpRouteObject({ hostnames: ['api.example.com'] }, { name: 'web-2' })],
  },
});
