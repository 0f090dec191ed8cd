import { FindingType, Severity, issue } from '../model/finding';
import { namespaceOf } from '../model/object';
import { ObjectSet, Subject } from '../model/object-set';
import { Plain, key, obj, seenBefore, show, text } from '../model/plain';
import { defineRule } from '../model/rule';
import { declaredOutside, missingService } from './external-services';
import { checkServicePortRef, ingressBackends, ingressRules, rulePaths } from './ingress';

/*
 * Ingress wiring across objects: each route claimed once, backends that name Services of the
 * set and their ports.
 */

export const ingressRouteConflict = defineRule({
  scope: 'app',
  id: 'ingress-route-conflict',
  type: FindingType.CONFLICT,
  kinds: ['Ingress'],
  summary: 'a host, path and pathType is routed once across all Ingresses',
  prevents: 'controllers resolving a duplicate route silently and differently (the oldest wins, or an admission webhook rejects the second)',
}, (set, ctx, add) => {
  const routes = new Map<string, { ref: unknown; field: string }>();
  for (const s of set.ofKind('Ingress')) {
    for (const r of ingressRules(s.manifest)) {
      for (const p of rulePaths(r.rule, r.field)) {
        const host = r.rule.host ?? '*';
        const first = seenBefore(routes, key(host, p.path.path ?? '', p.path.pathType), { ref: s.ref, field: p.field });
        if (first === undefined) continue;
        const where = first.ref === s.ref ? `${first.field} of this Ingress` : `${ctx.describe(first.ref as typeof s.ref)} at ${first.field}`;
        add(s.ref, issue(p.field, `host ${show(host)} path ${show(p.path.path ?? '')} (${p.path.pathType}) is already claimed by ${where}; controllers resolve this silently and differently`, 'route each host and path once'));
      }
    }
  }
});

/** Every Service backend of the Ingresses, with its Service looked up. */
type BackendVisitor<R> = (s: Subject<R>, field: string, svc: Plain, target: Subject<R> | undefined, outside: boolean) => void;

function ingressServiceBackends<R>(set: ObjectSet<R>, each: BackendVisitor<R>): void {
  for (const s of set.ofKind('Ingress')) {
    const ns = namespaceOf(s.manifest);
    const outside = declaredOutside(s.manifest);
    for (const b of ingressBackends(s.manifest)) {
      const svc = obj(obj(b.backend).service);
      if (typeof svc.name !== 'string') continue;
      each(s, b.field, svc, set.service(ns, svc.name), outside.has(svc.name));
    }
  }
}

export const ingressBackendService = defineRule({
  scope: 'app',
  id: 'ingress-backend-service',
  type: FindingType.UNRESOLVED,
  kinds: ['Ingress', 'Service'],
  severity: Severity.WARNING,
  summary: 'an Ingress backend names a Service of the checked set, or one declared outside it',
  prevents: 'a route that answers 503 until its Service exists',
}, (set, ctx, add) => ingressServiceBackends(set, (s, field, svc, target, outside) => {
  if (target !== undefined || outside || set.has('Service', namespaceOf(s.manifest), svc.name) || ctx.holdsService?.(s.ref, field)) return;
  add(s.ref, missingService(`${field}.service.name`, svc.name, namespaceOf(s.manifest), 'the controller answers 503'));
}));

export const ingressBackendPort = defineRule({
  scope: 'app',
  id: 'ingress-backend-port',
  type: FindingType.NOT_FOUND,
  kinds: ['Ingress', 'Service'],
  summary: 'an Ingress backend port is a port of its Service',
  prevents: 'a route to a port the Service does not have: the controller has no endpoints for it and answers 503',
}, (set, ctx, add) => ingressServiceBackends(set, (s, field, svc, target) => {
  const portRef = obj(svc.port).name ?? obj(svc.port).number;
  if (target === undefined || portRef === undefined || portRef === null || portRef === '' || portRef === 0) return;
  const ports = set.servicePorts(target);
  for (const i of checkServicePortRef(`${field}.service.port`, text(svc.name), portRef, ports, ` (${ctx.describe(target.ref)})`)) add(s.ref, i);
}));
