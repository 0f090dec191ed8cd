import { obj, show } from './plain';

/*
 * The defaulting view: the values the API server fills in before it validates (registered v1
 * defaults, and the CRD schema defaults of the Gateway API), each written once. Rules, wiring
 * and the access map read an unset field through these, never with a default of their own.
 */

/** The effective protocol of a port: TCP when unset or "" (`SetDefaults_ServicePort`, `SetDefaults_ContainerPort`). */
export function protocolOf(p: unknown): string {
  const protocol = obj(p).protocol;
  if (protocol === undefined || protocol === null || protocol === '') return 'TCP';
  return typeof protocol === 'string' ? protocol : show(protocol);
}

/**
 * The effective targetPort of a Service port: the port itself when unset, 0 or ""
 * (`SetDefaults_Service`: "if sp.TargetPort == intstr.FromInt(0) || sp.TargetPort == intstr.FromString("")").
 */
export function targetPortOf(p: unknown): unknown {
  const sp = obj(p);
  const t = sp.targetPort;
  return t === undefined || t === null || t === 0 || t === '' ? sp.port : t;
}

/** The effective Service type: ClusterIP when unset (`SetDefaults_Service`). */
export function serviceTypeOf(spec: unknown): string {
  const type = obj(spec).type;
  return typeof type === 'string' ? type : 'ClusterIP';
}

/** The effective session affinity: None when unset (`SetDefaults_Service`). */
export function sessionAffinityOf(spec: unknown): unknown {
  return obj(spec).sessionAffinity ?? 'None';
}

/** The effective TLS mode of a Gateway listener's `tls`: Terminate when unset (the CRD schema default). */
export function listenerTlsModeOf(tls: unknown): unknown {
  return obj(tls).mode ?? 'Terminate';
}
