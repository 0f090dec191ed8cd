import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ExposedService, ServiceType } from '../src';
import { chart, synthError } from './util';

/*
 * The README's comparison with cdk8s-plus-27, as facts: what cdk8s-plus-27 2.9.5 writes for
 * the seed 001 scenario with mistakes, and what cdk8s-expose does with the same mistakes.
 * (cdk8s-plus output is not schema-checked here: the point is that it is invalid.)
 */
describe('compared with cdk8s-plus-27', () => {
  test('cdk8s-plus-27 writes nodePort 99999, a nodePort on a ClusterIP, and port 70000 into the YAML', () => {
    const c = chart('plus');
    const d = new kplus.Deployment(c, 'nginx', { containers: [{ image: 'nginx:latest', portNumber: 80 }] });
    d.exposeViaService({ name: 'np', serviceType: kplus.ServiceType.NODE_PORT, ports: [{ port: 8080, targetPort: 80, nodePort: 99999 }] });
    d.exposeViaService({ name: 'cip', serviceType: kplus.ServiceType.CLUSTER_IP, ports: [{ port: 70000, targetPort: 80, nodePort: 30080 }] });
    const services = Testing.synth(c).filter(m => m.kind === 'Service');
    const np = services.find(s => s.metadata.name === 'np');
    const cip = services.find(s => s.metadata.name === 'cip');
    expect(np.spec.ports[0].nodePort).toBe(99999);
    expect(cip.spec.type).toBe('ClusterIP');
    expect(cip.spec.ports[0]).toEqual(expect.objectContaining({ port: 70000, nodePort: 30080 }));
    expect(Object.keys(np.spec.selector)).toEqual(['cdk8s.io/metadata.addr']);
  });

  test('cdk8s-plus-27 defaults: non-root and read-only root filesystem, 1 CPU / 512Mi requested', () => {
    const c = chart('plus');
    new kplus.Deployment(c, 'nginx', { containers: [{ image: 'nginx:latest', portNumber: 80 }] });
    const container = Testing.synth(c).find(m => m.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, readOnlyRootFilesystem: true }));
    expect(container.resources.requests).toEqual({ cpu: '1000m', memory: '512Mi' });
  });

  test('cdk8s-plus-27 drops the ports of an ExternalName Service', () => {
    const c = chart('plus');
    new kplus.Service(c, 'ext', { type: kplus.ServiceType.EXTERNAL_NAME, externalName: 'api.acmecorp.com', ports: [{ port: 9000 }] });
    const svc = Testing.synth(c).find(m => m.kind === 'Service');
    expect(svc.spec.externalName).toBe('api.acmecorp.com');
    expect(svc.spec.ports).toBeUndefined();
  });

  test('cdk8s-plus-27 hashes Service names that are not given', () => {
    const c = chart('plus');
    new kplus.Service(c, 'web', { ports: [{ port: 80 }] });
    expect(Testing.synth(c).find(m => m.kind === 'Service').metadata.name).toMatch(/^plus-web-c8[0-9a-f]+$/);
  });

  test('cdk8s-expose fails synthesis on the same mistakes, all reported together', () => {
    const c = chart('expose');
    new ExposedService(c, 'np', { type: ServiceType.NODE_PORT, selector: { app: 'nginx' }, ports: [{ port: 8080, targetPort: 80, nodePort: 99999 }] });
    new ExposedService(c, 'cip', { selector: { app: 'nginx' }, ports: [{ port: 70000, targetPort: 80, nodePort: 30080 }] });
    const msg = synthError(c);
    expect(msg).toMatch(/\[expose\/np\] spec\.ports\[0\]\.nodePort: 99999 is outside the cluster's nodePort range/);
    expect(msg).toMatch(/\[expose\/cip\] spec\.ports\[0\]\.port: 70000 is not a valid port number/);
    expect(msg).toMatch(/\[expose\/cip\] spec\.ports\[0\]\.nodePort: 30080 is not allowed on a ClusterIP Service/);
  });
});
