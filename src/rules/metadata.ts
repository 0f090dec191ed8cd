import { objectRule } from './define';
import { checkDns1123Label, checkLabels, obj } from './names';
import { Severity } from './violation';

/** Every kind the rules read; metadata rules apply to all of them. */
export const CHECKED_KINDS = ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Ingress', 'Gateway', 'HTTPRoute', 'ReferenceGrant'];

/** @internal the metadata of any object, an empty map for a malformed one */
export function metadataOf(m: any): { readonly [key: string]: any } {
  return obj(obj(m).metadata);
}

export const metadataNamespace = objectRule({
  id: 'metadata-namespace',
  kinds: CHECKED_KINDS,
  severity: Severity.ERROR,
  summary: 'the namespace is a DNS-1123 label',
  prevents: 'ValidateObjectMeta: the API server rejects a namespace that is not a DNS-1123 label',
}, m => {
  const ns = metadataOf(m).namespace;
  return ns === undefined || ns === null ? [] : checkDns1123Label('metadata.namespace', ns, 'namespace', 'use a lowercase DNS label, e.g. "shop"');
});

export const metadataLabels = objectRule({
  id: 'metadata-labels',
  kinds: CHECKED_KINDS,
  severity: Severity.ERROR,
  summary: 'label keys are qualified names and values at most 63 name characters',
  prevents: 'ValidateObjectMeta: the API server rejects invalid label keys and values',
}, m => checkLabels('metadata.labels', metadataOf(m).labels));
