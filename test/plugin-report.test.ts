import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, JsonPatch, YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ExposedService, ExposePolicy, ExposeValidation, Findings, WebApp } from '../src';
import { APP_REPORT_FILE } from '../src/checker/app-report';

/*
 * The plugin after the App's own validation, as `cdk8s synth` runs them: the App writes what
 * it reported beside cdk8s' construct-metadata.json (cdk8s-cli sets
 * CDK8S_RECORD_CONSTRUCT_METADATA when plugins are configured); the plugin reports nothing
 * twice and names the right construct for objects that share a name. The plugin runs here
 * on a context shaped like cdk8s-cli's ValidationContext.
 */

interface Violation { ruleName: string; recommendation: string; violatingResources: Array<{ resourceName: string; locations: string[] }> }

async function runPlugin(outdir: string): Promise<{ violations: Violation[]; status: string }> {
  const manifests = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).map(f => path.join(outdir, f));
  const metadataFile = path.join(outdir, 'construct-metadata.json');
  const metadata = fs.existsSync(metadataFile) ? JSON.parse(fs.readFileSync(metadataFile, 'utf8')).resources : {};
  const violations: Violation[] = [];
  let status = '';
  await new ExposeValidation().validate({
    manifests,
    metadata,
    parseManifest: (file: string) => parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()),
    report: { addViolation: (v: Violation) => violations.push(v), submit: (s: string) => { status = s; } },
  });
  return { violations, status };
}

function synthWithPlugins(build: (app: App) => void): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-plugin-'));
  const before = process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
  try {
    const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
    ExposePolicy.set(app, { printWarnings: false });
    build(app);
    app.synth();
  } finally {
    if (before === undefined) delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA; else process.env.CDK8S_RECORD_CONSTRUCT_METADATA = before;
  }
  return outdir;
}

describe('the plugin after the App validation', () => {
  test('holds when the App already reported a warning: the plugin does not report it again', async () => {
    const outdir = synthWithPlugins(app => {
      // a Deployment and a Service named alike, as the README's `web.expose('web')`; a selector that matches nothing
      const c = new Chart(app, 'patch');
      new WebApp(c, 'web', { image: 'nginx:1', ports: [{ containerPort: 80 }] }).expose('web');
      new ExposedService(c, 'lonely', { selector: { app: 'nothing' }, ports: [{ port: 80 }] });
    });
    try {
      expect(fs.existsSync(path.join(outdir, APP_REPORT_FILE))).toBe(true);
      const { violations, status } = await runPlugin(outdir);
      expect(status).toBe('success');
      expect(violations.map(v => v.ruleName)).toEqual([]);
      // without the App's report, the plugin reports the warning the App printed
      fs.rmSync(path.join(outdir, APP_REPORT_FILE));
      expect((await runPlugin(outdir)).violations.map(v => v.ruleName)).toEqual(['service-selector-dangling']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('fails when a JSON patch breaks a Deployment named like its Service: the App validation names the Deployment\'s construct, not the Service\'s', () => {
    // the App validation checks the patched object, so the plugin never has to
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-patch-')) });
    try {
      const c = new Chart(app, 'patch');
      const web = new WebApp(c, 'web', { image: 'nginx:1', ports: [{ containerPort: 80 }] });
      web.expose('web');
      web.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', ' nginx:1'));
      expect(Findings.of(app).map(f => `${f.path} ${f.rule} ${f.field} ${f.severity}`)).toEqual([
        'patch/web container-image spec.template.spec.containers[0].image error',
      ]);
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });
});
