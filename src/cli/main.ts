import { Command, CommanderError, Option } from 'commander';
import { AccessRoute } from '../access-map';
import { readManifests } from '../lint/read';
import { AnalysisResult, KNOWN_KINDS, ManifestFinding, analyzeManifests } from '../manifest-analyzer';
import { Severity } from '../rules/violation';

/** Where the CLI writes. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

function parseRange(value: string): { min: number; max: number } {
  const m = /^(\d+)-(\d+)$/.exec(value);
  if (!m || Number(m[1]) > Number(m[2]) || Number(m[2]) > 65535 || Number(m[1]) < 1) {
    throw new CommanderError(EXIT_USAGE, 'range', `--node-port-range ${value}: use MIN-MAX, e.g. 30000-32767`);
  }
  return { min: Number(m[1]), max: Number(m[2]) };
}

function location(f: ManifestFinding): string {
  if (f.constructPath) return `[${f.constructPath}]`;
  return f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '<input>';
}

/** A table with aligned columns. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows.map(r => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

function load(paths: string[], io: CliIO, options: { nodePortRange?: string; danglingSelectors?: string }): AnalysisResult | undefined {
  const read = readManifests(paths, msg => io.err(`${msg}\n`));
  for (const e of read.errors) io.err(`error: ${e}\n`);
  if (read.errors.length > 0) return undefined;
  const result = analyzeManifests(read.sources, {
    nodePortRange: options.nodePortRange ? parseRange(options.nodePortRange) : undefined,
    danglingSelectors: options.danglingSelectors === 'error' ? Severity.ERROR : Severity.WARNING,
  });
  for (const s of result.skipped) io.err(`note: skipped ${s}: cdk8s-expose reads ${KNOWN_KINDS.join(', ')}\n`);
  return result;
}

/**
 * The `cdk8s-expose` command line: `check` and `routes`. Returns the exit code:
 * 0 fine, 1 errors found, 2 bad input or usage. Never prints a stack trace.
 */
export function run(argv: string[], io: CliIO): number {
  let code = EXIT_OK;
  const program = new Command('cdk8s-expose')
    .description('check Kubernetes manifests for Service, Deployment and Ingress mistakes, and map how each Service is reached')
    .exitOverride()
    .configureOutput({ writeOut: s => io.out(s), writeErr: s => io.err(s) });

  program.command('check')
    .description('print every finding; exit 1 when there is an error')
    .argument('<paths...>', 'YAML files or folders of them')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--node-port-range <range>', 'the clusters\' nodePort range', '30000-32767')
    .addOption(new Option('--dangling-selectors <severity>', 'how a selector matching no workload is reported').choices(['warning', 'error']).default('warning'))
    .action((paths: string[], opts: { format: string; nodePortRange: string; danglingSelectors: string }) => {
      const result = load(paths, io, opts);
      if (!result) {
        code = EXIT_USAGE;
        return;
      }
      const errors = result.findings.filter(f => f.severity === Severity.ERROR).length;
      const warnings = result.findings.length - errors;
      if (opts.format === 'json') {
        io.out(JSON.stringify({ findings: result.findings, errors, warnings, objects: result.objectCount, skipped: result.skipped }, undefined, 2) + '\n');
      } else {
        for (const f of result.findings) {
          io.out(`${location(f)}: ${f.severity}: ${f.kind} ${f.namespace}/${f.name}: ${f.field}: ${f.message}\n`);
        }
        io.out(`${errors} errors, ${warnings} warnings in ${result.objectCount} objects\n`);
      }
      code = errors > 0 ? EXIT_FINDINGS : EXIT_OK;
    });

  program.command('routes')
    .description('print how each Service is reached: cluster DNS, nodePort, load balancer, Ingress URLs, port-forward')
    .argument('<paths...>', 'YAML files or folders of them')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
    .action((paths: string[], opts: { format: string }) => {
      const result = load(paths, io, {});
      if (!result) {
        code = EXIT_USAGE;
        return;
      }
      if (opts.format === 'json') {
        io.out(JSON.stringify(result.services, undefined, 2) + '\n');
        return;
      }
      const rows = result.services.flatMap(s => s.routes.map((r: AccessRoute) => [`${s.namespace}/${s.name}`, s.type, r.via, r.address, r.servicePort, r.target]));
      const header = ['SERVICE', 'TYPE', 'VIA', 'ADDRESS', 'PORT', 'TARGET'];
      if (opts.format === 'markdown') {
        const esc = (c: string) => c.replace(/\|/g, '\\|');
        io.out([`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(r => `| ${r.map(esc).join(' | ')} |`)].join('\n') + '\n');
      } else {
        io.out(table([header, ...rows]));
      }
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT_OK;
      if (e.code === 'range') io.err(`error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`error: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  return code;
}
