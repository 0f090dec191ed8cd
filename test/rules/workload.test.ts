import { checkWorkload } from '../../src/rules/workload';

const LABELS = { app: 'web' };

function deployment(container: { [k: string]: any }, spec: { [k: string]: any } = {}, name: any = 'web') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'app', image: 'nginx', ...container }] } },
      ...spec,
    },
  };
}

function messages(d: any): string[] {
  return checkWorkload(d).map(v => `${v.field}: ${v.message}`);
}

const C = 'spec.template.spec.containers[0]';

describe('checkWorkload', () => {
  test.each<[string, any]>([
    ['a minimal Deployment', deployment({})],
    ['zero replicas', deployment({}, { replicas: 0 })],
    ['named ports', deployment({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, name: 'dns', protocol: 'UDP' }] })],
    ['one number over two protocols', deployment({ ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] })],
    ['a probe naming a declared port', deployment({ ports: [{ containerPort: 80, name: 'http' }], readinessProbe: { httpGet: { path: '/', port: 'http' } } })],
    ['a probe with a port number', deployment({ livenessProbe: { tcpSocket: { port: 8080 } } })],
    ['a subdomain name', deployment({}, {}, 'web.v2')],
  ])('accepts %s', (_, d) => expect(messages(d)).toEqual([]));

  test.each<[string, any, RegExp]>([
    ['replicas is negative', deployment({}, { replicas: -1 }), /^spec\.replicas: -1 is not a valid replica count: must be an integer >= 0/],
    ['replicas is fractional', deployment({}, { replicas: 1.5 }), /^spec\.replicas: 1.5/],
    ['the name is not a subdomain', deployment({}, {}, 'Web_App'), /^metadata\.name: "Web_App" is not a valid Deployment name/],
    ['the image is empty', deployment({ image: '' }), new RegExp(`^${C.replace(/[[\].]/g, '\\$&')}\\.image: "" is not an image`)],
    ['the image is missing', deployment({ image: undefined }), /containers\[0\]\.image: undefined is not an image/],
    ['containerPort is 0', deployment({ ports: [{ containerPort: 0 }] }), /containers\[0\]\.ports\[0\]\.containerPort: 0 is not a valid port number/],
    ['containerPort is 65536', deployment({ ports: [{ containerPort: 65536 }] }), /ports\[0\]\.containerPort: 65536/],
    ['a port name is longer than 15', deployment({ ports: [{ containerPort: 80, name: 'a-very-long-name' }] }), /ports\[0\]\.name: "a-very-long-name" is not a valid container port name/],
    ['a port name is all digits', deployment({ ports: [{ containerPort: 80, name: '8080' }] }), /ports\[0\]\.name: "8080"/],
    ['port names repeat', deployment({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' }] }), /ports\[1\]\.name: "http" is already the name of ports\[0\]/],
    ['a port and protocol repeat', deployment({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] }), /ports\[1\]\.containerPort: 80\/TCP is already declared by ports\[0\]/],
    ['a protocol is lowercase', deployment({ ports: [{ containerPort: 80, protocol: 'udp' }] }), /ports\[0\]\.protocol: "udp" is not a protocol/],
    ['a hostPort is out of range', deployment({ ports: [{ containerPort: 80, hostPort: 70000 }] }), /ports\[0\]\.hostPort: 70000/],
    ['the selector does not match the template', deployment({}, { selector: { matchLabels: { app: 'other' } } }), /^spec\.selector\.matchLabels\.app: selector app="other" does not match template labels/],
    ['the selector is empty', deployment({}, { selector: { matchLabels: {} } }), /^spec\.selector: a Deployment needs a non-empty selector/],
    ['a probe names an undeclared port', deployment({ ports: [{ containerPort: 80, name: 'http' }], livenessProbe: { httpGet: { path: '/', port: 'web' } } }), /containers\[0\]\.livenessProbe\.httpGet\.port: "web" names no port of this container \(the kubelet fails the probe with "couldn't find port"\); declared: http/],
    ['a tcp probe names an undeclared port', deployment({ startupProbe: { tcpSocket: { port: 'db' } } }), /startupProbe\.tcpSocket\.port: "db" names no port of this container.*declared: none/],
    ['a probe port is out of range', deployment({ readinessProbe: { tcpSocket: { port: 0 } } }), /readinessProbe\.tcpSocket\.port: 0 is not a valid port number/],
    ['a liveness probe has successThreshold 2', deployment({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }), /livenessProbe\.successThreshold: 2 is not allowed: a livenessProbe must have successThreshold 1/],
    ['a container name is invalid', deployment({ name: 'App' }), /containers\[0\]\.name: "App" is not a valid container name/],
    ['there is no container', { ...deployment({}), spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: { containers: [] } } } }, /^spec\.template\.spec\.containers: a pod needs at least one container/],
  ])('fails when %s', (_, d, re) => {
    expect(messages(d)).toEqual(expect.arrayContaining([expect.stringMatching(re)]));
  });
});
