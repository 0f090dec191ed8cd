import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { cli, cliWith } from './util';
import { AnalyzeOptions } from '../src/checker/check';
import { ConvertOptions, convertIngresses } from '../src/checker/convert/convert';
import { proveConversion } from '../src/checker/convert/proof';
import { ConvertRun, convert } from '../src/cli/convert';
import { Severity } from '../src/model/finding';

/*
 * `cdk8s-expose convert`: one case per translated annotation, written in the shapes of
 * ingress-nginx's annotation documentation (our own names), the canary pair, a multi-host TLS
 * Ingress, a default backend, Ingresses in other namespaces than their Gateway, and the
 * annotations and Ingresses that cannot be translated. Every case asserts the objects written,
 * the findings (rule, severity, field), that the access-map proof finds no unexpected change, and
 * that the written objects pass `check` with no error.
 */

const NGINX = 'nginx.ingress.kubernetes.io/';

/** A Deployment serving port 8080 (http) and its Service 80 -> http. */
function app(name: string, namespace = 'default'): any[] {
  const labels = { app: name };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: `example/${name}:1`, ports: [{ name: 'http', containerPort: 8080 }] }] } } },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
  ];
}

/** An Ingress of class nginx. */
function ingress(name: string, spec: any, annotations: { [k: string]: string } = {}, namespace = 'default'): any {
  const a = Object.fromEntries(Object.entries(annotations).map(([k, v]) => [k.includes('/') ? k : NGINX + k, v]));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace, ...(Object.keys(a).length ? { annotations: a } : {}) }, spec: { ingressClassName: 'nginx', ...spec } };
}

const backend = (name: string, port: number | string = 80) => ({ service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } });
const hostRule = (host: string, ...paths: Array<[string, string, string]>) => ({
  host, http: { paths: paths.map(([p, pathType, svc]) => ({ path: p, pathType, backend: backend(svc) })) },
});

interface Case {
  readonly name: string;
  readonly input: any[];
  readonly convert?: ConvertOptions;
  readonly options?: AnalyzeOptions;
  /** `Kind namespace/name` of every object written, in order */
  readonly objects: string[];
  /** `rule severity field` of every finding */
  readonly findings: string[];
  /** the proof's equal entries: `host path match -> Service:port` */
  readonly equal?: string[];
  /** how many entries change on purpose, and how many are not compared */
  readonly expected?: number;
  readonly notCompared?: number;
  /** what this case is about, in the objects written */
  readonly spot?: (objects: any[]) => void;
}

const named = (objects: any[], kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name);

const CASES: Case[] = [
  {
    name: 'holds when a multi-host TLS Ingress becomes a listener per certificate and host, a route per host and an HTTPS redirect',
    input: [...app('web', 'shop'), ingress('web', {
      tls: [{ hosts: ['shop.example.com', 'www.example.com'], secretName: 'shop-tls' }],
      rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'], ['/api', 'Exact', 'web']), hostRule('www.example.com', ['/', 'Prefix', 'web'])],
    }, {}, 'shop')],
    objects: ['Gateway shop/nginx', 'HTTPRoute shop/web-shop-example-com', 'HTTPRoute shop/web-shop-example-com-ssl-redirect', 'HTTPRoute shop/web-www-example-com', 'HTTPRoute shop/web-www-example-com-ssl-redirect'],
    findings: [],
    equal: ['shop.example.com / Prefix', 'shop.example.com /api Exact', 'www.example.com / Prefix'],
    spot: objects => {
      expect(named(objects, 'Gateway', 'nginx').spec.listeners.map((l: any) => `${l.name} ${l.protocol} ${l.hostname ?? '*'} ${l.tls?.certificateRefs?.[0]?.name ?? '-'}`))
        .toEqual(['https-shop-example-com HTTPS shop.example.com shop-tls', 'http HTTP * -', 'https-www-example-com HTTPS www.example.com shop-tls']);
      expect(named(objects, 'HTTPRoute', 'web-shop-example-com-ssl-redirect').spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: 'https', statusCode: 308 });
    },
  },
  {
    name: 'holds when a default backend becomes a route without hostnames on the HTTP listener',
    input: [...app('fallback'), ingress('fallback', { defaultBackend: backend('fallback') })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/fallback'],
    findings: [],
    equal: ['* / Prefix'],
    spot: objects => expect(named(objects, 'HTTPRoute', 'fallback').spec.hostnames).toBeUndefined(),
  },
  {
    name: 'holds when an Ingress attaches to an existing Gateway in another namespace (--gateway infra/shared --section http)',
    input: [...app('web', 'shop'), ingress('web', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, {}, 'shop')],
    convert: { gateway: { namespace: 'infra', name: 'shared', sectionName: 'http' } },
    objects: ['HTTPRoute shop/web'],
    findings: [],
    equal: ['shop.example.com / Prefix'],
    spot: objects => expect(objects[0].spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'infra', sectionName: 'http' }]),
  },
  {
    name: 'holds when Ingresses of two namespaces share a Gateway in default: ReferenceGrants for their certificates, listeners allow their namespaces',
    input: [...app('web', 'shop'), ...app('api', 'billing'),
      ingress('web', { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, {}, 'shop'),
      ingress('api', { rules: [hostRule('api.example.com', ['/', 'Prefix', 'api'])] }, {}, 'billing')],
    objects: ['Gateway default/nginx', 'HTTPRoute shop/web', 'HTTPRoute shop/web-ssl-redirect', 'HTTPRoute billing/api', 'ReferenceGrant shop/nginx-default-certificates'],
    findings: [],
    equal: ['api.example.com / Prefix', 'shop.example.com / Prefix'],
    spot: objects => {
      expect(named(objects, 'ReferenceGrant', 'nginx-default-certificates').spec).toEqual({
        from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'default' }], to: [{ group: '', kind: 'Secret', name: 'shop-tls' }],
      });
      expect(named(objects, 'Gateway', 'nginx').spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].values).toEqual(['default', 'billing', 'shop']);
    },
  },
  {
    name: 'holds when two Ingresses share a TLS host: one listener, a route and a redirect each',
    input: [...app('web'), ...app('api'),
      ingress('web', { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }),
      ingress('api', { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [hostRule('shop.example.com', ['/api', 'Prefix', 'api'])] })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/web', 'HTTPRoute default/web-ssl-redirect', 'HTTPRoute default/api', 'HTTPRoute default/api-ssl-redirect'],
    findings: [],
    equal: ['shop.example.com / Prefix', 'shop.example.com /api Prefix'],
    spot: objects => expect(objects[0].spec.listeners.map((l: any) => l.name)).toEqual(['https-shop-example-com', 'http']),
  },
  {
    name: 'fails when two Ingresses give one host two certificates: the second is reported (one listener per host)',
    input: [...app('web'), ...app('api'),
      ingress('web', { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }),
      ingress('api', { tls: [{ hosts: ['shop.example.com'], secretName: 'other-tls' }], rules: [hostRule('shop.example.com', ['/api', 'Prefix', 'api'])] })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/web', 'HTTPRoute default/web-ssl-redirect', 'HTTPRoute default/api', 'HTTPRoute default/api-ssl-redirect'],
    findings: ['convert-untranslated warning spec.tls'],
    equal: ['shop.example.com / Prefix', 'shop.example.com /api Prefix'],
  },
  {
    name: 'holds when a canary pair by weight becomes weighted backendRefs (canary-weight 20 of 100)',
    input: [...app('production'), ...app('canary'),
      ingress('production', { rules: [hostRule('echo.example.com', ['/', 'Prefix', 'production'])] }),
      ingress('canary', { rules: [hostRule('echo.example.com', ['/', 'Prefix', 'canary'])] }, { 'canary': 'true', 'canary-weight': '20' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/production'],
    findings: [],
    equal: ['echo.example.com / Prefix'],
    spot: objects => expect(objects[1].spec.rules[0].backendRefs).toEqual([{ name: 'production', port: 80, weight: 80 }, { name: 'canary', port: 80, weight: 20 }]),
  },
  {
    name: 'holds when a canary by header becomes a header match ("always" to the canary, "never" to production)',
    input: [...app('production'), ...app('canary'),
      ingress('production', { rules: [hostRule('echo.example.com', ['/', 'Prefix', 'production'])] }),
      ingress('canary', { rules: [hostRule('echo.example.com', ['/', 'Prefix', 'canary'])] }, { 'canary': 'true', 'canary-by-header': 'X-Canary' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/production'],
    findings: [],
    equal: ['echo.example.com / Prefix'],
    spot: objects => expect(objects[1].spec.rules.map((r: any) => `${r.matches[0].headers?.[0]?.value ?? '-'} ${r.backendRefs.map((b: any) => `${b.name}:${b.weight ?? ''}`).join(',')}`))
      .toEqual(['always canary:', 'never production:', '- production:100,canary:0']),
  },
  {
    name: 'holds when a canary by header value becomes an exact header match',
    input: [...app('production'), ...app('canary'),
      ingress('production', { rules: [hostRule('echo.example.com', ['/', 'Prefix', 'production'])] }),
      ingress('canary', { rules: [hostRule('echo.example.com', ['/', 'Prefix', 'canary'])] }, { 'canary': 'true', 'canary-by-header': 'X-Region', 'canary-by-header-value': 'eu' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/production'],
    findings: [],
    equal: ['echo.example.com / Prefix'],
    spot: objects => expect(objects[1].spec.rules[0].matches[0].headers).toEqual([{ type: 'Exact', name: 'X-Region', value: 'eu' }]),
  },
  {
    name: 'holds when rewrite-target without capture groups becomes URLRewrite ReplaceFullPath (paths become regular expressions, as use-regex)',
    input: [...app('web'), ingress('rewrite', { rules: [hostRule('rewrite.bar.com', ['/something', 'ImplementationSpecific', 'web'])] }, { 'rewrite-target': '/' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/rewrite'],
    findings: [],
    equal: ['rewrite.bar.com (?i)/something.* RegularExpression'],
    expected: 1,
    spot: objects => expect(objects[1].spec.rules[0].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } } }]),
  },
  {
    name: 'fails when rewrite-target uses capture groups: reported, the route converted without it',
    input: [...app('web'), ingress('rewrite', { rules: [hostRule('rewrite.bar.com', ['/something(/|$)(.*)', 'ImplementationSpecific', 'web'])] }, { 'rewrite-target': '/$2' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/rewrite'],
    findings: [`convert-untranslated warning metadata.annotations['${NGINX}rewrite-target']`],
    equal: ['rewrite.bar.com (?i)/something(/|$)(.*).* RegularExpression'],
    expected: 1,
    spot: objects => expect(objects[1].spec.rules[0].filters).toBeUndefined(),
  },
  {
    name: 'holds when app-root becomes a 302 redirect of / (Exact)',
    input: [...app('web'), ingress('approot', { rules: [hostRule('approot.bar.com', ['/', 'Prefix', 'web'])] }, { 'app-root': '/app1' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/approot'],
    findings: [],
    equal: ['approot.bar.com / Prefix'],
    spot: objects => expect(objects[1].spec.rules[0]).toEqual({ matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/app1' }, statusCode: 302 } }] }),
  },
  {
    name: 'holds when permanent-redirect becomes a 301 RequestRedirect (the entry no longer reaches a backend, as with ingress-nginx)',
    input: [...app('web'), ingress('moved', { rules: [hostRule('old.example.com', ['/', 'Prefix', 'web'])] }, { 'permanent-redirect': 'https://www.example.com/new' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/moved'],
    findings: [],
    equal: [],
    expected: 1,
    spot: objects => expect(objects[1].spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: 'https', hostname: 'www.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/new' }, statusCode: 301 }),
  },
  {
    name: 'holds when temporal-redirect with temporal-redirect-code 307 becomes a 307 RequestRedirect',
    input: [...app('web'), ingress('maintenance', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'temporal-redirect': 'https://status.example.com', 'temporal-redirect-code': '307' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/maintenance'],
    findings: [],
    equal: [],
    expected: 1,
    spot: objects => expect(objects[1].spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: 'https', hostname: 'status.example.com', statusCode: 307 }),
  },
  {
    name: 'holds when ssl-redirect "false" serves the TLS host on the HTTP listener too, without a redirect',
    input: [...app('web'), ingress('web', { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'ssl-redirect': 'false' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/web'],
    findings: [],
    equal: ['shop.example.com / Prefix'],
    spot: objects => expect(objects[1].spec.parentRefs.map((p: any) => p.sectionName)).toEqual(['https-shop-example-com', 'http']),
  },
  {
    name: 'holds when upstream-vhost becomes a URLRewrite of the Host header',
    input: [...app('web'), ingress('vhost', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'upstream-vhost': 'internal.example.com' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/vhost'],
    findings: [],
    equal: ['shop.example.com / Prefix'],
    spot: objects => expect(objects[1].spec.rules[0].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { hostname: 'internal.example.com' } }]),
  },
  {
    name: 'holds when proxy-read-timeout and proxy-send-timeout become timeouts.backendRequest; proxy-connect-timeout is reported',
    input: [...app('web'), ingress('slow', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'proxy-read-timeout': '120', 'proxy-send-timeout': '60', 'proxy-connect-timeout': '5' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/slow'],
    findings: [`convert-untranslated warning metadata.annotations['${NGINX}proxy-connect-timeout']`],
    equal: ['shop.example.com / Prefix'],
    spot: objects => expect(objects[1].spec.rules[0].timeouts).toEqual({ backendRequest: '120s' }),
  },
  {
    name: 'holds when backend-protocol GRPC becomes a GRPCRoute (not compared: the access map does not read GRPCRoutes yet)',
    input: [...app('grpc'), ingress('grpc', { tls: [{ hosts: ['grpc.example.com'], secretName: 'grpc-tls' }], rules: [hostRule('grpc.example.com', ['/', 'Prefix', 'grpc'])] }, { 'backend-protocol': 'GRPC' })],
    objects: ['Gateway default/nginx', 'GRPCRoute default/grpc'],
    findings: [],
    equal: [],
    notCompared: 1,
    spot: objects => expect(objects[1].spec).toEqual({ parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx', sectionName: 'https-grpc-example-com' }], hostnames: ['grpc.example.com'], rules: [{ backendRefs: [{ name: 'grpc', port: 80 }] }] }),
  },
  {
    name: 'holds when backend-protocol HTTPS becomes a BackendTLSPolicy (reported: it verifies the certificate ingress-nginx did not)',
    input: [...app('secure'), ingress('secure', { rules: [hostRule('secure.example.com', ['/', 'Prefix', 'secure'])] }, { 'backend-protocol': 'HTTPS' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/secure', 'BackendTLSPolicy default/secure-backend-tls'],
    findings: [`convert-untranslated warning metadata.annotations['${NGINX}backend-protocol']`],
    equal: ['secure.example.com / Prefix'],
    spot: objects => expect(objects[2].spec).toEqual({ targetRefs: [{ group: '', kind: 'Service', name: 'secure' }], validation: { hostname: 'secure.default.svc', wellKnownCACertificates: 'System' } }),
  },
  {
    name: 'holds when use-regex makes the host\'s paths case-insensitive regular expressions',
    input: [...app('web'), ingress('regex', { rules: [hostRule('test.com', ['/foo/bar/bar', 'ImplementationSpecific', 'web'], ['/foo/bar/[A-Z0-9]{3}', 'ImplementationSpecific', 'web'])] }, { 'use-regex': 'true' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/regex'],
    findings: [],
    equal: ['test.com (?i)/foo/bar/[A-Z0-9]{3}.* RegularExpression', 'test.com (?i)/foo/bar/bar.* RegularExpression'],
    expected: 2,
  },
  {
    name: 'holds when enable-cors becomes a CORS filter with ingress-nginx\'s defaults (Gateway API v1.5)',
    input: [...app('web'), ingress('cors', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'enable-cors': 'true', 'cors-allow-origin': 'https://origin-site.com', 'cors-allow-methods': 'PUT, GET, POST, OPTIONS', 'cors-max-age': '600' })],
    options: { gatewayApiVersion: 'v1.5' },
    objects: ['Gateway default/nginx', 'HTTPRoute default/cors'],
    findings: [],
    equal: ['shop.example.com / Prefix'],
    spot: objects => expect(objects[1].spec.rules[0].filters[0].cors).toMatchObject({ allowOrigins: ['https://origin-site.com'], allowMethods: ['PUT', 'GET', 'POST', 'OPTIONS'], allowCredentials: true, maxAge: 600 }),
  },
  {
    name: 'holds when ssl-passthrough becomes a TLSRoute on a Passthrough listener (Gateway API v1.5; not compared yet)',
    input: [...app('vault'), ingress('vault', { rules: [hostRule('vault.example.com', ['/', 'Prefix', 'vault'])] }, { 'ssl-passthrough': 'true' })],
    options: { gatewayApiVersion: 'v1.5' },
    objects: ['Gateway default/nginx', 'TLSRoute default/vault'],
    findings: [],
    equal: [],
    notCompared: 1,
    spot: objects => expect(objects[0].spec.listeners).toEqual([{ name: 'tls-vault-example-com', hostname: 'vault.example.com', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' } }]),
  },
  {
    name: 'holds when server-alias adds its hosts to the route (entries added on purpose)',
    input: [...app('web'), ingress('alias', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'server-alias': 'www.shop.example.com' })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/alias'],
    findings: [],
    equal: ['shop.example.com / Prefix'],
    expected: 1,
    spot: objects => expect(objects[1].spec.hostnames).toEqual(['shop.example.com', 'www.shop.example.com']),
  },
  {
    name: 'fails when annotations have no standard-channel equivalent: auth-url, limit-rps, configuration-snippet, cookie affinity (each reported)',
    input: [...app('web'), ingress('web', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, {
      'auth-url': 'http://auth.example.com/check', 'limit-rps': '10', 'configuration-snippet': 'more_set_headers "X-Frame-Options: DENY";', 'affinity': 'cookie', 'session-cookie-name': 'route',
    })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/web'],
    findings: ['auth-url', 'limit-rps', 'configuration-snippet', 'affinity', 'session-cookie-name'].map(a => `convert-untranslated warning metadata.annotations['${NGINX}${a}']`),
    equal: ['shop.example.com / Prefix'],
  },
  {
    name: 'fails when an ImplementationSpecific path becomes a PathPrefix (reported; the entry changes on purpose)',
    input: [...app('web'), ingress('web', { rules: [hostRule('shop.example.com', ['/api', 'ImplementationSpecific', 'web'])] })],
    objects: ['Gateway default/nginx', 'HTTPRoute default/web'],
    findings: ['convert-untranslated warning spec.rules[0].http.paths[0].pathType'],
    equal: ['shop.example.com /api Prefix'],
    expected: 1,
  },
  {
    name: 'fails when a backend is a resource: the Ingress is reported and not converted',
    input: [ingress('static', { rules: [{ host: 'static.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'icons' } } }] } }] })],
    objects: [],
    findings: ['convert-untranslated warning spec.rules[0].http.paths[0].backend.resource'],
    equal: [],
  },
  {
    name: 'fails when a host is a wildcard (one label in an Ingress, any number in a hostname): the Ingress is reported and not converted',
    input: [...app('web'), ingress('wild', { rules: [hostRule('*.example.com', ['/', 'Prefix', 'web']), hostRule('example.com', ['/', 'Prefix', 'web'])] })],
    objects: [],
    findings: ['convert-untranslated warning spec.rules[0].host'],
    equal: [],
  },
];

/** Runs a case and checks what every case must hold. */
function runCase(c: Case): ConvertRun {
  const r = convert(c.input.map(manifest => ({ manifest })), c.convert ?? {}, c.options ?? {}, false);
  expect(r.proof.changed.map(f => `${f.rule} ${f.value}`)).toEqual([]);
  expect(r.proof.outputFindings.filter(f => f.severity === Severity.ERROR).map(f => `${f.rule} ${f.kind} ${f.name} ${f.field}`)).toEqual([]);
  return r;
}

describe('convert', () => {
  test.each(CASES.map(c => [c.name, c] as const))('%s', (_, c) => {
    const r = runCase(c);
    expect(r.objects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(c.objects);
    expect(r.findings.filter(f => f.rule.startsWith('convert-')).map(f => `${f.rule} ${f.severity} ${f.field}`)).toEqual(c.findings);
    expect(r.proof.equal.map(e => e.entry)).toEqual([...(c.equal ?? [])].sort());
    expect(r.proof.expected.length).toEqual(c.expected ?? 0);
    expect(r.proof.notCompared.length).toEqual(c.notCompared ?? 0);
    c.spot?.(r.objects);
  });

  test('fails when the converted routes would reach another Service port: convert-route-changed', () => {
    const input = [...app('web'), ingress('web', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] })];
    const r = convert(input.map(manifest => ({ manifest })), {}, {}, false);
    expect(r.proof.changed).toEqual([]);
    // tamper with the output as a bug would: the backendRef to another port
    const conversion = convertIngresses(input.map(manifest => ({ manifest })), {});
    conversion.objects[1].spec.rules[0].backendRefs[0].port = 8080;
    const proof = proveConversion(input.map(manifest => ({ manifest })), conversion, {});
    expect(proof.changed.map(f => `${f.rule} ${f.severity} ${f.kind} ${f.namespace}/${f.name} ${f.field} ${f.value}`))
      .toEqual(['convert-route-changed error Ingress default/web spec.rules shop.example.com / Prefix']);
  });

  test('fails when a converted route drops an entry or adds one: convert-route-changed, nothing dropped silently', () => {
    const input = [...app('web'), ingress('web', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'], ['/admin', 'Exact', 'web'])] })];
    const sources = input.map(manifest => ({ manifest }));
    const conversion = convertIngresses(sources, {});
    const route = conversion.objects[1];
    route.spec.rules = route.spec.rules.slice(0, 1);
    route.spec.rules.push({ matches: [{ path: { type: 'PathPrefix', value: '/extra' } }], backendRefs: [{ name: 'web', port: 80 }] });
    // added first, then removed (the order of `diff`)
    expect(proveConversion(sources, conversion, {}).changed.map(f => `${f.rule} ${f.severity} ${f.field} ${f.value}`)).toEqual([
      'convert-route-changed error spec.rules shop.example.com /extra Prefix',
      'convert-route-changed error spec.rules shop.example.com /admin Exact',
    ]);
  });

  test('fails when --fail-on-untranslated: what was not translated is an error', () => {
    const input = [...app('web'), ingress('web', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'limit-rps': '5' })];
    const r = convert(input.map(manifest => ({ manifest })), {}, {}, true);
    expect(r.findings.map(f => `${f.rule} ${f.severity} ${f.value}`)).toEqual(['convert-untranslated error 5']);
  });

  test('holds when objects that are not Ingresses, and Ingresses of another class with --class nginx, are skipped and said', () => {
    const other = { ...ingress('traefik', { rules: [hostRule('t.example.com', ['/', 'Prefix', 'web'])] }), spec: { ingressClassName: 'traefik', rules: [hostRule('t.example.com', ['/', 'Prefix', 'web'])] } };
    const input = [...app('web'), other, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }];
    const r = convert(input.map(manifest => ({ manifest })), { ingressClass: 'nginx' }, {}, false);
    expect(r.objects).toEqual([]);
    expect(r.skipped).toEqual(['Ingress default/traefik: its class is "traefik", not "nginx"', 'ConfigMap default/settings: not an Ingress (networking.k8s.io/v1)']);
  });
});

describe('the convert command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const input = [...app('web'), ingress('web', { rules: [hostRule('shop.example.com', ['/', 'Prefix', 'web'])] }, { 'auth-url': 'http://auth/check' })];
  const yaml = input.map(o => jsyaml.dump(o)).join('---\n');
  fs.writeFileSync(path.join(dir, 'in.yaml'), yaml);

  test('holds when it reads stdin and writes YAML to stdout, the report to stderr', () => {
    const r = cliWith(() => yaml, ['convert', '-']);
    expect(r.code).toEqual(0);
    expect(jsyaml.loadAll(r.out).map((o: any) => `${o.kind} ${o.metadata.name}`)).toEqual(['Gateway nginx', 'HTTPRoute web']);
    expect(r.err).toContain('(rule convert-untranslated)');
  });

  test('holds when --output writes one file per object and the report goes to stdout in every format', () => {
    const out = path.join(dir, 'out');
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = cli('convert', path.join(dir, 'in.yaml'), '--output', out, '--format', format);
      expect(r.code).toEqual(0);
      expect(r.out).toContain('convert-untranslated');
    }
    expect(fs.readdirSync(out).sort()).toEqual(['default-gateway-nginx.yaml', 'default-httproute-web.yaml']);
    expect(cli('check', out).code).toEqual(0);
  });

  test('fails when --fail-on-untranslated: exit 1', () => {
    expect(cli('convert', path.join(dir, 'in.yaml'), '--fail-on-untranslated').code).toEqual(1);
  });

  test('fails when --gateway is not namespace/name, or --section comes without it: exit 2', () => {
    expect(cli('convert', path.join(dir, 'in.yaml'), '--gateway', 'shared').code).toEqual(2);
    expect(cli('convert', path.join(dir, 'in.yaml'), '--section', 'http').code).toEqual(2);
  });
});
