import { Chart, Testing } from 'cdk8s';
import { ExposedService, ExposePolicy, Findings, FindingType, IngressRoute, Severity, WebApp } from '../src';
import { errorLines, findings, found, parseFindings, synthError } from './util';
import { analyzeManifests } from '../src/checker/check';

/* Findings.of: the App's findings as structs, through the same cache as synthesis. */

function app() {
  const a = Testing.app();
  ExposePolicy.set(a, { printWarnings: false });
  return a;
}

describe('Findings.of', () => {
  test('fails when a prop is bad: the finding as a struct, with type and value', () => {
    const c = new Chart(app(), 'demo');
    new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 70000 }] });
    expect(Findings.of(c)).toEqual([{
      path: 'demo/svc',
      rule: 'service-port-number',
      field: 'spec.ports[0].port',
      type: FindingType.INVALID,
      value: '70000',
      message: expect.any(String),
      fix: expect.any(String),
      severity: Severity.ERROR,
    }]);
  });

  test('holds when the App is clean: no finding, and warnings are listed as warnings', () => {
    const a = app();
    const c = new Chart(a, 'demo');
    new ExposedService(c, 'svc', { selector: { app: 'nothing' }, ports: [{ port: 80 }] });
    new WebApp(c, 'web', { image: 'x', ports: [{ containerPort: 80 }] });
    expect(Findings.of(a).map(f => `${f.path} ${f.rule} ${f.field} ${f.severity}`)).toEqual(['demo/svc service-selector-dangling spec.selector warning']);
  });

  test('synthesizes nothing', () => {
    const c = new Chart(app(), 'demo');
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 0 }] });
    const toJson = jest.spyOn(svc, 'toJson');
    Findings.of(c);
    expect(toJson).not.toHaveBeenCalled();
  });

  test('the synth error text is formatted as before: one `[path] field: message; fix (rule id)` line per error, in the same order', () => {
    const c = new Chart(app(), 'demo');
    new ExposedService(c, 'svc', { selector: { a: 'b' }, ports: [{ port: 70000 }, { port: 80, targetPort: 'Bad_Name' }] });
    new IngressRoute(c, 'ing', { host: 'A.example.com', paths: [{ path: 'api', service: ExposedService.fromName(c, 'ext', 'ext', { ports: [{ port: 80 }] }) }] });
    const text = synthError(c);
    expect(text).toMatch(/^Validation failed with the following errors:\n/);
    expect(errorLines(text)[0]).toMatch(/^\[demo\/svc\] spec\.ports\[0\]\.port: 70000 .*; .* \(rule service-port-number\)$/);
    expect(parseFindings(text)).toEqual(findings(c));
  });
});

describe('one owner per rule id', () => {
  test('fails when one label key is a bad key with a bad value: both findings, as the CLI reports them', () => {
    const c = new Chart(app(), 'demo');
    const svc = new ExposedService(c, 'svc', { selector: { a: 'b' }, labels: { 'Bad Key': 'bad value!' }, ports: [{ port: 80 }] });
    const field = "metadata.labels['Bad Key']";
    expect(found(c)).toEqual([`demo/svc metadata-labels ${field}`, `demo/svc metadata-labels ${field}`]);
    const cliFindings = analyzeManifests([{ manifest: svc.toJson() }]).findings.filter(f => f.severity === Severity.ERROR).map(f => `${f.rule} ${f.field}`);
    expect(cliFindings).toEqual(findings(c).map(f => `${f.rule} ${f.field}`));
  });

  test('fails when a backend to a Service with two ports leaves the port out: one ingress-backend finding, which names the ports', () => {
    const c = new Chart(app(), 'demo');
    const svc = new ExposedService(c, 'web', { selector: { a: 'b' }, ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] });
    new IngressRoute(c, 'ing', { paths: [{ path: '/', service: svc }] });
    expect(Findings.of(c).map(f => `${f.path} ${f.rule} ${f.field} ${f.message}`)).toEqual([
      'demo/ing ingress-backend spec.rules[0].http.paths[0].backend.service.port the backend to Service "web" ([demo/web]) needs an explicit port because it has 2 ports: 80 (http), 443 (https)',
    ]);
  });
});
