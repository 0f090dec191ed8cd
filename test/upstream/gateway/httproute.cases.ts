/*
 * Cases of kubernetes-sigs/gateway-api tests/cel/httproute_test.go and
 * httproute_standard_test.go (main after v1.6.1, standard channel), transcribed as facts:
 * the input as a plain HTTPRoute spec fragment and the findings we expect (rule id and
 * field; `warning` where the CRD accepts what the specification forbids). `want: []` is an
 * upstream valid case. Each `upstream` is "<TestFunction>/<case name>".
 * Upstream checks substrings of the API server's message; where its Go fixture carries an
 * incidental empty struct (e.g. `RequestMirror: {}` to test the type mismatch), the row
 * gives that struct valid contents, so the row isolates the rule the case is about.
 */

export interface UpstreamCase {
  readonly upstream: string;
  readonly spec: any;
  /** Findings as `<severity> <rule> <field>`. */
  readonly want: string[];
  /** Why the schema of @kubernetes-models/gateway-api (v1.0.0) is skipped for this case. */
  readonly schemaSkip?: string;
}

const svc = (name = 'foo-svc', port: number | undefined = 8080) => ({ name, port });
const match = (type: string, value: string) => ({ path: { type, value } });
const pathCase = (name: string, type: string, value: string, want: string[]): UpstreamCase => ({
  upstream: `TestHTTPPathMatch/${name}`, spec: { rules: [{ matches: [match(type, value)] }] }, want,
});
const backendCase = (name: string, ref: any, want: string[]): UpstreamCase => ({
  upstream: `TestBackendObjectReference/${name}`, spec: { rules: [{ backendRefs: [ref] }] }, want,
});
const filterCase = (name: string, filter: any, want: string[]): UpstreamCase => ({
  upstream: `TestHTTPRouteFilter/${name}`, spec: { rules: [{ filters: [filter] }] }, want,
});
const F = 'spec.rules[0].filters[0]';
const P = 'spec.rules[0].matches[0].path';
const mirror = { backendRef: svc() };
const prefix = (replacePrefixMatch: string) => ({ path: { type: 'ReplacePrefixMatch', replacePrefixMatch } });
const full = (replaceFullPath: string) => ({ path: { type: 'ReplaceFullPath', replaceFullPath } });
const twoMatches = [match('PathPrefix', '/foo'), match('PathPrefix', '/bar')];
const cors = (c: any): UpstreamCase['spec'] => ({ rules: [{ filters: [{ type: 'CORS', cors: c }] }] });
const corsCase = (name: string, c: any, want: string[]): UpstreamCase => ({ upstream: `TestHTTPRouteCORS/${name}`, spec: cors(c), want });
const origin = (_value: string, i = 0) => `error httproute-cors ${F}.cors.allowOrigins[${i}]`;
const parentCase = (name: string, parentRefs: any[], want: string[]): UpstreamCase => ({
  upstream: `TestHTTPRouteParentRefStandard/${name}`, spec: { parentRefs }, want,
});
const gw = (sectionName?: string) => ({ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'example', ...(sectionName ? { sectionName } : {}) });
const manyMatches = (rules: number, matches: number) => Array.from({ length: rules }, () => ({ matches: Array.from({ length: matches }, () => match('PathPrefix', '/')) }));

export const HTTPROUTE_CASES: UpstreamCase[] = [
  // TestHTTPPathMatch
  pathCase('invalid because path does not start with \'/\'', 'PathPrefix', 'foo', [`error httproute-path ${P}.value`]),
  pathCase('invalid httpRoute prefix (/.)', 'PathPrefix', '/.', [`error httproute-path ${P}.value`]),
  pathCase('invalid exact (/./)', 'Exact', '/foo/./bar', [`error httproute-path ${P}.value`]),
  pathCase('invalid type', 'FooBar', '/path', [`error httproute-path ${P}.type`]),
  pathCase('valid because type is RegularExpression but would not be valid for Exact', 'RegularExpression', '/foo/./bar', []),
  pathCase('valid httpRoute prefix', 'PathPrefix', '/path', []),
  pathCase('valid path with some special characters', 'Exact', '/abc/123\'/a-b-c/d@gmail/%0A', []),
  pathCase('invalid prefix path (/[])', 'PathPrefix', '/[]', [`error httproute-path ${P}.value`]),
  pathCase('invalid exact path (/^)', 'Exact', '/^', [`error httproute-path ${P}.value`]),

  // TestBackendObjectReference
  backendCase('default groupkind with port', { name: 'backend', port: 99 }, []),
  backendCase('default groupkind with no port', { name: 'backend' }, ['error httproute-backend-refs spec.rules[0].backendRefs[0].port']),
  backendCase('explicit service with port', { group: '', kind: 'Service', name: 'backend', port: 99 }, []),
  backendCase('explicit service with no port', { group: '', kind: 'Service', name: 'backend' }, ['error httproute-backend-refs spec.rules[0].backendRefs[0].port']),
  backendCase('explicit ref with no port', { group: 'foo.example.com', kind: 'Foo', name: 'backend' }, []),

  // TestHTTPRouteFilter
  filterCase('valid HTTPRouteFilterRequestHeaderModifier route filter', { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'name', value: 'foo' }], add: [{ name: 'add', value: 'foo' }], remove: ['remove'] } }, []),
  filterCase('invalid HTTPRouteFilterRequestHeaderModifier type filter with non-matching field', { type: 'RequestHeaderModifier', requestMirror: mirror },
    [`error httproute-filters ${F}.requestHeaderModifier`, `error httproute-filters ${F}.requestMirror`]),
  filterCase('invalid HTTPRouteFilterRequestHeaderModifier type filter with empty value field', { type: 'RequestHeaderModifier' }, [`error httproute-filters ${F}.requestHeaderModifier`]),
  filterCase('valid HTTPRouteFilterRequestMirror route filter', { type: 'RequestMirror', requestMirror: { backendRef: { group: 'group', kind: 'kind', name: 'name', namespace: 'ns', port: 22 } } }, []),
  filterCase('invalid HTTPRouteFilterRequestMirror type filter with non-matching field', { type: 'RequestMirror', requestHeaderModifier: {} },
    [`error httproute-filters ${F}.requestHeaderModifier`, `error httproute-filters ${F}.requestMirror`]),
  filterCase('invalid HTTPRouteFilterRequestMirror type filter with empty value field', { type: 'RequestMirror' }, [`error httproute-filters ${F}.requestMirror`]),
  filterCase('valid HTTPRouteFilterRequestRedirect route filter', { type: 'RequestRedirect', requestRedirect: { scheme: 'http', path: full('path').path, port: 8080, statusCode: 302 } }, []),
  filterCase('invalid HTTPRouteFilterRequestRedirect type filter with non-matching field', { type: 'RequestRedirect', requestMirror: mirror },
    [`error httproute-filters ${F}.requestMirror`, `error httproute-filters ${F}.requestRedirect`]),
  filterCase('invalid HTTPRouteFilterRequestRedirect type filter with empty value field', { type: 'RequestRedirect' }, [`error httproute-filters ${F}.requestRedirect`]),
  filterCase('valid HTTPRouteFilterExtensionRef filter', { type: 'ExtensionRef', extensionRef: { group: 'group', kind: 'kind', name: 'name' } }, []),
  filterCase('invalid HTTPRouteFilterExtensionRef type filter with non-matching field', { type: 'ExtensionRef', requestMirror: mirror },
    [`error httproute-filters ${F}.requestMirror`, `error httproute-filters ${F}.extensionRef`]),
  filterCase('invalid HTTPRouteFilterExtensionRef type filter with empty value field', { type: 'ExtensionRef' }, [`error httproute-filters ${F}.extensionRef`]),
  filterCase('valid HTTPRouteFilterURLRewrite route filter', { type: 'URLRewrite', urlRewrite: { path: full('path').path } }, []),
  filterCase('invalid HTTPCORSFilter type filter with non-matching field', { type: 'CORS', requestMirror: mirror },
    [`error httproute-filters ${F}.requestMirror`, `error httproute-filters ${F}.cors`]),
  filterCase('invalid HTTPCORSFilter type filter with empty value field', { type: 'CORS' }, [`error httproute-filters ${F}.cors`]),
  filterCase('valid HTTPCORSFilter test', { type: 'CORS', cors: { allowOrigins: ['http://foo.example.com'] } }, []),
  filterCase('invalid HTTPRouteFilterURLRewrite type filter with non-matching field', { type: 'URLRewrite', requestMirror: mirror },
    [`error httproute-filters ${F}.requestMirror`, `error httproute-filters ${F}.urlRewrite`]),
  filterCase('invalid HTTPRouteFilterURLRewrite type filter with empty value field', { type: 'URLRewrite' }, [`error httproute-filters ${F}.urlRewrite`]),

  // TestHTTPRouteRule
  { upstream: 'TestHTTPRouteRule/valid httpRoute with no filters', spec: { rules: [{ matches: [match('PathPrefix', '/')], backendRefs: [svc()] }] }, want: [] },
  { upstream: 'TestHTTPRouteRule/valid httpRoute with 1 filter', spec: { rules: [{ matches: [match('PathPrefix', '/')], filters: [{ type: 'RequestMirror', requestMirror: { backendRef: svc('mirror-svc', 8081) } }], backendRefs: [svc()] }] }, want: [] },
  {
    upstream: 'TestHTTPRouteRule/valid httpRoute with duplicate ExtensionRef filters',
    spec: {
      rules: [{
        matches: [match('PathPrefix', '/')],
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'special-header', value: 'foo' }] } },
          { type: 'RequestMirror', requestMirror: { backendRef: svc('mirror-svc', 8080) } },
          { type: 'ExtensionRef', extensionRef: { group: '', kind: 'Service', name: 'test' } },
          { type: 'ExtensionRef', extensionRef: { group: '', kind: 'Service', name: 'test' } },
          { type: 'ExtensionRef', extensionRef: { group: '', kind: 'Service', name: 'test' } },
        ],
      }],
    },
    want: [],
  },
  { upstream: 'TestHTTPRouteRule/valid redirect path modifier', spec: { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: full('foo') }] }] }, want: [] },
  { upstream: 'TestHTTPRouteRule/valid rewrite path modifier', spec: { rules: [{ matches: [match('PathPrefix', '/bar')], filters: [{ type: 'URLRewrite', urlRewrite: prefix('foo') }] }] }, want: [] },
  {
    upstream: 'TestHTTPRouteRule/multiple actions for different request headers',
    spec: {
      rules: [{
        filters: [{
          type: 'RequestHeaderModifier',
          requestHeaderModifier: { add: [{ name: 'x-vanilla', value: 'v' }, { name: 'x-chocolate', value: 'c' }], set: [{ name: 'x-foo', value: 'f' }], remove: ['x-bar'] },
        }],
      }],
    },
    want: [],
  },
  {
    upstream: 'TestHTTPRouteRule/multiple actions for different response headers',
    spec: {
      rules: [{
        filters: [{
          type: 'ResponseHeaderModifier',
          responseHeaderModifier: { add: [{ name: 'x-example', value: 'blueberry' }], set: [{ name: 'x-different', value: 'turnip' }] },
        }],
      }],
    },
    want: [],
  },
  {
    upstream: 'TestHTTPRouteRule/backendref with request redirect httpRoute filter',
    spec: { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }], backendRefs: [svc()] }] },
    want: ['error httproute-filters spec.rules[0].backendRefs'],
  },
  { upstream: 'TestHTTPRouteRule/request redirect without backendref in httpRoute filter', spec: { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }] }, want: [] },
  { upstream: 'TestHTTPRouteRule/backendref without request redirect filter', spec: { rules: [{ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'name', value: 'foo' }] } }], backendRefs: [svc()] }] }, want: [] },
  { upstream: 'TestHTTPRouteRule/backendref without any filter', spec: { rules: [{ backendRefs: [svc()] }] }, want: [] },
  { upstream: 'TestHTTPRouteRule/valid use of URLRewrite filter', spec: { rules: [{ matches: [match('PathPrefix', '/foo')], filters: [{ type: 'URLRewrite', urlRewrite: prefix('/bar') }] }] }, want: [] },
  {
    upstream: 'TestHTTPRouteRule/invalid URLRewrite filter because too many path matches',
    spec: { rules: [{ matches: twoMatches, filters: [{ type: 'URLRewrite', urlRewrite: prefix('/bar') }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  {
    upstream: 'TestHTTPRouteRule/invalid URLRewrite filter because wrong path match type',
    spec: { rules: [{ matches: [match('RegularExpression', '/foo')], filters: [{ type: 'URLRewrite', urlRewrite: prefix('/bar') }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  { upstream: 'TestHTTPRouteRule/valid use of RequestRedirect filter', spec: { rules: [{ matches: [match('PathPrefix', '/foo')], filters: [{ type: 'RequestRedirect', requestRedirect: prefix('/bar') }] }] }, want: [] },
  {
    upstream: 'TestHTTPRouteRule/invalid RequestRedirect filter because too many path matches',
    spec: { rules: [{ matches: twoMatches, filters: [{ type: 'RequestRedirect', requestRedirect: prefix('/bar') }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  {
    upstream: 'TestHTTPRouteRule/invalid RequestRedirect filter because path match has type RegularExpression',
    spec: { rules: [{ matches: [match('RegularExpression', '/foo')], filters: [{ type: 'RequestRedirect', requestRedirect: prefix('/bar') }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  { upstream: 'TestHTTPRouteRule/valid use of URLRewrite filter (within backendRefs)', spec: { rules: [{ matches: [match('PathPrefix', '/foo')], backendRefs: [{ ...svc(), filters: [{ type: 'URLRewrite', urlRewrite: prefix('/bar') }] }] }] }, want: [] },
  {
    upstream: 'TestHTTPRouteRule/invalid URLRewrite filter (within backendRefs) because too many path matches',
    spec: { rules: [{ matches: twoMatches, backendRefs: [{ ...svc(), filters: [{ type: 'URLRewrite', urlRewrite: prefix('/bar') }] }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  {
    upstream: 'TestHTTPRouteRule/invalid URLRewrite filter (within backendRefs) because path match has type RegularExpression',
    spec: { rules: [{ matches: [match('RegularExpression', '/foo')], backendRefs: [{ ...svc(), filters: [{ type: 'URLRewrite', urlRewrite: prefix('/bar') }] }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  { upstream: 'TestHTTPRouteRule/valid use of RequestRedirect filter (within backendRefs)', spec: { rules: [{ matches: [match('PathPrefix', '/foo')], backendRefs: [{ ...svc(), filters: [{ type: 'RequestRedirect', requestRedirect: prefix('/bar') }] }] }] }, want: [] },
  {
    upstream: 'TestHTTPRouteRule/invalid RequestRedirect filter (within backendRefs) because too many path matches',
    spec: { rules: [{ matches: twoMatches, backendRefs: [{ ...svc(), filters: [{ type: 'RequestRedirect', requestRedirect: prefix('/bar') }] }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  {
    upstream: 'TestHTTPRouteRule/invalid RequestRedirect filter (within backendRefs) because path match has type RegularExpression',
    spec: { rules: [{ matches: [match('RegularExpression', '/foo')], backendRefs: [{ ...svc(), filters: [{ type: 'RequestRedirect', requestRedirect: prefix('/bar') }] }] }] },
    want: ['error httproute-filters spec.rules[0].matches'],
  },
  {
    upstream: 'TestHTTPRouteRule/rewrite and redirect filters combined (invalid)',
    spec: { rules: [{ filters: [{ type: 'URLRewrite', urlRewrite: prefix('foo') }, { type: 'RequestRedirect', requestRedirect: prefix('foo') }] }] },
    want: ['error httproute-filters spec.rules[0].filters'],
  },
  {
    upstream: 'TestHTTPRouteRule/invalid because repeated URLRewrite filter',
    spec: { rules: [{ matches: [match('PathPrefix', '/')], filters: [{ type: 'URLRewrite', urlRewrite: prefix('foo') }, { type: 'URLRewrite', urlRewrite: prefix('bar') }] }] },
    want: ['error httproute-filters spec.rules[0].filters[1].type'],
  },
  {
    upstream: 'TestHTTPRouteRule/invalid because repeated RequestHeaderModifier filter among mix of filters',
    spec: {
      rules: [{
        matches: [match('PathPrefix', '/')],
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'special-header', value: 'foo' }] } },
          { type: 'RequestMirror', requestMirror: { backendRef: svc('test-svc', 8080) } },
          { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'my-header', value: 'bar' }] } },
        ],
      }],
    },
    want: ['error httproute-filters spec.rules[0].filters[2].type'],
  },
  {
    upstream: 'TestHTTPRouteRule/invalid because multiple filters are repeated',
    spec: {
      rules: [{
        matches: [match('PathPrefix', '/')],
        filters: [
          { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'special-header', value: 'foo' }] } },
          { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'my-header', value: 'bar' }] } },
          { type: 'RequestRedirect', requestRedirect: full('foo') },
          { type: 'RequestRedirect', requestRedirect: full('bar') },
          { type: 'CORS', cors: { allowOrigins: ['http://foo.example.com'] } },
          { type: 'CORS', cors: { allowOrigins: ['http://bar.example.com'] } },
        ],
      }],
    },
    want: ['error httproute-filters spec.rules[0].filters[5].type', 'error httproute-filters spec.rules[0].filters[1].type', 'error httproute-filters spec.rules[0].filters[3].type'],
  },
  { upstream: 'TestHTTPRouteRule/too many matches and rules', spec: { rules: manyMatches(7, 20) }, want: ['error httproute-rules spec.rules'] },
  { upstream: 'TestHTTPRouteRule/many matches and few rules', spec: { rules: manyMatches(2, 48) }, want: [], schemaSkip: 'Gateway API v1.0.0 allowed at most 8 matches per rule (64 since v1.1)' },

  // TestHTTPBackendRef
  {
    upstream: 'TestHTTPBackendRef/invalid because repeated URLRewrite and CORS filters within backendRefs',
    spec: {
      rules: [{
        matches: [match('PathPrefix', '/')],
        backendRefs: [{
          ...svc('test-svc', 80),
          filters: [
            { type: 'URLRewrite', urlRewrite: prefix('foo') }, { type: 'URLRewrite', urlRewrite: prefix('bar') },
            { type: 'CORS', cors: { allowOrigins: ['http://foo.example.com'] } }, { type: 'CORS', cors: { allowOrigins: ['http://bar.example.com'] } },
          ],
        }],
      }],
    },
    want: ['error httproute-filters spec.rules[0].backendRefs[0].filters[3].type', 'error httproute-filters spec.rules[0].backendRefs[0].filters[1].type'],
  },

  // TestHTTPPathModifier (as a URLRewrite's path, one PathPrefix match)
  ...[
    ['valid ReplaceFullPath', { type: 'ReplaceFullPath', replaceFullPath: 'foo' }, []],
    ['replaceFullPath must be specified when type is set to \'ReplaceFullPath\'', { type: 'ReplaceFullPath' }, [`error httproute-filters ${F}.urlRewrite.path.replaceFullPath`]],
    ['type must be \'ReplaceFullPath\' when replaceFullPath is set', { type: 'ReplacePrefixMatch', replaceFullPath: 'foo' },
      [`error httproute-filters ${F}.urlRewrite.path.replacePrefixMatch`, `error httproute-filters ${F}.urlRewrite.path.type`]],
    ['valid ReplacePrefixMatch', { type: 'ReplacePrefixMatch', replacePrefixMatch: '/foo' }, []],
    ['replacePrefixMatch must be specified when type is set to \'ReplacePrefixMatch\'', { type: 'ReplacePrefixMatch' }, [`error httproute-filters ${F}.urlRewrite.path.replacePrefixMatch`]],
    ['type must be \'ReplacePrefixMatch\' when replacePrefixMatch is set', { type: 'ReplaceFullPath', replacePrefixMatch: 'foo' },
      [`error httproute-filters ${F}.urlRewrite.path.replaceFullPath`, `error httproute-filters ${F}.urlRewrite.path.type`]],
  ].map(([name, path, want]) => ({ upstream: `TestHTTPPathModifier/${name}`, spec: { rules: [{ filters: [{ type: 'URLRewrite', urlRewrite: { path } }] }] }, want: want as string[] })),

  // TestHTTPRouteCORS
  corsCase('Valid cors should be accepted', { allowOrigins: ['https://xpto.com', 'http://*.abcd.com', 'http://*.abcd.com:12345', 'https://*:443', 'https://*'] }, []),
  corsCase('Using wildcard only is accepted', { allowOrigins: ['*'] }, []),
  corsCase('Wildcard and other hosts on the same origin list should be denied', { allowOrigins: ['*', 'https://xpto.com'] }, [`error httproute-cors ${F}.cors.allowOrigins`]),
  corsCase('An origin without the format scheme://host should be denied', { allowOrigins: ['https://xpto.com', 'xpto.com'] }, [origin('xpto.com', 1)]),
  corsCase('An origin as http://*.com should be accepted', { allowOrigins: ['http://*.com'] }, []),
  corsCase('An origin with an invalid port should be denied', { allowOrigins: ['https://xpto.com:notaport'] }, [origin('')]),
  corsCase('An origin with a value before the scheme definition should be denied', { allowOrigins: ['xpto/https://xpto.com'] }, [origin('')]),
  ...['http://www.example.com:111111', 'http://www.example.com:', 'http://www.example.com/cart', 'spiffe://www.example.com', 'http://*bar.com', 'http://bar*.com',
    'http://bar.*.com', 'http://*bar', 'http://bar*', 'http://*.bar.*.dev'].map((o, i) => corsCase([
    'invalid-origin-with-six-digit-port', 'invalid-origin-with-empty-port', 'invalid-origin-with-non-empty-path', 'invalid-origin-with-non-http-https-scheme',
    'invalid-origin-with-wildcard-as-label-prefix', 'invalid-origin-with-wildcard-as-label-sufix', 'invalid-origin-with-wildcard-as-label',
    'invalid-origin-with-wildcard-as-hostname-prefix', 'invalid-origin-with-wildcard-as-hostname-sufix', 'invalid-origin-with-multiple-wildcards',
  ][i], { allowOrigins: [o] }, [origin(o)])),
  corsCase('Using an invalid HTTP method should be denied', { allowMethods: ['BAZINGA'] }, [`error httproute-cors ${F}.cors.allowMethods[0]`]),
  corsCase('Using wildcard and a valid method should be denied', { allowMethods: ['GET', '*'] }, [`error httproute-cors ${F}.cors.allowMethods`]),
  corsCase('Using an array of valid methods should be accepted', { allowMethods: ['GET', 'OPTIONS', 'PATCH'] }, []),

  // TestHTTPRouteParentRefStandard
  parentCase('invalid because duplicate parent refs without section name', [gw(), gw()], ['error httproute-parent-refs spec.parentRefs[1].sectionName']),
  parentCase('invalid because duplicate parent refs with only one section name', [gw(), gw('foo')], ['error httproute-parent-refs spec.parentRefs[0].sectionName']),
  parentCase('invalid because duplicate parent refs with duplicate section names', [gw('foo'), gw('foo')], ['error httproute-parent-refs spec.parentRefs[1].sectionName']),
  parentCase('valid single parentRef without sectionName', [gw()], []),
  parentCase('valid single parentRef with sectionName', [gw('foo')], []),
  parentCase('valid because duplicate parent refs with different section names', [gw('foo'), gw('bar')], []),
  parentCase('valid because first parentRef has namespace while second doesn\'t', [{ ...gw(), namespace: 'test' }, gw()], []),
  parentCase('valid because second parentRef has namespace while first doesn\'t', [gw(), { ...gw(), namespace: 'test' }], []),
  parentCase('valid because duplicate parent refs with different names', [{ ...gw('foo'), name: 'example' }, { ...gw('foo'), name: 'example2' }], []),
];
