import { ServiceManifest } from './manifest';
import {
  checkDns1035Label, checkDns1123Label, checkLabels, checkNumberOrName, checkPortNumber, checkQualifiedName,
  isCidr, isDns1123Subdomain, isPortNumber,
} from './names';
import { Violation, err, seenBefore, show } from './violation';

/**
 * The range of ports the cluster hands out as nodePorts (`--service-node-port-range`).
 */
export interface NodePortRange {
  /** The lowest nodePort, inclusive. */
  readonly min: number;
  /** The highest nodePort, inclusive. */
  readonly max: number;
}

/** The API server's default nodePort range, 30000-32767. */
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = { min: 30000, max: 32767 };

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const KUBELET_PORT = 10250;
const MAX_AFFINITY_TIMEOUT = 86400;

/** Options of the Service rules. */
export interface ServiceRuleOptions {
  readonly nodePortRange?: NodePortRange;
}

/** Formats a range as `30000-32767`. */
export function formatRange(range: NodePortRange): string {
  return `${range.min}-${range.max}`;
}

/**
 * Every rule the Kubernetes 1.27 API server applies to the Service fields this library
 * emits, plus the nodePort range that is checked at allocation. Pure: manifest in,
 * violations out, each with its field path inside the manifest.
 */
export function checkService(svc: ServiceManifest, options: ServiceRuleOptions = {}): Violation[] {
  const range = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  const out: Violation[] = [];
  const spec = svc.spec ?? {};
  const type: string = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const ports = Array.isArray(spec.ports) ? spec.ports : [];

  const name = svc.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    out.push(err('metadata.name', 'a Service needs a name; set name'));
  } else {
    out.push(...checkDns1035Label('metadata.name', name, 'Service name',
      'Service names are DNS names; set a name that starts with a letter, e.g. "web"'));
  }
  if (svc.metadata?.namespace !== undefined) {
    out.push(...checkDns1123Label('metadata.namespace', svc.metadata.namespace, 'namespace', 'use a lowercase DNS label'));
  }
  out.push(...checkLabels('metadata.labels', svc.metadata?.labels));

  if (!SERVICE_TYPES.includes(type)) {
    out.push(err('spec.type', `${show(type)} is not a Service type: allowed are ${SERVICE_TYPES.join(', ')}; pick one of them`));
  }
  if (headless && type !== 'ClusterIP') {
    out.push(err('spec.clusterIP', `"None" (headless) is only allowed with type ClusterIP, not ${type}; drop headless or use type ClusterIP`));
  }

  if (type === 'ExternalName') {
    out.push(...checkExternalName(spec));
  } else if (ports.length === 0 && !headless) {
    out.push(err('spec.ports', `a ${type} Service needs at least one port; add a port, or make the Service headless`));
  }

  out.push(...checkLabels('spec.selector', spec.selector));
  out.push(...checkPorts(ports, type, headless, range));
  out.push(...checkAffinity(spec));

  if (spec.externalTrafficPolicy !== undefined) {
    if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
      out.push(err('spec.externalTrafficPolicy', `${show(spec.externalTrafficPolicy)} is not a traffic policy: allowed are Cluster, Local`));
    } else if (type !== 'NodePort' && type !== 'LoadBalancer') {
      out.push(err('spec.externalTrafficPolicy', `${show(spec.externalTrafficPolicy)} is only allowed on NodePort and LoadBalancer Services, not ${type}; remove externalTrafficPolicy or change the type`));
    }
  }
  if (spec.internalTrafficPolicy !== undefined && !['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    out.push(err('spec.internalTrafficPolicy', `${show(spec.internalTrafficPolicy)} is not a traffic policy: allowed are Cluster, Local`));
  }

  const ranges = spec.loadBalancerSourceRanges;
  if (ranges !== undefined && ranges.length > 0) {
    if (type !== 'LoadBalancer') {
      out.push(err('spec.loadBalancerSourceRanges', `source ranges are only allowed on LoadBalancer Services, not ${type}; remove loadBalancerSourceRanges or use type LoadBalancer`));
    }
    ranges.forEach((cidr, i) => {
      if (typeof cidr !== 'string' || !isCidr(cidr)) {
        out.push(err(`spec.loadBalancerSourceRanges[${i}]`, `${show(cidr)} is not a valid CIDR: use an address and prefix length such as "10.0.0.0/8" or "2001:db8::/32"`));
      }
    });
  }
  return out;
}

function checkExternalName(spec: NonNullable<ServiceManifest['spec']>): Violation[] {
  const out: Violation[] = [];
  const ext = spec.externalName;
  if (ext === undefined || ext === '') {
    out.push(err('spec.externalName', 'an ExternalName Service needs externalName, the DNS name it aliases; set externalName, e.g. "api.example.com"'));
  } else {
    const stripped = typeof ext === 'string' && ext.endsWith('.') ? ext.slice(0, -1) : ext;
    if (typeof stripped !== 'string' || !isDns1123Subdomain(stripped)) {
      out.push(err('spec.externalName', `${show(ext)} is not a valid externalName: must be a lowercase DNS-1123 subdomain, optionally ending with '.', e.g. "api.example.com"; fix the host name`));
    }
  }
  if (spec.selector !== undefined && Object.keys(spec.selector).length > 0) {
    out.push(err('spec.selector', `an ExternalName Service selects no pods, the API server ignores ${show(spec.selector)}; remove the selector (or target), or use type ClusterIP`));
  }
  if (spec.clusterIP !== undefined) {
    out.push(err('spec.clusterIP', `${show(spec.clusterIP)} is not allowed on an ExternalName Service, which has no cluster IP; remove it (headless does not apply)`));
  }
  return out;
}

function checkPorts(ports: NonNullable<ServiceManifest['spec']>['ports'] & object, type: string, headless: boolean, range: NodePortRange): Violation[] {
  const out: Violation[] = [];
  const names = new Map<string, number>();
  const portKeys = new Map<string, number>();
  const nodePortKeys = new Map<string, number>();
  const nodePortAllowed = type === 'NodePort' || type === 'LoadBalancer';

  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) {
      out.push(err(`${f}.protocol`, `${show(protocol)} is not a protocol: allowed are TCP, UDP, SCTP (case-sensitive)`));
    }
    out.push(...checkPortNumber(`${f}.port`, p.port, 'set the port the Service listens on inside the cluster'));

    if (p.name === undefined || p.name === '') {
      if (ports.length > 1) {
        out.push(err(`${f}.name`, `a port needs a name when a Service has more than one port (${ports.length} here); name each port, e.g. "http"`));
      }
    } else {
      out.push(...checkDns1123Label(`${f}.name`, p.name, 'port name', 'use lowercase letters, digits and \'-\''));
      const first = seenBefore(names, p.name, i);
      if (first !== undefined) {
        out.push(err(`${f}.name`, `${show(p.name)} is already the name of spec.ports[${first}]; port names must be unique, rename one of them`));
      }
    }

    if (isPortNumber(p.port)) {
      const key = `${p.port}/${protocol}`;
      const first = seenBefore(portKeys, key, i);
      if (first !== undefined) {
        out.push(err(`${f}.port`, `${p.port}/${protocol} is already spec.ports[${first}]; the same port and protocol may appear once, remove the duplicate or use another port`));
      }
      if (type === 'LoadBalancer' && p.port === KUBELET_PORT) {
        out.push(err(`${f}.port`, `${KUBELET_PORT} may not be exposed by a LoadBalancer: it is the kubelet's port; choose another port`));
      }
    }

    if (p.targetPort !== undefined && p.targetPort !== p.port) {
      if (typeof p.targetPort !== 'number' && typeof p.targetPort !== 'string') {
        out.push(err(`${f}.targetPort`, `${show(p.targetPort)} is not a port: use a number in 1-65535 or a container port's name`));
      } else {
        out.push(...checkNumberOrName(`${f}.targetPort`, p.targetPort, 'targetPort'));
      }
    }

    if (p.appProtocol !== undefined) {
      out.push(...checkQualifiedName(`${f}.appProtocol`, String(p.appProtocol), 'appProtocol', 'use e.g. "http", "kubernetes.io/h2c" or "example.com/proto"'));
    }

    if (p.nodePort !== undefined) {
      if (!nodePortAllowed) {
        const what = headless ? 'a headless Service' : `a ${type} Service`;
        out.push(err(`${f}.nodePort`, `${show(p.nodePort)} is not allowed on ${what}: nodePort exists only on NodePort and LoadBalancer Services; remove nodePort or set type NODE_PORT`));
      } else if (typeof p.nodePort !== 'number' || !Number.isInteger(p.nodePort) || p.nodePort < range.min || p.nodePort > range.max) {
        out.push(err(`${f}.nodePort`, `${show(p.nodePort)} is outside the cluster's nodePort range ${formatRange(range)}; choose a port in ${formatRange(range)}, or leave nodePort unset to let the cluster allocate one`));
      } else {
        const key = `${p.nodePort}/${protocol}`;
        const first = seenBefore(nodePortKeys, key, i);
        if (first !== undefined) {
          out.push(err(`${f}.nodePort`, `${p.nodePort}/${protocol} is already used by spec.ports[${first}]; each nodePort and protocol may appear once, choose another nodePort`));
        }
      }
    }
  });
  return out;
}

function checkAffinity(spec: NonNullable<ServiceManifest['spec']>): Violation[] {
  const out: Violation[] = [];
  const affinity = spec.sessionAffinity ?? 'None';
  if (!['None', 'ClientIP'].includes(affinity)) {
    out.push(err('spec.sessionAffinity', `${show(affinity)} is not a session affinity: allowed are None, ClientIP`));
  }
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (timeout !== undefined) {
    const f = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
    if (affinity !== 'ClientIP') {
      out.push(err(f, `${show(timeout)} is only allowed with sessionAffinity ClientIP; set sessionAffinity to CLIENT_IP or remove the timeout`));
    } else if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_AFFINITY_TIMEOUT) {
      out.push(err(f, `${show(timeout)} is out of range: must be an integer in 1-${MAX_AFFINITY_TIMEOUT} seconds; the default is 10800 (3 hours)`));
    }
  }
  return out;
}
