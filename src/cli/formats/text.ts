import { ManifestFinding } from '../../checker/check';
import { printable, textLine } from '../../model/text';
import { settingsLine } from '../options';
import { Output } from '../output';
import { byPlace, defineCheckFormat, fileErrorLine, location } from './format';

/*
 * `--format text` (the default): one line per finding and per file that could not be read,
 * sorted by file and line, then the counts.
 */

function findingLine(f: ManifestFinding): string {
  return `${location(f)}: ${f.severity}: ${f.kind} ${f.namespace}/${f.name}: ${f.field}: ${f.message}${f.fix ? `; ${f.fix}` : ''} (rule ${f.rule})`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

defineCheckFormat({
  name: 'text',
  rank: 1,
  print: (r, io) => {
    io.err(`note: ${printable(settingsLine(r.settings))}\n`);
    const out = new Output(io.out);
    const lines = byPlace<{ file?: string; line?: number; text: string }>([
      ...r.read.fileErrors.map(e => ({ file: e.file, line: e.line, text: fileErrorLine(e) })),
      ...r.findings.map(f => ({ file: f.file, line: f.line, text: findingLine(f) })),
    ], r.order);
    for (const l of lines) out.line(textLine(l.text));
    out.line(`${count(r.errors, 'error')}, ${count(r.warnings, 'warning')} in ${count(r.result.objectCount, 'object')}`);
    out.flush();
  },
});
