import { Issue, issue } from '../model/finding';
import { metadataOf } from '../model/object';
import { obj, show } from '../model/plain';

/*
 * Backends deployed outside the checked set: a route declares them in an annotation, so
 * that the checker, which sees only the YAML, does not report them missing.
 */

/** The annotation an Ingress or HTTPRoute carries to declare backends deployed outside the checked set. */
export const EXTERNAL_SERVICES_ANNOTATION = 'cdk8s-expose.io/external-services';

/** The names an object declares as deployed outside the set (its external-services annotation). */
export function declaredOutside(m: unknown): Set<string> {
  const value = obj(metadataOf(m).annotations)[EXTERNAL_SERVICES_ANNOTATION];
  return new Set(typeof value === 'string' ? value.split(',').map(s => s.trim()).filter(s => s !== '') : []);
}

/** A route's backend names a Service that is neither in the set nor declared outside it (Ingress and HTTPRoute alike). */
export function missingService(field: string, name: unknown, ns: string, effect: string): Issue {
  return issue(field, `${show(name)} is not a Service in namespace ${show(ns)} of the checked manifests; ${effect} until it exists`,
    `check the name; if the Service is deployed elsewhere, list it in the annotation ${EXTERNAL_SERVICES_ANNOTATION}`);
}
