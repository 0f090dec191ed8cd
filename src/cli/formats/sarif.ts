import { ManifestFinding, SuppressedFinding } from '../../checker/check';
import { FileError, SkippedFile } from '../../checker/read';
import { OBJECT_READABLE } from '../../model/exemptions';
import { RuleInfo } from '../../model/rule';
import { jsonText } from '../../model/text';
import { Rules } from '../../rules/catalog';
import { SettingsReport } from '../options';
import { Output } from '../output';
import { byPlace, defineCheckFormat, findingText, level, uri } from './format';

/*
 * `--format sarif`: a SARIF 2.1.0 log for code scanning, one run, with the catalog as the
 * driver's rules, written one result at a time.
 */

const INFO_URI = 'https://github.com/cdk8s-expose/cdk8s-expose/blob/main/docs/rules.md';

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

/**
 * The settings of the run on its invocation: each rule changed from its default as a
 * `ruleConfigurationOverrides` entry (SARIF 2.1.0 §3.20.5), the config file and the other
 * changed settings in its property bag.
 */
function settingsInvocation(settings: SettingsReport, index: Map<string, number>): object {
  return {
    ruleConfigurationOverrides: settings.rules.map(r => ({
      descriptor: { id: r.rule, index: index.get(r.rule) },
      configuration: r.severity === 'off' ? { enabled: false } : { level: r.severity },
    })),
    properties: { configFile: settings.configFile, rules: settings.rules, settings: settings.settings },
  };
}

/** A SARIF log without its results, and its results one at a time. */
interface SarifParts {
  readonly log: { runs: Array<{ results: object[] }> };
  readonly forEachResult: (each: (result: object) => void) => void;
}

function sarifParts(findings: readonly ManifestFinding[], suppressed: readonly SuppressedFinding[], fileErrors: readonly FileError[],
  version: string, cwd: string, skipped: readonly SkippedFile[], settings: SettingsReport | undefined): SarifParts {
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
        ...(settings ? settingsInvocation(settings, index) : {}),
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
  version: string, cwd: string = process.cwd(), skipped: readonly SkippedFile[] = [], settings?: SettingsReport): object {
  const { log, forEachResult } = sarifParts(findings, suppressed, fileErrors, version, cwd, skipped, settings);
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
  fileErrors: readonly FileError[], version: string, cwd: string = process.cwd(), skipped: readonly SkippedFile[] = [],
  settings?: SettingsReport): void {
  const { log, forEachResult } = sarifParts(findings, suppressed, fileErrors, version, cwd, skipped, settings);
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

defineCheckFormat({
  name: 'sarif',
  rank: 3,
  purpose: 'code scanning',
  print: (r, io) => {
    const out = new Output(io.out);
    const suppressed = byPlace(r.result.suppressed, r.order);
    writeSarif(l => out.line(jsonText(l)), r.findings, suppressed, r.read.fileErrors, r.version, undefined, r.read.skippedFiles, r.settings);
    out.flush();
  },
});
