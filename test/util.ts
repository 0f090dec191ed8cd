import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { Findings, Severity } from '../src';
import { run } from '../src/cli/main';
import { apiVersionOf, registeredKinds } from '../src/model/kinds';
import '../src/rules/catalog';

/*
 * The one place tests synthesize: every manifest any test synthesizes passes the
 * Kubernetes JSON schemas of kubernetes-models (and @kubernetes-models/gateway-api for the
 * Gateway API kinds). An unknown apiVersion/kind fails.
 */

/** The folder of the 2.0.0 Gateway API models' groups, and the marker of a kind they model. */
const ESM_MODELS = join(__dirname, '..', 'node_modules', 'gateway-api-models');
const ESM = 'esm:gateway-api-models';

/** The schema model of every kind and served version the kind registry lists (and ConfigMap, which tests emit). */
const MODELS: { [gvk: string]: string } = modelsOfRegistry();

function modelsOfRegistry(): { [gvk: string]: string } {
  const out: { [gvk: string]: string } = { 'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap' };
  for (const def of registeredKinds()) {
    for (const version of def.versions) {
      const apiVersion = apiVersionOf(def, version);
      // Gateway API: @kubernetes-models/gateway-api 0.5.x models Gateway API v1.0.0 (stricter than the
      // current standard channel in places, e.g. redirect statusCode 301/302 only); the kinds and versions
      // it lacks (ListenerSet v1, BackendTLSPolicy v1) by the 2.0.0 models (package alias gateway-api-models)
      const module = def.crd ? `@kubernetes-models/gateway-api/${apiVersion}/${def.kind}` : `kubernetes-models/${apiVersion}/${def.kind}`;
      if (resolvable(module)) out[`${apiVersion}/${def.kind}`] = module;
      else if (def.crd && existsSync(join(ESM_MODELS, apiVersion, `${def.kind}.js`))) out[`${apiVersion}/${def.kind}`] = ESM;
      // neither: a version the schema packages do not model: not emitted by the library
    }
  }
  return out;
}

function resolvable(module: string): boolean {
  try {
    require.resolve(module);
    return true;
  } catch {
    return false;
  }
}

/**
 * The 2.0.0 models are ES modules only, which this CommonJS test run cannot require: a manifest
 * of theirs is validated by a node child process that imports them. Returns the error, or undefined.
 */
function validateEsm(manifest: any): string | undefined {
  const script = [
    "import { readFileSync } from 'node:fs';",
    "const data = JSON.parse(readFileSync(0, 'utf8'));",
    'const slash = data.apiVersion.lastIndexOf(\'/\');',
    'const mod = await import(`gateway-api-models/${data.apiVersion.slice(0, slash)}/${data.apiVersion.slice(slash + 1)}`);',
    'try { new mod[data.kind](data).validate(); } catch (e) { process.stdout.write(e.message); }',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(manifest), cwd: join(__dirname, '..'), encoding: 'utf8' });
  return out === '' ? undefined : out;
}

/** Throws when the manifest does not pass its Kubernetes schema, or its kind is unknown. */
export function validateSchema(manifest: any): void {
  const gvk = `${manifest?.apiVersion}/${manifest?.kind}`;
  const modulePath = MODELS[gvk];
  if (!modulePath) throw new Error(`schema: unknown apiVersion/kind ${gvk}`);
  if (modulePath === ESM) {
    const error = validateEsm(manifest);
    if (error !== undefined) throw new Error(`schema: ${gvk} ${manifest?.metadata?.name} does not pass the schema: ${error}`);
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(modulePath);
  const Model = mod[manifest.kind];
  try {
    new Model(manifest).validate();
  } catch (e) {
    throw new Error(`schema: ${gvk} ${manifest?.metadata?.name} does not pass the schema: ${(e as Error).message}`);
  }
}

/** Synthesizes a chart (validating the whole App), schema-checks every manifest, returns them. */
export function synth(c: Chart): any[] {
  const manifests = Testing.synth(c);
  manifests.forEach(validateSchema);
  return manifests;
}

/** Synthesizes every chart of an App, schema-checks every manifest, returns them. */
export function synthApp(app: App): any[] {
  const manifests = app.charts.flatMap(c => c.toJson());
  manifests.forEach(validateSchema);
  return manifests;
}

/** Synthesizes an App to one YAML string, schema-checking every manifest in it. */
export function synthYaml(app: App): string {
  const yaml = app.synthYaml();
  for (const doc of parseAllDocuments(yaml)) validateSchema(doc.toJS());
  return yaml;
}

/** The manifests of one kind, optionally with one name. */
export function byKind(manifests: any[], kind: string, name?: string): any[] {
  return manifests.filter(m => m.kind === kind && (name === undefined || m.metadata?.name === name));
}

/** The one manifest of a kind (and name); fails if there is not exactly one. */
export function one(manifests: any[], kind: string, name?: string): any {
  const matches = byKind(manifests, kind, name);
  if (matches.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${matches.length}`);
  return matches[0];
}

/** A fresh App and Chart. The policy prints no warnings unless a test asks. */
export function chart(id = 'test', namespace?: string): Chart {
  return new Chart(Testing.app(), id, { namespace });
}

/** The error message of a synthesis that is expected to fail. */
export function synthError(scope: Construct): string {
  try {
    Testing.synth(Chart.of(scope));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail, but it passed');
}

/** The validation error lines (one per finding), without the header. */
export function errorLines(message: string): string[] {
  return message.split('\n').slice(1).map(l => l.trim()).filter(l => l.length > 0);
}

/** One finding of a failed synthesis, as structured data: construct path, rule id, field, severity. */
export interface Found {
  readonly path: string;
  readonly rule: string;
  readonly field: string;
  readonly severity: 'error' | 'warning';
}

const FINDING_LINE = /^\[(.+?)\] (warning: )?(\S+): .* \(rule ([a-z0-9-]+)\)$/;

/**
 * The findings that fail synthesis of the scope's App (its errors), from `Findings.of`;
 * fails when there is none, i.e. when synthesis would pass.
 */
export function findings(scope: IConstruct): Found[] {
  const errors = Findings.of(scope).filter(f => f.severity === Severity.ERROR);
  if (errors.length === 0) throw new Error('expected synthesis to fail, but it passed');
  return errors.map(f => ({ path: f.path, rule: f.rule, field: f.field, severity: 'error' }));
}

/** Every finding of the scope's App, errors and warnings, as `path rule field [warning]` strings. */
export function foundAll(scope: IConstruct): string[] {
  return Findings.of(scope).map(f => `${f.path} ${f.rule} ${f.field}${f.severity === Severity.WARNING ? ' warning' : ''}`);
}

/** The findings of a validation error message; every line must be a finding. */
export function parseFindings(message: string): Found[] {
  return errorLines(message).map(line => {
    const m = FINDING_LINE.exec(line);
    if (!m) throw new Error(`not a finding line: ${line}`);
    return { path: m[1], rule: m[4], field: m[3], severity: m[2] ? 'warning' : 'error' };
  });
}

/** The findings that fail synthesis as `path rule field` strings, for compact whole-list assertions. */
export function found(scope: IConstruct): string[] {
  return findings(scope).map(f => `${f.path} ${f.rule} ${f.field}`);
}

/** The findings that fail a whole App's synthesis as `path rule field` strings. */
export function foundInApp(app: App): string[] {
  return found(app);
}

/** What a run of the CLI (in process) printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in process, with standard input when given. */
export function cliWith(stdin: (() => string) | undefined, argv: string[]): CliRun {
  let out = '';
  let err = '';
  const code = run(argv, { out: s => { out += s; }, err: s => { err += s; }, stdin });
  return { code, out, err };
}

/** Runs the CLI in process. */
export function cli(...argv: string[]): CliRun {
  return cliWith(undefined, argv);
}
