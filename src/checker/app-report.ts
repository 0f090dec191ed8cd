import * as fs from 'fs';
import * as path from 'path';
import { key } from '../model/plain';

/*
 * What the App's own validation reported, for the validation plugin that runs after it in
 * `cdk8s synth`. The App writes it beside cdk8s' construct-metadata.json, only when cdk8s-cli
 * asks for construct metadata (it does when validation plugins are configured); the plugin
 * reads it, reports nothing the App already reported, and names each object's construct by
 * kind, namespace and name (cdk8s' metadata is keyed by name alone, so a Deployment and a
 * Service named alike share one path there).
 */

/** @internal the file's name, in the App's outdir */
export const APP_REPORT_FILE = 'cdk8s-expose-findings.json';

/** @internal one object the App knows */
export interface ReportedObject {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Its construct path. */
  readonly path: string;
}

/** @internal one finding the App reported */
export interface ReportedFinding {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly rule: string;
  readonly field: string;
  readonly message: string;
}

/** @internal what the App's validation reported */
export interface AppReport {
  readonly objects: ReportedObject[];
  readonly findings: ReportedFinding[];
}

/** @internal whether the App runs under `cdk8s synth` with validation plugins (cdk8s-cli then records construct metadata) */
export function pluginsWillRun(): boolean {
  return process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
}

/** @internal writes the App's report into its outdir */
export function writeAppReport(outdir: string, report: AppReport): void {
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, APP_REPORT_FILE), JSON.stringify({ version: 1, ...report }));
}

/** @internal the App's report beside the manifests (in their folder or the one above, for a folder per chart), if any */
export function readAppReport(manifests: readonly string[]): AppReport | undefined {
  const dirs = new Set<string>();
  for (const m of manifests) {
    dirs.add(path.dirname(m));
    dirs.add(path.dirname(path.dirname(m)));
  }
  for (const dir of dirs) {
    const file = path.join(dir, APP_REPORT_FILE);
    if (!fs.existsSync(file)) continue;
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (parsed?.version === 1 && Array.isArray(parsed.objects) && Array.isArray(parsed.findings)) return parsed;
    } catch {
      // not ours, or cut short: check everything
    }
  }
  return undefined;
}

/**
 * @internal the key of a finding, to tell whether the App reported it: its object, rule and
 * field (the wording of a cross-object finding names other objects as the App or the
 * manifests do)
 */
export function findingKey(f: Omit<ReportedFinding, 'message'>): string {
  return key(f.kind, f.namespace, f.name, f.rule, f.field);
}

/**
 * @internal
 * The findings the App did not report already: each finding the App reported takes away
 * one of the same object, rule and field.
 */
export function notReported<F extends Omit<ReportedFinding, 'message'>>(findings: readonly F[], report: AppReport | undefined): F[] {
  if (report === undefined) return [...findings];
  const left = new Map<string, number>();
  for (const f of report.findings) left.set(findingKey(f), (left.get(findingKey(f)) ?? 0) + 1);
  return findings.filter(f => {
    const n = left.get(findingKey(f)) ?? 0;
    if (n > 0) left.set(findingKey(f), n - 1);
    return n === 0;
  });
}

/** @internal the key of an object */
export function objectKey(kind: string, namespace: string, name: unknown): string {
  return key(kind, namespace, name);
}
