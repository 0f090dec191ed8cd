import * as fs from 'fs';
import * as path from 'path';
import { fieldTableText, OUT } from '../../projenrc/field-table';

/*
 * The unknown-field rule's table (src/rules/field-table.generated.ts) is the one the built oracle
 * releases make from k8s.io/api: regenerate it with
 * `node -r ts-node/register/transpile-only projenrc/field-table.ts` after adding a release.
 */
test('holds when the field table is the one the built releases make', () => {
  const made = fieldTableText(path.join(__dirname, '..', '..', 'oracle', 'bin'));
  expect(fs.readFileSync(OUT, 'utf8')).toEqual(made.text);
});
