import * as jsyaml from 'js-yaml';

/*
 * YAML as kubectl reads it. kubectl (and the API server) turn YAML into JSON with
 * sigs.k8s.io/yaml, which decodes with go-yaml v2: a YAML 1.1 reader. Its plain scalars resolve
 * by go-yaml v2's `resolve` (resolve.go), reproduced here exactly:
 * - booleans: y Y yes Yes YES true True TRUE on On ON, and n N no No NO false False FALSE off Off OFF;
 * - null: the empty scalar, ~ null Null NULL;
 * - a scalar starting with a digit or a sign: first a timestamp (kept as its text: go-yaml v2
 *   hands timestamps to `interface{}` as strings), then, with every `_` removed, Go's
 *   `strconv.ParseInt(s, 0, 64)` (so `0120` is octal 80, `0x1F` hex, `0b101` binary, `0o17`
 *   octal, `8_0` is 80), then `ParseUint`, then a float matching `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
 *   (so `08` is the float 8), then `0b`/`-0b` binary;
 * - a scalar starting with `.`: `.inf`, `.nan` and their spellings, or Go's `ParseFloat`;
 * - `<<` is a merge key.
 * A float that overflows (`1e400`) fails Go's ParseFloat, so it stays a string.
 * Quoted scalars are strings, as in any YAML reader.
 */

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map(s => [s, NaN] as [string, number]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(s => [s, Infinity] as [string, number]),
  ...['-.inf', '-.Inf', '-.INF'].map(s => [s, -Infinity] as [string, number]),
]);

const NULL_VALUE = { value: null };
const TRUE_VALUE = { value: true };
const FALSE_VALUE = { value: false };
// a decimal without sign, leading zero or underscore, short enough to be exact
const PLAIN_DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// Go's ParseFloat on a string starting with `.` (no sign, no prefix, no underscores)
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
// Go's timestamp formats of go-yaml v2 (`2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2 15:4:5.999999999`,
// `2006-1-2`): a timestamp stays a string, so only its shape matters (it never parses as a number)
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

const INT_BODY: Array<[RegExp, number]> = [
  [/^0[xX]([0-9a-fA-F]+)$/, 16],
  [/^0[bB]([01]+)$/, 2],
  [/^0[oO]([0-7]+)$/, 8],
  [/^0([0-7]+)$/, 8],
  [/^([1-9][0-9]*|0)$/, 10],
];

function bigIn(digits: string, base: number): bigint {
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  return BigInt(prefix + digits);
}

/** Go's strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64): the integer, or undefined. */
function goParseInt(s: string): number | undefined {
  let sign = 1n;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) {
    if (body.startsWith('-')) sign = -1n;
    body = body.slice(1);
  }
  for (const [re, base] of INT_BODY) {
    const m = re.exec(body);
    if (m === null) continue;
    const v = sign * bigIn(m[1], base);
    if (v >= INT64_MIN && v <= INT64_MAX) return Number(v);
    // ParseUint takes no sign
    if (s === body && v <= UINT64_MAX) return Number(v);
    return undefined;
  }
  return undefined;
}

/** The value go-yaml v2 gives a plain (unquoted) scalar, `undefined` when it is a string. */
export function resolvePlain(s: string): { value: unknown } | undefined {
  if (s === '') return NULL_VALUE;
  const c = s.charAt(0);
  if ('yYnNtTfFoO~'.includes(c)) {
    if (TRUE.has(s)) return TRUE_VALUE;
    if (FALSE.has(s)) return FALSE_VALUE;
    return NULL.has(s) ? NULL_VALUE : undefined;
  }
  if (c === '.') {
    if (SPECIAL_FLOATS.has(s)) return { value: SPECIAL_FLOATS.get(s) };
    return DOT_FLOAT.test(s) ? finite(Number(s)) : undefined;
  }
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    // the common case, a plain decimal that fits a double exactly
    if (PLAIN_DECIMAL.test(s)) return { value: Number(s) };
    if (SPECIAL_FLOATS.has(s)) return { value: SPECIAL_FLOATS.get(s) };
    if (/^\d{4}-/.test(s)) return undefined; // a timestamp's shape: never a number (kept as text)
    const plain = s.replace(/_/g, '');
    const int = goParseInt(plain);
    if (int !== undefined) return { value: int };
    if (YAML_STYLE_FLOAT.test(plain)) return finite(Number(plain));
    const bin = /^(-?)0b([01]+)$/.exec(plain);
    if (bin !== null) {
      const v = (bin[1] === '-' ? -1n : 1n) * BigInt(`0b${bin[2]}`);
      if (v >= INT64_MIN && v <= UINT64_MAX) return { value: Number(v) };
    }
    return undefined;
  }
  return undefined;
}

function finite(n: number): { value: unknown } | undefined {
  return Number.isFinite(n) ? { value: n } : undefined;
}

// js-yaml asks each implicit type in turn, then constructs, for the same scalar: resolved once
let lastData: string | undefined;
let lastResult: { value: unknown } | undefined;
function resolveOnce(data: string | null): { value: unknown } | undefined {
  const s = data ?? '';
  if (s !== lastData) {
    lastData = s;
    lastResult = resolvePlain(s);
  }
  return lastResult;
}

// One type per tag, each taking the scalars whose go-yaml v2 value is of its JavaScript type.
function scalarType(tag: string, is: (v: unknown) => boolean): jsyaml.Type {
  return new jsyaml.Type(tag, {
    kind: 'scalar',
    resolve: (data: string | null) => {
      const r = resolveOnce(data);
      return r !== undefined && is(r.value);
    },
    construct: (data: string | null) => resolveOnce(data)!.value,
  });
}

const { merge, binary, str, seq, map } = (jsyaml as unknown as { types: Record<string, jsyaml.Type> }).types;

/**
 * go-yaml v2's schema for js-yaml: strings, sequences and mappings, the YAML 1.1 implicit
 * scalars above, `<<` merge keys and `!!binary`. (js-yaml's own types also serve explicit tags
 * such as `!!int`.)
 */
export const KUBECTL_SCHEMA = new jsyaml.Schema({
  explicit: [str, seq, map, binary],
  implicit: [
    scalarType('tag:yaml.org,2002:null', v => v === null),
    scalarType('tag:yaml.org,2002:bool', v => typeof v === 'boolean'),
    scalarType('tag:yaml.org,2002:int', v => typeof v === 'number' && Number.isInteger(v)),
    scalarType('tag:yaml.org,2002:float', v => typeof v === 'number'),
    merge,
  ],
});
