import * as fs from 'fs';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { AnalyzeOptions, resolveOptions } from '../checker/check';
import { RuleSeverity, lookupRule } from '../model/rule';
import { ExemptionPolicy, SETTING_KEYS, foldAliases } from '../model/settings';

/*
 * The CLI's settings: a config file (`.cdk8s-expose.yaml` in the working directory, or
 * `--config`, or none with `--no-config`), overridden by flags. Every bad setting is one line;
 * the caller exits 2. Every output names the file read and every setting that differs from
 * its default (a pull request can change a config file in its own tree: the gate says so).
 */

/** The file the CLI reads when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = '.cdk8s-expose.yaml';

const KEYS: readonly string[] = SETTING_KEYS;

/** What the flags of `check` say. */
export interface CheckFlags {
  /** `--config <file>`: the only file read; `--no-config`: false, none is read */
  readonly config?: string | false;
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
function readConfig(file: string | undefined, cwd: string, problems: string[], found: (full: string) => void): { [key: string]: unknown } {
  const named = file !== undefined;
  const full = path.resolve(cwd, file ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    if (named) problems.push(`--config ${file}: no such file`);
    return {};
  }
  found(full);
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

/** Where a setting that differs from its default was set. */
export type SettingSource = 'config' | 'flag';

/** A rule whose severity differs from its default. */
export interface ChangedRule {
  readonly rule: string;
  /** Its default severity in `check` (see `rules`). */
  readonly default: string;
  /** Its severity in this run: error, warning or off. */
  readonly severity: string;
  readonly from: SettingSource;
}

/** A setting other than a rule's severity that differs from its default. */
export interface ChangedSetting {
  /** As the config file spells it, e.g. kubernetesVersion; `namespace` for `--namespace`. */
  readonly setting: string;
  readonly value: unknown;
  readonly from: SettingSource;
}

/** The settings of a run, as every output names them. */
export interface SettingsReport {
  /** The config file read, as named (`--config`) or found (`.cdk8s-expose.yaml`); null when none was read. */
  readonly configFile: string | null;
  /** Rules whose severity differs from the default, by id. */
  readonly rules: ChangedRule[];
  /** Other settings that differ from their defaults. */
  readonly settings: ChangedSetting[];
}

/** The options of a run and what they change from the defaults. */
export interface CheckSettings {
  readonly options: AnalyzeOptions;
  readonly report: SettingsReport;
  /** The config file read, as an absolute path (a folder walk skips it): undefined when none. */
  readonly configPath?: string;
}

/**
 * The analysis options of `check`: the config file's settings, overridden by the flags.
 * Returns the problems instead when any setting is bad.
 */
export function checkOptions(flags: CheckFlags, cwd: string = process.cwd()): AnalyzeOptions | string[] {
  const s = checkSettings(flags, cwd);
  return Array.isArray(s) ? s : s.options;
}

/** The settings as one line: the config file read, then what differs from the defaults. */
export function settingsLine(r: SettingsReport): string {
  const file = `settings: config file ${r.configFile ?? 'none'}`;
  if (r.rules.length === 0 && r.settings.length === 0) return `${file}, no rule or setting changed from its default`;
  const parts = [file];
  if (r.rules.length > 0) parts.push(`Rules changed: ${r.rules.map(x => `${x.rule} ${x.default} -> ${x.severity} (${x.from})`).join(', ')}`);
  if (r.settings.length > 0) parts.push(`Settings changed: ${r.settings.map(x => `${x.setting} ${settingValue(x.value)} (${x.from})`).join(', ')}`);
  return parts.join('. ');
}

function settingValue(v: unknown): string {
  if (Array.isArray(v)) return v.join(',');
  if (v !== null && typeof v === 'object') {
    const r = v as { min?: unknown; max?: unknown };
    return `${r.min}-${r.max}`;
  }
  return String(v);
}

/** What the options change from the defaults, and where each change came from. */
function settingsReport(options: AnalyzeOptions, flags: CheckFlags, configFile: string | null, ruleFlags: { [id: string]: RuleSeverity },
  config: { [key: string]: unknown }): SettingsReport {
  const rules: ChangedRule[] = [];
  const effective = foldAliases(options);
  for (const id of Object.keys(effective).sort()) {
    const info = lookupRule(id);
    if (typeof info === 'string') continue; // a retired rule: it changes nothing
    if (effective[id] === (info.severity as string)) continue;
    const fromFlag = ruleFlags[id] !== undefined || (id === 'service-selector-dangling' && flags.danglingSelectors !== undefined
      && (config.rules as { [id: string]: unknown } | undefined)?.[id] === undefined);
    rules.push({ rule: id, default: info.severity, severity: effective[id], from: fromFlag ? 'flag' : 'config' });
  }
  const settings: ChangedSetting[] = [];
  const flagged: { [setting: string]: unknown } = {
    kubernetesVersion: flags.kubernetesVersion,
    gatewayApiVersion: flags.gatewayApiVersion,
    nodePortRange: flags.nodePortRange,
    warningsAsErrors: flags.warningsAsErrors,
    namespace: flags.namespace,
    exemptions: flags.exemptions === false ? ExemptionPolicy.DENY : undefined,
    exemptableRules: flags.exemptionsFor,
  };
  const defaults: { [setting: string]: unknown } = { warningsAsErrors: false, exemptions: ExemptionPolicy.ALLOW };
  for (const setting of Object.keys(flagged)) {
    const value = (options as { [key: string]: unknown })[setting];
    if (value === undefined || value === defaults[setting]) continue;
    settings.push({ setting, value, from: flagged[setting] !== undefined ? 'flag' : 'config' });
  }
  return { configFile, rules, settings };
}

/**
 * The options of `check` (the config file's settings, overridden by the flags) and what they
 * change from the defaults. Returns the problems instead when any setting is bad.
 */
export function checkSettings(flags: CheckFlags, cwd: string = process.cwd()): CheckSettings | string[] {
  const problems: string[] = [];
  let configPath: string | undefined;
  const config = flags.config === false ? {} : readConfig(flags.config, cwd, problems, full => { configPath = full; });
  const where = flags.config || DEFAULT_CONFIG_FILE;
  const ruleFlags = parseRuleFlags(flags.rule ?? [], problems);
  const rangeValue = flags.nodePortRange ?? config.nodePortRange;
  const options: AnalyzeOptions = {
    rules: { ...(config.rules as object ?? {}), ...ruleFlags },
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
  if (problems.length > 0) return problems;
  const configFile = configPath === undefined ? null : (flags.config || DEFAULT_CONFIG_FILE);
  return { options, report: settingsReport(options, flags, configFile, ruleFlags, config), configPath };
}
