import { FindingType, Issue, issue, summarizeValue } from '../model/finding';

/*
 * Wrong JSON types (issue 19 item 4). kubectl sends the object as JSON, and the API server
 * decodes it into Go structs: a map where a list is declared (`env: {A: b}`), a string where a
 * list is (`args: --verbose`), a number where a string is (an env `value: 8080`) fails to
 * decode ("cannot unmarshal object into Go struct field ... of type []v1.EnvVar"), so the
 * object is refused. A null is the zero value, so it is accepted: never a finding here.
 */

/** A JSON type an API field declares. */
export type ApiType = 'list' | 'map' | 'string' | 'integer' | 'boolean';

const ARTICLE: Record<ApiType, string> = { list: 'a list', map: 'a map', string: 'a string', integer: 'an integer', boolean: 'a boolean' };

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number') return 'a number';
  return `a ${typeof value}`;
}

function holds(value: unknown, expected: ApiType): boolean {
  switch (expected) {
    case 'list': return Array.isArray(value);
    case 'map': return typeof value === 'object' && !Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
  }
}

/** @internal a type-invalid issue when a set value is not of the declared type; none for a missing or null one */
export function expectType(field: string, value: unknown, expected: ApiType, fix?: string): Issue[] {
  if (value === undefined || value === null || holds(value, expected)) return [];
  const what = Array.isArray(value) ? `a list of ${summarizeValue(value)}` : typeof value === 'object' ? summarizeValue(value) : `${summarizeValue(value)} (${typeOf(value)})`;
  return [issue(field, `${what} where the API declares ${ARTICLE[expected]}: the object does not decode, so it is refused`,
    fix ?? `write ${ARTICLE[expected]}`, FindingType.TYPE_INVALID)];
}
