import { GRANT, HTTP_LISTENER, gatewayObject, httpRouteObject, serviceObject } from './example-objects';
import { declaredOutside, missingService } from './external-services';
import { GATEWAY_GROUP, hostnamesIntersect } from './gateway-shared';
import { matchPath, routeRules, ruleMatches } from './http-route';
import { checkServicePortRef } from './ingress';
import { FindingType, Issue, Severity, issue, warning } from '../model/finding';
import { hasOwnNamespace, namespaceOf } from '../model/object';
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

/** A parentRef of a route, with its parent's kind and namespace. */
export interface RouteParentRef {
  readonly ref: PlainMap;
  readonly field: string;
  readonly namespace: string;
  /** `Gateway`, or another kind registered with `defineRouteParent` (`ListenerSet`). */
  readonly kind: string;
}

/**
 * A kind routes attach to through parentRefs, in the Gateway API group: Gateway, and any kind
 * whose module registers it (ListenerSet). A route attaches to the listeners of its direct parent
 * exactly as to a Gateway's (sectionName, port, allowedRoutes, hostnames: GEP-1713).
 */
export interface RouteParent {
  /** The kind, e.g. `ListenerSet`. */
  readonly kind: string;
  /** The listeners of an object of the kind, as the attachment checks read them. */
  readonly listeners: (manifest: unknown) => ListenerView[];
}

const PARENTS = new Map<string, RouteParent>([['Gateway', { kind: 'Gateway', listeners: m => listenerViews(m) }]]);
/** The kinds lists of the wiring rules that read parents, so that a parent kind registered later is listed in them. */
const PARENT_READERS: string[][] = [];

/** @internal Registers a kind routes attach to; its module calls it beside `defineKind`. */
export function defineRouteParent(parent: RouteParent): void {
  if (PARENTS.has(parent.kind)) throw new Error(`route parent ${parent.kind} is registered twice`);
  PARENTS.set(parent.kind, parent);
  for (const kinds of PARENT_READERS) kinds.push(parent.kind);
}

/** The kinds of a wiring rule that reads a route kind and its parents. */
function withParents(info: RuleInfo): RuleInfo {
  PARENT_READERS.push(info.kinds);
  return info;
}

/** The parentRefs of a route that name a kind routes attach to (a Gateway, a ListenerSet), with the parent's namespace; refs to other kinds are left alone. */
export function routeParentRefs(route: unknown): RouteParentRef[] {
  const ns = namespaceOf(route);
  return list(obj(obj(route).spec).parentRefs).map(obj)
    .map((ref, i) => ({ ref, field: `spec.parentRefs[${i}]`, namespace: typeof ref.namespace === 'string' ? ref.namespace : ns, kind: text(ref.kind ?? 'Gateway') }))
    .filter(p => (p.ref.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && PARENTS.has(p.kind) && typeof p.ref.name === 'string');
}

/** The parentRefs of a route that name a Gateway, with the Gateway's namespace. */
export function gatewayParentRefs(route: unknown): RouteParentRef[] {
  return routeParentRefs(route).filter(p => p.kind === 'Gateway');
}

/** The listeners of a parent object of a registered parent kind. */
function parentListeners(kind: string, manifest: unknown): ListenerView[] {
  return PARENTS.get(kind)!.listeners(manifest);
}

/** The listener protocols each route kind attaches to, as its `defineRouteWiring` declares them (HTTPRoute: HTTP and HTTPS). */
const ROUTE_PROTOCOLS = new Map<string, readonly string[]>();

function protocolsOf(kind: string): readonly string[] {
  return ROUTE_PROTOCOLS.get(kind) ?? ['HTTP', 'HTTPS'];
}

/** Whether a listener's allowedRoutes.kinds admits a route kind (unset: the kinds of its protocol, which hold it). */
function admitsKind(l: ListenerView, kind: string): boolean {
  return l.kinds === undefined || list(l.kinds).map(obj).some(k => k.kind === kind && (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP);
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
  listeners: readonly ListenerView[], kind: string = 'HTTPRoute', parentKind: string = 'Gateway'): Array<{ check: AttachmentCheck; issue: Issue }> {
  const out: Array<{ check: AttachmentCheck; issue: Issue }> = [];
  const routeNs = namespaceOf(route);
  const gw = `${parentKind} ${gatewayNs}/${gatewayName}`;
  const protocols = protocolsOf(kind);
  let candidates = listeners.filter(l => protocols.includes(text(l.protocol)));
  if (ref.sectionName !== undefined) {
    candidates = candidates.filter(l => l.name === ref.sectionName);
    if (candidates.length === 0) {
      const names = listSome(listeners, l => `${l.name} (${l.protocol})`) || 'none';
      out.push({ check: 'section', issue: issue(`${field}.sectionName`, `${show(ref.sectionName)} names no ${protocols.join(' or ')} listener of ${gw} (listeners: ${names}), so the ${kind} never attaches`, 'name one of its listeners, or leave sectionName out to attach to all') });
      return out;
    }
    if (!candidates.some(l => admitsKind(l, kind))) {
      out.push({ check: 'section', issue: issue(`${field}.sectionName`, `the listener ${show(ref.sectionName)} of ${gw} admits no ${kind} (allowedRoutes.kinds), so the route never attaches (NotAllowedByListeners)`, `add { kind: ${kind} } to the listener's allowedRoutes.kinds, or name another listener`) });
      return out;
    }
  }
  // only core protocols: which routes a domain-prefixed protocol takes is up to the implementation
  const core = listeners.every(l => ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'].includes(text(l.protocol)));
  if (ref.sectionName === undefined && listeners.length > 0 && core && candidates.length === 0 && typeof ref.port !== 'number') {
    const names = listeners.map(l => `${l.name} (${l.protocol})`).join(', ');
    out.push({ check: 'section', issue: issue(field, `${gw} has no ${protocols.join(' or ')} listener (listeners: ${names}), so the ${kind} never attaches`, `add a ${protocols[0]} listener, or attach the route to another Gateway`) });
    return out;
  }
  candidates = candidates.filter(l => admitsKind(l, kind));
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
 * route serves there: listeners of the route kind's protocols, sectionName and port, admitting the kind
 * and the route's namespace (a Selector is not known here, so not counted), whose hostname
 * intersects the route's.
 */
function attachedListeners(kind: string, routeHosts: readonly string[], ref: { readonly [key: string]: any }, routeNs: string, gatewayNs: string,
  listeners: readonly ListenerView[]): Array<{ readonly name: string; readonly hosts: string[] }> {
  return listeners.filter(l => protocolsOf(kind).includes(text(l.protocol))
    && (ref.sectionName === undefined || l.name === ref.sectionName)
    && (typeof ref.port !== 'number' || l.port === ref.port)
    && admitsKind(l, kind)
    && ((l.from ?? 'Same') === 'All' || ((l.from ?? 'Same') === 'Same' && routeNs === gatewayNs)))
    .map(l => {
      const lh = typeof l.hostname === 'string' ? l.hostname : undefined;
      const hosts = routeHosts.length === 0 ? [lh ?? '*']
        : routeHosts.filter(h => lh === undefined || hostnamesIntersect(lh, h)).map(h => (lh === undefined ? h : narrower(h, lh)));
      return { name: text(l.name), hosts };
    })
    .filter(l => l.hosts.length > 0);
}

/**
 * What the wiring rules read of a route kind: its rules and their matches. HTTPRoute and GRPCRoute
 * (and any later kind with the same wiring, by the Gateway API specification) define their wiring
 * rules with `defineRouteWiring`, in their own module.
 */
export interface RouteWiring {
  /** The route kind, e.g. `GRPCRoute`. */
  readonly kind: string;
  /** The rule-id prefix of the kind, e.g. `grpcroute`. */
  readonly prefix: string;
  /** Whether the kind has spec.hostnames (TCPRoute and UDPRoute have none: no hostname rule). Default true. */
  readonly hostnames?: boolean;
  /** What the Gateway does with a request whose backend is missing (default: "the Gateway answers 500"). */
  readonly unresolved?: string;
  /** The listener protocols the kind attaches to, e.g. `['HTTP', 'HTTPS']`, `['TLS']`. */
  readonly protocols: readonly string[];
  /** The rules of a route, with their paths (CRD defaults applied). */
  readonly rules: (route: unknown) => ReadonlyArray<{ readonly rule: PlainMap; readonly field: string }>;
  /** The matches of a rule: a comparable key, the match's path, and how a finding names it. */
  readonly matches: (rule: PlainMap, field: string) => ReadonlyArray<{ readonly key: string; readonly field: string; readonly what: string }>;
}

/** The wiring rules of a route kind, by check. */
export interface RouteWiringRules {
  readonly sectionName: RuleInfo;
  readonly namespaceAllowed: RuleInfo;
  readonly hostnameListener?: RuleInfo;
  readonly backendService: RuleInfo;
  readonly backendPort: RuleInfo;
  readonly referenceGrant: RuleInfo;
  readonly conflict: RuleInfo;
}

/** Every Service backendRef of the routes of a kind (rules, and request mirrors), with its Service looked up. */
function routeServiceBackends<R>(set: ObjectSet<R>, w: RouteWiring,
  each: (r: Subject<R>, field: string, ref: PlainMap, ns: string, target: Subject<R> | undefined, outside: boolean) => void): void {
  for (const r of set.ofKind(w.kind)) {
    const routeNs = set.namespaceOf(r);
    const outside = declaredOutside(r.manifest);
    for (const { rule, field } of w.rules(r.manifest)) {
      list(rule.backendRefs).map(obj).forEach((b, i) => {
        if ((b.group ?? '') !== '' || (b.kind ?? 'Service') !== 'Service' || typeof b.name !== 'string') return;
        const ns = typeof b.namespace === 'string' ? b.namespace : routeNs;
        each(r, `${field}.backendRefs[${i}]`, b, ns, set.service(ns, b.name), outside.has(b.name) || outside.has(`${ns}/${b.name}`));
      });
    }
  }
}

/** Whether a ReferenceGrant admits routes of a kind from a namespace to a Service by name. */
export function grants(grant: unknown, fromNs: string, serviceName: string, kind: string = 'HTTPRoute'): boolean {
  const spec = obj(obj(grant).spec);
  const from = list(spec.from).map(obj).some(f => f.group === GATEWAY_GROUP && f.kind === kind && f.namespace === fromNs);
  const to = list(spec.to).map(obj).some(t => (t.group ?? '') === '' && t.kind === 'Service' && (t.name === undefined || t.name === '' || t.name === serviceName));
  return from && to;
}

function routeConflicts<R>(w: RouteWiring, set: ObjectSet<R>, ctx: AppContext<R>, add: AddFinding<R>): void {
  const claims = new Map<string, Claim<R>>();
  for (const r of set.ofKind(w.kind)) {
    const routeNs = set.namespaceOf(r);
    const hostnames = list(obj(obj(r.manifest).spec).hostnames).filter((h): h is string => typeof h === 'string');
    for (const p of routeParentRefs(r.manifest)) {
      const g = set.named(p.kind, p.namespace, p.ref.name);
      // a parent outside the set: its listeners are unknown, so the same parentRef stands for the same listeners
      const listeners = g === undefined
        ? [{ name: `${text(p.ref.sectionName ?? '*')}:${text(p.ref.port ?? '*')}`, hosts: hostnames.length ? hostnames : ['*'] }]
        : attachedListeners(w.kind, hostnames, p.ref, routeNs, p.namespace, parentListeners(p.kind, g.manifest));
      for (const l of listeners) {
        for (const { rule, field } of w.rules(r.manifest)) {
          for (const m of w.matches(rule, field)) {
            for (const host of l.hosts) {
              const k = key(w.kind, p.kind, p.namespace, p.ref.name, l.name, host, m.key);
              if (claims.get(k)?.parties.some(x => x.subject === r)) continue;
              const on = g === undefined ? `${p.kind} ${p.namespace}/${p.ref.name}` : `listener ${show(l.name)} of ${p.kind} ${p.namespace}/${p.ref.name}`;
              claim(claims, k, `host ${show(host)} ${m.what} on ${on}`, { subject: r, field: m.field });
            }
          }
        }
      }
    }
  }
  reportClaims(set, claims, ctx, add, (field, what, others) => warning(field, `${what} is also claimed by ${others}; the Gateway resolves the conflict deterministically (the oldest route wins, then the first by namespace/name), so all but one never serve it`,
    'route each hostname and match once per listener'));
}

/**
 * Defines the wiring rules of a route kind: attachment (sectionName and port, allowedRoutes kinds
 * and namespaces, hostnames), the backend Service and port, the ReferenceGrant across namespaces,
 * and conflicts (warnings). Rule ids are `<prefix>-section-name` and so on.
 */
export function defineRouteWiring(w: RouteWiring): RouteWiringRules {
  const { kind, prefix } = w;
  ROUTE_PROTOCOLS.set(kind, w.protocols);
  const attachmentRule = (check: AttachmentCheck, def: RuleBasics): RuleInfo =>
    withParents(defineRule({ scope: 'app', kinds: [kind, ...PARENTS.keys()], ...def }, (set, _, add) => {
      for (const r of set.ofKind(kind)) {
        for (const p of routeParentRefs(r.manifest)) {
          // two different parents of one name are object-name-unique's finding: the wiring picks neither
          const g = set.named(p.kind, p.namespace, p.ref.name);
          if (g === undefined) continue;
          const listeners = parentListeners(p.kind, g.manifest);
          for (const found of attachmentIssues(r.manifest, p.ref, p.field, p.namespace, p.ref.name, listeners, kind, p.kind)) {
            if (found.check === check) add(r.ref, found.issue);
          }
        }
      }
    }));
  const protocols = w.protocols.join(' or ');
  const sectionName = attachmentRule('section', {
    id: `${prefix}-section-name`,
    type: FindingType.NOT_FOUND,
    summary: `a parentRef sectionName names an ${protocols} listener of its Gateway (or ListenerSet) that admits ${kind}s`,
    prevents: 'a route that never attaches: the Gateway reports Accepted=False (NoMatchingParent, or NotAllowedByListeners when allowedRoutes.kinds leaves the kind out) and no traffic reaches it',
  });
  const namespaceAllowed = attachmentRule('namespace', {
    id: `${prefix}-namespace-allowed`,
    type: FindingType.FORBIDDEN,
    summary: `a ${kind} in another namespace than its Gateway attaches only to listeners whose allowedRoutes admit it`,
    prevents: 'a route that never attaches: listeners admit routes of their own namespace by default (NotAllowedByListeners)',
  });
  const hostnameListener = w.hostnames === false ? undefined : attachmentRule('hostname', {
    id: `${prefix}-hostname-listener`,
    summary: `a ${kind}'s hostnames intersect a hostname of a listener it attaches to`,
    prevents: 'a route that never attaches: no listener hostname intersects the route hostnames (NoMatchingListenerHostname)',
  });
  const backendService = defineRule({
    scope: 'app',
    id: `${prefix}-backend-service`,
    type: FindingType.UNRESOLVED,
    kinds: [kind, 'Service'],
    severity: Severity.WARNING,
    summary: `a ${kind} backend names a Service of the checked set, or one declared outside it`,
    prevents: 'a route that answers errors until its Service exists (ResolvedRefs=False, BackendNotFound)',
  }, (set, _, add) => routeServiceBackends(set, w, (r, field, b, ns, target, outside) => {
    if (target !== undefined || outside || set.has('Service', ns, b.name)) return;
    add(r.ref, missingService(`${field}.name`, b.name, ns, w.unresolved ?? 'the Gateway answers 500'));
  }));
  const backendPort = defineRule({
    scope: 'app',
    id: `${prefix}-backend-port`,
    type: FindingType.NOT_FOUND,
    kinds: [kind, 'Service'],
    summary: `a ${kind} backend port is a port of its Service`,
    prevents: 'a route to a port the Service does not have: no endpoints, the Gateway answers with an error',
  }, (set, ctx, add) => routeServiceBackends(set, w, (r, field, b, _ns, target) => {
    if (target === undefined || typeof b.port !== 'number') return;
    const ports = set.servicePorts(target);
    for (const i of checkServicePortRef(`${field}.port`, text(b.name), b.port, ports, ` (${ctx.describe(target.ref)})`)) add(r.ref, i);
  }));
  const referenceGrant = defineRule({
    scope: 'app',
    id: `${prefix}-reference-grant`,
    type: FindingType.FORBIDDEN,
    kinds: [kind, 'ReferenceGrant'],
    summary: 'a backend in another namespace is admitted by a ReferenceGrant in the backend\'s namespace',
    prevents: 'a backend the Gateway refuses to resolve: without a ReferenceGrant the route gets ResolvedRefs=False (RefNotPermitted) and answers with an error',
  }, (set, _, add) => {
    const byNs = new Map<string, unknown[]>();
    for (const g of set.ofKind('ReferenceGrant')) {
      const ns = set.namespaceOf(g);
      const found = byNs.get(ns);
      if (found) found.push(g.manifest); else byNs.set(ns, [g.manifest]);
    }
    routeServiceBackends(set, w, (r, field, b, ns, _target, outside) => {
      const routeNs = set.namespaceOf(r);
      if (ns === routeNs) return;
      if ((byNs.get(ns) ?? []).some(g => grants(g, routeNs, b.name, kind))) return;
      if (outside) {
        // the annotation declares that the Service exists elsewhere, not that its grant does
        const grant = `a ReferenceGrant in ${show(ns)} from { group: ${GATEWAY_GROUP}, kind: ${kind}, namespace: ${routeNs} } to { group: "", kind: Service, name: ${b.name} }`;
        add(r.ref, warning(`${field}.namespace`, `the backend Service ${show(b.name)} in namespace ${show(ns)} is declared outside the checked manifests, but its ReferenceGrant is not in them: the Gateway refuses the reference (RefNotPermitted) unless ${grant} exists`,
          `apply that ReferenceGrant in ${show(ns)}; if this App owns ${show(ns)}, set emitReferenceGrant: true on ExposedService.fromName`));
        return;
      }
      const found = issue(`${field}.namespace`, `the backend Service ${show(b.name)} is in namespace ${show(ns)}, but this route is in ${show(routeNs)}, and no ReferenceGrant in ${show(ns)} admits ${kind}s of ${show(routeNs)}; the Gateway refuses the reference (RefNotPermitted)`,
        `add a ReferenceGrant in ${show(ns)} from { group: ${GATEWAY_GROUP}, kind: ${kind}, namespace: ${routeNs} } to { group: "", kind: Service }`);
      // a route without a namespace is in the namespace it is applied into: applied into the backend's, it needs no grant
      add(r.ref, hasOwnNamespace(r.manifest) ? found : {
        ...found,
        message: `${found.message}, if the route is applied into ${show(routeNs)} (it names no namespace of its own; applied with -n ${text(ns)} it needs no grant)`,
        severity: Severity.WARNING,
      });
    });
  });
  const conflict = withParents(defineRule({
    scope: 'app',
    id: `${prefix}-conflict`,
    type: FindingType.CONFLICT,
    kinds: [kind, ...PARENTS.keys()],
    severity: Severity.WARNING,
    summary: `two ${kind}s attached to one listener do not claim the same hostname and match`,
    prevents: 'a route that silently loses: the Gateway API keeps the oldest route (then namespace/name) and accepts both, so the other never serves the match; only routes attaching to the same listener (parentRefs port and sectionName, listener hostname, allowedRoutes) compete',
  }, (set, ctx, add) => routeConflicts(w, set, ctx, add)));
  return { sectionName, namespaceAllowed, hostnameListener, backendService, backendPort, referenceGrant, conflict };
}

const HTTP_ROUTE_WIRING = defineRouteWiring({
  kind: 'HTTPRoute',
  prefix: 'httproute',
  protocols: ['HTTP', 'HTTPS'],
  rules: routeRules,
  matches: (rule, field) => ruleMatches(rule, field).map(m => {
    const path = matchPath(m.match);
    return { key: matchKey(m.match), field: m.field, what: `${text(path.type)} ${show(path.value)}${m.match.method ? ` ${text(m.match.method)}` : ''}` };
  }),
});

export const httpRouteSectionName = HTTP_ROUTE_WIRING.sectionName;
export const httpRouteNamespaceAllowed = HTTP_ROUTE_WIRING.namespaceAllowed;
export const httpRouteHostnameListener = HTTP_ROUTE_WIRING.hostnameListener!;

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
