import { UpstreamCase } from './httproute.cases';

/*
 * Cases of kubernetes-sigs/gateway-api tests/cel/gateway_test.go (TestValidateGateway,
 * main after v1.6.1, standard channel), transcribed as facts: the listeners or addresses
 * of the upstream `mutate`, on the upstream base Gateway (gatewayClassName "foo", one HTTP
 * listener "http" on 80). The status-address cases are left out: status is not linted.
 */

const L = (name: string, protocol: string, port: number, extra: any = {}) => ({ name, protocol, port, ...extra });
const cert = { certificateRefs: [{ name: 'foo' }] };
const listeners = (desc: string, ls: any[], want: string[]): UpstreamCase => ({ upstream: `TestValidateGateway/${desc}`, spec: { listeners: ls }, want });
const addresses = (desc: string, as: any[], want: string[]): UpstreamCase => ({
  upstream: `TestValidateGateway/${desc}`,
  spec: { addresses: as },
  want,
  schemaSkip: as.some(a => a.value === undefined) ? 'Gateway API v1.0.0 required an address value (optional since v1.3)' : undefined,
});

export const GATEWAY_CASES: UpstreamCase[] = [
  listeners('tls config present with http protocol', [L('http', 'HTTP', 8080, { tls: {} })], ['error gateway-listener-tls spec.listeners[0].tls']),
  listeners('https protocol with Passthrough tls mode', [L('https', 'HTTPS', 8080, { tls: { mode: 'Passthrough' } })], ['error gateway-listener-tls spec.listeners[0].tls.mode']),
  listeners('tls mode not set with https protocol and tls config present', [L('https', 'HTTPS', 8080, { tls: cert })], []),
  listeners('tls config present with tcp protocol', [L('tcp', 'TCP', 8080, { tls: {} })], ['error gateway-listener-tls spec.listeners[0].tls']),
  // the CRD accepts HTTPS without tls; implementations cannot serve it: a warning (severity principle)
  listeners('tls config not set with https protocol', [L('https', 'HTTPS', 8443)], ['warning gateway-https-certificate spec.listeners[0].tls']),
  listeners('tls config not set with tls protocol', [L('tls', 'TLS', 8443)], ['error gateway-listener-tls spec.listeners[0].tls.mode']),
  listeners('tls config not set with http protocol', [L('http', 'HTTP', 8080)], []),
  listeners('tls config not set with tcp protocol', [L('tcp', 'TCP', 8080)], []),
  listeners('tls config not set with udp protocol', [L('udp', 'UDP', 8080)], []),
  listeners('hostname present with tcp protocol', [L('tcp', 'TCP', 8080, { hostname: 'foo' })], ['error gateway-listeners spec.listeners[0].hostname']),
  listeners('hostname present with udp protocol', [L('udp', 'UDP', 8080, { hostname: 'foo' })], ['error gateway-listeners spec.listeners[0].hostname']),
  listeners('certificateRefs not set with HTTPS protocol and TLS terminate mode', [L('https', 'HTTPS', 8443, { tls: { mode: 'Terminate' } })], ['error gateway-listener-tls spec.listeners[0].tls.certificateRefs']),
  listeners('certificateRefs not set with TLS protocol and TLS terminate mode', [L('tls', 'TLS', 8443, { tls: { mode: 'Terminate' } })], ['error gateway-listener-tls spec.listeners[0].tls.certificateRefs']),
  listeners('certificateRefs set with HTTPS protocol and TLS terminate mode', [L('https', 'HTTPS', 8443, { tls: { mode: 'Terminate', ...cert } })], []),
  listeners('certificateRefs set with TLS protocol and TLS terminate mode', [L('tls', 'TLS', 8443, { tls: { mode: 'Terminate', ...cert } })], []),
  listeners('options set with HTTPS protocol and TLS terminate mode', [L('https', 'HTTPS', 8443, { tls: { mode: 'Terminate', options: { 'networking.example.com/tls-version': '1.2' } } })], []),
  listeners('options set with tls protocol and TLS terminate mode', [L('tls', 'TLS', 8443, { tls: { mode: 'Terminate', options: { 'networking.example.com/tls-version': '1.2' } } })], []),
  listeners('names are not unique within the Gateway', [L('http', 'HTTP', 80), L('http', 'HTTP', 8000), L('http', 'HTTP', 8080)],
    ['error gateway-listener-unique spec.listeners[1].name', 'error gateway-listener-unique spec.listeners[2].name']),
  listeners('names are unique within the Gateway', [L('http-1', 'HTTP', 80), L('http-2', 'HTTP', 8000), L('http-3', 'HTTP', 8080)], []),
  listeners('combination of port, protocol, and hostname are not unique for each listener', [L('foo', 'HTTP', 80, { hostname: 'foo.com' }), L('bar', 'HTTP', 80, { hostname: 'foo.com' })],
    ['error gateway-listener-unique spec.listeners[1]']),
  listeners('combination of port and protocol are not unique for each listener when hostnames not set', [L('foo', 'HTTP', 80), L('bar', 'HTTP', 80)], ['error gateway-listener-unique spec.listeners[1]']),
  listeners('port is unique when protocol and hostname are the same', [L('foo', 'HTTP', 80, { hostname: 'foo.com' }), L('bar', 'HTTP', 8000, { hostname: 'foo.com' })], []),
  listeners('hostname is unique when protocol and port are the same', [L('foo', 'HTTP', 80, { hostname: 'foo.com' }), L('bar', 'HTTP', 80, { hostname: 'bar.com' })], []),
  listeners('one omitted hostname is unique when protocol and port are the same', [L('foo', 'HTTP', 80, { hostname: 'foo.com' }), L('bar', 'HTTP', 80)], []),
  listeners('protocol is unique when port and hostname are the same', [L('foo', 'HTTP', 8000, { hostname: 'foo.com' }), L('bar', 'HTTPS', 8000, { hostname: 'foo.com', tls: cert })], []),
  addresses('ip address and hostname in addresses are valid', [{ type: 'IPAddress', value: '1.2.3.4' }, { type: 'IPAddress', value: '1111:2222:3333:4444::' }, { type: 'Hostname', value: 'foo.bar' }], []),
  // upstream names only the first error; the CRD rejects the other two values as well
  addresses('ip address and hostname in addresses are invalid', [{ type: 'IPAddress', value: '1.2.3.4:8080' }, { type: 'Hostname', value: '*foo/bar' }, { type: 'Hostname', value: '12:34:56::' }],
    ['error gateway-addresses spec.addresses[0].value', 'error gateway-addresses spec.addresses[1].value', 'error gateway-addresses spec.addresses[2].value']),
  addresses('duplicate ip address or hostname', [{ type: 'IPAddress', value: '1.2.3.4' }, { type: 'IPAddress', value: '1.2.3.4' }, { type: 'Hostname', value: 'foo.bar' }, { type: 'Hostname', value: 'foo.bar' }],
    ['error gateway-addresses spec.addresses[1].value', 'error gateway-addresses spec.addresses[3].value']),
  addresses('optional ip address or hostname values', [{ type: 'IPAddress' }, { type: 'Hostname' }], []),
  addresses('multiple optional ip address or hostname values alongside defined values', [{ type: 'Hostname' }, { type: 'IPAddress' }, { type: 'IPAddress', value: '1.2.3.4' }, { type: 'Hostname', value: 'foo.bar' }, { type: 'IPAddress' }, { type: 'Hostname' }, { type: 'IPAddress', value: '2.3.4.5' }, { type: 'Hostname', value: 'bar.bar' }], []),
];
