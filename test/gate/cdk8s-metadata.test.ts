import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../util';

/*
 * cdk8s synth with validation plugins writes construct-metadata.json (and this library's App
 * report) beside the manifests: metadata, not objects. Checking the output folder skips them,
 * and says so; kubectl apply -f on that folder would fail on them.
 */
describe('the files cdk8s writes beside the manifests', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-dist-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('holds when dist/ has construct-metadata.json and cdk8s-expose-findings.json: skipped with a reason, exit 0', () => {
    fs.writeFileSync(path.join(dir, 'app.k8s.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n');
    fs.writeFileSync(path.join(dir, 'construct-metadata.json'), '{"version":"1.0.0","resources":{}}');
    fs.writeFileSync(path.join(dir, 'cdk8s-expose-findings.json'), '{"objects":[],"findings":[]}');
    const r = cli('check', '--format', 'json', dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.fileErrors).toEqual([]);
    expect(out.skippedFiles.map((f: any) => path.basename(f.file)).sort()).toEqual(['cdk8s-expose-findings.json', 'construct-metadata.json']);
  });

  test('fails when another JSON file of the folder is not a Kubernetes object: kubectl reads it, so do we', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"a":1}');
    expect(cli('check', dir).code).toBe(1);
  });
});
