/**
 * How a Service is reached.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export enum ServiceType {
  /** A cluster-internal virtual IP, reachable only inside the cluster. The default. */
  CLUSTER_IP = 'ClusterIP',
  /** A ClusterIP, plus a port (the nodePort) opened on every node. */
  NODE_PORT = 'NodePort',
  /** A NodePort, plus an external load balancer provisioned by the cloud provider. */
  LOAD_BALANCER = 'LoadBalancer',
  /** A DNS alias (CNAME) to a name outside the cluster; selects no pods. */
  EXTERNAL_NAME = 'ExternalName',
}

/** The IP protocol of a port. */
export enum Protocol {
  /** TCP, the default. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * Whether the connections of one client go to the same pod.
 *
 * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#session-affinity
 */
export enum SessionAffinity {
  /** Every connection is balanced on its own. The default. */
  NONE = 'None',
  /** Connections from one client IP go to the same pod ("sticky sessions"). */
  CLIENT_IP = 'ClientIP',
}

/**
 * How external traffic is routed to the pods.
 *
 * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#external-traffic-policy
 */
export enum TrafficPolicy {
  /** To any ready pod in the cluster; hides the client's source IP. The Kubernetes default. */
  CLUSTER = 'Cluster',
  /** Only to pods on the node that received the traffic; keeps the client's source IP. */
  LOCAL = 'Local',
}

/**
 * How an Ingress path is matched.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types
 */
export enum PathType {
  /** Matches by URL path prefix, split by '/'. The default. */
  PREFIX = 'Prefix',
  /** Matches the URL path exactly. */
  EXACT = 'Exact',
  /** Matching is up to the IngressClass (e.g. regular expressions in ingress-nginx). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * The security context a WebApp's pods run with.
 */
export enum SecurityProfile {
  /**
   * Safe defaults that stock images such as `nginx:latest` run with: no privilege
   * escalation, the runtime's default seccomp profile. Meets the Pod Security
   * Standards "baseline" level. The default.
   */
  BASELINE = 'baseline',
  /**
   * The Pod Security Standards "restricted" level, plus a read-only root filesystem:
   * non-root, all capabilities dropped, no privilege escalation, RuntimeDefault seccomp.
   * The image must run as a non-root user (e.g. `nginxinc/nginx-unprivileged`).
   */
  RESTRICTED = 'restricted',
  /** No security context at all: the cluster's defaults apply. */
  NONE = 'none',
}

/**
 * A Service port: the port triple (port, targetPort, nodePort), plus a name and protocol.
 */
export interface ServicePort {
  /**
   * The port the Service listens on inside the cluster (1-65535).
   */
  readonly port: number;

  /**
   * The port on the pods that traffic goes to: a number (1-65535), or the name of a
   * container port (an IANA service name, at most 15 characters).
   *
   * @default - the same as `port`
   */
  readonly targetPort?: number | string;

  /**
   * The port opened on every node (NodePort and LoadBalancer Services only), inside the
   * cluster's nodePort range (30000-32767 unless the cluster sets another range).
   *
   * @default - the cluster allocates a free port from its range
   */
  readonly nodePort?: number;

  /**
   * The port's name, a DNS label. Ingress backends and Endpoints refer to it.
   * Required when the Service has more than one port.
   *
   * @default - no name
   */
  readonly name?: string;

  /**
   * The IP protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;

  /**
   * The application protocol, a qualified name such as `http`, `https` or `kubernetes.io/h2c`.
   *
   * @default - none
   */
  readonly appProtocol?: string;
}

/**
 * A port a container listens on.
 */
export interface ContainerPort {
  /**
   * The port number (1-65535).
   */
  readonly containerPort: number;

  /**
   * The port's name: an IANA service name (at most 15 lowercase letters, digits and '-'),
   * unique in the container. Services refer to it as a named targetPort.
   *
   * @default - no name
   */
  readonly name?: string;

  /**
   * The IP protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}
