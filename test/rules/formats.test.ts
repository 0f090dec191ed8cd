import {
  isCidr, isDns1035Label, isDns1123Label, isDns1123Subdomain, isIP, isIanaServiceName, isPortNumber, isQualifiedName,
  isWildcardDns1123Subdomain, nameFromId,
} from '../../src/rules/formats';

describe('name formats', () => {
  test.each([
    ['a', true], ['abc-123', true], ['1abc', true], ['a'.repeat(63), true],
    ['a'.repeat(64), false], ['-a', false], ['a-', false], ['A', false], ['a_b', false], ['a.b', false], ['', false],
  ])('DNS-1123 label %j is %s', (v, ok) => expect(isDns1123Label(v)).toBe(ok));

  test.each([
    ['a', true], ['a--1--2--b', true], ['svc-1', true], ['1svc', false], ['a'.repeat(64), false], ['a.b', false], ['Svc', false],
  ])('DNS-1035 label %j is %s', (v, ok) => expect(isDns1035Label(v)).toBe(ok));

  test.each([
    ['example.com', true], ['a.b.c', true], ['a', true], [`${'a'.repeat(63)}.${'b'.repeat(63)}`, true], ['a'.repeat(254), false],
    ['a..b', false], ['.a', false], ['a.', false], ['A.com', false], ['a_b.com', false], ['', false],
  ])('DNS-1123 subdomain %j is %s', (v, ok) => expect(isDns1123Subdomain(v)).toBe(ok));

  test.each([
    ['http', true], ['1-a', true], ['1abc', true], ['a'.repeat(15), true], ['a'.repeat(16), false], ['12345', false],
    ['a--b', false], ['-a', false], ['a-', false], ['HTTP', false], ['', false], ['a_b', false],
  ])('IANA service name %j is %s', (v, ok) => expect(isIanaServiceName(v)).toBe(ok));

  test.each([
    ['HTTP', true], ['example.com/protocol', true], ['kubernetes.io/h2c', true], ['a_b.c-d', true],
    ['example.com/protocol_with{invalid}[characters]', false], ['/x', false], ['a/b/c', false], ['-a', false], ['', false], ['a'.repeat(64), false],
  ])('qualified name %j is %s', (v, ok) => expect(isQualifiedName(v)).toBe(ok));

  test.each([
    ['*.example.com', true], ['*.a', true], ['*', false], ['*bar.com', false], ['f*.bar.com', false], ['foo.*.bar.com', false], ['*.*.bar.com', false],
  ])('wildcard subdomain %j is %s', (v, ok) => expect(isWildcardDns1123Subdomain(v)).toBe(ok));

  test.each([
    ['10.0.0.1', true], ['255.255.255.255', true], ['256.0.0.1', false], ['1.2.3', false], ['::1', true], ['2001:db8::1', true],
    ['fe80::1:2:3:4:5:6', true], ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7', false], ['1::2::3', false], ['::ffff:1.2.3.4', true], ['foo.com', false],
  ])('IP %j is %s', (v, ok) => expect(isIP(v)).toBe(ok));

  test.each([
    ['10.0.0.0/8', true], ['0.0.0.0/0', true], [' 10.0.0.0/8 ', true], ['2001:db8::/32', true], ['10.0.0.0/33', false],
    ['foo.bar', false], ['   ', false], ['10.0.0.0', false], ['2001:db8::/129', false],
  ])('CIDR %j is %s', (v, ok) => expect(isCidr(v)).toBe(ok));

  test.each([
    [1, true], [65535, true], [0, false], [65536, false], [80.5, false], ['80', false], [-1, false],
  ])('port number %j is %s', (v, ok) => expect(isPortNumber(v)).toBe(ok));

  test.each([
    ['Web', 'web'], ['nodeport-service', 'nodeport-service'], ['My_App.v2', 'my-app-v2'], ['--x--', 'x'],
  ])('nameFromId(%j) is %j', (id, name) => expect(nameFromId(id)).toBe(name));
});
