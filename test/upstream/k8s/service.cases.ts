import { prune, UpstreamCase } from './types';

/*
 * Service cases. Sources (see SOURCES.md): pkg/apis/core/validation/validation_test.go
 * TestValidateServiceCreate (called TestValidateService in older trees) and
 * TestValidateServiceExternalTrafficPolicy, plus boundaries read from validation.go
 * (ValidateService, validateServicePort, validateAffinityTimeout, ValidateNonSpecialIP,
 * validateServiceExternalTrafficPolicy) and the nodePort allocator.
 *
 * The base object is upstream's makeValidService(): name and namespace "valid", selector
 * key=val, type ClusterIP, one port {name p, TCP, 8675 -> 8675}.
 */

const LB_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const LB_RANGES_PATH = `metadata.annotations['${LB_RANGES}']`;

/** A port as upstream writes it: name, protocol, port, targetPort, plus anything extra. */
function port(name: string | undefined, num: number, extra: any = {}): any {
  return prune({ name, protocol: 'TCP', port: num, targetPort: num, ...extra });
}

/** makeValidService() with the spec (and metadata) overridden; undefined removes a field. */
function service(spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: prune({ name: 'valid', namespace: 'valid', ...metadata }),
    spec: prune({ type: 'ClusterIP', selector: { key: 'val' }, ports: [port('p', 8675)], ...spec }),
  };
}

/** The base object with more ports after port p. */
function withPorts(spec: any, ...ports: any[]): any {
  return service({ ...spec, ports: [port('p', 8675), ...ports] });
}

const LB = { type: 'LoadBalancer' };
const NODEPORT = { type: 'NodePort' };
const EXTERNAL_NAME = { type: 'ExternalName', externalName: 'foo.bar.example.com' };

const NODEPORT_RANGE_NOTE = 'upstream uses nodePort 1 (or 12345); validation does not check the range, but allocation rejects a nodePort outside --service-node-port-range (default 30000-32767), so the manifest uses a port inside the default range';
const DEFAULTED_LB_NOTE = 'upstream also sets externalTrafficPolicy Cluster and allocateLoadBalancerNodePorts true, which v1 defaulting fills in';

const T = 'TestValidateServiceCreate';
const ETP = 'TestValidateServiceExternalTrafficPolicy';

export const CASES: UpstreamCase[] = [
  // --- selector and ports ---
  { upstream: `${T} "valid 1"`, manifest: service(), valid: true },
  { upstream: `${T} "nil selector"`, manifest: service({ selector: undefined }), valid: true },
  {
    upstream: `${T} "invalid selector"`,
    manifest: service({ selector: { 'key': 'val', 'NoSpecialCharsLike=Equals': 'bar' } }),
    valid: false,
    fields: ['spec.selector'],
  },
  { upstream: `${T} "missing ports"`, manifest: service({ ports: undefined }), valid: false, fields: ['spec.ports'] },
  {
    upstream: `${T} "missing ports but headless"`,
    manifest: service({ ports: undefined, clusterIP: 'None' }),
    valid: true,
    note: 'upstream also sets clusterIPs ["None"]; the registry copies clusterIP into clusterIPs',
  },
  { upstream: `${T} "empty port[0] name"`, manifest: service({ ports: [port(undefined, 8675)] }), valid: true },
  {
    upstream: `${T} "empty port[1] name"`,
    manifest: withPorts({}, port(undefined, 12345)),
    valid: false,
    fields: ['spec.ports[1].name'],
  },
  {
    upstream: `${T} "empty multi-port port[0] name"`,
    manifest: service({ ports: [port(undefined, 8675), port('p', 12345)] }),
    valid: false,
    fields: ['spec.ports[0].name'],
  },
  {
    upstream: `${T} "invalid port name"`,
    manifest: service({ ports: [port('INVALID', 8675)] }),
    valid: false,
    fields: ['spec.ports[0].name'],
  },
  {
    upstream: 'validation.go validateServicePort: name is a DNS-1123 label (63 characters)',
    manifest: service({ ports: [port('a'.repeat(63), 8675)] }),
    valid: true,
    note: 'a Service port name is a DNS-1123 label, not an IANA service name: longer than 15 is accepted',
  },
  {
    upstream: 'validation.go validateServicePort: name is a DNS-1123 label (64 characters)',
    manifest: service({ ports: [port('a'.repeat(64), 8675)] }),
    valid: false,
    fields: ['spec.ports[0].name'],
  },
  {
    upstream: 'validation.go validateServicePort: name longer than 15 characters',
    manifest: service({ ports: [port('a-very-long-port-name', 8675)] }),
    valid: true,
  },
  {
    upstream: `${T} "invalid protocol"`,
    manifest: service({ ports: [port('p', 8675, { protocol: 'INVALID' })] }),
    valid: false,
    fields: ['spec.ports[0].protocol'],
  },
  {
    upstream: 'validation.go validateServicePort: protocol is case-sensitive',
    manifest: service({ ports: [port('p', 8675, { protocol: 'tcp' })] }),
    valid: false,
    fields: ['spec.ports[0].protocol'],
  },
  {
    upstream: `${T} "missing port"`,
    manifest: service({ ports: [port('p', 0, { targetPort: 8675 })] }),
    valid: false,
    fields: ['spec.ports[0].port'],
  },
  {
    upstream: 'validation.go validateServicePort: IsValidPortNum lower bound (port 1)',
    manifest: service({ ports: [port('p', 1)] }),
    valid: true,
  },
  {
    upstream: 'validation.go validateServicePort: IsValidPortNum upper bound (port 65535)',
    manifest: service({ ports: [port('p', 65535)] }),
    valid: true,
  },
  {
    upstream: `${T} "invalid port"`,
    manifest: service({ ports: [port('p', 65536, { targetPort: 8675 })] }),
    valid: false,
    fields: ['spec.ports[0].port'],
  },
  {
    upstream: `${T} "invalid TargetPort int"`,
    manifest: service({ ports: [port('p', 8675, { targetPort: 65536 })] }),
    valid: false,
    fields: ['spec.ports[0].targetPort'],
  },
  {
    upstream: `${T} "valid 2"`,
    manifest: service({ ports: [port('p', 8675, { protocol: 'UDP', targetPort: 12345 })] }),
    valid: true,
  },
  {
    upstream: `${T} "valid 3"`,
    manifest: service({ ports: [port('p', 8675, { targetPort: 'http' })] }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidatePortNumOrName: targetPort name of 15 characters',
    manifest: service({ ports: [port('p', 8675, { targetPort: 'abcdefghij-klmn' })] }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidatePortNumOrName: targetPort name of 16 characters',
    manifest: service({ ports: [port('p', 8675, { targetPort: 'abcdefghij-klmno' })] }),
    valid: false,
    fields: ['spec.ports[0].targetPort'],
  },
  {
    upstream: 'validation.go ValidatePortNumOrName: targetPort name without a letter',
    manifest: service({ ports: [port('p', 8675, { targetPort: '12345' })] }),
    valid: false,
    fields: ['spec.ports[0].targetPort'],
    note: 'a quoted number is an IntOrString string: it must be an IANA service name, which needs a letter',
  },
  {
    upstream: 'validation.go ValidatePortNumOrName: targetPort name with "--"',
    manifest: service({ ports: [port('p', 8675, { targetPort: 'a--b' })] }),
    valid: false,
    fields: ['spec.ports[0].targetPort'],
  },
  {
    upstream: `${T} "dup port name"`,
    manifest: withPorts({}, port('p', 12345)),
    valid: false,
    fields: ['spec.ports[1].name'],
  },
  {
    upstream: `${T} "invalid duplicate ports (with same protocol)"`,
    manifest: withPorts({}, port('q', 12345, { targetPort: 8080 }), port('r', 12345, { targetPort: 80 })),
    valid: false,
    fields: ['spec.ports[2]'],
  },
  {
    upstream: `${T} "valid duplicate ports (with different protocols)"`,
    manifest: withPorts({},
      port('q', 12345, { targetPort: 8080 }),
      port('r', 12345, { protocol: 'UDP', targetPort: 80 }),
      port('s', 12345, { protocol: 'SCTP', targetPort: 8088 })),
    valid: true,
  },
  { upstream: `${T} "valid cluster service without NodePort"`, manifest: withPorts({}, port('q', 12345)), valid: true },

  // --- appProtocol ---
  {
    upstream: `${T} "valid appProtocol"`,
    manifest: service({ ports: [{ port: 12345, targetPort: 12345, protocol: 'TCP', appProtocol: 'HTTP' }] }),
    valid: true,
  },
  {
    upstream: `${T} "valid custom appProtocol"`,
    manifest: service({ ports: [{ port: 12345, targetPort: 12345, protocol: 'TCP', appProtocol: 'example.com/protocol' }] }),
    valid: true,
  },
  {
    upstream: `${T} "invalid appProtocol"`,
    manifest: service({ ports: [{ port: 12345, targetPort: 12345, protocol: 'TCP', appProtocol: 'example.com/protocol_with{invalid}[characters]' }] }),
    valid: false,
    fields: ['spec.ports[0].appProtocol'],
  },

  // --- type ---
  { upstream: `${T} "valid type - clusterIP"`, manifest: service({ type: 'ClusterIP' }), valid: true },
  { upstream: `${T} "valid type - cluster"`, manifest: service({ type: 'ClusterIP' }), valid: true },
  { upstream: `${T} "valid type - nodeport"`, manifest: service(NODEPORT), valid: true },
  { upstream: `${T} "valid type - loadbalancer"`, manifest: service(LB), valid: true, note: DEFAULTED_LB_NOTE },
  {
    upstream: `${T} "valid type - loadbalancer with allocateLoadBalancerNodePorts=true"`,
    manifest: service({ ...LB, allocateLoadBalancerNodePorts: true }),
    valid: true,
  },
  {
    upstream: `${T} "valid type - loadbalancer with allocateLoadBalancerNodePorts=false"`,
    manifest: service({ ...LB, allocateLoadBalancerNodePorts: false }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateService: type is one of ClusterIP, NodePort, LoadBalancer, ExternalName',
    manifest: service({ type: 'Foo' }),
    valid: false,
    fields: ['spec.type'],
  },
  {
    upstream: `${T} "Use AllocateLoadBalancerNodePorts when type is not LoadBalancer"`,
    manifest: service({ allocateLoadBalancerNodePorts: true }),
    valid: false,
    fields: ['spec.allocateLoadBalancerNodePorts'],
  },

  // --- LoadBalancer ports ---
  {
    upstream: `${T} "valid load balancer protocol UDP 1"`,
    manifest: service({ ...LB, ports: [port('p', 8675, { protocol: 'UDP' })] }),
    valid: true,
  },
  {
    upstream: `${T} "valid load balancer protocol UDP 2"`,
    manifest: service({ ...LB, ports: [port('q', 12345, { protocol: 'UDP' })] }),
    valid: true,
  },
  {
    upstream: `${T} "load balancer with mix protocol"`,
    manifest: withPorts(LB, port('q', 12345, { protocol: 'UDP' })),
    valid: true,
    note: 'mixed TCP and UDP on one LoadBalancer is accepted by every version from 1.27 (MixedProtocolLBService is GA since 1.26)',
  },
  { upstream: `${T} "valid type loadbalancer 2 ports"`, manifest: withPorts(LB, port('q', 12345)), valid: true },
  { upstream: `${T} "valid external load balancer 2 ports"`, manifest: withPorts(LB, port('q', 12345)), valid: true },
  { upstream: `${T} "valid type=LoadBalancer"`, manifest: withPorts(LB, port('q', 12345)), valid: true },
  {
    upstream: `${T} "valid type loadbalancer with NodePort"`,
    manifest: withPorts(LB, port('q', 12345, { nodePort: 31345 })),
    valid: true,
    note: NODEPORT_RANGE_NOTE,
  },
  {
    upstream: `${T} "valid port type=LoadBalancer"`,
    manifest: withPorts(LB, port('kubelet', 10250, { targetPort: 12345 })),
    valid: true,
    acceptedFrom: 33,
    fields: ['spec.ports[1]'],
    note: 'port 10250 on a LoadBalancer ("may not expose port 10250 externally since it is used by kubelet") was rejected through 1.32; PR #129174 (v1.33.0-alpha.1) removed the rule; older test trees name this case "invalid port type=LoadBalancer"',
  },
  {
    upstream: 'validation.go ValidateService: port 10250 on a ClusterIP Service',
    manifest: withPorts({}, port('kubelet', 10250)),
    valid: true,
    note: 'the kubelet-port rule only ever applied to type LoadBalancer',
  },

  // --- nodePort ---
  {
    upstream: `${T} "valid type=NodePort service with NodePort"`,
    manifest: withPorts(NODEPORT, port('q', 12345, { nodePort: 31345 })),
    valid: true,
    note: NODEPORT_RANGE_NOTE,
  },
  { upstream: `${T} "valid type=NodePort service without NodePort"`, manifest: withPorts(NODEPORT, port('q', 12345)), valid: true },
  {
    upstream: `${T} "invalid cluster service with NodePort"`,
    manifest: withPorts({}, port('q', 12345, { nodePort: 31345 })),
    valid: false,
    fields: ['spec.ports[1].nodePort'],
  },
  {
    upstream: `${T} "duplicate nodeports"`,
    manifest: withPorts(NODEPORT, port('q', 1, { nodePort: 30001 }), port('r', 2, { nodePort: 30001 })),
    valid: false,
    fields: ['spec.ports[2].nodePort'],
    note: NODEPORT_RANGE_NOTE,
  },
  {
    upstream: `${T} "duplicate nodeports (different protocols)"`,
    manifest: withPorts(NODEPORT,
      port('q', 1, { nodePort: 30001 }),
      port('r', 2, { protocol: 'UDP', nodePort: 30001 }),
      port('s', 3, { protocol: 'SCTP', nodePort: 30001 })),
    valid: true,
    note: NODEPORT_RANGE_NOTE,
  },
  {
    upstream: `${T} "invalid public service with duplicate NodePort"`,
    manifest: withPorts(NODEPORT, port('p1', 1, { nodePort: 30001 }), port('p2', 2, { nodePort: 30001 })),
    valid: false,
    fields: ['spec.ports[2].nodePort'],
    note: NODEPORT_RANGE_NOTE,
  },
  {
    upstream: 'pkg/registry/core/service/portallocator: nodePort outside the default range',
    manifest: withPorts(NODEPORT, port('q', 12345, { nodePort: 1 })),
    valid: false,
    fields: ['spec.ports[1].nodePort'],
    note: 'validation accepts it (upstream validation tests use nodePort 1); allocation rejects it on a cluster with the default --service-node-port-range 30000-32767: "provided port is not in the valid range"',
  },
  {
    upstream: 'pkg/registry/core/service/portallocator: nodePort at the default range bounds',
    manifest: withPorts(NODEPORT, port('q', 12345, { nodePort: 30000 }), port('r', 12346, { nodePort: 32767 })),
    valid: true,
  },

  // --- clusterIP ---
  {
    upstream: `${T} "invalid cluster ip"`,
    manifest: service({ clusterIP: 'invalid' }),
    valid: false,
    fields: ['spec.clusterIPs[0]'],
    note: 'upstream sets clusterIP and clusterIPs; on create the registry copies clusterIP into clusterIPs and the error is reported on spec.clusterIPs[0]',
  },
  {
    upstream: `${T} "valid cluster ip - none "`,
    manifest: service({ clusterIP: 'None' }),
    valid: true,
    note: 'the upstream case name ends with a space',
  },
  {
    upstream: `${T} "valid cluster ip - empty"`,
    manifest: service({ ports: [port('p', 8675, { targetPort: 'http' })] }),
    valid: true,
  },
  {
    upstream: `${T} "valid port headless"`,
    manifest: service({ clusterIP: 'None', ports: [port('p', 11722)] }),
    valid: true,
  },
  {
    upstream: `${T} "invalid port headless 1"`,
    manifest: service({ clusterIP: 'None', ports: [port('p', 11722, { targetPort: 11721 })] }),
    valid: true,
    note: 'named "invalid" upstream but expects 0 errors: targetPorts on headless Services are tolerated in v1',
  },
  {
    upstream: `${T} "invalid port headless 2"`,
    manifest: service({ clusterIP: 'None', ports: [port('p', 11722, { targetPort: 'target' })] }),
    valid: true,
    note: 'named "invalid" upstream but expects 0 errors: targetPorts on headless Services are tolerated in v1',
  },
  {
    upstream: `${T} "LoadBalancer type cannot have None ClusterIP"`,
    manifest: service({ ...LB, clusterIP: 'None' }),
    valid: false,
    fields: ['spec.clusterIPs[0]'],
  },
  {
    upstream: `${T} "invalid node port with clusterIP None"`,
    manifest: withPorts({ ...NODEPORT, clusterIP: 'None' }, port('q', 1, { nodePort: 30001 })),
    valid: false,
    fields: ['spec.clusterIPs[0]'],
    note: NODEPORT_RANGE_NOTE,
  },

  // --- externalIPs ---
  {
    upstream: `${T} "invalid publicIPs localhost"`,
    manifest: service({ externalIPs: ['127.0.0.1'] }),
    valid: false,
    fields: ['spec.externalIPs[0]'],
    note: 'upstream also sets externalTrafficPolicy Cluster (required on the internal object since 1.29); the manifest leaves it out so the case holds for 1.27 and 1.28 too',
  },
  { upstream: `${T} "invalid publicIPs unspecified"`, manifest: service({ externalIPs: ['0.0.0.0'] }), valid: false, fields: ['spec.externalIPs[0]'] },
  { upstream: `${T} "invalid publicIPs loopback"`, manifest: service({ externalIPs: ['127.0.0.1'] }), valid: false, fields: ['spec.externalIPs[0]'] },
  { upstream: `${T} "invalid publicIPs host"`, manifest: service({ externalIPs: ['myhost.mydomain'] }), valid: false, fields: ['spec.externalIPs[0]'] },
  { upstream: `${T} "valid publicIPs"`, manifest: service({ externalIPs: ['1.2.3.4'] }), valid: true },
  {
    upstream: 'validation.go ValidateNonSpecialIP: IPv6 externalIP',
    manifest: service({ externalIPs: ['2001:db8::1'] }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateNonSpecialIP: IPv6 unspecified',
    manifest: service({ externalIPs: ['::'] }),
    valid: false,
    fields: ['spec.externalIPs[0]'],
  },
  {
    upstream: 'validation.go ValidateNonSpecialIP: IPv6 loopback',
    manifest: service({ externalIPs: ['::1'] }),
    valid: false,
    fields: ['spec.externalIPs[0]'],
  },
  {
    upstream: 'validation.go ValidateNonSpecialIP: IPv4 link-local',
    manifest: service({ externalIPs: ['169.254.169.254'] }),
    valid: false,
    fields: ['spec.externalIPs[0]'],
  },
  {
    upstream: 'validation.go ValidateNonSpecialIP: IPv6 link-local',
    manifest: service({ externalIPs: ['fe80::1'] }),
    valid: false,
    fields: ['spec.externalIPs[0]'],
  },
  {
    upstream: 'validation.go ValidateNonSpecialIP: IPv4 link-local multicast',
    manifest: service({ externalIPs: ['224.0.0.1'] }),
    valid: false,
    fields: ['spec.externalIPs[0]'],
  },
  {
    upstream: 'validation.go ValidateNonSpecialIP: the second entry is reported with its index',
    manifest: service({ externalIPs: ['1.2.3.4', '127.0.0.1'] }),
    valid: false,
    fields: ['spec.externalIPs[1]'],
  },

  // --- loadBalancerSourceRanges and its annotation ---
  {
    upstream: `${T} "valid LoadBalancer source range annotation"`,
    manifest: service(LB, { annotations: { [LB_RANGES]: '1.2.3.0/24,  5.6.0.0/16' } }),
    valid: true,
  },
  {
    upstream: `${T} "valid empty LoadBalancer source range annotation"`,
    manifest: service(LB, { annotations: { [LB_RANGES]: '' } }),
    valid: true,
  },
  {
    upstream: `${T} "valid whitespace-only LoadBalancer source range annotation"`,
    manifest: service(LB, { annotations: { [LB_RANGES]: '  ' } }),
    valid: true,
  },
  {
    upstream: `${T} "invalid LoadBalancer source range annotation (hostname)"`,
    manifest: service(LB, { annotations: { [LB_RANGES]: 'foo.bar' } }),
    valid: false,
    fields: [LB_RANGES_PATH],
  },
  {
    upstream: `${T} "invalid LoadBalancer source range annotation (invalid CIDR)"`,
    manifest: service(LB, { annotations: { [LB_RANGES]: '1.2.3.4/33' } }),
    valid: false,
    fields: [LB_RANGES_PATH],
  },
  {
    upstream: `${T} "invalid LoadBalancer source range annotation for non LoadBalancer type service"`,
    manifest: service({}, { annotations: { [LB_RANGES]: '1.2.3.0/24' } }),
    valid: false,
    fields: [LB_RANGES_PATH],
  },
  {
    upstream: `${T} "invalid empty-but-set LoadBalancer source range annotation for non LoadBalancer type service"`,
    manifest: service({}, { annotations: { [LB_RANGES]: '' } }),
    valid: false,
    fields: [LB_RANGES_PATH],
    note: 'an empty value is accepted on a LoadBalancer but the key itself is forbidden on other types',
  },
  {
    upstream: `${T} "valid LoadBalancer source range"`,
    manifest: service({ ...LB, loadBalancerSourceRanges: ['1.2.3.0/24', '5.6.0.0/16'] }),
    valid: true,
  },
  {
    upstream: `${T} "valid LoadBalancer source range with whitespace"`,
    manifest: service({ ...LB, loadBalancerSourceRanges: ['1.2.3.0/24  ', ' 5.6.0.0/16'] }),
    valid: true,
  },
  {
    upstream: `${T} "invalid empty LoadBalancer source range"`,
    manifest: service({ ...LB, loadBalancerSourceRanges: ['   '] }),
    valid: false,
    fields: ['spec.loadBalancerSourceRanges[0]'],
    note: 'upstream spells the path spec.LoadBalancerSourceRanges[0] (capital L); older releases report it without the index',
  },
  {
    upstream: `${T} "invalid LoadBalancer source range (hostname)"`,
    manifest: service({ ...LB, loadBalancerSourceRanges: ['foo.bar'] }),
    valid: false,
    fields: ['spec.loadBalancerSourceRanges[0]'],
    note: 'upstream spells the path spec.LoadBalancerSourceRanges[0] (capital L); older releases report it without the index',
  },
  {
    upstream: `${T} "invalid LoadBalancer source range (invalid CIDR)"`,
    manifest: service({ ...LB, loadBalancerSourceRanges: ['1.2.3.4/33'] }),
    valid: false,
    fields: ['spec.loadBalancerSourceRanges[0]'],
    note: 'upstream spells the path spec.LoadBalancerSourceRanges[0] (capital L); older releases report it without the index',
  },
  {
    upstream: `${T} "invalid source range for non LoadBalancer type service"`,
    manifest: service({ loadBalancerSourceRanges: ['1.2.3.0/24', '5.6.0.0/16'] }),
    valid: false,
    fields: ['spec.loadBalancerSourceRanges'],
    note: 'upstream spells the path spec.LoadBalancerSourceRanges (capital L)',
  },
  {
    upstream: `${T} "invalid source range annotation ignored with valid source range field"`,
    manifest: service({ ...LB, loadBalancerSourceRanges: ['1.2.3.0/24', '5.6.0.0/16'] }, { annotations: { [LB_RANGES]: 'foo.bar' } }),
    valid: true,
    note: 'when the field is set the annotation is not validated at all',
  },

  // --- ExternalName ---
  {
    upstream: `${T} "valid ExternalName"`,
    manifest: service(EXTERNAL_NAME),
    valid: true,
    note: 'upstream keeps the selector and the port: both are accepted (and ignored) on ExternalName',
  },
  {
    upstream: `${T} "valid ExternalName (trailing dot)"`,
    manifest: service({ ...EXTERNAL_NAME, externalName: 'foo.bar.example.com.' }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateService: ExternalName of one label',
    manifest: service({ ...EXTERNAL_NAME, externalName: 'foo' }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateService: ExternalName without ports or selector',
    manifest: service({ ...EXTERNAL_NAME, ports: undefined, selector: undefined }),
    valid: true,
  },
  {
    upstream: 'validation.go ValidateService: ExternalName without externalName',
    manifest: service({ type: 'ExternalName' }),
    valid: false,
    fields: ['spec.externalName'],
  },
  {
    upstream: `${T} "invalid ExternalName (not a DNS name)"`,
    manifest: service({ ...EXTERNAL_NAME, externalName: '-123' }),
    valid: false,
    fields: ['spec.externalName'],
  },
  {
    upstream: 'validation.go ValidateService: ExternalName is a lowercase DNS-1123 subdomain',
    manifest: service({ ...EXTERNAL_NAME, externalName: 'Foo.Example.com' }),
    valid: false,
    fields: ['spec.externalName'],
  },
  {
    upstream: `${T} "invalid ExternalName clusterIP (valid IP)"`,
    manifest: service({ ...EXTERNAL_NAME, clusterIP: '1.2.3.4' }),
    valid: false,
    fields: ['spec.clusterIPs'],
    note: 'the registry copies clusterIP into clusterIPs; upstream reports Forbidden on spec.clusterIPs',
  },
  {
    upstream: `${T} "invalid ExternalName clusterIP (None)"`,
    manifest: service({ ...EXTERNAL_NAME, clusterIP: 'None' }),
    valid: false,
    fields: ['spec.clusterIPs'],
    note: 'the registry copies clusterIP into clusterIPs; upstream reports Forbidden on spec.clusterIPs',
  },

  // --- external and internal traffic policy, healthCheckNodePort ---
  {
    upstream: `${T} "invalid externalTraffic field"`,
    manifest: service({ ...LB, externalTrafficPolicy: 'invalid' }),
    valid: false,
    fields: ['spec.externalTrafficPolicy'],
  },
  {
    upstream: `${ETP} "valid nodePort service with externalTrafficPolicy set"`,
    manifest: service({ ...NODEPORT, externalTrafficPolicy: 'Local' }),
    valid: true,
  },
  {
    upstream: `${ETP} "valid clusterIP service with none of externalTrafficPolicy and healthCheckNodePort set"`,
    manifest: service(),
    valid: true,
  },
  {
    upstream: `${ETP} "valid loadBalancer service with externalTrafficPolicy and healthCheckNodePort set"`,
    manifest: service({ ...LB, externalTrafficPolicy: 'Local', healthCheckNodePort: 30567 }),
    valid: true,
    note: 'upstream uses healthCheckNodePort 34567; a user-chosen healthCheckNodePort is allocated from the nodePort range (default 30000-32767), so the manifest uses 30567',
  },
  {
    upstream: `${T} "negative healthCheckNodePort field"`,
    manifest: service({ ...LB, externalTrafficPolicy: 'Local', healthCheckNodePort: -1 }),
    valid: false,
    fields: ['spec.healthCheckNodePort'],
  },
  {
    upstream: `${T} "negative healthCheckNodePort field" (second case of that name, 31100)`,
    manifest: service({ ...LB, externalTrafficPolicy: 'Local', healthCheckNodePort: 31100 }),
    valid: true,
    note: 'upstream has two cases with this name; the second expects 0 errors',
  },
  {
    upstream: 'validation.go validateServiceExternalTrafficPolicy: healthCheckNodePort above 65535',
    manifest: service({ ...LB, externalTrafficPolicy: 'Local', healthCheckNodePort: 65536 }),
    valid: false,
    fields: ['spec.healthCheckNodePort'],
  },
  {
    upstream: `${ETP} "cannot set healthCheckNodePort field on loadBalancer service with externalTrafficPolicy!=Local"`,
    manifest: service({ ...LB, externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30567 }),
    valid: false,
    fields: ['spec.healthCheckNodePort'],
  },
  {
    upstream: `${ETP} "cannot set healthCheckNodePort field on nodePort service"`,
    manifest: service({ ...NODEPORT, externalTrafficPolicy: 'Local', healthCheckNodePort: 30567 }),
    valid: false,
    fields: ['spec.healthCheckNodePort'],
  },
  {
    upstream: `${ETP} "cannot set externalTrafficPolicy or healthCheckNodePort fields on clusterIP service"`,
    manifest: service({ externalTrafficPolicy: 'Local', healthCheckNodePort: 30567 }),
    valid: false,
    fields: ['spec.externalTrafficPolicy', 'spec.healthCheckNodePort'],
  },
  {
    upstream: `${ETP} "cannot set externalTrafficPolicy field on ExternalName service"`,
    manifest: service({ ...EXTERNAL_NAME, externalTrafficPolicy: 'Local' }),
    valid: false,
    fields: ['spec.externalTrafficPolicy'],
  },
  {
    upstream: 'validation.go validateServiceExternalTrafficPolicy: ClusterIP with externalIPs is externally accessible (PR #119150)',
    manifest: service({ externalIPs: ['1.2.3.4'], externalTrafficPolicy: 'Local' }),
    valid: true,
    acceptedFrom: 29,
    fields: ['spec.externalTrafficPolicy'],
    note: 'a ClusterIP Service with externalIPs is "externally accessible" since PR #119150 (release notes of v1.29.0, not cherry-picked to 1.28 as far as found): before, externalTrafficPolicy "may only be set when `type` is \'NodePort\' or \'LoadBalancer\'"; since, it is defaulted to Cluster there',
  },
  {
    upstream: `${T} "internalTrafficPolicy field set to Cluster"`,
    manifest: service({ internalTrafficPolicy: 'Cluster' }),
    valid: true,
  },
  {
    upstream: `${T} "internalTrafficPolicy field set to Local"`,
    manifest: service({ internalTrafficPolicy: 'Local' }),
    valid: true,
  },
  {
    upstream: `${T} "invalid internalTraffic field"`,
    manifest: service({ internalTrafficPolicy: 'invalid' }),
    valid: false,
    fields: ['spec.internalTrafficPolicy'],
  },
  {
    upstream: `${T} "internalTrafficPolicy field nil when type is ExternalName"`,
    manifest: service(EXTERNAL_NAME),
    valid: true,
  },
  {
    upstream: `${T} "internalTrafficPolicy field is set when type is ExternalName"`,
    manifest: service({ ...EXTERNAL_NAME, internalTrafficPolicy: 'Cluster' }),
    valid: true,
    note: 'accepted for compatibility: it should fail, but clusters from 1.22 already store such objects',
  },

  // --- session affinity ---
  {
    upstream: `${T} "invalid timeoutSeconds field"`,
    manifest: service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: -1 } } }),
    valid: false,
    fields: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds'],
  },
  {
    upstream: 'validation.go validateAffinityTimeout: timeoutSeconds 0',
    manifest: service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }),
    valid: false,
    fields: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds'],
  },
  {
    upstream: 'validation.go validateAffinityTimeout: timeoutSeconds 1',
    manifest: service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 1 } } }),
    valid: true,
  },
  {
    upstream: 'validation.go validateAffinityTimeout: timeoutSeconds 86400',
    manifest: service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } }),
    valid: true,
    note: 'the message says "less than 86400" but the check is timeout > MaxClientIPServiceAffinitySeconds (86400)',
  },
  {
    upstream: 'validation.go validateAffinityTimeout: timeoutSeconds 86401',
    manifest: service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }),
    valid: false,
    fields: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds'],
  },
  {
    upstream: 'pkg/apis/core/v1/defaults.go SetDefaults_Service: ClientIP without a config',
    manifest: service({ sessionAffinity: 'ClientIP' }),
    valid: true,
    note: 'defaulting sets timeoutSeconds 10800',
  },
  {
    upstream: `${T} "sessionAffinityConfig can't be set when session affinity is None"`,
    manifest: service({ ...LB, sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90 } } }),
    valid: true,
    note: 'upstream expects 1 error (Forbidden on spec.sessionAffinityConfig) on the internal object, but v1 defaulting (SetDefaults_Service) drops sessionAffinityConfig when sessionAffinity is None, so the API server accepts the manifest and silently discards the config',
  },
  {
    upstream: 'validation.go ValidateService: sessionAffinity is None or ClientIP',
    manifest: service({ sessionAffinity: 'Sticky' }),
    valid: false,
    fields: ['spec.sessionAffinity'],
  },

  // --- loadBalancerClass ---
  {
    upstream: `${T} "valid LoadBalancerClass when type is LoadBalancer"`,
    manifest: service({ ...LB, loadBalancerClass: 'test.com/test-load-balancer-class' }),
    valid: true,
  },
  {
    upstream: `${T} "invalid LoadBalancerClass"`,
    manifest: service({ ...LB, loadBalancerClass: 'Bad/LoadBalancerClass' }),
    valid: false,
    fields: ['spec.loadBalancerClass'],
  },
  {
    upstream: `${T} "invalid: set LoadBalancerClass when type is not LoadBalancer"`,
    manifest: service({ loadBalancerClass: 'test.com/test-load-balancer-class' }),
    valid: false,
    fields: ['spec.loadBalancerClass'],
  },
  // StrictIPCIDRValidation (beta, on from 1.36: kubernetes PR 137053; GA in 1.38): the legacy IP
  // and CIDR fields are validated by staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go
  // IsValidIPForLegacyField / IsValidCIDRForLegacyField with strictValidation set from the gate
  // (parseIP: "must not have leading 0s", "must not be an IPv4-mapped IPv6 address"; parseCIDR:
  // also "must not have bits set beyond the prefix length"). Before, ParseIPSloppy /
  // ParseCIDRSloppy accepted all three.
  {
    upstream: 'validation/ip.go IsValidIPForLegacyField strict: clusterIP with leading 0s',
    manifest: service({ clusterIP: '010.0.0.5' }),
    valid: false,
    rejectedFrom: 36,
    fields: ['spec.clusterIPs[0]'],
    note: 'accepted through 1.35 (ParseIPSloppy reads 010 as 10); StrictIPCIDRValidation on from 1.36 rejects it',
  },
  {
    upstream: 'validation/ip.go IsValidIPForLegacyField strict: externalIP that is IPv4-mapped IPv6',
    manifest: service({ externalIPs: ['::ffff:1.2.3.4'] }),
    valid: false,
    rejectedFrom: 36,
    fields: ['spec.externalIPs[0]'],
    note: 'accepted through 1.35; StrictIPCIDRValidation on from 1.36 rejects netip Is4In6 addresses',
  },
  {
    upstream: 'validation/ip.go IsValidCIDRForLegacyField strict: loadBalancerSourceRanges CIDR with host bits',
    manifest: service({ ...LB, loadBalancerSourceRanges: ['192.168.0.5/24'] }),
    valid: false,
    rejectedFrom: 36,
    fields: ['spec.loadBalancerSourceRanges[0]'],
    note: 'accepted through 1.35 (an "interface address" CIDR); StrictIPCIDRValidation on from 1.36 requires the masked network',
  },
];
