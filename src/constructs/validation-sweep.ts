import { IConstruct } from 'constructs';
import { Participant, Registry } from './registry';

/*
 * How the participants' findings reach cdk8s. cdk8s validates every construct of the App on
 * every validation pass, and runs one pass per Chart it synthesizes (`chart.toJson()`), so a
 * node validation costs (nodes x Charts) calls even when it has nothing to say. Instead, one
 * validation on the App root, which cdk8s validates first in every pass (it walks the tree
 * in pre-order from the root), runs once per change of the model: it computes every
 * participant's findings and gives a node validation to each participant that has some.
 * cdk8s then reports them from that node, prefixed with its path, in the same pass, as if
 * the participant had carried the validation from the start. A participant keeps its node
 * validation once it has one, so findings that appear later are reported the same way.
 */

interface Sweep {
  readonly registry: Registry;
  readonly participants: Participant[];
  /** Participants that carry their own node validation. */
  readonly validated: Set<Participant>;
  /** Run first in every pass: re-read what may change outside this library's API. */
  readonly refreshers: Array<() => void>;
  /** The model version of the last sweep. */
  version: number;
}

const SWEEPS = new WeakMap<IConstruct, Sweep>();

function sweepOf(c: IConstruct): Sweep {
  const root = c.node.root;
  let sweep = SWEEPS.get(root);
  if (sweep === undefined) {
    const s: Sweep = { registry: Registry.of(root), participants: [], validated: new Set(), refreshers: [], version: -1 };
    root.node.addValidation({ validate: () => run(s) });
    SWEEPS.set(root, sweep = s);
  }
  return sweep;
}

function run(s: Sweep): string[] {
  for (const refresh of s.refreshers) refresh();
  if (s.version === s.registry.currentVersion) return [];
  for (const p of s.participants) {
    if (s.validated.has(p) || s.registry.validate(p).length === 0) continue;
    s.validated.add(p);
    p.node.addValidation({ validate: () => s.registry.validate(p) });
  }
  s.version = s.registry.currentVersion;
  return [];
}

/** Makes a participant's findings part of every validation of its App. */
export function validateFromRoot(p: Participant): void {
  sweepOf(p).participants.push(p);
}

/**
 * Runs `refresh` at the start of every validation pass of the construct's App, before the
 * findings are computed: for models that change outside this library's API.
 */
export function refreshFromRoot(c: IConstruct, refresh: () => void): void {
  sweepOf(c).refreshers.push(refresh);
}
