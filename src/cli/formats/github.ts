import { ManifestFinding } from '../../checker/check';
import { FileError, SkippedFile } from '../../checker/read';
import { OBJECT_READABLE } from '../../model/exemptions';
import { printable } from '../../model/text';
import { SettingsReport, settingsLine } from '../options';
import { Output } from '../output';
import { byPlace, defineCheckFormat, findingText, level, uri } from './format';

/*
 * `--format github`: one GitHub Actions workflow command per finding, so that findings
 * annotate the pull request diff.
 */

/** Escapes a workflow command's message. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Place {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

function command(severity: 'error' | 'warning' | 'notice', at: Place, title: string, message: string, cwd: string): string {
  const props = [`file=${escapeProperty(uri(at.file, cwd))}`, ...(at.line ? [`line=${at.line}`] : []), ...(at.line && at.column ? [`col=${at.column}`] : []), `title=${escapeProperty(title)}`];
  return `::${severity} ${props.join(',')}::${escapeData(message)}`;
}

/** One GitHub Actions workflow command per finding, so findings annotate the pull request diff. */
export function github(findings: readonly ManifestFinding[], fileErrors: readonly FileError[], cwd: string = process.cwd(),
  skipped: readonly SkippedFile[] = [], settings?: SettingsReport): string[] {
  return [
    ...(settings ? [`::notice title=cdk8s-expose settings::${escapeData(settingsLine(settings))}`] : []),
    ...skipped.map(x => command('notice', { file: x.file }, 'skipped', x.reason, cwd)),
    ...fileErrors.map(e => command('error', e, OBJECT_READABLE.id, e.message, cwd)),
    ...findings.map(f => command(level(f.severity), f, f.rule, findingText(f), cwd)),
  ];
}

defineCheckFormat({
  name: 'github',
  rank: 4,
  purpose: 'pull request annotations',
  print: (r, io) => {
    const out = new Output(io.out);
    for (const l of github(r.findings, byPlace(r.read.fileErrors, r.order), undefined, r.read.skippedFiles, r.settings)) out.line(printable(l));
    out.flush();
  },
});
