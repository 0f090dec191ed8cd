import { ApiObject, ApiObjectMetadataDefinition, Chart, ApiObjectMetadataDefinitionOptions, App, ImplicitTokenResolver, JsonPatch, LazyResolver, NumberStringUnionResolver, OwnerReference, resolve } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Memo, Participant, Registry } from './registry';
import { EXEMPTION_PREFIX } from '../model/exemptions';
import { Severity, Violation } from '../model/finding';
import { show } from '../model/plain';
import { CheckContext } from '../model/rule';
import { objectNameDerived, objectPropType } from '../rules/construct';

/*
 * The one way this library's constructs emit: each construct IS its API object. It renders
 * a plain manifest once per change of the App's model, with the JSON patches added with
 * `addJsonPatch` applied, the rules check that object, and `toJson()` emits exactly that
 * object (its rendering is side-effect free). There is no second, typed
 * copy, and no child node: an App of these constructs has as many construct nodes as one
 * of raw ApiObjects, which matters because cdk8s walks every node once per Chart it
 * synthesizes.
 */

/** What a construct tells the base about its object. */
export interface CheckedObjectProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** The construct id the name was derived from, when no name was given. */
  readonly nameDerivedFrom?: string;
  /** The object's own namespace (the Chart's applies when unset). */
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/**
 * @internal
 * The base of WebApp, ExposedService and IngressRoute. Not exported from the package: jsii
 * lists its public members on each subclass.
 */
export abstract class CheckedApiObject extends ApiObject implements Participant {
  /**
   * @internal
   * `x instanceof WebApp` means what it says: ApiObject redefines `instanceof` to mean
   * "is any ApiObject", which would make every ApiObject a WebApp.
   */
  public static [Symbol.hasInstance]<T extends ApiObject>(this: abstract new (...args: any[]) => T, o: unknown): o is T {
    return typeof o === 'object' && o !== null && Object.prototype.isPrototypeOf.call(this.prototype, o);
  }

  /** @internal */
  public abstract readonly _kind: string;

  private readonly registry: Registry;
  private readonly declaredNamespace?: string;
  private readonly jsonPatches: JsonPatch[] = [];
  private readonly propIssues: Violation[] = [];
  private rendered?: Memo<any>;
  /** Why the JSON patches did not apply to the last rendering (toJson() throws it). */
  private patchError?: unknown;

  constructor(scope: Construct, id: string, props: CheckedObjectProps) {
    super(scope, id, { apiVersion: props.apiVersion, kind: props.kind, metadata: { name: props.name } });
    this.registry = Registry.of(this);
    this.declaredNamespace = props.namespace;
    // `metadata.addLabel()` and its siblings change the model like any mutator: the
    // rendered manifest, which the rules check, carries what they add.
    (this as { metadata: ApiObjectMetadataDefinition }).metadata = new TrackedMetadata({
      name: props.name,
      namespace: props.namespace ?? this.chart.namespace,
      labels: props.labels,
      annotations: props.annotations,
      apiObject: this,
    }, () => this.registry.touch());
    this.registry.register(this);
    if (props.nameDerivedFrom !== undefined && props.nameDerivedFrom !== props.name) {
      this.propIssues.push({
        rule: objectNameDerived.id,
        field: 'metadata.name',
        severity: Severity.WARNING,
        message: `the construct id ${show(props.nameDerivedFrom)} is not a DNS label, so the name ${show(props.name)} was derived from it`,
        fix: `pass name: ${show(props.name)}, or use an id that is a DNS label`,
      });
    }
    if (props.namespace === undefined && this.chart.namespace !== undefined && !FIRST_OF_CHART.has(this.chart)) FIRST_OF_CHART.set(this.chart, this);
  }

  /**
   * @internal
   * What this construct knows beyond its manifest, for its object rules: whether a bad
   * Chart namespace is reported by another object of the Chart (it is reported once).
   */
  public _checkContext(base: CheckContext): CheckContext {
    const inherited = this.declaredNamespace === undefined && this.chart.namespace !== undefined;
    return inherited && FIRST_OF_CHART.get(this.chart) !== this ? { ...base, chartNamespaceReported: true } : base;
  }

  /**
   * @internal
   * Every mutator calls this: the model changed, cached results are stale.
   */
  protected _modelChanged(): void {
    this.registry.touch();
  }

  /**
   * Applies RFC-6902 JSON patches to the emitted manifest: what this library does not model
   * (volumes, affinity, tolerations, ...). The App's validation checks the patched manifest,
   * so a patch that breaks a checked field is a finding at synth, with or without the plugin.
   */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.jsonPatches.push(...ops);
    this._modelChanged();
  }

  /**
   * The manifest as emitted: the very object the rules checked, with the JSON patches
   * applied, keys in the order cdk8s emits them (apiVersion, kind, metadata, then sorted).
   */
  public toJson(): any {
    try {
      // The checked object goes to the caller, who may change it (JSON patches do), so this
      // construct lets go of it: a later read renders the manifest again. Validation results
      // are remembered apart from it, so validating again does not need it.
      const json = this._manifest();
      this.rendered = undefined;
      if (this.patchError !== undefined) throw this.patchError;
      const result: any = {};
      for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) {
        if (k in json) result[k] = json[k];
      }
      return result;
    } catch (e) {
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
  }

  /**
   * @internal
   * The manifest exactly as it is emitted (plain JSON, keys sorted as cdk8s sorts them, no
   * undefined values, the effective namespace filled in, the JSON patches applied), computed
   * once per change of the App's model (and again after `toJson()` handed it out). The rules
   * check this object; `toJson()` emits it. When a patch does not apply, the rules check the
   * manifest without the patches and `toJson()` throws, as cdk8s does for any ApiObject.
   */
  public _manifest(): any {
    this.rendered = this.registry.cached(this.rendered, () => this.patched(this.canonical(this.renderManifest())));
    return this.rendered.value;
  }

  private patched(manifest: any): any {
    this.patchError = undefined;
    if (this.jsonPatches.length === 0) return manifest;
    try {
      return JsonPatch.apply(JSON.parse(JSON.stringify(manifest)), ...this.jsonPatches);
    } catch (e) {
      this.patchError = e;
      return manifest;
    }
  }

  /**
   * Exempts this object from one rule, with the reason: the finding is not reported (the
   * CLI's JSON output lists it as suppressed). Written as the annotation
   * `ignore-check.cdk8s-expose.io/<id>: <reason>` of the emitted object, so the CLI and the
   * plugin honour the same exemption. An empty reason or an unknown id is a finding.
   *
   * @param id the rule's id, e.g. `service-selector-dangling` (see `Rules.all()`)
   * @param reason why the rule does not apply, e.g. "pods come from the upstream Helm chart"
   */
  public ignoreRule(id: string, reason: string): void {
    this.metadata.addAnnotation(EXEMPTION_PREFIX + String(id), typeof reason === 'string' ? reason : String(reason ?? ''));
  }

  /**
   * @internal
   * The findings about the props themselves (a list prop given something else).
   */
  public _propViolations(): Violation[] {
    return this.propIssues;
  }

  /**
   * @internal
   * A prop a JavaScript caller passed of the wrong shape: a finding naming the prop.
   */
  protected _propIssue(prop: string, field: string, value: unknown, expected: string): void {
    this.propIssues.push({ rule: objectPropType.id, field, message: `prop ${prop}: ${show(value)} is not ${expected}`, fix: `pass ${expected}, or leave ${prop} out` });
  }

  /**
   * @internal
   * A list prop: a copy of the list, or an empty one and a finding naming the prop when a
   * JavaScript caller passed something else.
   */
  protected _listProp<T>(value: unknown, prop: string, field: string): T[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return [...value];
    this.propIssues.push({ rule: objectPropType.id, field, message: `prop ${prop}: ${show(value)} is not a list`, fix: `pass a list, or leave ${prop} out` });
    return [];
  }

  /**
   * @internal
   * Annotations the construct derives at render time (e.g. the Services it declares as
   * outside the App), merged under the object's own.
   */
  protected _extraAnnotations(): { [key: string]: string } | undefined {
    return undefined;
  }

  /**
   * @internal
   * The parts of the manifest after metadata, e.g. `{ spec }`, as plain JSON.
   */
  protected abstract _renderBody(): { [key: string]: any };

  private renderManifest(): any {
    const meta = this.metadata as TrackedMetadata;
    const extra = this._extraAnnotations();
    const annotations = extra === undefined ? meta.ownAnnotations : { ...extra, ...meta.ownAnnotations };
    const metadata = renderMetadata(this, this.name, this.declaredNamespace, meta.ownLabels, annotations);
    return {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata: meta.hasExtraFields ? { ...meta.extraFields(), ...metadata } : metadata,
      ...this._renderBody(),
    };
  }

  /**
   * The manifest as cdk8s' ApiObject.toJson() would emit it before patches: values the App's
   * resolvers replace are replaced, null and undefined dropped, keys sorted (unless
   * CDK8S_DISABLE_SORT is set), empty arrays and objects dropped from metadata.
   */
  private canonical(manifest: any): any {
    // the built-in resolvers only replace values that are not plain JSON, which plainJson()
    // hands to resolve(); other resolvers may replace any value, so they see the whole manifest
    const resolved = hasOwnResolvers(App.of(this) as App) ? resolve([], manifest, this) : manifest;
    const sortKeys = !process.env.CDK8S_DISABLE_SORT;
    const out: any = { apiVersion: resolved.apiVersion, kind: resolved.kind, metadata: plainJson(resolved.metadata, true, true, this) };
    const keys = Object.keys(resolved);
    for (const k of sortKeys ? keys.sort() : keys) {
      if (k === 'apiVersion' || k === 'kind' || k === 'metadata') continue;
      const v = plainJson(resolved[k], sortKeys, false, this);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
}

/** The first object of each Chart that takes the Chart's namespace: it reports a bad one. */
const FIRST_OF_CHART = new WeakMap<Chart, CheckedApiObject>();

const OWN_RESOLVERS = new WeakMap<App, boolean>();

/** Whether the App has resolvers besides cdk8s' built-in ones (its resolvers are fixed when it is created). */
function hasOwnResolvers(app: App): boolean {
  let own = OWN_RESOLVERS.get(app);
  if (own === undefined) {
    own = app.resolvers.some(r => !BUILTIN_RESOLVERS.some(t => r instanceof t));
    OWN_RESOLVERS.set(app, own);
  }
  return own;
}

const BUILTIN_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/**
 * Like cdk8s' sanitizeValue: drops null and undefined values, sorts keys, optionally drops
 * empty arrays and objects. A value that is not plain JSON (a Lazy, a token) goes through
 * cdk8s' resolve() first.
 */
function plainJson(value: any, sortKeys: boolean, dropEmpty: boolean, obj: ApiObject): any {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (dropEmpty && value.length === 0) return undefined;
    return value.map(x => plainJson(x, sortKeys, dropEmpty, obj));
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const resolved = resolve([], value, obj);
    if (resolved === value) throw new Error(`can't render non-simple object of type '${value.constructor?.name}'`);
    return plainJson(resolved, sortKeys, dropEmpty, obj);
  }
  const out: any = {};
  for (const k of sortKeys ? Object.keys(value).sort() : Object.keys(value)) {
    const v = plainJson(value[k], sortKeys, dropEmpty, obj);
    if (v !== undefined) out[k] = v;
  }
  return dropEmpty && Object.keys(out).length === 0 ? undefined : out;
}

/**
 * The metadata of a construct of this library. Its mutators (`addLabel`, `addAnnotation`,
 * `addFinalizers`, `addOwnerReference`, `add`) record what they add for the rendered
 * manifest and tell the registry that the model changed.
 */
class TrackedMetadata extends ApiObjectMetadataDefinition {
  /** The object's own labels (the Chart's are merged in when rendering), and those added. */
  public readonly ownLabels: { [key: string]: string };
  /** The object's annotations, and those added. */
  public readonly ownAnnotations: { [key: string]: string };
  private readonly addedFinalizers: string[] = [];
  private readonly addedOwners: OwnerReference[] = [];
  private readonly addedFields: { [key: string]: any } = {};

  constructor(options: ApiObjectMetadataDefinitionOptions, private readonly changed: () => void) {
    super(options);
    this.ownLabels = { ...(options.labels ?? {}) };
    this.ownAnnotations = { ...(options.annotations ?? {}) };
  }

  public addLabel(key: string, value: string): void {
    super.addLabel(key, value);
    this.ownLabels[key] = value;
    this.changed();
  }

  public addAnnotation(key: string, value: string): void {
    super.addAnnotation(key, value);
    this.ownAnnotations[key] = value;
    this.changed();
  }

  public addFinalizers(...finalizers: string[]): void {
    super.addFinalizers(...finalizers);
    this.addedFinalizers.push(...finalizers);
    this.changed();
  }

  public addOwnerReference(owner: OwnerReference): void {
    super.addOwnerReference(owner);
    this.addedOwners.push(owner);
    this.changed();
  }

  public add(key: string, value: any): void {
    super.add(key, value);
    this.addedFields[key] = value;
    this.changed();
  }

  /** What the mutators added besides labels and annotations, as metadata fields. */
  public get hasExtraFields(): boolean {
    return this.addedFinalizers.length > 0 || this.addedOwners.length > 0 || Object.keys(this.addedFields).length > 0;
  }

  public extraFields(): { [key: string]: any } {
    return {
      ...this.addedFields,
      finalizers: this.addedFinalizers.length ? [...this.addedFinalizers] : undefined,
      ownerReferences: this.addedOwners.length ? [...this.addedOwners] : undefined,
    };
  }
}

/**
 * @internal
 * The metadata cdk8s emits for an object of a construct: the Chart's labels merged under
 * the object's own (as ApiObject does), and the Chart's namespace when none is set.
 */
function renderMetadata(c: IConstruct, name: string, namespace: string | undefined,
  labels: { [key: string]: string } | undefined, annotations: { [key: string]: string } | undefined): any {
  const chart = Chart.of(c);
  const merged = { ...chart.labels, ...(labels ?? {}) };
  return {
    name,
    namespace: namespace ?? chart.namespace,
    labels: Object.keys(merged).length ? merged : undefined,
    annotations,
  };
}

/**
 * @internal
 * A deep copy of a construct's props, taken at construction (and of what a mutator adds):
 * plain objects and arrays are copied, anything else (a construct it refers to, a Lazy) is
 * kept as it is. A later change to the caller's object then changes neither the checks nor
 * the output: mutators are the one way to change a construct.
 */
export function copyProps<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyProps) as any;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) {
      // a `__proto__` key stays an own key (an assignment would set the prototype): the rules name it
      if (k === '__proto__') Object.defineProperty(out, k, { value: copyProps(v), enumerable: true, writable: true, configurable: true });
      else out[k] = copyProps(v);
    }
    return out;
  }
  return value;
}

/** @internal whether a value is an object one can read props from (not null, not a list) */
export function isObject(value: unknown): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
