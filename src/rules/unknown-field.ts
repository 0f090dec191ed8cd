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

/** A type of the table made ready to walk: a leaf, a list or a map of a type, or a struct's fields. */
interface Shape {
  /** The Go type's name, for a struct (what a finding names). */
  readonly type: string;
  readonly list?: Shape;
  readonly map?: Shape;
  /** A struct's fields; undefined for a leaf (or a type the table does not describe). */
  readonly fields?: Map<string, Shape>;
}

const LEAF: Shape = { type: '' };
const COMPILED = new WeakMap<FieldTable, Map<string, Shape>>();

/** The shape of a type reference of `table`, compiled once per table (a recursive type refers to itself). */
function shapeOf(table: FieldTable, ref: string): Shape {
  let cache = COMPILED.get(table);
  if (cache === undefined) COMPILED.set(table, cache = new Map());
  const known = cache.get(ref);
  if (known !== undefined) return known;
  if (ref === '') return LEAF;
  if (ref.startsWith('[]') || ref.startsWith('{}')) {
    const elem = shapeOf(table, ref.slice(2));
    const shape: Shape = ref.startsWith('[]') ? { type: '', list: elem } : { type: '', map: elem };
    cache.set(ref, shape);
    return shape;
  }
  const fields = own(table.types, ref);
  if (fields === undefined) {
    cache.set(ref, LEAF);
    return LEAF;
  }
  const compiled = new Map<string, Shape>();
  const shape: Shape = { type: ref, fields: compiled };
  cache.set(ref, shape);
  for (const [k, t] of Object.entries(fields)) compiled.set(k, shapeOf(table, t));
  return shape;
}

/** @internal the paths of the fields of an object that its kind's type in `table` does not have */
export function unknownFieldPaths(m: unknown, table: FieldTable = FIELD_TABLE): Array<{ path: string; type: string }> {
  const root = own(table.kinds, (m as { kind?: unknown })?.kind);
  const out: Array<{ path: string; type: string }> = [];
  if (typeof root === 'string') unknownFields(m, shapeOf(table, root), [], out);
  return out;
}

/** A field path from its segments (list indexes and keys), rendered only for a finding. */
function render(segments: ReadonlyArray<string | number>): string {
  let f = '';
  for (const s of segments) f = typeof s === 'number' ? `${f}[${s}]` : f === '' ? s : mapField(f, s);
  return f;
}

/** The unknown fields under one value of shape `shape` at the path `segments` (a stack, restored on return). */
function unknownFields(value: unknown, shape: Shape, segments: Array<string | number>, out: Array<{ path: string; type: string }>): void {
  if (shape === LEAF || value === null || typeof value !== 'object') return;
  if (shape.list !== undefined) {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      unknownFields(value[i], shape.list, segments, out);
      segments.pop();
    }
    return;
  }
  if (Array.isArray(value)) return;
  const fields = shape.fields;
  const elem = shape.map;
  if (elem === LEAF) return;
  // for...in over a plain object lists its own keys without making an array of them; the own-key
  // test keeps out anything enumerable a polluted prototype would add
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    const type = elem ?? fields?.get(k);
    segments.push(k);
    if (type === undefined) out.push({ path: render(segments), type: shape.type });
    else unknownFields((value as { [k: string]: unknown })[k], type, segments, out);
    segments.pop();
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
