import { FindingType, Severity } from '../model/finding';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * Rules only a construct can check: it knows the objects it refers to, where a manifest
 * has only their names. Their checks live in the constructs; the catalog lists them here.
 */

export const serviceTargetSelector = defineRule({
  scope: 'construct',
  id: 'service-target-selector',
  kinds: ['Service'],
  summary: 'an ExposedService has either target or selector, not both',
  prevents: 'a prop without effect: target wires the selector from the workload\'s pod labels',
});

export const serviceTargetNamespace = defineRule({
  scope: 'construct',
  id: 'service-target-namespace',
  kinds: ['Service', 'Deployment', 'StatefulSet'],
  summary: 'an ExposedService and its target are in one namespace',
  prevents: 'a Service without endpoints: a Service selects pods of its own namespace only',
});

export const ingressBackendNamespace = defineRule({
  scope: 'construct',
  id: 'ingress-backend-namespace',
  kinds: ['Ingress', 'Service'],
  summary: 'an IngressRoute routes only to Services of its own namespace',
  prevents: 'a backend that names a Service absent from the Ingress\'s namespace: the controller answers 503',
});

export const objectPropType = defineRule({
  scope: 'construct',
  id: 'object-prop-type',
  type: FindingType.TYPE_INVALID,
  kinds: ['Service', 'Deployment', 'StatefulSet', 'Ingress', 'Gateway', 'HTTPRoute'],
  summary: 'a construct prop that takes a list (or an object) is given one',
  prevents: 'a prop silently dropped because a JavaScript caller passed a value of the wrong type (TypeScript callers cannot)',
});

export const serviceSelectorMissing = defineRule({
  scope: 'construct',
  id: 'service-selector-missing',
  type: FindingType.REQUIRED,
  severity: Severity.WARNING,
  kinds: ['Service'],
  summary: 'an ExposedService (not ExternalName) has a target or a selector',
  prevents: 'a Service without endpoints by slip: without a selector, Kubernetes writes no EndpointSlices (valid only when they are written by hand)',
});

export const objectNameDerived = defineRule({
  scope: 'construct',
  id: 'object-name-derived',
  severity: Severity.WARNING,
  kinds: ['Service', 'Deployment', 'StatefulSet', 'Ingress', 'Gateway', 'HTTPRoute'],
  summary: 'a construct id that the derived name changes (not a DNS label) is reported with the name used',
  prevents: 'an object named differently from what the code says (`My_Api` becomes `my-api`), which other tools, DNS names and kubectl commands then miss',
});

export const ingressBackendReferencePort = defineRule({
  scope: 'construct',
  id: 'ingress-backend-reference-port',
  type: FindingType.NOT_FOUND,
  kinds: ['Ingress'],
  summary: 'a backend to a Service referenced by name uses one of the ports the reference declares',
  prevents: 'a route to a port the Service does not have: the controller answers 503',
});

export const workloadPortNameUnique = defineRule({
  scope: 'construct',
  id: 'workload-port-name-unique',
  type: FindingType.DUPLICATE,
  kinds: ['Deployment', 'StatefulSet'],
  summary: 'a WebApp\'s port names are unique across its containers and sidecars',
  prevents: 'a named targetPort that reaches whichever container the endpoints controller finds first: the API checks port names only within each container (1.37 warns "duplicate port name"; 1.32 says nothing)',
});

export const workloadServiceNameUnused = defineRule({
  scope: 'construct',
  id: 'workload-service-name-unused',
  kinds: ['Deployment'],
  summary: 'a WebApp sets serviceName only when it is a StatefulSet',
  prevents: 'a prop without effect: only a StatefulSet has a governing Service',
});

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'service-selector-missing': { code: 'new ExposedService(chart, \'web\', { ports: [{ port: 80 }] })   // neither target nor selector' },
  'object-name-derived': { code: 'new WebApp(chart, \'My_Api\', { image: \'api:1\' })   // named "my-api"' },
  'object-prop-type': { code: 'new ExposedService(chart, \'web\', { ports: { port: 80 } } as any)   // from JavaScript: ports is not a list' },
  'service-target-selector': { code: 'new ExposedService(chart, \'web\', { target: webApp, selector: { app: \'web\' } })' },
  'service-target-namespace': { code: 'new ExposedService(chart, \'web\', { target: webAppInNamespaceA, namespace: \'b\' })' },
  'ingress-backend-namespace': { code: 'new IngressRoute(chart, \'route\', { namespace: \'a\', paths: [{ path: \'/\', service: serviceInNamespaceB }] })' },
  'workload-port-name-unique': { code: 'new WebApp(chart, \'web\', { image: \'web:1\', ports: [{ containerPort: 8080, name: \'http\' }], sidecars: [{ name: \'proxy\', image: \'envoyproxy/envoy:v1.32\', ports: [{ containerPort: 8443, name: \'http\' }] }] })' },
  'workload-service-name-unused': { code: 'new WebApp(chart, \'db\', { image: \'postgres:16\', serviceName: \'db\' })   // a Deployment: no governing Service' },
  'ingress-backend-reference-port': { code: 'new IngressRoute(chart, \'route\', { paths: [{ path: \'/\', service: ExposedService.fromName(chart, \'api\', \'api\', { ports: [{ port: 80 }] }), port: 8080 }] })' },
});
