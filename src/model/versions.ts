import { Severity } from './finding';

/*
 * The Kubernetes releases the rules follow, and how a rule that changed between releases
 * reports a value: an error only where every release of the range rejects it.
 */

/**
 * @internal
 * The Kubernetes minor versions the rules follow: 1.27 (the API of cdk8s-plus-27) to
 * the newest release. One version when the user sets `kubernetesVersion`.
 */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** The oldest Kubernetes minor version the rules follow (the API of cdk8s-plus-27). */
export const OLDEST_MINOR = 27;
/** The newest Kubernetes minor version the rules know. */
export const NEWEST_MINOR = 37;
/** @internal */
export const ALL_VERSIONS: VersionRange = { min: OLDEST_MINOR, max: NEWEST_MINOR };

/**
 * @internal
 * Parses a `kubernetesVersion` setting (`1.30`, `v1.30`, `1.30.2`) into a one-version range,
 * or returns an error message.
 */
export function parseKubernetesVersion(value: unknown): VersionRange | string {
  const m = typeof value === 'string' ? /^v?1\.(\d+)(\.\d+)?$/.exec(value.trim()) : null;
  const minor = m ? Number(m[1]) : NaN;
  if (typeof value === 'number') {
    // YAML reads `kubernetesVersion: 1.30` as the number 1.3: the trailing zero is gone
    const [, decimals = ''] = String(value).split('.');
    const meant = decimals.length === 1 ? `1.${decimals}0` : String(value);
    return `kubernetesVersion ${value} is a number, not a version: YAML reads 1.${decimals.length === 1 ? `${decimals}0` : decimals} unquoted as ${value}; write it quoted: '${meant}'`;
  }
  if (!m || minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
    return `kubernetesVersion ${JSON.stringify(value)} is not a known version: use 1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}, e.g. "1.30"`;
  }
  return { min: minor, max: minor };
}

/**
 * @internal
 * The severity of a value that Kubernetes rejected before minor version `minor` and
 * accepts from it on: an error when every version in range rejects it, a warning when
 * some do, nothing when none does.
 */
export function relaxedIn(ctx: { readonly versions: VersionRange }, minor: number): Severity | undefined {
  if (ctx.versions.min >= minor) return undefined;
  return ctx.versions.max < minor ? Severity.ERROR : Severity.WARNING;
}

/** @internal the note a version-dependent finding carries */
export function rejectedBefore(minor: number): string {
  return `rejected by Kubernetes before 1.${minor}`;
}
