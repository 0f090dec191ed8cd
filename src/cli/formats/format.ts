import * as path from 'path';
import { AnalysisResult, ManifestFinding } from '../../checker/check';
import { FileError, ReadResult } from '../../checker/read';
import { ServiceAccess } from '../../checker/routes';
import { OBJECT_READABLE } from '../../model/exemptions';
import { Severity } from '../../model/finding';
import { SettingsReport } from '../options';

/*
 * The output formats of `check` and `routes`, each defined once in its own file of this
 * folder by `defineCheckFormat` / `defineRoutesFormat`; ./index.ts imports every file, and
 * the CLI offers (and dispatches to) whatever is registered.
 */

/** Where a format writes. */
export interface FormatIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** What `check` found, as every format of it receives it. */
export interface CheckReport {
  readonly read: ReadResult;
  readonly result: AnalysisResult;
  /** The rank of each file read, in the order read (how findings are sorted). */
  readonly order: Map<string, number>;
  /** The findings, sorted by file (in the order read), then line. */
  readonly findings: ManifestFinding[];
  /** Error findings plus files that could not be checked. */
  readonly errors: number;
  readonly warnings: number;
  /** The version of cdk8s-expose. */
  readonly version: string;
  /** The config file read and what the settings change from the defaults: every format names them. */
  readonly settings: SettingsReport;
}

/** An output format of `check`. */
export interface CheckFormat {
  /** The value of `--format`. */
  readonly name: string;
  /** What it is for, shown in `--help` after its name (e.g. "code scanning"). */
  readonly purpose?: string;
  /**
   * Where `--help` lists it, lower first (modules register in the order they are first
   * imported, which other imports can change).
   */
  readonly rank: number;
  /** Writes the report. */
  readonly print: (report: CheckReport, io: FormatIO) => void;
}

/** What `routes` mapped, as every format of it receives it. */
export interface RoutesReport {
  readonly read: ReadResult;
  readonly result: AnalysisResult;
  /**
   * The access map, Service by Service as it is iterated (`routes` maps each as it is
   * printed, so it is never held whole: iterate it once).
   */
  readonly services: Iterable<ServiceAccess>;
}

/** An output format of `routes`. */
export interface RoutesFormat {
  readonly name: string;
  readonly print: (report: RoutesReport, io: FormatIO) => void;
}

const CHECK_FORMATS = new Map<string, CheckFormat>();
const ROUTES_FORMATS = new Map<string, RoutesFormat>();

/** Registers an output format of `check`; its name must be new. */
export function defineCheckFormat(format: CheckFormat): CheckFormat {
  if (CHECK_FORMATS.has(format.name)) throw new Error(`check format ${format.name} is defined twice`);
  CHECK_FORMATS.set(format.name, format);
  return format;
}

/** Registers an output format of `routes`; its name must be new. */
export function defineRoutesFormat(format: RoutesFormat): RoutesFormat {
  if (ROUTES_FORMATS.has(format.name)) throw new Error(`routes format ${format.name} is defined twice`);
  ROUTES_FORMATS.set(format.name, format);
  return format;
}

/** The formats of `check`, by rank. */
export function checkFormats(): CheckFormat[] {
  return [...CHECK_FORMATS.values()].sort((a, b) => a.rank - b.rank);
}

/** The formats of `routes`, in the order defined. */
export function routesFormats(): RoutesFormat[] {
  return [...ROUTES_FORMATS.values()];
}

/** Where a finding or file error is: `file:line:column`, or the construct path. */
export function location(f: { file?: string; line?: number; column?: number; constructPath?: string }): string {
  if (f.constructPath) return `[${f.constructPath}]`;
  return f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}` : '<input>';
}

/** Sorts by file (in the order read), then line; equal places keep their order (a stable sort). */
export function byPlace<T extends { file?: string; line?: number }>(items: readonly T[], order: Map<string, number>): T[] {
  const rank = (x: T) => order.get(x.file ?? '') ?? order.size;
  return [...items].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0));
}

/** A file that could not be checked, as one line. */
export function fileErrorLine(e: FileError): string {
  return `${location(e)}: error: ${e.message} (rule ${OBJECT_READABLE.id})`;
}

/** A file path as SARIF and GitHub want it: relative to the working directory, forward slashes. */
export function uri(file: string | undefined, cwd: string): string {
  if (file === undefined || file === '<stdin>') return 'stdin';
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return rel.split(path.sep).join('/');
}

/** The SARIF level / GitHub command of a severity. */
export function level(severity: Severity): 'error' | 'warning' {
  return severity === Severity.ERROR ? 'error' : 'warning';
}

/** A finding as one message: object, field, detail and fix. */
export function findingText(f: ManifestFinding): string {
  return `${f.kind} ${f.namespace}/${f.name} ${f.field}: ${f.message}${f.fix ? `; ${f.fix}` : ''}`;
}
