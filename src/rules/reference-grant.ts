import { checkCount, checkGroup, checkKind, checkRefName, checkRefNamespace, entries } from './gateway-shared';
import { Issue, Severity, issue } from '../model/finding';
import { defineKind } from '../model/kinds';
import { obj, show } from '../model/plain';
import { defineRule, ruleExamples } from '../model/rule';
import { gatewayRejectedFrom, gatewayRejectedSince } from '../model/versions';

/** The first bundle whose ReferenceGrant CRD requires spec (v1.4.1 and v1.5.1 accept a ReferenceGrant without one). */
const SPEC_REQUIRED_FROM = 6;


/** The ReferenceGrant: v1beta1, and v1 from bundle v1.5 (config/crd/standard at v1.4.1 serves v1beta1 only). */
export const REFERENCE_GRANT = defineKind({ kind: 'ReferenceGrant', group: 'gateway.networking.k8s.io', versions: ['v1beta1', 'v1'], crd: true, checked: true, bundleSince: { v1: 5 } });

/*
 * ReferenceGrant (gateway.networking.k8s.io/v1beta1, and v1 where served), as the
 * standard-channel CRD validates it (apis/v1beta1/referencegrant_types.go): from and to
 * 1-16 entries; from needs group, kind and namespace; to needs group and kind.
 */

export const referenceGrantSpec = defineRule({
  scope: 'object',
  id: 'referencegrant-spec',
  kinds: ['ReferenceGrant'],
  severity: Severity.ERROR,
  summary: 'from and to list 1-16 references; from entries have group, kind and namespace; to entries group and kind',
  prevents: 'CRD: spec required (from bundle v1.6; before, a ReferenceGrant without spec is accepted and grants nothing), from and to required, minItems 1 maxItems 16, Group/Kind/Namespace/ObjectName formats',
}, (grant, ctx) => {
  const out: Issue[] = [];
  if (obj(grant).spec === undefined || obj(grant).spec === null) {
    // found by the Gateway oracle: spec is required from v1.6 only (a null spec is pruned: absent)
    const severity = gatewayRejectedFrom(ctx, SPEC_REQUIRED_FROM);
    return severity === undefined ? [] : [{ field: 'spec', message: `a ReferenceGrant needs spec (from and to): one without spec is ${gatewayRejectedSince(SPEC_REQUIRED_FROM)}, and grants nothing before`, fix: 'add spec with from and to', severity }];
  }
  const spec = obj(obj(grant).spec);
  for (const side of ['from', 'to']) {
    const field = `spec.${side}`;
    if (spec[side] === undefined) {
      out.push(issue(field, `a ReferenceGrant needs ${side}`, side === 'from' ? 'list the routes that may refer, e.g. { group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web }' : 'list what they may refer to, e.g. { group: "", kind: Service }'));
      continue;
    }
    out.push(...checkCount(field, spec[side], 1, 16, `${side} entries`));
    for (const { v, f } of entries(spec[side], field)) {
      if (typeof v.group !== 'string') out.push(issue(`${f}.group`, `${show(v.group)}: group is required ("" for the core group)`, 'set group'));
      else out.push(...checkGroup(`${f}.group`, v.group));
      if (v.kind === undefined || v.kind === null) out.push(issue(`${f}.kind`, 'kind is required', 'set kind'));
      else out.push(...checkKind(`${f}.kind`, v.kind));
      if (side === 'from') {
        if (v.namespace === undefined || v.namespace === null) out.push(issue(`${f}.namespace`, 'namespace is required', 'name the namespace of the referring routes'));
        else out.push(...checkRefNamespace(`${f}.namespace`, v.namespace));
      } else if (v.name !== undefined && v.name !== null) {
        // the API server drops a null optional field before validation (PruneNonNullableNullsWithoutDefaults)
        out.push(...checkRefName(`${f}.name`, v.name, 'target'));
      }
    }
  }
  return out;
});

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'referencegrant-spec': {
    objects: [{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [], to: [{ group: '', kind: 'Service' }] } }],
    valid: [{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }], to: [{ group: '', kind: 'Service' }] } }],
  },
});
