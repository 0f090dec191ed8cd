import { EXEMPTION_PREFIX } from './rules/config';
import { Registry } from './wiring/registry';

/**
 * @internal
 * The rule exemptions of one construct: each becomes the annotation
 * `ignore-check.cdk8s-expose.io/<rule-id>: <reason>` of the emitted object, so the
 * constructs, the CLI and the plugin honour the same exemption. The id and the reason are
 * checked by the exemption rules with the object's other findings, never thrown.
 */
export class Exemptions {
  private readonly reasons = new Map<string, string>();

  constructor(private readonly registry: Registry) {}

  /** Records an exemption; the model changed. */
  public add(id: string, reason: string): void {
    this.reasons.set(String(id), typeof reason === 'string' ? reason : String(reason ?? ''));
    this.registry.touch();
  }

  /** The object's annotations with the exemptions added. */
  public annotate(annotations: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
    if (this.reasons.size === 0) return annotations;
    const out: { [key: string]: string } = { ...(annotations ?? {}) };
    for (const [id, reason] of this.reasons) out[EXEMPTION_PREFIX + id] = reason;
    return out;
  }
}
