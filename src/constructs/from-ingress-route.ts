import { IExposedService } from './exposed-service';
import { IngressRoute } from './ingress-route';
import { PathType } from './types';
import { FindingType, Severity, Violation } from '../model/finding';
import { CONVERT_UNTRANSLATED } from '../rules/convert';

/*
 * What HttpRoute.fromIngressRoute builds from an IngressRoute: one HTTPRoute per host (a route
 * has one set of hostnames), its rules, and what does not carry over as `convert-untranslated`
 * findings on the route: ImplementationSpecific paths (PathPrefix matches whole path elements)
 * and TLS (an HTTPRoute has none: a Gateway listener terminates it).
 */

/** @internal one HTTPRoute to build */
export interface RouteOfHost {
  /** the host, or undefined for the paths of any host and the default backend */
  readonly host?: string;
  readonly rules: Array<{
    readonly path: string; readonly pathType: 'PathPrefix' | 'Exact'; readonly service: IExposedService; readonly port?: number | string;
  }>;
  readonly carried: Violation[];
}

function untranslated(field: string, message: string, fix: string, value?: string): Violation {
  const v = value !== undefined ? { value } : {};
  return { rule: CONVERT_UNTRANSLATED.id, field, message, fix, severity: Severity.WARNING, type: FindingType.NOT_SUPPORTED, ...v };
}

/** @internal the routes of an IngressRoute, one per host, in the order of its hosts */
export function routesOfIngress(ingress: IngressRoute): RouteOfHost[] {
  const model = ingress._routeModel();
  const byHost = new Map<string | undefined, RouteOfHost>();
  const routeOf = (host: string | undefined): RouteOfHost => {
    const found = byHost.get(host);
    if (found) return found;
    const made: RouteOfHost = { host, rules: [], carried: [] };
    byHost.set(host, made);
    return made;
  };
  for (const rule of model.rules) {
    const route = routeOf(rule.host);
    for (const p of rule.paths) {
      const type = p.pathType ?? PathType.PREFIX;
      if (type === PathType.IMPLEMENTATION_SPECIFIC && p.path !== '/') {
        route.carried.push(untranslated(`spec.rules[${route.rules.length}].matches[0].path`,
          `path ${JSON.stringify(p.path)} of type ImplementationSpecific becomes a PathPrefix match, which matches whole path elements only (ingress-nginx matched a string prefix)`,
          'check that no client relies on the string prefix, or use PathType.PREFIX in the IngressRoute first', p.path));
      }
      route.rules.push({ path: p.path, pathType: type === PathType.EXACT ? 'Exact' : 'PathPrefix', service: p.service, ...(p.port !== undefined ? { port: p.port } : {}) });
    }
  }
  if (model.defaultBackend) {
    routeOf(undefined).rules.push({ path: '/', pathType: 'PathPrefix', service: model.defaultBackend.service, ...(model.defaultBackend.port !== undefined ? { port: model.defaultBackend.port } : {}) });
  }
  const routes = [...byHost.values()].filter(r => r.rules.length > 0);
  for (const t of model.tls ?? []) {
    const hosts = t.hosts ?? [];
    for (const r of routes.filter(x => x.host !== undefined && hosts.includes(x.host))) {
      r.carried.push(untranslated('spec.hostnames', `TLS of host ${r.host} (Secret ${t.secretName}) does not carry over: an HTTPRoute has no TLS, a Gateway listener terminates it`,
        `give the Gateway an HTTPS listener for ${r.host} with certificate ${t.secretName}, and attach the route to it with sectionName`, t.secretName));
    }
  }
  for (const [name, value] of Object.entries(model.annotations ?? {})) {
    if (!name.startsWith('nginx.ingress.kubernetes.io/')) continue;
    for (const r of routes) {
      r.carried.push(untranslated(`metadata.annotations['${name}']`, `annotation ${name}=${JSON.stringify(value)} does not carry over`,
        'run `cdk8s-expose convert` on the synthesized Ingress to see what it becomes, and set it on the HttpRoute or the Gateway implementation', value));
    }
  }
  return routes;
}
