import { objectKey, notReported, readAppReport } from './app-report';
import { analyzeResolved, resolveOptions } from './check';
import { Severity, formatViolation } from '../model/finding';
import { ManifestSource, namespaceOf } from '../model/object';
import { RuleSettings } from '../model/settings';

/**
 * Properties of the cdk8s validation plugin, as `properties:` in cdk8s.yaml.
 */
export interface ExposeValidationProps extends RuleSettings {
  /**
   * The old spelling of `warningsAsErrors`.
   *
   * @deprecated use warningsAsErrors
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/**
 * A cdk8s validation plugin: `cdk8s synth` runs every Service, Deployment and Ingress rule
 * and every wiring check of cdk8s-expose over all manifests of the app, whatever built
 * them (cdk8s-plus, raw ApiObjects, included YAML). List it in cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-expose
 *     version: 0.0.0
 *     class: ExposeValidation
 * ```
 */
export class ExposeValidation {
  private readonly props: ExposeValidationProps;

  constructor(props: ExposeValidationProps = {}) {
    this.props = props;
  }

  /**
   * Validates the manifests of `context` (a cdk8s-cli `ValidationContext`) and submits
   * the report: one violation per finding, with the construct path when cdk8s recorded
   * construct metadata.
   */
  public async validate(context: any): Promise<void> {
    const props = this.props;
    if (props.failOnWarnings !== undefined) {
      process.stderr.write('cdk8s-expose: the plugin property failOnWarnings is deprecated; use warningsAsErrors\n');
    }
    const options = { ...props, warningsAsErrors: props.warningsAsErrors ?? props.failOnWarnings ?? false };
    const resolved = resolveOptions(options);
    if (Array.isArray(resolved)) throw new Error(`cdk8s-expose plugin properties: ${resolved.join('; ')}`);
    // what the App's own validation reported (cdk8s-expose's constructs in the App), and its construct paths
    const app = readAppReport(context.manifests);
    const paths = new Map((app?.objects ?? []).map(o => [objectKey(o.kind, o.namespace, o.name), o.path]));
    const parsed: Array<{ manifest: any; file: string }> = [];
    const names = new Map<unknown, number>();
    for (const file of context.manifests as string[]) {
      for (const manifest of context.parseManifest(file) as any[]) {
        if (!manifest || typeof manifest !== 'object') continue;
        parsed.push({ manifest, file });
        names.set(manifest.metadata?.name, (names.get(manifest.metadata?.name) ?? 0) + 1);
      }
    }
    // cdk8s' construct metadata is keyed by name alone: a path for a name two objects share may be the other's
    const pathOf = (m: any): string | undefined => paths.get(objectKey(m.kind, namespaceOf(m), m.metadata?.name))
      ?? (names.get(m.metadata?.name) === 1 ? context.metadata?.[m.metadata?.name]?.path : undefined);
    const sources: ManifestSource[] = parsed.map(({ manifest, file }) => ({ manifest, file, constructPath: pathOf(manifest) }));
    const result = analyzeResolved(sources, resolved, undefined, false);
    const refOf = (m: any) => objectKey(String(m.kind), namespaceOf(m), m.metadata?.name);
    const byRef = new Map(sources.map(s => [refOf(s.manifest), s.constructPath] as const));
    // one violation per rule id, so that spec.ports[0] and spec.ports[1] are one rule
    const byRule = new Map<string, { messages: string[]; fixes: Set<string>; resources: any[] }>();
    let failed = false;
    for (const f of notReported(result.findings, app)) {
      failed = failed || f.severity === Severity.ERROR;
      let entry = byRule.get(f.rule);
      if (!entry) {
        entry = { messages: [], fixes: new Set(), resources: [] };
        byRule.set(f.rule, entry);
      }
      // the report looks the construct path up by resourceName: a shared name gets none rather than another object's, and the message says it
      const shared = (names.get(f.name) ?? 0) > 1;
      const at = shared ? byRef.get(objectKey(f.kind, f.namespace, f.name)) : undefined;
      const subject = `${f.kind} ${f.namespace}/${f.name}${at ? ` [${at}]` : ''}`;
      entry.messages.push(`${f.severity}: ${formatViolation(f, { subject, severity: false, fix: false, rule: false })}`);
      if (f.fix) entry.fixes.add(f.fix);
      entry.resources.push({ resourceName: shared ? `${f.kind} ${f.namespace}/${f.name}` : f.name, locations: [f.field], manifestPath: f.file ?? '' });
    }
    for (const [rule, entry] of byRule) {
      context.report.addViolation({ ruleName: rule, recommendation: entry.messages.join('\n'), fix: [...entry.fixes].join('; '), violatingResources: entry.resources });
    }
    context.report.submit(failed ? 'failure' : 'success');
  }
}
