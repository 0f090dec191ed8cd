import { RuleInfo } from '../model/rule';
import { Rules } from '../rules/catalog';

/*
 * The catalog as the rows of `rules` (the table format).
 */

function severityText(r: RuleInfo): string {
  return r.severity === r.constructSeverity ? r.severity : `${r.severity} (constructs: ${r.constructSeverity})`;
}

/** The catalog as rows: id, severity, scope, kinds, summary. */
export function ruleRows(): string[][] {
  return Rules.all().map(r => [r.id, severityText(r), r.scope, r.kinds.join(','), r.summary]);
}
