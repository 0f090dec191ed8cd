import { JsonPatch } from 'cdk8s';

/*
 * Emit what was checked: a construct that is its own ApiObject overrides toJson() to return
 * its plain manifest (the one the rules saw), and keeps its own list of JSON patches
 * (named apart from ApiObject's private `patches` and `props`).
 *
 *   public addJsonPatch(...ops: JsonPatch[]): void { this.ownPatches.push(...ops); }
 *   public toJson(): any { return emitManifest(this._manifest(), this.ownPatches); }
 */

/** A copy of a plain value with undefined members dropped and object keys sorted, as cdk8s emits. */
export function sortedCopy(value: unknown): any {
  if (Array.isArray(value)) return value.filter(v => v !== undefined).map(sortedCopy);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: any } = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as any)[k];
      if (v !== undefined) out[k] = sortedCopy(v);
    }
    return out;
  }
  return value;
}

/**
 * @internal
 * The emitted form of a checked manifest: sorted keys, undefined dropped, the patches
 * applied, and apiVersion, kind and metadata first.
 */
export function emitManifest(manifest: unknown, patches: readonly JsonPatch[]): any {
  const patched = JsonPatch.apply(sortedCopy(manifest), ...patches);
  const out: { [key: string]: any } = {};
  for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
    if (k in patched && !(k in out)) out[k] = patched[k];
  }
  return out;
}
