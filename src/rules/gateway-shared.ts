import { isIP, list, obj } from './names';
import { Issue, issue, show, warning } from './violation';

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
// optional reference fields: the API server drops a null (PruneNonNullableNullsWithoutDefaults) before validation
/** SectionName (every bundle v1.4-v1.6): `^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`, 1-253 characters. */
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
  return matches(value, SECTION_NAME, 1, 253) ? [] : [issue(field, `${show(value)} is not a valid section name: dot-separated parts of lowercase letters, digits and '-', each starting and ending alphanumeric, at most 253 characters`, 'use a listener name such as "https"')];
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
export function entries(value: unknown, field: string):
Array<{ readonly v: { readonly [key: string]: any }; readonly raw: unknown; readonly f: string }> {
  return list(value).map((raw, i) => ({ v: obj(raw), raw, f: `${field}[${i}]` }));
}

/** Whether a listener hostname and a route hostname intersect (Gateway API hostname matching). */
export function hostnamesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (wild: string, host: string) => wild.startsWith('*.') && host.endsWith(wild.slice(1)) && host.length > wild.length - 1;
  return covers(a, b) || covers(b, a);
}
