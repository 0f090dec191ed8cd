import { EXEMPTION_PREFIX } from '../model/exemptions';
import { Violation, formatViolation } from '../model/finding';
import { RuleInfo, registeredExamples, severityText } from '../model/rule';

/** How docs/rules.md says where a rule runs. */

/*
 * docs/rules.md and `cdk8s-expose rules --format markdown`: the catalog rendered, one
 * section per rule, each with the finding its example gives.
 */

/** @internal runs the manifest checker on a rule's example (injected to keep this module free of the analyzer) */
export type ExampleRunner = (objects: any[]) => Violation[];

const SCOPES: { readonly [scope: string]: string } = {
  object: 'one object',
  app: 'across objects',
  construct: 'constructs only (they know the objects they refer to, and their props)',
  meta: 'the checking itself (exemptions, files, API versions)',
  diff: 'two sets compared (`cdk8s-expose diff`, `cdk8s-expose convert`)',
};

/** @internal The catalog as Markdown. */
export function rulesMarkdown(rules: readonly RuleInfo[], run: ExampleRunner): string {
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated from the rule catalog (`Rules.all()`) by `npx projen docs:rules`. Do not edit: a test fails when it is stale. -->',
    '',
    'Every check of cdk8s-expose, in the constructs and on manifests alike (CLI, cdk8s plugin). Severity follows one principle:',
    'an **error** when the API server rejects the object (in every Kubernetes release of the default range 1.32 to 1.37 and every Gateway API bundle v1.4 to v1.6, unless `kubernetesVersion` or `gatewayApiVersion` names one),',
    'when it certainly breaks at runtime, or (constructs only) when a prop has no effect given the others; a **warning** when the API',
    'accepts and ignores it, or it is probably a mistake, or a later Kubernetes release relaxed the rule (the message names the version).',
    '',
    'Change a rule\'s severity App-wide with `ExposePolicy.set(app, { rules: { \'<id>\': RuleSeverity.OFF } })`, `--rule <id>=off` or the',
    `plugin's \`rules\` property; exempt one object with \`construct.ignoreRule('<id>', 'reason')\` or the annotation \`${EXEMPTION_PREFIX}<id>: <reason>\`.`,
    '',
    '| rule | kinds | severity | scope | checks |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map(r => `| [${r.id}](#${r.id}) | ${r.kinds.join(', ')} | ${severityText(r)} | ${r.scope} | ${r.summary} |`),
    '',
  ];
  for (const r of rules) {
    out.push(`## ${r.id}`, '', r.summary[0].toUpperCase() + r.summary.slice(1) + '.', '');
    out.push(`- **Prevents:** ${r.prevents}`);
    out.push(`- **Kinds:** ${r.kinds.join(', ')}; **scope:** ${SCOPES[r.scope] ?? r.scope}`);
    out.push(`- **Default severity:** ${severityText(r)}`);
    if (r.scope === 'diff') {
      out.push('- **Exempt:** not by an annotation (the change\'s author writes those): only the settings, `--rule` or the config file\'s `rules`');
    } else {
      out.push(`- **Exempt one object:** \`ignoreRule('${r.id}', '<reason>')\`, or the annotation \`${EXEMPTION_PREFIX}${r.id}: <reason>\``);
    }
    const example = registeredExamples().get(r.id);
    if (example?.objects) {
      const found = run(example.objects).find(v => v.rule === r.id);
      if (found) {
        out.push('', 'Example finding:', '', '```', formatViolation(found, { severity: false, rule: false }), '```');
      }
    } else if (example?.code) {
      out.push('', r.scope === 'diff' ? 'Example:' : 'Example (constructs only):', '', r.scope === 'diff' ? '```sh' : '```ts', example.code, '```');
    }
    out.push('');
  }
  return out.join('\n');
}
