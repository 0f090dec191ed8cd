import { Severity } from './finding';

/*
 * The releases the rules follow, Kubernetes and the Gateway API bundles, in one table each, and
 * how a rule that changed between releases reports a value: an error only where every release
 * of the range rejects it, a warning naming the release where some do.
 */

/**
 * @internal
 * A range of minor releases: Kubernetes 1.min to 1.max, or Gateway API bundles v1.min to v1.max.
 * One release when the user pins it (`kubernetesVersion`, `gatewayApiVersion`).
 */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** @internal one row of a release table */
export interface Release {
  /** The minor number: 32 for Kubernetes 1.32, 6 for Gateway API v1.6. */
  readonly minor: number;
  /** When support ends, and by whom (the range follows the releases people run). */
  readonly support: string;
  /** Whether the default range holds it; a release outside it can still be pinned. */
  readonly inDefault: boolean;
}

/**
 * @internal
 * The Kubernetes releases the rules know, oldest first. Any of them can be pinned
 * (`kubernetesVersion`); the default range runs from the oldest release still supported
 * somewhere (EKS extended support) to the newest release verified. Sources: kubernetes.io
 * release history and the EKS Kubernetes version calendar (checked 2026-12-02).
 */
export const KUBERNETES_RELEASES: readonly Release[] = [
  { minor: 27, support: 'upstream ended; the API of cdk8s-plus-27', inDefault: false },
  { minor: 28, support: 'upstream ended', inDefault: false },
  { minor: 29, support: 'upstream ended', inDefault: false },
  { minor: 30, support: 'upstream ended', inDefault: false },
  { minor: 31, support: 'upstream ended', inDefault: false },
  { minor: 32, support: 'upstream ended; EKS extended support until 2027-03', inDefault: true },
  { minor: 33, support: 'upstream ended; in the range 1.32 opens', inDefault: true },
  { minor: 34, support: 'upstream ended 2026-10-27; in the range 1.32 opens', inDefault: true },
  { minor: 35, support: 'supported upstream', inDefault: true },
  { minor: 36, support: 'supported upstream', inDefault: true },
  { minor: 37, support: 'supported upstream (newest release verified; 1.38 is due 2026-12-16)', inDefault: true },
];

/**
 * @internal
 * The Gateway API standard-channel bundles the rules know, oldest first (kubernetes-sigs/gateway-api
 * tags v1.4.1, v1.5.1, v1.6.1). v1.7.0 exists and is not yet verified.
 */
export const GATEWAY_API_BUNDLES: readonly Release[] = [
  { minor: 4, support: 'v1.4.1: Gateway, HTTPRoute, GRPCRoute, ReferenceGrant v1beta1, BackendTLSPolicy', inDefault: true },
  { minor: 5, support: 'v1.5.1: adds ReferenceGrant v1, TLSRoute, ListenerSet', inDefault: true },
  { minor: 6, support: 'v1.6.1: adds TCPRoute, UDPRoute, 16 infrastructure annotations', inDefault: true },
];

function rangeOf(table: readonly Release[], only: (r: Release) => boolean): VersionRange {
  const minors = table.filter(only).map(r => r.minor);
  return { min: Math.min(...minors), max: Math.max(...minors) };
}

/** The oldest Kubernetes minor version a user can pin (the API of cdk8s-plus-27). */
export const OLDEST_MINOR = KUBERNETES_RELEASES[0].minor;
/** The newest Kubernetes minor version the rules know. */
export const NEWEST_MINOR = KUBERNETES_RELEASES[KUBERNETES_RELEASES.length - 1].minor;
/** @internal every Kubernetes release a user can pin */
export const ALL_VERSIONS: VersionRange = rangeOf(KUBERNETES_RELEASES, () => true);
/** @internal the Kubernetes releases the rules follow by default: 1.32 to the newest verified */
export const DEFAULT_VERSIONS: VersionRange = rangeOf(KUBERNETES_RELEASES, r => r.inDefault);
/** @internal the Gateway API bundles the rules follow by default: v1.4 to v1.6 */
export const DEFAULT_GATEWAY_VERSIONS: VersionRange = rangeOf(GATEWAY_API_BUNDLES, r => r.inDefault);

/** `1.32` */
function k8sName(minor: number): string {
  return `1.${minor}`;
}

/** `v1.6` */
export function gatewayName(minor: number): string {
  return `v1.${minor}`;
}

/** @internal how a release range reads: `1.32 to 1.37`, `1.30` */
export function describeRange(range: VersionRange, name: (minor: number) => string = k8sName): string {
  return range.min === range.max ? name(range.min) : `${name(range.min)} to ${name(range.max)}`;
}

/**
 * A release setting as written: a string, or a number that YAML read from an unquoted `1.30`
 * (which is the number 1.3). Returns the minor, or an error message naming the known releases.
 */
function parseRelease(setting: string, value: unknown, table: readonly Release[], prefix: string,
  quoted: (n: number) => string): VersionRange | string {
  const known = table.map(r => `${prefix}1.${r.minor}`).join(', ');
  if (typeof value === 'number') {
    return `${setting}: ${value} is a number (YAML reads an unquoted 1.30 as 1.3): write it quoted: '${quoted(value)}'; known releases: ${known}`;
  }
  const m = typeof value === 'string' ? /^v?1\.(\d+)(\.\d+)?$/.exec(value.trim()) : null;
  const minor = m ? Number(m[1]) : NaN;
  if (!m || !table.some(r => r.minor === minor)) {
    return `${setting}: ${JSON.stringify(value)} is not a known release; known releases: ${known}`;
  }
  return { min: minor, max: minor };
}

/**
 * @internal
 * Parses a `kubernetesVersion` setting (`1.30`, `v1.30`, `1.30.2`) into a one-version range,
 * or returns an error message.
 */
export function parseKubernetesVersion(value: unknown): VersionRange | string {
  // 1.3 is what YAML makes of 1.30: no Kubernetes release has a one-digit minor among those known
  return parseRelease('kubernetesVersion', value, KUBERNETES_RELEASES, '', n => (/^1\.\d$/.test(String(n)) ? `${n}0` : String(n)));
}

/**
 * @internal
 * Parses a `gatewayApiVersion` setting (`v1.5`, `1.5`, `v1.5.1`) into a one-bundle range,
 * or returns an error message.
 */
export function parseGatewayApiVersion(value: unknown): VersionRange | string {
  return parseRelease('gatewayApiVersion', value, GATEWAY_API_BUNDLES, 'v', n => `v${n}`);
}

/**
 * The severity of a value that some releases of a range reject: an error when every release
 * rejects it, a warning when some do, nothing when none does.
 */
function severityWhereRejected(range: VersionRange, rejects: (minor: number) => boolean): Severity | undefined {
  let rejecting = 0;
  for (let m = range.min; m <= range.max; m++) if (rejects(m)) rejecting++;
  if (rejecting === 0) return undefined;
  return rejecting === range.max - range.min + 1 ? Severity.ERROR : Severity.WARNING;
}

/** @internal what a version-dependent check reads of its context */
export interface VersionContext {
  readonly versions: VersionRange;
}

/** @internal what a bundle-dependent check reads of its context */
export interface GatewayVersionContext {
  readonly gatewayVersions: VersionRange;
}

/**
 * @internal
 * The severity of a value that Kubernetes rejected before minor version `minor` and
 * accepts from it on (a relaxation).
 */
export function relaxedIn(ctx: VersionContext, minor: number): Severity | undefined {
  return severityWhereRejected(ctx.versions, m => m < minor);
}

/**
 * @internal
 * The severity of a value that Kubernetes accepted before minor version `minor` and
 * rejects from it on (a tightening).
 */
export function rejectedFrom(ctx: VersionContext, minor: number): Severity | undefined {
  return severityWhereRejected(ctx.versions, m => m >= minor);
}

/** @internal the severity of a value that Gateway API bundles before v1.`minor` reject */
export function gatewayRelaxedIn(ctx: GatewayVersionContext, minor: number): Severity | undefined {
  return severityWhereRejected(ctx.gatewayVersions, m => m < minor);
}

/** @internal the severity of a value that Gateway API bundles from v1.`minor` on reject */
export function gatewayRejectedFrom(ctx: GatewayVersionContext, minor: number): Severity | undefined {
  return severityWhereRejected(ctx.gatewayVersions, m => m >= minor);
}

/** @internal the severity of a value that Gateway API bundles from v1.`from` up to before v1.`until` reject (a field added, then relaxed) */
export function gatewayRejectedBetween(ctx: GatewayVersionContext, from: number, until: number): Severity | undefined {
  return severityWhereRejected(ctx.gatewayVersions, m => m >= from && m < until);
}

/** @internal the note a relaxed finding carries */
export function rejectedBefore(minor: number): string {
  return `rejected by Kubernetes before 1.${minor}`;
}

/** @internal the note a tightened finding carries */
export function rejectedSince(minor: number): string {
  return `rejected by Kubernetes from 1.${minor}`;
}

/** @internal the note a finding of a bundle-dependent rule carries */
export function gatewayRejectedBefore(minor: number): string {
  return `rejected by Gateway API bundles before ${gatewayName(minor)}`;
}

/** @internal the note a finding of a bundle-tightened rule carries */
export function gatewayRejectedSince(minor: number): string {
  return `rejected by Gateway API bundles from ${gatewayName(minor)}`;
}

/** @internal the release table as markdown (README) */
export function releaseTableMarkdown(): string {
  const rows = KUBERNETES_RELEASES.map(r => `| 1.${r.minor} | ${r.support} | ${r.inDefault ? 'yes' : 'pin it'} |`);
  const bundles = GATEWAY_API_BUNDLES.map(r => `| ${gatewayName(r.minor)} | ${r.support} | ${r.inDefault ? 'yes' : 'pin it'} |`);
  return ['| Kubernetes | support | default range |', '| --- | --- | --- |', ...rows, '', '| Gateway API bundle | contents | default range |', '| --- | --- | --- |', ...bundles].join('\n');
}
