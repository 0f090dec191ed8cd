import { ingressObject, ingressPath } from './example-objects';
import { checkDns1123Subdomain, mapField, checkIanaServiceName, checkPortNumber, isDns1123Subdomain, isIP, isWildcardDns1123Subdomain } from './formats';
import { checkServiceName, hasNameOrGenerateName } from './metadata';
import { expectType } from './types';
import { FindingType, Issue, Severity, issue, warning } from '../model/finding';
import { defineKind } from '../model/kinds';
import { metadataOf } from '../model/object';
import { list, obj, Plain, show, text, listSome } from '../model/plain';
import { CheckContext, defineRule, derived, RuleBasics, ruleExamples } from '../model/rule';
import { DEFAULT_VERSIONS, VersionRange } from '../model/versions';


/** The Ingress: networking.k8s.io/v1 only; networking.k8s.io/v1beta1 and extensions/v1beta1 stopped being served in 1.22. */
export const INGRESS = defineKind({ kind: 'Ingress', group: 'networking.k8s.io', versions: ['v1'], unserved: { 'networking.k8s.io/v1beta1': 22, 'extensions/v1beta1': 22 }, checked: true });

const PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'];
export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function suggestHost(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9.*-]/g, '-');
}

/** Whether a host is one the API server accepts on an Ingress. */
export function checkHost(field: string, host: unknown): Issue[] {
  if (typeof host !== 'string' || host === '') {
    return [issue(field, `${show(host)} is not a host`, 'leave host out to match any host, or use a DNS name such as "app.example.com"')];
  }
  if (/:\d*$/.test(host) && !host.includes('::')) {
    return [issue(field, `${show(host)} has a port: an Ingress host is a lowercase DNS name without a port (the controller listens on 80 and 443)`, `use ${show(suggestHost(host.replace(/:\d*$/, '')))}`)];
  }
  if (isIP(host)) {
    return [issue(field, `${show(host)} is an IP address: an Ingress host must be a DNS name, not an IP`, 'use a DNS name, or leave host out to match any host')];
  }
  if (host.includes('*')) {
    return isWildcardDns1123Subdomain(host) ? [] : [issue(field, `${show(host)} is not a valid wildcard host: a wildcard may only be the whole first label, as in "*.example.com"`, 'fix the host')];
  }
  if (!isDns1123Subdomain(host)) {
    return [issue(field, `${show(host)} is not a valid host: must be a lowercase DNS-1123 subdomain (letters, digits, '-' and '.')`, `use e.g. ${show(suggestHost(host))}`)];
  }
  return [];
}

/**
 * Whether a TLS host is one the API server accepts: validateIngressTLS checks a DNS-1123
 * subdomain or a wildcard one, nothing else (an IPv4 address passes, unlike a rule host).
 */
export function checkTlsHost(field: string, host: unknown): Issue[] {
  if (typeof host === 'string' && (isDns1123Subdomain(host) || isWildcardDns1123Subdomain(host))) return [];
  return [issue(field, `${show(host)} is not a valid TLS host: must be a lowercase DNS-1123 subdomain or a wildcard such as "*.example.com"`, 'use the host name the certificate is for')];
}

/** The path rules that Exact and Prefix paths (Ingress) and PathPrefix and Exact paths (HTTPRoute) share. */
export function checkNormalizedPath(field: string, p: string, pathType: string, fix: string, extra: readonly string[] = []): Issue[] {
  if (!p.startsWith('/')) {
    return [issue(field, `${show(p)} must start with '/' for pathType ${pathType}`, `use ${show('/' + p)}`)];
  }
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', ...extra]) {
    if (p.includes(bad)) return [issue(field, `${show(p)} may not contain ${show(bad)} for pathType ${pathType}`, fix)];
  }
  for (const bad of ['/.', '/..']) {
    if (p.endsWith(bad)) return [issue(field, `${show(p)} may not end with ${show(bad)} for pathType ${pathType}`, 'normalize the path')];
  }
  return [];
}

/** Whether a path is valid for its pathType, as the API server checks it. */
export function checkPath(field: string, path: unknown, pathType: unknown): Issue[] {
  if (!PATH_TYPES.includes(pathType as string)) {
    return [issue(`${field}.pathType`, `${show(pathType)} is not a pathType: allowed are ${PATH_TYPES.join(', ')}`, 'use Prefix, Exact or ImplementationSpecific')];
  }
  const p = path ?? '';
  if (typeof p !== 'string') return [issue(`${field}.path`, `${show(p)} is not a path`, 'use a string such as "/api"')];
  if (pathType === 'ImplementationSpecific') {
    return p === '' || p.startsWith('/') ? [] : [issue(`${field}.path`, `${show(p)} must be empty or start with '/'`, `use ${show('/' + p)}`)];
  }
  return checkNormalizedPath(`${field}.path`, p, text(pathType), 'normalize the path, or use pathType ImplementationSpecific');
}

/** A backend: exactly one of service or resource; a service name and exactly one of port name or number. */
export function checkBackend(field: string, value: unknown, versions: VersionRange = DEFAULT_VERSIONS, known?: CheckContext['backendService']): Issue[] {
  if (value === undefined || value === null) return [issue(field, 'a path needs a backend', 'route it to a Service')];
  const backend = obj(value);
  const hasService = backend.service !== undefined && backend.service !== null;
  const hasResource = backend.resource !== undefined && backend.resource !== null;
  if (hasService === hasResource) return [issue(field, 'a backend needs exactly one of service or resource', 'set one')];
  if (!hasService) return [];
  const svc = obj(backend.service);
  const out: Issue[] = [];
  if (typeof svc.name !== 'string' || svc.name === '') {
    out.push(issue(`${field}.service.name`, 'a backend needs the name of its Service', 'name an existing Service'));
  } else {
    out.push(...checkServiceName(`${field}.service.name`, svc.name, { versions }, 'Service name', 'name an existing Service'));
  }
  const port = obj(svc.port);
  const hasName = port.name !== undefined && port.name !== null && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== null && port.number !== 0;
  const service = svc.port === undefined && typeof svc.name === 'string' ? known?.(field) : undefined;
  if (service !== undefined) {
    // a construct left the port out because the Service it holds has no single port: say why
    out.push(...checkServicePortRef(`${field}.service.port`, svc.name, undefined, service.ports, service.where));
  } else if (hasName === hasNumber) {
    out.push(issue(`${field}.service.port`, `${show(svc.port)} must have exactly one of name or number`, 'give the Service port\'s number or its name'));
  } else if (hasName) {
    out.push(...checkIanaServiceName(`${field}.service.port.name`, port.name, 'backend port name',
      'an Ingress can only refer to a Service port by an IANA name of at most 15 characters: use the port number, or shorten the Service port\'s name'));
  } else {
    out.push(...checkPortNumber(`${field}.service.port.number`, port.number, 'use the Service\'s port'));
  }
  return out;
}

/** Whether a TLS host is served by a rule host: equal, or a wildcard that covers it (either way). */
export function hostCovers(tlsHost: string, ruleHost: string): boolean {
  if (tlsHost === ruleHost) return true;
  const wildcardCovers = (wild: string, host: string) => {
    const dot = host.indexOf('.');
    return wild.startsWith('*.') && dot > 0 && host.slice(dot) === wild.slice(1);
  };
  return wildcardCovers(tlsHost, ruleHost);
}

/**
 * Whether a rule host means any host: left out, or empty. validateIngressRules checks a host only
 * when it is non-empty (`if len(ih.Host) > 0`).
 */
function anyHost(host: unknown): boolean {
  return host === undefined || host === null || host === '';
}

/** @internal an Ingress rule with its field path, and its paths with theirs */
export interface IngressRuleAt {
  readonly rule: Plain;
  readonly field: string;
  readonly paths: ReadonlyArray<{ readonly path: Plain; readonly field: string }>;
}

/** @internal the rules of an Ingress, each with its field path and its paths (made once per check of the Ingress) */
export function ingressRules(ing: unknown): readonly IngressRuleAt[] {
  return derived(ing, rulesOf);
}

function rulesOf(ing: unknown): IngressRuleAt[] {
  return list(obj(obj(ing).spec).rules).map((rule, i) => {
    const field = `spec.rules[${i}]`;
    return { rule: obj(rule), field, paths: rulePaths(obj(rule), field) };
  });
}

/** @internal the paths of an Ingress rule, each with its field path */
export function rulePaths(rule: Plain, field: string): Array<{ readonly path: Plain; readonly field: string }> {
  return list(obj(rule.http).paths).map((p, j) => ({ path: obj(p), field: `${field}.http.paths[${j}]` }));
}

/** @internal every backend of an Ingress with its field path: the default backend and each path's */
export function ingressBackends(ing: unknown): ReadonlyArray<{ readonly backend: unknown; readonly field: string }> {
  return derived(ing, backendsOf);
}

function backendsOf(ing: unknown): Array<{ readonly backend: unknown; readonly field: string }> {
  const spec = obj(obj(ing).spec);
  const out: Array<{ backend: unknown; field: string }> = [];
  if (spec.defaultBackend !== undefined && spec.defaultBackend !== null) out.push({ backend: spec.defaultBackend, field: 'spec.defaultBackend' });
  for (const r of ingressRules(ing)) for (const p of r.paths) out.push({ backend: p.path.backend, field: `${p.field}.backend` });
  return out;
}

function ingressRule(def: RuleBasics,
  check: (ing: any, spec: Plain, ctx: CheckContext) => Issue[]) {
  return defineRule({ scope: 'object', kinds: [INGRESS.kind], severity: Severity.ERROR, ...def }, (ing, ctx) => check(ing, obj(obj(ing).spec), ctx));
}

export const ingressName = ingressRule({
  id: 'ingress-name',
  summary: 'an Ingress has a name, a DNS-1123 subdomain',
  prevents: 'ValidateObjectMeta: the name is required and must be a DNS-1123 subdomain',
}, ing => {
  const name = metadataOf(ing).name;
  if (typeof name !== 'string' || name === '') return hasNameOrGenerateName(ing) ? [] : [issue('metadata.name', 'an Ingress needs a name (or generateName)', 'set name')];
  return checkDns1123Subdomain('metadata.name', name, 'Ingress name', 'use lowercase letters, digits, \'-\' and \'.\'');
});

export const ingressRulesRequired = ingressRule({
  id: 'ingress-rules-required',
  type: FindingType.REQUIRED,
  summary: 'an Ingress has rules or a defaultBackend',
  prevents: 'ValidateIngressSpec: "either `defaultBackend` or `rules` must be specified"',
}, (_, spec) => {
  const type = expectType('spec.rules', spec.rules, 'list');
  if (type.length > 0) return type;
  return list(spec.rules).length === 0 && (spec.defaultBackend === undefined || spec.defaultBackend === null)
    ? [issue('spec', 'an Ingress needs rules or a defaultBackend (either defaultBackend or rules must be specified)', 'add a path, or a default backend')]
    : [];
});

export const ingressHost = ingressRule({
  id: 'ingress-host',
  summary: 'a rule host is a lowercase DNS name or a wildcard, without a port, not an IP',
  prevents: 'validateIngressRules: host must be a DNS-1123 subdomain or wildcard, and not an IP',
}, ing => ingressRules(ing).flatMap(({ rule, field }) => (anyHost(rule.host) ? [] : checkHost(`${field}.host`, rule.host))));

export const ingressPaths = ingressRule({
  id: 'ingress-paths',
  summary: 'a rule with http has at least one path; each path is valid for its pathType',
  prevents: 'validateHTTPIngressRuleValue / validateHTTPIngressPath: paths required; Exact and Prefix paths are absolute and normalized',
}, ing => ingressRules(ing).flatMap(({ rule, field, paths }) => {
  if (rule.http === undefined || rule.http === null) return [];
  if (paths.length === 0) return [issue(`${field}.http.paths`, 'a rule with http needs at least one path', 'add a path')];
  return paths.flatMap(p => checkPath(p.field, p.path.path, p.path.pathType));
}));

export const ingressBackend = ingressRule({
  id: 'ingress-backend',
  summary: 'a backend names a Service and exactly one of its port name or number',
  prevents: 'validateIngressBackend: exactly one of service or resource; service name (DNS-1035 label, DNS-1123 label from 1.36); port name (IANA) or number (1-65535)',
}, (ing, spec, ctx) => {
  const out: Issue[] = [];
  if (spec.defaultBackend !== undefined && spec.defaultBackend !== null) out.push(...checkBackend('spec.defaultBackend', spec.defaultBackend, ctx.versions, ctx.backendService));
  for (const r of ingressRules(ing)) for (const p of r.paths) out.push(...checkBackend(`${p.field}.backend`, p.path.backend, ctx.versions, ctx.backendService));
  return out;
});

/** The TLS entries of an Ingress with their field paths. */
function tlsEntries(spec: Plain) {
  return list(spec.tls).map((t, i) => ({ tls: obj(t), field: `spec.tls[${i}]` }));
}

export const ingressTls = ingressRule({
  id: 'ingress-tls',
  summary: 'TLS hosts are DNS-1123 subdomains or wildcards, and the secretName a DNS-1123 subdomain',
  prevents: 'validateIngressTLS: each TLS host is a DNS-1123 subdomain or a wildcard one; secretName is a Secret name',
}, (_, spec) => [...expectType('spec.tls', spec.tls, 'list'), ...tlsEntries(spec).flatMap(({ tls, field }) => [
  ...(tls.secretName === undefined || tls.secretName === null || tls.secretName === '' ? []
    : checkDns1123Subdomain(`${field}.secretName`, tls.secretName, 'Secret name', 'name the Secret that holds the certificate')),
  ...list(tls.hosts).flatMap((h, j) => checkTlsHost(`${field}.hosts[${j}]`, h)),
])]);

export const ingressTlsHostUnmatched = ingressRule({
  id: 'ingress-tls-host-unmatched',
  severity: Severity.WARNING,
  summary: 'a TLS host is served by a rule host of the same Ingress',
  prevents: 'a certificate that is never served for its host: the API accepts it, but no rule routes that host',
}, (ing, spec) => {
  if (ingressRules(ing).some(r => anyHost(r.rule.host))) return [];
  const ruleHosts = ingressRules(ing).map(r => r.rule.host).filter((h): h is string => typeof h === 'string');
  return tlsEntries(spec).flatMap(({ tls, field }) => list(tls.hosts).flatMap((h, j) => {
    if (typeof h !== 'string' || checkTlsHost('', h).length > 0) return [];
    if (ruleHosts.some(r => hostCovers(h, r) || hostCovers(r, h))) return [];
    return [warning(`${field}.hosts[${j}]`, `${show(h)} matches no rule host of this Ingress (${ruleHosts.length ? listSome(ruleHosts, r => r) : 'none'}), so its certificate is not served for it`, 'add a rule for the host, or remove it from tls')];
  }));
});

export const ingressClass = ingressRule({
  id: 'ingress-class',
  summary: 'ingressClassName is a DNS-1123 subdomain that agrees with the kubernetes.io/ingress.class annotation',
  prevents: 'ValidateIngressSpec: ingressClassName is validated, and conflicts with a different class annotation',
}, (ing, spec) => {
  const cls = spec.ingressClassName;
  if (cls === undefined || cls === null) return [];
  const out = checkDns1123Subdomain('spec.ingressClassName', cls, 'ingressClassName', 'name an IngressClass, e.g. "nginx"');
  const annotated = obj(metadataOf(ing).annotations)[CLASS_ANNOTATION];
  if (annotated !== undefined && annotated !== cls) {
    out.push(issue(mapField('metadata.annotations', CLASS_ANNOTATION), `${show(annotated)} must match ingressClassName ${show(cls)} when both are set`, 'remove the annotation: ingressClassName replaces it'));
  }
  return out;
});

/**
 * Whether a backend's port reference names a port of its Service. With `portRef`
 * undefined, the Service must have exactly one port. `ports` undefined: not known.
 */
export function checkServicePortRef(field: string, serviceName: string, portRef: number | string | undefined,
  ports: ReadonlyArray<{ readonly port?: any; readonly name?: any }> | undefined, where = ''): Issue[] {
  // the list of ports is written only for a finding: a route may have thousands of backends to one Service
  const names = () => listSome(ports ?? [], p => (p.name ? `${p.port} (${p.name})` : `${p.port}`)) || 'none';
  if (portRef === undefined) {
    if (ports !== undefined && ports.length === 1) return [];
    const why = ports === undefined ? 'its ports are not known' : `it has ${ports.length} ports: ${names()}`;
    return [issue(field, `the backend to Service ${show(serviceName)}${where} needs an explicit port because ${why}`, 'set port to a port number or name of the Service')];
  }
  if (ports === undefined) return [];
  return portLookup(ports).has(portRef) ? [] : [issue(field, `${show(portRef)} is not a port of Service ${show(serviceName)}${where}, whose ports are ${names()}`, 'use one of them, or add the port to the Service')];
}

const PORT_LOOKUPS = new WeakMap<object, Set<unknown>>();

/** The numbers and names of a list of Service ports, built once per list. */
function portLookup(ports: ReadonlyArray<{ readonly port?: any; readonly name?: any }>): Set<unknown> {
  let lookup = PORT_LOOKUPS.get(ports);
  if (!lookup) {
    lookup = new Set<unknown>();
    for (const p of ports) {
      lookup.add(p.port);
      if (p.name !== undefined && p.name !== null && p.name !== '') lookup.add(p.name);
    }
    PORT_LOOKUPS.set(ports, lookup);
  }
  return lookup;
}

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'ingress-name': {
    objects: [ingressObject({ rules: [{ http: { paths: [ingressPath()] } }] }, { name: 'Web' })],
    valid: [ingressObject({ rules: [{ http: { paths: [ingressPath()] } }] }, { name: 'web' })],
  },
  'ingress-rules-required': {
    objects: [ingressObject({})],
    valid: [ingressObject({ defaultBackend: ingressPath().backend })],
  },
  'ingress-host': {
    objects: [ingressObject({ rules: [{ host: 'app.example.com:8080', http: { paths: [ingressPath()] } }] })],
    valid: [ingressObject({ rules: [{ host: 'app.example.com', http: { paths: [ingressPath()] } }] })],
  },
  'ingress-paths': {
    objects: [ingressObject({ rules: [{ http: { paths: [ingressPath({ path: 'api' })] } }] })],
    valid: [ingressObject({ rules: [{ http: { paths: [ingressPath({ path: '/api' })] } }] })],
  },
  'ingress-backend': {
    objects: [ingressObject({ rules: [{ http: { paths: [ingressPath({ backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } })] } }] })],
    valid: [ingressObject({ rules: [{ http: { paths: [ingressPath({ backend: { service: { name: 'web', port: { number: 80 } } } })] } }] })],
  },
  'ingress-tls': {
    objects: [ingressObject({ rules: [{ host: 'a.example.com', http: { paths: [ingressPath()] } }], tls: [{ hosts: ['a.example.com'], secretName: 'TLS_cert' }] })],
    valid: [ingressObject({ rules: [{ host: 'a.example.com', http: { paths: [ingressPath()] } }], tls: [{ hosts: ['a.example.com'], secretName: 'tls-cert' }] })],
  },
  'ingress-tls-host-unmatched': {
    objects: [ingressObject({ rules: [{ host: 'a.example.com', http: { paths: [ingressPath()] } }], tls: [{ hosts: ['b.example.com'], secretName: 'tls' }] })],
    valid: [ingressObject({ rules: [{ host: 'a.example.com', http: { paths: [ingressPath()] } }], tls: [{ hosts: ['a.example.com'], secretName: 'tls' }] })],
  },
  'ingress-class': {
    objects: [ingressObject({ ingressClassName: 'nginx', rules: [{ http: { paths: [ingressPath()] } }] }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } })],
    valid: [ingressObject({ ingressClassName: 'nginx', rules: [{ http: { paths: [ingressPath()] } }] }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } })],
  },
});
