import { obj } from './plain';

/*
 * What every object has, whatever its kind: metadata, and the namespace it is applied into.
 */

/** The namespace an object without one is applied into, unless the caller says otherwise (`check --namespace`). */
export const DEFAULT_NAMESPACE = 'default';

/** @internal the metadata of any object, an empty map for a malformed one */
export function metadataOf(m: unknown): { readonly [key: string]: any } {
  return obj(obj(m).metadata);
}

/** @internal whether the object names its namespace (otherwise it is the namespace it is applied into) */
export function hasOwnNamespace(m: unknown): boolean {
  const ns = metadataOf(m).namespace;
  return typeof ns === 'string' && ns !== '';
}

/** The namespace of an object: its own, or `fallback` (the namespace it is applied into) when unset. */
export function namespaceOf(m: unknown, fallback: string = DEFAULT_NAMESPACE): string {
  const ns = metadataOf(m).namespace;
  return typeof ns === 'string' && ns !== '' ? ns : fallback;
}

/**
 * A parsed Kubernetes object to analyze, and where it came from.
 */
export interface ManifestSource {
  /** The parsed object (apiVersion, kind, metadata, spec). */
  readonly manifest: any;
  /**
   * The file it was read from.
   *
   * @default - unknown
   */
  readonly file?: string;
  /**
   * The line of the document in the file (1-based).
   *
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The cdk8s construct path that produced it.
   *
   * @default - unknown
   */
  readonly constructPath?: string;
}
