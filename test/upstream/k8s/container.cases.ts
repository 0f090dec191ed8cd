import { UpstreamCase } from './types';

/*
 * Container cases: name, image, ports, env, probes (every handler kind), lifecycle handlers,
 * resources. Sources (see SOURCES.md): pkg/apis/core/validation/validation_test.go
 * TestValidateContainers, TestValidatePorts, TestValidateEnv, TestRelaxedValidateEnv,
 * TestValidateProbe, Test_validateProbe, TestValidateHandler, TestValidateEphemeralContainers
 * ("whitespace padded image name"), and validation.go (validateContainerCommon,
 * validateContainerPorts, ValidateEnv, validateProbe, validateHandler, validateGRPCAction,
 * ValidateContainerResourceRequirements, validateContainerOnlyForPod).
 *
 * Containers sit in a Deployment's pod template unless the case says Pod. The two differ in one
 * place the library cares about: a Pod's image may not have leading or trailing whitespace
 * (validateContainersOnlyForPod); a pod template's may ("image = ' ' is a special token in pod
 * template", kept for backwards compatibility).
 */

const C0 = 'spec.template.spec.containers[0]';
const C1 = 'spec.template.spec.containers[1]';
const P0 = 'spec.containers[0]';

/** upstream's validDeployment() with these containers in its pod template. */
function deployment(...containers: any[]): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'abc', namespace: 'default' },
    spec: {
      selector: { matchLabels: { name: 'abc' } },
      template: { metadata: { labels: { name: 'abc' } }, spec: { containers } },
    },
  };
}

/** A Pod with these containers. */
function pod(...containers: any[]): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'abc', namespace: 'default' }, spec: { containers } };
}

/** The container upstream's tables start from, with more fields. */
function ctr(name: string, extra: any = {}): any {
  return { name, image: 'image', ...extra };
}

/** A container with one liveness/readiness/startup probe. */
function probed(kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe', probe: any): any {
  return deployment(ctr('live-123', { [kind]: probe }));
}

const TCP80 = { tcpSocket: { port: 80 } };

/** Every probe number at -1, in the order upstream reports them. */
const NEGATIVE = {
  initialDelaySeconds: -1, timeoutSeconds: -1, periodSeconds: -1, successThreshold: -1, failureThreshold: -1, terminationGracePeriodSeconds: -1,
};

/** The fields upstream reports for a probe with every number at -1, then the one reported twice. */
function negativeFields(probe: string, twice: string): string[] {
  return [...Object.keys(NEGATIVE).map(k => `${C0}.${probe}.${k}`), `${C0}.${probe}.${twice}`];
}
const EXEC = { exec: { command: ['echo'] } };

/** A container with these env vars. */
function env(...vars: any[]): any {
  return deployment(ctr('abc', { env: vars }));
}

/** A container with these resources. */
function resources(res: any): any {
  return deployment(ctr('abc-123', { resources: res }));
}

/** A container with these ports. */
function ports(...list: any[]): any {
  return deployment(ctr('abc', { ports: list }));
}

const RELAXED_ENV_NOTE = 'strict names ([-._a-zA-Z][-._a-zA-Z0-9]*, not ".", "..", nor starting with "..") through 1.31; RelaxedEnvironmentVariableValidation (alpha 1.30 default off, beta on by default 1.32, GA 1.34 locked on) allows any printable ASCII except "="';
const DEFAULTED_PROBE_NOTE = 'v1 defaulting (SetDefaults_Probe) turns 0 into the default before validation: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3';

const T = 'TestValidateContainers';
const PORTS = 'TestValidatePorts';
const ENV = 'TestValidateEnv';
const RELAXED = 'TestRelaxedValidateEnv';
const HANDLER = 'TestValidateHandler';
const PROBE = 'TestValidateProbe';
const PROBE2 = 'Test_validateProbe';

export const CASES: UpstreamCase[] = [
  // --- name and image ---
  { upstream: `${T} success "abc"`, manifest: deployment(ctr('abc')), valid: true },
  { upstream: `${T} success "123"`, manifest: deployment(ctr('123')), valid: true },
  { upstream: `${T} success "abc-123"`, manifest: deployment(ctr('abc-123')), valid: true },
  { upstream: `${T} "zero-length name"`, manifest: deployment(ctr('')), valid: false, fields: [`${C0}.name`] },
  { upstream: `${T} "name > 63 characters"`, manifest: deployment(ctr('a'.repeat(64))), valid: false, fields: [`${C0}.name`] },
  { upstream: 'validation.go validateContainerCommon: name of 63 characters', manifest: deployment(ctr('a'.repeat(63))), valid: true },
  { upstream: `${T} "name not a DNS label"`, manifest: deployment(ctr('a.b.c')), valid: false, fields: [`${C0}.name`] },
  { upstream: `${T} "name not unique"`, manifest: deployment(ctr('abc'), ctr('abc')), valid: false, fields: [`${C1}.name`] },
  { upstream: `${T} "zero-length-image"`, manifest: deployment(ctr('abc', { image: '' })), valid: false, fields: [`${C0}.image`] },
  { upstream: `${T} "zero-length image"`, manifest: deployment({ name: 'abc' }), valid: false, fields: [`${C0}.image`], note: 'image left out: the schema allows it, validation requires it' },
  { upstream: `${T} "zero-length image" (Pod)`, manifest: pod(ctr('abc', { image: '' })), valid: false, fields: [`${P0}.image`] },
  {
    upstream: `${T} success "def" (image " ")`,
    manifest: deployment(ctr('def', { image: ' ' })),
    valid: true,
    note: 'pod template only: "backwards compatibility to ensure containers in pod template spec do not check for this"; a Pod rejects it',
  },
  {
    upstream: 'validation.go validateContainersOnlyForPod: image " " on a Pod',
    manifest: pod(ctr('def', { image: ' ' })),
    valid: false,
    fields: [`${P0}.image`],
    note: 'Pod only: "must not have leading or trailing whitespace"; pod templates accept it',
  },
  {
    upstream: `${T} success "ghi" (image " some  ")`,
    manifest: deployment(ctr('ghi', { image: ' some  ' })),
    valid: true,
    note: 'pod template only; a Pod rejects it',
  },
  {
    upstream: 'validation.go validateContainersOnlyForPod: image " some  " on a Pod',
    manifest: pod(ctr('ghi', { image: ' some  ' })),
    valid: false,
    fields: [`${P0}.image`],
    note: 'Pod only; pod templates accept it',
  },
  {
    upstream: 'TestValidateEphemeralContainers "whitespace padded image name" (as a regular container in a template)',
    manifest: deployment(ctr('debug', { image: ' image' })),
    valid: true,
    note: 'pod template only; the ephemeral-container case is rejected because ephemeral containers always get the Pod check',
  },
  {
    upstream: 'TestValidateEphemeralContainers "whitespace padded image name" (as a regular container in a Pod)',
    manifest: pod(ctr('debug', { image: ' image' })),
    valid: false,
    fields: [`${P0}.image`],
    note: 'Pod only; pod templates accept it',
  },
  {
    upstream: `${T} "invalid message termination policy"`,
    manifest: deployment(ctr('life-123', { terminationMessagePolicy: 'Unknown' })),
    valid: false,
    fields: [`${C0}.terminationMessagePolicy`],
  },
  { upstream: `${T} success "fallback-to-logs-termination-message"`, manifest: deployment(ctr('fallback-to-logs-termination-message', { terminationMessagePolicy: 'FallbackToLogsOnError' })), valid: true },
  { upstream: `${T} success "file-termination-message"`, manifest: deployment(ctr('file-termination-message', { terminationMessagePolicy: 'File' })), valid: true },

  // --- ports ---
  {
    upstream: `${PORTS} successCase`,
    manifest: ports(
      { name: 'abc', containerPort: 80, hostPort: 80, protocol: 'TCP' },
      { name: 'easy', containerPort: 82, protocol: 'TCP' },
      { name: 'as', containerPort: 83, protocol: 'UDP' },
      { name: 'do-re-me', containerPort: 84, protocol: 'SCTP' },
      { containerPort: 85, protocol: 'TCP' }),
    valid: true,
  },
  { upstream: `${PORTS} nonCanonicalCase`, manifest: ports({ containerPort: 80, protocol: 'TCP' }), valid: true },
  {
    upstream: `${PORTS} "name > 15 characters"`,
    manifest: ports({ name: 'a'.repeat(16), containerPort: 80, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[0].name`],
  },
  {
    upstream: 'validation.go validateContainerPorts: name of 15 characters',
    manifest: ports({ name: 'a'.repeat(15), containerPort: 80, protocol: 'TCP' }),
    valid: true,
  },
  {
    upstream: `${PORTS} "name contains invalid characters"`,
    manifest: ports({ name: 'a.b.c', containerPort: 80, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[0].name`],
  },
  {
    upstream: `${PORTS} "name is a number"`,
    manifest: ports({ name: '80', containerPort: 80, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[0].name`],
  },
  {
    upstream: 'apimachinery IsValidPortName: a letter anywhere is enough',
    manifest: ports({ name: '1-a', containerPort: 80, protocol: 'TCP' }),
    valid: true,
  },
  {
    upstream: 'apimachinery IsValidPortName: uppercase',
    manifest: ports({ name: 'HTTP', containerPort: 80, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[0].name`],
  },
  {
    upstream: `${PORTS} "name not unique"`,
    manifest: ports({ name: 'abc', containerPort: 80, protocol: 'TCP' }, { name: 'abc', containerPort: 81, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[1].name`],
  },
  {
    upstream: 'validation.go validateContainerPorts: a port name is unique per container only',
    manifest: deployment(
      ctr('abc', { ports: [{ name: 'http', containerPort: 80 }] }),
      ctr('def', { ports: [{ name: 'http', containerPort: 81 }] })),
    valid: true,
  },
  {
    upstream: 'validation.go validateContainerPorts: the same containerPort twice',
    manifest: ports({ name: 'http', containerPort: 80, protocol: 'TCP' }, { name: 'web', containerPort: 80, protocol: 'TCP' }),
    valid: true,
    note: 'validation has no uniqueness check on containerPort: only port names (per container) and hostPorts (across containers) must be unique',
  },
  {
    upstream: `${PORTS} "zero container port"`,
    manifest: ports({ containerPort: 0, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[0].containerPort`],
  },
  { upstream: 'validation.go validateContainerPorts: containerPort 1', manifest: ports({ containerPort: 1 }), valid: true },
  { upstream: 'validation.go validateContainerPorts: containerPort 65535', manifest: ports({ containerPort: 65535 }), valid: true },
  {
    upstream: `${PORTS} "invalid container port"`,
    manifest: ports({ containerPort: 65536, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[0].containerPort`],
  },
  {
    upstream: `${PORTS} "invalid host port"`,
    manifest: ports({ containerPort: 80, hostPort: 65536, protocol: 'TCP' }),
    valid: false,
    fields: [`${C0}.ports[0].hostPort`],
  },
  {
    upstream: `${PORTS} "invalid protocol case"`,
    manifest: ports({ containerPort: 80, protocol: 'tcp' }),
    valid: false,
    fields: [`${C0}.ports[0].protocol`],
  },
  {
    upstream: `${PORTS} "invalid protocol"`,
    manifest: ports({ containerPort: 80, protocol: 'ICMP' }),
    valid: false,
    fields: [`${C0}.ports[0].protocol`],
  },
  {
    upstream: `${PORTS} "protocol required"`,
    manifest: ports({ name: 'abc', containerPort: 80 }),
    valid: true,
    note: 'upstream expects Required on the internal object; v1 defaulting sets protocol TCP, so the manifest is accepted',
  },
  {
    upstream: `${T} success "same-host-port-different-protocol"`,
    manifest: deployment(ctr('same-host-port-different-protocol', {
      ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }],
    })),
    valid: true,
  },
  {
    upstream: `${T} "host port not unique"`,
    manifest: deployment(
      ctr('abc', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }),
      ctr('def', { ports: [{ containerPort: 81, hostPort: 80, protocol: 'TCP' }] })),
    valid: false,
    fields: [`${C1}.ports[0].hostPort`],
  },

  // --- env ---
  ...['abc', 'ABC', 'AbC_123', 'a.b.c', 'a-b-c'].map((name): UpstreamCase => ({
    upstream: `${ENV} successCase "${name}"`,
    manifest: env({ name, value: 'value' }),
    valid: true,
  })),
  { upstream: `${ENV} successCase "abc" with an empty value`, manifest: env({ name: 'abc', value: '' }), valid: true },
  {
    upstream: `${ENV} successCase fieldRef metadata.annotations['key']`,
    manifest: env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['key']" } } }),
    valid: true,
  },
  {
    upstream: `${ENV} successCase secretKeyRef`,
    manifest: env({ name: 'secret_value', valueFrom: { secretKeyRef: { name: 'some-secret', key: 'secret-key' } } }),
    valid: true,
  },
  {
    upstream: `${ENV} successCase configMapKeyRef`,
    manifest: env({ name: 'ENV_VAR_1', valueFrom: { configMapKeyRef: { name: 'some-config-map', key: 'some-key' } } }),
    valid: true,
  },
  ...[['a', '!"#$%&\'()'], ['b', '* +,-./0123456789'], ['c', ':;<>?@'], ['d', '[\\]^_{}|~']].map(([id, name]): UpstreamCase => ({
    upstream: `${ENV} updateErrorCase "invalid name ${id}" / ${RELAXED} successCase`,
    manifest: env({ name, value: 'value' }),
    valid: true,
    acceptedFrom: 32,
    fields: [`${C0}.env[0].name`],
    note: RELAXED_ENV_NOTE,
  })),
  {
    upstream: `${T} "invalid env var name"`,
    manifest: deployment(ctr('abc', { env: [{ name: 'ev!1' }] })),
    valid: true,
    acceptedFrom: 32,
    fields: [`${C0}.env[0].name`],
    note: `upstream runs this with relaxed validation off and expects Invalid; ${RELAXED_ENV_NOTE}`,
  },
  {
    upstream: 'apimachinery IsEnvVarName: starts with a digit',
    manifest: env({ name: '1abc', value: 'value' }),
    valid: true,
    acceptedFrom: 32,
    fields: [`${C0}.env[0].name`],
    note: RELAXED_ENV_NOTE,
  },
  {
    upstream: 'apimachinery IsEnvVarName: hasChDirPrefix ".."',
    manifest: env({ name: '..', value: 'value' }),
    valid: true,
    acceptedFrom: 32,
    fields: [`${C0}.env[0].name`],
    note: `the strict check also rejects ".", ".." and names starting with ".."; IsRelaxedEnvVarName has no such check. ${RELAXED_ENV_NOTE}`,
  },
  {
    upstream: `${RELAXED} "illegal character"`,
    manifest: env({ name: '=abc' }),
    valid: false,
    fields: [`${C0}.env[0].name`],
  },
  {
    upstream: 'apimachinery IsRelaxedEnvVarName: non-ASCII',
    manifest: env({ name: 'café', value: 'value' }),
    valid: false,
    fields: [`${C0}.env[0].name`],
  },
  { upstream: `${ENV} "zero-length name"`, manifest: env({ name: '' }), valid: false, fields: [`${C0}.env[0].name`] },
  {
    upstream: `${ENV} "value and valueFrom specified"`,
    manifest: env({ name: 'abc', value: 'foo', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }),
    valid: false,
    fields: [`${C0}.env[0].valueFrom`],
  },
  {
    upstream: `${ENV} "valueFrom without a source"`,
    manifest: env({ name: 'abc', valueFrom: {} }),
    valid: false,
    fields: [`${C0}.env[0].valueFrom`],
  },
  {
    upstream: `${ENV} "valueFrom.fieldRef and valueFrom.secretKeyRef specified"`,
    manifest: env({
      name: 'abc',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, secretKeyRef: { name: 'a-secret', key: 'a-key' } },
    }),
    valid: false,
    fields: [`${C0}.env[0].valueFrom`],
  },
  {
    upstream: `${ENV} "missing FieldPath on ObjectFieldSelector"`,
    manifest: env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1' } } }),
    valid: false,
    fields: [`${C0}.env[0].valueFrom.fieldRef.fieldPath`],
  },
  {
    upstream: `${ENV} "missing APIVersion on ObjectFieldSelector"`,
    manifest: env({ name: 'abc', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
    valid: true,
    note: 'upstream expects Required on the internal object; v1 defaulting (SetDefaults_ObjectFieldSelector) sets apiVersion v1',
  },
  {
    upstream: `${ENV} "invalid fieldPath"`,
    manifest: env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.whoops' } } }),
    valid: false,
    fields: [`${C0}.env[0].valueFrom.fieldRef.fieldPath`],
  },
  {
    upstream: `${ENV} "unsupported fieldPath"`,
    manifest: env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.phase' } } }),
    valid: false,
    fields: [`${C0}.env[0].valueFrom.fieldRef.fieldPath`],
  },
  {
    upstream: `${ENV} "valueFrom.secretKeyRef.name invalid"`,
    manifest: env({ name: 'abc', valueFrom: { secretKeyRef: { name: '$%^&*#', key: 'a-key' } } }),
    valid: false,
    fields: [`${C0}.env[0].valueFrom.secretKeyRef.name`],
  },
  {
    upstream: `${T} success "env-from-source"`,
    manifest: deployment(ctr('env-from-source', { envFrom: [{ configMapRef: { name: 'test' } }] })),
    valid: true,
  },
  {
    upstream: `${T} "Invalid env from"`,
    manifest: deployment(ctr('env-from-source', { envFrom: [{ configMapRef: { name: '$%^&*#' } }] })),
    valid: false,
    fields: [`${C0}.envFrom[0].configMapRef.name`],
  },

  // --- probes: handlers ---
  { upstream: `${T} success "live-123"`, manifest: probed('livenessProbe', { ...TCP80, successThreshold: 1 }), valid: true },
  { upstream: `${T} success "startup-123"`, manifest: deployment(ctr('startup-123', { startupProbe: { ...TCP80, successThreshold: 1 } })), valid: true },
  { upstream: `${HANDLER} success exec ["echo"]`, manifest: probed('readinessProbe', EXEC), valid: true },
  { upstream: `${HANDLER} success httpGet path "/" port 1`, manifest: probed('readinessProbe', { httpGet: { path: '/', port: 1, scheme: 'HTTP' } }), valid: true },
  {
    upstream: `${HANDLER} success httpGet path "/foo" port 65535 host "host"`,
    manifest: probed('readinessProbe', { httpGet: { path: '/foo', port: 65535, host: 'host', scheme: 'HTTP' } }),
    valid: true,
  },
  {
    upstream: `${HANDLER} success httpGet named port "port"`,
    manifest: probed('readinessProbe', { httpGet: { path: '/', port: 'port', scheme: 'HTTP' } }),
    valid: true,
    note: 'the container declares no port named "port": validation only checks the name format; the kubelet fails the probe at runtime',
  },
  {
    upstream: `${HANDLER} success httpGet header "Host"`,
    manifest: probed('readinessProbe', { httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'Host', value: 'foo.example.com' }] } }),
    valid: true,
  },
  {
    upstream: `${HANDLER} success httpGet header "X-Forwarded-For" twice`,
    manifest: probed('readinessProbe', {
      httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'X-Forwarded-For', value: '1.2.3.4' }, { name: 'X-Forwarded-For', value: '5.6.7.8' }] },
    }),
    valid: true,
  },
  { upstream: `${HANDLER} error {} (no handler)`, manifest: probed('readinessProbe', { periodSeconds: 10 }), valid: false, fields: [`${C0}.readinessProbe`] },
  { upstream: `${HANDLER} error exec command []`, manifest: probed('readinessProbe', { exec: { command: [] } }), valid: false, fields: [`${C0}.readinessProbe.exec.command`] },
  {
    upstream: `${HANDLER} error httpGet path "" port 0`,
    manifest: probed('readinessProbe', { httpGet: { path: '', port: 0 } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet.port`],
    note: 'upstream also reports path Required on the internal object; v1 defaulting sets path "/" and scheme HTTP, so only the port is reported for a manifest',
  },
  {
    upstream: `${HANDLER} error httpGet port 65536`,
    manifest: probed('readinessProbe', { httpGet: { path: '/foo', port: 65536, host: 'host' } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet.port`],
  },
  {
    upstream: `${HANDLER} error httpGet port ""`,
    manifest: probed('readinessProbe', { httpGet: { path: '', port: '' } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet.port`],
  },
  {
    upstream: `${HANDLER} error httpGet header "Host:"`,
    manifest: probed('readinessProbe', { httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'Host:', value: 'foo.example.com' }] } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet.httpHeaders`],
  },
  {
    upstream: `${HANDLER} error httpGet header "X_Forwarded_For"`,
    manifest: probed('readinessProbe', { httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'X_Forwarded_For', value: 'foo.example.com' }] } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet.httpHeaders`],
  },
  {
    upstream: 'validation.go validateHTTPGetAction: scheme is HTTP or HTTPS',
    manifest: probed('readinessProbe', { httpGet: { path: '/', port: 80, scheme: 'http' } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet.scheme`],
  },
  {
    upstream: 'validation.go validateHTTPGetAction: named port with "--"',
    manifest: probed('readinessProbe', { httpGet: { path: '/', port: 'my--port' } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet.port`],
  },
  { upstream: 'validation.go validateTCPSocketAction: named port', manifest: probed('readinessProbe', { tcpSocket: { port: 'http' } }), valid: true },
  {
    upstream: 'validation.go validateTCPSocketAction: port 0',
    manifest: probed('readinessProbe', { tcpSocket: { port: 0 } }),
    valid: false,
    fields: [`${C0}.readinessProbe.tcpSocket.port`],
  },
  { upstream: 'validation.go validateGRPCAction: port 9090', manifest: probed('readinessProbe', { grpc: { port: 9090 } }), valid: true },
  {
    upstream: 'validation.go validateGRPCAction: port 0',
    manifest: probed('readinessProbe', { grpc: { port: 0 } }),
    valid: false,
    fields: [`${C0}.readinessProbe.grpc.port`],
    note: 'grpc.port is a number only (int32), checked with IsValidPortNum',
  },
  {
    upstream: 'validation.go validateGRPCAction: port 65536',
    manifest: probed('readinessProbe', { grpc: { port: 65536 } }),
    valid: false,
    fields: [`${C0}.readinessProbe.grpc.port`],
  },
  {
    upstream: 'validation.go validateHandler: two handler kinds',
    manifest: probed('readinessProbe', { ...EXEC, httpGet: { path: '/', port: 80 } }),
    valid: false,
    fields: [`${C0}.readinessProbe.httpGet`],
    note: '"may not specify more than 1 handler type", reported on the second kind in the order exec, httpGet, tcpSocket, grpc',
  },
  {
    upstream: `${T} "invalid liveness probe, no tcp socket port."`,
    manifest: probed('livenessProbe', { tcpSocket: {}, successThreshold: 1 }),
    valid: false,
    fields: [`${C0}.livenessProbe.tcpSocket.port`],
  },
  {
    upstream: `${T} "invalid liveness probe, no action."`,
    manifest: probed('livenessProbe', { successThreshold: 1 }),
    valid: false,
    fields: [`${C0}.livenessProbe`],
  },
  {
    upstream: `${PROBE} errorCases[0] (no handler)`,
    manifest: probed('readinessProbe', { timeoutSeconds: 10, initialDelaySeconds: 10 }),
    valid: false,
    fields: [`${C0}.readinessProbe`],
    note: 'Test_validateProbe\'s first case (an empty probe) expects the same Required "must specify a handler type"',
  },

  // --- probes: numbers ---
  ...['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'].map((f): UpstreamCase => ({
    upstream: `${PROBE} success ${f} 10`,
    manifest: probed('readinessProbe', { ...EXEC, [f]: 10 }),
    valid: true,
  })),
  ...['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'].map((f): UpstreamCase => ({
    upstream: `${PROBE2} ${f} -1`,
    manifest: probed('readinessProbe', { ...EXEC, [f]: -1 }),
    valid: false,
    fields: [`${C0}.readinessProbe.${f}`],
    note: 'also TestValidateProbe errorCases with -10',
  })),
  ...['timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'].map((f): UpstreamCase => ({
    upstream: `pkg/apis/core/v1/defaults.go SetDefaults_Probe: ${f} 0`,
    manifest: probed('livenessProbe', { ...EXEC, [f]: 0 }),
    valid: true,
    note: DEFAULTED_PROBE_NOTE,
  })),
  { upstream: 'validation.go validateProbe: initialDelaySeconds 0', manifest: probed('livenessProbe', { ...EXEC, initialDelaySeconds: 0 }), valid: true },
  {
    upstream: `${T} "invalid liveness probe, successThreshold != 1"`,
    manifest: probed('livenessProbe', { ...TCP80, successThreshold: 2 }),
    valid: false,
    fields: [`${C0}.livenessProbe.successThreshold`],
  },
  {
    upstream: `${T} "invalid startup probe, successThreshold != 1"`,
    manifest: deployment(ctr('startup-123', { startupProbe: { ...TCP80, successThreshold: 2 } })),
    valid: false,
    fields: [`${C0}.startupProbe.successThreshold`],
  },
  { upstream: 'validation.go validateReadinessProbe: successThreshold above 1', manifest: probed('readinessProbe', { ...TCP80, successThreshold: 3 }), valid: true },
  {
    upstream: `${T} "invalid liveness probe, negative numbers"`,
    manifest: probed('livenessProbe', { ...TCP80, ...NEGATIVE }),
    valid: false,
    fields: negativeFields('livenessProbe', 'successThreshold'),
    note: 'successThreshold is reported twice: negative, and "must be 1"',
  },
  {
    upstream: `${T} "invalid readiness probe, negative numbers"`,
    manifest: deployment(ctr('ready-123', { readinessProbe: { ...TCP80, ...NEGATIVE } })),
    valid: false,
    fields: negativeFields('readinessProbe', 'terminationGracePeriodSeconds'),
    note: 'terminationGracePeriodSeconds is reported twice: "must be greater than 0", and "must not be set for readinessProbes"',
  },
  {
    upstream: `${T} "invalid startup probe, negative numbers"`,
    manifest: deployment(ctr('startup-123', { startupProbe: { ...TCP80, ...NEGATIVE } })),
    valid: false,
    fields: negativeFields('startupProbe', 'successThreshold'),
    note: 'successThreshold is reported twice: negative, and "must be 1"',
  },
  {
    upstream: `${T} "invalid readiness probe, terminationGracePeriodSeconds set."`,
    manifest: deployment(ctr('life-123', { readinessProbe: { ...TCP80, terminationGracePeriodSeconds: 10 } })),
    valid: false,
    fields: [`${C0}.readinessProbe.terminationGracePeriodSeconds`],
  },
  {
    upstream: `${PROBE2} terminationGracePeriodSeconds -1`,
    manifest: probed('livenessProbe', { ...EXEC, terminationGracePeriodSeconds: -1 }),
    valid: false,
    fields: [`${C0}.livenessProbe.terminationGracePeriodSeconds`],
  },
  {
    upstream: `${PROBE2} terminationGracePeriodSeconds 0`,
    manifest: probed('livenessProbe', { ...EXEC, terminationGracePeriodSeconds: 0 }),
    valid: false,
    fields: [`${C0}.livenessProbe.terminationGracePeriodSeconds`],
  },
  { upstream: `${PROBE2} terminationGracePeriodSeconds 1`, manifest: probed('livenessProbe', { ...EXEC, terminationGracePeriodSeconds: 1 }), valid: true },

  // --- lifecycle handlers ---
  { upstream: `${T} success "life-123"`, manifest: deployment(ctr('life-123', { lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } })), valid: true },
  {
    upstream: `${T} "invalid lifecycle, no exec command."`,
    manifest: deployment(ctr('life-123', { lifecycle: { preStop: { exec: {} } } })),
    valid: false,
    fields: [`${C0}.lifecycle.preStop.exec.command`],
  },
  {
    upstream: `${T} "invalid lifecycle, no http path."`,
    manifest: deployment(ctr('life-123', { lifecycle: { preStop: { httpGet: { port: 80, scheme: 'HTTP' } } } })),
    valid: true,
    note: 'upstream expects Required on the internal object; v1 defaulting (SetDefaults_HTTPGetAction) sets path "/"',
  },
  {
    upstream: `${T} "invalid lifecycle, no http port."`,
    manifest: deployment(ctr('life-123', { lifecycle: { preStop: { httpGet: { path: '/', scheme: 'HTTP' } } } })),
    valid: false,
    fields: [`${C0}.lifecycle.preStop.httpGet.port`],
  },
  {
    upstream: `${T} "invalid lifecycle, no http scheme."`,
    manifest: deployment(ctr('life-123', { lifecycle: { preStop: { httpGet: { path: '/', port: 80 } } } })),
    valid: true,
    note: 'upstream expects NotSupported on the internal object; v1 defaulting (SetDefaults_HTTPGetAction) sets scheme HTTP',
  },
  {
    upstream: `${T} "invalid lifecycle, no tcp socket port."`,
    manifest: deployment(ctr('life-123', { lifecycle: { preStop: { tcpSocket: {} } } })),
    valid: false,
    fields: [`${C0}.lifecycle.preStop.tcpSocket.port`],
  },
  {
    upstream: `${T} "invalid lifecycle, zero tcp socket port."`,
    manifest: deployment(ctr('life-123', { lifecycle: { preStop: { tcpSocket: { port: 0 } } } })),
    valid: false,
    fields: [`${C0}.lifecycle.preStop.tcpSocket.port`],
  },
  {
    upstream: `${T} "invalid lifecycle, no action."`,
    manifest: deployment(ctr('life-123', { lifecycle: { preStop: {} } })),
    valid: false,
    fields: [`${C0}.lifecycle.preStop`],
  },

  // --- resources ---
  {
    upstream: `${T} success "resources-test"`,
    manifest: deployment(ctr('resources-test', { resources: { limits: { 'cpu': '10', 'memory': '10G', 'my.org/resource': '10' } } })),
    valid: true,
  },
  {
    upstream: `${T} success "resources-test-with-request-and-limit"`,
    manifest: deployment(ctr('resources-test-with-request-and-limit', {
      resources: { requests: { cpu: '10', memory: '10G' }, limits: { cpu: '10', memory: '10G' } },
    })),
    valid: true,
  },
  {
    upstream: `${T} success "resources-request-limit-simple"`,
    manifest: deployment(ctr('resources-request-limit-simple', { resources: { requests: { cpu: '8' }, limits: { cpu: '10' } } })),
    valid: true,
  },
  {
    upstream: `${T} success "resources-request-limit-edge"`,
    manifest: deployment(ctr('resources-request-limit-edge', {
      resources: {
        requests: { 'cpu': '10', 'memory': '10G', 'my.org/resource': '10' },
        limits: { 'cpu': '10', 'memory': '10G', 'my.org/resource': '10' },
      },
    })),
    valid: true,
  },
  {
    upstream: `${T} success "resources-request-limit-partials"`,
    manifest: deployment(ctr('resources-request-limit-partials', {
      resources: { requests: { cpu: '9.5', memory: '10G' }, limits: { 'cpu': '10', 'my.org/resource': '10' } },
    })),
    valid: true,
  },
  {
    upstream: `${T} success "resources-request"`,
    manifest: deployment(ctr('resources-request', { resources: { requests: { cpu: '9.5', memory: '10G' } } })),
    valid: true,
  },
  {
    upstream: `${T} "invalid compute resource"`,
    manifest: resources({ limits: { disk: '10G' } }),
    valid: false,
    fields: [`${C0}.resources.limits.disk`, `${C0}.resources.limits.disk`],
    note: 'upstream writes the path limits[disk]; two messages on one field',
  },
  {
    upstream: `${T} "Resource CPU invalid"`,
    manifest: resources({ limits: { cpu: '-10', memory: '0' } }),
    valid: false,
    fields: [`${C0}.resources.limits.cpu`],
  },
  {
    upstream: `${T} "Resource Requests CPU invalid"`,
    manifest: resources({ requests: { cpu: '-10', memory: '0' } }),
    valid: false,
    fields: [`${C0}.resources.requests.cpu`],
  },
  {
    upstream: `${T} "Resource Memory invalid"`,
    manifest: resources({ limits: { cpu: '0', memory: '-10' } }),
    valid: false,
    fields: [`${C0}.resources.limits.memory`],
  },
  {
    upstream: `${T} "Request limit simple invalid"`,
    manifest: resources({ limits: { cpu: '5', memory: '3' }, requests: { cpu: '6', memory: '3' } }),
    valid: false,
    fields: [`${C0}.resources.requests`],
    note: 'request above limit is reported on resources.requests itself, not on the resource key',
  },
  {
    upstream: `${T} "CPU request limit multiple invalid"`,
    manifest: resources({ limits: { cpu: '5', memory: '3' }, requests: { cpu: '6', memory: '3' } }),
    valid: false,
    fields: [`${C0}.resources.requests`],
  },
  {
    upstream: `${T} "Memory request limit multiple invalid"`,
    manifest: resources({ limits: { cpu: '5', memory: '3' }, requests: { cpu: '5', memory: '4' } }),
    valid: false,
    fields: [`${C0}.resources.requests`],
  },
  {
    upstream: 'validation.go ValidateContainerResourceRequirements: ephemeral-storage request above limit',
    manifest: resources({ limits: { 'ephemeral-storage': '1Gi' }, requests: { 'ephemeral-storage': '2Gi' } }),
    valid: false,
    fields: [`${C0}.resources.requests`],
  },
  {
    upstream: 'validation.go ValidateContainerResourceRequirements: quantities compare by value (1 == 1000m)',
    manifest: resources({ limits: { cpu: '1' }, requests: { cpu: '1000m' } }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateContainerResourceRequirements: 1001m above 1',
    manifest: resources({ limits: { cpu: '1' }, requests: { cpu: '1001m' } }),
    valid: false,
    fields: [`${C0}.resources.requests`],
  },
  {
    upstream: 'validation.go ValidateContainerResourceRequirements: extended resource request without a limit',
    manifest: resources({ requests: { 'my.org/resource': '10' } }),
    valid: false,
    fields: [`${C0}.resources.limits`],
    note: '"Limit must be set for non overcommitable resources"; on a Pod the same',
  },
  {
    upstream: 'validation.go ValidateContainerResourceRequirements: extended resource request below its limit',
    manifest: resources({ requests: { 'my.org/resource': '5' }, limits: { 'my.org/resource': '10' } }),
    valid: false,
    fields: [`${C0}.resources.requests`],
    note: 'non-overcommitable resources need request equal to limit',
  },
  {
    upstream: `${T} "Invalid storage limit request"`,
    manifest: resources({ limits: { 'attachable-volumes-aws-ebs': '10' } }),
    valid: false,
    fields: [`${C0}.resources.limits.attachable-volumes-aws-ebs`, `${C0}.resources.limits.attachable-volumes-aws-ebs`],
    note: 'upstream writes the path limits[attachable-volumes-aws-ebs]; two messages on one field',
  },
];
