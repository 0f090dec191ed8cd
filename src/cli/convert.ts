import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import * as jsyaml from 'js-yaml';
import { github } from './formats/github';
import { writeSarif } from './formats/sarif';
import { CheckFlags, checkOptions } from './options';
import { AnalyzeOptions, ManifestFinding, resolveOptions } from '../checker/check';
import { ConvertOptions, convertIngresses } from '../checker/convert/convert';
import { Proof, proveConversion } from '../checker/convert/proof';
import { formatFileError, readManifests } from '../checker/read';
import { Severity } from '../model/finding';
import { ManifestSource } from '../model/object';
import { RuleSeverity } from '../model/rule';
import { CONVERT_UNTRANSLATED } from '../rules/convert';

/*
 * `cdk8s-expose convert PATHS`: Ingresses to the Gateway API standard channel (see
 * checker/convert). The objects are written as YAML to stdout, or one file each to --output;
 * the report (what was not translated, the access-map proof, the output's own findings) goes
 * to stderr, or to stdout with --output, in the --format asked for.
 */

/** Where convert writes. */
export interface ConvertIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin?: () => string;
}

/** What convert's flags say. */
export interface ConvertFlags extends CheckFlags {
  readonly format: string;
  readonly class?: string;
  readonly gateway?: string;
  readonly section?: string;
  readonly gatewayClass?: string;
  readonly output?: string;
  readonly failOnUntranslated?: boolean;
}

/** The result of a conversion run, for the CLI and the tests. */
export interface ConvertRun {
  readonly objects: any[];
  readonly findings: ManifestFinding[];
  readonly proof: Proof;
  readonly skipped: string[];
  readonly converted: string[];
}

/** The findings of both rules with the settings applied (`--rule`, `--fail-on-untranslated`, `--warnings-as-errors`). */
function settle(findings: readonly ManifestFinding[], options: AnalyzeOptions, failOnUntranslated: boolean): ManifestFinding[] {
  const resolved = resolveOptions(options);
  const rules = Array.isArray(resolved) ? {} : resolved.config.rules;
  const asErrors = !Array.isArray(resolved) && resolved.config.warningsAsErrors;
  return findings.flatMap(f => {
    const set = rules[f.rule];
    if (set === RuleSeverity.OFF) return [];
    let severity = set === RuleSeverity.ERROR ? Severity.ERROR : set === RuleSeverity.WARNING ? Severity.WARNING : f.severity;
    if (f.rule === CONVERT_UNTRANSLATED.id && failOnUntranslated) severity = Severity.ERROR;
    if (asErrors) severity = Severity.ERROR;
    return [{ ...f, severity }];
  });
}

/** A YAML stream of objects. */
export function yamlStream(objects: readonly any[]): string {
  return objects.map(o => jsyaml.dump(o, { noRefs: true, lineWidth: -1 })).join('---\n');
}

/** The file name of a written object: `namespace-kind-name.yaml`. */
function fileName(o: any): string {
  return `${o.metadata.namespace}-${String(o.kind).toLowerCase()}-${o.metadata.name}.yaml`;
}

function findingLine(f: ManifestFinding): string {
  const at = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '<output>';
  return `${at}: ${f.severity}: ${f.kind} ${f.namespace}/${f.name}: ${f.field}: ${f.message}${f.fix ? `; ${f.fix}` : ''} (rule ${f.rule})`;
}

/** Registers `convert` on the program; `done` receives the exit code. */
export function registerConvert(program: Command, io: ConvertIO, done: (code: number) => void,
  print: { printable: (s: string) => string; json: (v: unknown) => string; exitCodes: string; version: string; pathsHelp: string }): void {
  program.command('convert')
    .description('convert Ingresses to the Gateway API (Gateway, HTTPRoutes, GRPCRoutes, TLSRoutes, ReferenceGrants, BackendTLSPolicies), report what was not translated, and prove with the access map that the same requests reach the same Service ports')
    .argument('<paths...>', print.pathsHelp)
    .option('--class <name>', 'convert only the Ingresses of this class (spec.ingressClassName or the kubernetes.io/ingress.class annotation), e.g. nginx')
    .option('--gateway <namespace/name>', 'attach the routes to this existing Gateway instead of writing one')
    .option('--section <name>', 'with --gateway: the listener to attach to (sectionName)')
    .option('--gateway-class <name>', 'the gatewayClassName of the Gateway written (default: nginx)')
    .option('--output <dir>', 'write one YAML file per object into this folder (created) instead of stdout; the report then goes to stdout')
    .option('--fail-on-untranslated', 'what was not translated (convert-untranslated) is an error: exit 1')
    .addOption(new Option('--format <format>', 'report format: text, json, sarif or github').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--rule <id=severity>', 'set a rule\'s severity: error, warning or off (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--kubernetes-version <version>', 'the clusters\' Kubernetes version (default: the range 1.32 to 1.37)')
    .option('--gateway-api-version <version>', 'the clusters\' Gateway API bundle, e.g. v1.5 (default: the range v1.4 to v1.6)')
    .option('--namespace <namespace>', 'the namespace of objects without one (default: default)')
    .addHelpText('after', print.exitCodes)
    .action((paths: string[], opts: ConvertFlags) => {
      const usage = (lines: string[]) => {
        for (const l of lines) io.err(`error: ${print.printable(l)}\n`);
        done(2);
      };
      const options = checkOptions(opts);
      if (Array.isArray(options)) return usage(options);
      let gateway: ConvertOptions['gateway'];
      if (opts.gateway !== undefined) {
        const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(opts.gateway);
        if (!m) return usage([`--gateway ${opts.gateway}: use namespace/name, e.g. infra/shared`]);
        gateway = { namespace: m[1], name: m[3], ...(opts.section !== undefined ? { sectionName: opts.section } : {}) };
      } else if (opts.section !== undefined) {
        return usage(['--section names a listener of the Gateway given with --gateway']);
      }
      const read = readManifests(paths, { progress: msg => io.err(`${print.printable(msg)}\n`), stdin: io.stdin });
      for (const n of read.notes) io.err(`note: ${print.printable(n)}\n`);
      if (read.usageErrors.length > 0) return usage(read.usageErrors);
      for (const e of read.fileErrors) io.err(`${print.printable(formatFileError(e))}\n`);

      const convertOptions = { gateway, ingressClass: opts.class, gatewayClassName: opts.gatewayClass, namespace: opts.namespace };
      const run = convert(read.sources, convertOptions, options, opts.failOnUntranslated === true);
      for (const s of run.skipped) io.err(`note: skipped ${print.printable(s)}\n`);

      let report = io.err;
      if (opts.output !== undefined) {
        fs.mkdirSync(opts.output, { recursive: true });
        for (const o of run.objects) fs.writeFileSync(path.join(opts.output, fileName(o)), jsyaml.dump(o, { noRefs: true, lineWidth: -1 }));
        report = io.out;
      } else if (run.objects.length > 0) {
        io.out(yamlStream(run.objects));
      }
      const findings = run.findings;
      if (opts.format === 'json') {
        report(print.json({ converted: run.converted, objects: run.objects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`), findings, proof: { equal: run.proof.equal, expected: run.proof.expected, notCompared: run.proof.notCompared }, skipped: run.skipped }));
      } else if (opts.format === 'sarif') {
        const lines: string[] = [];
        writeSarif(l => lines.push(l), findings, [], read.fileErrors, print.version);
        report(lines.join('\n') + '\n');
      } else if (opts.format === 'github') {
        const lines = github(findings, read.fileErrors);
        report(lines.length ? lines.map(print.printable).join('\n') + '\n' : '');
      } else {
        const lines = [
          ...findings.map(findingLine),
          ...run.proof.equal.map(e => `same: ${e.entry} -> ${e.backends}`),
          ...run.proof.expected.map(e => `changed on purpose: ${e}`),
          ...run.proof.notCompared.map(e => `not compared: ${e}`),
          `converted ${run.converted.length} Ingress${run.converted.length === 1 ? '' : 'es'} to ${run.objects.length} object${run.objects.length === 1 ? '' : 's'}; access map: ${run.proof.equal.length} entr${run.proof.equal.length === 1 ? 'y' : 'ies'} equal, ${run.proof.changed.length} changed, ${run.proof.expected.length} changed on purpose, ${run.proof.notCompared.length} not compared`,
        ];
        report(lines.map(print.printable).join('\n') + '\n');
      }
      done(read.fileErrors.length > 0 || findings.some(f => f.severity === Severity.ERROR) ? 1 : 0);
    });
}

/** Converts, proves and settles the findings: what the command prints. */
export function convert(sources: readonly ManifestSource[], convertOptions: ConvertOptions, options: AnalyzeOptions,
  failOnUntranslated: boolean): ConvertRun {
  const conversion = convertIngresses(sources, convertOptions);
  const proof = proveConversion(sources, conversion, options);
  const findings = settle([...conversion.findings, ...proof.changed], options, failOnUntranslated);
  const all = [...findings, ...proof.outputFindings];
  return { objects: conversion.objects, findings: all, proof, skipped: conversion.skipped, converted: conversion.converted };
}
