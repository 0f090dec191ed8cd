import { httpRouteObject } from './example-objects';
import {
  GATEWAY_GROUP, checkCount, checkDuration, checkEnum, checkGroup, checkHeaderName, checkHostname, checkInteger, checkKind,
  checkOptionalPort, checkPreciseHostname, checkRefName, checkRefNamespace, checkSectionName, checkSetList, entries, parseDuration,
} from './gateway-shared';
import { checkNormalizedPath } from './ingress';
import { Issue, Severity, issue, warning } from '../model/finding';
import { defineKind } from '../model/kinds';
import { list, obj, key, seenBefore, show, text } from '../model/plain';
import { CheckContext, defineRule, RuleBasics, ruleExamples } from '../model/rule';
import { gatewayRejectedBefore, gatewayRejectedFrom, gatewayRejectedSince, gatewayRelaxedIn } from '../model/versions';


/** The HTTPRoute: v1, and v1beta1, which the standard-channel CRD still serves. */
export const HTTP_ROUTE = defineKind({ kind: 'HTTPRoute', group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], crd: true, checked: true });

/*
 * HTTPRoute (gateway.networking.k8s.io/v1), as the standard-channel CRD validates it:
 * the kubebuilder markers and CEL rules of apis/v1/httproute_types.go and shared_types.go
 * (kubernetes-sigs/gateway-api after v1.6.1), with the cases of tests/cel/httproute_test.go
 * and httproute_standard_test.go transcribed in test/upstream/gateway/.
 */

type Plain = { readonly [key: string]: any };

export const PATH_MATCH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const MATCH_TYPES = ['Exact', 'RegularExpression'];
/** The field each core filter type carries. */
const FILTER_FIELDS: { [type: string]: string } = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};
const NOT_REPEATED = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'];
const STATUS_CODES = [301, 302, 303, 307, 308];
/** The path characters the CEL rule admits for Exact and PathPrefix. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;
/** An allowed CORS origin: `*`, or http(s)://host[:port] with an optional leading `*.` label. */
const ORIGIN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;

/** The rules of an HTTPRoute with their paths; an absent rules list is the CRD default (one rule). */
export function routeRules(route: unknown): Array<{ readonly rule: Plain; readonly field: string }> {
  const spec = obj(obj(route).spec);
  if (spec.rules === undefined) return [{ rule: {}, field: 'spec.rules[0]' }];
  return list(spec.rules).map((r, i) => ({ rule: obj(r), field: `spec.rules[${i}]` }));
}

/** The matches of a rule; absent is the CRD default, one PathPrefix '/' match. */
export function ruleMatches(rule: Plain, field: string): Array<{ readonly match: Plain; readonly field: string }> {
  if (rule.matches === undefined) return [{ match: { path: { type: 'PathPrefix', value: '/' } }, field: `${field}.matches[0]` }];
  return list(rule.matches).map((m, i) => ({ match: obj(m), field: `${field}.matches[${i}]` }));
}

/** The path of a match with its defaults: type PathPrefix, value '/'. */
export function matchPath(match: Plain): { type: unknown; value: unknown } {
  if (match.path === undefined) return { type: 'PathPrefix', value: '/' };
  const p = obj(match.path);
  return { type: p.type ?? 'PathPrefix', value: p.value ?? '/' };
}

function routeRule(def: RuleBasics,
  check: (route: any, spec: Plain, ctx: CheckContext) => Issue[]) {
  return defineRule({ scope: 'object', kinds: [HTTP_ROUTE.kind], severity: Severity.ERROR, ...def }, (route, ctx) => check(route, obj(obj(route).spec), ctx));
}

/** The first bundle whose standard channel has the CORS filter (the filter type enum of v1.4.1 lacks it). */
const CORS_FROM = 5;

/** Every filter of a rule and of its backendRefs, with paths. */
function allFilters(rule: Plain, field: string): Array<{ filters: unknown; field: string }> {
  return [
    { filters: rule.filters, field: `${field}.filters` },
    ...entries(rule.backendRefs, `${field}.backendRefs`).map(b => ({ filters: b.v.filters, field: `${b.f}.filters` })),
  ];
}

/** The parentRefs of a route (CommonRouteSpec, shared by every route kind). */
export function checkRouteParentRefs(spec: Plain): Issue[] {
  const out = checkCount('spec.parentRefs', spec.parentRefs, 0, 32, 'parentRefs');
  const refs = entries(spec.parentRefs, 'spec.parentRefs');
  for (const { v, f } of refs) {
    out.push(...checkRefName(`${f}.name`, v.name, 'parent'));
    out.push(...checkGroup(`${f}.group`, v.group), ...checkKind(`${f}.kind`, v.kind), ...checkRefNamespace(`${f}.namespace`, v.namespace));
    if (v.sectionName !== undefined) out.push(...checkSectionName(`${f}.sectionName`, v.sectionName));
    out.push(...checkOptionalPort(`${f}.port`, v.port));
  }
  const parent = (v: Plain) => key(v.group ?? GATEWAY_GROUP, v.kind ?? 'Gateway', v.namespace ?? '', v.name);
  const byParent = new Map<string, Array<{ v: Plain; f: string }>>();
  for (const r of refs) {
    const k = parent(r.v);
    const found = byParent.get(k);
    if (found) found.push(r); else byParent.set(k, [r]);
  }
  for (const same of byParent.values()) {
    if (same.length < 2) continue;
    const named = same.filter(r => r.v.sectionName !== undefined && r.v.sectionName !== '');
    if (named.length !== same.length) {
      if (named.length > 0) {
        for (const r of same.filter(x => !named.includes(x))) {
          out.push(issue(`${r.f}.sectionName`, `sectionName must be specified when parentRefs includes 2 or more references to the same parent (${show(r.v.name)})`, 'give each reference to this Gateway its own listener name'));
        }
        continue;
      }
    }
    const seen = new Map<string, string>();
    for (const r of same) {
      const prior = seenBefore(seen, text(r.v.sectionName ?? ''), r.f);
      if (prior !== undefined) out.push(issue(`${r.f}.sectionName`, `sectionName must be unique when parentRefs includes 2 or more references to the same parent: ${show(r.v.sectionName ?? '')} repeats ${prior}`, 'name a different listener, or remove the duplicate reference'));
    }
  }
  return out;
}

export const httpRouteParentRefs = routeRule({
  id: 'httproute-parent-refs',
  summary: 'parentRefs: at most 32, each a valid reference; several to one parent each name a distinct sectionName',
  prevents: 'CRD: parentRefs maxItems 32, name/group/kind/namespace/sectionName/port formats; CEL "sectionName must be specified/unique when parentRefs includes 2 or more references to the same parent"',
}, (_, spec) => checkRouteParentRefs(spec));

/** The hostnames of a route (HTTPRoute, GRPCRoute, TLSRoute): at most 16 Gateway API hostnames. */
export function checkRouteHostnames(spec: Plain): Issue[] {
  return [
    ...checkCount('spec.hostnames', spec.hostnames, 0, 16, 'hostnames'),
    ...list(spec.hostnames).flatMap((h, i) => checkHostname(`spec.hostnames[${i}]`, h, 'use e.g. "app.example.com" or "*.example.com"')),
  ];
}

export const httpRouteHostnames = routeRule({
  id: 'httproute-hostnames',
  summary: 'hostnames: at most 16, each a lowercase DNS name with an optional whole-label "*." prefix, not an IP',
  prevents: 'CRD: hostnames maxItems 16 and the Hostname pattern; the specification forbids IP addresses (warning: the pattern lets them through)',
}, (_, spec) => checkRouteHostnames(spec));

/** The first bundle whose HTTPRoute CRD says rules minItems 1 (v1.4.1 has no minimum). */
const RULES_REQUIRED_FROM = 5;

export const httpRouteRules = routeRule({
  id: 'httproute-rules',
  summary: 'rules: at most 16 (and at least 1 from bundle v1.5), a rule name is a section name; matches: at most 64 per rule and 128 in all; filters and backendRefs: at most 16 each',
  prevents: 'CRD: rules minItems 1 (from bundle v1.5; v1.4.1 accepts rules: []) maxItems 16, rules[].name SectionName pattern, matches maxItems 64, CEL "total number of matches across all rules in a route must be less than 128", filters and backendRefs maxItems 16',
}, (_, spec, ctx) => {
  const out = checkCount('spec.rules', spec.rules, 0, 16, 'rules');
  if (Array.isArray(spec.rules) && spec.rules.length === 0) {
    // minItems 1 is new in bundle v1.5 (found by the Gateway oracle: v1.4.1 accepts rules: [])
    const severity = gatewayRejectedFrom(ctx, RULES_REQUIRED_FROM);
    if (severity !== undefined) out.push({ field: 'spec.rules', message: `rules: [] (a route that routes nothing) is ${gatewayRejectedSince(RULES_REQUIRED_FROM)}: at least 1 rule`, fix: 'add a rule, or leave rules out for the default (PathPrefix /)', severity });
  }
  let total = 0;
  for (const { rule, field } of routeRules({ spec })) {
    if (rule.name !== undefined && rule.name !== null) out.push(...checkSectionName(`${field}.name`, rule.name));
    out.push(...checkCount(`${field}.matches`, rule.matches, 0, 64, 'matches'));
    out.push(...checkCount(`${field}.filters`, rule.filters, 0, 16, 'filters'));
    out.push(...checkCount(`${field}.backendRefs`, rule.backendRefs, 0, 16, 'backendRefs'));
    for (const b of entries(rule.backendRefs, `${field}.backendRefs`)) out.push(...checkCount(`${b.f}.filters`, b.v.filters, 0, 16, 'filters'));
    total += Array.isArray(rule.matches) ? rule.matches.length : 0;
  }
  if (total > 128) out.push(issue('spec.rules', `the rules have ${total} matches in all: while 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be at most 128`, 'split the route into several HTTPRoutes'));
  return out;
});

/** A path match as the CRD validates it. */
export function checkPathMatch(field: string, path: unknown): Issue[] {
  if (path === undefined) return [];
  const p = obj(path);
  const type = p.type ?? 'PathPrefix';
  const value = p.value ?? '/';
  if (!PATH_MATCH_TYPES.includes(type)) return checkEnum(`${field}.type`, type, PATH_MATCH_TYPES);
  if (typeof value !== 'string' || value.length > 1024) return [issue(`${field}.value`, `${show(value)} is not a path: a string of at most 1024 characters`, 'use e.g. "/api"')];
  if (type === 'RegularExpression') return [];
  const out = checkNormalizedPath(`${field}.value`, value, type, 'normalize the path, or use type RegularExpression', ['#']);
  if (out.length === 0 && !PATH_CHARS.test(value)) {
    out.push(issue(`${field}.value`, `${show(value)} has characters a path may not have for type ${type}: letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes`, 'percent-encode the other characters'));
  }
  return out;
}

export const httpRoutePath = routeRule({
  id: 'httproute-path',
  summary: 'a path match has type Exact, PathPrefix or RegularExpression; Exact and PathPrefix paths are absolute, normalized and of valid characters',
  prevents: 'CRD: path type enum, value maxLength 1024, CEL rules on "/", "//", "/./", "/../", "%2f", "%2F", "#", "/.", "/.." and the character set',
}, route => routeRules(route).flatMap(r => ruleMatches(r.rule, r.field).flatMap(m => checkPathMatch(`${m.field}.path`, m.match.path))));

/** Header or query param matches: at most 16, valid names, no duplicate names, type Exact or RegularExpression. */
export function checkNameMatches(field: string, value: unknown, what: 'header' | 'query param'): Issue[] {
  const out = checkCount(field, value, 0, 16, `${what} matches`);
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  for (const { v, f } of entries(value, field)) {
    // both names are HTTPHeaderName in the CRD (queryParams[].name too)
    out.push(...checkHeaderName(`${f}.name`, v.name));
    out.push(...checkEnum(`${f}.type`, v.type, MATCH_TYPES));
    if (typeof v.value !== 'string' || v.value.length < 1 || v.value.length > (what === 'header' ? 4096 : 1024)) {
      out.push(issue(`${f}.value`, `${show(v.value)} is not a valid ${what} value: a string of 1-${what === 'header' ? 4096 : 1024} characters`, 'give the value to match'));
    }
    if (typeof v.name !== 'string') continue;
    const dup = seenBefore(exact, v.name, f);
    if (dup !== undefined) {
      out.push(issue(`${f}.name`, `${what} ${show(v.name)} is matched twice in one match (first at ${dup}); names are a list-map key`, 'match each name once'));
      continue;
    }
    const caseDup = what === 'header' ? seenBefore(folded, v.name.toLowerCase(), f) : undefined;
    if (caseDup !== undefined) {
      out.push(warning(`${f}.name`, `header ${show(v.name)} differs only in case from the header at ${caseDup}: header names are case-insensitive, so this match is ignored (the specification keeps the first)`, 'match each header once'));
    }
  }
  return out;
}

export const httpRouteMatches = routeRule({
  id: 'httproute-matches',
  summary: 'header and query param matches have valid, unique names; the method is one of the nine HTTP methods',
  prevents: 'CRD: headers/queryParams maxItems 16, HTTPHeaderName pattern (header and query param names), listMapKey name (duplicates rejected), type enum, method enum',
}, route => routeRules(route).flatMap(r => ruleMatches(r.rule, r.field).flatMap(m => [
  ...checkNameMatches(`${m.field}.headers`, m.match.headers, 'header'),
  ...checkNameMatches(`${m.field}.queryParams`, m.match.queryParams, 'query param'),
  ...checkEnum(`${m.field}.method`, m.match.method, HTTP_METHODS),
])));

/** A backend or mirror reference: a Service needs a port. */
export function checkBackendRef(field: string, v: Plain): Issue[] {
  const out = [
    ...checkRefName(`${field}.name`, v.name, 'backend'),
    ...checkGroup(`${field}.group`, v.group), ...checkKind(`${field}.kind`, v.kind), ...checkRefNamespace(`${field}.namespace`, v.namespace),
    ...checkOptionalPort(`${field}.port`, v.port),
  ];
  const isService = (v.group ?? '') === '' && (v.kind ?? 'Service') === 'Service';
  if (isService && v.port === undefined) {
    out.push(issue(`${field}.port`, `the Service backend ${show(v.name)} has no port: must have port for Service reference (Service port names are not allowed here)`, 'set port to the Service\'s port number'));
  }
  return out;
}

export const httpRouteBackendRefs = routeRule({
  id: 'httproute-backend-refs',
  summary: 'a backendRef names its object; a Service backend has a port; weight is 0-1,000,000',
  prevents: 'CRD: BackendObjectReference formats, CEL "Must have port for Service reference", weight minimum 0 maximum 1000000',
}, route => routeRules(route).flatMap(r => entries(r.rule.backendRefs, `${r.field}.backendRefs`).flatMap(({ v, f }) => [
  ...checkBackendRef(f, v),
  ...checkInteger(`${f}.weight`, v.weight, 0, 1000000, 'use a weight in 0-1,000,000 (default 1)'),
])));

/** A header modifier: set/add at most 16 each with valid names; remove at most 16 names. */
export function checkHeaderModifier(field: string, m: Plain): Issue[] {
  const out: Issue[] = [];
  for (const op of ['set', 'add']) {
    out.push(...checkCount(`${field}.${op}`, m[op], 0, 16, 'headers'));
    const seen = new Map<string, string>();
    for (const { v, f } of entries(m[op], `${field}.${op}`)) {
      out.push(...checkHeaderName(`${f}.name`, v.name));
      if (typeof v.value !== 'string' || v.value.length < 1 || v.value.length > 4096) out.push(issue(`${f}.value`, `${show(v.value)} is not a valid header value: 1-4096 characters`, 'give the value'));
      if (typeof v.name === 'string') {
        const dup = seenBefore(seen, v.name, f);
        if (dup !== undefined) out.push(issue(`${f}.name`, `header ${show(v.name)} appears twice (first at ${dup}); names are a list-map key`, 'list each header once'));
      }
    }
  }
  out.push(...checkCount(`${field}.remove`, m.remove, 0, 16, 'header names'));
  out.push(...checkSetList(`${field}.remove`, m.remove, 'remove'));
  return out;
}

/** A path modifier (redirect and rewrite): type and its one value agree. */
function checkPathModifier(field: string, p: Plain): Issue[] {
  const out = p.type === undefined ? [issue(`${field}.type`, 'a path modifier needs a type: ReplaceFullPath or ReplacePrefixMatch', 'set type')]
    : checkEnum(`${field}.type`, p.type, ['ReplaceFullPath', 'ReplacePrefixMatch']);
  if (p.type === 'ReplaceFullPath' && p.replaceFullPath === undefined) out.push(issue(`${field}.replaceFullPath`, 'replaceFullPath must be specified when type is set to \'ReplaceFullPath\'', 'set replaceFullPath'));
  if (p.replaceFullPath !== undefined && p.type !== 'ReplaceFullPath') out.push(issue(`${field}.type`, 'type must be \'ReplaceFullPath\' when replaceFullPath is set', 'set type ReplaceFullPath, or use replacePrefixMatch'));
  if (p.type === 'ReplacePrefixMatch' && p.replacePrefixMatch === undefined) out.push(issue(`${field}.replacePrefixMatch`, 'replacePrefixMatch must be specified when type is set to \'ReplacePrefixMatch\'', 'set replacePrefixMatch'));
  if (p.replacePrefixMatch !== undefined && p.type !== 'ReplacePrefixMatch') out.push(issue(`${field}.type`, 'type must be \'ReplacePrefixMatch\' when replacePrefixMatch is set', 'set type ReplacePrefixMatch, or use replaceFullPath'));
  for (const k of ['replaceFullPath', 'replacePrefixMatch']) {
    if (p[k] !== undefined && (typeof p[k] !== 'string' || p[k].length > 1024)) out.push(issue(`${field}.${k}`, `${show(p[k])} is not a path: a string of at most 1024 characters`, 'use e.g. "/v2"'));
  }
  return out;
}

/**
 * A filter's type (required, of the kind's enum) and its members: the field of its type, and no
 * other (HTTPRoute and GRPCRoute filters alike, each with its own types).
 */
export function checkFilterMembers(field: string, v: Plain, fields: { readonly [type: string]: string }): Issue[] {
  const types = Object.keys(fields);
  if (v.type === undefined) return [issue(`${field}.type`, 'a filter needs a type: type is required', `set type to one of ${types.join(', ')}`)];
  const out = checkEnum(`${field}.type`, v.type, types);
  for (const [type, member] of Object.entries(fields)) {
    const has = v[member] !== undefined && v[member] !== null;
    if (has && v.type !== type) out.push(issue(`${field}.${member}`, `filter.${member} must be nil if the filter.type is not ${type} (it is ${show(v.type)})`, `remove ${member}, or set type ${type}`));
    if (!has && v.type === type) out.push(issue(`${field}.${member}`, `filter.${member} must be specified for ${type} filter.type`, `add ${member}`));
  }
  return out;
}

/** The filter fields both HTTPRoute and GRPCRoute carry: header modifiers, mirror, extensionRef. */
export function checkCommonFilterFields(field: string, v: Plain): Issue[] {
  const out: Issue[] = [];
  for (const member of ['requestHeaderModifier', 'responseHeaderModifier']) {
    if (v[member] !== undefined) out.push(...checkHeaderModifier(`${field}.${member}`, obj(v[member])));
  }
  if (v.requestMirror !== undefined) {
    const m = obj(v.requestMirror);
    out.push(...checkBackendRef(`${field}.requestMirror.backendRef`, obj(m.backendRef)));
    if (m.percent !== undefined && m.fraction !== undefined) out.push(issue(`${field}.requestMirror`, 'only one of percent or fraction may be specified in HTTPRequestMirrorFilter', 'remove one'));
    out.push(...checkInteger(`${field}.requestMirror.percent`, m.percent, 0, 100, 'use a percent in 0-100'));
    if (m.fraction !== undefined) {
      const fr = obj(m.fraction);
      out.push(...checkInteger(`${field}.requestMirror.fraction.numerator`, fr.numerator, 0, 2147483647, 'use a numerator of 0 or more'));
      out.push(...checkInteger(`${field}.requestMirror.fraction.denominator`, fr.denominator ?? 100, 1, 2147483647, 'use a denominator of 1 or more (default 100)'));
      if (typeof fr.numerator === 'number' && fr.numerator > (fr.denominator ?? 100)) out.push(issue(`${field}.requestMirror.fraction`, `numerator ${fr.numerator} must be less than or equal to denominator ${fr.denominator ?? 100}`, 'mirror at most every request'));
    }
  }
  if (v.extensionRef !== undefined) {
    const e = obj(v.extensionRef);
    out.push(...checkGroup(`${field}.extensionRef.group`, e.group ?? ''), ...checkKind(`${field}.extensionRef.kind`, e.kind), ...checkRefName(`${field}.extensionRef.name`, e.name, 'extension'));
  }
  return out;
}

/** The members of one filter: the field of its type, and no other. */
function checkFilter(field: string, v: Plain): Issue[] {
  const out = checkFilterMembers(field, v, FILTER_FIELDS);
  const redirect = obj(v.requestRedirect);
  if (v.requestRedirect !== undefined) {
    out.push(...checkEnum(`${field}.requestRedirect.scheme`, redirect.scheme, ['http', 'https']));
    out.push(...checkEnum(`${field}.requestRedirect.statusCode`, redirect.statusCode, STATUS_CODES, 'use 301, 302, 303, 307 or 308 (default 302)'));
    out.push(...checkOptionalPort(`${field}.requestRedirect.port`, redirect.port));
    if (redirect.hostname !== undefined) out.push(...checkPreciseHostname(`${field}.requestRedirect.hostname`, redirect.hostname));
    if (redirect.path !== undefined) out.push(...checkPathModifier(`${field}.requestRedirect.path`, obj(redirect.path)));
  }
  if (v.urlRewrite !== undefined) {
    const rw = obj(v.urlRewrite);
    if (rw.hostname !== undefined) out.push(...checkPreciseHostname(`${field}.urlRewrite.hostname`, rw.hostname));
    if (rw.path !== undefined) out.push(...checkPathModifier(`${field}.urlRewrite.path`, obj(rw.path)));
  }
  out.push(...checkCommonFilterFields(field, v));
  return out;
}

/** The filter types of a list that appear more than once: "X filter cannot be repeated". */
export function checkNotRepeated(items: ReadonlyArray<{ readonly v: Plain; readonly f: string }>, types: readonly string[]): Issue[] {
  const out: Issue[] = [];
  for (const type of types) {
    const same = items.filter(x => x.v.type === type);
    if (same.length > 1) out.push(issue(`${same[1].f}.type`, `${type} filter cannot be repeated (${same.length} in this list)`, 'merge them into one filter'));
  }
  return out;
}

/** The rules of a filter list: core types not repeated; RequestRedirect not with URLRewrite. */
function checkFilterList(field: string, filters: unknown): Issue[] {
  const out: Issue[] = [];
  const items = entries(filters, field);
  for (const { v, f } of items) out.push(...checkFilter(f, v));
  out.push(...checkNotRepeated(items, NOT_REPEATED));
  if (items.some(x => x.v.type === 'RequestRedirect') && items.some(x => x.v.type === 'URLRewrite')) {
    out.push(issue(field, 'may specify either a RequestRedirect filter or a URLRewrite filter, but not both', 'redirect the client, or rewrite the request: choose one'));
  }
  return out;
}

/** Whether a filter list has a redirect or rewrite with path.replacePrefixMatch. */
function hasPrefixReplace(filters: unknown, member: string): boolean {
  return list(filters).some(f => {
    const p = obj(obj(obj(f)[member]).path);
    return p.type === 'ReplacePrefixMatch' && p.replacePrefixMatch !== undefined;
  });
}

export const httpRouteFilters = routeRule({
  id: 'httproute-filters',
  summary: 'filters have a type and carry the field of their type only; redirect and rewrite hostnames are precise; header removals are unique; core filters are not repeated; RequestRedirect excludes URLRewrite and backendRefs; ReplacePrefixMatch needs one PathPrefix match; redirect codes 301/302/303/307/308',
  prevents: 'CRD: filter type required and enum, redirect and rewrite hostname PreciseHostname (no wildcard), header modifier remove a set (unique); CEL "filter.X must be nil/specified", "X filter cannot be repeated", "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite", "RequestRedirect filter must not be used together with backendRefs", "exactly one PathPrefix match must be specified", statusCode/scheme enums, header modifier and mirror bounds',
}, route => routeRules(route).flatMap(({ rule, field }) => {
  const out: Issue[] = [];
  for (const fl of allFilters(rule, field)) out.push(...checkFilterList(fl.field, fl.filters));
  if (list(rule.backendRefs).length > 0 && list(rule.filters).some(f => obj(f).requestRedirect !== undefined)) {
    out.push(issue(`${field}.backendRefs`, 'RequestRedirect filter must not be used together with backendRefs: a redirect answers the client itself', 'remove the backendRefs, or the redirect'));
  }
  const matches = ruleMatches(rule, field);
  // with the CRD defaults: no matches is one PathPrefix '/' match; a match without path or type is PathPrefix
  const onePathPrefix = matches.length === 1 && matchPath(matches[0].match).type === 'PathPrefix';
  for (const [member, what] of [['requestRedirect', 'RequestRedirect'], ['urlRewrite', 'URLRewrite']]) {
    if (onePathPrefix) continue;
    if (hasPrefixReplace(rule.filters, member)) {
      out.push(issue(`${field}.matches`, `when using ${what} filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified`, 'use one PathPrefix match, or type ReplaceFullPath'));
    }
    if (list(rule.backendRefs).some(b => hasPrefixReplace(obj(b).filters, member))) {
      out.push(issue(`${field}.matches`, `within backendRefs, when using ${what} filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified`, 'use one PathPrefix match, or type ReplaceFullPath'));
    }
  }
  return out;
}));

/** A CORS filter as the CRD validates it. */
function checkCors(field: string, c: Plain): Issue[] {
  const out: Issue[] = [];
  const wildcardAlone = (name: string, what: string) => {
    const values = list(c[name]);
    if (values.includes('*') && values.length > 1) out.push(issue(`${field}.${name}`, `${name} cannot contain '*' alongside other ${what}`, `use '*' alone, or list the ${what}`));
  };
  out.push(...checkCount(`${field}.allowOrigins`, c.allowOrigins, 0, 64, 'origins'));
  list(c.allowOrigins).forEach((o, i) => {
    if (typeof o !== 'string' || o.length < 1 || o.length > 253 || !ORIGIN.test(o)) {
      out.push(issue(`${field}.allowOrigins[${i}]`, `${show(o)} is not a valid origin: '*', or scheme://host[:port] with scheme http or https, no path, and '*' only as a whole first label`, 'use e.g. "https://app.example.com" or "https://*.example.com"'));
    }
  });
  wildcardAlone('allowOrigins', 'origins');
  out.push(...checkCount(`${field}.allowMethods`, c.allowMethods, 0, 9, 'methods'));
  list(c.allowMethods).forEach((m, i) => out.push(...checkEnum(`${field}.allowMethods[${i}]`, m, [...HTTP_METHODS, '*'])));
  wildcardAlone('allowMethods', 'methods');
  for (const name of ['allowHeaders', 'exposeHeaders']) {
    out.push(...checkCount(`${field}.${name}`, c[name], 0, 64, 'headers'));
    list(c[name]).forEach((h, i) => out.push(...checkHeaderName(`${field}.${name}[${i}]`, h)));
  }
  wildcardAlone('allowHeaders', 'headers');
  for (const name of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders']) out.push(...checkSetList(`${field}.${name}`, c[name], name));
  out.push(...checkInteger(`${field}.maxAge`, c.maxAge, 1, 2147483647, 'use a number of seconds, 1 or more (default 5)'));
  if (c.allowCredentials !== undefined && typeof c.allowCredentials !== 'boolean') out.push(issue(`${field}.allowCredentials`, `${show(c.allowCredentials)} is not a boolean`, 'use true or false'));
  return out;
}

export const httpRouteCors = routeRule({
  id: 'httproute-cors',
  summary: 'a CORS filter lists valid, unique origins, methods and headers, with "*" only alone',
  prevents: 'CRD: allowOrigins, allowMethods, allowHeaders and exposeHeaders are sets (unique items); allowOrigins pattern and maxItems 64, allowMethods enum and maxItems 9, header name patterns, maxAge minimum 1, CEL "cannot contain \'*\' alongside other ..."',
}, route => routeRules(route).flatMap(({ rule, field }) => allFilters(rule, field).flatMap(fl => entries(fl.filters, fl.field)
  .filter(x => x.v.cors !== undefined && x.v.cors !== null).flatMap(x => checkCors(`${x.f}.cors`, obj(x.v.cors))))));

export const httpRouteBundleFields = routeRule({
  id: 'httproute-bundle-fields',
  summary: 'a CORS filter only where every Gateway API bundle of the range has it (standard from v1.5)',
  prevents: 'CRD: the standard channel\'s filter type enum lacks CORS before v1.5, so an older bundle rejects the route ("Unsupported value")',
}, (route, _, ctx) => {
  const severity = gatewayRelaxedIn(ctx, CORS_FROM);
  if (severity === undefined) return [];
  return routeRules(route).flatMap(({ rule, field }) => allFilters(rule, field).flatMap(fl => entries(fl.filters, fl.field)
    .filter(x => x.v.type === 'CORS')
    .map(x => ({ field: `${x.f}.type`, message: `the CORS filter is ${gatewayRejectedBefore(CORS_FROM)} (their filter types lack it)`, fix: 'set CORS headers in the backend while clusters run older bundles, or set gatewayApiVersion', severity }))));
});

export const httpRouteTimeouts = routeRule({
  id: 'httproute-timeouts',
  summary: 'timeouts are Gateway API durations; backendRequest is not longer than request',
  prevents: 'CRD: Duration pattern ^([0-9]{1,5}(h|m|s|ms)){1,4}$, CEL "backendRequest timeout cannot be longer than request timeout"',
}, route => routeRules(route).flatMap(({ rule, field }) => {
  if (rule.timeouts === undefined) return [];
  const t = obj(rule.timeouts);
  const f = `${field}.timeouts`;
  const out = [...checkDuration(`${f}.request`, t.request), ...checkDuration(`${f}.backendRequest`, t.backendRequest)];
  const request = parseDuration(t.request);
  const backend = parseDuration(t.backendRequest);
  if (request !== undefined && backend !== undefined && request !== 0 && backend > request) {
    out.push(issue(`${f}.backendRequest`, `backendRequest timeout ${show(t.backendRequest)} cannot be longer than request timeout ${show(t.request)}`, 'shorten backendRequest, or lengthen request'));
  }
  return out;
}));

/* The example of each rule: manifests that trigger it, and the nearest valid twin (docs/rules.md shows the finding). */
ruleExamples({
  'httproute-bundle-fields': {
    objects: [httpRouteObject({ rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://example.com'] } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [httpRouteObject({
      rules: [{
        filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Access-Control-Allow-Origin', value: 'https://example.com' }] } }],
        backendRefs: [{ name: 'web', port: 80 }],
      }],
    })],
  },
  'httproute-parent-refs': {
    objects: [httpRouteObject({ parentRefs: [{ name: 'edge' }, { name: 'edge' }] })],
    valid: [httpRouteObject({ parentRefs: [{ name: 'edge' }] })],
  },
  'httproute-hostnames': {
    objects: [httpRouteObject({ hostnames: ['App.example.com'] })],
    valid: [httpRouteObject({ hostnames: ['app.example.com'] })],
  },
  'httproute-rules': {
    objects: [httpRouteObject({ rules: [] })],
    valid: [httpRouteObject({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-path': {
    objects: [httpRouteObject({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a//b' } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [httpRouteObject({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a/b' } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-matches': {
    objects: [httpRouteObject({ rules: [{ matches: [{ method: 'get' }], backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [httpRouteObject({ rules: [{ matches: [{ method: 'GET' }], backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-backend-refs': {
    objects: [httpRouteObject({ rules: [{ backendRefs: [{ name: 'web' }] }] })],
    valid: [httpRouteObject({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-filters': {
    objects: [httpRouteObject({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 304 } }] }] })],
    valid: [httpRouteObject({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 301 } }] }] })],
  },
  'httproute-cors': {
    objects: [httpRouteObject({ rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['example.com/path'] } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [httpRouteObject({ rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://example.com'] } }], backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
  'httproute-timeouts': {
    objects: [httpRouteObject({ rules: [{ timeouts: { request: '1.5s' }, backendRefs: [{ name: 'web', port: 80 }] }] })],
    valid: [httpRouteObject({ rules: [{ timeouts: { request: '1500ms' }, backendRefs: [{ name: 'web', port: 80 }] }] })],
  },
});
