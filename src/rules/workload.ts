import { EXAMPLE_LABELS, deploymentObject, deploymentWithPodSpec, podObject } from './example-objects';
import { checkDns1123Label, checkDns1123Subdomain, checkIanaServiceName, checkLabels, checkNumberOrName, checkPortNumber, isDns1123Subdomain, isHttpHeaderName, isInt32, isPortNumber, isQualifiedName, isRelaxedEnvVarName, isStrictEnvVarName, isUnset, mapField, parseQuantity } from './formats';
import { hasNameOrGenerateName } from './metadata';
import { PROTOCOLS } from './service';
import { expectType } from './types';
import { protocolOf } from '../model/defaults';
import { Issue, Severity, issue, FindingType } from '../model/finding';
import { defineKind, TEMPLATE_PODS } from '../model/kinds';
import { metadataOf } from '../model/object';
import { append, list, obj, Plain, key, seenBefore, show, text, listSome } from '../model/plain';
import { CheckContext, defineRule, derived, RuleBasics, ruleExamples } from '../model/rule';
import { rejectedBefore, rejectedFrom, relaxedIn } from '../model/versions';


/** The workloads: their pods are the pod template (`spec.template`). apps/v1beta1 and v1beta2, and extensions/v1beta1, stopped being served in 1.16. */
export const DEPLOYMENT = defineKind({ kind: 'Deployment', group: 'apps', versions: ['v1'], unserved: { 'apps/v1beta1': 16, 'apps/v1beta2': 16, 'extensions/v1beta1': 16 }, checked: true, pods: TEMPLATE_PODS });
export const STATEFUL_SET = defineKind({ kind: 'StatefulSet', group: 'apps', versions: ['v1'], unserved: { 'apps/v1beta1': 16, 'apps/v1beta2': 16 }, checked: true, pods: TEMPLATE_PODS });
export const DAEMON_SET = defineKind({ kind: 'DaemonSet', group: 'apps', versions: ['v1'], unserved: { 'apps/v1beta2': 16, 'extensions/v1beta1': 16 }, checked: true, pods: TEMPLATE_PODS });
/** A Pod: its pod is itself. */
export const POD = defineKind({ kind: 'Pod', group: '', versions: ['v1'], checked: true, pods: { spec: m => obj(obj(m).spec), labels: m => obj(metadataOf(m).labels) } });
/** The workloads, and every kind that runs pods. */
export const WORKLOAD_KINDS = [DEPLOYMENT.kind, STATEFUL_SET.kind, DAEMON_SET.kind];
const POD_KINDS = [...WORKLOAD_KINDS, POD.kind];

/** The probes of a container. */
export const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** @internal The pod of a workload or Pod, and where it sits in the manifest. */
export interface PodView {
  readonly kind: string;
  readonly isPod: boolean;
  /** The field path of the pod spec: `spec.template.spec`, or `spec` for a Pod. */
  readonly path: string;
  readonly spec: Plain;
  readonly containers: ReadonlyArray<Plain>;
  /** The init containers: native sidecars (`restartPolicy: Always`) among them. */
  readonly initContainers: ReadonlyArray<Plain>;
  /** The field path of each container, `spec.template.spec.containers[0]`, ... */
  readonly containerPaths: readonly string[];
  /** The field path of each init container. */
  readonly initContainerPaths: readonly string[];
}

/** @internal */
export function podOf(m: any): PodView {
  const kind = typeof obj(m).kind === 'string' ? m.kind : 'Deployment';
  const isPod = kind === 'Pod';
  const spec = isPod ? obj(obj(m).spec) : obj(obj(obj(obj(m).spec).template).spec);
  const path = isPod ? 'spec' : 'spec.template.spec';
  const containers = list(spec.containers).map(obj);
  const initContainers = list(spec.initContainers).map(obj);
  return {
    kind,
    isPod,
    path,
    spec,
    containers,
    initContainers,
    containerPaths: containers.map((_, i) => `${path}.containers[${i}]`),
    initContainerPaths: initContainers.map((_, i) => `${path}.initContainers[${i}]`),
  };
}

/** Whether an init container is a native sidecar: it runs beside the containers (SidecarContainers, on from 1.29). */
export function isSidecar(c: Plain): boolean {
  return c.restartPolicy === 'Always';
}

/** @internal Runs `check` on every container with its field path. */
export function eachContainer(pod: PodView, check: (c: Plain, f: string, i: number) => Issue[]): Issue[] {
  const out: Issue[] = [];
  for (let i = 0; i < pod.containers.length; i++) append(out, check(pod.containers[i], pod.containerPaths[i], i));
  return out;
}

/** A way to visit the containers of a pod. */
type Visit = (pod: PodView, check: (c: Plain, f: string) => Issue[]) => Issue[];

/**
 * Runs `check` on every container and then every init container: what validateContainerCommon
 * checks of each alike (name, image, ports, env, resources, termination message policy).
 */
function eachPodContainer(pod: PodView, check: (c: Plain, f: string) => Issue[]): Issue[] {
  const out = eachContainer(pod, check);
  for (let i = 0; i < pod.initContainers.length; i++) append(out, check(pod.initContainers[i], pod.initContainerPaths[i]));
  return out;
}

/**
 * Runs `check` on every container and every native sidecar: what validateInitContainers checks
 * of a sidecar as of a container (probes, lifecycle hooks); a plain init container may have neither.
 */
function eachRunningContainer(pod: PodView, check: (c: Plain, f: string) => Issue[]): Issue[] {
  const out = eachContainer(pod, check);
  for (let i = 0; i < pod.initContainers.length; i++) {
    if (isSidecar(pod.initContainers[i])) append(out, check(pod.initContainers[i], pod.initContainerPaths[i]));
  }
  return out;
}

function podRule(def: RuleBasics & { readonly kinds?: string[] },
  check: (pod: PodView, ctx: CheckContext, m: any) => Issue[]) {
  return defineRule({ scope: 'object', kinds: POD_KINDS, severity: Severity.ERROR, ...def }, (m, ctx) => check(derived(m, podOf), ctx, m));
}

function workloadSpec(m: any): Plain {
  return obj(obj(m).spec);
}

export const workloadName = podRule({
  id: 'workload-name',
  summary: 'a workload or Pod has a name, a DNS-1123 subdomain (a StatefulSet\'s a DNS-1123 label)',
  prevents: 'ValidateObjectMeta: the name is required and must be a DNS-1123 subdomain; ValidateStatefulSetName: a StatefulSet name is a DNS-1123 label (kubernetes PR 114172, since 1.27)',
}, (pod, _, m) => {
  const name = metadataOf(m).name;
  if (typeof name !== 'string' || name === '') return hasNameOrGenerateName(m) ? [] : [issue('metadata.name', `a ${pod.kind} needs a name (or generateName)`, 'set name')];
  if (pod.kind === 'StatefulSet') return checkDns1123Label('metadata.name', name, 'StatefulSet name', 'use at most 63 lowercase letters, digits and \'-\' (no \'.\'): it becomes the pods\' hostnames');
  return checkDns1123Subdomain('metadata.name', name, `${pod.kind} name`, 'use lowercase letters, digits, \'-\' and \'.\'');
});

export const workloadReplicas = podRule({
  id: 'workload-replicas',
  kinds: ['Deployment', 'StatefulSet'],
  summary: 'replicas is an integer >= 0',
  prevents: 'ValidateDeploymentSpec: replicas must be greater than or equal to 0',
}, (_, __, m) => {
  const r = workloadSpec(m).replicas;
  if (r === undefined || r === null || (typeof r === 'number' && Number.isInteger(r) && r >= 0)) return [];
  return [issue('spec.replicas', `${show(r)} is not a valid replica count: must be an integer >= 0`, 'use 0 to scale down')];
});

export const workloadSelector = podRule({
  id: 'workload-selector',
  kinds: WORKLOAD_KINDS,
  summary: 'a workload has a non-empty selector that matches its pod template labels',
  prevents: 'ValidateDeploymentSpec: "selector does not match template labels", and an empty selector is rejected',
}, (pod, _, m) => {
  const selector = obj(workloadSpec(m).selector);
  const matchLabels = obj(selector.matchLabels);
  if (Object.keys(matchLabels).length === 0 && list(selector.matchExpressions).length === 0) {
    return [issue('spec.selector', `a ${pod.kind} needs a non-empty selector`, 'select the pod template labels')];
  }
  const out = checkLabels('spec.selector.matchLabels', matchLabels);
  const labels = obj(obj(obj(workloadSpec(m).template).metadata).labels);
  for (const [k, v] of Object.entries(matchLabels)) {
    if (labels[k] !== v) {
      out.push(issue(mapField('spec.template.metadata.labels', k), `${show(labels[k] ?? null)} does not match the selector ${k}=${show(v)}: the selector must match the pod template labels`, 'add the label to the template'));
    }
  }
  return out;
});

export const workloadTemplateLabels = podRule({
  id: 'workload-template-labels',
  kinds: WORKLOAD_KINDS,
  summary: 'pod template labels are valid labels',
  prevents: 'ValidatePodTemplateSpec: the template\'s labels are validated as labels',
}, (_, __, m) => checkLabels('spec.template.metadata.labels', obj(obj(workloadSpec(m).template).metadata).labels));

export const workloadContainers = podRule({
  id: 'workload-containers',
  summary: 'a pod has at least one container',
  prevents: 'ValidatePodSpec: containers is required',
}, pod => {
  const containers = expectType(`${pod.path}.containers`, pod.spec.containers, 'list');
  if (containers.length > 0) return containers;
  const out = pod.containers.length === 0 ? [issue(`${pod.path}.containers`, 'a pod needs at least one container', 'add a container')] : [];
  // command and args are lists of strings: `args: --verbose` does not decode
  return [...out, ...eachPodContainer(pod, (c, f) => [...expectType(`${f}.command`, c.command, 'list'), ...expectType(`${f}.args`, c.args, 'list')])];
});

export const containerName = podRule({
  id: 'container-name',
  summary: 'a container or init container has a name, a DNS-1123 label unique among the pod\'s containers and init containers',
  prevents: 'validateContainers / validateInitContainers: the name is required, a DNS-1123 label, and unique across containers and init containers',
}, pod => {
  const names = new Map<unknown, string>();
  return eachPodContainer(pod, (c, f) => {
    if (typeof c.name !== 'string' || c.name === '') return [issue(`${f}.name`, 'a container needs a name', 'set one, e.g. "app"')];
    const out = checkDns1123Label(`${f}.name`, c.name, 'container name', 'use lowercase letters, digits and \'-\'');
    const first = seenBefore(names, c.name, f.slice(pod.path.length + 1));
    if (first !== undefined) out.push(issue(`${f}.name`, `${show(c.name)} is already the name of ${first}; container names must be unique in the pod, init containers included`, 'rename one of them'));
    return out;
  });
});

export const containerImage = podRule({
  id: 'container-image',
  severity: Severity.WARNING,
  constructSeverity: Severity.ERROR,
  summary: 'a container has a non-empty image without surrounding white space',
  prevents: 'validateContainerCommon: an empty image is rejected; validateContainersOnlyForPod: a Pod with a space-padded image is rejected (pod templates accept one, for platforms that fill the image in later)',
}, pod => eachPodContainer(pod, (c, f) => {
  const image = c.image;
  if (typeof image === 'string' && image !== '' && image.trim() === image) return [];
  if (typeof image !== 'string' || image === '') {
    return [{ ...issue(`${f}.image`, `${show(image ?? '')} is not an image: a container needs a non-empty image`, 'set image, e.g. "nginx:1.27"'), severity: Severity.ERROR }];
  }
  const out = issue(`${f}.image`, `${show(image)} has surrounding white space: ${pod.isPod ? 'a Pod rejects it' : 'a pod template accepts it, but the Pods it creates are rejected unless something rewrites the image'}`, `use ${show(image.trim())}`);
  return [pod.isPod ? { ...out, severity: Severity.ERROR } : out];
}));

/** Runs `check` on every port of every container, with a map that is fresh for each container (for uniqueness rules). */
function eachContainerPort(pod: PodView, check: (p: Plain, f: string, j: number, seen: Map<unknown, number>) => Issue[],
  visit: Visit = eachPodContainer): Issue[] {
  return visit(pod, (c, f) => {
    const seen = new Map<unknown, number>();
    return list(c.ports).flatMap((p, j) => check(obj(p), `${f}.ports[${j}]`, j, seen));
  });
}

export const containerPortProtocol = podRule({
  id: 'container-port-protocol',
  summary: 'a container port\'s protocol is TCP, UDP or SCTP',
  prevents: 'validateContainerPorts: protocol is one of TCP, UDP, SCTP (case-sensitive)',
}, pod => eachContainerPort(pod, (p, f) => {
  const protocol = protocolOf(p);
  return PROTOCOLS.includes(protocol) ? [] : [issue(`${f}.protocol`, `${show(p.protocol)} is not a protocol: allowed are TCP, UDP, SCTP (case-sensitive)`, 'use TCP, UDP or SCTP')];
}));

export const containerPortNumber = podRule({
  id: 'container-port-number',
  summary: 'containerPort and hostPort are integers in 1-65535',
  prevents: 'validateContainerPorts: containerPort is required and in 1-65535; hostPort in 1-65535 when set',
}, pod => [...eachPodContainer(pod, (c, f) => expectType(`${f}.ports`, c.ports, 'list')), ...eachContainerPort(pod, (p, f) => [
  ...checkPortNumber(`${f}.containerPort`, p.containerPort, 'set the port the container listens on'),
  ...(p.hostPort === undefined || p.hostPort === null || p.hostPort === 0 ? [] : checkPortNumber(`${f}.hostPort`, p.hostPort, 'set a hostPort in 1-65535 or remove it')),
])]);

export const containerPortName = podRule({
  id: 'container-port-name',
  summary: 'a container port name is an IANA service name, unique in its container',
  prevents: 'validateContainerPorts: name must be an IANA_SVC_NAME and unique within the container',
}, pod => eachContainerPort(pod, (p, f, j, names) => {
  if (p.name === undefined || p.name === null || p.name === '') return [];
  const out = checkIanaServiceName(`${f}.name`, p.name, 'container port name', 'use at most 15 lowercase letters, digits and \'-\', e.g. "http"');
  const first = seenBefore(names, p.name, j);
  if (first !== undefined) out.push(issue(`${f}.name`, `${show(p.name)} is already the name of ports[${first}]; port names must be unique within a container`, 'rename one'));
  return out;
}));

export const containerPortUnique = podRule({
  id: 'container-port-unique',
  type: FindingType.DUPLICATE,
  severity: Severity.WARNING,
  constructSeverity: Severity.ERROR,
  summary: 'each port and protocol is declared once in a container',
  prevents: 'a duplicate declaration that the API server accepts (with a warning) and that makes the named port ambiguous',
}, pod => eachContainerPort(pod, (p, f, j, seen) => {
  if (!isPortNumber(p.containerPort)) return [];
  const k = `${p.containerPort}/${protocolOf(p)}`;
  const first = seenBefore(seen, k, j);
  return first === undefined ? [] : [issue(`${f}.containerPort`, `${k} is already declared by ports[${first}]`, 'declare each port and protocol once')];
}));

/** Runs `check` on every probe handler's port of every container. */
function eachProbePort(pod: PodView, check: (port: unknown, f: string, handler: string, c: Plain) => Issue[]): Issue[] {
  return eachRunningContainer(pod, (c, f) => {
    const out: Issue[] = [];
    for (const probe of PROBES) {
      if (c[probe] === undefined || c[probe] === null) continue;
      for (const handler of HANDLERS) {
        const h = obj(obj(c[probe])[handler]);
        if (h.port !== undefined && h.port !== null) append(out, check(h.port, `${f}.${probe}.${handler}.port`, handler, c));
      }
    }
    return out;
  });
}

export const probePort = podRule({
  id: 'probe-port',
  summary: 'a probe port is a number in 1-65535, or an IANA name (httpGet, tcpSocket)',
  prevents: 'validateProbe / validatePortNumOrName: the API server rejects a malformed probe port; gRPC ports are numbers',
}, pod => eachProbePort(pod, (port, f, handler) => (handler === 'grpc' || typeof port !== 'string'
  ? checkPortNumber(f, port, 'use the port the probe should reach')
  : checkNumberOrName(f, port, 'probe port'))));

export const probePortUndeclared = podRule({
  id: 'probe-port-undeclared',
  type: FindingType.NOT_FOUND,
  summary: 'a probe that names a port names one its container declares',
  prevents: 'a probe that always fails at runtime: the kubelet reports "couldn\'t find port" and restarts or never readies the pod',
}, pod => eachProbePort(pod, (port, f, handler, c) => {
  if (handler === 'grpc' || typeof port !== 'string') return [];
  const declared = list(c.ports).map(obj).filter(p => p.name !== undefined && p.name !== null && p.name !== '').map(p => text(p.name));
  if (declared.includes(port)) return [];
  return [issue(f, `${show(port)} names no port of this container (the kubelet fails the probe with "couldn't find port"); declared: ${declared.length ? listSome(declared, d => d) : 'none'}`, 'name a declared port, or use a number')];
}));

export const probeSuccessThreshold = podRule({
  id: 'probe-success-threshold',
  summary: 'liveness and startup probes have successThreshold 1',
  prevents: 'validateProbe: "must be 1" for livenessProbe and startupProbe successThreshold',
}, pod => eachRunningContainer(pod, (c, f) => (['livenessProbe', 'startupProbe'] as const).flatMap(kind => {
  const t = obj(c[kind]).successThreshold;
  // 0 is unset: v1 defaulting (SetDefaults_Probe) makes it 1 before validation
  return t === undefined || t === null || t === 0 || t === 1 || !isInt32(t) ? []
    : [issue(`${f}.${kind}.successThreshold`, `${show(t)} is not allowed: a ${kind} must have successThreshold 1`, 'remove it or set 1')];
})));

/** The handler kinds of a probe, in the order the API server checks them. */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
/** The handler kinds of a lifecycle hook; `sleep` is accepted from 1.30 (PodLifecycleSleepAction) and never rejected here. */
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const SCHEMES = ['HTTP', 'HTTPS'];

/**
 * The problems of one handler (a probe's or a lifecycle hook's): exactly one kind; an exec
 * command; an httpGet or tcpSocket port; an httpGet scheme and header names; a gRPC port.
 * `ports` says whether present ports are checked here (hooks) or by probe-port (probes).
 */
function checkHandler(h: Plain, f: string, kinds: readonly string[], checkPorts: boolean): Issue[] {
  const set = kinds.filter(k => !isUnset(h[k]));
  if (set.length === 0) return [issue(f, `must specify a handler type: one of ${kinds.join(', ')}`, 'add one, e.g. httpGet with a path and port')];
  const out: Issue[] = [];
  if (set.length > 1) out.push(issue(`${f}.${set[1]}`, `may not specify more than 1 handler type: ${set.join(' and ')} are set`, `keep one of ${set.join(', ')}`));
  const exec = h.exec;
  if (!isUnset(exec)) {
    const command = obj(exec).command;
    if (!Array.isArray(command) || command.length === 0) out.push(issue(`${f}.exec.command`, `${show(command ?? [])} is not a command: exec needs a non-empty command`, 'set command, e.g. ["cat", "/tmp/healthy"]'));
  }
  for (const kind of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    if (isUnset(h[kind])) continue;
    const action = obj(h[kind]);
    if (isUnset(action.port)) {
      out.push(issue(`${f}.${kind}.port`, `${kind === 'httpGet' ? 'an' : 'a'} ${kind} handler needs a port`, 'set the port number or a container port\'s name'));
    } else if (checkPorts) {
      out.push(...(kind === 'grpc' ? checkPortNumber(`${f}.${kind}.port`, action.port, 'use the port to reach')
        : checkNumberOrName(`${f}.${kind}.port`, action.port, `${kind} port`)));
    }
  }
  if (!isUnset(h.httpGet)) {
    const get = obj(h.httpGet);
    if (!isUnset(get.scheme) && get.scheme !== '' && !SCHEMES.includes(get.scheme)) {
      out.push(issue(`${f}.httpGet.scheme`, `${show(get.scheme)} is not a scheme: allowed are HTTP, HTTPS (case-sensitive)`, 'use HTTP or HTTPS'));
    }
    list(get.httpHeaders).forEach((header, k) => {
      const name = obj(header).name;
      if (!isHttpHeaderName(name)) out.push(issue(`${f}.httpGet.httpHeaders`, `${show(name)} (httpHeaders[${k}]) is not a valid HTTP header name: letters, digits and '-'`, 'fix the header name'));
    });
  }
  return out;
}

export const probeHandler = podRule({
  id: 'probe-handler',
  summary: 'a probe has exactly one handler (exec, httpGet, tcpSocket, grpc), complete and well formed',
  prevents: 'validateProbe / validateHandler: "must specify a handler type", "may not specify more than 1 handler type", exec.command and ports required, scheme HTTP or HTTPS, valid header names',
}, pod => eachRunningContainer(pod, (c, f) => PROBES.flatMap(kind => {
  const probe = c[kind];
  if (isUnset(probe)) return [];
  if (typeof probe !== 'object' || Array.isArray(probe)) return [issue(`${f}.${kind}`, `${show(probe)} is not a probe`, 'use a map with one handler, e.g. httpGet')];
  return checkHandler(probe, `${f}.${kind}`, PROBE_HANDLERS, false);
})));

/** A probe's numbers: each a non-negative int32 (0 means the default). */
const PROBE_NUMBERS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

export const probeNumbers = podRule({
  id: 'probe-numbers',
  summary: 'probe timings and thresholds are integers >= 0; terminationGracePeriodSeconds > 0 and not on a readinessProbe',
  prevents: 'validateProbe: ValidateNonnegativeField on each number (0 is defaulted), terminationGracePeriodSeconds "must be greater than 0" and "must not be set for readinessProbes"; a non-integer is rejected while decoding',
}, pod => eachRunningContainer(pod, (c, f) => PROBES.flatMap(kind => {
  const probe = obj(c[kind]);
  const out: Issue[] = [];
  for (const n of PROBE_NUMBERS) {
    const v = probe[n];
    if (isUnset(v) || (isInt32(v) && v >= 0)) continue;
    out.push(issue(`${f}.${kind}.${n}`, `${show(v)} is not valid: ${n} is a whole number of ${n.endsWith('Seconds') ? 'seconds' : 'probes'} >= 0 (0 or unset: the default)`, 'use a whole number, or leave it unset'));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (!isUnset(grace)) {
    if (kind === 'readinessProbe') {
      out.push(issue(`${f}.${kind}.terminationGracePeriodSeconds`, `${show(grace)} is not allowed: terminationGracePeriodSeconds must not be set for readinessProbes`, 'remove it; it applies to liveness and startup probes'));
    } else if (!(typeof grace === 'number' && Number.isSafeInteger(grace) && grace > 0)) {
      out.push(issue(`${f}.${kind}.terminationGracePeriodSeconds`, `${show(grace)} is not valid: must be a whole number of seconds > 0`, 'use e.g. 30, or leave it unset to use the pod\'s'));
    }
  }
  return out;
})));

export const containerLifecycle = podRule({
  id: 'container-lifecycle',
  summary: 'a lifecycle hook (postStart, preStop) has exactly one handler, complete and well formed',
  prevents: 'validateLifecycle / validateHandler: "must specify a handler type", exec.command and ports required, valid ports',
}, pod => eachRunningContainer(pod, (c, f) => (['postStart', 'preStop'] as const).flatMap(hook => {
  const h = obj(c.lifecycle)[hook];
  if (isUnset(h)) return [];
  if (typeof h !== 'object' || Array.isArray(h)) return [issue(`${f}.lifecycle.${hook}`, `${show(h)} is not a lifecycle handler`, 'use a map with one handler, e.g. exec')];
  return checkHandler(h, `${f}.lifecycle.${hook}`, HOOK_HANDLERS, true);
})));

const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

export const containerTerminationMessagePolicy = podRule({
  id: 'container-termination-message-policy',
  summary: 'terminationMessagePolicy is File or FallbackToLogsOnError',
  prevents: 'validateContainerCommon: an unsupported terminationMessagePolicy is rejected',
}, pod => eachPodContainer(pod, (c, f) => (isUnset(c.terminationMessagePolicy) || c.terminationMessagePolicy === '' || MESSAGE_POLICIES.includes(c.terminationMessagePolicy) ? []
  : [issue(`${f}.terminationMessagePolicy`, `${show(c.terminationMessagePolicy)} is not a termination message policy: allowed are File, FallbackToLogsOnError`, 'use File (the default) or FallbackToLogsOnError')])));

export const containerHostPortUnique = podRule({
  id: 'container-host-port-unique',
  type: FindingType.DUPLICATE,
  summary: 'each hostPort (with its protocol and hostIP) is used once in the pod',
  prevents: 'AccumulateUniqueHostPorts: the API server rejects two containers of a pod on the same hostPort',
}, pod => {
  const seen = new Map<string, string>();
  return eachContainerPort(pod, (p, f) => {
    if (!isPortNumber(p.hostPort)) return [];
    const k = key(protocolOf(p), typeof p.hostIP === 'string' ? p.hostIP : '', p.hostPort);
    const first = seenBefore(seen, k, f);
    return first === undefined ? [] : [issue(`${f}.hostPort`, `${p.hostPort}/${protocolOf(p)} is already the hostPort of ${first}: a hostPort may be used once in a pod`, 'choose another hostPort, or remove it')];
  }, eachContainer); // the API checks init containers' hostPorts each on its own
});

/** The first release that accepts any printable ASCII but '=' in an environment variable name (RelaxedEnvironmentVariableValidation, on by default in 1.32). */
const ENV_NAME_RELAXED = 32;
/** The fieldRef paths an environment variable may read. */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** The first release whose env fieldRef accepts `status.hostIPs` (PodHostIPs beta, on from 1.29). */
const HOST_IPS_RELAXED = 29;
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

/** The problems of one environment variable's name (version-aware). */
function checkEnvName(name: unknown, f: string, ctx: CheckContext): Issue[] {
  if (typeof name !== 'string' || name === '') return [issue(f, `${show(name ?? '')} is not a name: an environment variable needs one`, 'set name')];
  if (isStrictEnvVarName(name)) return [];
  if (!isRelaxedEnvVarName(name)) {
    return [issue(f, `${show(name)} is not a valid environment variable name: printable ASCII characters other than '=' only`, 'rename it, e.g. "MY_VAR"')];
  }
  const severity = relaxedIn(ctx, ENV_NAME_RELAXED);
  return severity === undefined ? [] : [{
    field: f,
    message: `${show(name)} is not a C-style environment variable name (letters, digits, '_', '-', '.', not starting with a digit or '..'): ${rejectedBefore(ENV_NAME_RELAXED)}`,
    fix: 'rename it, e.g. "MY_VAR", if the cluster runs an older version',
    severity,
  }];
}

/** The problems of one valueFrom. */
function checkValueFrom(from: unknown, value: unknown, f: string, ctx: CheckContext): Issue[] {
  if (typeof value === 'string' && value !== '') {
    return [issue(f, 'may not be specified when value is not empty', 'keep value or valueFrom')];
  }
  const sources = ENV_SOURCES.filter(s => !isUnset(obj(from)[s]));
  if (sources.length !== 1) {
    return [issue(f, sources.length === 0 ? 'valueFrom needs a source: one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef'
      : `may not have more than one field specified at a time: ${sources.join(' and ')} are set`, 'set exactly one source')];
  }
  const src = obj(obj(from)[sources[0]]);
  const sf = `${f}.${sources[0]}`;
  if (sources[0] === 'fieldRef') {
    const path = src.fieldPath;
    if (typeof path !== 'string' || path === '') return [issue(`${sf}.fieldPath`, 'a fieldRef needs a fieldPath', 'set e.g. "metadata.name"')];
    const subscript = /^metadata\.(labels|annotations)\['([^']*)'\]$/.exec(path);
    if (path === 'status.hostIPs') {
      const severity = relaxedIn(ctx, HOST_IPS_RELAXED);
      return severity === undefined ? [] : [{ field: `${sf}.fieldPath`, message: `"status.hostIPs" is ${rejectedBefore(HOST_IPS_RELAXED)} (PodHostIPs)`, fix: 'use status.hostIP if the cluster runs an older version', severity }];
    }
    if (ENV_FIELD_PATHS.includes(path) || (subscript && isQualifiedName(subscript[2].toLowerCase()))) return [];
    return [issue(`${sf}.fieldPath`, `${show(path)} is not a field an environment variable may read: supported are ${ENV_FIELD_PATHS.join(', ')}, metadata.labels['<key>'], metadata.annotations['<key>']`, 'use one of them')];
  }
  if (sources[0] === 'configMapKeyRef' || sources[0] === 'secretKeyRef') {
    const what = sources[0] === 'secretKeyRef' ? 'Secret' : 'ConfigMap';
    const out: Issue[] = [];
    if (!(typeof src.name === 'string' && isDns1123Subdomain(src.name))) out.push(issue(`${sf}.name`, `${show(src.name ?? '')} is not a valid ${what} name: a DNS-1123 subdomain`, `name the ${what}`));
    if (!(typeof src.key === 'string' && /^[-._a-zA-Z0-9]+$/.test(src.key) && src.key.length <= 253)) out.push(issue(`${sf}.key`, `${show(src.key ?? '')} is not a valid key: letters, digits, '-', '_' and '.'`, `name a key of the ${what}`));
    return out;
  }
  return [];
}

export const containerEnv = podRule({
  id: 'container-env',
  summary: 'environment variables have valid names (relaxed in 1.32) and at most one well-formed value source; envFrom names valid ConfigMaps and Secrets',
  prevents: 'ValidateEnv / validateEnvFrom: invalid names ("1ABC", "bad name" before 1.32; "=" always), value with valueFrom, a valueFrom without exactly one source, unsupported fieldPaths, invalid ConfigMap and Secret names',
}, (pod, ctx) => eachPodContainer(pod, (c, f) => {
  const out: Issue[] = [...expectType(`${f}.env`, c.env, 'list'), ...expectType(`${f}.envFrom`, c.envFrom, 'list')];
  list(c.env).forEach((e, i) => {
    const env = obj(e);
    const ef = `${f}.env[${i}]`;
    out.push(...checkEnvName(env.name, `${ef}.name`, ctx), ...expectType(`${ef}.value`, env.value, 'string', 'quote the value'));
    if (!isUnset(env.valueFrom)) out.push(...checkValueFrom(env.valueFrom, env.value, `${ef}.valueFrom`, ctx));
  });
  list(c.envFrom).forEach((e, i) => {
    for (const [ref, what] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
      const r = obj(e)[ref];
      if (isUnset(r)) continue;
      const name = obj(r).name;
      if (!(typeof name === 'string' && isDns1123Subdomain(name))) out.push(issue(`${f}.envFrom[${i}].${ref}.name`, `${show(name ?? '')} is not a valid ${what} name: a DNS-1123 subdomain`, `name the ${what}`));
    }
  });
  return out;
}));

/** The resources a container may request besides extended ones. */
const STANDARD_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** Whether a resource name is one a container may use: standard, hugepages, or extended (a domain other than kubernetes.io). */
function isContainerResource(name: string): boolean {
  if (STANDARD_RESOURCES.includes(name) || /^hugepages-/.test(name)) return true;
  return isExtendedResource(name);
}

/** An extended resource: `domain/name` outside kubernetes.io, not `requests.*`. */
function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.') && isQualifiedName(name);
}

export const containerResources = podRule({
  id: 'container-resources',
  summary: 'resource names are container resources, quantities valid and >= 0, requests at most limits (extended resources: equal)',
  prevents: 'ValidateContainerResourceRequirements: unknown resource names, negative or malformed quantities ("lots", "1 GB"), a request above its limit, an extended resource without a limit or with a request that differs from it',
}, pod => eachPodContainer(pod, (c, f) => {
  const resources = obj(c.resources);
  const out: Issue[] = [];
  const values: { [which: string]: Map<string, number> } = { limits: new Map(), requests: new Map() };
  for (const which of ['limits', 'requests'] as const) {
    const m = resources[which];
    if (isUnset(m)) continue;
    const rf = `${f}.resources.${which}`;
    if (typeof m !== 'object' || Array.isArray(m)) {
      out.push(issue(rf, `${show(m)} is not a map of resources`, 'use e.g. { cpu: "500m", memory: "256Mi" }'));
      continue;
    }
    for (const [name, v] of Object.entries(m)) {
      const kf = mapField(rf, name);
      if (!isContainerResource(name)) {
        out.push(issue(kf, `${show(name)} is not a container resource: use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as "example.com/gpu"`, 'rename or remove it'));
        continue;
      }
      const q = parseQuantity(v);
      if (q === undefined) {
        out.push(issue(kf, `${show(v)} is not a quantity: a number with an optional suffix such as 500m, 1, 256Mi or 1G (no space)`, 'use e.g. "500m" or "256Mi"'));
      } else if (q < 0) {
        out.push(issue(kf, `${show(v)} must be greater than or equal to 0`, 'use a positive quantity'));
      } else {
        values[which].set(name, q);
      }
    }
  }
  const rf = `${f}.resources`;
  for (const [name, request] of values.requests) {
    const limit = values.limits.get(name);
    const raw = (which: string) => show(obj(resources[which])[name]);
    if (isExtendedResource(name)) {
      if (!Object.prototype.hasOwnProperty.call(obj(resources.limits), name)) {
        out.push(issue(`${rf}.limits`, `${name} has a request but no limit: extended resources cannot be overcommitted, so the limit must be set and equal the request`, `set limits ${name}: ${raw('requests')}`));
      } else if (limit !== undefined && limit !== request) {
        out.push(issue(mapField(`${rf}.requests`, name), `${raw('requests')} must equal the limit ${raw('limits')}: extended resources cannot be overcommitted`, 'make request and limit equal'));
      }
    } else if (limit !== undefined && request > limit) {
      out.push(issue(mapField(`${rf}.requests`, name), `${raw('requests')} is above the ${name} limit ${raw('limits')}: a request must be less than or equal to its limit`, 'lower the request or raise the limit'));
    }
  }
  return out;
}));

export const workloadRestartPolicy = podRule({
  id: 'workload-restart-policy',
  summary: 'a workload\'s pod template has restartPolicy Always; a Pod\'s is Always, OnFailure or Never',
  prevents: 'ValidatePodTemplateSpecForReplicaSet (and the StatefulSet and DaemonSet equivalents): "Unsupported value" for any restartPolicy but Always; ValidatePodSpec: Always, OnFailure or Never',
}, pod => {
  const policy = pod.spec.restartPolicy;
  if (isUnset(policy) || policy === '') return [];
  const allowed = pod.isPod ? ['Always', 'OnFailure', 'Never'] : ['Always'];
  return allowed.includes(policy) ? [] : [issue(`${pod.path}.restartPolicy`, `${show(policy)} is not supported${pod.isPod ? '' : ` in a ${pod.kind}`}: allowed ${pod.isPod ? 'are Always, OnFailure, Never' : 'is Always (use a Job for pods that finish)'}`, 'remove restartPolicy (Always is the default)')];
});

/** The first release that runs native sidecars: SidecarContainers is alpha (off) in 1.28, beta (on) from 1.29. */
const SIDECARS_RELAXED = 29;
/** The restart policies an init container may have once ContainerRestartRules exists (alpha in 1.34, on from 1.35). */
const CONTAINER_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

export const containerRestartPolicy = podRule({
  id: 'container-restart-policy',
  summary: 'an init container\'s restartPolicy, when set, is Always (a native sidecar) or a container restart policy',
  prevents: 'validateInitContainerRestartPolicy (from 1.29): "Unsupported value"; before 1.29 the field is dropped (workload-field-dropped says so)',
}, (pod, ctx) => pod.initContainers.flatMap((c, i) => {
  const policy = c.restartPolicy;
  if (isUnset(policy)) return [];
  const f = `${pod.path}.initContainers[${i}].restartPolicy`;
  // a value other than Always is left to releases that read it: OnFailure and Never depend on ContainerRestartRules;
  // Always before 1.29 is accepted and dropped (1.28: SidecarContainers off; 1.27: unknown), which workload-field-dropped reports
  if (CONTAINER_RESTART_POLICIES.includes(policy)) return [];
  const severity = rejectedFrom(ctx, SIDECARS_RELAXED);
  return severity === undefined ? [] : [{ field: f, message: `${show(policy)} is not a restart policy: use Always (a native sidecar), or leave it unset`, fix: 'use Always, or remove restartPolicy', severity }];
}));

/** The first release that validates a StatefulSet's serviceName on create (kubernetes PR 130233). */
const SERVICE_NAME_VALIDATED = 33;

export const workloadServiceNameLabel = podRule({
  id: 'workload-service-name-label',
  kinds: ['StatefulSet'],
  summary: 'a StatefulSet\'s serviceName, when set, is a DNS-1123 label',
  prevents: 'ValidateStatefulSetSpec (from 1.33, PR 130233): serviceName must be a DNS-1123 label; before 1.33 it is accepted, and the controller\'s every Pod create is rejected (it becomes the pods\' spec.subdomain)',
}, (_, ctx, m) => {
  const name = workloadSpec(m).serviceName;
  // a WebApp's serviceName is its governing Service's name: the Service's name rule reports it once
  if (ctx.construct || typeof name !== 'string' || name === '') return [];
  const note = rejectedFrom(ctx, SERVICE_NAME_VALIDATED) === Severity.ERROR ? '' : '; before 1.33 the API accepts it, and the controller cannot create the pods (it becomes their spec.subdomain)';
  return checkDns1123Label('spec.serviceName', name, 'StatefulSet serviceName', 'name the governing headless Service with at most 63 lowercase letters, digits and \'-\'')
    .map(i => ({ ...i, message: i.message + note }));
});

export const workloadTemplateForbidden = podRule({
  id: 'workload-template-forbidden',
  type: FindingType.FORBIDDEN,
  kinds: WORKLOAD_KINDS,
  summary: 'a workload\'s pod template has no activeDeadlineSeconds and no ephemeralContainers',
  prevents: 'ValidatePodTemplateSpecForReplicaSet: "activeDeadlineSeconds in ReplicaSet is not Supported"; ValidatePodTemplateSpec: "ephemeral containers not allowed in pod template"',
}, pod => {
  const out: Issue[] = [];
  if (!isUnset(pod.spec.activeDeadlineSeconds)) {
    out.push(issue(`${pod.path}.activeDeadlineSeconds`, `${show(pod.spec.activeDeadlineSeconds)} is not supported in a ${pod.kind}'s pod template: its pods run until replaced`, 'remove activeDeadlineSeconds (use a Job for a deadline)'));
  }
  if (!isUnset(pod.spec.ephemeralContainers)) {
    out.push(issue(`${pod.path}.ephemeralContainers`, 'ephemeral containers are not allowed in a pod template: they are added to running Pods with kubectl debug', 'remove ephemeralContainers'));
  }
  return out;
});

/** Whether a workload field is unset or a non-negative int32. */
function nonNegative(v: unknown): boolean {
  return isUnset(v) || (isInt32(v) && v >= 0);
}

export const workloadSpecNumbers = podRule({
  id: 'workload-spec-numbers',
  kinds: WORKLOAD_KINDS,
  summary: 'minReadySeconds, revisionHistoryLimit (not on a StatefulSet) and progressDeadlineSeconds are integers >= 0',
  prevents: 'ValidateDeploymentSpec (and the StatefulSet and DaemonSet equivalents): ValidateNonnegativeField on each; a StatefulSet\'s negative revisionHistoryLimit only gets a warning',
}, (pod, _, m) => {
  const spec = workloadSpec(m);
  const fields = ['minReadySeconds', ...(pod.kind === 'StatefulSet' ? [] : ['revisionHistoryLimit']), ...(pod.kind === 'Deployment' ? ['progressDeadlineSeconds'] : [])];
  return fields.filter(n => !nonNegative(spec[n])).map(n => issue(`spec.${n}`, `${show(spec[n])} is not valid: ${n} is a whole number >= 0`, 'use a whole number, or leave it unset for the default'));
});

/** What apps/v1 defaults progressDeadlineSeconds to. */
const DEFAULT_PROGRESS_DEADLINE = 600;

export const workloadProgressDeadline = podRule({
  id: 'workload-progress-deadline',
  kinds: ['Deployment'],
  summary: 'progressDeadlineSeconds (600 when unset) is greater than minReadySeconds',
  prevents: 'ValidateDeploymentSpec: progressDeadlineSeconds "must be greater than minReadySeconds"; apps/v1 defaults it to 600, so minReadySeconds >= 600 alone is rejected',
}, (_, __, m) => {
  const spec = workloadSpec(m);
  const min = spec.minReadySeconds;
  const given = spec.progressDeadlineSeconds;
  if (!isInt32(min) || min < 0 || !(isUnset(given) || isInt32(given))) return [];
  const deadline = isUnset(given) ? DEFAULT_PROGRESS_DEADLINE : given;
  if (deadline > min) return [];
  const what = isUnset(given) ? `the default progressDeadlineSeconds ${DEFAULT_PROGRESS_DEADLINE}` : `progressDeadlineSeconds ${given}`;
  return [issue('spec.progressDeadlineSeconds', `${what} must be greater than minReadySeconds ${min}`, `set progressDeadlineSeconds above ${min}, e.g. ${min + DEFAULT_PROGRESS_DEADLINE}`)];
});

/** An int-or-percent as maxSurge and maxUnavailable take: an integer >= 0 or "N%"; its value in percent or units. */
function intOrPercent(v: unknown): { readonly ok: boolean; readonly percent?: number; readonly value?: number } {
  if (isUnset(v)) return { ok: true };
  if (typeof v === 'number') return { ok: isInt32(v) && v >= 0, value: v };
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return { ok: true, percent: Number(v.slice(0, -1)) };
  return { ok: false };
}

export const workloadStrategy = podRule({
  id: 'workload-strategy',
  kinds: ['Deployment'],
  summary: 'the strategy is Recreate or RollingUpdate; maxSurge and maxUnavailable are >= 0 or a percent, not both 0, maxUnavailable at most 100%',
  prevents: 'ValidateDeploymentStrategy / ValidateRollingUpdateDeployment: unsupported type, rollingUpdate with Recreate, invalid int-or-percent, both 0, maxUnavailable above 100%',
}, (_, __, m) => {
  const strategy = workloadSpec(m).strategy;
  if (isUnset(strategy)) return [];
  const st = obj(strategy);
  const type = isUnset(st.type) || st.type === '' ? 'RollingUpdate' : st.type;
  if (!['Recreate', 'RollingUpdate'].includes(type)) {
    return [issue('spec.strategy.type', `${show(type)} is not a strategy: supported are Recreate, RollingUpdate`, 'use RollingUpdate (the default) or Recreate')];
  }
  const f = 'spec.strategy.rollingUpdate';
  if (type === 'Recreate') {
    return isUnset(st.rollingUpdate) ? [] : [issue(f, 'may not be specified when strategy type is Recreate', 'remove rollingUpdate, or use type RollingUpdate')];
  }
  const ru = obj(st.rollingUpdate);
  const out: Issue[] = [];
  const surge = intOrPercent(ru.maxSurge);
  const unavailable = intOrPercent(ru.maxUnavailable);
  for (const [n, r] of [['maxSurge', surge], ['maxUnavailable', unavailable]] as const) {
    if (!r.ok) out.push(issue(`${f}.${n}`, `${show(ru[n])} is not valid: ${n} is a whole number >= 0 or a percent such as "25%"`, 'use e.g. 1 or "25%"'));
  }
  if (unavailable.percent !== undefined && unavailable.percent > 100) {
    out.push(issue(`${f}.maxUnavailable`, `${show(ru.maxUnavailable)} must not be greater than 100%`, 'use at most "100%"'));
  }
  const zero = (r: { percent?: number; value?: number }, raw: unknown) => !isUnset(raw) && (r.percent === 0 || r.value === 0);
  if (surge.ok && unavailable.ok && zero(surge, ru.maxSurge) && zero(unavailable, ru.maxUnavailable)) {
    out.push(issue(`${f}.maxUnavailable`, 'may not be 0 when maxSurge is 0: the rollout could never make progress', 'allow maxSurge 1 or maxUnavailable 1'));
  }
  return out;
});

/**
 * A field that the API server's PrepareForCreate drops (sets to nil) while its feature gate is
 * off by default: accepted, then gone, so it has no effect. `from` is the first release with the
 * field (unknown before: kubectl's default Strict field validation rejects it), `until` the
 * first release whose default turns the gate on. Each was seen in the oracle's `dropped`
 * (oracle/k8s, test/oracle/FINDINGS.md) or read in pkg/features at the release.
 */
interface GatedField {
  readonly gate: string;
  readonly from?: number;
  readonly until?: number;
  readonly kinds: readonly string[];
  /** the fields present, each with its path */
  readonly find: (m: any) => string[];
}

/** Every container of a pod (containers, initContainers, ephemeralContainers), with its path. */
function allContainers(pod: PodView): Array<[Plain, string]> {
  return (['containers', 'initContainers', 'ephemeralContainers'] as const)
    .flatMap(group => list(pod.spec[group]).map((c, i) => [obj(c), `${pod.path}.${group}[${i}]`] as [Plain, string]));
}

/** Every container of a manifest's pod with its field path, once per manifest checked. */
const containersOf = (m: any) => allContainers(derived(m, podOf));

const GATED_FIELDS: readonly GatedField[] = [
  {
    gate: 'ContainerStopSignals',
    from: 33,
    kinds: POD_KINDS,
    find: m => derived(m, containersOf).filter(([c]) => !isUnset(obj(c.lifecycle).stopSignal)).map(([, f]) => `${f}.lifecycle.stopSignal`),
  },
  {
    gate: 'PodLifecycleSleepAction',
    from: 29,
    until: 30,
    kinds: POD_KINDS,
    find: m => derived(m, containersOf).flatMap(([c, f]) => (['postStart', 'preStop'] as const)
      .filter(hook => !isUnset(obj(obj(c.lifecycle)[hook]).sleep)).map(hook => `${f}.lifecycle.${hook}.sleep`)),
  },
  {
    gate: 'SidecarContainers',
    from: 28,
    until: 29,
    kinds: POD_KINDS,
    find: m => {
      const pod = derived(m, podOf);
      return list(pod.spec.initContainers).map((c, i) => [obj(c), i] as const)
        .filter(([c]) => !isUnset(c.restartPolicy)).map(([, i]) => `${pod.path}.initContainers[${i}].restartPolicy`);
    },
  },
  {
    gate: 'MaxUnavailableStatefulSet',
    until: 37,
    kinds: [STATEFUL_SET.kind],
    find: m => {
      const rollingUpdate = obj(obj(workloadSpec(m).updateStrategy).rollingUpdate);
      return isUnset(rollingUpdate.maxUnavailable) ? [] : ['spec.updateStrategy.rollingUpdate.maxUnavailable'];
    },
  },
];

/** The releases as text: 1.29, 1.33 and later, up to 1.36. */
function releasesText(from: number | undefined, until: number | undefined): string {
  if (from !== undefined && until !== undefined) return until - from === 1 ? `1.${from}` : `1.${from} to 1.${until - 1}`;
  if (from !== undefined) return `1.${from} and later`;
  return `releases before 1.${until}`;
}

export const fieldDroppedByGate = defineRule({
  id: 'workload-field-dropped',
  scope: 'object',
  kinds: POD_KINDS,
  severity: Severity.WARNING,
  summary: 'a field the API server drops on create while its feature gate is off by default (lifecycle.stopSignal, a hook\'s sleep at 1.29, an init container\'s restartPolicy at 1.28, a StatefulSet\'s maxUnavailable before 1.37)',
  prevents: 'PrepareForCreate (dropDisabledFields): a gated field is accepted and silently removed, so it has no effect; before the field exists, an unknown field. A construct prop that every release of the range drops is an error (it has no effect)',
}, (m, ctx) => GATED_FIELDS.filter(g => g.kinds.includes(obj(m).kind) && (g.until === undefined || ctx.versions.min < g.until))
  .flatMap(g => g.find(m).map(f => ({
    field: f,
    message: `dropped on create by Kubernetes ${releasesText(g.from, g.until)} (feature gate ${g.gate}, off by default there): the API server accepts it and removes it, so it has no effect${g.from !== undefined && ctx.versions.min < g.from ? `; before 1.${g.from} it is an unknown field, which kubectl's default Strict field validation rejects` : ''}`,
    fix: g.until === undefined ? `remove it, unless the cluster enables the ${g.gate} feature gate` : `remove it, or run Kubernetes 1.${g.until} or later (or enable the ${g.gate} feature gate)`,
    // a construct's prop that no release of the range keeps has no effect: an error (constructs only)
    severity: ctx.construct && g.until !== undefined && ctx.versions.max < g.until ? Severity.ERROR : Severity.WARNING,
  }))));

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'workload-field-dropped': {
    objects: [deploymentObject({ lifecycle: { stopSignal: 'SIGUSR1' } })],
    valid: [deploymentObject({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })],
  },
  'workload-name': {
    objects: [deploymentObject({}, {}, { name: 'Web_App' })],
    valid: [deploymentObject({}, {}, { name: 'web-app' })],
  },
  'workload-replicas': {
    objects: [deploymentObject({}, { replicas: -1 })],
    valid: [deploymentObject({}, { replicas: 0 })],
  },
  'workload-selector': {
    objects: [deploymentObject({}, { selector: { matchLabels: { app: 'other' } } })],
    valid: [deploymentObject({}, { selector: { matchLabels: EXAMPLE_LABELS } })],
  },
  'workload-template-labels': {
    objects: [{ ...deploymentObject(), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, template: { metadata: { labels: { 'app/': 'web' } }, spec: deploymentObject().spec.template.spec } } }],
    valid: [{ ...deploymentObject(), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, template: { metadata: { labels: { app: 'web' } }, spec: deploymentObject().spec.template.spec } } }],
  },
  'workload-containers': {
    objects: [{
      ...deploymentObject(),
      spec: { ...deploymentObject().spec, template: { metadata: { labels: EXAMPLE_LABELS }, spec: { containers: [] } } },
    }],
    valid: [{ ...deploymentObject(), spec: { ...deploymentObject().spec, template: { metadata: { labels: EXAMPLE_LABELS }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } }],
  },
  'container-name': {
    objects: [deploymentObject({ name: 'App' })],
    valid: [deploymentObject({ name: 'app' })],
  },
  'container-image': {
    objects: [podObject({ image: ' nginx:1.27' })],
    valid: [podObject({ image: 'nginx:1.27' })],
  },
  'container-port-protocol': {
    objects: [deploymentObject({ ports: [{ containerPort: 80, protocol: 'udp' }] })],
    valid: [deploymentObject({ ports: [{ containerPort: 80, protocol: 'UDP' }] })],
  },
  'container-port-number': {
    objects: [deploymentObject({ ports: [{ containerPort: 0 }] })],
    valid: [deploymentObject({ ports: [{ containerPort: 80 }] })],
  },
  'container-port-name': {
    objects: [deploymentObject({ ports: [{ containerPort: 80, name: 'a-very-long-name' }] })],
    valid: [deploymentObject({ ports: [{ containerPort: 80, name: 'a-long-name' }] })],
  },
  'container-port-unique': {
    objects: [deploymentObject({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] })],
    valid: [deploymentObject({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }] })],
  },
  'probe-port': {
    objects: [deploymentObject({ readinessProbe: { tcpSocket: { port: 0 } } })],
    valid: [deploymentObject({ readinessProbe: { tcpSocket: { port: 80 } } })],
  },
  'probe-port-undeclared': {
    objects: [deploymentObject({ livenessProbe: { httpGet: { path: '/', port: 'health' } } })],
    valid: [deploymentObject({ livenessProbe: { httpGet: { path: '/', port: 'http' } } })],
  },
  'probe-handler': {
    objects: [deploymentObject({ livenessProbe: { httpGet: { path: '/healthz' }, periodSeconds: 10 } })],
    valid: [deploymentObject({ livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 } })],
  },
  'probe-numbers': {
    objects: [deploymentObject({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 2.5 } })],
    valid: [deploymentObject({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 2 } })],
  },
  'container-lifecycle': {
    objects: [deploymentObject({ lifecycle: { preStop: { exec: { command: [] } } } })],
    valid: [deploymentObject({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })],
  },
  'container-termination-message-policy': {
    objects: [deploymentObject({ terminationMessagePolicy: 'Logs' })],
    valid: [deploymentObject({ terminationMessagePolicy: 'FallbackToLogsOnError' })],
  },
  'container-host-port-unique': {
    objects: [podObject({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'proxy', image: 'envoy:1.30', ports: [{ containerPort: 81, hostPort: 8080 }] })],
    valid: [podObject({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'proxy', image: 'envoy:1.30', ports: [{ containerPort: 81, hostPort: 8081 }] })],
  },
  'container-env': {
    objects: [deploymentObject({ env: [{ name: 'API=URL', value: 'http://api' }] })],
    valid: [deploymentObject({ env: [{ name: 'API_URL', value: 'http://api' }] })],
  },
  'container-resources': {
    objects: [deploymentObject({ resources: { requests: { memory: '1 GB' } } })],
    valid: [deploymentObject({ resources: { requests: { memory: '1G' } } })],
  },
  'workload-restart-policy': {
    objects: [deploymentWithPodSpec({ restartPolicy: 'OnFailure' })],
    valid: [deploymentWithPodSpec({ restartPolicy: 'Always' })],
  },
  'container-restart-policy': {
    objects: [deploymentWithPodSpec({ initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32', restartPolicy: 'always' }] })],
    valid: [deploymentWithPodSpec({ initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32', restartPolicy: 'Always' }] })],
  },
  'workload-service-name-label': {
    objects: [{ ...deploymentObject(), kind: 'StatefulSet', spec: { ...deploymentObject().spec, serviceName: 'web.pods' } }],
    valid: [{ ...deploymentObject(), kind: 'StatefulSet', spec: { ...deploymentObject().spec, serviceName: 'web-pods' } }],
  },
  'workload-template-forbidden': {
    objects: [deploymentWithPodSpec({ activeDeadlineSeconds: 30 })],
    valid: [deploymentObject()],
  },
  'workload-spec-numbers': {
    objects: [deploymentObject({}, { revisionHistoryLimit: -1 })],
    valid: [deploymentObject({}, { revisionHistoryLimit: 0 })],
  },
  'workload-progress-deadline': {
    objects: [deploymentObject({}, { minReadySeconds: 600 })],
    valid: [deploymentObject({}, { minReadySeconds: 599 })],
  },
  'workload-strategy': {
    objects: [deploymentObject({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })],
    valid: [deploymentObject({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } })],
  },
  'probe-success-threshold': {
    objects: [deploymentObject({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })],
    valid: [deploymentObject({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } })],
  },
});
