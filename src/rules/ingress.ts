import { IngressManifest, PlainIngressBackend } from './manifest';
import {
  checkDns1035Label, checkDns1123Subdomain, checkIanaServiceName, checkPortNumber, isDns1123Subdomain, isIP,
  isWildcardDns1123Subdomain,
} from './names';
import { Violation, err, show } from './violation';

const PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function suggestHost(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9.*-]/g, '-');
}

/** Whether a host is one the API server accepts on an Ingress. */
export function checkHost(field: string, host: unknown): Violation[] {
  if (typeof host !== 'string' || host === '') {
    return [err(field, `${show(host)} is not a host: leave host out to match any host, or use a DNS name such as "app.example.com"`)];
  }
  if (/:\d*$/.test(host) && !host.includes('::')) {
    return [err(field, `${show(host)} has a port: an Ingress host is a lowercase DNS name without a port (the controller listens on 80 and 443); use ${show(suggestHost(host.replace(/:\d*$/, '')))}`)];
  }
  if (isIP(host)) {
    return [err(field, `${show(host)} is an IP address: an Ingress host must be a DNS name, not an IP; use a DNS name, or leave host out to match any host`)];
  }
  if (host.includes('*')) {
    return isWildcardDns1123Subdomain(host) ? [] : [err(field, `${show(host)} is not a valid wildcard host: a wildcard may only be the whole first label, as in "*.example.com"; fix the host`)];
  }
  if (!isDns1123Subdomain(host)) {
    return [err(field, `${show(host)} is not a valid host: must be a lowercase DNS-1123 subdomain (letters, digits, '-' and '.'); use e.g. ${show(suggestHost(host))}`)];
  }
  return [];
}

/** Whether a path is valid for its pathType, as the API server checks it. */
export function checkPath(field: string, path: unknown, pathType: unknown): Violation[] {
  if (!PATH_TYPES.includes(pathType as string)) {
    return [err(`${field}.pathType`, `${show(pathType)} is not a pathType: allowed are ${PATH_TYPES.join(', ')}`)];
  }
  const p = path ?? '';
  if (typeof p !== 'string') return [err(`${field}.path`, `${show(p)} is not a path: use a string such as "/api"`)];
  if (pathType === 'ImplementationSpecific') {
    return p === '' || p.startsWith('/') ? [] : [err(`${field}.path`, `${show(p)} must be empty or start with '/'; use ${show('/' + p)}`)];
  }
  if (!p.startsWith('/')) {
    return [err(`${field}.path`, `${show(p)} must start with '/' for pathType ${pathType}; use ${show('/' + p)}`)];
  }
  for (const bad of ['//', '/./', '/../', '%2f', '%2F']) {
    if (p.includes(bad)) {
      return [err(`${field}.path`, `${show(p)} may not contain ${show(bad)} for pathType ${pathType}; normalize the path, or use pathType IMPLEMENTATION_SPECIFIC`)];
    }
  }
  for (const bad of ['/.', '/..']) {
    if (p.endsWith(bad)) {
      return [err(`${field}.path`, `${show(p)} may not end with ${show(bad)} for pathType ${pathType}; normalize the path`)];
    }
  }
  return [];
}

/** A backend: exactly one of service or resource; a service name and exactly one of port name or number. */
export function checkBackend(field: string, backend: PlainIngressBackend | undefined): Violation[] {
  if (backend === undefined) return [err(field, 'a path needs a backend; route it to a Service')];
  const out: Violation[] = [];
  if ((backend.service === undefined) === (backend.resource === undefined)) {
    return [err(field, 'a backend needs exactly one of service or resource; set one')];
  }
  const svc = backend.service;
  if (svc === undefined) return out;
  if (typeof svc.name !== 'string' || svc.name === '') {
    out.push(err(`${field}.service.name`, 'a backend needs the name of its Service'));
  } else {
    out.push(...checkDns1035Label(`${field}.service.name`, svc.name, 'Service name', 'name an existing Service'));
  }
  const port = svc.port ?? {};
  const hasName = port.name !== undefined && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== 0;
  if (hasName === hasNumber) {
    out.push(err(`${field}.service.port`, `${show(port)} must have exactly one of name or number; give the Service port's number or its name`));
  } else if (hasName) {
    out.push(...checkIanaServiceName(`${field}.service.port.name`, port.name, 'backend port name',
      'an Ingress can only refer to a Service port by an IANA name of at most 15 characters; use the port number, or shorten the Service port\'s name'));
  } else {
    out.push(...checkPortNumber(`${field}.service.port.number`, port.number, 'use the Service\'s port'));
  }
  return out;
}

/** Whether a TLS host is served by a rule host: equal, or a wildcard that covers it. */
export function hostCovers(tlsHost: string, ruleHost: string): boolean {
  if (tlsHost === ruleHost) return true;
  if (tlsHost.startsWith('*.')) {
    const dot = ruleHost.indexOf('.');
    return dot > 0 && ruleHost.slice(dot) === tlsHost.slice(1);
  }
  return false;
}

/**
 * The API server's rules for a networking.k8s.io/v1 Ingress, and one trap it accepts:
 * a TLS host that no rule serves.
 */
export function checkIngress(ing: IngressManifest): Violation[] {
  const out: Violation[] = [];
  const name = ing.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    out.push(err('metadata.name', 'an Ingress needs a name; set name'));
  } else {
    out.push(...checkDns1123Subdomain('metadata.name', name, 'Ingress name', 'use lowercase letters, digits, \'-\' and \'.\''));
  }
  const spec = ing.spec ?? {};
  const rules = spec.rules ?? [];
  if (rules.length === 0 && spec.defaultBackend === undefined) {
    out.push(err('spec', 'an Ingress needs rules or a defaultBackend (either defaultBackend or rules must be specified); add a path, or a default backend'));
  }
  if (spec.defaultBackend !== undefined) out.push(...checkBackend('spec.defaultBackend', spec.defaultBackend));
  const ruleHosts: string[] = [];
  rules.forEach((rule, i) => {
    const f = `spec.rules[${i}]`;
    if (rule.host !== undefined) {
      out.push(...checkHost(`${f}.host`, rule.host));
      if (typeof rule.host === 'string') ruleHosts.push(rule.host);
    }
    if (rule.http !== undefined) {
      const paths = rule.http.paths ?? [];
      if (paths.length === 0) out.push(err(`${f}.http.paths`, 'a rule with http needs at least one path; add a path'));
      paths.forEach((p, j) => {
        const pf = `${f}.http.paths[${j}]`;
        out.push(...checkPath(pf, p.path, p.pathType));
        out.push(...checkBackend(`${pf}.backend`, p.backend));
      });
    }
  });
  (spec.tls ?? []).forEach((tls, i) => {
    const f = `spec.tls[${i}]`;
    if (tls.secretName !== undefined) {
      out.push(...checkDns1123Subdomain(`${f}.secretName`, tls.secretName, 'Secret name', 'name the Secret that holds the certificate'));
    }
    (tls.hosts ?? []).forEach((h, j) => {
      const hv = checkHost(`${f}.hosts[${j}]`, h);
      out.push(...hv);
      if (hv.length === 0 && !ruleHosts.some(r => hostCovers(h, r))) {
        out.push(err(`${f}.hosts[${j}]`, `${show(h)} matches no rule host of this Ingress (${ruleHosts.length ? ruleHosts.join(', ') : 'none'}), so its certificate is never served; add a rule for the host or remove it from tls`));
      }
    });
  });
  const cls = spec.ingressClassName;
  if (cls !== undefined) {
    out.push(...checkDns1123Subdomain('spec.ingressClassName', cls, 'ingressClassName', 'name an IngressClass, e.g. "nginx"'));
    const annotated = ing.metadata?.annotations?.[CLASS_ANNOTATION];
    if (annotated !== undefined && annotated !== cls) {
      out.push(err('spec.ingressClassName', `${show(cls)} conflicts with annotation ${CLASS_ANNOTATION}=${show(annotated)}; remove the annotation, ingressClassName replaces it`));
    }
  }
  return out;
}

/**
 * Whether a backend's port reference names a port of its Service. With `portRef`
 * undefined, the Service must have exactly one port. `ports` undefined: not known.
 */
export function checkServicePortRef(field: string, serviceName: string, portRef: number | string | undefined,
  ports: ReadonlyArray<{ readonly port?: any; readonly name?: any }> | undefined, where = ''): Violation[] {
  const list = (ports ?? []).map(p => (p.name ? `${p.port} (${p.name})` : `${p.port}`)).join(', ') || 'none';
  if (portRef === undefined) {
    if (ports !== undefined && ports.length === 1) return [];
    const why = ports === undefined ? 'its ports are not known' : `it has ${ports.length} ports: ${list}`;
    return [err(field, `the backend to Service ${show(serviceName)}${where} needs an explicit port because ${why}; set port to a port number or name of the Service`)];
  }
  if (ports === undefined) return [];
  const found = ports.some(p => (typeof portRef === 'number' ? p.port === portRef : p.name === portRef));
  return found ? [] : [err(field, `${show(portRef)} is not a port of Service ${show(serviceName)}${where}, whose ports are ${list}; use one of them, or add the port to the Service`)];
}
