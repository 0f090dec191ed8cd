import * as fs from 'fs';
import * as path from 'path';
import { ROOT, block, commands, mustRun, readmeBlocks, replaceOnce, ruleOf, sh, tempDir, typescriptBrokenReport, typescriptShopYaml, version } from './shop';

/*
 * README "Use it from Java", from the built Maven repository (dist/java, `npx projen package`):
 * a fresh Maven project, cdk8s-expose from dist/java, cdk8s and constructs from Maven Central,
 * the README's Main.java run as written.
 */

const blocks = readmeBlocks('### Use it from Java');
const MAIN = 'src/main/java/com/example/Main.java';
const ENV = { CDK8S_EXPOSE_DIST: path.join(ROOT, 'dist', 'java') };

describe('README "Use it from Java", from the built Maven repository', () => {
  let app = '';
  const run = (java: string) => {
    fs.writeFileSync(path.join(app, MAIN), java);
    const lines = commands(block(blocks, 'synth'));
    for (const line of lines.slice(0, -1)) mustRun(`nice -n 10 ${line}`, app, ENV);
    return sh(lines[lines.length - 1], app, ENV);
  };

  beforeAll(() => {
    const jar = path.join(ENV.CDK8S_EXPOSE_DIST, 'io', 'github', 'cdk8s-expose', 'cdk8s-expose', version(), `cdk8s-expose-${version()}.jar`);
    if (!fs.existsSync(jar)) throw new Error(`${jar} is missing: run \`npx projen package\` first (the build does)`);
    app = tempDir('cdk8s-expose-java-');
    fs.mkdirSync(path.join(app, path.dirname(MAIN)), { recursive: true });
    fs.writeFileSync(path.join(app, 'pom.xml'), block(blocks, 'pom.xml'));
  });

  afterAll(() => {
    if (app) fs.rmSync(app, { recursive: true, force: true });
  });

  test('the pom takes this version from dist/java, and cdk8s 2.70.47 and constructs 10.3.0', () => {
    const deps = [...block(blocks, 'pom.xml').matchAll(/<groupId>([^<]+)<\/groupId><artifactId>([^<]+)<\/artifactId><version>([^<]+)<\/version>/g)].map(m => m.slice(1).join(':'));
    expect(deps).toEqual([`io.github.cdk8s-expose:cdk8s-expose:${version()}`, 'org.cdk8s:cdk8s:2.70.47', 'software.constructs:constructs:10.3.0']);
  });

  test('the app synthesizes the TypeScript app\'s YAML, byte for byte', () => {
    const r = run(block(blocks, MAIN));
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), 'utf8')).toBe(typescriptShopYaml());
    const classpath = fs.readFileSync(path.join(app, 'classpath.txt'), 'utf8').split(':');
    expect(classpath.filter(j => /(cdk8s-expose|cdk8s|constructs)-[\d.]+\.jar$/.test(j)).map(j => path.basename(j)).sort())
      .toEqual(['cdk8s-2.70.47.jar', `cdk8s-expose-${version()}.jar`, 'constructs-10.3.0.jar']);
  }, 600_000);

  test('fails when nodePort is 99999: the TypeScript app\'s report and rule id, exit 1', () => {
    const r = run(replaceOnce(block(blocks, MAIN), 'nodePort(30080)', 'nodePort(99999)'));
    const report = r.stderr.trimEnd().split('\n');
    expect([r.status, report]).toEqual([1, typescriptBrokenReport()]);
    expect(ruleOf(report)).toBe('service-node-port-range');
  }, 600_000);

  test('fails when a value has the wrong type: the app does not compile, at the call', () => {
    fs.writeFileSync(path.join(app, MAIN), replaceOnce(block(blocks, MAIN), 'nodePort(30080)', 'nodePort("30080")'));
    const r = sh('nice -n 10 mvn -B compile', app, ENV);
    expect(r.status).toBe(1);
    // eslint-disable-next-line no-control-regex
    const errors = r.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter(l => l.startsWith('[ERROR] /'));
    // Maven prints each compiler error twice: in the compiler's list and in the goal's failure
    expect([...new Set(errors.map(l => l.replace(app, 'APP').trimEnd()))]).toEqual([
      expect.stringMatching(/^\[ERROR\] APP\/src\/main\/java\/com\/example\/Main.java:\[\d+,\d+\] incompatible types: java.lang.String cannot be converted to java.lang.Number$/),
    ]);
  }, 600_000);
});
