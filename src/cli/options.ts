import * as fs from 'fs';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { AnalyzeOptions, resolveOptions } from '../checker/check';
import { RuleSeverity } from '../model/rule';
import { ExemptionPolicy, SETTING_KEYS } from '../model/settings';

/*
 * The CLI's settings: a config file (`.cdk8s-expose.yaml` in the working directory, or
 * `--config`), overridden by flags. Every bad setting is one line; the caller exits 2.
 */

/** The file the CLI reads when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = '.cdk8s-expose.yaml';

const KEYS: readonly string[] = SETTING_KEYS;

/** What the flags of `check` say. */
export interface CheckFlags {
  readonly config?: string;
  readonly rule?: string[];
  readonly nodePortRange?: string;
  readonly kubernetesVersion?: string;
  readonly gatewayApiVersion?: string;
  readonly danglingSelectors?: string;
  readonly warningsAsErrors?: boolean;
  readonly namespace?: string;
  /** `--no-exemptions`: false */
  readonly exemptions?: boolean;
  /** `--exemptions-for a,b`: the only rules that may be exempted */
  readonly exemptionsFor?: string;
}

/** A nodePort range written `MIN-MAX`, or `{ min, max }` in the config file. */
function parseRange(value: unknown, where: string, problems: string[]): { min: number; max: number } | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as { min: number; max: number };
  const m = typeof value === 'string' ? /^(\d+)-(\d+)$/.exec(value.trim()) : null;
  if (!m) {
    problems.push(`${where}: ${JSON.stringify(value)} is not a range; use MIN-MAX, e.g. 30000-32767`);
    return undefined;
  }
  return { min: Number(m[1]), max: Number(m[2]) };
}

/** `--rule id=severity`, repeatable. */
function parseRuleFlags(flags: readonly string[], problems: string[]): { [id: string]: RuleSeverity } {
  const out: { [id: string]: RuleSeverity } = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) {
      problems.push(`--rule ${flag}: use --rule <id>=<error|warning|off>, e.g. --rule service-selector-dangling=error`);
      continue;
    }
    out[flag.slice(0, eq).trim()] = flag.slice(eq + 1).trim() as RuleSeverity;
  }
  return out;
}

/** Reads the config file, if any: the named one must exist, the default one may not. */
function readConfig(file: string | undefined, cwd: string, problems: string[]): { [key: string]: unknown } {
  const named = file !== undefined;
  const full = path.resolve(cwd, file ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    if (named) problems.push(`--config ${file}: no such file`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = jsyaml.load(text);
  } catch (e) {
    problems.push(`${file ?? DEFAULT_CONFIG_FILE}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return {};
  }
  if (parsed === undefined || parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push(`${file ?? DEFAULT_CONFIG_FILE}: not a map of settings (${KEYS.join(', ')})`);
    return {};
  }
  for (const k of Object.keys(parsed)) {
    if (!KEYS.includes(k)) problems.push(`${file ?? DEFAULT_CONFIG_FILE}: unknown setting ${JSON.stringify(k)}; the settings are ${KEYS.join(', ')}`);
  }
  return parsed as { [key: string]: unknown };
}

/**
 * The analysis options of `check`: the config file's settings, overridden by the flags.
 * Returns the problems instead when any setting is bad.
 */
export function checkOptions(flags: CheckFlags, cwd: string = process.cwd()): AnalyzeOptions | string[] {
  const problems: string[] = [];
  const config = readConfig(flags.config, cwd, problems);
  const where = flags.config ?? DEFAULT_CONFIG_FILE;
  const rangeValue = flags.nodePortRange ?? config.nodePortRange;
  const options: AnalyzeOptions = {
    rules: { ...(config.rules as object ?? {}), ...parseRuleFlags(flags.rule ?? [], problems) },
    nodePortRange: rangeValue === undefined ? undefined
      : parseRange(rangeValue, flags.nodePortRange !== undefined ? '--node-port-range' : `${where}: nodePortRange`, problems),
    kubernetesVersion: flags.kubernetesVersion ?? config.kubernetesVersion as string | undefined,
    gatewayApiVersion: flags.gatewayApiVersion ?? config.gatewayApiVersion as string | undefined,
    danglingSelectors: (flags.danglingSelectors ?? config.danglingSelectors) as any,
    warningsAsErrors: flags.warningsAsErrors ?? config.warningsAsErrors as boolean | undefined,
    namespace: flags.namespace,
    exemptions: flags.exemptions === false ? ExemptionPolicy.DENY : config.exemptions as ExemptionPolicy | undefined,
    exemptableRules: flags.exemptionsFor !== undefined ? flags.exemptionsFor.split(',').map(id => id.trim()).filter(id => id !== '')
      : config.exemptableRules as string[] | undefined,
  };
  if (problems.length === 0) {
    const resolved = resolveOptions(options);
    if (Array.isArray(resolved)) problems.push(...resolved);
  }
  return problems.length > 0 ? problems : options;
}
