import { ManifestSource, analyzeManifests } from './lint/analyze';
import { NodePortRange } from './rules/service';
import { Severity } from './rules/violation';

/**
 * Properties of the cdk8s validation plugin, as `properties:` in cdk8s.yaml.
 */
export interface ExposeValidationProps {
  /**
   * The clusters' nodePort range.
   *
   * @default - 30000-32767
   */
  readonly nodePortRange?: NodePortRange;

  /**
   * How a Service selector that matches no workload is reported.
   *
   * @default Severity.WARNING
   */
  readonly danglingSelectors?: Severity;

  /**
   * Fail the validation on warnings too.
   *
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
    const sources: ManifestSource[] = [];
    const pathOf = (name: string): string | undefined => context.metadata?.[name]?.path;
    for (const file of context.manifests as string[]) {
      for (const manifest of context.parseManifest(file) as any[]) {
        if (manifest && typeof manifest === 'object') sources.push({ manifest, file, constructPath: pathOf(manifest.metadata?.name) });
      }
    }
    const result = analyzeManifests(sources, { nodePortRange: this.props.nodePortRange, danglingSelectors: this.props.danglingSelectors });
    let failed = false;
    for (const f of result.findings) {
      const isError = f.severity === Severity.ERROR;
      failed = failed || isError || (this.props.failOnWarnings ?? false);
      const fix = f.message.includes('; ') ? f.message.slice(f.message.lastIndexOf('; ') + 2) : f.message;
      context.report.addViolation({
        ruleName: `${f.severity}: ${f.kind} ${f.field}`,
        recommendation: `${f.kind} ${f.namespace}/${f.name} ${f.field}: ${f.message}`,
        fix,
        violatingResources: [{ resourceName: f.name, locations: [f.field], manifestPath: f.file ?? '' }],
      });
    }
    context.report.submit(failed ? 'failure' : 'success');
  }
}
