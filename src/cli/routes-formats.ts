import { ServiceAccess } from '../checker/routes';

/*
 * The access map as data: the JSON of `routes --format json`. Version 2 wraps the Services
 * in an object with a `schemaVersion`; each row keeps the text `address` and `target` of
 * version 1 beside its fields (`entry`, `path`, `scope`, `broken`).
 */

/** The version of the JSON row schema (README: "The access map as data"). */
export const ROUTES_SCHEMA_VERSION = 2;

/** One Service of the JSON document of `routes --format json` (`writeJsonDocument` writes them one at a time). */
export function serviceDocument(s: ServiceAccess): object {
  return {
    namespace: s.namespace,
    name: s.name,
    type: s.type,
    headless: s.headless,
    rows: s.rows.map(r => ({ via: r.entry.kind, ...r })),
  };
}

/** The Services of the JSON document, made one at a time. */
export function* serviceDocuments(services: Iterable<ServiceAccess>): Iterable<object> {
  for (const s of services) yield serviceDocument(s);
}

/** The TYPE column of a Service: its type, and `headless` when it is. */
export function serviceTypeLabel(s: ServiceAccess): string {
  return s.headless ? `${s.type} (headless)` : s.type;
}
