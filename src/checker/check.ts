import { rulesMarkdown } from './docs';
import { fieldPosition, locationOf } from './positions';
import { isJsonStream, readManifests } from './read';
import { AccessMapper, ServiceAccess, accessOf, mapAccess } from './routes';
import { SuppressedViolation, applyRules, attachAppFindings } from '../model/exemptions';
import { FindingType, Severity, Violation } from '../model/finding';
import { kindDefinition, recognize, registeredKinds } from '../model/kinds';
import { ManifestSource, metadataOf, namespaceOf } from '../model/object';
import { ObjectSet, Subject } from '../model/object-set';
import { parseFieldPath, renderFieldPath } from '../model/path';
import { obj, show, text } from '../model/plain';
import { checkApp, checkObject, stamp } from '../model/rule';
import { ResolvedSettings, RuleSettings, resolveSettings } from '../model/settings';
import { Rules } from '../rules/catalog';
import { isDns1123Label } from '../rules/formats';
import { apiVersionIssue, objectApiVersion } from '../rules/metadata';
/**
 * A problem found in a set of manifests.
 */
export interface ManifestFinding {
  /** The id of the rule that found it (see `Rules`). */
  readonly rule: string;
  /** Error or warning. */
  readonly severity: Severity;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace ('default' when unset). */
  readonly namespace: string;
  /** The object's name. */
  readonly name: string;
  /** The field path inside the object, e.g. `spec.ports[0].nodePort`. */
  readonly field: string;
  /**
   * The same path as segments: field names and map keys as strings, list indexes as numbers,
   * e.g. `["spec", "ports", 0, "nodePort"]`; empty for a finding about the whole object.
   */
  readonly path: Array<string | number>;
  /** What kind of problem it is, as Kubernetes' `field.ErrorType` names it. */
  readonly type: FindingType;
  /**
   * The bad value, rendered short (see `Violation.value`).
   *
   * @default - none: the field is missing, or the finding is about the whole object
   */
  readonly value?: string;
  /** What is wrong and what is allowed, with the bad value. */
  readonly message: string;
  /**
   * How to fix it.
   *
   * @default - no separate fix
   */
  readonly fix?: string;
  /**
   * The file of the object.
   *
   * @default - unknown
   */
  readonly file?: string;
  /**
   * The line of the field's value in the file (of its nearest existing parent's key when the
   * field is missing); the object's line when the field cannot be placed.
   *
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The column of the field's value (1-based, in UTF-16 code units), with `line`.
   *
   * @default - unknown
   */
  readonly column?: number;
  /**
   * The line of the object's document (of its entry, for an item of a `List`).
   *
   * @default - unknown
   */
  readonly objectLine?: number;
  /**
   * The construct path, when cdk8s recorded it.
   *
   * @default - unknown
   */
  readonly constructPath?: string;
}

/**
 * A finding that an exemption annotation suppressed, with its reason.
 */
export interface SuppressedFinding extends ManifestFinding {
  /** The reason the exemption gives. */
  readonly reason: string;
}

/**
 * Options of the manifest analysis: the rule settings, and where the objects are applied.
 */
export interface AnalyzeOptions extends RuleSettings {
  /**
   * The namespace the objects without one are applied into (`kubectl apply -n`). A finding
   * across namespaces that depends on it is a warning, since another namespace may be given
   * at apply time.
   *
   * @default - "default", unless given
   */
  readonly namespace?: string;
}

/**
 * What the analysis found, and how each Service is reached.
 */
export interface AnalysisResult {
  /** Every finding, in input order. */
  readonly findings: ManifestFinding[];
  /** The findings that exemption annotations suppressed, with their reasons. */
  readonly suppressed: SuppressedFinding[];
  /** How each Service is reached. */
  readonly services: ServiceAccess[];
  /** Objects of kinds the analysis does not read, as `kind name (file)`. */
  readonly skipped: string[];
  /** How many objects were analyzed. */
  readonly objectCount: number;
}

/** Every kind the analysis reads, as `apiVersion kind` lines' kinds. */
export function knownKinds(): string[] {
  return registeredKinds().map(k => k.kind);
}

/** @internal */
export interface Ref {
  readonly source: ManifestSource;
  readonly kind: string;
}

/** Describes an object for a message: `Deployment default/web (apps.yaml:12)`. */
export function describeRef(ref: Ref): string {
  const m = ref.source.manifest;
  const where = ref.source.constructPath ? ` [${ref.source.constructPath}]`
    : ref.source.file ? ` (${ref.source.file}${ref.source.line ? `:${ref.source.line}` : ''})` : '';
  return `${ref.kind} ${namespaceOf(m)}/${text(obj(obj(m).metadata).name)}${where}`;
}

/** @internal The rule configuration of options, or the problems with them (unknown ids, bad values). */
export function resolveOptions(options: AnalyzeOptions): ResolvedSettings | string[] {
  const resolved = resolveSettings(options, false);
  const ns = options.namespace;
  if (ns !== undefined && (typeof ns !== 'string' || !isDns1123Label(ns))) {
    return [...(Array.isArray(resolved) ? resolved : []), `namespace: ${show(ns)} is not a namespace name (a DNS-1123 label: lowercase letters, digits and '-', at most 63)`];
  }
  return resolved;
}

/**
 * Runs every rule of the catalog (the constructs' rules and the cross-object rules) over
 * plain manifests: what cdk8s-plus, raw ApiObjects, Helm or hand-written YAML produced.
 * Linear in the number of objects. Throws only for bad options. `routes: false` leaves the
 * access map out (`services` is empty).
 */
export function analyzeManifests(sources: ManifestSource[], options: AnalyzeOptions = {}, routes: boolean = true): AnalysisResult {
  const resolved = resolveOptions(options);
  if (Array.isArray(resolved)) throw new Error(resolved.join('\n'));
  return analyzeResolved(sources, resolved, options.namespace, routes);
}

/**
 * @internal
 * The access map alone, without the rules (no findings): what `routes` prints. The same
 * objects are read and mapped as by `analyzeManifests`; the checks' work and memory are saved.
 * The map is made one Service at a time as `services` is iterated (each iteration maps again):
 * `routes` prints each Service before the next is made, so a map of hundreds of thousands of
 * rows is never held whole. Without `passes`, no rule runs; the diff gives passes with the rules.
 */
export function mapManifestsLazily(sources: ManifestSource[], options: AnalyzeOptions = {}, passes: AnalysisPasses = { rules: false }): LazyMap {
  const resolved = resolveOptions(options);
  if (Array.isArray(resolved)) throw new Error(resolved.join('\n'));
  let kept: ObjectSet<Ref> | undefined;
  const result = analyzeResolved(sources, resolved, options.namespace, { keep: set => { kept = set; } }, passes);
  const mapper = new AccessMapper(kept!);
  return {
    result,
    services: { [Symbol.iterator]: () => accessOf(mapper) },
    mapper,
  };
}

/** @internal the access map alone, made as `services` is iterated */
export interface LazyMap {
  /** The analysis without the map (its `services` is empty): findings (with `rules`), what was skipped, how many objects. */
  readonly result: AnalysisResult;
  /** The Services, each mapped as it is reached (each iteration maps again). */
  readonly services: Iterable<ServiceAccess>;
  /** The Services by number, in `services`' order, each mapped when asked for. */
  readonly mapper: AccessMapper<Ref>;
}

/** How an analysis maps access: not at all, whole, or not yet (the set is kept, to be mapped one Service at a time). */
type MapAs = boolean | { readonly keep: (set: ObjectSet<Ref>) => void };

/**
 * @internal
 * The object rules' findings of documents already checked, by the document's text as read (a
 * YAML document or a JSON value, and the item of a `List`): `diff` checks HEAD after BASE with
 * the same settings, and a document a change left alone parses to the same object, which the
 * object rules (pure functions of the object and the settings) find the same things in. Only
 * the object rules: the rules across objects run over every object of each set.
 */
export class ObjectFindingsMemo {
  private static readonly NONE: readonly Violation[] = Object.freeze([]);
  /** By the way a document was read (JSON or YAML, and its item), then by its text. */
  private readonly byDocument = new Map<string, Map<string, readonly Violation[]>>();
  private recording = true;
  /** The last file's text and how it was read (the objects come file by file). */
  private file?: { readonly text: string; readonly how: string };

  /** From now on findings are only looked up (HEAD), no more kept. */
  public stopRecording(): void {
    this.recording = false;
  }

  /** The object rules' findings of an object: of its document's text, when seen before. */
  public check(kind: string, m: unknown, ctx: ResolvedSettings['ctx']): Violation[] {
    const at = locationOf(m);
    if (at === undefined) return checkObject(kind, m, ctx);
    if (at.text !== this.file?.text) this.file = { text: at.text, how: isJsonStream(at.text) ? 'json' : 'yaml' };
    const how = at.prefix.length ? `${this.file.how} ${renderFieldPath(at.prefix)}` : this.file.how;
    // a slice of the file's text is hashed and kept without a copy of its characters
    const doc = at.text.slice(at.start, at.end);
    let texts = this.byDocument.get(how);
    const seen = texts?.get(doc);
    if (seen !== undefined) return seen.slice();
    const found = checkObject(kind, m, ctx);
    if (!this.recording) return found;
    if (texts === undefined) this.byDocument.set(how, texts = new Map());
    texts.set(doc, found.length ? found.slice() : ObjectFindingsMemo.NONE);
    return found;
  }
}

/** @internal What an analysis runs besides reading the objects, and how. */
export interface AnalysisPasses {
  /** Whether the rules run (false: the access map alone). Default true. */
  readonly rules?: boolean;
  /** The object rules' findings of documents seen before (the diff's second set). */
  readonly memo?: ObjectFindingsMemo;
  /** Findings' fields left unplaced, each given to this (the diff places only new findings). */
  readonly unplaced?: Unplaced;
}

/** @internal analyzeManifests with settings already resolved (once, by the caller) */
export function analyzeResolved(sources: ManifestSource[], resolved: ResolvedSettings, namespace: string | undefined,
  routes: MapAs, passes: AnalysisPasses = {}): AnalysisResult {
  const { rules = true, memo, unplaced } = passes;
  const { config, ctx } = resolved;
  const findings: ManifestFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const skipped: string[] = [];
  const subjects: Array<Subject<Ref>> = [];
  const own = new Map<Ref, Violation[]>();

  for (const source of sources) {
    const m = source.manifest;
    const recognized = recognize(m);
    if (recognized.status === 'not-read') {
      const name = text(metadataOf(m).name ?? '?');
      // a kind of ours by name, of another API (Istio's Gateway, Knative's Service): say which
      const other = kindDefinition(recognized.kind) !== undefined ? ` of ${recognized.apiVersion || 'no apiVersion'}` : '';
      skipped.push(`${recognized.kind || text(obj(m).kind)}${other} ${name}${source.file ? ` (${source.file})` : ''}`);
      continue;
    }
    const kind = recognized.def.kind;
    const ref: Ref = { source, kind };
    if (!rules) {
      if (recognized.status === 'read') subjects.push({ ref, kind, manifest: m });
      continue;
    }
    if (recognized.status !== 'read') {
      // another schema's fields: one finding for the version, none for the fields, and no part in the wiring
      own.set(ref, stamp(objectApiVersion, [apiVersionIssue(recognized)!], false));
      continue;
    }
    own.set(ref, !recognized.def.checked ? [] : memo ? memo.check(kind, m, ctx) : checkObject(kind, m, ctx));
    subjects.push({ ref, kind, manifest: m });
  }

  const set = new ObjectSet<Ref>(subjects, namespace);
  if (!rules) return { findings, suppressed, services: mapped(set, routes), skipped, objectCount: sources.length };
  const found = checkApp(set, { describe: describeRef, danglingOnlyWhereWorkloads: false, construct: false });
  const app = attachAppFindings(found, ref => ref.source.manifest);
  for (const [ref, violations] of app.byRef) own.get(ref)!.push(...violations);

  own.forEach((violations, ref) => {
    const applied = applyRules(violations, ref.source.manifest, config, app.usedElsewhere.get(ref));
    for (const v of applied.reported) findings.push(toFinding(ref, v, set.defaultNamespace, unplaced));
    for (const v of applied.suppressed) {
      suppressed.push({ ...toFinding(ref, v, set.defaultNamespace, unplaced), reason: (v as SuppressedViolation).reason });
    }
  });

  // the access map only where it is printed (`routes`, the public API): `check` does not compute it
  return { findings, suppressed, services: mapped(set, routes), skipped, objectCount: sources.length };
}

/** The access map as asked: none, all of it, or none yet (the set given to `keep`). */
function mapped(set: ObjectSet<Ref>, routes: MapAs): ServiceAccess[] {
  if (typeof routes === 'object') {
    routes.keep(set);
    return [];
  }
  return routes ? mapAccess(set) : [];
}

/**
 * @internal
 * Where a finding's field is placed later, or not at all: its line is its object's until then.
 * `diff` places only the findings new in HEAD (placing a field parses its document again).
 */
export type Unplaced = (f: ManifestFinding, source: ManifestSource) => void;

function toFinding(ref: Ref, v: Violation, defaultNamespace: string, unplaced?: Unplaced): ManifestFinding {
  const m = ref.source.manifest;
  const f: ManifestFinding = {
    rule: v.rule,
    severity: v.severity ?? Severity.ERROR,
    kind: ref.kind,
    namespace: namespaceOf(m, defaultNamespace),
    name: text(obj(obj(m).metadata).name ?? ''),
    field: v.field,
    path: parseFieldPath(v.field),
    type: v.type ?? FindingType.INVALID,
    value: v.value,
    message: v.message,
    fix: v.fix,
    file: ref.source.file,
    ...(unplaced ? { line: ref.source.line, column: undefined, objectLine: ref.source.line } : findingPlace(ref.source, v.field)),
    constructPath: ref.source.constructPath,
  };
  unplaced?.(f, ref.source);
  return f;
}

/** A finding's line and column (its field's), and its object's line. */
function findingPlace(source: ManifestSource, field: string): { line?: number; column?: number; objectLine?: number } {
  const at = source.file === undefined ? undefined : fieldPosition(source.manifest, field);
  return { line: at?.line ?? source.line, column: at?.column, objectLine: source.line };
}

/** @internal A finding made `Unplaced`, with its field's line and column (its object still held). */
export function placeFinding(f: ManifestFinding, source: ManifestSource): ManifestFinding {
  return { ...f, ...findingPlace(source, f.field) };
}

/**
 * The manifest checker and access map, for any Kubernetes objects: the same rules the
 * constructs run, over Deployments, StatefulSets, DaemonSets, Pods, Services, Ingresses
 * and EndpointSlices however they were made.
 */
export class ManifestAnalyzer {
  /**
   * Analyzes parsed objects: findings (errors and warnings with rule ids and field paths)
   * and, for each Service, every way it is reached. Throws for bad options.
   */
  public static analyze(sources: ManifestSource[], options: AnalyzeOptions = {}): AnalysisResult {
    return analyzeManifests(sources, options);
  }

  /**
   * Reads YAML files or folders (multi-document, `List` objects flattened) and analyzes them.
   * Throws with one line per unreadable file or document.
   */
  public static analyzeFiles(paths: string[], options: AnalyzeOptions = {}): AnalysisResult {
    const read = readManifests(paths);
    if (read.errors.length > 0) throw new Error(read.errors.join('\n'));
    return analyzeManifests(read.sources, options);
  }

  private constructor() {}
}

/** @internal docs/rules.md: the catalog, with the finding each rule's example gives */
export function rulesDocument(): string {
  return rulesMarkdown(Rules.all(), objects => {
    const result = analyzeManifests(objects.map(manifest => ({ manifest })), {}, false);
    return [...result.findings, ...result.suppressed];
  });
}
