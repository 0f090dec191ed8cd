import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * Every ```ts block of the README is compiled against the library, so the README cannot
 * drift from the code. `cdk8s-expose` is mapped to ../src.
 */
const ROOT = path.resolve(__dirname, '..');

function blocks(): string[] {
  const md = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...md.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
}

describe('README', () => {
  test('has code blocks for each construct', () => {
    const all = blocks().join('\n');
    for (const name of ['new WebApp', 'new ExposedService', 'new IngressRoute', 'ExposePolicy.set', 'ExposedService.fromName', 'ServiceType.EXTERNAL_NAME', 'headless: true', 'SessionAffinity.CLIENT_IP', 'ServiceType.LOAD_BALANCER']) {
      expect(all).toContain(name);
    }
  });

  test('every ts block type-checks', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-readme-'));
    try {
      const files = blocks().map((code, i) => {
        const file = path.join(dir, `block${i}.ts`);
        fs.writeFileSync(file, code.replace(/from 'cdk8s-expose'/g, `from '${path.join(ROOT, 'src').replace(/\\/g, '/')}'`));
        return file;
      });
      expect(files.length).toBeGreaterThanOrEqual(6);
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['node'],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map(d =>
        `${path.basename(d.file?.fileName ?? '?')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(diagnostics).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
