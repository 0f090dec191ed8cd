import { obj } from '../model/plain';

/*
 * Which load balancers stay inside a private network: the annotations the cloud providers
 * document for an internal load balancer, each with the one value that asks for it.
 * Only an exact documented value makes a LoadBalancer `cluster`: any other value, or an
 * annotation we do not know, leaves it `external` (a miss is better than a wrong "internal").
 */

/** A documented internal-load-balancer annotation. */
interface InternalAnnotation {
  readonly provider: string;
  readonly key: string;
  readonly value: string;
}

/** The AWS Load Balancer Controller's scheme annotation: when set, it decides (it takes precedence over the legacy `-internal`). */
export const AWS_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';

/** The annotations, as each provider documents them. */
export const INTERNAL_LOAD_BALANCER_ANNOTATIONS: readonly InternalAnnotation[] = [
  { provider: 'AWS', key: 'service.beta.kubernetes.io/aws-load-balancer-internal', value: 'true' },
  { provider: 'GCP', key: 'networking.gke.io/load-balancer-type', value: 'Internal' },
  { provider: 'GCP', key: 'cloud.google.com/load-balancer-type', value: 'Internal' },
  { provider: 'Azure', key: 'service.beta.kubernetes.io/azure-load-balancer-internal', value: 'true' },
  { provider: 'OpenStack', key: 'service.beta.kubernetes.io/openstack-internal-load-balancer', value: 'true' },
  { provider: 'Oracle Cloud', key: 'service.beta.kubernetes.io/oci-load-balancer-internal', value: 'true' },
  { provider: 'Alibaba Cloud', key: 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', value: 'intranet' },
];

/**
 * Why a LoadBalancer Service's load balancer is internal (`AWS: <key>: <value>`), or
 * undefined when it is internet-facing as far as its annotations say.
 */
export function internalLoadBalancer(manifest: unknown): string | undefined {
  const annotations = obj(obj(obj(manifest).metadata).annotations);
  const scheme = annotations[AWS_SCHEME];
  if (scheme !== undefined) {
    // the AWS Load Balancer Controller reads the scheme first: internet-facing wins over -internal
    return scheme === 'internal' ? `AWS: ${AWS_SCHEME}: internal` : undefined;
  }
  const found = INTERNAL_LOAD_BALANCER_ANNOTATIONS.find(a => annotations[a.key] === a.value);
  return found ? `${found.provider}: ${found.key}: ${found.value}` : undefined;
}
