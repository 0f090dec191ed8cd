import { defineKind } from '../model/kinds';

/*
 * The Gateway API route kinds of the standard channel that the rules read for their metadata and
 * their apiVersion only (config/crd/standard at v1.5.1 and v1.6.1): TLSRoute v1 is served from
 * bundle v1.5, TCPRoute and UDPRoute v1 from v1.6 (before, only the experimental channel serves
 * them, as v1alpha2). An object of another version is a warning: its fields are not checked.
 */

/** TLSRoute: v1 from bundle v1.5. */
export const TLS_ROUTE = defineKind({ kind: 'TLSRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], crd: true, checked: true, bundleSince: { v1: 5 } });
/** TCPRoute: v1 from bundle v1.6. */
export const TCP_ROUTE = defineKind({ kind: 'TCPRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], crd: true, checked: true, bundleSince: { v1: 6 } });
/** UDPRoute: v1 from bundle v1.6. */
export const UDP_ROUTE = defineKind({ kind: 'UDPRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], crd: true, checked: true, bundleSince: { v1: 6 } });
