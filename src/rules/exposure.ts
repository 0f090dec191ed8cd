import { Severity } from '../model/finding';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * The rule of `cdk8s-expose diff`: a change that opens a new way into the cluster from outside.
 * It compares two sets, so it has no object check; the pull request's author writes the
 * manifests, so no annotation in them exempts it: only the platform's settings (`--rule`, the
 * config file) change its severity.
 */

/** A new external entry point in HEAD: a nodePort, a load balancer, an external IP, an Ingress URL, a Gateway listener URL. */
export const EXPOSURE_EXTERNAL_ADDED = defineRule({
  id: 'exposure-external-added',
  scope: 'diff',
  kinds: ['Service', 'Ingress', 'HTTPRoute'],
  severity: Severity.WARNING,
  summary: 'a change adds an entry point reachable from outside the cluster (nodePort, load balancer, external IP, Ingress or Gateway URL)',
  prevents: 'a pull request that opens a database or an admin port to the internet being merged without anyone seeing it; set it to error to require an approval',
});

ruleExamples({
  'exposure-external-added': { code: 'npx cdk8s-expose diff --git origin/main:dist dist --format github   // a Service made a NodePort in dist/' },
});
