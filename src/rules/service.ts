import { EXAMPLE_LABELS, serviceObject } from './example-objects';
import { checkDns1123Label, checkLabels, checkNumberOrName, checkPortNumber, checkQualifiedName, isCidr, isDns1123Subdomain, isIP, isPortNumber, isUnset, mapField, specialIP, strictCidrProblem, strictIPProblem } from './formats';
import { checkServiceName, hasNameOrGenerateName } from './metadata';
import { expectType } from './types';
import { protocolOf } from '../model/defaults';
import { FindingType, Issue, Severity, issue, warning } from '../model/finding';
import { defineKind } from '../model/kinds';
import { metadataOf } from '../model/object';
import { append, list, obj, Plain, key, seenBefore, show, text } from '../model/plain';
import { CheckContext, defineRule, derived, RuleBasics, ruleExamples } from '../model/rule';
import { NodePortRange } from '../model/settings';
import { VersionContext, rejectedBefore, rejectedFrom, rejectedSince, relaxedIn } from '../model/versions';


/** The Service (core v1). */
export const SERVICE = defineKind({ kind: 'Service', group: '', versions: ['v1'], checked: true });
/** EndpointSlices are read, not checked: the endpoints of a Service without a selector are written by hand. */
export const ENDPOINT_SLICE = defineKind({ kind: 'EndpointSlice', group: 'discovery.k8s.io', versions: ['v1'], unserved: { 'discovery.k8s.io/v1beta1': 25 }, checked: false });

/** The IP protocols of ports, case-sensitive. */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const KUBELET_PORT = 10250;
/** The first release that no longer rejects port 10250 on a LoadBalancer (kubernetes PR #129174, v1.33.0-alpha.1). */
const KUBELET_PORT_RELAXED = 33;
/** The first release that allows externalTrafficPolicy on a ClusterIP Service with externalIPs (kubernetes PR #119150, v1.29.0 release notes). */
const EXTERNAL_IPS_POLICY_RELAXED = 29;
/**
 * The first release with StrictIPCIDRValidation on (beta, kubernetes PR 137053; GA in 1.38): the
 * legacy IP and CIDR fields then reject leading 0s, IPv4-mapped IPv6 and CIDRs with host bits
 * (apimachinery validation/ip.go IsValidIPForLegacyField / IsValidCIDRForLegacyField, strict).
 */
const STRICT_IP_FROM = 36;

/** The finding of an IP or CIDR that releases with StrictIPCIDRValidation reject, if the range has any. */
function strictIssue(field: string, value: string, problem: string | undefined, ctx: VersionContext, fix: string): Issue[] {
  const severity = problem === undefined ? undefined : rejectedFrom(ctx, STRICT_IP_FROM);
  return severity === undefined ? [] : [{ field, message: `${show(value)} ${problem}: ${rejectedSince(STRICT_IP_FROM)} (StrictIPCIDRValidation)`, fix, severity }];
}
/** The annotation older clients use instead of spec.loadBalancerSourceRanges. */
export const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const MAX_AFFINITY_TIMEOUT = 86400;

/** Formats a range as `30000-32767`. */
export function formatRange(range: NodePortRange): string {
  return `${range.min}-${range.max}`;
}

/** @internal What every Service rule reads, with the API server's defaults applied. */
interface ServiceView {
  readonly spec: Plain;
  readonly type: string;
  readonly headless: boolean;
  readonly ports: ReadonlyArray<Plain>;
  /** The field path of each port, `spec.ports[0]`, ... */
  readonly portPaths: readonly string[];
}

function view(svc: any): ServiceView {
  const spec = obj(obj(svc).spec);
  const ports = list(spec.ports).map(obj);
  return {
    spec,
    // v1 defaulting fills in ClusterIP when type is unset or "" (SetDefaults_Service)
    type: typeof spec.type === 'string' && spec.type !== '' ? spec.type : 'ClusterIP',
    headless: spec.clusterIP === 'None',
    ports,
    portPaths: ports.map((_, i) => `spec.ports[${i}]`),
  };
}

/** Whether a Service type opens nodePorts. */
export function hasNodePorts(type: unknown): boolean {
  return type === 'NodePort' || type === 'LoadBalancer';
}

/** Defines a Service rule over the view. */
function serviceRule(def: RuleBasics,
  check: (s: ServiceView, ctx: CheckContext, svc: any) => Issue[]) {
  return defineRule({ scope: 'object', kinds: [SERVICE.kind], severity: Severity.ERROR, ...def }, (svc, ctx) => check(derived(svc, view), ctx, svc));
}

/** Runs `check` on every port with its field path. */
function eachPort(s: ServiceView, check: (p: Plain, f: string, i: number) => Issue[]): Issue[] {
  const out: Issue[] = [];
  for (let i = 0; i < s.ports.length; i++) append(out, check(s.ports[i], s.portPaths[i], i));
  return out;
}

export const serviceName = serviceRule({
  id: 'service-name',
  summary: 'a Service has a name (or generateName), a DNS-1035 label (DNS-1123 label from 1.36)',
  prevents: 'ValidateService / ValidateObjectMeta: the name is required and must be a DNS-1035 label, a DNS-1123 label from 1.36 (RelaxedServiceNameValidation)',
}, (_, ctx, svc) => {
  const name = metadataOf(svc).name;
  if (typeof name !== 'string' || name === '') {
    return hasNameOrGenerateName(svc) ? [] : [issue('metadata.name', 'a Service needs a name (or generateName)', 'set name')];
  }
  return checkServiceName('metadata.name', name, ctx, 'Service name', 'Service names are DNS names: set a name that starts with a letter, e.g. "web"');
});

export const serviceType = serviceRule({
  id: 'service-type',
  type: FindingType.NOT_SUPPORTED,
  summary: 'the type is ClusterIP, NodePort, LoadBalancer or ExternalName',
  prevents: 'ValidateService: an unsupported spec.type is rejected',
}, s => {
  const type = expectType('spec.type', s.spec.type, 'string');
  if (type.length > 0) return type;
  return SERVICE_TYPES.includes(s.type) ? [] : [issue('spec.type', `${show(s.spec.type)} is not a Service type: allowed are ${SERVICE_TYPES.join(', ')}`, 'pick one of them')];
});

export const serviceHeadlessType = serviceRule({
  id: 'service-headless-type',
  summary: 'a headless Service (clusterIP None) is of type ClusterIP',
  prevents: 'ValidateService: clusterIP None is only valid with type ClusterIP',
}, s => (s.headless && s.type !== 'ClusterIP' && s.type !== 'ExternalName'
  ? [issue('spec.clusterIP', `"None" (headless) is only allowed with type ClusterIP, not ${s.type}`, 'remove clusterIP None, or use type ClusterIP')]
  : []));

export const servicePortsRequired = serviceRule({
  id: 'service-ports-required',
  type: FindingType.REQUIRED,
  summary: 'a Service that is neither headless nor ExternalName has at least one port',
  prevents: 'ValidateService: spec.ports is required',
}, s => {
  const type = expectType('spec.ports', s.spec.ports, 'list');
  if (type.length > 0) return type;
  return s.type !== 'ExternalName' && !s.headless && SERVICE_TYPES.includes(s.type) && s.ports.length === 0
    ? [issue('spec.ports', `a ${s.type} Service needs at least one port`, 'add a port, or set clusterIP None (headless)')]
    : [];
});

export const serviceExternalName = serviceRule({
  id: 'service-external-name',
  summary: 'an ExternalName Service has externalName, a lowercase DNS-1123 subdomain',
  prevents: 'ValidateService: externalName is required and must be a DNS-1123 subdomain (one trailing dot allowed)',
}, s => {
  if (s.type !== 'ExternalName') return [];
  const ext = s.spec.externalName;
  if (ext === undefined || ext === null || ext === '') {
    return [issue('spec.externalName', 'an ExternalName Service needs externalName, the DNS name it aliases', 'set externalName, e.g. "api.example.com"')];
  }
  const stripped = typeof ext === 'string' && ext.endsWith('.') ? ext.slice(0, -1) : ext;
  return typeof stripped === 'string' && isDns1123Subdomain(stripped) ? [] : [issue('spec.externalName',
    `${show(ext)} is not a valid externalName: must be a lowercase DNS-1123 subdomain, optionally ending with '.'`, 'fix the host name, e.g. "api.example.com"')];
});

export const serviceExternalNameSelector = serviceRule({
  id: 'service-external-name-selector',
  severity: Severity.WARNING,
  constructSeverity: Severity.ERROR,
  summary: 'an ExternalName Service has no selector',
  prevents: 'a selector the API server accepts and ignores: an ExternalName Service selects no pods',
}, s => (s.type === 'ExternalName' && Object.keys(obj(s.spec.selector)).length > 0
  ? [issue('spec.selector', `an ExternalName Service selects no pods; the API server ignores the selector ${show(s.spec.selector)}`, 'remove the selector, or use type ClusterIP')]
  : []));

export const serviceExternalNameIgnored = serviceRule({
  id: 'service-external-name-ignored',
  severity: Severity.WARNING,
  constructSeverity: Severity.ERROR,
  summary: 'externalName only on an ExternalName Service',
  prevents: 'an externalName the API server accepts and ignores on other types: the Service is not a DNS alias',
}, s => (s.type !== 'ExternalName' && typeof s.spec.externalName === 'string' && s.spec.externalName !== ''
  ? [issue('spec.externalName', `${show(s.spec.externalName)} has no effect on a ${s.type} Service: only an ExternalName Service is a DNS alias`, 'use type ExternalName, or remove externalName')]
  : []));

export const serviceExternalNameClusterIp = serviceRule({
  id: 'service-external-name-cluster-ip',
  summary: 'an ExternalName Service has no clusterIP',
  prevents: 'ValidateService: clusterIP must be empty on an ExternalName Service',
}, s => (s.type === 'ExternalName' && s.spec.clusterIP !== undefined && s.spec.clusterIP !== null && s.spec.clusterIP !== ''
  ? [issue('spec.clusterIP', `${show(s.spec.clusterIP)} is not allowed on an ExternalName Service, which has no cluster IP`, 'remove clusterIP')]
  : []));

export const serviceSelector = serviceRule({
  id: 'service-selector',
  summary: 'selector keys and values are valid labels',
  prevents: 'ValidateService: the selector is validated as labels',
}, s => checkLabels('spec.selector', s.spec.selector));

export const servicePortProtocol = serviceRule({
  id: 'service-port-protocol',
  summary: 'a port\'s protocol is TCP, UDP or SCTP',
  prevents: 'validateServicePort: protocol is one of TCP, UDP, SCTP (case-sensitive)',
}, s => eachPort(s, (p, f) => {
  const protocol = protocolOf(p);
  return PROTOCOLS.includes(protocol) ? [] : [issue(`${f}.protocol`, `${show(p.protocol)} is not a protocol: allowed are TCP, UDP, SCTP (case-sensitive)`, `use ${show(text(protocol).toUpperCase())} if that is the one meant`)];
}));

export const servicePortNumber = serviceRule({
  id: 'service-port-number',
  summary: 'a port is an integer in 1-65535',
  prevents: 'validateServicePort: port must be in 1-65535',
}, s => eachPort(s, (p, f) => checkPortNumber(`${f}.port`, p.port, 'set the port the Service listens on inside the cluster')));

export const servicePortNameRequired = serviceRule({
  id: 'service-port-name-required',
  type: FindingType.REQUIRED,
  summary: 'every port has a name when a Service has more than one',
  prevents: 'validateServicePort: name is required when there is more than one port',
}, s => (s.ports.length < 2 ? [] : eachPort(s, (p, f) => (p.name === undefined || p.name === null || p.name === ''
  ? [issue(`${f}.name`, `a port needs a name when a Service has more than one port (${s.ports.length} here)`, 'name each port, e.g. "http"')]
  : []))));

export const servicePortName = serviceRule({
  id: 'service-port-name',
  summary: 'a port name is a DNS-1123 label',
  prevents: 'validateServicePort: name must be a DNS-1123 label',
}, (s, ctx) => eachPort(s, (p, f) => (p.name === undefined || p.name === null || p.name === '' || ctx.targetPortNames?.has(p.name) ? []
  : checkDns1123Label(`${f}.name`, p.name, 'port name', 'use lowercase letters, digits and \'-\''))));

export const servicePortNameUnique = serviceRule({
  id: 'service-port-name-unique',
  type: FindingType.DUPLICATE,
  summary: 'port names are unique within a Service',
  prevents: 'validateServicePort: duplicate port names are rejected',
}, s => {
  const names = new Map<unknown, number>();
  return eachPort(s, (p, f, i) => {
    if (p.name === undefined || p.name === null || p.name === '') return [];
    const first = seenBefore(names, p.name, i);
    return first === undefined ? [] : [issue(`${f}.name`, `${show(p.name)} is already the name of spec.ports[${first}]; port names must be unique`, 'rename one of them')];
  });
});

export const servicePortUnique = serviceRule({
  id: 'service-port-unique',
  type: FindingType.DUPLICATE,
  summary: 'each port and protocol appears once in a Service',
  prevents: 'ValidateService: a duplicate (port, protocol) is rejected',
}, s => {
  const seen = new Map<string, number>();
  return eachPort(s, (p, f, i) => {
    if (!isPortNumber(p.port)) return [];
    const first = seenBefore(seen, key(p.port, protocolOf(p)), i);
    return first === undefined ? [] : [issue(`${f}.port`, `${p.port}/${protocolOf(p)} is already spec.ports[${first}]; the same port and protocol may appear once`, 'remove the duplicate or use another port')];
  });
});

export const serviceLoadBalancerKubeletPort = serviceRule({
  id: 'service-load-balancer-kubelet-port',
  summary: 'a LoadBalancer does not expose port 10250, the kubelet\'s',
  prevents: `ValidateService (before 1.${KUBELET_PORT_RELAXED}): "may not expose port 10250 externally"`,
}, (s, ctx) => {
  if (s.type !== 'LoadBalancer') return [];
  const severity = relaxedIn(ctx, KUBELET_PORT_RELAXED);
  if (severity === undefined) return [];
  return eachPort(s, (p, f) => (p.port === KUBELET_PORT
    ? [{ field: `${f}.port`, message: `${KUBELET_PORT} may not be exposed by a LoadBalancer: it is the kubelet's port (${rejectedBefore(KUBELET_PORT_RELAXED)})`, fix: 'choose another port', severity }]
    : []));
});

export const serviceTargetPort = serviceRule({
  id: 'service-target-port',
  summary: 'a targetPort is a port number or an IANA service name',
  prevents: 'validateServicePort: targetPort must be 1-65535 or an IANA_SVC_NAME',
}, (s, ctx) => eachPort(s, (p, f) => {
  const t = p.targetPort;
  if (t === undefined || t === null || t === 0 || t === '' || t === p.port || (typeof t === 'string' && ctx.targetPortNames?.has(t))) return [];
  if (typeof t !== 'number' && typeof t !== 'string') {
    return [issue(`${f}.targetPort`, `${show(t)} is not a port`, 'use a number in 1-65535 or a container port\'s name')];
  }
  return checkNumberOrName(`${f}.targetPort`, t, 'targetPort');
}));

export const serviceAppProtocol = serviceRule({
  id: 'service-app-protocol',
  summary: 'an appProtocol is a qualified name',
  prevents: 'validateServicePort: appProtocol must be a qualified name',
}, s => eachPort(s, (p, f) => (p.appProtocol === undefined || p.appProtocol === null ? []
  : checkQualifiedName(`${f}.appProtocol`, p.appProtocol, 'appProtocol', 'use e.g. "http", "kubernetes.io/h2c" or "example.com/proto"'))));

export const serviceNodePortForbidden = serviceRule({
  id: 'service-node-port-forbidden',
  type: FindingType.FORBIDDEN,
  summary: 'no nodePort on a ClusterIP Service',
  prevents: 'ValidateService: nodePort is forbidden when type is ClusterIP (headless included); an ExternalName Service accepts and ignores it',
}, s => {
  if (s.type !== 'ClusterIP') return [];
  const what = s.headless ? 'a headless Service' : `a ${s.type} Service`;
  return eachPort(s, (p, f) => (p.nodePort === undefined || p.nodePort === null || p.nodePort === 0 ? []
    : [issue(`${f}.nodePort`, `${show(p.nodePort)} is not allowed on ${what}: nodePort exists only on NodePort and LoadBalancer Services`, 'remove nodePort, or use type NodePort')]));
});

export const serviceNodePortRange = serviceRule({
  id: 'service-node-port-range',
  summary: 'a nodePort is inside the cluster\'s nodePort range',
  prevents: 'allocation at apply: "provided port is not in the valid range" (30000-32767 unless --service-node-port-range sets another)',
}, (s, ctx) => {
  if (!hasNodePorts(s.type)) return [];
  const range = ctx.nodePortRange;
  return eachPort(s, (p, f) => {
    const n = p.nodePort;
    if (n === undefined || n === null || n === 0) return [];
    if (typeof n === 'number' && Number.isInteger(n) && n >= range.min && n <= range.max) return [];
    return [issue(`${f}.nodePort`, `${show(n)} is outside the cluster's nodePort range ${formatRange(range)}`, `choose a port in ${formatRange(range)}, or leave nodePort unset to let the cluster allocate one`)];
  });
});

export const serviceNodePortUnique = serviceRule({
  id: 'service-node-port-unique',
  type: FindingType.DUPLICATE,
  summary: 'each nodePort and protocol appears once in a Service',
  prevents: 'ValidateService: a duplicate (nodePort, protocol) is rejected',
}, s => {
  if (!hasNodePorts(s.type)) return [];
  const seen = new Map<string, number>();
  return eachPort(s, (p, f, i) => {
    if (!isPortNumber(p.nodePort)) return [];
    const first = seenBefore(seen, key(p.nodePort, protocolOf(p)), i);
    return first === undefined ? [] : [issue(`${f}.nodePort`, `${p.nodePort}/${protocolOf(p)} is already used by spec.ports[${first}]; each nodePort and protocol may appear once`, 'choose another nodePort')];
  });
});

export const serviceSessionAffinity = serviceRule({
  id: 'service-session-affinity',
  summary: 'sessionAffinity is None or ClientIP, and a ClientIP timeout is in 1-86400 seconds (with None, where the timeout is dropped, a warning)',
  prevents: 'ValidateService / validateClientIPAffinityConfig',
}, s => {
  const affinity = s.spec.sessionAffinity === undefined || s.spec.sessionAffinity === null || s.spec.sessionAffinity === '' ? 'None' : s.spec.sessionAffinity;
  if (!['None', 'ClientIP'].includes(affinity)) {
    return [issue('spec.sessionAffinity', `${show(affinity)} is not a session affinity: allowed are None, ClientIP`, 'use ClientIP for sticky sessions, or leave it unset')];
  }
  const timeout = obj(obj(s.spec.sessionAffinityConfig).clientIP).timeoutSeconds;
  if (timeout === undefined || timeout === null) return [];
  if (typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_AFFINITY_TIMEOUT) return [];
  const field = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
  const range = `must be an integer in 1-${MAX_AFFINITY_TIMEOUT} seconds`;
  if (affinity === 'ClientIP') return [issue(field, `${show(timeout)} is out of range: ${range}`, 'use e.g. 10800 (3 hours), the default')];
  // with None, defaulting drops the config (service-session-affinity-config says so), so the API accepts it;
  // said now, so that setting ClientIP does not bring a second error on the next run
  return [warning(field, `${show(timeout)} is also out of range: with sessionAffinity ClientIP it ${range}`, 'use e.g. 10800 (3 hours), the default')];
});

export const serviceSessionAffinityConfig = serviceRule({
  id: 'service-session-affinity-config',
  severity: Severity.WARNING,
  constructSeverity: Severity.ERROR,
  summary: 'a session affinity timeout only with sessionAffinity ClientIP',
  prevents: 'a timeout the API server drops: with sessionAffinity None the sessionAffinityConfig has no effect',
}, s => {
  const timeout = obj(obj(s.spec.sessionAffinityConfig).clientIP).timeoutSeconds;
  if (timeout === undefined || timeout === null || (s.spec.sessionAffinity ?? 'None') !== 'None') return [];
  return [issue('spec.sessionAffinityConfig.clientIP.timeoutSeconds', `${show(timeout)} has no effect: sessionAffinity is None`, 'set sessionAffinity to ClientIP, or remove the timeout')];
});

export const serviceExternalTrafficPolicy = serviceRule({
  id: 'service-external-traffic-policy',
  summary: 'externalTrafficPolicy is Cluster or Local, and only on externally reachable Services',
  prevents: 'validateServiceExternalTrafficPolicy: "may only be set for externally-accessible services" (NodePort, LoadBalancer; from 1.29 also ClusterIP with externalIPs)',
}, (s, ctx) => {
  const policy = s.spec.externalTrafficPolicy;
  if (policy === undefined || policy === null || policy === '') return [];
  const f = 'spec.externalTrafficPolicy';
  if (!TRAFFIC_POLICIES.includes(policy)) return [issue(f, `${show(policy)} is not a traffic policy: allowed are Cluster, Local`, 'use Cluster or Local')];
  if (hasNodePorts(s.type)) return [];
  if (s.type === 'ClusterIP' && list(s.spec.externalIPs).length > 0) {
    const severity = relaxedIn(ctx, EXTERNAL_IPS_POLICY_RELAXED);
    return severity === undefined ? [] : [{ field: f, message: `${show(policy)} on a ClusterIP Service with externalIPs is ${rejectedBefore(EXTERNAL_IPS_POLICY_RELAXED)}`, fix: 'remove externalTrafficPolicy if the cluster runs an older version', severity }];
  }
  return [issue(f, `${show(policy)} is only allowed on NodePort and LoadBalancer Services (and, from 1.29, ClusterIP with externalIPs), not ${s.type}`, 'remove externalTrafficPolicy or change the type')];
});

export const serviceInternalTrafficPolicy = serviceRule({
  id: 'service-internal-traffic-policy',
  summary: 'internalTrafficPolicy is Cluster or Local',
  prevents: 'ValidateService: internalTrafficPolicy must be Cluster or Local',
}, s => {
  const policy = s.spec.internalTrafficPolicy;
  return policy === undefined || policy === null || TRAFFIC_POLICIES.includes(policy) ? []
    : [issue('spec.internalTrafficPolicy', `${show(policy)} is not a traffic policy: allowed are Cluster, Local`, 'use Cluster or Local')];
});

export const serviceLoadBalancerSourceRanges = serviceRule({
  id: 'service-load-balancer-source-ranges',
  summary: 'loadBalancerSourceRanges (or its annotation) only on LoadBalancer Services, each a CIDR (strict from 1.36: no host bits)',
  prevents: `ValidateService: source ranges are LoadBalancer-only and must be CIDRs; without the field, the ${LB_SOURCE_RANGES_ANNOTATION} annotation is checked the same way (an empty value is accepted)`,
}, (s, ctx, svc) => {
  const ranges = list(s.spec.loadBalancerSourceRanges);
  const out: Issue[] = [];
  if (ranges.length === 0) {
    const annotations = obj(metadataOf(svc).annotations);
    if (!Object.prototype.hasOwnProperty.call(annotations, LB_SOURCE_RANGES_ANNOTATION)) return [];
    const f = mapField('metadata.annotations', LB_SOURCE_RANGES_ANNOTATION);
    const value = annotations[LB_SOURCE_RANGES_ANNOTATION];
    if (s.type !== 'LoadBalancer') {
      out.push(issue(f, `the annotation is only allowed on LoadBalancer Services, not ${s.type}`, 'remove the annotation or use type LoadBalancer'));
    }
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed === '') return out;
    for (const cidr of trimmed.split(',').map(c => c.trim())) {
      if (!isCidr(cidr)) out.push(issue(f, `${show(cidr)} is not a valid CIDR: the annotation is a comma-separated list of IP ranges`, 'use e.g. "10.240.0.0/24,10.250.0.0/24", or spec.loadBalancerSourceRanges'));
      else out.push(...strictIssue(f, cidr, strictCidrProblem(cidr), ctx, 'write the network address without leading 0s, e.g. "10.240.0.0/24"'));
    }
    return out;
  }
  if (s.type !== 'LoadBalancer') {
    out.push(issue('spec.loadBalancerSourceRanges', `source ranges are only allowed on LoadBalancer Services, not ${s.type}`, 'remove loadBalancerSourceRanges or use type LoadBalancer'));
  }
  ranges.forEach((cidr, i) => {
    if (typeof cidr !== 'string' || !isCidr(cidr)) {
      out.push(issue(`spec.loadBalancerSourceRanges[${i}]`, `${show(cidr)} is not a valid CIDR`, 'use an address and prefix length such as "10.0.0.0/8" or "2001:db8::/32"'));
    } else {
      out.push(...strictIssue(`spec.loadBalancerSourceRanges[${i}]`, cidr, strictCidrProblem(cidr), ctx, 'write the network address without leading 0s, e.g. "10.0.0.0/8"'));
    }
  });
  return out;
});

export const serviceClusterIp = serviceRule({
  id: 'service-cluster-ip',
  summary: 'clusterIP and clusterIPs are empty, None or IP addresses (strict from 1.36: no leading 0s, no IPv4-mapped IPv6)',
  prevents: 'ValidateService: each of clusterIPs (which the registry fills from clusterIP) must be None, empty or a valid IP; StrictIPCIDRValidation (on from 1.36) rejects leading 0s and IPv4-mapped IPv6',
}, (s, ctx) => {
  if (s.type === 'ExternalName') return [];
  const fields = [{ f: 'spec.clusterIP', ip: s.spec.clusterIP }, ...list(s.spec.clusterIPs).map((ip, i) => ({ f: `spec.clusterIPs[${i}]`, ip }))];
  return fields.flatMap(({ f, ip }) => {
    if (isUnset(ip) || ip === '' || ip === 'None') return [];
    return typeof ip === 'string' && isIP(ip)
      ? strictIssue(f, ip, strictIPProblem(ip), ctx, 'write the address without leading 0s, an IPv4 address as a.b.c.d')
      : [issue(f, `${show(ip)} is not a valid clusterIP: must be an IP address, "None" (headless) or empty (allocated)`, 'remove clusterIP to let the cluster allocate one')];
  });
});

export const serviceExternalIps = serviceRule({
  id: 'service-external-ips',
  summary: 'each externalIP is an IP address, not unspecified, loopback or link-local (strict from 1.36)',
  prevents: 'ValidateService / ValidateNonSpecialIP: externalIPs must be valid IPs and not 0.0.0.0, ::, loopback, link-local or link-local multicast',
}, (s, ctx) => {
  const ips = s.spec.externalIPs;
  if (isUnset(ips)) return [];
  if (!Array.isArray(ips)) return [issue('spec.externalIPs', `${show(ips)} is not a list of IP addresses`, 'use a list such as ["203.0.113.10"]')];
  return ips.flatMap((ip, i) => {
    const f = `spec.externalIPs[${i}]`;
    if (typeof ip !== 'string' || !isIP(ip)) return [issue(f, `${show(ip)} is not a valid IP address: externalIPs are addresses, not host names`, 'use an IP address the nodes receive traffic for')];
    const special = specialIP(ip);
    return special === undefined ? strictIssue(f, ip, strictIPProblem(ip), ctx, 'write the address without leading 0s, an IPv4 address as a.b.c.d')
      : [issue(f, `${show(ip)} may not be used as an externalIP: it is ${special}`, 'use a routable address')];
  });
});

export const serviceHealthCheckNodePort = serviceRule({
  id: 'service-health-check-node-port',
  summary: 'healthCheckNodePort only on a LoadBalancer with externalTrafficPolicy Local, in the nodePort range',
  prevents: 'validateServiceExternalTrafficPolicy: healthCheckNodePort "may only be set when `type` is \'LoadBalancer\' and `externalTrafficPolicy` is \'Local\'", a valid port; allocation rejects one outside the nodePort range',
}, (s, ctx) => {
  const port = s.spec.healthCheckNodePort;
  if (isUnset(port) || port === 0) return [];
  const f = 'spec.healthCheckNodePort';
  if (s.type !== 'LoadBalancer' || s.spec.externalTrafficPolicy !== 'Local') {
    return [issue(f, `${show(port)} is only allowed on a LoadBalancer Service with externalTrafficPolicy Local (this is ${s.type}, externalTrafficPolicy ${show(s.spec.externalTrafficPolicy ?? 'Cluster')})`, 'remove healthCheckNodePort')];
  }
  if (!isPortNumber(port)) return checkPortNumber(f, port, 'leave healthCheckNodePort unset to let the cluster allocate one');
  const range = ctx.nodePortRange;
  return port >= range.min && port <= range.max ? []
    : [issue(f, `${port} is outside the cluster's nodePort range ${formatRange(range)}, from which health check ports are allocated`, `choose a port in ${formatRange(range)}, or leave it unset`)];
});

export const serviceAllocateLoadBalancerNodePorts = serviceRule({
  id: 'service-allocate-load-balancer-node-ports',
  summary: 'allocateLoadBalancerNodePorts only on LoadBalancer Services',
  prevents: 'ValidateService: allocateLoadBalancerNodePorts "may only be used when `type` is \'LoadBalancer\'"',
}, s => (isUnset(s.spec.allocateLoadBalancerNodePorts) || s.type === 'LoadBalancer' ? []
  : [issue('spec.allocateLoadBalancerNodePorts', `${show(s.spec.allocateLoadBalancerNodePorts)} is only allowed on LoadBalancer Services, not ${s.type}`, 'remove allocateLoadBalancerNodePorts')]));

export const serviceLoadBalancerClass = serviceRule({
  id: 'service-load-balancer-class',
  summary: 'loadBalancerClass is a qualified name, only on LoadBalancer Services',
  prevents: 'ValidateService / validateLoadBalancerClassField: the class is a qualified name and "may only be used when `type` is \'LoadBalancer\'"',
}, s => {
  const cls = s.spec.loadBalancerClass;
  if (isUnset(cls)) return [];
  const f = 'spec.loadBalancerClass';
  if (s.type !== 'LoadBalancer') return [issue(f, `${show(cls)} is only allowed on LoadBalancer Services, not ${s.type}`, 'remove loadBalancerClass or use type LoadBalancer')];
  return checkQualifiedName(f, cls, 'loadBalancerClass', 'use e.g. "example.com/internal-lb"');
});

export const serviceSelectorEmpty = serviceRule({
  id: 'service-selector-empty',
  severity: Severity.WARNING,
  summary: 'a Service\'s selector, when present, is not empty',
  prevents: 'a Service without endpoints: an empty selector `{}` selects no pods, which is only right when its EndpointSlices are managed by hand',
}, s => {
  const sel = s.spec.selector;
  if (s.type === 'ExternalName' || sel === null || typeof sel !== 'object' || Array.isArray(sel) || Object.keys(sel).length > 0) return [];
  return [issue('spec.selector', 'the selector {} is empty: the Service selects no pods and gets no endpoints unless EndpointSlices are written by hand', 'select the pod labels, or remove the selector if the endpoints are managed by hand')];
});

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'service-name': {
    objects: [serviceObject({}, { name: 'Web_1' })],
    valid: [serviceObject({}, { name: 'web-1' })],
  },
  'service-external-name-ignored': {
    objects: [serviceObject({ externalName: 'api.example.com' })],
    valid: [serviceObject({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com' })],
  },
  'service-type': {
    objects: [serviceObject({ type: 'Internal' })],
    valid: [serviceObject({ type: 'ClusterIP' })],
  },
  'service-headless-type': {
    objects: [serviceObject({ type: 'NodePort', clusterIP: 'None' })],
    valid: [serviceObject({ type: 'ClusterIP', clusterIP: 'None' })],
  },
  'service-ports-required': {
    objects: [serviceObject({ ports: [] })],
    valid: [serviceObject({ ports: [], clusterIP: 'None' })],
  },
  'service-external-name': {
    objects: [serviceObject({ type: 'ExternalName', selector: undefined, ports: undefined, externalName: 'API.example.com' })],
    valid: [serviceObject({ type: 'ExternalName', selector: undefined, ports: undefined, externalName: 'api.example.com' })],
  },
  'service-external-name-selector': {
    objects: [serviceObject({ type: 'ExternalName', externalName: 'api.example.com' })],
    valid: [serviceObject({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com' })],
  },
  'service-external-name-cluster-ip': {
    objects: [serviceObject({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com', clusterIP: '10.0.0.10' })],
    valid: [serviceObject({ type: 'ExternalName', selector: undefined, externalName: 'api.example.com' })],
  },
  'service-selector': {
    objects: [serviceObject({ selector: { app: 'web app' } })],
    valid: [serviceObject({ selector: { app: 'web-app' } })],
  },
  'service-port-protocol': {
    objects: [serviceObject({ ports: [{ port: 80, protocol: 'tcp' }] })],
    valid: [serviceObject({ ports: [{ port: 80, protocol: 'TCP' }] })],
  },
  'service-port-number': {
    objects: [serviceObject({ ports: [{ port: 70000 }] })],
    valid: [serviceObject({ ports: [{ port: 65535 }] })],
  },
  'service-port-name-required': {
    objects: [serviceObject({ ports: [{ port: 80, name: 'http' }, { port: 443 }] })],
    valid: [serviceObject({ ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] })],
  },
  'service-port-name': {
    objects: [serviceObject({ ports: [{ port: 80, name: 'HTTP_1' }] })],
    valid: [serviceObject({ ports: [{ port: 80, name: 'http-1' }] })],
  },
  'service-port-name-unique': {
    objects: [serviceObject({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] })],
    valid: [serviceObject({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http-alt' }] })],
  },
  'service-port-unique': {
    objects: [serviceObject({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] })],
    valid: [serviceObject({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b', protocol: 'UDP' }] })],
  },
  'service-load-balancer-kubelet-port': {
    objects: [serviceObject({ type: 'LoadBalancer', ports: [{ port: 10250 }] })],
    valid: [serviceObject({ type: 'LoadBalancer', ports: [{ port: 10251 }] })],
  },
  'service-target-port': {
    objects: [serviceObject({ ports: [{ port: 80, targetPort: 'http-metrics-port' }] })],
    valid: [serviceObject({ ports: [{ port: 80, targetPort: 'http-metrics' }] })],
  },
  'service-app-protocol': {
    objects: [serviceObject({ ports: [{ port: 80, appProtocol: 'http 2' }] })],
    valid: [serviceObject({ ports: [{ port: 80, appProtocol: 'http2' }] })],
  },
  'service-node-port-forbidden': {
    objects: [serviceObject({ ports: [{ port: 80, nodePort: 30080 }] })],
    valid: [serviceObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
  },
  'service-node-port-range': {
    objects: [serviceObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })],
    valid: [serviceObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
  },
  'service-node-port-unique': {
    objects: [serviceObject({ type: 'NodePort', ports: [{ port: 80, name: 'a', nodePort: 30080 }, { port: 81, name: 'b', nodePort: 30080 }] })],
    valid: [serviceObject({ type: 'NodePort', ports: [{ port: 80, name: 'a', nodePort: 30080 }, { port: 81, name: 'b', nodePort: 30081 }] })],
  },
  'service-session-affinity': {
    objects: [serviceObject({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } } })],
    valid: [serviceObject({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } })],
  },
  'service-session-affinity-config': {
    objects: [serviceObject({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })],
    valid: [serviceObject({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })],
  },
  'service-external-traffic-policy': {
    objects: [serviceObject({ externalTrafficPolicy: 'Local' })],
    valid: [serviceObject({ type: 'NodePort', externalTrafficPolicy: 'Local' })],
  },
  'service-internal-traffic-policy': {
    objects: [serviceObject({ internalTrafficPolicy: 'Node' })],
    valid: [serviceObject({ internalTrafficPolicy: 'Local' })],
  },
  'service-cluster-ip': {
    objects: [serviceObject({ clusterIP: '10.0.0.300' })],
    valid: [serviceObject({ clusterIP: '10.0.0.30' })],
  },
  'service-external-ips': {
    objects: [serviceObject({ externalIPs: ['127.0.0.1'] })],
    valid: [serviceObject({ externalIPs: ['192.0.2.10'] })],
  },
  'service-health-check-node-port': {
    objects: [serviceObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30567 })],
    valid: [serviceObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30567 })],
  },
  'service-allocate-load-balancer-node-ports': {
    objects: [serviceObject({ allocateLoadBalancerNodePorts: false })],
    valid: [serviceObject({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false })],
  },
  'service-load-balancer-class': {
    objects: [serviceObject({ type: 'NodePort', loadBalancerClass: 'example.com/internal' })],
    valid: [serviceObject({ type: 'LoadBalancer', loadBalancerClass: 'example.com/internal' })],
  },
  'service-selector-empty': {
    objects: [serviceObject({ selector: {} })],
    valid: [serviceObject({ selector: EXAMPLE_LABELS })],
  },
  'service-load-balancer-source-ranges': {
    objects: [serviceObject({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/33'] })],
    valid: [serviceObject({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/32'] })],
  },
});
