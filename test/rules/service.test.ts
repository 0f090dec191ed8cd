import { checkService } from '../../src/rules/service';

type Spec = { [k: string]: any };

function svc(spec: Spec, name: any = 'web') {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec };
}

function messages(spec: Spec, opts = {}, name?: any): string[] {
  return checkService(svc(spec, name), opts).map(v => `${v.field}: ${v.message}`);
}

const ONE = [{ port: 80 }];

describe('checkService', () => {
  describe('accepts valid Services', () => {
    test.each<[string, Spec]>([
      ['a ClusterIP Service', { type: 'ClusterIP', selector: { app: 'a' }, ports: ONE }],
      ['the default type', { ports: ONE }],
      ['a NodePort at the low end of the range', { type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] }],
      ['a NodePort at the high end of the range', { type: 'NodePort', ports: [{ port: 80, nodePort: 32767 }] }],
      ['a LoadBalancer with a nodePort and source ranges', { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31000 }], loadBalancerSourceRanges: ['10.0.0.0/8', '2001:db8::/32'] }],
      ['a headless Service without ports', { clusterIP: 'None', selector: { app: 'a' } }],
      ['an ExternalName with ports', { type: 'ExternalName', externalName: 'api.acmecorp.com', ports: [{ port: 9000 }] }],
      ['an ExternalName with a trailing dot', { type: 'ExternalName', externalName: 'api.acmecorp.com.' }],
      ['an ExternalName of one label', { type: 'ExternalName', externalName: 'foo' }],
      ['DNS on 53 over TCP and UDP', { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }],
      ['the same nodePort over two protocols', { type: 'NodePort', ports: [{ name: 'a', port: 53, protocol: 'UDP', nodePort: 30053 }, { name: 'b', port: 53, nodePort: 30053 }] }],
      ['a named targetPort', { ports: [{ port: 80, targetPort: 'http' }] }],
      ['a port name longer than 15 characters', { ports: [{ port: 80, name: 'a-very-long-port-name' }] }],
      ['session affinity with the largest timeout', { ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } }],
      ['session affinity with the smallest timeout', { ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 1 } } }],
      ['Local traffic policy on a NodePort', { type: 'NodePort', ports: ONE, externalTrafficPolicy: 'Local' }],
      ['appProtocol with a prefix', { ports: [{ port: 80, appProtocol: 'kubernetes.io/h2c' }] }],
      ['port 10250 on a ClusterIP', { ports: [{ port: 10250 }] }],
    ])('%s', (_, spec) => expect(messages(spec)).toEqual([]));

    test('a nodePort in a custom range', () => {
      expect(messages({ type: 'NodePort', ports: [{ port: 80, nodePort: 20000 }] }, { nodePortRange: { min: 20000, max: 22767 } })).toEqual([]);
    });
  });

  describe('rejects what the API server rejects', () => {
    test.each<[string, Spec, RegExp]>([
      ['port 0', { ports: [{ port: 0 }] }, /^spec\.ports\[0\]\.port: 0 is not a valid port number: must be an integer in 1-65535/],
      ['port 70000', { ports: [{ port: 70000 }] }, /^spec\.ports\[0\]\.port: 70000 is not a valid port/],
      ['port 65536', { ports: [{ port: 65536 }] }, /^spec\.ports\[0\]\.port: 65536/],
      ['a fractional port', { ports: [{ port: 80.5 }] }, /^spec\.ports\[0\]\.port: 80.5/],
      ['targetPort 0', { ports: [{ port: 80, targetPort: 0 }] }, /^spec\.ports\[0\]\.targetPort: 0 is not a valid port number/],
      ['targetPort 65536', { ports: [{ port: 80, targetPort: 65536 }] }, /^spec\.ports\[0\]\.targetPort: 65536/],
      ['a targetPort name of 16 characters', { ports: [{ port: 80, targetPort: 'a'.repeat(16) }] }, /targetPort: "a{16}" is not a valid targetPort name: an IANA service name is 1-15/],
      ['an all-digit targetPort name', { ports: [{ port: 80, targetPort: '12345' }] }, /targetPort: "12345" is not a valid targetPort name/],
      ['a targetPort name with --', { ports: [{ port: 80, targetPort: 'a--b' }] }, /targetPort: "a--b"/],
      ['a targetPort name with uppercase', { ports: [{ port: 80, targetPort: 'HTTP' }] }, /targetPort: "HTTP"/],
      ['two unnamed ports', { ports: [{ port: 80 }, { port: 443 }] }, /^spec\.ports\[0\]\.name: a port needs a name when a Service has more than one port/],
      ['a port name that is not a DNS label', { ports: [{ port: 80, name: 'HTTP_1' }] }, /^spec\.ports\[0\]\.name: "HTTP_1" is not a valid port name/],
      ['duplicate port names', { ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] }, /^spec\.ports\[1\]\.name: "http" is already the name of spec\.ports\[0\]/],
      ['a duplicate port and protocol', { ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] }, /^spec\.ports\[1\]\.port: 80\/TCP is already spec\.ports\[0\]/],
      ['a lowercase protocol', { ports: [{ port: 80, protocol: 'tcp' }] }, /^spec\.ports\[0\]\.protocol: "tcp" is not a protocol: allowed are TCP, UDP, SCTP/],
      ['a nodePort on a ClusterIP Service', { ports: [{ port: 80, nodePort: 30080 }] }, /^spec\.ports\[0\]\.nodePort: 30080 is not allowed on a ClusterIP Service: nodePort exists only on NodePort and LoadBalancer Services; remove nodePort or set type NODE_PORT/],
      ['a nodePort on a headless Service', { clusterIP: 'None', ports: [{ port: 80, nodePort: 30080 }] }, /nodePort: 30080 is not allowed on a headless Service/],
      ['a nodePort on an ExternalName Service', { type: 'ExternalName', externalName: 'a.com', ports: [{ port: 80, nodePort: 30080 }] }, /nodePort: 30080 is not allowed on a ExternalName Service/],
      ['nodePort 29999', { type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] }, /^spec\.ports\[0\]\.nodePort: 29999 is outside the cluster's nodePort range 30000-32767; choose a port in 30000-32767, or leave nodePort unset/],
      ['nodePort 32768', { type: 'NodePort', ports: [{ port: 80, nodePort: 32768 }] }, /nodePort: 32768 is outside the cluster's nodePort range 30000-32767/],
      ['nodePort 99999', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 99999 }] }, /nodePort: 99999 is outside/],
      ['a duplicate nodePort in one Service', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] }, /^spec\.ports\[1\]\.nodePort: 30080\/TCP is already used by spec\.ports\[0\]/],
      ['headless NodePort', { type: 'NodePort', clusterIP: 'None', ports: ONE }, /^spec\.clusterIP: "None" \(headless\) is only allowed with type ClusterIP, not NodePort/],
      ['a ClusterIP Service without ports', { selector: { a: 'b' } }, /^spec\.ports: a ClusterIP Service needs at least one port/],
      ['a NodePort Service without ports', { type: 'NodePort' }, /^spec\.ports: a NodePort Service needs at least one port/],
      ['an ExternalName without externalName', { type: 'ExternalName' }, /^spec\.externalName: an ExternalName Service needs externalName/],
      ['an uppercase externalName', { type: 'ExternalName', externalName: 'API.example.com' }, /^spec\.externalName: "API.example.com" is not a valid externalName: must be a lowercase DNS-1123 subdomain/],
      ['an externalName with two trailing dots', { type: 'ExternalName', externalName: 'a.com..' }, /^spec\.externalName: "a.com.."/],
      ['an ExternalName with a selector', { type: 'ExternalName', externalName: 'a.com', selector: { app: 'a' } }, /^spec\.selector: an ExternalName Service selects no pods/],
      ['an ExternalName that is headless', { type: 'ExternalName', externalName: 'a.com', clusterIP: 'None' }, /^spec\.clusterIP: "None" is not allowed on an ExternalName Service/],
      ['a timeout without ClientIP', { ports: ONE, sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }, /^spec\.sessionAffinityConfig\.clientIP\.timeoutSeconds: 60 is only allowed with sessionAffinity ClientIP/],
      ['a timeout of 0', { ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }, /timeoutSeconds: 0 is out of range: must be an integer in 1-86400/],
      ['a timeout of 86401', { ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }, /timeoutSeconds: 86401 is out of range/],
      ['an unknown affinity', { ports: ONE, sessionAffinity: 'Cookie' }, /^spec\.sessionAffinity: "Cookie" is not a session affinity/],
      ['externalTrafficPolicy on a ClusterIP', { ports: ONE, externalTrafficPolicy: 'Local' }, /^spec\.externalTrafficPolicy: "Local" is only allowed on NodePort and LoadBalancer Services, not ClusterIP/],
      ['an unknown traffic policy', { type: 'NodePort', ports: ONE, externalTrafficPolicy: 'Nearest' }, /^spec\.externalTrafficPolicy: "Nearest" is not a traffic policy/],
      ['source ranges on a NodePort', { type: 'NodePort', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/8'] }, /^spec\.loadBalancerSourceRanges: source ranges are only allowed on LoadBalancer Services, not NodePort/],
      ['a source range with /33', { type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/33'] }, /^spec\.loadBalancerSourceRanges\[0\]: "10.0.0.0\/33" is not a valid CIDR/],
      ['a source range that is a host name', { type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/8', 'foo.bar'] }, /^spec\.loadBalancerSourceRanges\[1\]: "foo.bar"/],
      ['a blank source range', { type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['   '] }, /loadBalancerSourceRanges\[0\]: "   "/],
      ['port 10250 on a LoadBalancer', { type: 'LoadBalancer', ports: [{ port: 10250 }] }, /^spec\.ports\[0\]\.port: 10250 may not be exposed by a LoadBalancer: it is the kubelet's port/],
      ['an invalid appProtocol', { ports: [{ port: 80, appProtocol: 'example.com/protocol_with{invalid}[characters]' }] }, /^spec\.ports\[0\]\.appProtocol: .* is not a valid appProtocol/],
      ['an unknown type', { type: 'Internal', ports: ONE }, /^spec\.type: "Internal" is not a Service type/],
      ['an invalid selector label value', { ports: ONE, selector: { app: 'bad value' } }, /^spec\.selector\.app: "bad value" is not a valid label value/],
    ])('fails when %s', (_, spec, re) => {
      expect(messages(spec)).toEqual(expect.arrayContaining([expect.stringMatching(re)]));
    });

    test.each([
      ['1svc', /^metadata\.name: "1svc" is not a valid Service name: a DNS-1035 label/],
      ['Web', /^metadata\.name: "Web" is not a valid Service name/],
      ['a'.repeat(64), /^metadata\.name: "a{64}"/],
      ['', /^metadata\.name: a Service needs a name/],
    ])('fails when the name is %j', (name, re) => {
      expect(messages({ ports: ONE }, {}, name)).toEqual([expect.stringMatching(re)]);
    });

    test('fails when a nodePort is outside a custom range', () => {
      expect(messages({ type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] }, { nodePortRange: { min: 20000, max: 22767 } }))
        .toEqual([expect.stringMatching(/nodePort: 30000 is outside the cluster's nodePort range 20000-22767/)]);
    });

    test('reports every error at once', () => {
      const found = messages({ type: 'ClusterIP', ports: [{ port: 70000, nodePort: 99999 }, { port: 0 }] });
      expect(found.length).toBeGreaterThanOrEqual(4);
      expect(found).toEqual(expect.arrayContaining([
        expect.stringMatching(/^spec\.ports\[0\]\.port:/),
        expect.stringMatching(/^spec\.ports\[0\]\.nodePort:/),
        expect.stringMatching(/^spec\.ports\[1\]\.port:/),
        expect.stringMatching(/^spec\.ports\[1\]\.name:/),
      ]));
    });
  });
});
