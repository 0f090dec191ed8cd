import { RuleInfo, listedKinds, registeredRules, lookupRule } from './rule';
// Every rule module registers its rules when loaded: load them all, so the catalog is complete.
import '../rules/metadata';
import '../rules/service';
import '../rules/workload';
import '../rules/ingress';
import '../rules/gateway';
import '../rules/http-route';
import '../rules/reference-grant';
import '../rules/gateway-routes';
import '../rules/gateway-construct';
import '../rules/service-wiring';
import '../rules/ingress-wiring';
import '../rules/http-route-wiring';
import '../rules/construct';

/*
 * Rule ids are reserved by prefix, one per kind, so that a new kind adds its rules the same way:
 * metadata-*, object-* (any kind), service-*, workload-*, container-*, probe-*, ingress-*,
 * gateway-*, httproute-*, referencegrant-*, exemption-* (the exemptions themselves).
 */

/** A rule as the catalog lists it: the kinds of a rule of every kind spelled out. */
function spelledOut(info: RuleInfo): RuleInfo {
  return { ...info, kinds: listedKinds(info) };
}

/**
 * The catalog of every check cdk8s-expose runs, in the constructs and on manifests alike.
 */
export class Rules {
  /** Every rule, sorted by id. */
  public static all(): RuleInfo[] {
    return [...registeredRules().values()].map(spelledOut).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * The rule of an id. Throws for an unknown id, naming the closest one.
   */
  public static get(id: string): RuleInfo {
    const info = lookupRule(id);
    if (typeof info === 'string') throw new Error(info);
    return spelledOut(info);
  }

  private constructor() {}
}
