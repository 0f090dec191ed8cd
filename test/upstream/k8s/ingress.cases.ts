import { prune, UpstreamCase } from './types';

/*
 * Ingress (networking.k8s.io/v1) cases. Sources (see SOURCES.md):
 * pkg/apis/networking/validation/validation_test.go TestValidateIngress, TestValidateIngressRuleValue,
 * TestValidateIngressCreate, TestValidateIngressTLS, TestValidateEmptyIngressTLS, and validation.go
 * (ValidateIngressCreate, ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath,
 * validateIngressBackend). Cases upstream runs only against networking.k8s.io/v1beta1 are left out.
 *
 * The base object is TestValidateIngress's baseIngress: a defaultBackend Service "defaultbackend"
 * port 80, and one rule for host foo.bar.com with path /foo (ImplementationSpecific) to it.
 */

const BACKEND = { service: { name: 'defaultbackend', port: { number: 80 } } };
const RESOURCE = { apiGroup: 'example.com', kind: 'foo', name: 'bar' };
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** A path of the base rule: /foo, ImplementationSpecific, to the default backend. */
function path(extra: any = {}): any {
  return { path: '/foo', pathType: 'ImplementationSpecific', backend: BACKEND, ...extra };
}

/** baseIngress with spec fields (and metadata) overridden; undefined removes a field. */
function ingress(spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'foo', namespace: 'default', ...metadata },
    spec: prune({ defaultBackend: BACKEND, rules: [{ host: 'foo.bar.com', http: { paths: [path()] } }], ...spec }),
  };
}

/** baseIngress whose one path is replaced by this one. */
function withPath(p: any): any {
  return ingress({ rules: [{ host: 'foo.bar.com', http: { paths: [p] } }] });
}

/** baseIngress whose one rule has this host. */
function withHost(host: string): any {
  return ingress({ rules: [{ host, http: { paths: [path()] } }] });
}

/** baseIngress whose path goes to this backend. */
function withBackend(backend: any): any {
  return withPath(path({ backend }));
}

const PATH0 = 'spec.rules[0].http.paths[0]';

const T = 'TestValidateIngress';
const RULE = 'TestValidateIngressRuleValue';
const CREATE = 'TestValidateIngressCreate';

/** TestValidateIngressRuleValue: [case name, pathType, path, valid]. */
const RULE_VALUES: [string, string, string, boolean][] = [
  ['implementation specific: no leading slash', 'ImplementationSpecific', 'foo', false],
  ['implementation specific: leading slash', 'ImplementationSpecific', '/foo', true],
  ['implementation specific: many slashes', 'ImplementationSpecific', '/foo/bar/foo', true],
  ['implementation specific: repeating slashes', 'ImplementationSpecific', '/foo//bar/foo', true],
  ['prefix: no leading slash', 'Prefix', 'foo', false],
  ['prefix: leading slash', 'Prefix', '/foo', true],
  ['prefix: many slashes', 'Prefix', '/foo/bar/foo', true],
  ['prefix: repeating slashes', 'Prefix', '/foo//bar/foo', false],
  ['exact: no leading slash', 'Exact', 'foo', false],
  ['exact: leading slash', 'Exact', '/foo', true],
  ['exact: many slashes', 'Exact', '/foo/bar/foo', true],
  ['exact: repeating slashes', 'Exact', '/foo//bar/foo', false],
  ['prefix: with /./', 'Prefix', '/foo/./foo', false],
  ['exact: with /../', 'Exact', '/foo/../foo', false],
  ['prefix: with %2f', 'Prefix', '/foo/%2f/foo', false],
  ['exact: with %2F', 'Exact', '/foo/%2F/foo', false],
];

export const CASES: UpstreamCase[] = [
  { upstream: `${T} baseIngress`, manifest: ingress(), valid: true },

  // --- paths ---
  { upstream: `${T} "empty path (implementation specific)"`, manifest: withPath(path({ path: '' })), valid: true },
  { upstream: `${T} "valid path"`, manifest: withPath(path({ path: '/valid' })), valid: true },
  {
    upstream: `${T} "invalid path type"`,
    manifest: withPath(path({ pathType: 'foo' })),
    valid: false,
    fields: [`${PATH0}.pathType`],
  },
  {
    upstream: 'validation.go validateHTTPIngressPath: pathType missing',
    manifest: withPath({ path: '/foo', backend: BACKEND }),
    valid: false,
    fields: [`${PATH0}.pathType`],
    note: 'networking.k8s.io/v1 has no default for pathType (v1beta1 defaulted it to ImplementationSpecific)',
  },
  {
    upstream: `${T} "empty path (prefix)"`,
    manifest: withPath(path({ path: '', pathType: 'Prefix' })),
    valid: false,
    fields: [`${PATH0}.path`],
  },
  {
    upstream: `${T} "no paths"`,
    manifest: ingress({ rules: [{ host: 'foo.bar.com', http: { paths: [] } }] }),
    valid: false,
    fields: ['spec.rules[0].http.paths'],
  },
  ...RULE_VALUES.map(([name, pathType, p, valid]): UpstreamCase => ({
    upstream: `${RULE} "${name}"`,
    manifest: withPath(path({ path: p, pathType })),
    valid,
    ...(valid ? {} : { fields: [`${PATH0}.path`] }),
  })),
  {
    upstream: 'validation.go validateHTTPIngressPath: Prefix path "/"',
    manifest: withPath(path({ path: '/', pathType: 'Prefix' })),
    valid: true,
  },
  {
    upstream: 'validation.go validateHTTPIngressPath: ends with "/."',
    manifest: withPath(path({ path: '/foo/.', pathType: 'Prefix' })),
    valid: false,
    fields: [`${PATH0}.path`],
  },
  {
    upstream: 'validation.go validateHTTPIngressPath: ends with "/.."',
    manifest: withPath(path({ path: '/foo/..', pathType: 'Exact' })),
    valid: false,
    fields: [`${PATH0}.path`],
  },
  {
    upstream: 'validation.go validateHTTPIngressPath: two bad sequences give two errors',
    manifest: withPath(path({ path: '/foo//bar/%2F', pathType: 'Exact' })),
    valid: false,
    fields: [`${PATH0}.path`, `${PATH0}.path`],
  },
  {
    upstream: `${CREATE} "valid regex path"`,
    manifest: withPath(path({ path: '/([a-z0-9]*)' })),
    valid: true,
  },
  {
    upstream: `${CREATE} "invalid regex path allowed (v1)"`,
    manifest: withPath(path({ path: '/([a-z0-9]*)[' })),
    valid: true,
    note: 'ImplementationSpecific paths are not parsed as regular expressions',
  },

  // --- hosts ---
  { upstream: `${T} "invalid host (foobar:80)"`, manifest: withHost('foobar:80'), valid: false, fields: ['spec.rules[0].host'] },
  {
    upstream: `${T} "invalid host (127.0.0.1)"`,
    manifest: withHost('127.0.0.1'),
    valid: false,
    fields: ['spec.rules[0].host'],
    note: '"must be a DNS name, not an IP address" (127.0.0.1 is otherwise a valid DNS-1123 subdomain)',
  },
  { upstream: `${T} "valid wildcard host"`, manifest: withHost('*.bar.com'), valid: true },
  { upstream: `${T} "invalid wildcard host (foo.*.bar.com)"`, manifest: withHost('foo.*.bar.com'), valid: false, fields: ['spec.rules[0].host'] },
  { upstream: `${T} "invalid wildcard host (*)"`, manifest: withHost('*'), valid: false, fields: ['spec.rules[0].host'] },
  { upstream: 'validation.go validateIngressRules: uppercase host', manifest: withHost('Foo.bar.com'), valid: false, fields: ['spec.rules[0].host'] },
  {
    upstream: 'validation.go validateIngressRules: a rule with only a host',
    manifest: ingress({ defaultBackend: undefined, rules: [{ host: 'foo.bar.com' }] }),
    valid: true,
  },
  {
    upstream: 'validation.go validateIngressRules: a rule without a host',
    manifest: ingress({ rules: [{ http: { paths: [path()] } }] }),
    valid: true,
  },

  // --- spec ---
  {
    upstream: 'validation.go ValidateIngressSpec: neither defaultBackend nor rules',
    manifest: ingress({ defaultBackend: undefined, rules: undefined }),
    valid: false,
    fields: ['spec'],
    note: '"either `defaultBackend` or `rules` must be specified"',
  },
  {
    upstream: 'validation.go ValidateIngressSpec: defaultBackend only',
    manifest: ingress({ rules: undefined }),
    valid: true,
  },

  // --- backends ---
  {
    upstream: `${T} "path resource backend and service name are not allowed together"`,
    manifest: withBackend({ ...BACKEND, resource: RESOURCE }),
    valid: false,
    fields: [`${PATH0}.backend`],
  },
  {
    upstream: `${T} "path resource backend and service port are not allowed together"`,
    manifest: withBackend({ ...BACKEND, resource: RESOURCE }),
    valid: false,
    fields: [`${PATH0}.backend`],
  },
  {
    upstream: `${CREATE} "Spec.Backend.Resource field allowed on create"`,
    manifest: ingress({ defaultBackend: { resource: RESOURCE }, rules: undefined }),
    valid: true,
  },
  {
    upstream: `${CREATE} "Paths.Backend.Resource field allowed on create"`,
    manifest: withBackend({ resource: RESOURCE }),
    valid: true,
  },
  {
    upstream: 'validation.go validateIngressBackend: neither service nor resource',
    manifest: withBackend({}),
    valid: false,
    fields: [`${PATH0}.backend`],
    note: '"resource or service backend is required"',
  },
  {
    upstream: 'validation.go validateIngressBackend: service name starts with a digit (KEP-5311)',
    manifest: withBackend({ service: { name: '1svc', port: { number: 80 } } }),
    valid: true,
    acceptedFrom: 36,
    fields: [`${PATH0}.backend.service.name`],
    note: 'service.name is checked with the Service name function: DNS-1035 label through 1.35; RelaxedServiceNameValidation (beta, on by default in 1.36; GA 1.37) relaxes Ingress backend names together with Service names',
  },
  {
    upstream: 'validation.go validateIngressBackend: service name uppercase',
    manifest: withBackend({ service: { name: 'Defaultbackend', port: { number: 80 } } }),
    valid: false,
    fields: [`${PATH0}.backend.service.name`],
  },
  {
    upstream: 'validation.go validateIngressBackend: defaultBackend service name uppercase',
    manifest: ingress({ defaultBackend: { service: { name: 'Defaultbackend', port: { number: 80 } } } }),
    valid: false,
    fields: ['spec.defaultBackend.service.name'],
  },
  {
    upstream: 'validation.go validateIngressBackend: port name',
    manifest: withBackend({ service: { name: 'defaultbackend', port: { name: 'http' } } }),
    valid: true,
  },
  {
    upstream: 'validation.go validateIngressBackend: port name is an IANA service name',
    manifest: withBackend({ service: { name: 'defaultbackend', port: { name: 'HTTP' } } }),
    valid: false,
    fields: [`${PATH0}.backend.service.port.name`],
  },
  {
    upstream: 'validation.go validateIngressBackend: port name longer than 15',
    manifest: withBackend({ service: { name: 'defaultbackend', port: { name: 'a-very-long-port-name' } } }),
    valid: false,
    fields: [`${PATH0}.backend.service.port.name`],
    note: 'a Service port may be named like this (DNS-1123 label, up to 63), but an Ingress cannot refer to it by name',
  },
  {
    upstream: 'validation.go validateIngressBackend: port name and number',
    manifest: withBackend({ service: { name: 'defaultbackend', port: { name: 'http', number: 80 } } }),
    valid: false,
    fields: [`${PATH0}.backend`],
    note: '"cannot set both port name & port number"',
  },
  {
    upstream: 'validation.go validateIngressBackend: neither port name nor number',
    manifest: withBackend({ service: { name: 'defaultbackend', port: {} } }),
    valid: false,
    fields: [`${PATH0}.backend`],
    note: '"port name or number is required"; number 0 counts as unset',
  },
  {
    upstream: 'validation.go validateIngressBackend: port number 65535',
    manifest: withBackend({ service: { name: 'defaultbackend', port: { number: 65535 } } }),
    valid: true,
  },
  {
    upstream: 'validation.go validateIngressBackend: port number 65536',
    manifest: withBackend({ service: { name: 'defaultbackend', port: { number: 65536 } } }),
    valid: false,
    fields: [`${PATH0}.backend.service.port.number`],
  },

  // --- TLS ---
  { upstream: `${CREATE} "v1: valid secret"`, manifest: ingress({ tls: [{ secretName: 'valid' }] }), valid: true },
  {
    upstream: `${CREATE} "v1: invalid secret"`,
    manifest: ingress({ tls: [{ secretName: 'invalid name' }] }),
    valid: false,
    fields: ['spec.tls[0].secretName'],
  },
  {
    upstream: `${CREATE} "v1: valid rules with wildcard host"`,
    manifest: ingress({ tls: [{ hosts: ['*.bar.com'] }], rules: [{ host: '*.foo.com', http: { paths: [path({ pathType: 'Exact' })] } }] }),
    valid: true,
  },
  {
    upstream: `${CREATE} "v1: invalid rules with wildcard host"`,
    manifest: ingress({ tls: [{ hosts: ['*.bar.com'] }], rules: [{ host: '*.foo.com', http: { paths: [path({ path: 'foo', pathType: 'Exact' })] } }] }),
    valid: false,
    fields: [`${PATH0}.path`],
  },
  {
    upstream: 'TestValidateIngressTLS badWildcardTLS "foo.*.bar.com"',
    manifest: ingress({ rules: [{ host: '*.foo.bar.com', http: { paths: [path()] } }], tls: [{ hosts: ['foo.*.bar.com'] }] }),
    valid: false,
    fields: ['spec.tls[0].hosts[0]'],
  },
  {
    upstream: 'TestValidateIngressTLS goodWildcardTLS "*.bar.com"',
    manifest: ingress({ rules: [{ host: '*.bar.com', http: { paths: [path()] } }], tls: [{ hosts: ['*.bar.com'] }] }),
    valid: true,
  },
  {
    upstream: 'validation.go validateIngressTLS: IP address as a TLS host',
    manifest: ingress({ tls: [{ hosts: ['1.2.3.4'] }] }),
    valid: true,
    note: 'unlike rules[].host, tls[].hosts are only checked as DNS-1123 subdomains, which a dotted IPv4 address is',
  },
  {
    upstream: 'TestValidateEmptyIngressTLS goodEmptyTLS',
    manifest: ingress({ defaultBackend: undefined, rules: [{ host: 'foo.bar.com', http: { paths: [{ pathType: 'ImplementationSpecific', backend: { service: { name: 'defaultbackend', port: { number: 443 } } } }] } }], tls: [{}] }),
    valid: true,
  },
  {
    upstream: 'TestValidateEmptyIngressTLS goodEmptyHosts',
    manifest: ingress({ defaultBackend: undefined, rules: [{ host: 'foo.bar.com', http: { paths: [{ pathType: 'ImplementationSpecific', backend: { service: { name: 'defaultbackend', port: { number: 443 } } } }] } }], tls: [{ hosts: [] }] }),
    valid: true,
  },

  // --- class ---
  { upstream: `${CREATE} "class field set"`, manifest: ingress({ ingressClassName: 'bar' }), valid: true },
  { upstream: `${CREATE} "class annotation set"`, manifest: ingress({}, { annotations: { [CLASS_ANNOTATION]: 'foo' } }), valid: true },
  {
    upstream: `${CREATE} "class field and annotation set"`,
    manifest: ingress({ ingressClassName: 'bar' }, { annotations: { [CLASS_ANNOTATION]: 'foo' } }),
    valid: false,
    fields: [`metadata.annotations['${CLASS_ANNOTATION}']`],
    note: 'upstream reports the path as annotations.kubernetes.io/ingress.class (without metadata); "must match `ingressClassName` when both are specified"',
  },
  {
    upstream: 'validation.go ValidateIngressCreate: class field and annotation with the same value (PR #115447)',
    manifest: ingress({ ingressClassName: 'bar' }, { annotations: { [CLASS_ANNOTATION]: 'bar' } }),
    valid: true,
    note: 'accepted since PR #115447 (1.27); releases before 1.27 rejected any combination ("can not be set when the class field is also set")',
  },
  {
    upstream: 'validation.go ValidateIngressSpec: ingressClassName is a DNS-1123 subdomain',
    manifest: ingress({ ingressClassName: 'Bad_Class' }),
    valid: false,
    fields: ['spec.ingressClassName'],
  },
];
