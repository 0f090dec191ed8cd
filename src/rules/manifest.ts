/*
 * Plain shapes of the manifests the rules read. Rules see the objects exactly as they are
 * synthesized (or parsed from YAML), so the same rule serves the constructs and the linter.
 * Every field is optional and loosely typed: parsed YAML may hold anything.
 */

export interface ObjectMeta {
  readonly name?: any;
  readonly namespace?: any;
  readonly labels?: { [key: string]: any };
  readonly annotations?: { [key: string]: any };
}

export interface PlainServicePort {
  readonly name?: any;
  readonly port?: any;
  readonly targetPort?: any;
  readonly nodePort?: any;
  readonly protocol?: any;
  readonly appProtocol?: any;
}

export interface ServiceManifest {
  readonly apiVersion?: any;
  readonly kind?: any;
  readonly metadata?: ObjectMeta;
  readonly spec?: {
    readonly type?: any;
    readonly clusterIP?: any;
    readonly selector?: { [key: string]: any };
    readonly ports?: PlainServicePort[];
    readonly externalName?: any;
    readonly sessionAffinity?: any;
    readonly sessionAffinityConfig?: { readonly clientIP?: { readonly timeoutSeconds?: any } };
    readonly externalTrafficPolicy?: any;
    readonly internalTrafficPolicy?: any;
    readonly loadBalancerSourceRanges?: any[];
    readonly publishNotReadyAddresses?: any;
  };
}

export interface PlainContainerPort {
  readonly name?: any;
  readonly containerPort?: any;
  readonly protocol?: any;
  readonly hostPort?: any;
}

export interface PlainProbe {
  readonly httpGet?: { readonly port?: any; readonly path?: any };
  readonly tcpSocket?: { readonly port?: any };
  readonly grpc?: { readonly port?: any };
  readonly successThreshold?: any;
  readonly [key: string]: any;
}

export interface PlainContainer {
  readonly name?: any;
  readonly image?: any;
  readonly ports?: PlainContainerPort[];
  readonly livenessProbe?: PlainProbe;
  readonly readinessProbe?: PlainProbe;
  readonly startupProbe?: PlainProbe;
  readonly [key: string]: any;
}

export interface PodTemplate {
  readonly metadata?: ObjectMeta;
  readonly spec?: { readonly containers?: PlainContainer[]; readonly initContainers?: PlainContainer[]; readonly [key: string]: any };
}

export interface WorkloadManifest {
  readonly apiVersion?: any;
  readonly kind?: any;
  readonly metadata?: ObjectMeta;
  readonly spec?: {
    readonly replicas?: any;
    readonly selector?: { readonly matchLabels?: { [key: string]: any }; readonly matchExpressions?: any[] };
    readonly template?: PodTemplate;
    readonly [key: string]: any;
  };
}

export interface PlainIngressBackend {
  readonly service?: { readonly name?: any; readonly port?: { readonly name?: any; readonly number?: any } };
  readonly resource?: any;
}

export interface PlainIngressPath {
  readonly path?: any;
  readonly pathType?: any;
  readonly backend?: PlainIngressBackend;
}

export interface PlainIngressRule {
  readonly host?: any;
  readonly http?: { readonly paths?: PlainIngressPath[] };
}

export interface IngressManifest {
  readonly apiVersion?: any;
  readonly kind?: any;
  readonly metadata?: ObjectMeta;
  readonly spec?: {
    readonly ingressClassName?: any;
    readonly defaultBackend?: PlainIngressBackend;
    readonly rules?: PlainIngressRule[];
    readonly tls?: Array<{ readonly hosts?: any[]; readonly secretName?: any }>;
  };
}

/** The effective protocol of a port: TCP when unset, as the API server defaults it. */
export function protocolOf(p: { readonly protocol?: any }): string {
  return p.protocol ?? 'TCP';
}

/** The namespace of an object, 'default' when unset. */
export function namespaceOf(m: { readonly metadata?: ObjectMeta } | undefined, fallback = 'default'): string {
  return m?.metadata?.namespace ?? fallback;
}
