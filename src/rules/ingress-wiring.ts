import { ingressObject, ingressPath, serviceObject } from './example-objects';
import { declaredOutside, missingService } from './external-services';
import { CLASS_ANNOTATION, checkServicePortRef, ingressBackends, ingressRules } from './ingress';
import { FindingType, Severity, issue } from '../model/finding';
import { metadataOf } from '../model/object';
import { AddFinding, AppContext, Claim, ObjectSet, Subject, claim, reportClaims } from '../model/object-set';
import { Plain, key, obj, show, text } from '../model/plain';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * Ingress wiring across objects: each route claimed once, backends that name Services of the
 * set and their ports.
 */

/** ingress-nginx's canary annotation: a canary Ingress shares its primary's host and path on purpose. */
export const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';

/** The class an Ingress asks for: ingressClassName, else the legacy annotation, else '' (the default class). */
function ingressClass(ing: unknown): string {
  const cls = obj(obj(ing).spec).ingressClassName ?? obj(metadataOf(ing).annotations)[CLASS_ANNOTATION];
  return typeof cls === 'string' ? cls : '';
}

export const ingressRouteConflict = defineRule({
  scope: 'app',
  id: 'ingress-route-conflict',
  type: FindingType.CONFLICT,
  kinds: ['Ingress'],
  summary: 'a host, path and pathType is routed once across the Ingresses of one class (ingress-nginx canaries excepted)',
  prevents: 'controllers resolving a duplicate route silently and differently (the oldest wins, or an admission webhook rejects the second); Ingresses of different classes are served by different controllers, and a canary Ingress (nginx.ingress.kubernetes.io/canary: "true") shares its primary\'s route on purpose, as ingress-nginx\'s own overlap check allows',
}, ingressConflicts);

function ingressConflicts<R>(set: ObjectSet<R>, ctx: AppContext<R>, add: AddFinding<R>): void {
  const claims = new Map<string, Claim<R>>();
  for (const s of set.ofKind('Ingress')) {
    if (obj(metadataOf(s.manifest).annotations)[CANARY_ANNOTATION] === 'true') continue;
    const cls = ingressClass(s.manifest);
    for (const r of ingressRules(s.manifest)) {
      for (const p of r.paths) {
        const host = r.rule.host ?? '*';
        const what = `host ${show(host)} path ${show(p.path.path ?? '')} (${text(p.path.pathType)})${cls ? ` of class ${show(cls)}` : ''}`;
        claim(claims, key(cls, host, p.path.path ?? '', p.path.pathType), what, { subject: s, field: p.field });
      }
    }
  }
  reportClaims(set, claims, ctx, add, (field, what, others) => issue(field, `${what} is also claimed by ${others}; controllers resolve this silently and differently`,
    'route each host and path once per class (a canary Ingress says nginx.ingress.kubernetes.io/canary: "true")'));
}

/** Every Service backend of the Ingresses, with its Service looked up. */
type BackendVisitor<R> = (s: Subject<R>, field: string, svc: Plain, target: Subject<R> | undefined, outside: boolean) => void;

function ingressServiceBackends<R>(set: ObjectSet<R>, each: BackendVisitor<R>): void {
  for (const s of set.ofKind('Ingress')) {
    const ns = set.namespaceOf(s);
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
  if (target !== undefined || outside || set.has('Service', set.namespaceOf(s), svc.name) || ctx.holdsService?.(s.ref, field)) return;
  add(s.ref, missingService(`${field}.service.name`, svc.name, set.namespaceOf(s), 'the controller answers 503'));
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

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'ingress-route-conflict': {
    objects: [serviceObject({}), ingressObject({ rules: [{ host: 'a.example.com', http: { paths: [ingressPath(), ingressPath()] } }] })],
    valid: [serviceObject({}), ingressObject({ rules: [{ host: 'a.example.com', http: { paths: [ingressPath(), ingressPath({ path: '/api' })] } }] })],
  },
  'ingress-backend-service': {
    objects: [ingressObject({ rules: [{ http: { paths: [ingressPath()] } }] })],
    valid: [serviceObject({}), ingressObject({ rules: [{ http: { paths: [ingressPath()] } }] })],
  },
  'ingress-backend-port': {
    objects: [serviceObject({}), ingressObject({ rules: [{ http: { paths: [ingressPath({ backend: { service: { name: 'web', port: { number: 8080 } } } })] } }] })],
    valid: [serviceObject({}), ingressObject({ rules: [{ http: { paths: [ingressPath({ backend: { service: { name: 'web', port: { number: 80 } } } })] } }] })],
  },
});
