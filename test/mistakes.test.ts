import { App, Chart, Testing } from 'cdk8s';
import { ExposedService, ExposePolicy, Findings, Gateway, GatewayProtocol, HttpRoute, IngressRoute, SessionAffinity, WebApp } from '../src';
import { foundAll, synthApp } from './util';

/*
 * What a platform engineer trips over: each mistake is one finding with one fix, reported
 * at the construct it is about, all at once. Findings as `path rule field [warning]`.
 */

function quietApp(): App {
  const app = Testing.app();
  ExposePolicy.set(app, { printWarnings: false });
  return app;
}

type Row = [string, (app: App) => void, string[]];

describe('one finding per mistake', () => {
  test.each<Row>([
    ['an IngressRoute routes to an ExposedService of another namespace: the namespace error only, no "missing Service" warning', app => {
      const svc = new ExposedService(new Chart(app, 'b', { namespace: 'b' }), 'svc', { selector: { x: 'y' }, ports: [{ port: 80 }] });
      new IngressRoute(new Chart(app, 'a', { namespace: 'a' }), 'ing', { paths: [{ path: '/', service: svc }] });
    }, ['a/ing ingress-backend-namespace spec.rules[0].http.paths[0].backend.service.name']],
    ['a targetPort is a number written as a string', app => {
      new WebApp(new Chart(app, 'c'), 'web', { image: 'x', ports: [{ containerPort: 8080 }] }).expose('svc', { ports: [{ port: 80, targetPort: '8080' as any }] });
    }, ['c/web/svc service-target-port spec.ports[0].targetPort']],
    ['a Chart namespace is not a DNS label: reported once, at the Chart\'s first object', app => {
      const c = new Chart(app, 'c', { namespace: 'Bad_NS' });
      const web = new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 8080 }] });
      web.expose('svc');
      new ExposedService(c, 'other', { target: web, ports: [{ port: 80, targetPort: 8080 }] });
    }, ['c/web metadata-namespace metadata.namespace']],
    ['a container port name is bad: at the container only, not at the Service port that carries it', app => {
      new WebApp(new Chart(app, 'c'), 'web', { image: 'x', ports: [{ containerPort: 8080, name: 'Bad_Name' }] }).expose('svc');
    }, ['c/web container-port-name spec.template.spec.containers[0].ports[0].name']],
    ['a targetPort names a bad container port name: at the container only', app => {
      new WebApp(new Chart(app, 'c'), 'web', { image: 'x', ports: [{ containerPort: 8080, name: 'Bad_Name' }] }).expose('svc', { ports: [{ port: 80, targetPort: 'Bad_Name' }] });
    }, ['c/web container-port-name spec.template.spec.containers[0].ports[0].name']],
    ['a session-affinity timeout out of range without ClientIP: "no effect" and the range, both at once', app => {
      new ExposedService(new Chart(app, 'c'), 'svc', { selector: { x: 'y' }, ports: [{ port: 80 }], sessionAffinityTimeoutSeconds: 100000 });
    }, [
      'c/svc service-session-affinity spec.sessionAffinityConfig.clientIP.timeoutSeconds warning',
      'c/svc service-session-affinity-config spec.sessionAffinityConfig.clientIP.timeoutSeconds',
    ]],
    ['a session-affinity timeout out of range with ClientIP', app => {
      new ExposedService(new Chart(app, 'c'), 'svc', { selector: { x: 'y' }, ports: [{ port: 80 }], sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 100000 });
    }, ['c/svc service-session-affinity spec.sessionAffinityConfig.clientIP.timeoutSeconds']],
  ])('fails when %s', (_, build, expected) => {
    const app = quietApp();
    build(app);
    expect(foundAll(app)).toEqual(expected);
  });
});

describe('messages', () => {
  test.each<Row>([
    ['an ExposedService has neither target nor selector', app => {
      new ExposedService(new Chart(app, 'c'), 'svc', { ports: [{ port: 80 }] });
    }, ['c/svc service-selector-missing spec.selector warning']],
    ['a construct id is not a DNS label: the name derived from it is reported', app => {
      const c = new Chart(app, 'c');
      new WebApp(c, 'My_Api', { image: 'x', ports: [{ containerPort: 80 }] }).expose('Api_Svc');
    }, ['c/My_Api object-name-derived metadata.name warning', 'c/My_Api/Api_Svc object-name-derived metadata.name warning']],
  ])('fails when %s', (_, build, expected) => {
    const app = quietApp();
    build(app);
    expect(foundAll(app)).toEqual(expected);
  });

  test.each<Row>([
    ['an ExternalName Service has no selector', app => {
      new ExposedService(new Chart(app, 'c'), 'svc', { type: 'ExternalName' as any, externalName: 'db.example.com' } as any);
    }, []],
    ['a name is given for an id that is not a DNS label', app => {
      new WebApp(new Chart(app, 'c'), 'My_Api', { name: 'api', image: 'x', ports: [{ containerPort: 80 }] });
    }, []],
  ])('holds when %s', (_, build, expected) => {
    const app = quietApp();
    build(app);
    expect(foundAll(app)).toEqual(expected);
  });

  test('the derived name is said: which id, which name', () => {
    const app = quietApp();
    new WebApp(new Chart(app, 'c'), 'My_Api', { image: 'x' });
    const messages = Findings.of(app).map(f => f.message);
    expect(messages).toEqual(['the construct id "My_Api" is not a DNS label, so the name "my-api" was derived from it']);
  });
});

describe('a cross-namespace HttpRoute to a Service referenced by name', () => {
  const build = (app: App, emitReferenceGrant?: boolean) => {
    const c = new Chart(app, 'edge', { namespace: 'edge' });
    const gateway = new Gateway(c, 'gw', { gatewayClassName: 'x', listeners: [{ name: 'http', protocol: GatewayProtocol.HTTP, port: 80 }] });
    const api = ExposedService.fromName(c, 'api', 'api', { namespace: 'backend', ports: [{ port: 80 }], emitReferenceGrant });
    return new HttpRoute(c, 'route', { gateway, rules: [{ service: api }] });
  };

  test('fails when no ReferenceGrant is emitted: a warning names the grant that must exist', () => {
    const app = quietApp();
    build(app);
    expect(foundAll(app)).toEqual(['edge/route httproute-reference-grant spec.rules[0].backendRefs[0].namespace warning']);
  });

  test('holds when the reference asks for its grant: the route emits it, exposed as referenceGrants', () => {
    const app = quietApp();
    const route = build(app, true);
    expect(foundAll(app)).toEqual([]);
    expect(route.referenceGrants.map(g => g.toJson())).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'route-edge', namespace: 'backend' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }],
        to: [{ group: '', kind: 'Service', name: 'api' }],
      },
    }]);
    expect(synthApp(app).map(m => m.kind)).toEqual(['Gateway', 'HTTPRoute', 'ReferenceGrant']);
  });
});
