import { deploymentObject } from './example-objects';
import { FIELD_TABLE, FIELD_TABLE_RELEASES } from './field-table.generated';
import { mapField } from './formats';
import { Issue, Severity } from '../model/finding';
import { defineRule, ruleExamples } from '../model/rule';

/*
 * Unknown fields (issue 21, "field validation"): kubectl's default fieldValidation=Strict makes
 * the API server reject an object with a field its type does not have; other clients' Warn (and
 * cdk8s' own apply) drop it with a warning. Either way the field has no effect, so it is a
 * warning here, naming Strict. The known fields come from field-table.generated.ts, made from
 * k8s.io/api at every release the oracle builds (projenrc/field-table.ts): a field that any of
 * those releases has is known, so the rule never warns on a field of some release.
 */

/** @internal a field table: the fields of each Go type, and each kind's type (field-table.generated.ts) */
export interface FieldTable {
  readonly kinds: { readonly [kind: string]: string };
  readonly types: { readonly [type: string]: { readonly [field: string]: string } };
}

/** The table's own entry for a key (never Object.prototype's: a manifest key may be `toString`). */
function own<T>(map: { readonly [key: string]: T }, key: unknown): T | undefined {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** @internal the paths of the fields of an object that its kind's type in `table` does not have */
export function unknownFieldPaths(m: unknown, table: FieldTable = FIELD_TABLE): Array<{ path: string; type: string }> {
  const root = own(table.kinds, (m as { kind?: unknown })?.kind);
  const out: Array<{ path: string; type: string }> = [];
  if (typeof root === 'string') unknownFields(table, m, root, '', out);
  return out;
}

/** The unknown fields under one value of type `ref` at `f`. */
function unknownFields(table: FieldTable, value: unknown, ref: string, f: string, out: Array<{ path: string; type: string }>): void {
  if (ref === '' || value === null || typeof value !== 'object') return;
  if (ref.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(table, v, ref.slice(2), `${f}[${i}]`, out));
    return;
  }
  if (Array.isArray(value)) return;
  if (ref.startsWith('{}')) {
    for (const [k, v] of Object.entries(value)) unknownFields(table, v, ref.slice(2), mapField(f, k), out);
    return;
  }
  const fields = own(table.types, ref);
  if (fields === undefined) return;
  for (const [k, v] of Object.entries(value)) {
    const path = f === '' ? k : mapField(f, k);
    const type = own(fields, k);
    if (type === undefined) out.push({ path, type: ref });
    else unknownFields(table, v, type, path, out);
  }
}

export const objectUnknownField = defineRule({
  id: 'object-unknown-field',
  scope: 'object',
  kinds: Object.keys(FIELD_TABLE.kinds),
  severity: Severity.WARNING,
  summary: 'every field is a field of the kind\'s type (at some release the oracle builds)',
  prevents: 'the API server\'s strict decoding: fieldValidation=Strict (kubectl\'s default) rejects an unknown field ("unknown field"), Warn drops it',
}, m => unknownFieldPaths(m).map(({ path, type }): Issue => ({
  field: path,
  message: `is not a field of ${type.replace(/^.*\./, '')} (Kubernetes ${FIELD_TABLE_RELEASES.map(r => r.replace(/\.\d+$/, '')).join(', ')}): kubectl's default field validation (Strict) rejects the object, other clients drop the field`,
  fix: 'check the spelling and the indentation (a field one level off is unknown where it lands), or remove it',
  severity: Severity.WARNING,
})));

ruleExamples({
  'object-unknown-field': {
    objects: [deploymentObject({ imagePullPolicy: 'Always', readinesProbe: { httpGet: { path: '/', port: 80 } } })],
    valid: [deploymentObject({ imagePullPolicy: 'Always', readinessProbe: { httpGet: { path: '/', port: 80 } } })],
  },
});
