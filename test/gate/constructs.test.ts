import { ApiObject, App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import { ExposedService, Findings, Gateway, HttpRoute, IngressRoute, ServiceType, WebApp } from '../../src';
import { chart, foundAll, one, synth } from '../util';

/*
 * What a JavaScript caller (or a mistake) can hand the constructs: each case is a collected
 * validation error naming the prop, never a raw TypeError, never a silent drop.
 */

const ref = (c: Chart, ports?: any[]) => ExposedService.fromName(c, 'api', 'api', { ports: ports ?? [{ port: 80 }] });

/** Builds, then lists the findings (`path rule field`); a throw from either fails the case. */
function findingsOf(make: (c: Chart) => void): string[] {
  const c = chart('p');
  make(c);
  return foundAll(c);
}

describe('props of the wrong shape', () => {
  test.each<[string, (c: Chart) => void, string[]]>([
    ['WebApp props are null: image is required', c => new WebApp(c, 'web', null as any),
      ['p/web container-image spec.template.spec.containers[0].image']],
    ['ExposedService props are null: ports are required', c => new ExposedService(c, 'svc', null as any),
      ['p/svc service-selector-missing spec.selector warning', 'p/svc service-ports-required spec.ports']],
    ['IngressRoute props are null: a rule is required', c => new IngressRoute(c, 'route', null as any),
      ['p/route ingress-rules-required spec']],
    ['Gateway props are null: a class and a listener are required', c => new Gateway(c, 'gw', null as any),
      ['p/gw gateway-class-name spec.gatewayClassName', 'p/gw gateway-listeners spec.listeners']],
    ['HttpRoute props are null: a rule and a Gateway are required', c => new HttpRoute(c, 'route', null as any),
      ['p/route httproute-rule-action spec.rules', 'p/route httproute-parent-refs spec.parentRefs[0].name']],
    ['target is {}', c => new ExposedService(c, 'svc', { target: {} as any, ports: [{ port: 80 }] }),
      ['p/svc object-prop-type spec.selector', 'p/svc service-selector-missing spec.selector warning']],
    ['addHost is given null paths (a host without paths)', c => new IngressRoute(c, 'route', { host: 'a.example.com', paths: [{ path: '/', service: ref(c) }] }).addHost('b.example.com', null as any),
      ['p/route ingress-paths spec.rules[1].http.paths']],
    ['fromName is given ports: [null]', c => new IngressRoute(c, 'route', { host: 'a.example.com', paths: [{ path: '/', service: ref(c, [null]) }] }),
      ['p/route object-prop-type spec.rules[0].http.paths[0].backend.service.port']],
    ['selector is a list', c => new ExposedService(c, 'svc', { selector: ['a'] as any, ports: [{ port: 80 }] }),
      ['p/svc object-prop-type spec.selector', 'p/svc service-selector-missing spec.selector warning']],
    ['a selector has a __proto__ key', c => new ExposedService(c, 'svc', { selector: JSON.parse('{"__proto__":"x","app":"web"}'), ports: [{ port: 80 }] }),
      ['p/svc object-prop-type spec.selector']],
    ['HttpRoute backends are [null]', c => new HttpRoute(c, 'route', { gateway: Gateway.fromName(c, 'gw', 'gw'), rules: [{ path: '/', backends: [null as any] }] }),
      ['p/route object-prop-type spec.rules[0].backendRefs']],
  ])('fails when %s', (_, make, expected) => {
    expect(findingsOf(make)).toEqual(expected);
  });
});

describe('what is emitted is what was checked', () => {
  test('fails when a JSON patch breaks a checked field, without the plugin: the App validation checks the patched object', () => {
    const c = chart('p');
    const svc = new ExposedService(c, 'svc', { selector: { app: 'web' }, type: ServiceType.NODE_PORT, ports: [{ port: 80, nodePort: 30080 }] });
    expect(foundAll(c)).toEqual([]);
    ApiObject.of(svc).addJsonPatch(JsonPatch.replace('/spec/ports/0/nodePort', 99999));
    expect(Findings.of(c).filter(f => f.severity === 'error').map(f => `${f.rule} ${f.field}`)).toEqual(['service-node-port-range spec.ports[0].nodePort']);
    expect(() => Testing.synth(c)).toThrow(/spec\.ports\[0\]\.nodePort: 99999/);
  });

  test('holds when a JSON patch adds what the library does not model: emitted, checked, no finding', () => {
    const c = chart('p');
    const web = new WebApp(c, 'web', { image: 'nginx:1.27', ports: [{ containerPort: 80 }] });
    ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes', [{ name: 'tmp', emptyDir: {} }]));
    expect(one(synth(c), 'Deployment').spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(web._manifest().spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });

  test('fails when a stateful Lazy gives another value at a second synth: a documented limit (README: Limits), pinned here', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const c = new Chart(app, 'p');
    let calls = 0;
    new ExposedService(c, 'svc', {
      selector: { app: 'web' },
      type: ServiceType.NODE_PORT,
      ports: [{ port: 80, nodePort: Lazy.any({ produce: () => (calls++ === 0 ? 30080 : 99999) }) as any }],
    });
    const first = app.synthYaml();
    const second = app.synthYaml();
    // the first synth checks and emits 30080; the second emits what the Lazy gives then,
    // unchecked: a Lazy must give the same value every time it is resolved
    expect([first.includes('nodePort: 30080'), second.includes('nodePort: 99999')]).toEqual([true, true]);
  });
});
