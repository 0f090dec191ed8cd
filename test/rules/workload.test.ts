import { LABELS, analyzed, check, checkConstruct, deployment, ingress, pod, rule, service } from './helpers';

const C = 'spec.template.spec.containers[0]';
const E = 'error';
const W = 'warning';

describe('workload rules', () => {
  test.each<[string, any]>([
    ['a minimal Deployment', deployment({})],
    ['zero replicas', deployment({}, { replicas: 0 })],
    ['named ports', deployment({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, name: 'dns', protocol: 'UDP' }] })],
    ['one number over two protocols', deployment({ ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] })],
    ['a probe naming a declared port', deployment({ ports: [{ containerPort: 80, name: 'http' }], readinessProbe: { httpGet: { path: '/', port: 'http' } } })],
    ['a probe with a port number', deployment({ livenessProbe: { tcpSocket: { port: 8080 } } })],
    ['a subdomain name', deployment({}, {}, 'web.v2')],
    ['a minimal Pod', pod({})],
    // v1 defaulting fills in "" before validation (found by test:oracle, test/oracle/FINDINGS.md)
    ['protocol "" (defaulted to TCP)', deployment({ ports: [{ containerPort: 80, protocol: '' }] })],
    ['terminationMessagePolicy "" (defaulted to File)', deployment({ terminationMessagePolicy: '' })],
    ['strategy type "" (defaulted to RollingUpdate)', deployment({}, { strategy: { type: '' } })],
    // ValidateStatefulSetSpec does not check revisionHistoryLimit; a negative one only gets a warning
    ['a StatefulSet with a negative revisionHistoryLimit', { ...deployment({}, { revisionHistoryLimit: -1 }), kind: 'StatefulSet' }],
  ])('accepts %s', (_, d) => expect(check(d)).toEqual([]));

  test.each<[string, any, string[]]>([
    ['replicas is negative', deployment({}, { replicas: -1 }), [`workload-replicas spec.replicas ${E}`]],
    ['replicas is fractional', deployment({}, { replicas: 1.5 }), [`workload-replicas spec.replicas ${E}`]],
    ['a Deployment\'s revisionHistoryLimit is negative', deployment({}, { revisionHistoryLimit: -1 }), [`workload-spec-numbers spec.revisionHistoryLimit ${E}`]],
    ['a DaemonSet\'s revisionHistoryLimit is negative', { ...deployment({}, { revisionHistoryLimit: -1 }), kind: 'DaemonSet' }, [`workload-spec-numbers spec.revisionHistoryLimit ${E}`]],
    ['the name is not a subdomain', deployment({}, {}, 'Web_App'), [`workload-name metadata.name ${E}`]],
    // validateContainerCommon requires an image in pod templates too (container.cases.ts
    // 'TestValidateContainers "zero-length-image"' and '"zero-length image"', both in a
    // Deployment template). Was a warning. Only a space-padded image is Pod-only (below).
    ['the image is empty', deployment({ image: '' }), [`container-image ${C}.image ${E}`]],
    ['the image is missing', deployment({ image: undefined }), [`container-image ${C}.image ${E}`]],
    ['containerPort is 0', deployment({ ports: [{ containerPort: 0 }] }), [`container-port-number ${C}.ports[0].containerPort ${E}`]],
    ['containerPort is 65536', deployment({ ports: [{ containerPort: 65536 }] }), [`container-port-number ${C}.ports[0].containerPort ${E}`]],
    ['a port name is longer than 15', deployment({ ports: [{ containerPort: 80, name: 'a-very-long-name' }] }), [`container-port-name ${C}.ports[0].name ${E}`]],
    ['a port name is all digits', deployment({ ports: [{ containerPort: 80, name: '8080' }] }), [`container-port-name ${C}.ports[0].name ${E}`]],
    ['port names repeat', deployment({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' }] }), [`container-port-name ${C}.ports[1].name ${E}`]],
    // The API server accepts a duplicate containerPort and protocol (with a warning): a
    // warning in manifests, an error in the constructs (below).
    ['a port and protocol repeat', deployment({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] }), [`container-port-unique ${C}.ports[1].containerPort ${W}`]],
    ['a protocol is lowercase', deployment({ ports: [{ containerPort: 80, protocol: 'udp' }] }), [`container-port-protocol ${C}.ports[0].protocol ${E}`]],
    ['a hostPort is out of range', deployment({ ports: [{ containerPort: 80, hostPort: 70000 }] }), [`container-port-number ${C}.ports[0].hostPort ${E}`]],
    // ValidateDeploymentSpec reports the mismatch on the template labels (deployment.cases.ts
    // 'TestValidateDeployment "`selector` does not match template `labels`"', field
    // spec.template.metadata.labels; ours names the key). Was spec.selector.matchLabels.app.
    ['the selector does not match the template', deployment({}, { selector: { matchLabels: { app: 'other' } } }), [`workload-selector spec.template.metadata.labels.app ${E}`]],
    ['the selector is empty', deployment({}, { selector: { matchLabels: {} } }), [`workload-selector spec.selector ${E}`]],
    ['a probe names an undeclared port', deployment({ ports: [{ containerPort: 80, name: 'http' }], livenessProbe: { httpGet: { path: '/', port: 'web' } } }), [`probe-port-undeclared ${C}.livenessProbe.httpGet.port ${E}`]],
    ['a tcp probe names an undeclared port', deployment({ startupProbe: { tcpSocket: { port: 'db' } } }), [`probe-port-undeclared ${C}.startupProbe.tcpSocket.port ${E}`]],
    ['a probe port is out of range', deployment({ readinessProbe: { tcpSocket: { port: 0 } } }), [`probe-port ${C}.readinessProbe.tcpSocket.port ${E}`]],
    ['a liveness probe has successThreshold 2', deployment({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }), [`probe-success-threshold ${C}.livenessProbe.successThreshold ${E}`]],
    ['a container name is invalid', deployment({ name: 'App' }), [`container-name ${C}.name ${E}`]],
    ['there is no container', { ...deployment({}), spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: { containers: [] } } } }, [`workload-containers spec.template.spec.containers ${E}`]],
    // A Pod likewise (container.cases.ts 'TestValidateContainers "zero-length image" (Pod)').
    ['the image of a Pod is empty', pod({ image: '' }), [`container-image spec.containers[0].image ${E}`]],
    ['the image of a Pod is missing', pod({ image: undefined }), [`container-image spec.containers[0].image ${E}`]],
    // A space-padded image: pod templates accept it ("image = ' ' is a special token in pod
    // template"), a warning (container.cases.ts 'TestValidateContainers success "def" (image " ")',
    // 'success "ghi" (image " some  ")'); a Pod rejects it (validateContainersOnlyForPod;
    // 'validation.go validateContainersOnlyForPod: image " " on a Pod').
    ['the image is " "', deployment({ image: ' ' }), [`container-image ${C}.image ${W}`]],
    ['the image is " some  "', deployment({ image: ' some  ' }), [`container-image ${C}.image ${W}`]],
    ['the image of a Pod is " "', pod({ image: ' ' }), [`container-image spec.containers[0].image ${E}`]],
    ['the image of a Pod is " some  "', pod({ image: ' some  ' }), [`container-image spec.containers[0].image ${E}`]],
  ])('fails when %s', (_, d, expected) => {
    expect(check(d)).toEqual(expected);
  });

  describe('in the constructs, an ignored or ambiguous prop is an error', () => {
    test.each<[string, any, string[]]>([
      ['the image is empty', deployment({ image: '' }), [`container-image ${C}.image ${E}`]],
      ['a port and protocol repeat', deployment({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] }), [`container-port-unique ${C}.ports[1].containerPort ${E}`]],
    ])('fails when %s', (_, d, expected) => {
      expect(checkConstruct(d)).toEqual(expected);
    });
  });
});

describe('object-unknown-field (kubectl\'s default Strict field validation rejects an unknown field)', () => {
  const U = 'object-unknown-field';
  test.each<[string, any, string[]]>([
    ['a misspelled container field', deployment({ readinesProbe: { httpGet: { path: '/', port: 80 } } }), [`${U} spec.template.spec.containers[0].readinesProbe warning`]],
    ['a field one level off (ports under the pod spec)', { ...deployment(), spec: { ...deployment().spec, template: { ...deployment().spec.template, spec: { ...deployment().spec.template.spec, ports: [] } } } }, [`${U} spec.template.spec.ports warning`]],
    ['an unknown top-level field', { ...service({ ports: [{ port: 80 }] }), specs: {} }, [`${U} specs warning`]],
    ['a key named like an Object method', { ...service({ ports: [{ port: 80 }] }), toString: 'x', constructor: {} }, [`${U} constructor warning`, `${U} toString warning`]],
    ['a field deep in lists (the second container\'s second port), and a key that needs brackets', (() => {
      const m = deployment({ ports: [{ containerPort: 80 }] });
      m.spec.template.spec.containers.push({ name: 'side', image: 'envoy', ports: [{ containerPort: 81 }, { containerPort: 82, hostPorts: [82] }] });
      m.spec.template.spec['node.selector'] = {};
      return m;
    })(), [`${U} spec.template.spec.containers[1].ports[1].hostPorts warning`, `${U} spec.template.spec['node.selector'] warning`]],
    ['a key __proto__ (as JSON.parse makes it, an own key)', { ...service({ ports: [{ port: 80 }] }), spec: JSON.parse('{"__proto__": {}, "ports": [{"port": 80}]}') }, [`${U} spec.__proto__ warning`]],
  ])('fails when %s', (_, manifest, expected) => {
    expect(check(manifest).filter(f => f.startsWith(U))).toEqual([...expected].sort());
  });

  test.each<[string, any]>([
    ['labels, annotations and a selector with any keys', service({ selector: { 'any/key': 'x' }, ports: [{ port: 80, targetPort: 'http' }] }, 'web', { labels: { 'a.b/c': 'd' }, annotations: { 'x/y': 'z' } })],
    ['status, managedFields and resources (leaf types: Time, FieldsV1, Quantity, IntOrString)', {
      ...deployment({ resources: { limits: { cpu: '500m' } } }),
      status: { replicas: 1 },
      metadata: { name: 'web', creationTimestamp: null, managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }] },
    }],
    ['a field some release has (lifecycle.stopSignal, from 1.33)', deployment({ lifecycle: { stopSignal: 'SIGTERM' } })],
    ['an object whose prototype has an enumerable key (only its own keys are its fields)', {
      ...service({ ports: [{ port: 80 }] }),
      spec: Object.assign(Object.create({ inherited: true }), { ports: [{ port: 80 }] }),
    }],
  ])('holds when %s', (_, manifest) => {
    expect(check(manifest).filter(f => f.startsWith(U))).toEqual([]);
  });
});

describe('the rules of one object share its pod view (computed once per check)', () => {
  test('fails when an object is changed after a clean check and checked again: the second check sees the change', () => {
    const m = deployment({ ports: [{ name: 'http', containerPort: 8080 }] });
    expect(check(m)).toEqual([]);
    m.spec.template.spec.containers[0].ports[0].containerPort = 99999;
    m.spec.template.spec.containers.push({ name: 'app', image: 'nginx' });
    expect(check(m)).toEqual([
      'container-name spec.template.spec.containers[1].name error',
      'container-port-number spec.template.spec.containers[0].ports[0].containerPort error',
    ]);
  });

  test('holds when a fixed object is checked again: no finding of its earlier state is left', () => {
    const m = deployment({ ports: [{ name: 'http', containerPort: 99999 }] });
    expect(check(m)).toEqual(['container-port-number spec.template.spec.containers[0].ports[0].containerPort error']);
    m.spec.template.spec.containers[0].ports[0].containerPort = 8080;
    expect(check(m)).toEqual([]);
  });
});

describe('the rules of a Service and of an Ingress share their views too (ports; rules, paths and backends)', () => {
  test('fails when a Service and an Ingress are changed after a clean check and checked again: both checks see the change', () => {
    const svc = service({ selector: LABELS, ports: [{ name: 'http', port: 80 }] });
    const ing = ingress({ rules: [rule('a.example.com')] });
    const objects = [svc, ing, deployment({ ports: [{ containerPort: 80 }] })];
    expect(check(svc)).toEqual([]);
    expect(check(ing)).toEqual([]);
    expect(analyzed(objects)).toEqual([]);
    svc.spec.ports.push({ name: 'again', port: 80 });
    ing.spec.rules[0].http.paths[0].path = 'api';
    ing.spec.rules.push({ host: 'b.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 81 } } } }] } });
    expect(check(svc)).toEqual(['service-port-unique spec.ports[1].port error']);
    expect(check(ing)).toEqual(['ingress-paths spec.rules[0].http.paths[0].path error']);
    expect(analyzed(objects).filter(f => f.includes('ingress-backend-port'))).toHaveLength(1);
  });
});
