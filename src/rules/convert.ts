import { FindingType, Severity } from '../model/finding';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * The rules of `cdk8s-expose convert` (Ingresses to the Gateway API). Both compare the input
 * with what the conversion wrote, so they have no object check; no annotation in the input
 * exempts them: `--fail-on-untranslated` and the settings (`--rule`) change their severity.
 */

/** What the conversion could not carry over: an annotation, a path type, an Ingress it left as is. */
export const CONVERT_UNTRANSLATED = defineRule({
  id: 'convert-untranslated',
  scope: 'diff',
  kinds: ['Ingress'],
  severity: Severity.WARNING,
  type: FindingType.NOT_SUPPORTED,
  summary: 'convert could not express an Ingress\'s annotation, path or backend in the Gateway API standard channel, or left the Ingress unconverted',
  prevents: 'an ingress-nginx behavior (authentication, rate limits, snippets, cookie affinity, capture-group rewrites) silently lost when moving to the Gateway API; --fail-on-untranslated makes it an error',
});

/** The access map of the converted objects differs from the Ingresses'. */
export const CONVERT_ROUTE_CHANGED = defineRule({
  id: 'convert-route-changed',
  scope: 'diff',
  kinds: ['Ingress'],
  type: FindingType.CONFLICT,
  summary: 'convert\'s output routes a host, path and match type to another Service or port than the Ingresses did, or drops or adds one',
  prevents: 'a migration that sends requests to the wrong backend, or to none, once the Ingresses are deleted',
});

ruleExamples({
  'convert-untranslated': { code: 'npx cdk8s-expose convert ingress.yaml   // an Ingress annotated nginx.ingress.kubernetes.io/auth-url' },
  'convert-route-changed': { code: 'npx cdk8s-expose convert ingress.yaml   // an HTTPRoute that would reach another Service port than the Ingress' },
});
