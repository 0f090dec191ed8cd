import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { ExposedService, Gateway, GatewayProtocol, HttpRoute, IngressRoute, ServiceType, WebApp } from '../src';
import { chart, found, one, synth, synthError } from './util';

/*
 * What is checked is what is emitted: props are copied at construction, so a later change
 * to the caller's objects changes neither the checks nor the YAML; and no value a
 * JavaScript caller passes makes the library throw anything but a validation error.
 */

describe('props are copied at construction', () => {
  test('changing the caller\'s props objects afterwards changes neither the YAML nor the checks', () => {
    const c = chart('demo');
    const webProps: any = { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], labels: { tier: 'web' } };
    const web = new WebApp(c, 'web', webProps);
    const svcProps: any = { type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }], namespace: undefined };
    const svc = web.expose('svc', svcProps);
    const routeProps: any = { host: 'app.example.com', paths: [{ path: '/', service: svc, port: 80 }] };
    new IngressRoute(c, 'route', routeProps);
    const gwProps: any = { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: GatewayProtocol.HTTP }] };
    const gw = new Gateway(c, 'gw', gwProps);
    const httpProps: any = { gateway: gw, hostnames: ['app.example.com'], rules: [{ path: '/', service: svc, port: 80 }] };
    new HttpRoute(c, 'http', httpProps);
    const before = Testing.synth(c);

    // every one of these would be an error, or a different object, if it reached the construct
    webProps.ports[0].name = 'Not_A_Name';
    webProps.labels.tier = 'bad value!';
    webProps.image = '';
    svcProps.ports[0].nodePort = 99999;
    svcProps.ports.push({ port: 0 });
    svcProps.namespace = 'other';
    routeProps.paths[0].path = 'no-slash';
    routeProps.host = 'Bad_Host';
    gwProps.listeners[0].port = 0;
    httpProps.rules[0].path = 'no-slash';
    httpProps.hostnames.push('10.0.0.1');

    expect(synth(c)).toEqual(before);
    expect(one(before, 'Service').spec.ports[0].nodePort).toBe(30080);
  });

  test('a mutator copies what it is given', () => {
    const c = chart('demo');
    const web = new WebApp(c, 'web', { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] });
    const port: any = { containerPort: 8080, name: 'admin' };
    web.addPort(port);
    const svc = web.expose('svc');
    const extra: any = { port: 9090, name: 'metrics' };
    svc.addPort(extra);
    port.containerPort = 0;
    extra.port = 0;
    const m = synth(c);
    expect(one(m, 'Deployment').spec.template.spec.containers[0].ports.map((p: any) => p.containerPort)).toEqual([80, 8080]);
    expect(one(m, 'Service').spec.ports.map((p: any) => p.port)).toEqual([9090]);
  });
});

describe('a list prop given something else', () => {
  test('fails when ports is not a list, naming the prop (object-prop-type)', () => {
    const c = chart('demo');
    new ExposedService(c, 'svc', { selector: { app: 'web' }, ports: { port: 80 } } as any);
    expect(found(c)).toEqual(['demo/svc object-prop-type spec.ports', 'demo/svc service-ports-required spec.ports']);
    expect(synthError(c)).toMatch(/prop ports: \{"port":80\} is not a list; pass a list, or leave ports out/);
  });

  test('fails when an IngressRoute\'s tls is not a list', () => {
    const c = chart('demo');
    new IngressRoute(c, 'route', { host: 'a.example.com', paths: [{ path: '/', service: ExposedService.fromName(c, 'api', 'api', { ports: [{ port: 80 }] }) }], tls: 'tls-secret' } as any);
    expect(found(c)).toEqual(['demo/route object-prop-type spec.tls']);
  });
});

/** Synthesizes; returns 'ok' or the first line of a validation failure; anything else thrown fails the property. */
function outcome(build: () => void): string {
  try {
    build();
  } catch (e) {
    return `constructor threw: ${(e as Error).message}`;
  }
  return 'built';
}

describe('any value a caller passes becomes a validation error, never a TypeError', () => {
  const anyValue = fc.oneof(
    fc.constant(null), fc.constant(undefined), fc.constant(NaN), fc.constant(Infinity), fc.constant(-1), fc.constant(2.5),
    fc.constant(''), fc.constant(' '), fc.constant('Bad_Value'), fc.constant([]), fc.constant([null]), fc.constant({}),
    fc.constant([[1]]), fc.constant({ toString: 5 }), fc.integer(), fc.string(), fc.boolean(),
  );

  const synthesize = (c: any) => {
    try {
      Testing.synth(c);
      return 'ok';
    } catch (e) {
      const message = (e as Error).message;
      if (message.startsWith('Validation failed with the following errors:')) return 'invalid';
      throw e;
    }
  };

  test.each<[string, string[], (v: any, key: string) => (c: any) => void]>([
    ['WebApp', ['image', 'name', 'namespace', 'replicas', 'ports', 'labels', 'podAnnotations', 'env', 'command', 'args', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'containerName', 'instance'],
      (v, k) => c => new WebApp(c, 'web', { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], [k]: v } as any)],
    ['ExposedService', ['name', 'namespace', 'type', 'ports', 'selector', 'labels', 'annotations', 'externalName', 'sessionAffinity', 'sessionAffinityTimeoutSeconds', 'externalTrafficPolicy', 'loadBalancerSourceRanges', 'headless'],
      (v, k) => c => new ExposedService(c, 'svc', { selector: { app: 'web' }, ports: [{ port: 80 }], [k]: v } as any)],
    ['IngressRoute', ['name', 'namespace', 'host', 'paths', 'rules', 'tls', 'ingressClassName', 'annotations', 'labels', 'defaultBackend'],
      (v, k) => c => new IngressRoute(c, 'route', { host: 'a.example.com', paths: [{ path: '/', service: ExposedService.fromName(c, 'api', 'api', { ports: [{ port: 80 }] }) }], [k]: v } as any)],
    ['Gateway', ['name', 'namespace', 'gatewayClassName', 'listeners', 'labels', 'annotations'],
      (v, k) => c => new Gateway(c, 'gw', { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: GatewayProtocol.HTTP }], [k]: v } as any)],
    ['HttpRoute', ['name', 'namespace', 'hostnames', 'rules', 'sectionName', 'labels', 'annotations'],
      (v, k) => c => new HttpRoute(c, 'route', {
        gateway: Gateway.fromName(c, 'gw', 'gw'),
        rules: [{ path: '/', service: ExposedService.fromName(c, 'api', 'api', { ports: [{ port: 80 }] }) }],
        [k]: v,
      } as any)],
  ])('%s', (_, keys, make) => {
    fc.assert(fc.property(fc.constantFrom(...keys), anyValue, (k, v) => {
      const c = chart('p');
      expect(outcome(() => make(v, k)(c))).toBe('built');
      expect(['ok', 'invalid']).toContain(synthesize(c));
    }), { numRuns: 300 });
  });
});
