import { objectRule } from './define';
import {
  checkCount, checkEnum, checkGroup, checkHostname, checkKind, checkRefName, checkRefNamespace, checkSectionName, entries,
  isGatewayHostname, isPreciseHostname,
} from './gateway-shared';
import { checkLabels, isIPv4, isIPv6, list, obj } from './names';
import { Issue, Severity, issue, key, seenBefore, show, text, warning } from './violation';

/*
 * Gateway (gateway.networking.k8s.io/v1), as the standard-channel CRD validates it:
 * apis/v1/gateway_types.go markers and CEL (kubernetes-sigs/gateway-api after v1.6.1),
 * with the cases of tests/cel/gateway_test.go transcribed in test/upstream/gateway/.
 */

const KINDS = ['Gateway'];
type Plain = { readonly [key: string]: any };

/** Listener protocol: `^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$`, 1-255. */
const PROTOCOL = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/;
/** Address type: `^Hostname|IPAddress|NamedAddress|<domain>/<name>$`. */
const ADDRESS_TYPE = /^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** The listeners of a Gateway with their paths. */
export function gatewayListeners(gw: unknown): Array<{ readonly listener: Plain; readonly field: string }> {
  return list(obj(obj(gw).spec).listeners).map((l, i) => ({ listener: obj(l), field: `spec.listeners[${i}]` }));
}

function gatewayRule(def: { id: string; summary: string; prevents: string; severity?: Severity },
  check: (gw: any, spec: Plain) => Issue[]) {
  return objectRule({ kinds: KINDS, severity: Severity.ERROR, ...def }, gw => check(gw, obj(obj(gw).spec)));
}

export const gatewayClassName = gatewayRule({
  id: 'gateway-class-name',
  summary: 'gatewayClassName is set, 1-253 characters',
  prevents: 'CRD: gatewayClassName is required, minLength 1, maxLength 253',
}, (_, spec) => checkRefName('spec.gatewayClassName', spec.gatewayClassName, 'GatewayClass'));

export const gatewayListenerFields = gatewayRule({
  id: 'gateway-listeners',
  summary: 'listeners: 1-64, each with a valid name, port 1-65535, protocol and hostname; TCP and UDP take no hostname',
  prevents: 'CRD: listeners minItems 1 maxItems 64, SectionName, PortNumber, protocol pattern, Hostname pattern; CEL "hostname must not be specified for protocols [\'TCP\', \'UDP\']"',
}, (gw, spec) => {
  const out = spec.listeners === undefined ? [issue('spec.listeners', 'a Gateway needs at least one listener', 'add a listener, e.g. { name: "http", port: 80, protocol: "HTTP" }')]
    : checkCount('spec.listeners', spec.listeners, 1, 64, 'listeners');
  for (const { listener: l, field } of gatewayListeners(gw)) {
    out.push(...checkSectionName(`${field}.name`, l.name));
    if (!(typeof l.port === 'number' && Number.isInteger(l.port) && l.port >= 1 && l.port <= 65535)) {
      out.push(issue(`${field}.port`, `${show(l.port)} is not a valid listener port: an integer in 1-65535`, 'use e.g. 80 or 443'));
    }
    if (typeof l.protocol !== 'string' || l.protocol.length > 255 || !PROTOCOL.test(l.protocol)) {
      out.push(issue(`${field}.protocol`, `${show(l.protocol)} is not a valid protocol: HTTP, HTTPS, TLS, TCP, UDP, or a domain-prefixed name such as "example.com/proto"`, 'use HTTP or HTTPS'));
    }
    if (l.hostname !== undefined && l.hostname !== null) {
      if (l.protocol === 'TCP' || l.protocol === 'UDP') out.push(issue(`${field}.hostname`, `hostname must not be specified for protocols ['TCP', 'UDP'] (protocol ${l.protocol})`, 'remove the hostname'));
      else out.push(...checkHostname(`${field}.hostname`, l.hostname, 'use e.g. "app.example.com" or "*.example.com", or leave it out to match any host'));
    }
  }
  return out;
});

export const gatewayListenerUnique = gatewayRule({
  id: 'gateway-listener-unique',
  summary: 'listener names are unique, and so is each combination of port, protocol and hostname',
  prevents: 'CRD CEL: "Listener name must be unique within the Gateway", "Combination of port, protocol and hostname must be unique for each listener"',
}, gw => {
  const out: Issue[] = [];
  const names = new Map<string, string>();
  const combos = new Map<string, string>();
  for (const { listener: l, field } of gatewayListeners(gw)) {
    const dupName = seenBefore(names, text(l.name), field);
    if (dupName !== undefined) out.push(issue(`${field}.name`, `listener name ${show(l.name)} is already used by ${dupName}: listener names must be unique within the Gateway`, 'rename the listener'));
    const dup = seenBefore(combos, key(l.port, l.protocol, l.hostname ?? ''), field);
    if (dup !== undefined) out.push(issue(field, `port ${show(l.port)}, protocol ${show(l.protocol)} and hostname ${show(l.hostname ?? '')} are already those of ${dup}: the combination of port, protocol and hostname must be unique for each listener`, 'change the port or the hostname, or merge the listeners'));
  }
  return out;
});

export const gatewayListenerTls = gatewayRule({
  id: 'gateway-listener-tls',
  summary: 'HTTP, TCP and UDP listeners take no tls; HTTPS terminates TLS with certificateRefs or options; TLS sets a mode',
  prevents: 'CRD CEL: "tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\']", "tls mode must be Terminate for protocol HTTPS", "tls mode must be set for protocol TLS", "certificateRefs or options must be specified when mode is Terminate"; certificateRefs maxItems 64',
}, gw => gatewayListeners(gw).flatMap(({ listener: l, field }) => {
  const out: Issue[] = [];
  const has = l.tls !== undefined && l.tls !== null;
  const tls = obj(l.tls);
  if (has && ['HTTP', 'TCP', 'UDP'].includes(l.protocol)) {
    return [issue(`${field}.tls`, `tls must not be specified for protocols ['HTTP', 'TCP', 'UDP'] (protocol ${l.protocol})`, 'remove tls, or use protocol HTTPS')];
  }
  // with tls present, the schema defaults mode to Terminate before the CEL rule runs
  if (l.protocol === 'TLS' && !has) out.push(issue(`${field}.tls.mode`, 'tls mode must be set for protocol TLS', 'set mode Terminate or Passthrough'));
  if (!has) return out;
  const mode = tls.mode ?? 'Terminate';
  out.push(...checkEnum(`${field}.tls.mode`, tls.mode, ['Terminate', 'Passthrough']));
  if (l.protocol === 'HTTPS' && mode !== 'Terminate') out.push(issue(`${field}.tls.mode`, `tls mode must be Terminate for protocol HTTPS (it is ${show(mode)})`, 'use mode Terminate, or protocol TLS for passthrough'));
  if (mode === 'Terminate' && list(tls.certificateRefs).length === 0 && Object.keys(obj(tls.options)).length === 0) {
    out.push(issue(`${field}.tls.certificateRefs`, 'certificateRefs or options must be specified when mode is Terminate', 'name the Secret that holds the certificate'));
  }
  out.push(...checkCount(`${field}.tls.certificateRefs`, tls.certificateRefs, 0, 64, 'certificateRefs'));
  for (const { v, f } of entries(tls.certificateRefs, `${field}.tls.certificateRefs`)) {
    out.push(...checkRefName(`${f}.name`, v.name, 'Secret'), ...checkGroup(`${f}.group`, v.group), ...checkKind(`${f}.kind`, v.kind), ...checkRefNamespace(`${f}.namespace`, v.namespace));
  }
  return out;
}));

export const gatewayHttpsCertificate = gatewayRule({
  id: 'gateway-https-certificate',
  severity: Severity.WARNING,
  summary: 'an HTTPS listener has tls with a certificate',
  prevents: 'a listener that serves nothing: the CRD accepts HTTPS without tls, but an implementation cannot terminate TLS without a certificate and does not program the listener (ResolvedRefs/Programmed false)',
}, gw => gatewayListeners(gw).flatMap(({ listener: l, field }) => (l.protocol === 'HTTPS' && (l.tls === undefined || l.tls === null)
  ? [warning(`${field}.tls`, `the HTTPS listener ${show(l.name)} has no tls: the CRD accepts it, but without a certificate the listener cannot serve HTTPS`, 'add tls.certificateRefs naming a kubernetes.io/tls Secret')]
  : [])));

export const gatewayAllowedRoutes = gatewayRule({
  id: 'gateway-allowed-routes',
  summary: 'allowedRoutes.namespaces.from is All, Selector or Same (Selector with a selector); at most 8 route kinds',
  prevents: 'CRD: from enum, kinds maxItems 8 with Group/Kind formats',
}, gw => gatewayListeners(gw).flatMap(({ listener: l, field }) => {
  if (l.allowedRoutes === undefined) return [];
  const ar = obj(l.allowedRoutes);
  const f = `${field}.allowedRoutes`;
  const ns = obj(ar.namespaces);
  const out = checkEnum(`${f}.namespaces.from`, ns.from, ['All', 'Selector', 'Same']);
  out.push(...checkCount(`${f}.kinds`, ar.kinds, 0, 8, 'route kinds'));
  for (const { v, f: kf } of entries(ar.kinds, `${f}.kinds`)) out.push(...checkGroup(`${kf}.group`, v.group), ...checkKind(`${kf}.kind`, v.kind));
  return out;
}));

export const gatewayAddresses = gatewayRule({
  id: 'gateway-addresses',
  summary: 'addresses: at most 16; IPAddress values are IPs, Hostname values hostnames; no value twice',
  prevents: 'CRD: addresses maxItems 16, type pattern, value maxLength 253; CEL "IPAddress values must be unique", "Hostname values must be unique", the ipv4/ipv6 and Hostname value rules',
}, (_, spec) => {
  const out = checkCount('spec.addresses', spec.addresses, 0, 16, 'addresses');
  const seen = new Map<string, string>();
  for (const { v, f } of entries(spec.addresses, 'spec.addresses')) {
    const type = v.type ?? 'IPAddress';
    if (typeof type !== 'string' || type.length > 253 || !ADDRESS_TYPE.test(type)) out.push(issue(`${f}.type`, `${show(type)} is not an address type: IPAddress, Hostname, NamedAddress or a domain-prefixed type`, 'use IPAddress or Hostname'));
    if (v.value === undefined || v.value === '') continue;
    if (typeof v.value !== 'string' || v.value.length > 253) {
      out.push(issue(`${f}.value`, `${show(v.value)} is not an address: a string of at most 253 characters`, 'give an IP address or a hostname'));
      continue;
    }
    if (type === 'IPAddress' && !isIPv4(v.value) && !isIPv6(v.value)) out.push(issue(`${f}.value`, `${show(v.value)} must be of type ipv4 or ipv6 for type IPAddress (no port)`, 'give an IP address without a port'));
    if (type === 'Hostname' && !(isGatewayHostname(v.value) || isPreciseHostname(v.value))) out.push(issue(`${f}.value`, `${show(v.value)}: Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)`, 'give a lowercase DNS name'));
    if (type === 'IPAddress' || type === 'Hostname') {
      const dup = seenBefore(seen, key(type, v.value), f);
      if (dup !== undefined) out.push(issue(`${f}.value`, `${type} values must be unique: ${show(v.value)} is already at ${dup}`, 'remove the duplicate'));
    }
  }
  return out;
});

export const gatewayInfrastructure = gatewayRule({
  id: 'gateway-infrastructure',
  summary: 'infrastructure labels and annotations: at most 8 each, with valid keys; label values valid',
  prevents: 'CRD: infrastructure.labels/annotations maxProperties 8, key CEL rules, label value pattern; parametersRef group/kind/name',
}, (_, spec) => {
  if (spec.infrastructure === undefined) return [];
  const inf = obj(spec.infrastructure);
  const out: Issue[] = [];
  for (const name of ['labels', 'annotations']) {
    const m = inf[name];
    if (m === undefined) continue;
    if (Object.keys(obj(m)).length > 8) out.push(issue(`spec.infrastructure.${name}`, `at most 8 ${name} allowed, found ${Object.keys(obj(m)).length}`, `remove ${name}`));
  }
  out.push(...checkLabels('spec.infrastructure.labels', inf.labels));
  if (inf.parametersRef !== undefined) {
    const p = obj(inf.parametersRef);
    out.push(...checkGroup('spec.infrastructure.parametersRef.group', p.group ?? ''), ...checkKind('spec.infrastructure.parametersRef.kind', p.kind), ...checkRefName('spec.infrastructure.parametersRef.name', p.name, 'parameters'));
  }
  return out;
});
