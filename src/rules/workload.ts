import { CheckContext, objectRule } from './define';
import { metadataOf } from './metadata';
import {
  checkDns1123Label, checkDns1123Subdomain, checkIanaServiceName, checkLabels, checkNumberOrName, checkPortNumber,
  isPortNumber, list, obj, Plain,
} from './names';
import { PROTOCOLS, protocolOf } from './service';
import { Issue, Severity, issue, seenBefore, show } from './violation';

/** The kinds whose pods the rules read: the pod template of a workload, or a Pod itself. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
const POD_KINDS = [...WORKLOAD_KINDS, 'Pod'];
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
}

/** @internal */
export function podOf(m: any): PodView {
  const kind = typeof obj(m).kind === 'string' ? m.kind : 'Deployment';
  const isPod = kind === 'Pod';
  const spec = isPod ? obj(obj(m).spec) : obj(obj(obj(obj(m).spec).template).spec);
  return { kind, isPod, path: isPod ? 'spec' : 'spec.template.spec', spec, containers: list(spec.containers).map(obj) };
}

/** @internal Runs `check` on every container with its field path. */
export function eachContainer(pod: PodView, check: (c: Plain, f: string, i: number) => Issue[]): Issue[] {
  return pod.containers.flatMap((c, i) => check(c, `${pod.path}.containers[${i}]`, i));
}

function podRule(def: { id: string; summary: string; prevents: string; severity?: Severity; constructSeverity?: Severity; kinds?: string[] },
  check: (pod: PodView, ctx: CheckContext, m: any) => Issue[]) {
  return objectRule({ kinds: POD_KINDS, severity: Severity.ERROR, ...def }, (m, ctx) => check(podOf(m), ctx, m));
}

function workloadSpec(m: any): Plain {
  return obj(obj(m).spec);
}

export const workloadName = podRule({
  id: 'workload-name',
  summary: 'a workload or Pod has a name, a DNS-1123 subdomain',
  prevents: 'ValidateObjectMeta: the name is required and must be a DNS-1123 subdomain',
}, (pod, _, m) => {
  const name = metadataOf(m).name;
  if (typeof name !== 'string' || name === '') return [issue('metadata.name', `a ${pod.kind} needs a name`, 'set name')];
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
      out.push(issue(`spec.selector.matchLabels.${k}`, `selector ${k}=${show(v)} does not match template labels (${k}=${show(labels[k])}); the selector must match the pod template labels`, 'add the label to the template'));
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
}, pod => (pod.containers.length === 0 ? [issue(`${pod.path}.containers`, 'a pod needs at least one container', 'add a container')] : []));

export const containerName = podRule({
  id: 'container-name',
  summary: 'a container has a name, a DNS-1123 label unique in the pod',
  prevents: 'validateContainers: the name is required, a DNS-1123 label, and unique',
}, pod => {
  const names = new Map<unknown, number>();
  return eachContainer(pod, (c, f, i) => {
    if (typeof c.name !== 'string' || c.name === '') return [issue(`${f}.name`, 'a container needs a name', 'set one, e.g. "app"')];
    const out = checkDns1123Label(`${f}.name`, c.name, 'container name', 'use lowercase letters, digits and \'-\'');
    const first = seenBefore(names, c.name, i);
    if (first !== undefined) out.push(issue(`${f}.name`, `${show(c.name)} is already the name of containers[${first}]; container names must be unique in the pod`, 'rename one of them'));
    return out;
  });
});

export const containerImage = podRule({
  id: 'container-image',
  severity: Severity.WARNING,
  constructSeverity: Severity.ERROR,
  summary: 'a container has a non-empty image without surrounding white space',
  prevents: 'validateContainersOnlyForPod: a Pod with an empty or space-padded image is rejected (pod templates accept it, for platforms that fill the image in later)',
}, pod => eachContainer(pod, (c, f) => {
  const image = c.image;
  if (typeof image === 'string' && image !== '' && image.trim() === image) return [];
  const what = typeof image === 'string' && image.trim() !== '' ? 'has surrounding white space' : 'is not an image';
  const out = issue(`${f}.image`, `${show(image)} ${what}: a container needs a non-empty image`, 'set image, e.g. "nginx:1.27"');
  return [pod.isPod ? { ...out, severity: Severity.ERROR } : out];
}));

/** Runs `check` on every port of every container, with a map that is fresh for each container (for uniqueness rules). */
function eachContainerPort(pod: PodView, check: (p: Plain, f: string, j: number, seen: Map<unknown, number>) => Issue[]): Issue[] {
  return eachContainer(pod, (c, f) => {
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
  return PROTOCOLS.includes(protocol) ? [] : [issue(`${f}.protocol`, `${show(protocol)} is not a protocol: allowed are TCP, UDP, SCTP (case-sensitive)`, 'use TCP, UDP or SCTP')];
}));

export const containerPortNumber = podRule({
  id: 'container-port-number',
  summary: 'containerPort and hostPort are integers in 1-65535',
  prevents: 'validateContainerPorts: containerPort is required and in 1-65535; hostPort in 1-65535 when set',
}, pod => eachContainerPort(pod, (p, f) => [
  ...checkPortNumber(`${f}.containerPort`, p.containerPort, 'set the port the container listens on'),
  ...(p.hostPort === undefined || p.hostPort === null || p.hostPort === 0 ? [] : checkPortNumber(`${f}.hostPort`, p.hostPort, 'set a hostPort in 1-65535 or remove it')),
]));

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
  return eachContainer(pod, (c, f) => PROBES.flatMap(probe => HANDLERS.flatMap(handler => {
    const h = obj(obj(c[probe])[handler]);
    return h.port === undefined || h.port === null ? [] : check(h.port, `${f}.${probe}.${handler}.port`, handler, c);
  })));
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
  summary: 'a probe that names a port names one its container declares',
  prevents: 'a probe that always fails at runtime: the kubelet reports "couldn\'t find port" and restarts or never readies the pod',
}, pod => eachProbePort(pod, (port, f, handler, c) => {
  if (handler === 'grpc' || typeof port !== 'string') return [];
  const declared = list(c.ports).map(obj).filter(p => p.name !== undefined && p.name !== null && p.name !== '').map(p => String(p.name));
  if (declared.includes(port)) return [];
  return [issue(f, `${show(port)} names no port of this container (the kubelet fails the probe with "couldn't find port"); declared: ${declared.length ? declared.join(', ') : 'none'}`, 'name a declared port, or use a number')];
}));

export const probeSuccessThreshold = podRule({
  id: 'probe-success-threshold',
  summary: 'liveness and startup probes have successThreshold 1',
  prevents: 'validateProbe: "must be 1" for livenessProbe and startupProbe successThreshold',
}, pod => eachContainer(pod, (c, f) => (['livenessProbe', 'startupProbe'] as const).flatMap(kind => {
  const t = obj(c[kind]).successThreshold;
  return t === undefined || t === null || t === 1 ? []
    : [issue(`${f}.${kind}.successThreshold`, `${show(t)} is not allowed: a ${kind} must have successThreshold 1`, 'remove it or set 1')];
})));
