import '../../src/rules/catalog';
import { ObjectSet, Subject } from '../../src/model/object-set';

/*
 * The object set's selection: answered from the label index, and kept per selector object
 * (several rules and the access map ask for one Service's selection) without mixing namespaces.
 */

const workload = (name: string, namespace: string, labels: Record<string, string>): Subject<string> => ({
  ref: `${namespace}/${name}`,
  kind: 'Deployment',
  manifest: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  },
});

describe('ObjectSet.select', () => {
  const set = new ObjectSet<string>([
    workload('web', 'a', { app: 'web' }),
    workload('web', 'b', { app: 'web' }),
    workload('api', 'a', { app: 'api', tier: 'back' }),
  ]);

  test('holds when one selector object is asked for in two namespaces: each namespace gets its own workloads', () => {
    const selector = { app: 'web' };
    expect(set.select('a', selector).map(s => s.ref)).toEqual(['a/web']);
    expect(set.select('b', selector).map(s => s.ref)).toEqual(['b/web']);
    expect(set.select('a', selector).map(s => s.ref)).toEqual(['a/web']);
    expect(set.select('c', selector)).toEqual([]);
  });

  test('holds when a selector is asked for twice: the same answer, and a selector of several labels needs every one', () => {
    const selector = { app: 'api', tier: 'back' };
    expect(set.select('a', selector).map(s => s.ref)).toEqual(['a/api']);
    expect(set.select('a', selector)).toBe(set.select('a', selector));
    expect(set.select('a', { app: 'api', tier: 'front' })).toEqual([]);
  });

  test('fails when the selector is not a map of labels: it selects nothing', () => {
    for (const selector of [undefined, null, 'app=web', ['app'], {}]) expect(set.select('a', selector)).toEqual([]);
  });
});
