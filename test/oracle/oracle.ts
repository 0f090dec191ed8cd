import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/*
 * The oracle binary (oracle/k8s/<release>/main.go, built by `npx projen oracle:build`): the
 * Kubernetes API server's create path of one release. One process per batch, never per object.
 */

/** A field error as the API server reports it (k8s.io/apimachinery field.Error). */
export interface OracleError {
  readonly type: string;
  readonly field: string;
  readonly detail: string;
  readonly value?: string;
}

/** What the API server says on create of one object. */
export interface OracleVerdict {
  readonly index: number;
  readonly kind?: string;
  readonly name?: string;
  /** validation passed (fieldValidation=Warn, or Strict when strictErrors is empty) */
  readonly accepted: boolean;
  readonly errors: OracleError[];
  /** unknown or duplicate fields: errors under kubectl's default fieldValidation=Strict, warnings under Warn */
  readonly strictErrors: string[];
  readonly warnings: string[];
  /** fields present after defaulting and gone after the strategy's PrepareForCreate */
  readonly dropped: string[];
  readonly mutated: string[];
  /** the API server's decoder could not decode it */
  readonly decodeError?: string;
  /** a kind the oracle does not judge */
  readonly unsupported?: boolean;
}

/** the most output one batch may give (spawnSync's buffer) */
const MAX_OUTPUT = 2 ** 30;
const ROOT = path.join(__dirname, '..', '..');

/** The releases the oracle is built for: one Go module each under oracle/k8s/, e.g. `v1.37`. */
export const RELEASES = fs.readdirSync(path.join(ROOT, 'oracle', 'k8s')).filter(d => /^v\d+\.\d+$/.test(d)).sort((a, b) => minor(a) - minor(b));

function minor(release: string): number {
  return Number(release.split('.')[1]);
}

/** The binary of a release; throws when `npx projen oracle:build` has not built it. */
export function oracleBinary(release: string): string {
  const bin = path.join(ROOT, 'oracle', 'bin', `oracle-${release}`);
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`npx projen oracle:build\` (test:oracle does)`);
  }
  return bin;
}

/** The release's verdict on each object, in order: one oracle process for the whole batch. */
export function judge(release: string, objects: unknown[]): OracleVerdict[] {
  if (objects.length === 0) return [];
  const input = objects.map(o => JSON.stringify(o)).join('\n') + '\n';
  const run = spawnSync(oracleBinary(release), ['--jsonl'], { input, maxBuffer: MAX_OUTPUT, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`oracle ${release} exited with ${run.status}: ${run.stderr}`);
  }
  const verdicts = run.stdout.split('\n').filter(l => l.length > 0).map(l => JSON.parse(l) as OracleVerdict);
  if (verdicts.length !== objects.length) {
    throw new Error(`oracle ${release} gave ${verdicts.length} verdicts for ${objects.length} objects: ${run.stderr}`);
  }
  return verdicts;
}

/** What kubectl reads from one file (the oracle's --yaml-twin): its objects in order, Lists flattened, and the errors of the documents it failed on. */
export interface TwinReading {
  readonly index: number;
  readonly objects: unknown[];
  readonly errors: string[];
}

/**
 * kubectl's reading of a file (apimachinery's YAMLOrJSONDecoder and sigs.k8s.io/yaml, via the
 * oracle's --yaml-twin); with `jsonl`, the input is one file per line, each as a JSON string.
 */
export function yamlTwin(release: string, input: string, jsonl = false): TwinReading[] {
  const args = jsonl ? ['--yaml-twin', '--jsonl'] : ['--yaml-twin'];
  const run = spawnSync(oracleBinary(release), args, { input, maxBuffer: MAX_OUTPUT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`oracle ${release} --yaml-twin exited with ${run.status}: ${run.stderr}`);
  return run.stdout.split('\n').filter(l => l.length > 0).map(l => JSON.parse(l) as TwinReading);
}
