import { deploymentObject, serviceObject } from './example-objects';
import { isIanaServiceName } from './formats';
import { hasNodePorts } from './service';
import { protocolOf, targetPortOf } from '../model/defaults';
import { FindingType, Severity, issue } from '../model/finding';
import { ObjectSet, Party, Subject, lastParty } from '../model/object-set';
import { Plain, list, obj, show, text, listSome } from '../model/plain';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * Service wiring across objects: nodePorts claimed once per cluster, selectors that select
 * pods, targetPorts that name their containers' ports.
 */

export const serviceNodePortConflict = defineRule({
  scope: 'app',
  id: 'service-node-port-conflict',
  type: FindingType.CONFLICT,
  kinds: ['Service'],
  summary: 'no two Services claim one nodePort',
  prevents: 'apply of the second Service: "provided port is already allocated" (one nodePort space per cluster, allocated by number whatever the protocol)',
}, (set, ctx, add) => {
  // every claim of each nodePort, then one finding per nodePort claimed twice: on the party that
  // sorts last by kind, namespace and name, naming the others, so the order of the files never
  // decides which object (and which exemption) carries it
  const claims = new Map<number, Array<Party<typeof set.services[number]['ref']>>>();
  for (const s of set.services) {
    const spec = obj(obj(s.manifest).spec);
    if (!hasNodePorts(spec.type)) continue;
    const here = new Set<number>();
    list(spec.ports).map(obj).forEach((p, i) => {
      if (typeof p.nodePort !== 'number' || p.nodePort === 0 || here.has(p.nodePort)) return; // reuse within one Service is the Service's rule
      here.add(p.nodePort);
      const party = { subject: s, field: `spec.ports[${i}].nodePort` };
      const found = claims.get(p.nodePort);
      if (found) found.push(party); else claims.set(p.nodePort, [party]);
    });
  }
  for (const [nodePort, parties] of claims) {
    if (parties.length < 2) continue;
    const owner = lastParty(parties, x => set.namespaceOf(x));
    const others = parties.filter(x => x !== owner).map(x => ctx.describe(x.subject.ref)).join(', ');
    add(owner.subject.ref, issue(owner.field, `${nodePort} is already used by ${others} (NodePort services share one port space per cluster, whatever the protocol; the API server refuses the second with "provided port is already allocated")`, 'choose another nodePort or leave it unset'),
      parties.map(x => x.subject.ref));
  }
});

/** The Services that select pods: not ExternalName, with a non-empty selector. */
function selectingServices<R>(set: ObjectSet<R>): Array<{ s: Subject<R>; spec: Plain; ns: string }> {
  const out: Array<{ s: Subject<R>; spec: Plain; ns: string }> = [];
  for (const s of set.services) {
    const spec = obj(obj(s.manifest).spec);
    if (spec.type === 'ExternalName' || Object.keys(obj(spec.selector)).length === 0) continue;
    out.push({ s, spec, ns: set.namespaceOf(s) });
  }
  return out;
}

export const serviceSelectorDangling = defineRule({
  scope: 'app',
  id: 'service-selector-dangling',
  type: FindingType.UNRESOLVED,
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  severity: Severity.WARNING,
  summary: 'a Service selector matches the pods of a workload in the set',
  prevents: 'a Service without endpoints: the API accepts a selector that matches nothing, and every connection fails',
}, (set, ctx, add) => {
  for (const { s, spec, ns } of selectingServices(set)) {
    if (set.select(ns, spec.selector).length > 0) continue;
    if (ctx.danglingOnlyWhereWorkloads && !set.hasWorkloads(ns)) continue;
    const sel = Object.entries(obj(spec.selector)).map(([k, v]) => `${k}=${text(v)}`).join(',');
    add(s.ref, issue('spec.selector', `selector ${sel} matches no pods of any workload in namespace ${show(ns)}, so the Service has no endpoints`,
      'select a workload\'s pod labels, or exempt the Service if its pods are deployed by other means'));
  }
});

/**
 * Every port of every selecting Service, with its effective targetPort (the port when unset)
 * and protocol, once for each workload the Service selects.
 */
type TargetVisitor<R> = (s: Subject<R>, field: string, target: unknown, protocol: string, w: Subject<R>) => void;

function eachTargetedWorkload<R>(set: ObjectSet<R>, each: TargetVisitor<R>): void {
  for (const { s, spec, ns } of selectingServices(set)) {
    const selected = set.select(ns, spec.selector);
    if (selected.length === 0) continue;
    list(spec.ports).map(obj).forEach((p, i) => {
      const target = targetPortOf(p);
      for (const w of selected) each(s, `spec.ports[${i}].targetPort`, target, protocolOf(p), w);
    });
  }
}

/** A workload's named ports as a message lists them, built once per workload (a Service may have thousands of ports). */
const NAMED_PORTS = new WeakMap<object, string[]>();
function namedPorts(index: { readonly all: ReadonlyArray<{ readonly port: any }> }): string[] {
  let names = NAMED_PORTS.get(index);
  if (names === undefined) {
    names = index.all.filter(x => typeof x.port.name === 'string').map(x => `${x.port.name} (${text(x.port.containerPort)}/${protocolOf(x.port)})`);
    NAMED_PORTS.set(index, names);
  }
  return names;
}

export const serviceTargetPortName = defineRule({
  scope: 'app',
  id: 'service-target-port-name',
  type: FindingType.NOT_FOUND,
  kinds: ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  summary: 'a named targetPort names a container port, of the same protocol, of every selected workload',
  prevents: 'pods silently left out of the endpoints: the endpoints controller needs a container port of that name and protocol',
}, (set, ctx, add) => eachTargetedWorkload(set, (s, f, target, protocol, w) => {
  // a name that is not an IANA service name is service-target-port's finding: no container port can have it
  if (typeof target !== 'string' || !isIanaServiceName(target)) return;
  const index = set.ports(w);
  const named = (index.byName.get(target) ?? []).map(d => d.port);
  if (named.length === 0) {
    const names = namedPorts(index);
    add(s.ref, issue(f, `${show(target)} names no container port of ${ctx.describe(w.ref)} (declared: ${names.length ? listSome(names, n => n) : 'no named ports'}); the endpoints controller would leave these pods out`, 'use a declared port name, or a number'));
  } else if (!named.some(cp => protocolOf(cp) === protocol)) {
    add(s.ref, issue(f, `${show(target)} is declared by ${ctx.describe(w.ref)} with protocol ${protocolOf(named[0])}, but this port is ${protocol}; the endpoints controller matches name and protocol`, 'set the same protocol on both'));
  }
}));

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'service-node-port-conflict': {
    objects: [serviceObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }), serviceObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }, { name: 'api' })],
    valid: [serviceObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 31879 }] }), serviceObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 31880 }] }, { name: 'api' })],
  },
  'service-selector-dangling': {
    objects: [serviceObject({ selector: { app: 'nothing' } })],
    valid: [deploymentObject(), serviceObject({})],
  },
  'service-target-port-name': {
    objects: [deploymentObject(), serviceObject({ ports: [{ port: 80, targetPort: 'htpp' }] })],
    valid: [deploymentObject(), serviceObject({ ports: [{ port: 80, targetPort: 'http' }] })],
  },
});
