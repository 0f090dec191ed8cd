import { ManifestAnalyzer, AnalyzeOptions, AnalysisResult } from '../../src/checker/check';
import '../../src/rules/catalog';
import { Violation } from '../../src/model/finding';
import { CheckContext, checkObject } from '../../src/model/rule';
import { DEFAULT_GATEWAY_VERSIONS, DEFAULT_VERSIONS, VersionRange } from '../../src/model/versions';

/*
 * What the rule tests share: running the catalog's object rules on one manifest, running the
 * manifest analyzer on a set, and the manifests they start from. Findings come out as
 * `rule field severity` strings, sorted, so that a test asserts the whole list at once.
 */

/** The context of a manifest check: the default nodePort range, the default ranges (Kubernetes 1.32..1.37, Gateway API v1.4..v1.6). */
export const MANIFEST_CTX: CheckContext = {
  nodePortRange: { min: 30000, max: 32767 },
  versions: DEFAULT_VERSIONS,
  gatewayVersions: DEFAULT_GATEWAY_VERSIONS,
  construct: false,
};

/** Options of one check: a construct's severities, a version range, a nodePort range. */
export interface CheckOptions {
  readonly construct?: boolean;
  readonly versions?: VersionRange;
  readonly gatewayVersions?: VersionRange;
  readonly nodePortRange?: { readonly min: number; readonly max: number };
}

/** Every finding of the object rules of the manifest's kind. */
export function violations(manifest: any, options: CheckOptions = {}): Violation[] {
  return checkObject(manifest.kind, manifest, { ...MANIFEST_CTX, ...options });
}

/** Every finding of the object rules of the manifest's kind, as sorted `rule field severity` strings. */
export function check(manifest: any, options: CheckOptions = {}): string[] {
  return violations(manifest, options).map(v => `${v.rule} ${v.field} ${v.severity}`).sort();
}

/** The same, as a construct's manifest (construct severities), over a version range (default the default range). */
export function checkConstruct(manifest: any, versions: VersionRange = DEFAULT_VERSIONS): string[] {
  return check(manifest, { construct: true, versions });
}

/** One Kubernetes minor version as a range. */
export function only(minor: number): VersionRange {
  return { min: minor, max: minor };
}

/** Runs the manifest analyzer over plain manifests. */
export function analyze(manifests: any[], options: AnalyzeOptions = {}): AnalysisResult {
  return ManifestAnalyzer.analyze(manifests.map(manifest => ({ manifest })), options);
}

/** The findings of the analyzer, as sorted `Kind/name rule field severity` strings. */
export function analyzed(manifests: any[], options: AnalyzeOptions = {}): string[] {
  return analyze(manifests, options).findings.map(f => `${f.kind}/${f.name} ${f.rule} ${f.field} ${f.severity}`).sort();
}

/** The message of what `run` throws; fails when it does not throw. */
export function thrown(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an exception, but none was thrown');
}

/* ---- manifests ---- */

type Spec = { [k: string]: any };

/** A Service. */
export function service(spec: Spec, name: any = 'web', metadata: Spec = {}): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec };
}

/** The labels of the default workload's pods. */
export const LABELS = { app: 'web' };

/** A Deployment of one container `app` (image nginx) whose selector matches its template labels. */
export function deployment(container: Spec = {}, spec: Spec = {}, name: any = 'web', metadata: Spec = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...metadata },
    spec: {
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'app', image: 'nginx', ...container }] } },
      ...spec,
    },
  };
}

/** A Pod of one container `app` (image nginx), labelled like the default workload's pods. */
export function pod(container: Spec = {}, name: any = 'web', metadata: Spec = {}): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: LABELS, ...metadata }, spec: { containers: [{ name: 'app', image: 'nginx', ...container }] } };
}

/** An Ingress. */
export function ingress(spec: Spec, metadata: Spec = { name: 'web' }): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec };
}

/** An Ingress backend to a Service port. */
export function backend(name: any = 'web', port: any = { number: 80 }): any {
  return { service: { name, port } };
}

/** An Ingress rule of one path (default `/`, Prefix) to a backend (default web:80). */
export function rule(host?: string, path: Spec = {}): any {
  return { host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(), ...path }] } };
}
