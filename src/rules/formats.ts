import { Issue, issue } from '../model/finding';
import { show } from '../model/plain';

/*
 * Name formats of the Kubernetes API server (apimachinery util/validation).
 * Each `is*` is a predicate; each `check*` turns it into violations with a field path.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** A DNS-1123 label: lowercase alphanumerics and '-', at most 63 characters. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A DNS-1123 subdomain: lowercase alphanumeric parts with '-' inside, joined by '.', at most 253
 * characters in all. As apimachinery's IsDNS1123Subdomain, the length of each part is not checked.
 */
export function isDns1123Subdomain(value: string): boolean {
  return value.length >= 1 && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** A DNS-1035 label: like a DNS-1123 label, but it starts with a letter. */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

/** An IANA service name, as container port names and named targetPorts use. */
export function isIanaServiceName(value: string): boolean {
  return value.length >= 1 && value.length <= 15 && IANA_SVC_NAME.test(value)
    && !value.includes('--') && /[a-z]/.test(value);
}

/** A qualified name: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !isDns1123Subdomain(parts[0])) return false;
  return name.length >= 1 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** A wildcard DNS-1123 subdomain: `*.` followed by a DNS-1123 subdomain. */
export function isWildcardDns1123Subdomain(value: string): boolean {
  return value.startsWith('*.') && isDns1123Subdomain(value.slice(2));
}

/** An IPv4 address in dotted decimal. */
export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every(p => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** An IPv6 address (with at most one '::'). */
export function isIPv6(value: string): boolean {
  if (!value.includes(':') || !/^[0-9a-fA-F:.]+$/.test(value)) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap(h => (h === '' ? [] : h.split(':')));
  const last = groups[groups.length - 1];
  const hasV4 = last !== undefined && last.includes('.');
  if (hasV4 && !isIPv4(last)) return false;
  const hex = hasV4 ? groups.slice(0, -1) : groups;
  if (!hex.every(g => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (hasV4 ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/** An IP address, v4 or v6. */
export function isIP(value: string): boolean {
  return isIPv4(value) || isIPv6(value);
}

/** The 16 bytes of an IP address (IPv4 as IPv4-mapped IPv6), or undefined when it is not one. */
export function ipBytes(value: string): number[] | undefined {
  if (isIPv4(value)) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...value.split('.').map(Number)];
  if (!isIPv6(value)) return undefined;
  const [head, tail] = value.split('::');
  const words = (part: string | undefined): number[] => (part === undefined || part === '' ? [] : part.split(':').flatMap(g => {
    if (!g.includes('.')) return [parseInt(g, 16)];
    const b = g.split('.').map(Number);
    return [b[0] * 256 + b[1], b[2] * 256 + b[3]];
  }));
  const h = words(head);
  const t = words(tail);
  const all = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap(w => [Math.floor(w / 256), w % 256]);
}

/**
 * What makes an IP special, as ValidateNonSpecialIP rejects it for externalIPs and endpoints:
 * unspecified, loopback, link-local unicast or link-local multicast (Go's net.IP predicates).
 * Undefined for an ordinary address (and for a value that is not an IP).
 */
export function specialIP(value: string): string | undefined {
  const b = ipBytes(value);
  if (b === undefined) return undefined;
  const v4 = b.slice(0, 12).every((x, i) => x === (i < 10 ? 0 : 0xff)) ? b.slice(12) : undefined;
  if (v4) {
    if (v4.every(x => x === 0)) return 'unspecified (0.0.0.0)';
    if (v4[0] === 127) return 'in the loopback range (127.0.0.0/8)';
    if (v4[0] === 169 && v4[1] === 254) return 'in the link-local range (169.254.0.0/16)';
    if (v4[0] === 224 && v4[1] === 0 && v4[2] === 0) return 'in the link-local multicast range (224.0.0.0/24)';
    return undefined;
  }
  if (b.every(x => x === 0)) return 'unspecified (::)';
  if (b.slice(0, 15).every(x => x === 0) && b[15] === 1) return 'the loopback address (::1)';
  if (b[0] === 0xfe && b[1] >= 0x80 && b[1] <= 0xbf) return 'in the link-local range (fe80::/10)';
  if (b[0] === 0xff && b[1] % 16 === 2) return 'in the link-local multicast range (ff02::/16)';
  return undefined;
}

/** A CIDR, v4 or v6, e.g. `10.0.0.0/8`. Surrounding white space is trimmed first, as the API server does. */
export function isCidr(value: string): boolean {
  const trimmed = value.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0) return false;
  const ip = trimmed.slice(0, slash);
  const bits = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4(ip)) return Number(bits) <= 32;
  if (isIPv6(ip)) return Number(bits) <= 128;
  return false;
}

/** Whether an IPv4 address (or the IPv4 tail of an IPv6 one) has an octet with a leading 0, e.g. `010.0.0.5`. */
function hasLeadingZeroOctet(ip: string): boolean {
  const tail = ip.slice(ip.lastIndexOf(':') + 1);
  return tail.includes('.') && tail.split('.').some(o => o.length > 1 && o.startsWith('0'));
}

/** Whether an address written as IPv6 is IPv4-mapped (`::ffff:a.b.c.d`, Go's netip `Is4In6`). */
function isIPv4Mapped(ip: string): boolean {
  if (!isIPv6(ip)) return false;
  const b = ipBytes(ip)!;
  return b.slice(0, 10).every(x => x === 0) && b[10] === 0xff && b[11] === 0xff;
}

/**
 * What StrictIPCIDRValidation rejects in an IP address that the sloppy parser of earlier
 * releases accepts (k8s.io/apimachinery validation/ip.go parseIP: netip.ParseAddr fails on
 * leading 0s; `Is4In6`). Undefined for a strict address, and for a value that is no IP.
 */
export function strictIPProblem(ip: string): string | undefined {
  if (!isIP(ip)) return undefined;
  if (hasLeadingZeroOctet(ip)) return 'has leading 0s (read as octal by libc, as decimal by Kubernetes)';
  if (isIPv4Mapped(ip)) return 'is an IPv4-mapped IPv6 address';
  return undefined;
}

/**
 * What StrictIPCIDRValidation rejects in a CIDR that the sloppy parser accepts (validation/ip.go
 * parseCIDR: leading 0s in the address or the prefix length, an IPv4-mapped address, bits set
 * beyond the prefix length). Undefined for a strict CIDR, and for a value that is no CIDR.
 */
export function strictCidrProblem(value: string): string | undefined {
  if (!isCidr(value)) return undefined;
  const [ip, bits] = value.trim().split('/');
  if (hasLeadingZeroOctet(ip) || (bits.length > 1 && bits.startsWith('0'))) return 'has leading 0s in the address or the prefix length';
  if (isIPv4Mapped(ip)) return 'has an IPv4-mapped IPv6 address';
  const b = ipBytes(ip)!;
  const prefix = Number(bits) + (isIPv4(ip) ? 96 : 0);
  for (let i = prefix; i < 128; i++) {
    if (Math.floor(b[Math.floor(i / 8)] / 2 ** (7 - (i % 8))) % 2 === 1) return `has bits set beyond the prefix length (the network is written with a host address; use ${networkOf(b, prefix, isIPv4(ip))}/${bits})`;
  }
  return undefined;
}

/** The network address of 16 bytes under a prefix, as text. */
function networkOf(bytes: readonly number[], prefix: number, v4: boolean): string {
  const masked = bytes.map((x, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return x - (x % 2 ** (8 - keep));
  });
  if (v4) return masked.slice(12).join('.');
  const words = [];
  for (let i = 0; i < 16; i += 2) words.push((masked[i] * 256 + masked[i + 1]).toString(16));
  return words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** A port number: an integer 1–65535. */
export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** The name a construct id turns into when no name is given: lowercase, runs of other characters as '-'. */
export function nameFromId(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

const LABEL_RULE = 'a DNS-1123 label is at most 63 lowercase letters, digits and \'-\', starting and ending alphanumeric';
const SUBDOMAIN_RULE = 'a DNS-1123 subdomain is lowercase DNS labels joined by \'.\', at most 253 characters';

/** An issue unless `ok` holds of a string value; a non-string is an issue too. */
function format(field: string, value: unknown, ok: (v: string) => boolean, what: string, rule: string, fix: string): Issue[] {
  if (typeof value === 'string' && ok(value)) return [];
  return [issue(field, `${show(value)} is not a valid ${what}: ${rule}`, fix)];
}

export function checkDns1123Label(field: string, value: unknown, what: string, fix: string): Issue[] {
  return format(field, value, isDns1123Label, what, LABEL_RULE, fix);
}

export function checkDns1035Label(field: string, value: unknown, what: string, fix: string): Issue[] {
  return format(field, value, isDns1035Label, what,
    'a DNS-1035 label is at most 63 lowercase letters, digits and \'-\', starting with a letter and ending alphanumeric', fix);
}

export function checkDns1123Subdomain(field: string, value: unknown, what: string, fix: string): Issue[] {
  return format(field, value, isDns1123Subdomain, what, SUBDOMAIN_RULE, fix);
}

export function checkIanaServiceName(field: string, value: unknown, what: string, fix: string): Issue[] {
  return format(field, value, isIanaServiceName, what,
    'an IANA service name is 1-15 lowercase letters, digits and \'-\', with at least one letter and no leading, trailing or double \'-\'', fix);
}

export function checkPortNumber(field: string, value: unknown, fix: string): Issue[] {
  return isPortNumber(value) ? [] : [issue(field, `${show(value)} is not a valid port number: must be an integer in 1-65535`, fix)];
}

/** A port that is a number (1-65535) or an IANA service name, as targetPort and probe ports are. */
export function checkNumberOrName(field: string, value: unknown, what: string): Issue[] {
  if (typeof value === 'string') {
    if (/^[0-9]+$/.test(value)) {
      return [issue(field, `${show(value)} is a number written as a string: a string ${what} is a port name, and a name needs a letter`, `write the number without quotes: ${Number(value)}`)];
    }
    return checkIanaServiceName(field, value, `${what} name`, 'use a port number or a container port\'s name');
  }
  return checkPortNumber(field, value, 'use a port in 1-65535 or a container port\'s name');
}

export function checkQualifiedName(field: string, value: unknown, what: string, fix: string): Issue[] {
  return format(field, value, isQualifiedName, what,
    'a qualified name is an optional DNS subdomain prefix and \'/\', then 1-63 letters, digits, \'-\', \'_\' or \'.\', starting and ending alphanumeric (e.g. "http" or "example.com/proto")', fix);
}

/** A label value: at most 63 characters of the name alphabet, or empty. */
export function isLabelValue(value: unknown): boolean {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value)));
}

/** The field path of a map entry: `.key` for plain keys, `['key']` for keys with '.' or '/'. */
export function mapField(field: string, k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? `${field}.${k}` : `${field}['${k}']`;
}

/** Label keys are qualified names; values are at most 63 characters of the name alphabet, or empty. */
export function checkLabels(field: string, labels: unknown): Issue[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    return [issue(field, `${show(labels)} is not a map of labels`, 'use a map of key: value strings')];
  }
  const out: Issue[] = [];
  for (const k of Object.keys(labels)) {
    const value = (labels as { [k: string]: unknown })[k];
    // the field path is made only for a label with a finding
    if (isQualifiedName(k) && isLabelValue(value)) continue;
    const f = mapField(field, k);
    out.push(...checkQualifiedName(f, k, 'label key', 'rename the label'));
    if (!isLabelValue(value)) {
      out.push(issue(f, `${show(value)} is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric, or empty`, 'change the value'));
    }
  }
  return out;
}

/** An integer that fits the API's int32 fields. */
export function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** Whether a field is unset: absent or null (YAML `key:` with no value). */
export function isUnset(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const SUFFIX: { readonly [suffix: string]: number } = {
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
};

/**
 * The value of a resource quantity (`500m`, `1Gi`, `1e3`, or a YAML number), or undefined when it
 * is not one (`lots`, `1 GB`). Precise enough to compare a request with its limit.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const suffix = m[3] ?? '';
  const n = Number(m[1]) * (value.startsWith('-') ? -1 : 1);
  return /^[eE]/.test(suffix) ? n * 10 ** Number(suffix.slice(1)) : n * SUFFIX[suffix];
}

/** An HTTP header name, as IsHTTPHeaderName: letters, digits and '-'. */
export function isHttpHeaderName(value: unknown): boolean {
  return typeof value === 'string' && /^[-A-Za-z0-9]+$/.test(value);
}

/** A strict environment variable name (Kubernetes before 1.32): a C-like identifier with '-' and '.', not '.', '..' or '..'-prefixed. */
export function isStrictEnvVarName(value: string): boolean {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(value) && value !== '.' && value !== '..' && !value.startsWith('..');
}

/** A relaxed environment variable name (Kubernetes 1.32 on): printable ASCII except '='. */
export function isRelaxedEnvVarName(value: string): boolean {
  return value.length > 0 && /^[\x20-\x3c\x3e-\x7e]+$/.test(value);
}
