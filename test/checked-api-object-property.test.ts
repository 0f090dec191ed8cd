import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { CheckedApiObject } from '../src/constructs/checked-api-object';

/*
 * CheckedApiObject re-implements cdk8s' sanitizeValue (to check the very object it emits):
 * for any body, metadata and Chart, it emits what cdk8s' own ApiObject.toJson() emits, byte
 * for byte as JSON (key order included).
 */

class Thing extends CheckedApiObject {
  public readonly _kind = 'Thing';
  constructor(scope: Construct, id: string, private readonly body: { [key: string]: any }, meta: Meta) {
    super(scope, id, { apiVersion: 'example.com/v1', kind: 'Thing', name: 'thing', ...meta });
  }
  protected _renderBody(): { [key: string]: any } {
    return this.body;
  }
}

interface Meta {
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

const RESERVED = ['apiVersion', 'kind', 'metadata', '__proto__', 'constructor'];
const key = fc.string({ minLength: 1, maxLength: 6 }).filter(k => !RESERVED.includes(k));
const { value } = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(),
    fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));
const strings = fc.option(fc.dictionary(key, fc.string({ maxLength: 6 }), { maxKeys: 3 }), { nil: undefined });
const meta = fc.record({ namespace: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }), labels: strings, annotations: strings }, { requiredKeys: [] });
const chartProps = fc.record({ namespace: fc.option(fc.constantFrom('c', 'd'), { nil: undefined }), labels: strings }, { requiredKeys: [] });

describe('CheckedApiObject', () => {
  test('holds for any body, metadata and Chart: it emits what cdk8s\' ApiObject.toJson() emits', () => {
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 5 }), meta, chartProps, (body, m, chartOptions) => {
      const ours = new Thing(new Chart(Testing.app(), 'c', chartOptions), 'thing', body, m);
      const theirs = new ApiObject(new Chart(Testing.app(), 'c', chartOptions), 'thing', {
        apiVersion: 'example.com/v1',
        kind: 'Thing',
        metadata: { name: 'thing', namespace: m.namespace, labels: m.labels, annotations: m.annotations },
        ...body,
      });
      expect(JSON.stringify(ours.toJson())).toBe(JSON.stringify(theirs.toJson()));
    }), { numRuns: 300 });
  });
});
