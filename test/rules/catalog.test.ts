import { analyze, thrown } from './helpers';
import { Severity } from '../../src/model/finding';
import { checkedKinds, registeredKinds } from '../../src/model/kinds';
import { registeredExamples } from '../../src/model/rule';
import { Rules } from '../../src/rules/catalog';

const IDS = Rules.all().map(r => r.id);
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Ids are reserved by prefix: one per kind of the registry (its name in lowercase), and the prefixes of concerns shared by kinds. */
const PREFIXES = [
  ...registeredKinds().map(k => `${k.kind.toLowerCase()}-`),
  'metadata-', 'object-', 'workload-', 'container-', 'probe-', 'exemption-',
  'exposure-', // the diff of two access maps
  'convert-', // convert: Ingresses to the Gateway API
];
const SEVERITIES = ['error', 'warning'];

describe('the rule catalog', () => {
  test('ids are kebab-case, unique and sorted', () => {
    expect(IDS.filter(id => !KEBAB.test(id))).toEqual([]);
    expect(IDS.filter((id, i) => IDS.indexOf(id) !== i)).toEqual([]);
    expect(IDS).toEqual([...IDS].sort((a, b) => a.localeCompare(b)));
    expect(IDS.length).toBeGreaterThan(0);
  });

  test('every id starts with a reserved prefix', () => {
    expect(IDS.filter(id => !PREFIXES.some(p => id.startsWith(p)))).toEqual([]);
  });

  test.each(Rules.all().map(r => [r.id, r] as const))('%s is fully described', (_, info) => {
    expect(info.kinds.length).toBeGreaterThan(0);
    expect(info.kinds.filter(k => !checkedKinds().includes(k))).toEqual([]);
    expect(info.summary.trim()).not.toEqual('');
    expect(info.prevents.trim()).not.toEqual('');
    expect(['object', 'app', 'construct', 'meta', 'diff']).toContain(info.scope);
    expect(SEVERITIES).toContain(info.severity);
    expect(SEVERITIES).toContain(info.constructSeverity);
  });

  test('a rule is looked up by its id', () => {
    expect(Rules.get('service-node-port-range').id).toEqual('service-node-port-range');
  });

  test.each([
    ['service-node-port-rang', 'service-node-port-range'],
    ['ingress-hosts', 'ingress-host'],
    ['container-imag', 'container-image'],
  ])('fails when the id is unknown: %j names %j', (unknown, closest) => {
    const message = thrown(() => Rules.get(unknown));
    expect(message).toContain(JSON.stringify(unknown));
    expect(message).toContain(JSON.stringify(closest));
  });

  test('fails when the id is "nope", naming a catalog id', () => {
    const message = thrown(() => Rules.get('nope'));
    const named = IDS.filter(id => message.includes(JSON.stringify(id)));
    expect(named).toHaveLength(1);
  });
});

/*
 * Every rule has an example beside its rule (ruleExamples) (the one docs/rules.md shows): manifests
 * that trigger it and their nearest valid twin, or construct code for a construct-only rule.
 * Run through the manifest analyzer: each example gives a finding of its rule, its twin none
 * (and no error: the twin is valid), and every finding carries a catalog id.
 */

const EXAMPLES = [...registeredExamples()];
const WITH_OBJECTS = EXAMPLES.filter(([, e]) => e.objects !== undefined).map(([id, e]) => [id, e.objects!, e.valid ?? []] as const);
const findings = (objects: any[]) => analyze(objects).findings;

describe('every rule has an example, and every finding carries the id of its rule', () => {
  test('every rule of the catalog has an example, and no example names an unknown rule', () => {
    expect([...registeredExamples().keys()].sort()).toEqual([...IDS].sort());
  });

  test('an example gives either manifests with their valid twin, or construct code', () => {
    const malformed = EXAMPLES.filter(([, e]) => (e.objects === undefined
      ? e.code === undefined || e.valid !== undefined
      : e.code !== undefined || e.objects.length === 0 || e.valid === undefined || e.valid.length === 0));
    expect(malformed.map(([id]) => id)).toEqual([]);
  });

  test.each(WITH_OBJECTS)('%s: its example gives its finding, its valid twin none', (id, objects, valid) => {
    const bad = findings(objects);
    const good = findings(valid);
    expect([...bad, ...good].map(f => f.rule).filter(r => !IDS.includes(r))).toEqual([]);
    expect(bad.map(f => f.rule)).toContain(id);
    expect(good.filter(f => f.rule === id || f.severity === Severity.ERROR).map(f => `${f.rule} ${f.field} ${f.severity}`)).toEqual([]);
  });

  test('every finding of all examples at once carries a catalog id', () => {
    const all = findings(WITH_OBJECTS.flatMap(([, objects, valid]) => [...objects, ...valid]));
    expect(all.length).toBeGreaterThan(WITH_OBJECTS.length);
    expect(all.filter(f => !IDS.includes(f.rule)).map(f => `${f.rule} ${f.field}`)).toEqual([]);
  });
});
