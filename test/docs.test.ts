import * as fs from 'fs';
import * as path from 'path';
import { ManifestAnalyzer, Rules } from '../src';
import { rulesDocument } from '../src/manifest-analyzer';
import { RULE_EXAMPLES } from '../src/rules/examples';

describe('docs/rules.md', () => {
  test('is the catalog as generated (run `npx projen docs:rules` when this fails)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
    expect(file).toBe(rulesDocument() + '\n');
  });

  test('every rule has an example, and no example names an unknown rule', () => {
    const ids = Rules.all().map(r => r.id);
    expect(Object.keys(RULE_EXAMPLES).sort()).toEqual([...ids].sort());
  });

  test.each(Object.entries(RULE_EXAMPLES).filter(([, e]) => e.objects !== undefined))('the example of %s triggers it', (id, example) => {
    const result = ManifestAnalyzer.analyze(example.objects!.map(manifest => ({ manifest })));
    expect(result.findings.map(f => f.rule)).toContain(id);
  });
});
