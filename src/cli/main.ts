import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { registerConvert } from './convert';
import { registerDiff } from './diff';
import { byPlace, checkFormats, fileErrorLine, routesFormats } from './formats';
import { CheckFlags, DEFAULT_CONFIG_FILE, SettingsReport, checkSettings } from './options';
import { Output, json, table } from './output';
import { ruleRows } from './rules-table';
import { AnalysisResult, AnalyzeOptions, knownKinds, analyzeManifests, mapManifestsLazily, rulesDocument } from '../checker/check';
import { ReadResult, readManifests } from '../checker/read';
import { ServiceAccess } from '../checker/routes';
import { Severity } from '../model/finding';
import { printable } from '../model/text';
import { Rules } from '../rules/catalog';

/** Where the CLI reads and writes. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /**
   * Reads all of standard input, for the path `-`.
   *
   * @default - `-` is a usage error
   */
  readonly stdin?: () => string;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

const EXIT_CODES = `
Exit codes:
  0  no errors (warnings may be printed)
  1  errors: a finding of severity error, or a file that could not be checked
     (not valid YAML, not a Kubernetes object, a broken symbolic link, excessive aliasing);
     the other files are still checked
  2  usage: a bad option, a path that does not exist, or no Kubernetes object in any input
     (an empty file or folder alone), so that a CI gate fed nothing does not pass
`;

const PATHS_HELP = 'YAML or JSON files, folders of them (.json, .yaml and .yml files, every subfolder, as kubectl apply -f DIR -R reads them), or - for standard input';

function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}

/** Text from the YAML, safe to print on a terminal (see model/text.ts). */
export { printable };

interface Loaded {
  readonly read: ReadResult;
  readonly result: AnalysisResult;
  /** The access map, made as it is iterated (`routes`); none for `check`. */
  readonly services: Iterable<ServiceAccess>;
}

/** Reads and analyzes; on a usage error prints it and returns undefined. */
function load(paths: string[], io: CliIO, options: AnalyzeOptions, routes: boolean, recursive = true, settingsFile?: string): Loaded | undefined {
  const read = readManifests(paths, { progress: msg => io.err(`${printable(msg)}\n`), stdin: io.stdin, recursive, settingsFile });
  for (const n of read.notes) io.err(`note: ${printable(n)}\n`);
  if (read.usageErrors.length > 0) {
    for (const e of read.usageErrors) io.err(`error: ${printable(e)}\n`);
    return undefined;
  }
  // `routes` prints the map alone, each Service as it is made: the rules are not run
  const mapped = routes ? mapManifestsLazily(read.sources, options) : { result: analyzeManifests(read.sources, options, false), services: [] };
  for (const s of mapped.result.skipped) io.err(`note: skipped ${printable(s)}: cdk8s-expose reads ${knownKinds().join(', ')}\n`);
  return { read, ...mapped };
}

function fileOrder(read: ReadResult): Map<string, number> {
  return new Map(read.filesRead.map((f, i) => [f, i]));
}

/** Prints what `check` found, in a format of ./formats; returns the exit code. */
export function printCheck(read: ReadResult, result: AnalysisResult, format: string, io: CliIO,
  settings: SettingsReport = { configFile: null, rules: [], settings: [] }): number {
  const order = fileOrder(read);
  const findings = byPlace(result.findings, order);
  const errorFindings = findings.filter(f => f.severity === Severity.ERROR).length;
  const warnings = findings.length - errorFindings;
  const errors = errorFindings + read.fileErrors.length; // a file that could not be checked is an error
  const printer = checkFormats().find(f => f.name === format) ?? checkFormats()[0];
  printer.print({ read, result, order, findings, errors, warnings, version: packageVersion(), settings }, io);
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Prints the access map in a format of ./formats, file errors to stderr; returns the exit code. */
export function printRoutes(read: ReadResult, result: AnalysisResult, format: string, io: CliIO,
  services: Iterable<ServiceAccess> = result.services): number {
  for (const e of byPlace(read.fileErrors, fileOrder(read))) io.err(`${printable(fileErrorLine(e))}\n`);
  const printer = routesFormats().find(f => f.name === format) ?? routesFormats()[0];
  printer.print({ read, result, services }, io);
  return read.fileErrors.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The formats for `--help`: `a, b (purpose) or c`. */
function formatList(formats: ReadonlyArray<{ name: string; purpose?: string }>): string {
  const names = formats.map(f => (f.purpose ? `${f.name} (${f.purpose})` : f.name));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}

/**
 * The `cdk8s-expose` command line: `check` and `routes`. Returns the exit code:
 * 0 fine, 1 errors found, 2 bad input or usage. Never prints a stack trace.
 */
export function run(argv: string[], io: CliIO): number {
  let code = EXIT_OK;
  const program = new Command('cdk8s-expose')
    .description('check Kubernetes manifests for Service, Deployment and Ingress mistakes, and map how each Service is reached')
    .version(packageVersion(), '-V, --version', 'print the version')
    .addHelpText('after', EXIT_CODES)
    .exitOverride()
    .configureOutput({ writeOut: s => io.out(s), writeErr: s => io.err(s) });

  program.command('check')
    .description('print every finding, sorted by file and line; exit 1 when there is an error')
    .argument('<paths...>', PATHS_HELP)
    .addOption(new Option('--format <format>', `output format: ${formatList(checkFormats())}`)
      .choices(checkFormats().map(f => f.name)).default('text'))
    .option('--rule <id=severity>', 'set a rule\'s severity: error, warning or off (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--config <file>', `settings file, the only one read (default: ${DEFAULT_CONFIG_FILE} in the working directory, if present)`)
    .option('--no-config', `read no settings file, not even ${DEFAULT_CONFIG_FILE}`)
    .option('--kubernetes-version <version>', 'the clusters\' Kubernetes version, any release from 1.27, e.g. 1.30 (default: the range 1.32 to 1.37)')
    .option('--gateway-api-version <version>', 'the clusters\' Gateway API bundle, e.g. v1.5 (default: the range v1.4 to v1.6)')
    .option('--node-port-range <range>', 'the clusters\' nodePort range (default: 30000-32767)')
    .addOption(new Option('--dangling-selectors <severity>', 'alias of --rule service-selector-dangling=<severity>').choices(['warning', 'error']))
    .option('--warnings-as-errors', 'every warning counts as an error')
    .option('--namespace <namespace>', 'the namespace objects without one are applied into, as kubectl apply -n (default: default)')
    .option('--no-exemptions', 'no ignore-check.cdk8s-expose.io/<rule> annotation counts: each is an exemption-not-allowed error')
    .option('--exemptions-for <ids>', 'the only rules an annotation may exempt, comma-separated')
    .option('--no-recursive', 'read no subfolder of a folder, as kubectl apply -f DIR without -R')
    .addHelpText('after', EXIT_CODES)
    .action((paths: string[], opts: CheckFlags & { format: string; recursive: boolean }) => {
      const settings = checkSettings(opts);
      if (Array.isArray(settings)) {
        for (const p of settings) io.err(`error: ${p}\n`);
        code = EXIT_USAGE;
        return;
      }
      const loaded = load(paths, io, settings.options, false, opts.recursive, settings.configPath);
      if (!loaded) {
        code = EXIT_USAGE;
        return;
      }
      code = printCheck(loaded.read, loaded.result, opts.format, io, settings.report);
    });

  program.command('rules')
    .description('print the rule catalog: every check, its default severity and what it prevents')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .action((opts: { format: string }) => {
      if (opts.format === 'json') {
        io.out(json(Rules.all()));
      } else if (opts.format === 'markdown') {
        io.out(rulesDocument() + '\n');
      } else {
        const out = new Output(io.out);
        const rows = ruleRows();
        table(['RULE', 'SEVERITY', 'SCOPE', 'KINDS', 'CHECKS'], each => rows.forEach(each), out);
        out.flush();
      }
    });

  program.command('routes')
    .description('print how each Service is reached: cluster DNS, nodePort, load balancer, Ingress URLs, port-forward')
    .argument('<paths...>', PATHS_HELP)
    .addOption(new Option('--format <format>', 'output format').choices(routesFormats().map(f => f.name)).default('table'))
    .option('--no-recursive', 'read no subfolder of a folder, as kubectl apply -f DIR without -R')
    .addHelpText('after', EXIT_CODES)
    .action((paths: string[], opts: { format: string; recursive: boolean }) => {
      const loaded = load(paths, io, {}, true, opts.recursive);
      if (!loaded) {
        code = EXIT_USAGE;
        return;
      }
      code = printRoutes(loaded.read, loaded.result, opts.format, io, loaded.services);
    });

  // diff: src/cli/diff.ts
  registerDiff(program, io, c => { code = c; }, { printable, json, exitCodes: EXIT_CODES, version: packageVersion() });
  // convert: src/cli/convert.ts
  registerConvert(program, io, c => { code = c; }, { printable, json, exitCodes: EXIT_CODES, version: packageVersion(), pathsHelp: PATHS_HELP });

  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT_OK;
      return EXIT_USAGE;
    }
    io.err(`error: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  return code;
}
