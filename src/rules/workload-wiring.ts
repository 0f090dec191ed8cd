import { EXAMPLE_LABELS, serviceObject } from './example-objects';
import { declaredOutside, EXTERNAL_SERVICES_ANNOTATION } from './external-services';
import { FindingType, Severity, issue } from '../model/finding';
import { metadataOf } from '../model/object';
import { obj, show, text } from '../model/plain';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * Workload wiring across objects: a StatefulSet's governing Service.
 */

export const workloadServiceName = defineRule({
  scope: 'app',
  id: 'workload-service-name',
  type: FindingType.UNRESOLVED,
  kinds: ['StatefulSet', 'Service'],
  severity: Severity.WARNING,
  summary: 'a StatefulSet\'s serviceName names a headless Service of its namespace that selects its pods',
  prevents: 'pods without their DNS names (<pod>.<serviceName>.<namespace>.svc): the API accepts any serviceName, but DNS publishes per-pod names only for a headless Service whose endpoints are the pods',
}, (set, ctx, add) => {
  for (const w of set.ofKind('StatefulSet')) {
    const name = obj(obj(w.manifest).spec).serviceName;
    // unset or empty: valid, the pods get no per-pod DNS names; a non-string is the schema's finding
    if (typeof name !== 'string' || name === '' || declaredOutside(w.manifest).has(name)) continue;
    const ns = set.namespaceOf(w);
    const f = 'spec.serviceName';
    const svc = set.named('Service', ns, name);
    if (svc === undefined) {
      if (set.has('Service', ns, name)) continue; // two Services of that name: object-name-unique's finding, neither is picked
      add(w.ref, issue(f, `${show(name)} is not a Service in namespace ${show(ns)} of the checked manifests; the pods get no DNS names until it exists`,
        `add a headless Service ${show(name)} that selects the pods; if it is deployed elsewhere, list it in the annotation ${EXTERNAL_SERVICES_ANNOTATION}`));
      continue;
    }
    const spec = obj(obj(svc.manifest).spec);
    if (spec.clusterIP !== 'None') {
      add(w.ref, issue(f, `${show(name)} (${ctx.describe(svc.ref)}) is not headless: DNS publishes per-pod names only for a Service with clusterIP None`, `set clusterIP: None on ${show(name)}, or name a headless Service`));
      continue;
    }
    // a Service without a selector has endpoints written by hand: whether they name the pods is not in the manifests
    if (Object.keys(obj(spec.selector)).length > 0 && !set.select(ns, spec.selector).includes(w)) {
      add(w.ref, issue(f, `${show(name)} (${ctx.describe(svc.ref)}) does not select the pods of StatefulSet ${show(text(metadataOf(w.manifest).name))}: their DNS names come from its endpoints`, 'make its selector match the pod template labels'));
    }
  }
});

/** A StatefulSet named `web` whose pods carry the example labels, governed by `serviceName`. */
function statefulSetObject(serviceName: string): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName,
      selector: { matchLabels: EXAMPLE_LABELS },
      template: { metadata: { labels: EXAMPLE_LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] }] } },
    },
  };
}

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'workload-service-name': {
    objects: [statefulSetObject('web'), serviceObject({})],
    valid: [statefulSetObject('web'), serviceObject({ clusterIP: 'None' })],
  },
});
