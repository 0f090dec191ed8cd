import { byteOrder } from '../../checker/read';
import { OBJECT_READABLE } from '../../model/exemptions';
import { json } from '../output';
import { defineCheckFormat } from './format';

/*
 * `--format json`: the findings, suppressions, counts, file errors, skipped files and settings
 * as one JSON document. It is the same for any order of the arguments: everything is sorted by
 * file (byte order of the path) and line, not in the order read (which the text format keeps).
 */

type Placed = { file?: string; line?: number };

function byFile<T extends Placed>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => byteOrder(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
}

defineCheckFormat({
  name: 'json',
  rank: 2,
  print: (r, io) => {
    const fileErrors = byFile(r.read.fileErrors).map(e => ({ rule: OBJECT_READABLE.id, ...e }));
    io.out(json({
      findings: byFile(r.findings),
      suppressed: byFile(r.result.suppressed),
      errors: r.errors,
      warnings: r.warnings,
      objects: r.result.objectCount,
      skipped: [...r.result.skipped].sort(byteOrder),
      fileErrors,
      skippedFiles: byFile(r.read.skippedFiles),
      settings: r.settings,
    }));
  },
});
