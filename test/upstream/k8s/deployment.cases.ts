import { prune, UpstreamCase } from './types';

/*
 * Deployment (apps/v1) cases: selector, replicas, strategy, template. Sources (see SOURCES.md):
 * pkg/apis/apps/validation/validation_test.go TestValidateDeployment (and TestValidateDaemonSet for the
 * restart-policy and template-label cases it shares with Deployments), and
 * pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec, ValidateDeploymentStrategy,
 * ValidateRollingUpdateDeployment, ValidatePositiveIntOrPercent, IsNotMoreThan100Percent,
 * ValidatePodTemplateSpecForReplicaSet), with pkg/apis/apps/v1/defaults.go for what is filled in first
 * (strategy RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, replicas 1).
 * The RollbackTo cases are left out: apps/v1 has no rollbackTo field.
 */

/** validDeployment() in apps/v1 form with spec fields overridden; undefined removes a field. */
function deployment(spec: any = {}, podSpec: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'abc', namespace: 'default' },
    spec: prune({
      selector: { matchLabels: { name: 'abc' } },
      template: {
        metadata: { labels: { name: 'abc' } },
        spec: { containers: [{ name: 'ctr', image: 'image' }], ...podSpec },
      },
      ...spec,
    }),
  };
}

/** validDeployment() with this strategy. */
function strategy(s: any): any {
  return deployment({ strategy: s });
}

/** validDeployment() with a RollingUpdate strategy of these parameters. */
function rolling(rollingUpdate: any): any {
  return strategy({ type: 'RollingUpdate', rollingUpdate });
}

const RU = 'spec.strategy.rollingUpdate';
const T = 'TestValidateDeployment';
const DEFAULTED_NOTE = 'apps/v1 defaulting fills a missing maxSurge or maxUnavailable with 25%';

export const CASES: UpstreamCase[] = [
  {
    upstream: `${T} successCases[0] validDeployment()`,
    manifest: rolling({ maxSurge: 1, maxUnavailable: 1 }),
    valid: true,
  },
  { upstream: `${T} validDeployment() without a strategy`, manifest: deployment(), valid: true, note: 'apps/v1 defaults the strategy to RollingUpdate 25%/25%' },
  {
    upstream: `${T} successCases[1] (hostNetwork with a container port)`,
    manifest: deployment({}, { hostNetwork: true, containers: [{ name: 'ctr', image: 'image', ports: [{ containerPort: 12345, protocol: 'TCP' }] }] }),
    valid: true,
  },
  {
    upstream: `${T} "metadata.name: Required value"`,
    manifest: { ...deployment(), metadata: { namespace: 'default' } },
    valid: false,
    fields: ['metadata.name'],
    note: 'upstream\'s object has no spec either; this manifest is otherwise valid',
  },

  // --- replicas and counters ---
  { upstream: 'validation.go ValidateDeploymentSpec: replicas 0', manifest: deployment({ replicas: 0 }), valid: true },
  { upstream: 'validation.go ValidateDeploymentSpec: replicas -1', manifest: deployment({ replicas: -1 }), valid: false, fields: ['spec.replicas'] },
  { upstream: 'validation.go ValidateDeploymentSpec: minReadySeconds -1', manifest: deployment({ minReadySeconds: -1 }), valid: false, fields: ['spec.minReadySeconds'] },
  { upstream: 'validation.go ValidateDeploymentSpec: revisionHistoryLimit 0', manifest: deployment({ revisionHistoryLimit: 0 }), valid: true },
  {
    upstream: 'validation.go ValidateDeploymentSpec: revisionHistoryLimit -1',
    manifest: deployment({ revisionHistoryLimit: -1 }),
    valid: false,
    fields: ['spec.revisionHistoryLimit'],
  },
  {
    upstream: `${T} "must be greater than minReadySeconds"`,
    manifest: deployment({ progressDeadlineSeconds: 600, minReadySeconds: 600 }),
    valid: false,
    fields: ['spec.progressDeadlineSeconds'],
  },
  {
    upstream: 'validation.go ValidateDeploymentSpec: progressDeadlineSeconds one above minReadySeconds',
    manifest: deployment({ progressDeadlineSeconds: 601, minReadySeconds: 600 }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateDeploymentSpec: minReadySeconds 600 with the default progressDeadlineSeconds',
    manifest: deployment({ minReadySeconds: 600 }),
    valid: false,
    fields: ['spec.progressDeadlineSeconds'],
    note: 'apps/v1 defaults progressDeadlineSeconds to 600 before validation, so minReadySeconds >= 600 without progressDeadlineSeconds is rejected',
  },
  {
    upstream: 'validation.go ValidateDeploymentSpec: minReadySeconds 599 with the default progressDeadlineSeconds',
    manifest: deployment({ minReadySeconds: 599 }),
    valid: true,
  },

  // --- selector ---
  {
    upstream: `${T} "\`selector\` does not match template \`labels\`"`,
    manifest: deployment({ selector: { matchLabels: { name: 'def' } } }),
    valid: false,
    fields: ['spec.template.metadata.labels'],
  },
  {
    upstream: 'validation.go ValidateDeploymentSpec: selector missing',
    manifest: deployment({ selector: undefined }),
    valid: false,
    fields: ['spec.selector', 'spec.template.metadata.labels'],
    note: 'Required on spec.selector; a nil selector becomes labels.Nothing(), which matches no labels, so the template-labels mismatch is reported too',
  },
  {
    upstream: 'validation.go ValidateDeploymentSpec: empty selector',
    manifest: deployment({ selector: { matchLabels: {} } }),
    valid: false,
    fields: ['spec.selector'],
    note: '"empty selector is invalid for deployment"',
  },
  {
    upstream: 'validation.go ValidateDeploymentSpec: selector with matchExpressions',
    manifest: deployment({ selector: { matchExpressions: [{ key: 'name', operator: 'In', values: ['abc', 'def'] }] } }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidatePodTemplateSpecForReplicaSet: selector is a subset of the template labels',
    manifest: { ...deployment(), spec: { ...deployment().spec, template: { ...deployment().spec.template, metadata: { labels: { name: 'abc', tier: 'web' } } } } },
    valid: true,
  },
  {
    upstream: 'TestValidateDaemonSet "invalid_label 2" (template label key, as a Deployment)',
    manifest: { ...deployment(), spec: { ...deployment().spec, template: { ...deployment().spec.template, metadata: { labels: { 'name': 'abc', 'NoUppercaseOrSpecialCharsLike=Equals': 'b' } } } } },
    valid: false,
    fields: ['spec.template.metadata.labels'],
    note: 'upstream reports this path as spec.template.labels (ValidatePodTemplateSpec passes fldPath.Child("labels"))',
  },

  // --- template ---
  { upstream: 'validation.go ValidatePodTemplateSpecForReplicaSet: restartPolicy Always', manifest: deployment({}, { restartPolicy: 'Always' }), valid: true },
  {
    upstream: `${T} "Unsupported value: \\"Never\\""`,
    manifest: deployment({}, { restartPolicy: 'Never' }),
    valid: false,
    fields: ['spec.template.spec.restartPolicy'],
  },
  {
    upstream: 'TestValidateDaemonSet "invalid restart policy 1" (OnFailure, as a Deployment)',
    manifest: deployment({}, { restartPolicy: 'OnFailure' }),
    valid: false,
    fields: ['spec.template.spec.restartPolicy'],
  },
  {
    upstream: 'validation.go ValidatePodTemplateSpecForReplicaSet: activeDeadlineSeconds',
    manifest: deployment({}, { activeDeadlineSeconds: 30 }),
    valid: false,
    fields: ['spec.template.spec.activeDeadlineSeconds'],
  },
  {
    upstream: `${T} "ephemeral containers not allowed"`,
    manifest: deployment({}, { ephemeralContainers: [{ name: 'ec', image: 'image' }] }),
    valid: false,
    fields: ['spec.template.spec.ephemeralContainers'],
  },
  {
    upstream: 'validation.go validateContainers: no containers',
    manifest: deployment({}, { containers: [] }),
    valid: false,
    fields: ['spec.template.spec.containers'],
  },

  // --- strategy ---
  {
    upstream: `${T} "supported values: \\"Recreate\\", \\"RollingUpdate\\""`,
    manifest: strategy({ type: 'randomType' }),
    valid: false,
    fields: ['spec.strategy'],
    note: 'upstream reports NotSupported on spec.strategy (the whole strategy), not on spec.strategy.type',
  },
  { upstream: 'validation.go ValidateDeploymentStrategy: Recreate', manifest: strategy({ type: 'Recreate' }), valid: true },
  {
    upstream: `${T} "may not be specified when strategy \`type\` is 'Recreate'"`,
    manifest: strategy({ type: 'Recreate', rollingUpdate: {} }),
    valid: false,
    fields: [`${RU}`],
  },
  {
    upstream: `${T} "a valid percent string must be"`,
    manifest: rolling({ maxSurge: '20Percent' }),
    valid: false,
    fields: [`${RU}.maxSurge`],
    note: DEFAULTED_NOTE,
  },
  {
    upstream: `${T} "may not be 0 when \`maxSurge\` is 0"`,
    manifest: rolling({ maxSurge: '0%', maxUnavailable: 0 }),
    valid: false,
    fields: [`${RU}.maxUnavailable`],
  },
  {
    upstream: 'validation.go ValidateRollingUpdateDeployment: maxSurge 0 and maxUnavailable "0%"',
    manifest: rolling({ maxSurge: 0, maxUnavailable: '0%' }),
    valid: false,
    fields: [`${RU}.maxUnavailable`],
  },
  { upstream: 'validation.go ValidateRollingUpdateDeployment: maxSurge 0 and maxUnavailable 1', manifest: rolling({ maxSurge: 0, maxUnavailable: 1 }), valid: true },
  { upstream: 'validation.go ValidateRollingUpdateDeployment: maxSurge 1 and maxUnavailable 0', manifest: rolling({ maxSurge: 1, maxUnavailable: 0 }), valid: true },
  {
    upstream: 'validation.go ValidateRollingUpdateDeployment: maxSurge "0%" alone',
    manifest: rolling({ maxSurge: '0%' }),
    valid: true,
    note: DEFAULTED_NOTE,
  },
  {
    upstream: `${T} "must not be greater than 100%"`,
    manifest: rolling({ maxUnavailable: '110%' }),
    valid: false,
    fields: [`${RU}.maxUnavailable`],
    note: DEFAULTED_NOTE,
  },
  { upstream: 'validation.go IsNotMoreThan100Percent: maxUnavailable "100%"', manifest: rolling({ maxUnavailable: '100%' }), valid: true },
  {
    upstream: 'validation.go ValidateRollingUpdateDeployment: maxSurge "200%"',
    manifest: rolling({ maxSurge: '200%' }),
    valid: true,
    note: 'only maxUnavailable is capped at 100%',
  },
  {
    upstream: 'validation.go ValidatePositiveIntOrPercent: maxUnavailable -1',
    manifest: rolling({ maxUnavailable: -1 }),
    valid: false,
    fields: [`${RU}.maxUnavailable`],
  },
  {
    upstream: 'validation.go ValidatePositiveIntOrPercent: maxSurge "-1%"',
    manifest: rolling({ maxSurge: '-1%' }),
    valid: false,
    fields: [`${RU}.maxSurge`],
    note: 'a percent is [0-9]+%',
  },
];
