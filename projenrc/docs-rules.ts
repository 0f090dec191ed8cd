// Writes docs/rules.md from the rule catalog: `npx projen docs:rules`. test/docs.test.ts fails when it is stale.
import * as fs from 'fs';
import * as path from 'path';
import { rulesDocument } from '../src/checker/check';

const file = path.join(__dirname, '..', 'docs', 'rules.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, rulesDocument() + '\n');
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
