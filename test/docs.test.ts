import * as fs from 'fs';
import * as path from 'path';
import { rulesDocument } from '../src/checker/check';

describe('docs/rules.md', () => {
  test('is the catalog as generated (run `npx projen docs:rules` when this fails)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
    expect(file).toBe(rulesDocument() + '\n');
  });
  // that every rule has an example, and that each example triggers its rule: test/rules/catalog.test.ts
});
