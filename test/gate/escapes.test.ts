import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { markdownCell, printable, textLine } from '../../src/model/text';

/* Issue 19 item 15: what the input supplies cannot forge output in any format. */

const ROOT = path.resolve(__dirname, '..', '..');

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { out: s => { out += s; }, err: s => { err += s; } });
  return { code, out, err };
}

const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff', '\u2028', '\u2029', '\u001b', '\u009b'];

describe('escapes', () => {
  test.each(INVISIBLE.map(c => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))('holds when %s is escaped in text', (_, c) => {
    expect(printable(`a${c}b`)).toBe(`a\\${c.charCodeAt(0) < 0x100 ? 'x' : 'u'}${c.charCodeAt(0).toString(16).padStart(c.charCodeAt(0) < 0x100 ? 2 : 4, '0')}b`);
  });

  test('holds when a line that starts with :: is escaped in the text format', () => {
    expect(textLine('::error file=README.md,line=1::Approved by platform.yaml:1: error: x')).toBe('\\x3a:error file=README.md,line=1::Approved by platform.yaml:1: error: x');
    expect(textLine('a.yaml:1: error: x')).toBe('a.yaml:1: error: x');
  });

  test('holds when Markdown and HTML in a cell are escaped', () => {
    expect(markdownCell('[link](https://evil.example) <img src=x> *a* `b` | c &amp; ![i](x)')).toBe(
      '\\[link\\](https://evil.example) \\<img src=x> \\*a\\* \\`b\\` \\| c \\&amp; !\\[i\\](x)');
  });

  describe('through the CLI', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(ROOT, '.cdk8s-expose-esc-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('fails when a file is named as a workflow command: no text line starts with ::', () => {
      const sub = path.join(dir, '::error file=README.md,line=1::Approved by platform.yaml');
      fs.writeFileSync(sub, 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 70000}]}\n');
      const r = cli('check', sub);
      expect(r.code).toBe(1);
      expect(r.out.split('\n').filter(l => l.startsWith('::'))).toEqual([]);
    });

    test('fails when a name holds invisible and bidi marks: escaped in text, JSON, SARIF and GitHub', () => {
      const name = 'a\u202eb\u200bc\u061cd\u2066e';
      fs.writeFileSync(path.join(dir, 'a.yaml'), `apiVersion: v1\nkind: Service\nmetadata: {name: "${name}"}\nspec: {ports: [{port: 70000}]}\n`);
      for (const format of ['text', 'json', 'sarif', 'github']) {
        const r = cli('check', '--format', format, dir);
        expect(r.code).toBe(1);
        expect(r.out).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
        // escaped as \uXXXX, JSON still gives the name back
        if (format === 'json') expect(new Set(JSON.parse(r.out).findings.map((f: any) => f.name))).toEqual(new Set([name]));
      }
    });

    test('fails when a Service name holds Markdown: routes --format markdown prints it as text', () => {
      fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: "[x](https://evil.example)<img src=y>"}\nspec: {ports: [{port: 80}]}\n');
      const r = cli('routes', '--format', 'markdown', dir);
      const rows = r.out.split('\n').slice(2).filter(l => l !== '');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).not.toMatch(/(^|[^\\])[[<]/);
    });
  });
});
