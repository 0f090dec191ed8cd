import { isIP, mapField } from './formats';
import { Issue, issue, warning } from '../model/finding';
import { list, obj, show } from '../model/plain';

/*
 * Formats the Gateway API CRDs share (apis/v1/shared_types.go, standard channel of the
 * kubernetes-sigs/gateway-api snapshot after v1.6.1). Each is the CRD's marker, as a fact.
 */

/** The API group of the Gateway API kinds. */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** Hostname: `^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`, 1-253 characters. */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** PreciseHostname and the Hostname address value without the wildcard. */
const PRECISE_HOSTNAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** SectionName: `^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`, 1-253 characters (dots allowed since v1.0: "foo.example.com"). */
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Group: `^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`, at most 253. */
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kind: `^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$`, 1-63. */
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** Namespace: `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, 1-63. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** HTTPHeaderName: `^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$`, 1-256. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
/** Duration: `^([0-9]{1,5}(h|m|s|ms)){1,4}$`. */
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

export function isGatewayHostname(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 253 && HOSTNAME.test(v);
}

export function isPreciseHostname(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 253 && PRECISE_HOSTNAME.test(v);
}

/**
 * A Gateway API Hostname (listener hostname, route hostname): the CRD pattern; an IP
 * address matches the pattern but the specification forbids it, so it is a warning.
 */
export function checkHostname(field: string, value: unknown, fix: string): Issue[] {
  if (!isGatewayHostname(value)) {
    return [issue(field, `${show(value)} is not a valid hostname: a lowercase DNS name of at most 253 characters, optionally with '*.' as the whole first label, without a port`, fix)];
  }
  if (isIP(value)) {
    return [warning(field, `${show(value)} is an IP address: the Gateway API specification forbids IPs as hostnames (the CRD pattern lets numeric names through, implementations may ignore it)`, 'use a DNS name, or leave the hostname out to match any host')];
  }
  return [];
}

/** Whether a value is a string matching the pattern within the lengths. */
function matches(value: unknown, re: RegExp, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max && re.test(value);
}

export function checkSectionName(field: string, value: unknown): Issue[] {
  return matches(value, SECTION_NAME, 1, 253) ? [] : [issue(field, `${show(value)} is not a valid section name: lowercase DNS labels (letters, digits and '-', starting and ending alphanumeric) joined by '.', at most 253 characters`, 'use a listener name such as "https"')];
}

/** A kind that the CRD requires: set, and of the Kind format. */
export function checkRequiredKind(field: string, value: unknown): Issue[] {
  return value === undefined ? [issue(field, 'kind is required', 'set the kind, e.g. "HTTPRoute"')] : checkKind(field, value);
}

/** A group that the CRD requires (an empty string is the core group). */
export function checkRequiredGroup(field: string, value: unknown): Issue[] {
  return value === undefined ? [issue(field, 'group is required ("" for the core group)', 'set the group')] : checkGroup(field, value);
}

/** A PreciseHostname (redirect and rewrite hostnames): no wildcard, 1-253 characters. */
export function checkPreciseHostname(field: string, value: unknown): Issue[] {
  return isPreciseHostname(value) ? [] : [issue(field, `${show(value)} is not a precise hostname: a lowercase DNS name of at most 253 characters, without a wildcard or a port`, 'use e.g. "app.example.com"')];
}

/** The repeated items of a set-type list (x-kubernetes-list-type: set): the API server rejects duplicates. */
export function checkSetList(field: string, value: unknown, what: string): Issue[] {
  const seen = new Map<string, number>();
  const out: Issue[] = [];
  list(value).forEach((item, i) => {
    const k = JSON.stringify(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push(issue(`${field}[${i}]`, `${show(item)} repeats ${field}[${first}]: ${what} is a set, its items must be unique (duplicate entries are rejected)`, 'remove the duplicate'));
  });
  return out;
}

/** An annotation-style map (infrastructure annotations, listener tls options): at most `max` keys, values of at most 4096 characters. */
export function checkAnnotationValues(field: string, value: unknown, max: number, what: string): Issue[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [issue(field, `${show(value)} is not a map of ${what}`, 'use a map of key: value strings')];
  const out: Issue[] = [];
  const keys = Object.keys(value);
  if (keys.length > max) out.push(issue(field, `at most ${max} ${what} allowed, found ${keys.length}`, `remove ${keys.length - max}`));
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || v.length > 4096) out.push(issue(mapField(field, k), `${show(v)} is not a valid value: a string of at most 4096 characters`, 'shorten the value'));
  }
  return out;
}

/** Infrastructure label and annotation keys: `^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$`, prefix shorter than 253. */
const INFRASTRUCTURE_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;

/** The keys of infrastructure labels or annotations, as the CRD's two CEL rules check them. */
export function checkInfrastructureKeys(field: string, value: unknown, what: 'label' | 'annotation'): Issue[] {
  const out: Issue[] = [];
  for (const k of Object.keys(obj(value))) {
    if (!INFRASTRUCTURE_KEY.test(k)) out.push(issue(mapField(field, k), `${show(k)}: ${what === 'label' ? 'Label' : 'Annotation'} keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters`, 'use e.g. "example.com/team"'));
    else if (k.split('/')[0].length >= 253) out.push(issue(mapField(field, k), `If specified, the ${what} key's prefix must be a DNS subdomain not longer than 253 characters in total`, 'shorten the prefix'));
  }
  return out;
}

export function checkGroup(field: string, value: unknown): Issue[] {
  return value === undefined || value === null || matches(value, GROUP, 0, 253) ? [] : [issue(field, `${show(value)} is not a valid API group: empty (core) or a lowercase DNS subdomain`, 'use "" for Services, or e.g. "gateway.networking.k8s.io"')];
}

export function checkKind(field: string, value: unknown): Issue[] {
  return value === undefined || value === null || matches(value, KIND, 1, 63) ? [] : [issue(field, `${show(value)} is not a valid kind: a letter, then letters, digits and '-', at most 63 characters`, 'use e.g. "Service" or "Gateway"')];
}

export function checkRefNamespace(field: string, value: unknown): Issue[] {
  return value === undefined || value === null || matches(value, NAMESPACE, 1, 63) ? [] : [issue(field, `${show(value)} is not a valid namespace: a DNS-1123 label`, 'use a lowercase DNS label')];
}

/** An object name of a reference: 1-253 characters. */
export function checkRefName(field: string, value: unknown, what: string): Issue[] {
  return matches(value, /^.+$/s, 1, 253) ? [] : [issue(field, `${show(value)} is not a valid ${what} name: a string of 1-253 characters is required`, `name the ${what}`)];
}

export function isHeaderName(value: unknown): value is string {
  return matches(value, HEADER_NAME, 1, 256);
}

export function checkHeaderName(field: string, value: unknown): Issue[] {
  return isHeaderName(value) ? [] : [issue(field, `${show(value)} is not a valid header name: 1-256 token characters (letters, digits and !#$%&'*+-.^_\`|~)`, 'use e.g. "X-Version"')];
}

/** A port number 1-65535, when set. */
export function checkOptionalPort(field: string, value: unknown): Issue[] {
  // the API server drops a null optional field before validation (PruneNonNullableNullsWithoutDefaults)
  if (value === undefined || value === null) return [];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? []
    : [issue(field, `${show(value)} is not a valid port: an integer in 1-65535`, 'use a port number')];
}

/** An integer within bounds, when set. */
export function checkInteger(field: string, value: unknown, min: number, max: number, fix: string): Issue[] {
  if (value === undefined) return [];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? []
    : [issue(field, `${show(value)} is not allowed: an integer in ${min}-${max.toLocaleString('en-US')}`, fix)];
}

/** A list of at most `max` items (and at least `min`), when set. */
export function checkCount(field: string, value: unknown, min: number, max: number, what: string): Issue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [issue(field, `${show(value)} is not a list of ${what}`, `use a list of ${what}`)];
  if (value.length < min) return [issue(field, `at least ${min} ${what} required, found ${value.length}`, `add ${what}`)];
  if (value.length > max) return [issue(field, `at most ${max} ${what} allowed, found ${value.length}`, `split them across objects, or remove ${value.length - max}`)];
  return [];
}

/** One of the enumerated values, when set. */
export function checkEnum(field: string, value: unknown, allowed: readonly unknown[], fix?: string): Issue[] {
  if (value === undefined || allowed.includes(value)) return [];
  return [issue(field, `${show(value)} is not supported: allowed are ${allowed.map(a => show(a)).join(', ')}`, fix ?? `use one of ${allowed.join(', ')}`)];
}

/** The milliseconds of a Gateway API duration, or undefined when it does not match the format. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DURATION.test(value)) return undefined;
  const unit: { [u: string]: number } = { h: 3600000, m: 60000, s: 1000, ms: 1 };
  let total = 0;
  for (const m of value.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

export function checkDuration(field: string, value: unknown): Issue[] {
  if (value === undefined) return [];
  return parseDuration(value) !== undefined ? [] : [issue(field, `${show(value)} is not a Gateway API duration: 1-4 groups of 1-5 digits each followed by h, m, s or ms (^([0-9]{1,5}(h|m|s|ms)){1,4}$)`, 'use e.g. "10s", "1m30s" or "500ms"')];
}

/** The entries of a list field with their paths. */
/** An object's keys without those whose value is null (as the API server prunes them). */
export function withoutNulls(o: { readonly [key: string]: any }): { readonly [key: string]: any } {
  return Object.values(o).includes(null) ? Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) : o;
}

export function entries(value: unknown, field: string):
Array<{ readonly v: { readonly [key: string]: any }; readonly raw: unknown; readonly f: string }> {
  // the API server drops null optional fields before validation (PruneNonNullableNullsWithoutDefaults),
  // and defaults a null field that has a default: either way a null key reads as absent
  return list(value).map((raw, i) => ({ v: withoutNulls(obj(raw)), raw, f: `${field}[${i}]` }));
}

/** Whether a listener hostname and a route hostname intersect (Gateway API hostname matching). */
export function hostnamesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (wild: string, host: string) => wild.startsWith('*.') && host.endsWith(wild.slice(1)) && host.length > wild.length - 1;
  return covers(a, b) || covers(b, a);
}
