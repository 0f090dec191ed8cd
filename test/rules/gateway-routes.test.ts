import { Bundle, SCHEMA, WIRING } from './gateway-routes.cases';
import { ManifestAnalyzer } from '../../src';

/* TLSRoute, TCPRoute and UDPRoute v1 (issue 24): the rows are in gateway-routes.cases.ts (the Gateway oracle confirms them too). */

const analyze = (objects: any[], bundle: Bundle = 'v1.6') => ManifestAnalyzer.analyze(objects.map(manifest => ({ manifest })), bundle === 'range' ? {} : { gatewayApiVersion: bundle })
  .findings.map(f => `${f.severity} ${f.kind} ${f.name} ${f.rule} ${f.field}`);

describe('TLSRoute, TCPRoute and UDPRoute CRD rules and bounds', () => {
  test.each(SCHEMA)('%s', (_, manifest, bundle, want) => {
    expect(analyze([manifest], bundle).sort()).toEqual([...want].sort());
  });
});

describe('TLSRoute, TCPRoute and UDPRoute wiring', () => {
  test.each(WIRING)('%s', (_, objects, want) => {
    expect(analyze(objects).sort()).toEqual([...want].sort());
  });
});
