import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { routesDot, routesHtml } from './access-html';
import { routesMermaid } from './access-markdown';
import { registerDiff } from './diff';
import { github, ruleRows, writeSarif } from './formats';
import { CheckFlags, DEFAULT_CONFIG_FILE, checkOptions } from './options';
import { routesDocument, serviceTypeLabel } from './routes-formats';
import { AnalysisResult, AnalyzeOptions, knownKinds, ManifestFinding, analyzeManifests, rulesDocument } from '../checker/check';
import { FileError, ReadResult, readManifests } from '../checker/read';
import { OBJECT_READABLE } from '../model/exemptions';
import { Severity } from '../model/finding';
import { jsonText, markdownCell, notACommand, printable, textLine } from '../model/text';
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

function json(value: unknown): string {
  return jsonText(JSON.stringify(value, undefined, 2)) + '\n';
}

/** Collects output lines and writes them in large pieces (hundreds of thousands of lines). */
class Output {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly write: (text: string) => void) {}

  public line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size > 1_048_576) this.flush();
  }

  public flush(): void {
    if (this.parts.length > 0) this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

function location(f: { file?: string; line?: number; column?: number; constructPath?: string }): string {
  if (f.constructPath) return `[${f.constructPath}]`;
  return f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}` : '<input>';
}

/** Sorts by file (in the order read), then line; equal places keep their order (a stable sort). */
function byPlace<T extends { file?: string; line?: number }>(items: T[], order: Map<string, number>): T[] {
  const rank = (x: T) => order.get(x.file ?? '') ?? order.size;
  return [...items].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * A table with aligned columns, from rows made on demand twice (widths, then lines), so
 * hundreds of thousands of rows are never all held (and no spread of them into Math.max,
 * which overflowed the stack).
 */
function table(header: string[], forEachRow: (each: (row: string[]) => void) => void, out: Output): void {
  const widths = header.map(h => h.length);
  forEachRow(r => {
    for (let i = 0; i < r.length; i++) if (r[i].length > widths[i]) widths[i] = r[i].length;
  });
  const line = (r: string[]) => out.line(notACommand(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')));
  line(header);
  forEachRow(line);
}

interface Loaded {
  readonly read: ReadResult;
  readonly result: AnalysisResult;
}

/** Reads and analyzes; on a usage error prints it and returns undefined. */
function load(paths: string[], io: CliIO, options: AnalyzeOptions, routes: boolean, recursive = true): Loaded | undefined {
  const read = readManifests(paths, { progress: msg => io.err(`${printable(msg)}\n`), stdin: io.stdin, recursive });
  for (const n of read.notes) io.err(`note: ${printable(n)}\n`);
  if (read.usageErrors.length > 0) {
    for (const e of read.usageErrors) io.err(`error: ${printable(e)}\n`);
    return undefined;
  }
  const result = analyzeManifests(read.sources, options, routes);
  for (const s of result.skipped) io.err(`note: skipped ${printable(s)}: cdk8s-expose reads ${knownKinds().join(', ')}\n`);
  return { read, result };
}

function fileErrorLine(e: FileError): string {
  return `${location(e)}: error: ${e.message} (rule ${OBJECT_READABLE.id})`;
}

function findingLine(f: ManifestFinding): string {
  return `${location(f)}: ${f.severity}: ${f.kind} ${f.namespace}/${f.name}: ${f.field}: ${f.message}${f.fix ? `; ${f.fix}` : ''} (rule ${f.rule})`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function fileOrder(read: ReadResult): Map<string, number> {
  return new Map(read.filesRead.map((f, i) => [f, i]));
}

/** Prints what `check` found (text or JSON); returns the exit code. */
export function printCheck(read: ReadResult, result: AnalysisResult, format: string, io: CliIO): number {
  const order = fileOrder(read);
  const findings = byPlace(result.findings, order);
  const errorFindings = findings.filter(f => f.severity === Severity.ERROR).length;
  const warnings = findings.length - errorFindings;
  const errors = errorFindings + read.fileErrors.length; // a file that could not be checked is an error
  if (format === 'json') {
    const suppressed = byPlace(result.suppressed, order);
    const fileErrors = read.fileErrors.map(e => ({ rule: OBJECT_READABLE.id, ...e }));
    const skippedFiles = read.skippedFiles;
    io.out(json({ findings, suppressed, errors, warnings, objects: result.objectCount, skipped: result.skipped, fileErrors, skippedFiles }));
  } else if (format === 'sarif') {
    const out = new Output(io.out);
    const suppressed = byPlace(result.suppressed, order);
    writeSarif(l => out.line(jsonText(l)), findings, suppressed, read.fileErrors, packageVersion(), undefined, read.skippedFiles);
    out.flush();
  } else if (format === 'github') {
    const out = new Output(io.out);
    for (const l of github(findings, byPlace(read.fileErrors, order), undefined, read.skippedFiles)) out.line(printable(l));
    out.flush();
  } else {
    const out = new Output(io.out);
    const lines = byPlace<{ file?: string; line?: number; text: string }>([
      ...read.fileErrors.map(e => ({ file: e.file, line: e.line, text: fileErrorLine(e) })),
      ...findings.map(f => ({ file: f.file, line: f.line, text: findingLine(f) })),
    ], order);
    for (const l of lines) out.line(textLine(l.text));
    out.line(`${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(result.objectCount, 'object')}`);
    out.flush();
  }
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Prints the access map (table, Markdown or JSON), file errors to stderr; returns the exit code. */
export function printRoutes(read: ReadResult, result: AnalysisResult, format: string, io: CliIO): number {
  for (const e of byPlace(read.fileErrors, fileOrder(read))) io.err(`${printable(fileErrorLine(e))}\n`);
  if (format === 'json') {
    io.out(json(routesDocument(result.services)));
  } else if (format === 'mermaid') {
    io.out(routesMermaid(result.services));
  } else if (format === 'dot' || format === 'html') {
    io.out(format === 'dot' ? routesDot(result.services) : routesHtml(result.services));
  } else {
    const out = new Output(io.out);
    const header = ['SERVICE', 'TYPE', 'VIA', 'ADDRESS', 'PORT', 'TARGET'];
    const forEachRow = (each: (row: string[]) => void) => {
      for (const s of result.services) {
        for (const r of s.rows) each([`${s.namespace}/${s.name}`, serviceTypeLabel(s), r.entry.kind, r.address, r.servicePort, r.target]);
      }
    };
    if (format === 'markdown') {
      out.line(`| ${header.join(' | ')} |`);
      out.line(`|${header.map(() => ' --- ').join('|')}|`);
      forEachRow(r => out.line(`| ${r.map(markdownCell).join(' | ')} |`));
    } else {
      table(header, each => forEachRow(r => each(r.map(printable))), out);
    }
    out.flush();
  }
  return read.fileErrors.length > 0 ? EXIT_FINDINGS : EXIT_OK;
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
    .addOption(new Option('--format <format>', 'output format: text, json, sarif (code scanning) or github (pull request annotations)')
      .choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--rule <id=severity>', 'set a rule\'s severity: error, warning or off (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--config <file>', `settings file (default: ${DEFAULT_CONFIG_FILE} in the working directory, if present)`)
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
      const options = checkOptions(opts);
      if (Array.isArray(options)) {
        for (const p of options) io.err(`error: ${p}\n`);
        code = EXIT_USAGE;
        return;
      }
      const loaded = load(paths, io, options, false, opts.recursive);
      if (!loaded) {
        code = EXIT_USAGE;
        return;
      }
      code = printCheck(loaded.read, loaded.result, opts.format, io);
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
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'markdown', 'json', 'mermaid', 'dot', 'html']).default('table'))
    .option('--no-recursive', 'read no subfolder of a folder, as kubectl apply -f DIR without -R')
    .addHelpText('after', EXIT_CODES)
    .action((paths: string[], opts: { format: string; recursive: boolean }) => {
      const loaded = load(paths, io, {}, true, opts.recursive);
      if (!loaded) {
        code = EXIT_USAGE;
        return;
      }
      code = printRoutes(loaded.read, loaded.result, opts.format, io);
    });

  // diff: src/cli/diff.ts
  registerDiff(program, io, c => { code = c; }, { printable, json, exitCodes: EXIT_CODES, version: packageVersion() });

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
