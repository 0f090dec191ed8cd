import { OBJECT_READABLE } from '../../model/exemptions';
import { json } from '../output';
import { byPlace, defineCheckFormat } from './format';

/*
 * `--format json`: the findings, suppressions, counts, file errors and skipped files as one
 * JSON document.
 */

defineCheckFormat({
  name: 'json',
  rank: 2,
  print: (r, io) => {
    const suppressed = byPlace(r.result.suppressed, r.order);
    const fileErrors = r.read.fileErrors.map(e => ({ rule: OBJECT_READABLE.id, ...e }));
    const skippedFiles = r.read.skippedFiles;
    io.out(json({
      findings: r.findings,
      suppressed,
      errors: r.errors,
      warnings: r.warnings,
      objects: r.result.objectCount,
      skipped: r.result.skipped,
      fileErrors,
      skippedFiles,
      settings: r.settings,
    }));
  },
});
