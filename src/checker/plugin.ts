import { analyzeResolved, resolveOptions } from './check';
import { Severity, formatViolation } from '../model/finding';
import { ManifestSource } from '../model/object';
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
    const sources: ManifestSource[] = [];
    const pathOf = (name: string): string | undefined => context.metadata?.[name]?.path;
    for (const file of context.manifests as string[]) {
      for (const manifest of context.parseManifest(file) as any[]) {
        if (manifest && typeof manifest === 'object') sources.push({ manifest, file, constructPath: pathOf(manifest.metadata?.name) });
      }
    }
    const result = analyzeResolved(sources, resolved, undefined, false);
    // one violation per rule id, so that spec.ports[0] and spec.ports[1] are one rule
    const byRule = new Map<string, { messages: string[]; fixes: Set<string>; resources: any[] }>();
    let failed = false;
    for (const f of result.findings) {
      failed = failed || f.severity === Severity.ERROR;
      let entry = byRule.get(f.rule);
      if (!entry) {
        entry = { messages: [], fixes: new Set(), resources: [] };
        byRule.set(f.rule, entry);
      }
      entry.messages.push(`${f.severity}: ${formatViolation(f, { subject: `${f.kind} ${f.namespace}/${f.name}`, severity: false, fix: false, rule: false })}`);
      if (f.fix) entry.fixes.add(f.fix);
      entry.resources.push({ resourceName: f.name, locations: [f.field], manifestPath: f.file ?? '' });
    }
    for (const [rule, entry] of byRule) {
      context.report.addViolation({ ruleName: rule, recommendation: entry.messages.join('\n'), fix: [...entry.fixes].join('; '), violatingResources: entry.resources });
    }
    context.report.submit(failed ? 'failure' : 'success');
  }
}
