import { HTTP_LISTENER, gatewayObject } from './example-objects';
import { gatewayAllowedRoutes, gatewayHttpsCertificate, gatewayListenerFields, gatewayListenerTls, gatewayListenerUnique } from './gateway';
import { GATEWAY_GROUP, checkGroup, checkKind, checkRefName, checkRefNamespace } from './gateway-shared';
import { defineRouteParent, listenerViews } from './http-route-wiring';
import { FindingType, Issue, Severity, issue, warning } from '../model/finding';
import { defineKind } from '../model/kinds';
import { ObjectSet, Subject, AppContext, AddFinding, Claim, claim, reportClaims } from '../model/object-set';
import { key, list, obj, show, text } from '../model/plain';
import { CheckContext, ObjectRule, RuleBasics, defineRule, ruleExamples } from '../model/rule';

/*
 * ListenerSet (gateway.networking.k8s.io/v1, standard channel from bundle v1.5; v1.4 has only the
 * experimental XListenerSet of another group): listeners a team attaches to a Gateway it does not
 * own (GEP-1713). Its listeners are the Gateway's ListenerEntry (config/crd/standard at v1.5.1 and
 * v1.6.1: the same schema and CEL as Gateway listeners), so the Gateway's listener checks run on
 * them, over the bundles that serve the kind. Routes attach to its listeners exactly as to a
 * Gateway's (defineRouteParent); the Gateway must admit it (spec.allowedListeners, default None).
 */

/** ListenerSet: v1 from bundle v1.5. */
export const LISTENER_SET = defineKind({ kind: 'ListenerSet', group: GATEWAY_GROUP, versions: ['v1'], crd: true, checked: true, bundleSince: { v1: 5 } });

/** The first bundle whose standard channel has ListenerSet (and the Gateway's allowedListeners). */
const LISTENER_SET_FROM = 5;

/* Routes whose parentRef is a ListenerSet attach to its listeners, as to a Gateway's. */
defineRouteParent({ kind: LISTENER_SET.kind, listeners: listenerViews });

type Plain = { readonly [key: string]: any };

/** The context of a ListenerSet check: the bundles of the range that serve the kind (v1.5 on). */
function servingBundles(ctx: CheckContext): CheckContext {
  const min = Math.max(ctx.gatewayVersions.min, LISTENER_SET_FROM);
  return min > ctx.gatewayVersions.max ? ctx : { ...ctx, gatewayVersions: { min, max: ctx.gatewayVersions.max } };
}

/** A ListenerSet rule that runs a Gateway listener check on the ListenerSet's listeners (same paths, same schema). */
function listenerRule(def: RuleBasics, gatewayCheck: ObjectRule, adapt: (m: any, issues: Issue[]) => Issue[] = (_, i) => i) {
  return defineRule({ scope: 'object', kinds: [LISTENER_SET.kind], severity: gatewayCheck.info.severity, type: gatewayCheck.info.type, ...def },
    (m, ctx) => adapt(m, gatewayCheck.check(m, servingBundles(ctx))));
}

export const listenerSetParentRef = defineRule({
  scope: 'object',
  kinds: [LISTENER_SET.kind],
  id: 'listenerset-parent-ref',
  summary: 'a ListenerSet names its parent Gateway: parentRef with a name (1-253), and valid group, kind and namespace',
  prevents: 'CRD: parentRef required, name required minLength 1 maxLength 253, group Group pattern, kind Kind pattern, namespace Namespace pattern',
}, m => {
  const spec = obj(obj(m).spec);
  if (spec.parentRef === undefined || spec.parentRef === null) return [issue('spec.parentRef', 'parentRef is required: the Gateway the listeners attach to', 'add parentRef: { name: "<gateway>", namespace: "<its namespace>" }')];
  const p = obj(spec.parentRef);
  const f = 'spec.parentRef';
  return [...checkRefName(`${f}.name`, p.name, 'Gateway'), ...checkGroup(`${f}.group`, p.group), ...checkKind(`${f}.kind`, p.kind), ...checkRefNamespace(`${f}.namespace`, p.namespace)];
});

export const listenerSetListeners = listenerRule({
  id: 'listenerset-listeners',
  summary: 'listeners: 1-64, each with a valid name, port 1-65535, protocol and hostname; TCP and UDP take no hostname',
  prevents: 'CRD: listeners required, minItems 1 maxItems 64, name SectionName, port required 1-65535, protocol pattern, hostname Hostname pattern; CEL "hostname must not be specified for protocols [\'TCP\', \'UDP\']"',
}, gatewayListenerFields, (m, issues) => (obj(obj(m).spec).listeners === undefined
  ? [issue('spec.listeners', 'a ListenerSet needs at least one listener', 'add a listener, e.g. { name: "https", port: 443, protocol: "HTTPS", tls: { certificateRefs: [{ name: "cert" }] } }'), ...issues.filter(i => i.field !== 'spec.listeners')]
  : issues));

export const listenerSetListenerUnique = listenerRule({
  id: 'listenerset-listener-unique',
  summary: 'listener names are unique in the ListenerSet, and so is each combination of port, protocol and hostname',
  prevents: 'CRD CEL: "Listener name must be unique within the Gateway", "Combination of port, protocol and hostname must be unique for each listener"',
}, gatewayListenerUnique);

export const listenerSetListenerTls = listenerRule({
  id: 'listenerset-listener-tls',
  summary: 'HTTP, TCP and UDP listeners take no tls; HTTPS terminates TLS with certificateRefs or options; TLS sets its tls mode; at most 16 options',
  prevents: 'CRD CEL: "tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\']", "tls mode must be Terminate for protocol HTTPS", "tls mode must be set for protocol TLS", "certificateRefs or options must be specified when mode is Terminate"; certificateRefs maxItems 64, options maxProperties 16',
}, gatewayListenerTls);

export const listenerSetHttpsCertificate = listenerRule({
  id: 'listenerset-https-certificate',
  summary: 'an HTTPS listener of a ListenerSet has tls with a certificate',
  prevents: 'a listener that serves nothing: the CRD accepts HTTPS without tls, but the implementation cannot terminate TLS without a certificate',
}, gatewayHttpsCertificate);

export const listenerSetAllowedRoutes = listenerRule({
  id: 'listenerset-allowed-routes',
  summary: 'allowedRoutes.namespaces.from is All, Selector or Same; at most 8 route kinds, each with a kind',
  prevents: 'CRD: from enum All/Selector/Same, kinds maxItems 8 with Group/Kind formats, kind required',
}, gatewayAllowedRoutes);

/** The Gateway a ListenerSet names, when it is a Gateway of the set. */
function parentGateway<R>(set: ObjectSet<R>, ls: Subject<R>):
{ readonly gw: Subject<R> | undefined; readonly ns: string; readonly name: string } | undefined {
  const p = obj(obj(obj(ls.manifest).spec).parentRef);
  if ((p.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (p.kind ?? 'Gateway') !== 'Gateway' || typeof p.name !== 'string') return undefined;
  const ns = typeof p.namespace === 'string' ? p.namespace : set.namespaceOf(ls);
  return { gw: set.named('Gateway', ns, p.name), ns, name: p.name };
}

/** Whether a Gateway admits ListenerSets of a namespace: true, false, or undefined (a Selector: the namespace labels are not known here). */
function admits(gateway: unknown, gatewayNs: string, lsNs: string): boolean | undefined {
  const from = obj(obj(obj(obj(gateway).spec).allowedListeners).namespaces).from ?? 'None';
  if (from === 'All') return true;
  if (from === 'Same') return gatewayNs === lsNs;
  if (from === 'Selector') return undefined;
  return false;
}

export const listenerSetAllowed = defineRule({
  scope: 'app',
  id: 'listenerset-allowed',
  type: FindingType.FORBIDDEN,
  kinds: [LISTENER_SET.kind, 'Gateway'],
  summary: 'the parent Gateway admits the ListenerSet: spec.allowedListeners.namespaces.from is All, or Same with the ListenerSet in its namespace (None, the default, admits none)',
  prevents: 'listeners that never attach: a Gateway admits no ListenerSet by default, and one it does not select gets Accepted=False (NotAllowed); routes attached to it serve nothing',
}, (set, _, add) => {
  for (const ls of set.ofKind(LISTENER_SET.kind)) {
    const parent = parentGateway(set, ls);
    if (parent?.gw === undefined) continue;
    const lsNs = set.namespaceOf(ls);
    if (admits(parent.gw.manifest, parent.ns, lsNs) !== false) continue;
    const from = obj(obj(obj(obj(parent.gw.manifest).spec).allowedListeners).namespaces).from;
    add(ls.ref, issue('spec.parentRef', from === 'Same'
      ? `Gateway ${parent.ns}/${parent.name} admits ListenerSets of its own namespace only (allowedListeners.namespaces.from: Same), and this one is in ${show(lsNs)}: its listeners never attach (NotAllowed)`
      : `Gateway ${parent.ns}/${parent.name} admits no ListenerSet (allowedListeners.namespaces.from: ${from === undefined ? 'None, the default' : show(from)}): these listeners never attach (NotAllowed)`,
    `set spec.allowedListeners: { namespaces: { from: ${from === 'Same' ? 'All or Selector' : 'Same, Selector or All'} } } on the Gateway`));
  }
});

/** Listeners that share a port are distinct by hostname for HTTP, HTTPS and TLS, by nothing else for TCP and UDP (gateway_types.go, "Listener distinctness"). */
const HOST_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS'];

/** The listeners merged into a Gateway from itself and the ListenerSets it admits, each with its owner. */
function mergedListeners<R>(set: ObjectSet<R>): Map<string, Array<{ readonly s: Subject<R>; readonly l: Plain; readonly field: string }>> {
  const byGateway = new Map<string, Array<{ readonly s: Subject<R>; readonly l: Plain; readonly field: string }>>();
  const push = (gwKey: string, s: Subject<R>) => {
    const found = byGateway.get(gwKey) ?? [];
    list(obj(obj(s.manifest).spec).listeners).map(obj).forEach((l, i) => found.push({ s, l, field: `spec.listeners[${i}]` }));
    byGateway.set(gwKey, found);
  };
  for (const ls of set.ofKind(LISTENER_SET.kind)) {
    const parent = parentGateway(set, ls);
    if (parent?.gw === undefined || admits(parent.gw.manifest, parent.ns, set.namespaceOf(ls)) !== true) continue;
    const gwKey = key(parent.ns, parent.name);
    if (!byGateway.has(gwKey)) push(gwKey, parent.gw);
    push(gwKey, ls);
  }
  return byGateway;
}

export const listenerSetConflict = defineRule({
  scope: 'app',
  id: 'listenerset-conflict',
  type: FindingType.CONFLICT,
  severity: Severity.WARNING,
  kinds: [LISTENER_SET.kind, 'Gateway'],
  summary: 'a ListenerSet listener is distinct from the listeners of its Gateway and of the other ListenerSets it admits: not the same port, protocol and hostname, nor TCP beside HTTP, HTTPS or TLS on one port',
  prevents: 'a listener the Gateway does not program: the merged listeners of a Gateway and its ListenerSets must be distinct; the Gateway\'s own win, then the oldest ListenerSet, then by namespace/name, and the others are Conflicted (HostnameConflict, ProtocolConflict)',
}, <R>(set: ObjectSet<R>, ctx: AppContext<R>, add: AddFinding<R>) => {
  const claims = new Map<string, Claim<R>>();
  for (const [gwKey, listeners] of mergedListeners(set)) {
    // a port with a TCP listener and an HTTP, HTTPS or TLS one: each listener of the rarer side claims the port with the first of the other
    const firstOf = new Map<string, { readonly subject: Subject<R>; readonly field: string }>();
    for (const { s, l, field } of listeners) {
      const protocol = text(l.protocol);
      const distinctBy = HOST_PROTOCOLS.includes(protocol) ? text(l.hostname ?? '') : '';
      claim(claims, key('same', gwKey, l.port, protocol, distinctBy), `port ${show(l.port)}, protocol ${protocol}${distinctBy === '' ? '' : ` and hostname ${show(distinctBy)}`}`, { subject: s, field });
      const side = protocol === 'TCP' ? 'tcp' : HOST_PROTOCOLS.includes(protocol) ? 'l7' : undefined;
      if (side !== undefined && !firstOf.has(key(l.port, side))) firstOf.set(key(l.port, side), { subject: s, field });
    }
    for (const { s, l, field } of listeners) {
      const protocol = text(l.protocol);
      if (protocol !== 'TCP') continue;
      const other = firstOf.get(key(l.port, 'l7'));
      if (other === undefined) continue;
      const k = key('protocol', gwKey, l.port, field, s.kind, set.namespaceOf(s), text(obj(obj(s.manifest).metadata).name));
      claim(claims, k, `port ${show(l.port)} with TCP beside HTTP, HTTPS or TLS`, { subject: s, field });
      claim(claims, k, `port ${show(l.port)} with TCP beside HTTP, HTTPS or TLS`, other);
    }
  }
  // conflicts inside one object are listenerset-listener-unique's and gateway-listener-unique's errors
  const between = new Map([...claims].filter(([, c]) => new Set(c.parties.map(p => p.subject)).size > 1
    && c.parties.some(p => p.subject.kind === LISTENER_SET.kind)));
  reportClaims(set, between, ctx, add, (field, what, others) => warning(field, `${what} is also the listener ${others} on the same Gateway: listeners merged into a Gateway must be distinct; the Gateway's own win, then the oldest ListenerSet, and the others are Conflicted and serve nothing`,
    'use another port or hostname for this listener'));
});

const GW_ADMITTING = gatewayObject([HTTP_LISTENER], { allowedListeners: { namespaces: { from: 'All' } } });
const HTTPS_ENTRY = { name: 'shop', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'shop-cert' }] }, allowedRoutes: { namespaces: { from: 'Same' } } };
const listenerSet = (spec: any = {}, metadata: any = {}) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ListenerSet',
  metadata: { name: 'shop', namespace: 'shop', ...metadata },
  spec: { parentRef: { name: 'edge', namespace: 'infra' }, listeners: [HTTPS_ENTRY], ...spec },
});

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'listenerset-parent-ref': { objects: [listenerSet({ parentRef: { name: '' } })], valid: [listenerSet()] },
  'listenerset-listeners': { objects: [listenerSet({ listeners: [{ ...HTTPS_ENTRY, port: 0 }] })], valid: [listenerSet()] },
  'listenerset-listener-unique': { objects: [listenerSet({ listeners: [HTTPS_ENTRY, HTTPS_ENTRY] })], valid: [listenerSet({ listeners: [HTTPS_ENTRY, { ...HTTPS_ENTRY, name: 'shop-2', hostname: 'api.example.com' }] })] },
  'listenerset-listener-tls': {
    objects: [listenerSet({ listeners: [{ name: 'tls', port: 8443, protocol: 'TLS' }] })],
    valid: [listenerSet({ listeners: [{ name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } }] })],
  },
  'listenerset-https-certificate': { objects: [listenerSet({ listeners: [{ ...HTTPS_ENTRY, tls: undefined }] })], valid: [listenerSet()] },
  'listenerset-allowed-routes': {
    objects: [listenerSet({ listeners: [{ ...HTTPS_ENTRY, allowedRoutes: { namespaces: { from: 'None' } } }] })],
    valid: [listenerSet()],
  },
  'listenerset-allowed': { objects: [gatewayObject([HTTP_LISTENER]), listenerSet()], valid: [GW_ADMITTING, listenerSet()] },
  'listenerset-conflict': {
    objects: [gatewayObject([{ ...HTTPS_ENTRY, name: 'https' }], { allowedListeners: { namespaces: { from: 'All' } } }), listenerSet()],
    valid: [gatewayObject([{ ...HTTPS_ENTRY, name: 'https', hostname: 'www.example.com' }], { allowedListeners: { namespaces: { from: 'All' } } }), listenerSet()],
  },
});
