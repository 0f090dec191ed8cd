import { PlainContainer, PlainProbe, WorkloadManifest } from './manifest';
import {
  checkDns1123Label, checkDns1123Subdomain, checkIanaServiceName, checkLabels, checkNumberOrName, checkPortNumber,
  isPortNumber,
} from './names';
import { Violation, err, seenBefore, show } from './violation';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * The API server's rules for a Deployment (apps/v1) and the wiring traps it accepts:
 * a selector that does not match the template labels, probes naming undeclared ports.
 * Also serves StatefulSets and DaemonSets, whose pod template follows the same rules.
 */
export function checkWorkload(w: WorkloadManifest): Violation[] {
  const out: Violation[] = [];
  const kind = w.kind ?? 'Deployment';
  const name = w.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    out.push(err('metadata.name', `a ${kind} needs a name; set name`));
  } else {
    out.push(...checkDns1123Subdomain('metadata.name', name, `${kind} name`, 'use lowercase letters, digits, \'-\' and \'.\''));
  }
  out.push(...checkLabels('metadata.labels', w.metadata?.labels));
  const spec = w.spec ?? {};
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    out.push(err('spec.replicas', `${show(spec.replicas)} is not a valid replica count: must be an integer >= 0; use 0 to scale down`));
  }
  out.push(...checkSelector(spec.selector, spec.template?.metadata?.labels));
  out.push(...checkLabels('spec.template.metadata.labels', spec.template?.metadata?.labels));
  const containers = spec.template?.spec?.containers ?? [];
  if (containers.length === 0) {
    out.push(err('spec.template.spec.containers', 'a pod needs at least one container; add a container'));
  }
  const containerNames = new Map<string, number>();
  containers.forEach((c, i) => {
    const f = `spec.template.spec.containers[${i}]`;
    if (typeof c.name !== 'string' || c.name === '') {
      out.push(err(`${f}.name`, 'a container needs a name; set one, e.g. "app"'));
    } else {
      out.push(...checkDns1123Label(`${f}.name`, c.name, 'container name', 'use lowercase letters, digits and \'-\''));
      const first = seenBefore(containerNames, c.name, i);
      if (first !== undefined) {
        out.push(err(`${f}.name`, `${show(c.name)} is already the name of containers[${first}]; container names must be unique in the pod`));
      }
    }
    out.push(...checkContainer(f, c));
  });
  return out;
}

function checkSelector(selector: { matchLabels?: { [k: string]: any }; matchExpressions?: any[] } | undefined,
  templateLabels: { [k: string]: any } | undefined): Violation[] {
  const matchLabels = selector?.matchLabels ?? {};
  const hasExpressions = (selector?.matchExpressions ?? []).length > 0;
  if (Object.keys(matchLabels).length === 0 && !hasExpressions) {
    return [err('spec.selector', 'a Deployment needs a non-empty selector; select the pod template labels')];
  }
  const out = checkLabels('spec.selector.matchLabels', matchLabels);
  const labels = templateLabels ?? {};
  for (const [k, v] of Object.entries(matchLabels)) {
    if (labels[k] !== v) {
      out.push(err(`spec.selector.matchLabels.${k}`, `selector ${k}=${show(v)} does not match template labels (${k}=${show(labels[k])}); the selector must match the pod template labels, add the label to the template`));
    }
  }
  return out;
}

/** The rules of one container: image, ports, probes. `f` is the container's field path. */
export function checkContainer(f: string, c: PlainContainer): Violation[] {
  const out: Violation[] = [];
  if (typeof c.image !== 'string' || c.image.trim() === '') {
    out.push(err(`${f}.image`, `${show(c.image)} is not an image: a container needs a non-empty image; set image, e.g. "nginx:1.27"`));
  }
  const ports = c.ports ?? [];
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  ports.forEach((p, j) => {
    const pf = `${f}.ports[${j}]`;
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) {
      out.push(err(`${pf}.protocol`, `${show(protocol)} is not a protocol: allowed are TCP, UDP, SCTP (case-sensitive)`));
    }
    out.push(...checkPortNumber(`${pf}.containerPort`, p.containerPort, 'set the port the container listens on'));
    if (p.hostPort !== undefined) {
      out.push(...checkPortNumber(`${pf}.hostPort`, p.hostPort, 'set a hostPort in 1-65535 or remove it'));
    }
    if (p.name !== undefined) {
      out.push(...checkIanaServiceName(`${pf}.name`, p.name, 'container port name', 'use at most 15 lowercase letters, digits and \'-\', e.g. "http"'));
      const first = seenBefore(names, p.name, j);
      if (first !== undefined) {
        out.push(err(`${pf}.name`, `${show(p.name)} is already the name of ports[${first}]; port names must be unique within a container, rename one`));
      }
    }
    if (isPortNumber(p.containerPort)) {
      const key = `${p.containerPort}/${protocol}`;
      const first = seenBefore(keys, key, j);
      if (first !== undefined) {
        out.push(err(`${pf}.containerPort`, `${key} is already declared by ports[${first}]; declare each port and protocol once`));
      }
    }
  });
  for (const probe of PROBES) {
    if (c[probe] !== undefined) out.push(...checkProbe(`${f}.${probe}`, probe, c[probe] as PlainProbe, names));
  }
  return out;
}

function checkProbe(f: string, kind: typeof PROBES[number], probe: PlainProbe, declared: Map<string, number>): Violation[] {
  const out: Violation[] = [];
  const handlers: Array<[string, any]> = [['httpGet', probe.httpGet], ['tcpSocket', probe.tcpSocket], ['grpc', probe.grpc]];
  for (const [handler, value] of handlers) {
    if (value === undefined || value.port === undefined) continue;
    const port = value.port;
    const pf = `${f}.${handler}.port`;
    if (handler === 'grpc' || typeof port === 'number') {
      out.push(...checkPortNumber(pf, port, 'use the port the probe should reach'));
    } else {
      out.push(...checkNumberOrName(pf, port, 'probe port'));
      if (!declared.has(port)) {
        const known = [...declared.keys()];
        out.push(err(pf, `${show(port)} names no port of this container (the kubelet fails the probe with "couldn't find port"); declared: ${known.length ? known.join(', ') : 'none'}; name a declared port, or use a number`));
      }
    }
  }
  if ((kind === 'livenessProbe' || kind === 'startupProbe') && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    out.push(err(`${f}.successThreshold`, `${show(probe.successThreshold)} is not allowed: a ${kind} must have successThreshold 1; remove it or set 1`));
  }
  return out;
}
