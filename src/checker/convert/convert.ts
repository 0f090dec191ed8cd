import { CLASS_ANNOTATION, NGINX, TRANSLATED, isTrue, whyUntranslated } from './nginx';
import { FindingType, Severity } from '../../model/finding';
import { namespaceOf, ManifestSource } from '../../model/object';
import { parseFieldPath } from '../../model/path';
import { list, obj, text } from '../../model/plain';
import { CONVERT_UNTRANSLATED } from '../../rules/convert';
import { hostCovers } from '../../rules/ingress';
import { ManifestFinding } from '../check';
import { fieldPosition } from '../positions';

/*
 * Ingresses to the Gateway API standard channel, as plain objects: a Gateway (or parentRefs to an
 * existing one), HTTPRoutes one per Ingress host, GRPCRoutes and TLSRoutes where the
 * annotations say so, BackendTLSPolicies, ReferenceGrants. What cannot be expressed is a
 * `convert-untranslated` finding; an Ingress that cannot be converted at all is left as is and
 * reported. Each converted path says which access-map entry it becomes (`expect`), so the proof
 * (proof.ts) compares the Ingresses' entries with the routes' entries.
 */

type Plain = { [key: string]: any };

const GW = 'gateway.networking.k8s.io';
const GW_V1 = `${GW}/v1`;

/** Options of the conversion. */
export interface ConvertOptions {
  /**
   * An existing Gateway to attach the routes to (it is not written).
   *
   * @default - a Gateway is written: named after the class, in the Ingresses' namespace (`default` when they are in several)
   */
  readonly gateway?: { readonly namespace: string; readonly name: string; readonly sectionName?: string };
  /**
   * Convert only the Ingresses of this class (`spec.ingressClassName` or the class annotation).
   *
   * @default - every Ingress
   */
  readonly ingressClass?: string;
  /**
   * The `gatewayClassName` of the written Gateway.
   *
   * @default 'nginx'
   */
  readonly gatewayClassName?: string;
  /**
   * The namespace of objects without one.
   *
   * @default 'default'
   */
  readonly namespace?: string;
}

/** How one access-map entry of an Ingress is expected to look after the conversion. */
export interface Expectation {
  /** The entry after the conversion (`host path match`), or none when it no longer reaches a backend (a redirect). */
  readonly key?: string;
  /** Why it changes, when it does. */
  readonly reason?: string;
  /** Whether its route kind is one the access map may not read (GRPCRoute, TLSRoute). */
  readonly routeKind: 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute';
  /** Whether TLS is dropped on purpose (reported: the existing Gateway's listener terminates it). */
  readonly tlsReported: boolean;
}

/** What the conversion wrote and found. */
export interface Conversion {
  /** The Gateway API objects, in order: the Gateway, then each Ingress's routes and policies, then ReferenceGrants. */
  readonly objects: Plain[];
  /** The `convert-untranslated` findings (warnings). */
  readonly findings: ManifestFinding[];
  /** The inputs that are not Ingresses, or Ingresses of another class, as `kind ns/name (why)`. */
  readonly skipped: string[];
  /** The Ingresses converted, as `ns/name`. */
  readonly converted: string[];
  /** Each converted Ingress entry (`ns/name host path match`) and what it becomes. */
  readonly expect: ReadonlyMap<string, Expectation>;
  /** The entries the routes add on purpose (`host path match`: server-alias hosts), with why. */
  readonly added: ReadonlyMap<string, string>;
  /** Which Ingress (`ns/name`) each written route (`kind ns/name`) comes from. */
  readonly origin: ReadonlyMap<string, string>;
  /** The Ingress sources by `ns/name`. */
  readonly sources: ReadonlyMap<string, ManifestSource>;
}

/** An access-map entry's identity in the proof: host, path and how it matches. */
export function entryOf(host: string, path: string, match: string): string {
  return `${host} ${path} ${match}`;
}

/** A DNS label made of a host name, for object and listener names. */
function slug(host: string): string {
  const s = host.toLowerCase().replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (s || 'any').slice(0, 50).replace(/-+$/, '');
}

/** A path match type of the Gateway API for an Ingress path type. */
function matchName(pathType: unknown): string {
  return pathType === 'Exact' ? 'Exact' : pathType === 'Prefix' ? 'Prefix' : 'ImplementationSpecific';
}

interface Backend {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
}

interface PathOut {
  readonly field: string;
  readonly path: string;
  readonly inputMatch: string;
  /** the HTTPRoute match type and value */
  readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  readonly value: string;
  readonly backend: Backend;
}

/** One Ingress being converted: its findings, and whether it cannot be converted at all. */
class IngressWork {
  public readonly findings: ManifestFinding[] = [];
  public fatal: string[] = [];
  public readonly ns: string;
  public readonly name: string;
  public readonly annotations: { readonly [k: string]: any };
  constructor(public readonly source: ManifestSource, defaultNs: string) {
    this.ns = namespaceOf(source.manifest, defaultNs);
    this.name = text(obj(obj(source.manifest).metadata).name);
    this.annotations = obj(obj(obj(source.manifest).metadata).annotations);
  }

  public get ref(): string {
    return `${this.ns}/${this.name}`;
  }

  public nginx(name: string): string | undefined {
    const v = this.annotations[NGINX + name];
    return typeof v === 'string' ? v : undefined;
  }

  public report(field: string, message: string, fix: string, value?: string): void {
    const at = this.source.file === undefined ? undefined : fieldPosition(this.source.manifest, field);
    this.findings.push({
      rule: CONVERT_UNTRANSLATED.id,
      severity: Severity.WARNING,
      kind: 'Ingress',
      namespace: this.ns,
      name: this.name,
      field,
      path: parseFieldPath(field),
      type: FindingType.NOT_SUPPORTED,
      ...(value !== undefined ? { value } : {}),
      message,
      fix,
      ...(this.source.file !== undefined ? { file: this.source.file } : {}),
      ...(at?.line ?? this.source.line ? { line: at?.line ?? this.source.line } : {}),
      ...(at?.column !== undefined ? { column: at.column } : {}),
      ...(this.source.line !== undefined ? { objectLine: this.source.line } : {}),
    });
  }

  public annotationField(name: string): string {
    return `metadata.annotations['${NGINX}${name}']`;
  }

  public untranslated(name: string, why: string): void {
    const value = this.nginx(name) ?? '';
    this.report(this.annotationField(name), `annotation ${NGINX}${name}=${JSON.stringify(value)} is not translated: ${why}`,
      'configure it on the Gateway implementation (its own policy), or drop it if it is not needed', value);
  }

  /** Marks the Ingress unconvertible: it is left as is. */
  public cannot(field: string, why: string): void {
    this.fatal.push(why);
    this.report(field, `Ingress not converted: ${why}`, 'keep this Ingress until it is changed, or write its routes by hand');
  }
}

/** The Services of the input, by `ns/name`, for port names. */
function servicesOf(sources: readonly ManifestSource[], defaultNs: string): Map<string, Plain> {
  const out = new Map<string, Plain>();
  for (const s of sources) {
    const m = obj(s.manifest);
    if (m.kind === 'Service' && m.apiVersion === 'v1') out.set(`${namespaceOf(m, defaultNs)}/${text(obj(m.metadata).name)}`, m);
  }
  return out;
}

/** The class of an Ingress: `spec.ingressClassName`, else the class annotation. */
export function ingressClassOf(m: unknown): string | undefined {
  const cls = obj(obj(m).spec).ingressClassName ?? obj(obj(obj(m).metadata).annotations)[CLASS_ANNOTATION];
  return typeof cls === 'string' ? cls : undefined;
}

function isIngress(m: unknown): boolean {
  const o = obj(m);
  return o.kind === 'Ingress' && o.apiVersion === 'networking.k8s.io/v1';
}

/** A regular expression of an ingress-nginx regex path, as ingress2gateway writes it: case-insensitive, a prefix. */
function regexOf(path: string): string {
  return `(?i)${path}.*`;
}

/** A redirect URL of an annotation as RequestRedirect fields, or why it cannot be. */
function redirectOf(url: string, code: number): Plain | string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not an absolute URL`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `the scheme ${u.protocol} is not http or https`;
  if (u.search || u.hash || u.username) return 'a RequestRedirect sets no query, fragment or user';
  if (url.includes('$')) return 'the URL uses nginx variables';
  return {
    scheme: u.protocol.slice(0, -1),
    hostname: u.hostname,
    ...(u.port ? { port: Number(u.port) } : {}),
    ...(u.pathname && u.pathname !== '/' ? { path: { type: 'ReplaceFullPath', replaceFullPath: u.pathname } } : {}),
    statusCode: code,
  };
}

const REDIRECT_CODES = [301, 302, 303, 307, 308];

/** A timeout annotation in seconds, as a Gateway API duration. */
function seconds(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v.trim())) return undefined;
  const n = Number(v.trim());
  return n > 0 && n < 100000 ? n : undefined;
}

/** Converts the Ingresses among the sources. */
export function convertIngresses(sources: readonly ManifestSource[], options: ConvertOptions = {}): Conversion {
  const defaultNs = options.namespace ?? 'default';
  const services = servicesOf(sources, defaultNs);
  const skipped: string[] = [];
  const all: IngressWork[] = [];
  for (const s of sources) {
    const m = obj(s.manifest);
    const label = `${text(m.kind ?? '?')} ${namespaceOf(m, defaultNs)}/${text(obj(m.metadata).name ?? '?')}${s.file ? ` (${s.file})` : ''}`;
    if (!isIngress(m)) {
      if (m.kind !== 'Service' && !['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'ReplicaSet', 'Job', 'CronJob'].includes(text(m.kind))) {
        skipped.push(`${label}: not an Ingress (networking.k8s.io/v1)`);
      }
      continue;
    }
    const cls = ingressClassOf(m);
    if (options.ingressClass !== undefined && cls !== options.ingressClass) {
      skipped.push(`${label}: its class is ${cls === undefined ? 'not set (the cluster\'s default class serves it)' : JSON.stringify(cls)}, not ${JSON.stringify(options.ingressClass)}`);
      continue;
    }
    all.push(new IngressWork(s, defaultNs));
  }

  const canaries = all.filter(w => isTrue(w.nginx('canary')));
  const mains = all.filter(w => !isTrue(w.nginx('canary')));

  // the hosts whose paths are regular expressions: use-regex or rewrite-target on any (non-canary) Ingress of the host
  const regexHosts = new Set<string>();
  for (const w of mains) {
    if (!isTrue(w.nginx('use-regex')) && w.nginx('rewrite-target') === undefined) continue;
    for (const r of list(obj(w.source.manifest).spec?.rules)) if (typeof obj(r).host === 'string') regexHosts.add(obj(r).host);
  }

  const gatewayNs = options.gateway?.namespace
    ?? (new Set(mains.map(w => w.ns)).size === 1 ? mains[0].ns : defaultNs);
  const gatewayName = options.gateway?.name ?? slug(options.ingressClass ?? 'nginx');
  const existing = options.gateway !== undefined;

  const listeners = new Map<string, Plain>();
  const secretGrants = new Map<string, Set<string>>(); // namespace -> secrets the Gateway reads
  const serviceGrants = new Map<string, Set<string>>(); // `routeKind routeNs -> svcNs` -> services
  const objects: Plain[] = [];
  const expect = new Map<string, Expectation>();
  const added = new Map<string, string>();
  const origin = new Map<string, string>();
  const converted: string[] = [];
  const findings: ManifestFinding[] = [];
  const ingressSources = new Map<string, ManifestSource>();
  const usedNames = new Set<string>();

  const httpListener = () => {
    if (!listeners.has('http')) listeners.set('http', { name: 'http', protocol: 'HTTP', port: 80 });
    return 'http';
  };
  const httpsListener = (w: IngressWork, host: string, secretNs: string, secret: string): string => {
    const name = `https-${slug(host)}`;
    const found = listeners.get(name);
    const ref = found?.tls?.certificateRefs?.[0];
    if (ref !== undefined && (ref.name !== secret || (ref.namespace ?? gatewayNs) !== secretNs)) {
      w.report('spec.tls', `host ${host} already has a listener with certificate ${ref.namespace ?? gatewayNs}/${ref.name} (another Ingress): a listener per host serves one certificate, so ${secretNs}/${secret} is not used`,
        'give the host one certificate in every Ingress', secret);
    }
    if (!found) {
      listeners.set(name, {
        name,
        hostname: host,
        protocol: 'HTTPS',
        port: 443,
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: secret, ...(secretNs !== gatewayNs ? { namespace: secretNs } : {}) }] },
      });
      if (secretNs !== gatewayNs) {
        const set = secretGrants.get(secretNs) ?? new Set<string>();
        set.add(secret);
        secretGrants.set(secretNs, set);
      }
    }
    return name;
  };
  const passthroughListener = (host: string): string => {
    const name = `tls-${slug(host)}`;
    if (!listeners.has(name)) listeners.set(name, { name, hostname: host, protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' } });
    return name;
  };
  const parentRef = (routeNs: string, section?: string): Plain => ({
    group: GW,
    kind: 'Gateway',
    name: gatewayName,
    ...(gatewayNs !== routeNs ? { namespace: gatewayNs } : {}),
    ...(existing && options.gateway!.sectionName !== undefined ? { sectionName: options.gateway!.sectionName } : {}),
    ...(!existing && section !== undefined ? { sectionName: section } : {}),
  });
  const uniqueName = (kind: string, ns: string, base: string): string => {
    let name = base.slice(0, 253);
    for (let i = 2; usedNames.has(`${kind} ${ns}/${name}`); i++) name = `${base.slice(0, 240)}-${i}`;
    usedNames.add(`${kind} ${ns}/${name}`);
    return name;
  };
  const backendRef = (routeNs: string, routeKind: string, b: Backend, weight?: number): Plain => {
    if (b.namespace !== routeNs) {
      const k = `${routeKind} ${routeNs} ${b.namespace}`;
      const set = serviceGrants.get(k) ?? new Set<string>();
      set.add(b.name);
      serviceGrants.set(k, set);
    }
    const ns = b.namespace !== routeNs ? { namespace: b.namespace } : {};
    return { name: b.name, ...ns, port: b.port, ...(weight !== undefined ? { weight } : {}) };
  };

  /** A backend of an Ingress as a Service and port number, or undefined (the Ingress is then unconvertible). */
  const backendOf = (w: IngressWork, b: unknown, field: string): Backend | undefined => {
    const svc = obj(obj(b).service);
    if (obj(b).resource !== undefined) {
      w.cannot(`${field}.resource`, 'a resource backend has no Gateway API equivalent (backendRefs name Services)');
      return undefined;
    }
    if (typeof svc.name !== 'string') {
      w.cannot(field, 'the backend names no Service');
      return undefined;
    }
    const port = obj(svc.port);
    if (typeof port.number === 'number') return { name: svc.name, namespace: w.ns, port: port.number };
    const s = services.get(`${w.ns}/${svc.name}`);
    const found = list(obj(s?.spec).ports).map(obj).find(p => p.name === port.name && typeof p.port === 'number');
    if (!found) {
      w.cannot(`${field}.service.port.name`, s === undefined
        ? `the backend names port ${JSON.stringify(text(port.name))} of Service ${w.ns}/${svc.name}, which is not in the input: a backendRef names a port by number`
        : `Service ${w.ns}/${svc.name} has no port named ${JSON.stringify(text(port.name))}`);
      return undefined;
    }
    return { name: svc.name, namespace: w.ns, port: found.port };
  };

  const canaryOf = new Map<string, { w: IngressWork; backend: Backend }>(); // `host path match` -> canary
  for (const c of canaries) {
    const spec = obj(c.source.manifest).spec;
    for (const [i, r] of list(obj(spec).rules).entries()) {
      for (const [j, p] of list(obj(obj(r).http).paths).entries()) {
        const b = backendOf(c, obj(p).backend, `spec.rules[${i}].http.paths[${j}].backend`);
        if (b) canaryOf.set(entryOf(text(obj(r).host ?? '*'), text(obj(p).path ?? '/'), matchName(obj(p).pathType)), { w: c, backend: b });
      }
    }
    for (const name of Object.keys(c.annotations)) {
      if (!name.startsWith(NGINX)) continue;
      const a = name.slice(NGINX.length);
      if (!a.startsWith('canary')) c.untranslated(a, 'a canary Ingress adds a backend to the main Ingress\'s routes; its other annotations are not read (ingress-nginx reads only the canary ones)');
      else if (!TRANSLATED.has(a)) c.untranslated(a, whyUntranslated(a));
    }
  }
  const canaryUsed = new Set<IngressWork>();

  for (const w of mains) {
    const m = obj(w.source.manifest);
    const spec = obj(m.spec);
    const out: Plain[] = [];
    const entries: Array<[string, Expectation]> = [];
    const addedHere: Array<[string, string]> = [];
    ingressSources.set(w.ref, w.source);

    // annotations: the untranslated ones reported, the others read below
    for (const name of Object.keys(w.annotations)) {
      if (!name.startsWith(NGINX)) continue;
      const a = name.slice(NGINX.length);
      if (!TRANSLATED.has(a)) w.untranslated(a, whyUntranslated(a));
    }

    const protocol = (w.nginx('backend-protocol') ?? 'HTTP').toUpperCase();
    if (!['HTTP', 'HTTPS', 'GRPC', 'GRPCS'].includes(protocol)) {
      w.untranslated('backend-protocol', `${protocol} backends have no Gateway API route kind (HTTP, HTTPS, GRPC and GRPCS do)`);
    }
    const grpc = protocol === 'GRPC' || protocol === 'GRPCS';
    const backendTls = protocol === 'HTTPS' || protocol === 'GRPCS';
    const passthrough = isTrue(w.nginx('ssl-passthrough'));

    // rewrite-target without capture groups: ReplaceFullPath
    const rewrite = w.nginx('rewrite-target');
    let rewriteFilter: Plain | undefined;
    if (rewrite !== undefined) {
      if (/\$\d|\$\{?\w/.test(rewrite)) w.untranslated('rewrite-target', 'capture groups and nginx variables in the target: URLRewrite replaces the whole path or a prefix with fixed text');
      else rewriteFilter = { type: 'ReplaceFullPath', replaceFullPath: rewrite };
    }
    const vhost = w.nginx('upstream-vhost');
    let rewriteHost: string | undefined;
    if (vhost !== undefined) {
      if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(vhost)) rewriteHost = vhost;
      else w.untranslated('upstream-vhost', 'URLRewrite sets the Host header to a host name only (no port, variable or wildcard)');
    }
    const urlRewrite = rewriteFilter || rewriteHost ? { type: 'URLRewrite', urlRewrite: { ...(rewriteHost ? { hostname: rewriteHost } : {}), ...(rewriteFilter ? { path: rewriteFilter } : {}) } } : undefined;

    // redirects: temporal first, as ingress-nginx
    let redirect: Plain | undefined;
    for (const [kind, code] of [['temporal', 302], ['permanent', 301]] as const) {
      const url = w.nginx(`${kind}-redirect`);
      if (url === undefined || redirect !== undefined) continue;
      const codeText = w.nginx(`${kind}-redirect-code`);
      const status = codeText === undefined ? code : Number(codeText);
      if (!REDIRECT_CODES.includes(status)) {
        w.untranslated(`${kind}-redirect-code`, 'a RequestRedirect status code is 301, 302, 303, 307 or 308');
        continue;
      }
      const r = redirectOf(url, status);
      if (typeof r === 'string') w.untranslated(`${kind}-redirect`, r);
      else redirect = r;
    }

    const cors = isTrue(w.nginx('enable-cors')) ? corsFilter(w) : undefined;
    const read = seconds(w.nginx('proxy-read-timeout'));
    const send = seconds(w.nginx('proxy-send-timeout'));
    for (const t of ['proxy-read-timeout', 'proxy-send-timeout']) {
      if (w.nginx(t) !== undefined && seconds(w.nginx(t)) === undefined) w.untranslated(t, 'not a whole number of seconds between 1 and 99999');
    }
    const timeout = read !== undefined || send !== undefined ? `${Math.max(read ?? 0, send ?? 0)}s` : undefined;
    const appRoot = w.nginx('app-root');
    if (appRoot !== undefined && !/^\/[^\s?#$]*$/.test(appRoot)) w.untranslated('app-root', 'not an absolute path');
    const appRootOk = appRoot !== undefined && /^\/[^\s?#$]*$/.test(appRoot);
    const sslRedirect = w.nginx('ssl-redirect') === undefined || isTrue(w.nginx('ssl-redirect'));
    const aliases = (w.nginx('server-alias') ?? '').split(/[\s,]+/).filter(a => a !== '');

    // TLS: each host's certificate
    const tls = list(spec.tls).map(obj);
    const certificateOf = (host: string): string | undefined => {
      for (const t of tls) if (list(t.hosts).some(h => typeof h === 'string' && hostCovers(h, host)) && typeof t.secretName === 'string') return t.secretName;
      return undefined;
    };
    for (const [i, t] of tls.entries()) {
      if (typeof t.secretName !== 'string' && list(t.hosts).length > 0) {
        w.cannot(`spec.tls[${i}].secretName`, 'TLS without a secretName uses the controller\'s default certificate, which a listener cannot name');
      }
    }
    if (existing && tls.length > 0 && !passthrough) {
      w.report('spec.tls', `TLS is terminated by a listener of Gateway ${gatewayNs}/${gatewayName}, which convert does not write: ${tls.map(t => `${list(t.hosts).map(text).join(', ')} with Secret ${w.ns}/${text(t.secretName)}`).join('; ')}`,
        'give the Gateway an HTTPS listener per host with its certificate (and a ReferenceGrant for a Secret in another namespace), and a redirect to HTTPS', JSON.stringify(tls));
    }

    // the hosts and their paths
    const hosts = new Map<string, PathOut[]>(); // '' = no host
    for (const [i, r] of list(spec.rules).map(obj).entries()) {
      const host = typeof r.host === 'string' ? r.host : '';
      if (host.startsWith('*')) {
        w.cannot(`spec.rules[${i}].host`, `the wildcard host ${JSON.stringify(host)} matches one label in an Ingress and any number of labels in a Gateway API hostname`);
        continue;
      }
      const paths = hosts.get(host) ?? [];
      hosts.set(host, paths);
      for (const [j, p] of list(obj(r.http).paths).map(obj).entries()) {
        const field = `spec.rules[${i}].http.paths[${j}]`;
        const backend = backendOf(w, p.backend, `${field}.backend`);
        if (!backend) continue;
        const path = typeof p.path === 'string' ? p.path : '/';
        const inputMatch = matchName(p.pathType);
        let type: PathOut['type'];
        let value = path;
        if (regexHosts.has(host) && inputMatch !== 'Exact') {
          type = 'RegularExpression';
          value = regexOf(path);
        } else if (inputMatch === 'ImplementationSpecific') {
          type = 'PathPrefix';
          if (path !== '/') {
            w.report(`${field}.pathType`, `path ${JSON.stringify(path)} of type ImplementationSpecific (ingress-nginx: a string prefix, so it also matches ${JSON.stringify(`${path}x`)}) becomes a PathPrefix match, which matches whole path elements only`,
              'check that no client relies on the string prefix, or set pathType Prefix in the Ingress first', 'ImplementationSpecific');
          }
        } else {
          type = inputMatch === 'Exact' ? 'Exact' : 'PathPrefix';
        }
        paths.push({ field, path, inputMatch, type, value, backend });
      }
    }
    if (spec.defaultBackend !== undefined && spec.defaultBackend !== null) {
      const backend = backendOf(w, spec.defaultBackend, 'spec.defaultBackend');
      if (backend) {
        const paths = hosts.get('*') ?? [];
        hosts.set('*', paths);
        paths.push({ field: 'spec.defaultBackend', path: '/', inputMatch: 'Prefix', type: 'PathPrefix', value: '/', backend });
      }
    }
    if (grpc && passthrough) w.cannot(w.annotationField('ssl-passthrough'), 'ssl-passthrough and a GRPC backend-protocol at once');

    if (w.fatal.length > 0) {
      findings.push(...w.findings);
      continue;
    }

    const kind: 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' = passthrough ? 'TLSRoute' : grpc ? 'GRPCRoute' : 'HTTPRoute';
    const groups = [...hosts.entries()].filter(([, paths]) => paths.length > 0);
    const tlsServices = new Map<string, Backend>();
    for (const [host, paths] of groups) {
      const hostLabel = host === '' || host === '*' ? '*' : host;
      const routeHosts = host === '' || host === '*' ? [] : [host, ...aliases];
      const base = groups.length === 1 ? w.name : `${w.name}-${host === '' ? 'any-host' : host === '*' ? 'default-backend' : slug(host)}`;
      const name = uniqueName(kind, w.ns, base);
      const cert = host === '' || host === '*' ? undefined : certificateOf(host);
      const sections: string[] = [];
      let tlsReported = false;
      if (passthrough) {
        if (host === '' || host === '*') {
          w.cannot('spec.rules', 'ssl-passthrough routes by SNI host name: a rule without a host cannot be passed through');
          break;
        }
        for (const h of routeHosts) sections.push(passthroughListener(h));
      } else if (cert !== undefined && !existing) {
        for (const h of routeHosts) sections.push(httpsListener(w, h, w.ns, cert));
        if (!sslRedirect) sections.push(httpListener());
      } else {
        if (cert !== undefined) tlsReported = true;
        sections.push(httpListener());
      }
      const parentRefs = existing ? [parentRef(w.ns)] : sections.map(s => parentRef(w.ns, s));
      for (const a of aliases) {
        if (routeHosts.length === 0) continue;
        for (const p of paths) addedHere.push([entryOf(a, p.type === 'RegularExpression' ? p.value : p.path, p.type === 'PathPrefix' ? 'Prefix' : p.type), `server-alias ${a} of host ${host}`]);
      }

      const expectOf = (p: PathOut, key: string | undefined, reason?: string): void => {
        entries.push([`${w.ref} ${entryOf(hostLabel, p.path, p.inputMatch)}`, { key, ...(reason ? { reason } : {}), routeKind: kind, tlsReported }]);
      };
      origin.set(`${kind} ${w.ns}/${name}`, w.ref);

      if (passthrough) {
        const backends = new Map(paths.map(p => [`${p.backend.name}:${p.backend.port}`, p.backend]));
        if (backends.size !== 1) {
          w.cannot('spec.rules', 'ssl-passthrough sends a host\'s connections to one backend: the paths of this host name several');
          break;
        }
        const b = [...backends.values()][0];
        for (const p of paths) expectOf(p, entryOf(hostLabel, p.path, p.inputMatch), 'ssl-passthrough: a TLSRoute by SNI host name');
        out.push({ apiVersion: GW_V1, kind: 'TLSRoute', metadata: { name, namespace: w.ns }, spec: { parentRefs, hostnames: routeHosts, rules: [{ backendRefs: [backendRef(w.ns, 'TLSRoute', b)] }] } });
        continue;
      }

      if (grpc) {
        const rules: Plain[] = [];
        for (const p of paths) {
          const method = grpcMethod(p);
          if (method === undefined) {
            w.cannot(`${p.field}.path`, `the path ${JSON.stringify(p.path)} (${p.inputMatch}) is not a gRPC service or method: a GRPCRoute matches /service or /service/method`);
            continue;
          }
          expectOf(p, entryOf(hostLabel, p.path, p.inputMatch), 'backend-protocol GRPC: a GRPCRoute');
          rules.push({ ...(method.service ? { matches: [{ method }] } : {}), backendRefs: [backendRef(w.ns, 'GRPCRoute', p.backend)] });
          if (backendTls) tlsServices.set(`${p.backend.namespace}/${p.backend.name}`, p.backend);
        }
        out.push({ apiVersion: GW_V1, kind: 'GRPCRoute', metadata: { name, namespace: w.ns }, spec: { parentRefs, ...(routeHosts.length ? { hostnames: routeHosts } : {}), rules } });
        continue;
      }

      const rules: Plain[] = [];
      if (appRootOk && host !== '*') {
        rules.push({ matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: appRoot }, statusCode: 302 } }] });
      }
      for (const p of paths) {
        const match = { path: { type: p.type, value: p.value } };
        const outMatch = p.type === 'PathPrefix' ? 'Prefix' : p.type;
        const key = entryOf(hostLabel, p.value, outMatch);
        const reason = p.type === 'RegularExpression' ? 'use-regex (or rewrite-target): a case-insensitive regular expression'
          : p.inputMatch !== outMatch ? 'ImplementationSpecific reported: a PathPrefix match' : undefined;
        if (redirect !== undefined) {
          expectOf(p, undefined, 'redirected (permanent-redirect or temporal-redirect): no backend, as ingress-nginx');
          rules.push({ matches: [match], filters: [{ type: 'RequestRedirect', requestRedirect: redirect }] });
          continue;
        }
        expectOf(p, key, reason);
        const canary = p.field === 'spec.defaultBackend' ? undefined : canaryOf.get(entryOf(hostLabel, p.path, p.inputMatch));
        const filters = [...(urlRewrite ? [urlRewrite] : []), ...(cors ? [cors] : [])];
        const extra = { ...(filters.length ? { filters } : {}), ...(timeout ? { timeouts: { backendRequest: timeout } } : {}) };
        if (canary && canary.w.ns === w.ns) {
          canaryUsed.add(canary.w);
          const c = canary.w;
          const header = c.nginx('canary-by-header');
          const headerValue = c.nginx('canary-by-header-value');
          const weightText = c.nginx('canary-weight');
          const total = seconds(c.nginx('canary-weight-total')) ?? 100;
          if (header !== undefined) {
            rules.push({ matches: [{ ...match, headers: [{ type: 'Exact', name: header, value: headerValue ?? 'always' }] }], backendRefs: [backendRef(w.ns, 'HTTPRoute', canary.backend)], ...extra });
            if (headerValue === undefined) rules.push({ matches: [{ ...match, headers: [{ type: 'Exact', name: header, value: 'never' }] }], backendRefs: [backendRef(w.ns, 'HTTPRoute', p.backend)], ...extra });
          }
          const weight = weightText === undefined ? 0 : Math.min(Number(weightText), total);
          if (weightText !== undefined && !(weight >= 0)) c.untranslated('canary-weight', 'not a number');
          rules.push({ matches: [match], backendRefs: [backendRef(w.ns, 'HTTPRoute', p.backend, total - (weight || 0)), backendRef(w.ns, 'HTTPRoute', canary.backend, weight || 0)], ...extra });
        } else {
          rules.push({ matches: [match], backendRefs: [backendRef(w.ns, 'HTTPRoute', p.backend)], ...extra });
        }
        if (backendTls) tlsServices.set(`${p.backend.namespace}/${p.backend.name}`, p.backend);
      }
      out.push({ apiVersion: GW_V1, kind: 'HTTPRoute', metadata: { name, namespace: w.ns }, spec: { parentRefs, ...(routeHosts.length ? { hostnames: routeHosts } : {}), rules } });
      if (cert !== undefined && !existing && sslRedirect) {
        const redirectName = uniqueName('HTTPRoute', w.ns, `${name}-ssl-redirect`);
        origin.set(`HTTPRoute ${w.ns}/${redirectName}`, w.ref);
        out.push({
          apiVersion: GW_V1,
          kind: 'HTTPRoute',
          metadata: { name: redirectName, namespace: w.ns },
          spec: { parentRefs: [parentRef(w.ns, httpListener())], hostnames: routeHosts, rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }] }] },
        });
      }
    }
    if (w.fatal.length > 0) {
      findings.push(...w.findings);
      continue;
    }
    for (const b of tlsServices.values()) out.push(backendTlsPolicy(w, b));
    objects.push(...out);
    for (const [k, v] of entries) expect.set(k, v);
    for (const [k, v] of addedHere) added.set(k, v);
    converted.push(w.ref);
    findings.push(...w.findings);
  }
  for (const c of canaries) {
    if (!canaryUsed.has(c)) c.cannot('spec.rules', 'a canary Ingress whose host and path no other Ingress of its namespace routes (ingress-nginx ignores it)');
    findings.push(...c.findings);
    if (canaryUsed.has(c)) {
      converted.push(c.ref);
      ingressSources.set(c.ref, c.source);
      for (const r of list(obj(c.source.manifest).spec?.rules)) {
        for (const p of list(obj(obj(r).http).paths)) {
          const host = text(obj(r).host ?? '*');
          const k = entryOf(host, text(obj(p).path ?? '/'), matchName(obj(p).pathType));
          const main = [...expect.entries()].find(([key]) => key.endsWith(` ${k}`) && !key.startsWith(`${c.ref} `));
          if (main) expect.set(`${c.ref} ${k}`, main[1]);
        }
      }
    }
  }

  const head: Plain[] = [];
  if (!existing && listeners.size > 0) {
    const namespaces = [...new Set(converted.map(r => r.split('/')[0]))].filter(n => n !== gatewayNs).sort();
    const allowedRoutes = namespaces.length === 0 ? undefined : {
      namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [gatewayNs, ...namespaces] }] } },
    };
    head.push({
      apiVersion: GW_V1,
      kind: 'Gateway',
      metadata: { name: gatewayName, namespace: gatewayNs },
      spec: { gatewayClassName: options.gatewayClassName ?? 'nginx', listeners: [...listeners.values()].map(l => ({ ...l, ...(allowedRoutes ? { allowedRoutes } : {}) })) },
    });
  }
  const grants: Plain[] = [];
  for (const [ns, secrets] of [...secretGrants.entries()].sort()) {
    grants.push({
      apiVersion: `${GW}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: `${gatewayName}-${gatewayNs}-certificates`.slice(0, 253), namespace: ns },
      spec: { from: [{ group: GW, kind: 'Gateway', namespace: gatewayNs }], to: [...secrets].sort().map(name => ({ group: '', kind: 'Secret', name })) },
    });
  }
  for (const [k, svcs] of [...serviceGrants.entries()].sort()) {
    const [routeKind, routeNs, svcNs] = k.split(' ');
    grants.push({
      apiVersion: `${GW}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: `${routeKind.toLowerCase()}s-from-${routeNs}`, namespace: svcNs },
      spec: { from: [{ group: GW, kind: routeKind, namespace: routeNs }], to: [...svcs].sort().map(name => ({ group: '', kind: 'Service', name })) },
    });
  }
  return { objects: [...head, ...objects, ...grants], findings, skipped, converted, expect, added, origin, sources: ingressSources };
}

/** A gRPC method match of an Ingress path: `/` matches every method, `/pkg.Service` a service, `/pkg.Service/Method` (Exact) one method. */
function grpcMethod(p: PathOut): { service?: string; method?: string } | undefined {
  if (p.path === '/' && p.inputMatch !== 'Exact') return {};
  const m = /^\/([A-Za-z_][\w.]*)(?:\/([A-Za-z_]\w*))?\/?$/.exec(p.path);
  if (!m) return undefined;
  if (m[2] !== undefined) return p.inputMatch === 'Exact' ? { service: m[1], method: m[2] } : undefined;
  return p.inputMatch === 'Exact' ? undefined : { service: m[1] };
}

/** The CORS filter of an Ingress's annotations, with ingress-nginx's defaults. */
function corsFilter(w: IngressWork): Plain {
  const split = (v: string | undefined) => (v ?? '').split(',').map(s => s.trim()).filter(s => s !== '');
  const origins = split(w.nginx('cors-allow-origin'));
  const methods = split(w.nginx('cors-allow-methods'));
  const headers = split(w.nginx('cors-allow-headers'));
  const expose = split(w.nginx('cors-expose-headers'));
  const maxAge = seconds(w.nginx('cors-max-age')) ?? 1728000;
  const credentials = w.nginx('cors-allow-credentials') === undefined || isTrue(w.nginx('cors-allow-credentials'));
  return {
    type: 'CORS',
    cors: {
      allowOrigins: origins.length ? origins : ['*'],
      allowMethods: methods.length ? methods : ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'],
      allowHeaders: headers.length ? headers : ['DNT', 'Keep-Alive', 'User-Agent', 'X-Requested-With', 'If-Modified-Since', 'Cache-Control', 'Content-Type', 'Range', 'Authorization'],
      ...(expose.length ? { exposeHeaders: expose } : {}),
      allowCredentials: credentials,
      maxAge,
    },
  };
}

/** The BackendTLSPolicy of a Service an Ingress reaches over HTTPS (backend-protocol HTTPS or GRPCS). */
function backendTlsPolicy(w: IngressWork, b: Backend): Plain {
  const hostname = w.nginx('proxy-ssl-name') ?? `${b.name}.${b.namespace}.svc`;
  const secret = w.nginx('proxy-ssl-secret');
  if (!isTrue(w.nginx('proxy-ssl-verify') === 'on' ? 'true' : 'false')) {
    w.report(w.annotationField('backend-protocol'), `backend-protocol ${w.nginx('backend-protocol')}: ingress-nginx does not verify the backend's certificate unless proxy-ssl-verify is "on"; the BackendTLSPolicy verifies it (host name ${hostname}, ${secret ? `CA of ${secret}` : 'the system CAs'})`,
      'make sure the backend\'s certificate is valid for that host name and CA, or set proxy-ssl-name and proxy-ssl-secret', w.nginx('backend-protocol'));
  }
  const caName = secret?.includes('/') ? secret.split('/')[1] : secret;
  return {
    apiVersion: GW_V1,
    kind: 'BackendTLSPolicy',
    metadata: { name: `${b.name}-backend-tls`, namespace: b.namespace },
    spec: {
      targetRefs: [{ group: '', kind: 'Service', name: b.name }],
      validation: { hostname, ...(caName ? { caCertificateRefs: [{ group: '', kind: 'Secret', name: caName }] } : { wellKnownCACertificates: 'System' }) },
    },
  };
}
