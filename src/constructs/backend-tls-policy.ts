import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckedApiObject, copyProps } from './checked-api-object';
import { IExposedService, isExposedService } from './exposed-service';
import { Violation } from '../model/finding';
import { show } from '../model/plain';
import { backendTlsPolicySectionName } from '../rules/backend-tls-policy';
import { EXTERNAL_SERVICES_ANNOTATION } from '../rules/external-services';
import { nameFromId } from '../rules/formats';
import { GATEWAY_GROUP } from '../rules/gateway-shared';

/**
 * A well-known set of CA certificates the Gateway validates a backend's certificate with.
 */
export enum WellKnownCaCertificates {
  /** The system's CA certificates (the Gateway's trust store). */
  SYSTEM = 'System',
}

/**
 * Props of a BackendTlsPolicy.
 */
export interface BackendTlsPolicyProps {
  /**
   * The BackendTLSPolicy's `metadata.name`.
   *
   * @default - derived from the construct id
   */
  readonly name?: string;

  /**
   * The Service the Gateway connects to over TLS. The policy is emitted in the Service's
   * namespace (a policy targets Services of its own namespace).
   */
  readonly service: IExposedService;

  /**
   * The Service port the policy applies to, by number: the policy names it by its port name
   * (`sectionName`), so the port must be named.
   *
   * @default - every port of the Service
   */
  readonly port?: number;

  /**
   * The hostname the Gateway sends as SNI and checks the backend's certificate against,
   * e.g. `web.shop.svc.cluster.local`: a DNS name without a wildcard.
   */
  readonly hostname: string;

  /**
   * ConfigMaps of the Service's namespace that hold the CA certificate (key `ca.crt`) the
   * backend's certificate is validated with, at most 8. Either these or `wellKnownCaCertificates`.
   *
   * @default - none: `wellKnownCaCertificates` then
   */
  readonly caConfigMaps?: string[];

  /**
   * Validate the backend's certificate with a well-known set of CAs instead of `caConfigMaps`.
   *
   * @default - none: `caConfigMaps` then
   */
  readonly wellKnownCaCertificates?: WellKnownCaCertificates;

  /**
   * Labels of the BackendTLSPolicy.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the BackendTLSPolicy.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** The namespace of a Service as a construct sees it: its own, or the scope's Chart's. */
function serviceNamespace(scope: Construct, svc: IExposedService | undefined): string | undefined {
  if (isExposedService(svc)) return svc.effectiveNamespace;
  return svc?.namespace ?? Chart.of(scope).namespace;
}

/**
 * A gateway.networking.k8s.io/v1 BackendTLSPolicy: the Gateway connects to a Service over
 * TLS, validating the backend's certificate with a CA (ConfigMaps) or the well-known system
 * CAs, for a hostname. Targets an `ExposedService` (or `ExposedService.fromName`), all its
 * ports or one. Validated as the standard-channel CRD does, and wired to its Service.
 */
export class BackendTlsPolicy extends CheckedApiObject {
  /** The Service it targets. */
  public readonly service: IExposedService;

  /** @internal */
  public readonly _kind = 'BackendTLSPolicy';

  private readonly policyProps: BackendTlsPolicyProps;

  constructor(scope: Construct, id: string, props: BackendTlsPolicyProps) {
    const p = props ?? ({} as BackendTlsPolicyProps);
    super(scope, id, {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'BackendTLSPolicy',
      name: p.name ?? nameFromId(id),
      nameDerivedFrom: p.name === undefined ? id : undefined,
      namespace: serviceNamespace(scope, p.service),
      labels: p.labels,
      annotations: p.annotations,
    });
    this.policyProps = copyProps(p);
    this.service = p.service;
  }

  /** @internal */
  protected _renderBody(): { [key: string]: any } {
    const p = this.policyProps;
    const cas = Array.isArray(p.caConfigMaps) ? p.caConfigMaps.map(name => ({ group: '', kind: 'ConfigMap', name })) : p.caConfigMaps;
    return {
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: this.service?.name, sectionName: this.sectionName() }],
        validation: { caCertificateRefs: cas, wellKnownCACertificates: p.wellKnownCaCertificates, hostname: p.hostname },
      },
    };
  }

  /** @internal the port the props name, as the Service's port name */
  public _constructViolations(): Violation[] {
    const port = this.policyProps.port;
    const svc = this.service;
    if (port === undefined || svc === undefined || svc === null) return [];
    const issue = (message: string, fix: string): Violation[] => [{ rule: backendTlsPolicySectionName.id, field: 'spec.targetRefs[0].sectionName', message, fix }];
    if (!svc.portsKnown) return issue(`port ${show(port)}: the ports of Service ${show(svc.name)} are not known, so its name cannot be found`, 'give the ports in ExposedService.fromName, or leave port out');
    const found = svc.ports.find(sp => sp.port === port);
    if (found === undefined) return issue(`Service ${show(svc.name)} has no port ${show(port)} (ports: ${svc.ports.map(sp => sp.port).join(', ') || 'none'})`, 'name one of its ports, or leave port out');
    if (typeof found.name !== 'string' || found.name === '') return issue(`port ${show(port)} of Service ${show(svc.name)} has no name: a BackendTLSPolicy names a port by its name (sectionName)`, 'name the port, or leave port out to apply to every port');
    return [];
  }

  /** @internal a Service referenced by name is declared outside the App for the CLI and the plugin */
  protected _extraAnnotations(): { [key: string]: string } | undefined {
    const svc = this.service;
    if (svc === undefined || svc === null || isExposedService(svc) || typeof svc.name !== 'string') return undefined;
    return { [EXTERNAL_SERVICES_ANNOTATION]: svc.name };
  }

  /** The name of the port the props name, when the Service has it. */
  private sectionName(): string | undefined {
    const port = this.policyProps.port;
    const svc = this.service;
    if (port === undefined || svc === undefined || svc === null || !svc.portsKnown) return undefined;
    const name = svc.ports.find(sp => sp.port === port)?.name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  }
}
