import * as path from 'path';
import { ManifestFinding, SuppressedFinding } from '../checker/check';
import { FileError, SkippedFile } from '../checker/read';
import { OBJECT_READABLE } from '../model/exemptions';
import { Severity } from '../model/finding';
import { RuleInfo } from '../model/rule';
import { Rules } from '../rules/catalog';

/*
 * The pipeline formats of `check` (SARIF 2.1.0 for code scanning, GitHub workflow
 * commands for pull request annotations) and the catalog listings of `rules`.
 */

const INFO_URI = 'https://github.com/cdk8s-expose/cdk8s-expose/blob/main/docs/rules.md';

/** A file path as SARIF wants it: relative to the working directory, forward slashes. */
function uri(file: string | undefined, cwd: string): string {
  if (file === undefined || file === '<stdin>') return 'stdin';
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return rel.split(path.sep).join('/');
}

function level(severity: Severity): 'error' | 'warning' {
  return severity === Severity.ERROR ? 'error' : 'warning';
}

function findingText(f: ManifestFinding): string {
  return `${f.kind} ${f.namespace}/${f.name} ${f.field}: ${f.message}${f.fix ? `; ${f.fix}` : ''}`;
}

function sarifRule(r: RuleInfo): object {
  return {
    id: r.id,
    name: r.id.split('-').map(w => w[0].toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: r.summary },
    fullDescription: { text: `Prevents: ${r.prevents}` },
    help: { text: `${r.summary}. Prevents: ${r.prevents}. Exempt one object with the annotation ignore-check.cdk8s-expose.io/${r.id}: <reason>.` },
    helpUri: `${INFO_URI}#${r.id}`,
    defaultConfiguration: { level: level(r.severity) },
    properties: { kinds: r.kinds, scope: r.scope },
  };
}

/** A SARIF log without its results, and its results one at a time. */
interface SarifParts {
  readonly log: { runs: Array<{ results: object[] }> };
  readonly forEachResult: (each: (result: object) => void) => void;
}

function sarifParts(findings: readonly ManifestFinding[], suppressed: readonly SuppressedFinding[], fileErrors: readonly FileError[],
  version: string, cwd: string, skipped: readonly SkippedFile[]): SarifParts {
  const rules = Rules.all();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const region = (line: number | undefined, column?: number) =>
    (line ? { region: { startLine: line, ...(column ? { startColumn: column } : {}) } } : {});
  const location = (file: string | undefined, line: number | undefined, column?: number) => [{
    physicalLocation: { artifactLocation: { uri: uri(file, cwd) }, ...region(line, column) },
  }];
  const result = (f: ManifestFinding) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: level(f.severity),
    message: { text: findingText(f) },
    locations: location(f.file, f.line, f.column),
    properties: { kind: f.kind, namespace: f.namespace, name: f.name, field: f.field },
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk8s-expose', version, informationUri: INFO_URI, rules: rules.map(sarifRule) } },
      // what was not read, and why: notifications of the run, not results
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: skipped.map(x => ({ level: 'note', message: { text: `skipped: ${x.reason}` }, locations: location(x.file, undefined) })),
      }],
      results: [] as object[],
    }],
  };
  const forEachResult = (each: (r: object) => void) => {
    for (const f of findings) each(result(f));
    for (const f of suppressed) each({ ...result(f), suppressions: [{ kind: 'inSource', justification: f.reason }] });
    for (const e of fileErrors) {
      each({ ruleId: OBJECT_READABLE.id, ruleIndex: index.get(OBJECT_READABLE.id), level: 'error', message: { text: e.message }, locations: location(e.file, e.line, e.column) });
    }
  };
  return { log, forEachResult };
}

/** The findings as a SARIF 2.1.0 log, one run, with the catalog as the driver's rules. */
export function sarif(findings: readonly ManifestFinding[], suppressed: readonly SuppressedFinding[], fileErrors: readonly FileError[],
  version: string, cwd: string = process.cwd(), skipped: readonly SkippedFile[] = []): object {
  const { log, forEachResult } = sarifParts(findings, suppressed, fileErrors, version, cwd, skipped);
  forEachResult(r => log.runs[0].results.push(r));
  return log;
}

const RESULTS_MARK = '"cdk8s-expose: results"';

/**
 * The SARIF log of `sarif()`, as the lines of its JSON (indented by 2), written one result at a
 * time: a log of hundreds of thousands of results is never one string (V8 caps a string at
 * 512 MB: "Invalid string length").
 */
export function writeSarif(emit: (line: string) => void, findings: readonly ManifestFinding[], suppressed: readonly SuppressedFinding[],
  fileErrors: readonly FileError[], version: string, cwd: string = process.cwd(), skipped: readonly SkippedFile[] = []): void {
  const { log, forEachResult } = sarifParts(findings, suppressed, fileErrors, version, cwd, skipped);
  const skeleton = JSON.stringify({ ...log, runs: [{ ...log.runs[0], results: [RESULTS_MARK] }] }, undefined, 2).split('\n');
  for (const line of skeleton) {
    const at = line.indexOf(JSON.stringify(RESULTS_MARK));
    if (at === -1) {
      emit(line);
      continue;
    }
    const indent = line.slice(0, at);
    let previous: string[] | undefined;
    forEachResult(r => {
      if (previous !== undefined) emitIndented(emit, previous, indent, ',');
      previous = JSON.stringify(r, undefined, 2).split('\n');
    });
    if (previous !== undefined) emitIndented(emit, previous, indent, '');
  }
}

function emitIndented(emit: (line: string) => void, lines: string[], indent: string, last: string): void {
  for (let i = 0; i < lines.length; i++) emit(`${indent}${lines[i]}${i === lines.length - 1 ? last : ''}`);
}

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
  skipped: readonly SkippedFile[] = []): string[] {
  return [
    ...skipped.map(x => command('notice', { file: x.file }, 'skipped', x.reason, cwd)),
    ...fileErrors.map(e => command('error', e, OBJECT_READABLE.id, e.message, cwd)),
    ...findings.map(f => command(level(f.severity), f, f.rule, findingText(f), cwd)),
  ];
}

function severityText(r: RuleInfo): string {
  return r.severity === r.constructSeverity ? r.severity : `${r.severity} (constructs: ${r.constructSeverity})`;
}

/** The catalog as rows: id, severity, scope, kinds, summary. */
export function ruleRows(): string[][] {
  return Rules.all().map(r => [r.id, severityText(r), r.scope, r.kinds.join(','), r.summary]);
}
