import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OurFinding, CROSS_OBJECT_RULES } from './compare';
import { OracleVerdict } from './oracle';
import { ManifestAnalyzer } from '../../src';

/*
 * The Gateway API oracle (oracle/gateway/main.go, built by `npx projen oracle:build`):
 * apiextensions-apiserver's custom resource create path over the standard-channel CRDs of one
 * Gateway API bundle, read from the sigs.k8s.io/gateway-api module in the Go module cache
 * (oracle/bin/gateway-bundles.json, written by oracle/gateway/build.sh). Same JSON as the
 * Kubernetes oracle. One process per batch, never per object.
 */

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'oracle', 'bin', 'gateway-oracle');
const BUNDLES_FILE = path.join(ROOT, 'oracle', 'bin', 'gateway-bundles.json');
const MAX_OUTPUT = 2 ** 30;

/** The Kubernetes release whose apiextensions-apiserver the oracle links: our kubernetesVersion for it. */
export const GATEWAY_ORACLE_K8S = 'v1.37';

/**
 * Our findings on one object alone (cross-object rules removed), with the checker pinned to the
 * bundle the oracle judges with: gatewayApiVersion `v1.4` against the v1.4.1 CRDs, and so on.
 */
export function oursAt(bundle: string, manifest: unknown): OurFinding[] {
  const result = ManifestAnalyzer.analyze([{ manifest }], { kubernetesVersion: GATEWAY_ORACLE_K8S.slice(1), gatewayApiVersion: bundle });
  return result.findings.filter(f => !CROSS_OBJECT_RULES.has(f.rule)).map(f => ({ rule: f.rule, severity: f.severity, field: f.field }));
}

interface Bundle { readonly module: string; readonly crds: string }

function bundles(): { [minor: string]: Bundle } {
  if (!fs.existsSync(BIN) || !fs.existsSync(BUNDLES_FILE)) {
    throw new Error(`${BIN} or ${BUNDLES_FILE} is missing: run \`npx projen oracle:build\` (test:oracle does)`);
  }
  return JSON.parse(fs.readFileSync(BUNDLES_FILE, 'utf8'));
}

/** The bundles the oracle has CRDs for, e.g. `v1.4`, oldest first. */
export function gatewayBundles(): string[] {
  return Object.keys(bundles()).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

/** The sigs.k8s.io/gateway-api module version of a bundle, e.g. `v1.4.1`. */
export function gatewayModule(bundle: string): string {
  return bundles()[bundle].module;
}

function run(bundle: string, args: string[], input: string): string {
  const r = spawnSync(BIN, ['--crds', bundles()[bundle].crds, ...args], { input, maxBuffer: MAX_OUTPUT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gateway oracle ${bundle} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** The kinds (`group/version Kind`) the bundle's standard channel serves. */
export function servedKinds(bundle: string): string[] {
  return run(bundle, ['--kinds'], '').split('\n').filter(l => l.length > 0);
}

/** The API server's verdict on creating each object with the bundle's CRDs installed, in order. */
export function judgeGateway(bundle: string, objects: unknown[]): OracleVerdict[] {
  if (objects.length === 0) return [];
  const out = run(bundle, ['--jsonl'], objects.map(o => JSON.stringify(o)).join('\n') + '\n');
  const verdicts = out.split('\n').filter(l => l.length > 0).map(l => JSON.parse(l) as OracleVerdict);
  if (verdicts.length !== objects.length) throw new Error(`gateway oracle ${bundle} gave ${verdicts.length} verdicts for ${objects.length} objects`);
  return verdicts;
}
