import { check, checkConstruct, only, service, violations } from './helpers';

type Spec = { [k: string]: any };

const ONE = [{ port: 80 }];
const E = 'error';
const W = 'warning';

describe('Service rules', () => {
  describe('accepts valid Services', () => {
    test.each<[string, Spec]>([
      ['a ClusterIP Service', { type: 'ClusterIP', selector: { app: 'a' }, ports: ONE }],
      ['the default type', { ports: ONE }],
      ['a NodePort at the low end of the range', { type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] }],
      ['a NodePort at the high end of the range', { type: 'NodePort', ports: [{ port: 80, nodePort: 32767 }] }],
      ['a LoadBalancer with a nodePort and source ranges', { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31000 }], loadBalancerSourceRanges: ['10.0.0.0/8', '2001:db8::/32'] }],
      ['a headless Service without ports', { clusterIP: 'None', selector: { app: 'a' } }],
      ['an ExternalName with ports', { type: 'ExternalName', externalName: 'api.acmecorp.com', ports: [{ port: 9000 }] }],
      // the API server forbids nodePort only when type is ClusterIP (test/oracle/FINDINGS.md)
      ['an ExternalName with a nodePort', { type: 'ExternalName', externalName: 'api.acmecorp.com', ports: [{ port: 9000, nodePort: 30080 }] }],
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
      // Was a failing row: the API server defaults a targetPort of 0 (or "") to the port
      // (SetDefaults_Service) before it validates, so targetPort 0 is accepted.
      ['targetPort 0', { ports: [{ port: 80, targetPort: 0 }] }],
      // v1 defaulting fills in "" before validation (found by test:oracle, test/oracle/FINDINGS.md)
      ['type "" (defaulted to ClusterIP)', { type: '', ports: ONE }],
      ['a headless Service of type ""', { type: '', clusterIP: 'None' }],
      ['protocol "" (defaulted to TCP)', { ports: [{ port: 80, protocol: '' }] }],
      ['sessionAffinity "" (defaulted to None)', { ports: ONE, sessionAffinity: '' }],
    ])('%s', (_, spec) => expect(check(service(spec))).toEqual([]));

    test('a nodePort in a custom range', () => {
      expect(check(service({ type: 'NodePort', ports: [{ port: 80, nodePort: 20000 }] }), { nodePortRange: { min: 20000, max: 22767 } })).toEqual([]);
    });
  });

  describe('reports what the API server rejects, and what it ignores', () => {
    test.each<[string, Spec, string[]]>([
      ['port 0', { ports: [{ port: 0 }] }, [`service-port-number spec.ports[0].port ${E}`]],
      ['port 70000', { ports: [{ port: 70000 }] }, [`service-port-number spec.ports[0].port ${E}`]],
      ['port 65536', { ports: [{ port: 65536 }] }, [`service-port-number spec.ports[0].port ${E}`]],
      ['a fractional port', { ports: [{ port: 80.5 }] }, [`service-port-number spec.ports[0].port ${E}`]],
      ['targetPort 65536', { ports: [{ port: 80, targetPort: 65536 }] }, [`service-target-port spec.ports[0].targetPort ${E}`]],
      ['a targetPort name of 16 characters', { ports: [{ port: 80, targetPort: 'a'.repeat(16) }] }, [`service-target-port spec.ports[0].targetPort ${E}`]],
      ['an all-digit targetPort name', { ports: [{ port: 80, targetPort: '12345' }] }, [`service-target-port spec.ports[0].targetPort ${E}`]],
      ['a targetPort name with --', { ports: [{ port: 80, targetPort: 'a--b' }] }, [`service-target-port spec.ports[0].targetPort ${E}`]],
      ['a targetPort name with uppercase', { ports: [{ port: 80, targetPort: 'HTTP' }] }, [`service-target-port spec.ports[0].targetPort ${E}`]],
      ['two unnamed ports', { ports: [{ port: 80 }, { port: 443 }] }, [
        `service-port-name-required spec.ports[0].name ${E}`,
        `service-port-name-required spec.ports[1].name ${E}`,
      ]],
      ['a port name that is not a DNS label', { ports: [{ port: 80, name: 'HTTP_1' }] }, [`service-port-name spec.ports[0].name ${E}`]],
      ['duplicate port names', { ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] }, [`service-port-name-unique spec.ports[1].name ${E}`]],
      ['a duplicate port and protocol', { ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] }, [`service-port-unique spec.ports[1].port ${E}`]],
      ['a lowercase protocol', { ports: [{ port: 80, protocol: 'tcp' }] }, [`service-port-protocol spec.ports[0].protocol ${E}`]],
      ['a nodePort on a ClusterIP Service', { ports: [{ port: 80, nodePort: 30080 }] }, [`service-node-port-forbidden spec.ports[0].nodePort ${E}`]],
      ['a nodePort on a headless Service', { clusterIP: 'None', ports: [{ port: 80, nodePort: 30080 }] }, [`service-node-port-forbidden spec.ports[0].nodePort ${E}`]],
      ['nodePort 29999', { type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] }, [`service-node-port-range spec.ports[0].nodePort ${E}`]],
      ['nodePort 32768', { type: 'NodePort', ports: [{ port: 80, nodePort: 32768 }] }, [`service-node-port-range spec.ports[0].nodePort ${E}`]],
      ['nodePort 99999', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 99999 }] }, [`service-node-port-range spec.ports[0].nodePort ${E}`]],
      ['a duplicate nodePort in one Service', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] }, [`service-node-port-unique spec.ports[1].nodePort ${E}`]],
      ['headless NodePort', { type: 'NodePort', clusterIP: 'None', ports: ONE }, [`service-headless-type spec.clusterIP ${E}`]],
      ['a ClusterIP Service without ports', { selector: { a: 'b' } }, [`service-ports-required spec.ports ${E}`]],
      ['a NodePort Service without ports', { type: 'NodePort' }, [`service-ports-required spec.ports ${E}`]],
      ['an ExternalName without externalName', { type: 'ExternalName' }, [`service-external-name spec.externalName ${E}`]],
      ['an uppercase externalName', { type: 'ExternalName', externalName: 'API.example.com' }, [`service-external-name spec.externalName ${E}`]],
      ['an externalName with two trailing dots', { type: 'ExternalName', externalName: 'a.com..' }, [`service-external-name spec.externalName ${E}`]],
      // The API server accepts and ignores a selector on an ExternalName Service: a warning
      // in manifests (an error in the constructs, below).
      ['an ExternalName with a selector', { type: 'ExternalName', externalName: 'a.com', selector: { app: 'a' } }, [`service-external-name-selector spec.selector ${W}`]],
      ['an ExternalName that is headless', { type: 'ExternalName', externalName: 'a.com', clusterIP: 'None' }, [`service-external-name-cluster-ip spec.clusterIP ${E}`]],
      // With sessionAffinity None the API server drops the sessionAffinityConfig instead of
      // rejecting it: a warning in manifests (an error in the constructs, below).
      ['a timeout without ClientIP', { ports: ONE, sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }, [`service-session-affinity-config spec.sessionAffinityConfig.clientIP.timeoutSeconds ${W}`]],
      ['a timeout of 0', { ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }, [`service-session-affinity spec.sessionAffinityConfig.clientIP.timeoutSeconds ${E}`]],
      ['a timeout of 86401', { ports: ONE, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }, [`service-session-affinity spec.sessionAffinityConfig.clientIP.timeoutSeconds ${E}`]],
      ['an unknown affinity', { ports: ONE, sessionAffinity: 'Cookie' }, [`service-session-affinity spec.sessionAffinity ${E}`]],
      ['externalTrafficPolicy on a ClusterIP', { ports: ONE, externalTrafficPolicy: 'Local' }, [`service-external-traffic-policy spec.externalTrafficPolicy ${E}`]],
      ['an unknown traffic policy', { type: 'NodePort', ports: ONE, externalTrafficPolicy: 'Nearest' }, [`service-external-traffic-policy spec.externalTrafficPolicy ${E}`]],
      ['source ranges on a NodePort', { type: 'NodePort', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/8'] }, [`service-load-balancer-source-ranges spec.loadBalancerSourceRanges ${E}`]],
      ['a source range with /33', { type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/33'] }, [`service-load-balancer-source-ranges spec.loadBalancerSourceRanges[0] ${E}`]],
      ['a source range that is a host name', { type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['10.0.0.0/8', 'foo.bar'] }, [`service-load-balancer-source-ranges spec.loadBalancerSourceRanges[1] ${E}`]],
      ['a blank source range', { type: 'LoadBalancer', ports: ONE, loadBalancerSourceRanges: ['   '] }, [`service-load-balancer-source-ranges spec.loadBalancerSourceRanges[0] ${E}`]],
      // Rejected by 1.27-1.32 only ("may not expose port 10250 externally"): over the default
      // range 1.27..1.37 some versions accept it, so a warning (version rows below).
      ['port 10250 on a LoadBalancer', { type: 'LoadBalancer', ports: [{ port: 10250 }] }, [`service-load-balancer-kubelet-port spec.ports[0].port ${W}`]],
      ['an invalid appProtocol', { ports: [{ port: 80, appProtocol: 'example.com/protocol_with{invalid}[characters]' }] }, [`service-app-protocol spec.ports[0].appProtocol ${E}`]],
      ['an unknown type', { type: 'Internal', ports: ONE }, [`service-type spec.type ${E}`]],
      ['an invalid selector label value', { ports: ONE, selector: { app: 'bad value' } }, [`service-selector spec.selector.app ${E}`]],
    ])('fails when %s', (_, spec, expected) => {
      expect(check(service(spec))).toEqual(expected);
    });

    // '1svc' moved to the version rows below: accepted from 1.36.
    test.each([
      ['Web'],
      ['a'.repeat(64)],
      [''],
    ])('fails when the name is %j', name => {
      expect(check(service({ ports: ONE }, name))).toEqual([`service-name metadata.name ${E}`]);
    });

    test('fails when a nodePort is outside a custom range', () => {
      expect(check(service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] }), { nodePortRange: { min: 20000, max: 22767 } }))
        .toEqual([`service-node-port-range spec.ports[0].nodePort ${E}`]);
    });

    test('fails when many things are wrong, and reports every one at once', () => {
      expect(check(service({ type: 'ClusterIP', ports: [{ port: 70000, nodePort: 99999 }, { port: 0 }] }))).toEqual([
        `service-node-port-forbidden spec.ports[0].nodePort ${E}`,
        `service-port-name-required spec.ports[0].name ${E}`,
        `service-port-name-required spec.ports[1].name ${E}`,
        `service-port-number spec.ports[0].port ${E}`,
        `service-port-number spec.ports[1].port ${E}`,
      ]);
    });
  });

  describe('in the constructs, a prop without effect given the others is an error', () => {
    test.each<[string, Spec, string[]]>([
      ['an ExternalName with a selector', { type: 'ExternalName', externalName: 'a.com', selector: { app: 'a' } }, [`service-external-name-selector spec.selector ${E}`]],
      ['a timeout without ClientIP', { ports: ONE, sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }, [`service-session-affinity-config spec.sessionAffinityConfig.clientIP.timeoutSeconds ${E}`]],
    ])('fails when %s', (_, spec, expected) => {
      expect(checkConstruct(service(spec))).toEqual(expected);
    });
  });

  describe('follows the Kubernetes versions', () => {
    const KUBELET = service({ type: 'LoadBalancer', ports: [{ port: 10250 }] });
    // ValidateService rejects LoadBalancer port 10250 in 1.27-1.32; PR #129174 (v1.33.0-alpha.1)
    // dropped the rule (service.cases.ts 'TestValidateServiceCreate "valid port type=LoadBalancer"',
    // acceptedFrom 33; SOURCES.md version history). Was: relaxed in 1.32.
    test.each<[string, { min: number; max: number }, string[]]>([
      ['1.27..1.32', { min: 27, max: 32 }, [`service-load-balancer-kubelet-port spec.ports[0].port ${E}`]],
      ['1.32', only(32), [`service-load-balancer-kubelet-port spec.ports[0].port ${E}`]],
      ['1.27..1.37', { min: 27, max: 37 }, [`service-load-balancer-kubelet-port spec.ports[0].port ${W}`]],
      ['1.32..1.33', { min: 32, max: 33 }, [`service-load-balancer-kubelet-port spec.ports[0].port ${W}`]],
      ['1.33', only(33), []],
      ['1.33..1.37', { min: 33, max: 37 }, []],
    ])('port 10250 on a LoadBalancer in %s', (_, versions, expected) => {
      expect(check(KUBELET, { versions })).toEqual(expected);
    });

    // externalTrafficPolicy on a ClusterIP Service with externalIPs: rejected by 1.27-1.28,
    // allowed since 1.29 (PR #119150, v1.29.0 release notes; service.cases.ts 'validation.go
    // validateServiceExternalTrafficPolicy: ClusterIP with externalIPs is externally accessible
    // (PR #119150)', acceptedFrom 29). Was: allowed since 1.28.
    const POLICY = service({ ports: ONE, externalIPs: ['192.0.2.10'], externalTrafficPolicy: 'Local' });
    test.each<[string, { min: number; max: number }, string[]]>([
      ['1.27..1.37', { min: 27, max: 37 }, [`service-external-traffic-policy spec.externalTrafficPolicy ${W}`]],
      ['1.27..1.28', { min: 27, max: 28 }, [`service-external-traffic-policy spec.externalTrafficPolicy ${E}`]],
      ['1.28', only(28), [`service-external-traffic-policy spec.externalTrafficPolicy ${E}`]],
      ['1.28..1.29', { min: 28, max: 29 }, [`service-external-traffic-policy spec.externalTrafficPolicy ${W}`]],
      ['1.29', only(29), []],
      ['1.29..1.37', { min: 29, max: 37 }, []],
    ])('externalTrafficPolicy on a ClusterIP with externalIPs in %s', (_, versions, expected) => {
      expect(check(POLICY, { versions })).toEqual(expected);
    });

    // A Service name starting with a digit: a DNS-1035 label is required through 1.35; from 1.36
    // (RelaxedServiceNameValidation on by default) a DNS-1123 label (metadata.cases.ts
    // 'validation.go ValidateServiceName: starts with a digit (KEP-5311
    // RelaxedServiceNameValidation)', acceptedFrom 36). Was: an error in every version.
    const DIGIT = service({ ports: ONE }, '1svc');
    test.each<[string, { min: number; max: number }, string[]]>([
      ['1.27..1.37', { min: 27, max: 37 }, [`service-name metadata.name ${W}`]],
      ['1.27..1.35', { min: 27, max: 35 }, [`service-name metadata.name ${E}`]],
      ['1.35', only(35), [`service-name metadata.name ${E}`]],
      ['1.35..1.36', { min: 35, max: 36 }, [`service-name metadata.name ${W}`]],
      ['1.36', only(36), []],
      ['1.36..1.37', { min: 36, max: 37 }, []],
    ])('the name "1svc" in %s', (_, versions, expected) => {
      expect(check(DIGIT, { versions })).toEqual(expected);
    });

    // Over the default range 1.32..1.37; externalTrafficPolicy with externalIPs only over 1.27..1.37
    // (1.29 is older than the default range, where every release accepts it).
    test.each<[string, any, string, { min: number; max: number } | undefined]>([
      ['port 10250 on a LoadBalancer', KUBELET, '1.33', undefined],
      ['externalTrafficPolicy on a ClusterIP with externalIPs', POLICY, '1.29', { min: 27, max: 37 }],
      ['the name "1svc"', DIGIT, '1.36', undefined],
    ])('the warning of %s names the release that relaxed the rule', (_, manifest, release, versions) => {
      const found = violations(manifest, versions ? { versions } : {});
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain(`before ${release}`);
    });

    // Verdict change (issue 20): the default range starts at 1.32, and every release from 1.29
    // accepts externalTrafficPolicy on a ClusterIP with externalIPs, so no finding by default.
    test('holds when externalTrafficPolicy is set on a ClusterIP with externalIPs under the default range', () => {
      expect(check(POLICY)).toEqual([]);
    });

    test('externalTrafficPolicy on a ClusterIP without externalIPs fails in every version', () => {
      expect(check(service({ ports: ONE, externalTrafficPolicy: 'Local' }), { versions: only(37) }))
        .toEqual([`service-external-traffic-policy spec.externalTrafficPolicy ${E}`]);
    });
  });
});
