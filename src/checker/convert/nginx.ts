/*
 * The ingress-nginx annotations `convert` reads, and why the others cannot be translated.
 * The semantics are ingress-nginx's (its annotation documentation) as ingress2gateway reads
 * them: canary by weight or header, rewrite-target (use-regex implied), app-root (302 on `/`),
 * permanent (301) and temporal (302) redirects, ssl-redirect (308 to HTTPS for TLS hosts),
 * upstream-vhost (the Host header), timeouts in seconds, backend-protocol, use-regex
 * (case-insensitive, per host), CORS and its defaults, ssl-passthrough and server-alias.
 */

/** The annotation prefix of ingress-nginx. */
export const NGINX = 'nginx.ingress.kubernetes.io/';

/** The Ingress class annotation (before `ingressClassName`). */
export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The annotations `convert` translates (or reads as part of one it translates), without the prefix. */
export const TRANSLATED = new Set([
  'canary', 'canary-weight', 'canary-weight-total', 'canary-by-header', 'canary-by-header-value',
  'rewrite-target', 'app-root',
  'permanent-redirect', 'permanent-redirect-code', 'temporal-redirect', 'temporal-redirect-code',
  'ssl-redirect', 'upstream-vhost',
  'proxy-read-timeout', 'proxy-send-timeout',
  'backend-protocol', 'proxy-ssl-secret', 'proxy-ssl-name', 'proxy-ssl-verify', 'proxy-ssl-server-name',
  'use-regex',
  'enable-cors', 'cors-allow-origin', 'cors-allow-methods', 'cors-allow-headers', 'cors-expose-headers', 'cors-allow-credentials', 'cors-max-age',
  'ssl-passthrough', 'server-alias',
]);

/** Why an annotation is not translated, by annotation (without the prefix) or prefix of it. */
const WHY: ReadonlyArray<readonly [RegExp, string]> = [
  [/^auth-/, 'external or basic authentication has no Gateway API standard-channel equivalent (ingress2gateway maps it only to implementation-specific policies)'],
  [/^(limit-|global-rate-limit)/, 'rate and connection limits have no standard-channel equivalent (implementation-specific policies only)'],
  [/-snippet$/, 'raw nginx configuration cannot be translated to another implementation'],
  [/^(affinity|affinity-mode|session-cookie-)/, 'cookie session affinity is not in the standard channel (implementation-specific policies only)'],
  [/^(proxy-body-size|client-body-buffer-size)$/, 'request body size limits have no standard-channel equivalent (implementation-specific policies only)'],
  [/^(whitelist-source-range|allowlist-source-range|denylist-source-range)$/, 'client address allow and deny lists have no standard-channel equivalent (implementation-specific policies only)'],
  [/^canary-by-cookie$/, 'a canary chosen by cookie cannot be expressed: an HTTPRoute matches a header\'s whole value, not a cookie'],
  [/^canary-by-header-pattern$/, 'a canary chosen by a header pattern: HTTPRoute header matches of type RegularExpression are implementation-specific'],
  [/^proxy-connect-timeout$/, 'the standard channel has no connection timeout (HTTPRoute timeouts bound the request and the backend request)'],
  [/^force-ssl-redirect$/, 'a redirect to HTTPS of a host without TLS in the Ingress: its certificate is not known here'],
  [/^(proxy-ssl-verify-depth|proxy-ssl-protocols|proxy-ssl-ciphers)$/, 'BackendTLSPolicy has no TLS depth, protocol or cipher settings'],
];

/** Why an ingress-nginx annotation (without the prefix) is not translated. */
export function whyUntranslated(name: string): string {
  for (const [re, why] of WHY) if (re.test(name)) return why;
  return 'this ingress-nginx annotation has no Gateway API standard-channel equivalent that convert writes';
}

/** An annotation that ingress-nginx reads as a boolean: true, or false when absent or anything else. */
export function isTrue(value: unknown): boolean {
  return typeof value === 'string' && /^(true|1|t|TRUE|True|T)$/.test(value.trim());
}
