import { Command, Option } from 'commander';
import { markdownComment } from './access-markdown';
import { github } from './formats/github';
import { sarif } from './formats/sarif';
import { readGitInput, gitFileName, GitInput } from './git-input';
import { CheckFlags, DEFAULT_CONFIG_FILE, SettingsReport, checkSettings, settingsLine } from './options';
import { AccessDiff, EntryChange, EntryChangeKind, Places, diffAccess, exposureFindings, findingKeys, placeKey, summarizer, EntrySummary } from '../checker/access-diff';
import { AnalyzeOptions, ManifestFinding, ObjectFindingsMemo, knownKinds, mapManifestsLazily, placeFinding, resolveOptions } from '../checker/check';
import { DocumentLocation, locationOf } from '../checker/positions';
import { FileError, ReadResult, formatFileError, readManifests } from '../checker/read';
import { AccessScope } from '../checker/routes';
import { Severity } from '../model/finding';
import { ManifestSource } from '../model/object';

/*
 * `cdk8s-expose diff BASE HEAD`: which ways into the cluster a change adds, removes or
 * re-points. Each side is files or folders, or `--git REV:PATH` (BASE first: one --git is
 * BASE, two are BASE and HEAD). BASE is summarized and dropped before HEAD is read.
 */

/** Where the diff writes. */
export interface DiffIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** One side, read and analyzed: its entry points, findings and file errors. */
export interface DiffSide {
  readonly entries: Map<string, EntrySummary>;
  readonly findings: ManifestFinding[];
  readonly fileErrors: FileError[];
  readonly objects: number;
  /** HEAD's: the comparison with BASE, made while HEAD's objects were held. */
  readonly diff?: AccessDiff;
  /** HEAD's: where the Services and routes of the changes are (for the exposure findings). */
  readonly places: Places;
}

/** What HEAD is compared with: BASE's summary and its findings as counted keys. */
export interface BaseSide {
  readonly entries: ReadonlyMap<string, EntrySummary>;
  readonly findings: ReadonlyMap<string, number>;
}

/** The result of `diff`: the comparison and HEAD's file errors. */
export interface DiffResult {
  readonly diff: AccessDiff;
  /** The findings of `exposure-external-added`: the new external entry points. */
  readonly exposure: ManifestFinding[];
  readonly baseObjects: number;
  readonly headObjects: number;
  readonly fileErrors: FileError[];
}

/** A side as given: paths, or a git spec. */
export type SideSpec = { readonly paths: string[] } | { readonly git: string };

function describeSide(s: SideSpec): string {
  return 'git' in s ? s.git : s.paths.join(' ');
}

/**
 * Reads and analyzes one side; a usage error (path or revision missing, nothing read) as a
 * string. BASE (no `base`) keeps every row of its summary, since its objects are dropped on
 * return. HEAD (`base` given) is compared with BASE before its objects are dropped, so its
 * summary keeps where its rows are, and only the rows of changes are made again. `memo` keeps
 * (BASE) or gives (HEAD) the object rules' findings of each document's text.
 */
export function readSide(spec: SideSpec, options: AnalyzeOptions, err: (line: string) => void, settingsFile?: string,
  base?: BaseSide, memo?: ObjectFindingsMemo): DiffSide | string[] {
  let input: GitInput | undefined;
  let paths: string[];
  if ('git' in spec) {
    const got = readGitInput(spec.git);
    if (typeof got === 'string') return [got];
    input = got;
    paths = [got.dir];
  } else {
    paths = spec.paths;
  }
  try {
    const rename = (f: string | undefined) => (f !== undefined && input && 'git' in spec ? gitFileName(f, input, spec.git.slice(0, spec.git.indexOf(':'))) : f);
    let read: ReadResult | undefined = readManifests(paths, { progress: msg => err(msg), settingsFile });
    for (const n of read.notes) err(`note: ${rename(n)}`);
    if (read.usageErrors.length > 0) return read.usageErrors.map(e => `${describeSide(spec)}: ${input ? e.split(input.prefix).join('') : e}`);
    const fileErrors = read.fileErrors.map(e => ({ ...e, file: rename(e.file) ?? e.file }));
    const sources: ManifestSource[] = read.sources.map(s => (input ? { ...s, file: rename(s.file) } : s));
    read = undefined; // the manifests are held by `sources` alone, dropped on return
    // a finding's field is placed (its document parsed again) only if it is new in HEAD
    const unplaced = new Map<ManifestFinding, ManifestSource>();
    const lazy = mapManifestsLazily(sources, options, { memo, unplaced: base ? (f, src) => unplaced.set(f, src) : () => undefined });
    const result = lazy.result;
    for (const s of result.skipped) err(`note: skipped ${s}: cdk8s-expose reads ${knownKinds().join(', ')}`);
    // each Service summarized as it is mapped: its rows go before the next Service's are made
    const summary = summarizer(base ? { services: lazy.mapper, base: base.entries } : undefined);
    let i = 0;
    for (const s of lazy.services) summary.add(s, i++);
    const entries = summary.done();
    if (base === undefined) return { places: new Map(), entries, findings: result.findings, fileErrors, objects: result.objectCount };
    const compared = diffAccess(base.entries, entries, base.findings, result.findings);
    const diff = { ...compared, newFindings: compared.newFindings.map(f => placeFinding(f, unplaced.get(f)!)) };
    return { places: placesOf(diff, sources, options.namespace), entries, diff, findings: result.findings, fileErrors, objects: result.objectCount };
  } finally {
    input?.cleanup();
  }
}

/** Where the Services and routes the changes name were read (file, line, document), by `placeKey`. */
function placesOf(diff: AccessDiff, sources: readonly ManifestSource[], namespace: string | undefined): Places {
  const wanted = new Set<string>();
  for (const c of diff.changes) {
    const p = c.row.path;
    for (const on of [p.route, p.service]) if (on) wanted.add(placeKey(on.kind, on.namespace, on.name));
  }
  const places = new Map<string, { file?: string; line?: number; location?: DocumentLocation }>();
  if (wanted.size === 0) return places;
  for (const src of sources) {
    const m = src.manifest as any;
    if (typeof m?.kind !== 'string') continue;
    const k = placeKey(m.kind, typeof m.metadata?.namespace === 'string' ? m.metadata.namespace : namespace ?? 'default', String(m.metadata?.name));
    // of two objects of one name, the last read (kubectl applies it last)
    if (wanted.has(k)) places.set(k, { file: src.file, line: src.line, location: locationOf(m) });
  }
  return places;
}

/** Compares two sides, BASE dropped before HEAD is read. */
export function runDiff(base: SideSpec, head: SideSpec, options: AnalyzeOptions, err: (line: string) => void,
  settingsFile?: string): DiffResult | string[] {
  const resolved = resolveOptions(options);
  if (Array.isArray(resolved)) return resolved;
  // the object rules run once for a document BASE and HEAD both hold (most of them)
  const memo = new ObjectFindingsMemo();
  let b: DiffSide | string[] | undefined = readSide(base, options, err, settingsFile, undefined, memo);
  if (Array.isArray(b)) return b;
  const baseSide: BaseSide = { entries: b.entries, findings: findingKeys(b.findings) };
  const baseObjects = b.objects;
  const baseFileErrors = b.fileErrors;
  b = undefined; // BASE's findings are not needed any more
  memo.stopRecording();
  const h = readSide(head, options, err, settingsFile, baseSide, memo);
  if (Array.isArray(h)) return h;
  const diff = h.diff!;
  return {
    diff,
    exposure: exposureFindings(diff, resolved.config, h.places),
    baseObjects,
    headObjects: h.objects,
    fileErrors: [...baseFileErrors, ...h.fileErrors],
  };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The summary line: `2 new external entry points, 1 removed, ...`. */
export function summaryLine(d: AccessDiff): string {
  const ext = d.changes.filter(c => c.scope === AccessScope.EXTERNAL);
  const count = (k: EntryChangeKind, among: readonly EntryChange[] = ext) => among.filter(c => c.change === k).length;
  const parts: string[] = [];
  const added = count(EntryChangeKind.ADDED);
  parts.push(`${plural(added, 'new external entry point')}`);
  const removed = count(EntryChangeKind.REMOVED);
  if (removed) parts.push(`${removed} removed`);
  const repointed = count(EntryChangeKind.REPOINTED);
  if (repointed) parts.push(`${repointed} re-pointed`);
  const tls = count(EntryChangeKind.TLS_LOST);
  if (tls) parts.push(`${tls} losing TLS`);
  const other = ext.length - added - removed - repointed - tls;
  if (other) parts.push(`${plural(other, 'other external change')}`);
  const cluster = d.changes.length - ext.length;
  if (cluster) parts.push(`${plural(cluster, 'in-cluster change')}`);
  parts.push(plural(d.newFindings.length, 'new finding'));
  return parts.join(', ');
}

/** Where a finding is, as `file:line:column` (as `check` prints it). */
function place(f: ManifestFinding): string {
  return `${f.file ?? '<input>'}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}`;
}

/** A change as one text line. */
export function changeLine(c: EntryChange): string {
  const what = c.change === EntryChangeKind.ADDED ? `-> ${c.after}`
    : c.change === EntryChangeKind.REMOVED ? `(was -> ${c.before})`
      : c.change === EntryChangeKind.REPOINTED ? `${c.before} => ${c.after}` : c.detail ?? '';
  return `${c.scope} ${c.change} ${c.kind} ${c.entry} ${what}`;
}

/** Whether the diff fails: an error finding new in HEAD, or a file that could not be read (as `check`). */
export function diffExitCode(r: DiffResult): number {
  return r.fileErrors.length > 0 || [...r.exposure, ...r.diff.newFindings].some(f => f.severity === Severity.ERROR) ? 1 : 0;
}

/** The JSON document of a diff (with the settings of the run, when given). */
export function diffDocument(r: DiffResult, settings?: SettingsReport): object {
  return {
    schemaVersion: 1,
    summary: summaryLine(r.diff),
    changes: r.diff.changes.map(({ row, ...c }) => ({ ...c, entryFields: row.entry, path: row.path })),
    findings: r.exposure,
    newFindings: r.diff.newFindings,
    fileErrors: r.fileErrors,
    objects: { base: r.baseObjects, head: r.headObjects },
    ...(settings ? { settings } : {}),
  };
}

/** Registers `diff` on the program; `done` receives the exit code. */
export function registerDiff(program: Command, io: DiffIO, done: (code: number) => void,
  print: { printable: (s: string) => string; json: (v: unknown) => string; exitCodes: string; version: string }): void {
  program.command('diff')
    .description('compare the ways into the cluster of two sets of manifests (BASE, HEAD): entry points added, removed, re-pointed; TLS, source ranges and traffic policy changes; findings new in HEAD')
    .argument('[paths...]', 'BASE then HEAD, each a YAML file or folder; with --git, the sides --git does not give')
    .option('--git <rev:path>', 'read a side at a git revision, without a checkout (e.g. origin/main:dist); once: BASE; twice: BASE and HEAD',
      (v: string, all: string[]) => [...all, v], [] as string[])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'sarif', 'github']).default('text'))
    .option('--rule <id=severity>', 'set a rule\'s severity: error, warning or off (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--config <file>', `settings file, the only one read (default: ${DEFAULT_CONFIG_FILE} in the working directory, if present)`)
    .option('--no-config', `read no settings file, not even ${DEFAULT_CONFIG_FILE}`)
    .option('--namespace <namespace>', 'the namespace objects without one are applied into (default: default)')
    .addHelpText('after', print.exitCodes)
    .action((paths: string[], opts: CheckFlags & { format: string; git: string[] }) => {
      const usage = (lines: string[]) => {
        for (const l of lines) io.err(`error: ${print.printable(l)}\n`);
        done(2);
      };
      const sides: SideSpec[] = [...opts.git.map(git => ({ git })), ...paths.map(p => ({ paths: [p] }))];
      if (sides.length !== 2) return usage([`diff compares two sets: give BASE and HEAD (${sides.length} given); a --git side comes first`]);
      const settings = checkSettings(opts);
      if (Array.isArray(settings)) return usage(settings);
      const r = runDiff(sides[0], sides[1], settings.options, l => io.err(`${print.printable(l)}\n`), settings.configPath);
      if (Array.isArray(r)) return usage(r);
      const report = settings.report;
      for (const e of r.fileErrors) io.err(`${print.printable(formatFileError(e))}\n`);
      if (opts.format === 'json') {
        io.out(print.json(diffDocument(r, report)));
      } else if (opts.format === 'sarif') {
        io.out(print.json(sarif([...r.exposure, ...r.diff.newFindings], [], r.fileErrors, print.version, undefined, [], report)));
      } else if (opts.format === 'github') {
        const lines = github([...r.exposure, ...r.diff.newFindings], r.fileErrors, undefined, [], report);
        io.out(lines.length ? lines.map(print.printable).join('\n') + '\n' : '');
      } else if (opts.format === 'markdown') {
        io.out(markdownComment(r.diff, summaryLine(r.diff), settingsLine(report)));
      } else {
        io.err(`note: ${print.printable(settingsLine(report))}\n`);
        const lines = [summaryLine(r.diff), ...r.diff.changes.map(changeLine),
          ...r.exposure.map(f => `${place(f)}: ${f.severity}: ${f.kind} ${f.namespace}/${f.name}: ${f.field}: ${f.message} (rule ${f.rule})`),
          ...r.diff.newFindings.map(f => `new finding: ${place(f)}: ${f.severity}: ${f.kind} ${f.namespace}/${f.name}: ${f.field}: ${f.message} (rule ${f.rule})`)];
        io.out(lines.map(print.printable).join('\n') + '\n');
      }
      done(diffExitCode(r));
    });
}
