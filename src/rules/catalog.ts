import { RuleInfo, listedKinds, registeredRules, lookupRule } from '../model/rule';
// Every rule module registers its rules when loaded: load them all, so the catalog is complete.
import './metadata';
import './service';
import './workload';
import './ingress';
import './gateway';
import './http-route';
import './grpc-route';
import './reference-grant';
import './gateway-routes';
import './listener-set';
import './backend-tls-policy';
import './gateway-construct';
import './service-wiring';
import './ingress-wiring';
import './workload-wiring';
import './http-route-wiring';
import './construct';
import './exposure';
import './convert';

/*
 * Rule ids are reserved by prefix, one per kind, so that a new kind adds its rules the same way:
 * metadata-*, object-* (any kind), service-*, workload-*, container-*, probe-*, ingress-*,
 * gateway-*, httproute-*, grpcroute-*, referencegrant-*, listenerset-*, backendtlspolicy-*, exemption-* (the exemptions themselves), exposure-* (diff), convert-* (convert).
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
