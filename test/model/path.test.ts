import * as fc from 'fast-check';
import { parseFieldPath, renderFieldPath, valueAtPath } from '../../src/model/path';

describe('field paths', () => {
  test.each<[string, Array<string | number>]>([
    ['spec.ports[0].nodePort', ['spec', 'ports', 0, 'nodePort']],
    ['metadata.annotations[\'ignore-check.cdk8s-expose.io/x\']', ['metadata', 'annotations', 'ignore-check.cdk8s-expose.io/x']],
    ['spec.template.spec.containers[1].env[0].name', ['spec', 'template', 'spec', 'containers', 1, 'env', 0, 'name']],
    ['', []],
    ['metadata.labels[\'it\\\'s\']', ['metadata', 'labels', 'it\'s']],
  ])('parses %s', (field, segments) => {
    expect(parseFieldPath(field)).toEqual(segments);
  });

  test('renders and parses back any path', () => {
    const segment = fc.oneof(fc.string({ minLength: 1 }), fc.nat(1000));
    fc.assert(fc.property(fc.array(segment, { maxLength: 6 }).filter(s => s.length === 0 || typeof s[0] === 'string'), segments => {
      expect(parseFieldPath(renderFieldPath(segments))).toEqual(segments);
    }));
  });

  test('reads own properties only: a path never reaches a prototype', () => {
    expect(valueAtPath({ a: {} }, ['a', 'constructor'])).toBeUndefined();
    expect(valueAtPath({ a: [1, 2] }, ['a', 1])).toBe(2);
    expect(valueAtPath({ a: [1, 2] }, ['a', 'length'])).toBeUndefined();
  });
});
