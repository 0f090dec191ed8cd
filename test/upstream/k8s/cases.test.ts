import { CASES as CONTAINER } from './container.cases';
import { CASES as DEPLOYMENT } from './deployment.cases';
import { CASES as INGRESS } from './ingress.cases';
import { CASES as METADATA } from './metadata.cases';
import { CASES as SERVICE } from './service.cases';
import { FIRST_MINOR, LAST_MINOR, UpstreamCase } from './types';
import { validateSchema } from '../../util';

/*
 * Checks only that the transcribed data is well formed; the rules are tested elsewhere.
 */

const FILES: [string, UpstreamCase[]][] = [
  ['service.cases', SERVICE],
  ['metadata.cases', METADATA],
  ['container.cases', CONTAINER],
  ['ingress.cases', INGRESS],
  ['deployment.cases', DEPLOYMENT],
];

const KINDS: { [kind: string]: string } = {
  Service: 'v1',
  Pod: 'v1',
  Deployment: 'apps/v1',
  Ingress: 'networking.k8s.io/v1',
};

/** A manifest path: segments joined by dots, list indexes [i], odd map keys ['...']. */
const PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+|\[\d+\]|\['[^']+'\])*$/;

/** Marks a valid case whose manifest the kubernetes-models schema rejects although the API server accepts it. */
const SCHEMA_STRICTER = 'schema stricter:';

describe.each(FILES)('%s', (_, cases) => {
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));

  test('upstream names are unique', () => {
    const names = cases.map(c => c.upstream);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test.each(cases.map(c => [c.upstream, c] as [string, UpstreamCase]))('%s is well formed', (_name, c) => {
    expect(c.upstream.trim()).not.toEqual('');
    expect(typeof c.valid).toBe('boolean');
    expect(KINDS[c.manifest?.kind]).toEqual(c.manifest.apiVersion);
    expect(c.manifest.metadata).toBeDefined();
    expect(c.manifest.spec).toBeDefined();

    const rejectedSomewhere = !c.valid || c.acceptedFrom !== undefined;
    if (rejectedSomewhere) {
      expect(c.fields?.length).toBeGreaterThan(0);
    } else {
      expect(c.fields).toBeUndefined();
    }
    for (const f of c.fields ?? []) expect(f).toMatch(PATH);

    if (c.acceptedFrom !== undefined) {
      expect(c.valid).toBe(true);
      expect(c.acceptedFrom).toBeGreaterThan(FIRST_MINOR);
      expect(c.acceptedFrom).toBeLessThanOrEqual(LAST_MINOR);
      expect(c.note).toBeDefined();
    }
    if (c.rejectedFrom !== undefined) {
      expect(c.valid).toBe(false);
      expect(c.rejectedFrom).toBeGreaterThan(FIRST_MINOR);
      expect(c.rejectedFrom).toBeLessThanOrEqual(LAST_MINOR);
      expect(c.note).toBeDefined();
    }
  });

  const accepted = cases.filter(c => c.valid && !(c.note ?? '').includes(SCHEMA_STRICTER));
  test.each(accepted.map(c => [c.upstream, c] as [string, UpstreamCase]))('%s passes the schema', (_name, c) => {
    expect(() => validateSchema(c.manifest)).not.toThrow();
  });
});
