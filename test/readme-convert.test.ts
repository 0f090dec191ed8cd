import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './util';

/*
 * README.md's "Moving off ingress-nginx", as written: the block titled shop.yaml is written into a
 * fresh folder, each block that starts with `$ command` is run there (`npx cdk8s-expose` is the
 * CLI in process, `cat` reads the file), and its output must equal the one shown.
 */

const SECTION = '## Moving off ingress-nginx';

function sectionBlocks(): Map<string, string> {
  const md = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const start = md.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = md.indexOf('\n## ', start + SECTION.length + 2);
  const out = new Map<string, string>();
  for (const m of md.slice(start, end).matchAll(/^```(\w+) title=(\S+)\n([\s\S]*?)^```$/gm)) out.set(m[2], m[3]);
  return out;
}

const blocks = sectionBlocks();

describe('README: Moving off ingress-nginx', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-convert-'));
  const cwd = process.cwd();
  beforeAll(() => {
    fs.writeFileSync(path.join(dir, 'shop.yaml'), blocks.get('shop.yaml')!);
    process.chdir(dir);
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('has the input and the three commands', () => {
    expect([...blocks.keys()]).toEqual(['shop.yaml', 'convert', 'route', 'check']);
  });

  test.each(['convert', 'route', 'check'])('holds when `%s` prints what the README shows', title => {
    const [first, ...rest] = blocks.get(title)!.split('\n');
    expect(first.startsWith('$ ')).toBe(true);
    const argv = first.slice(2).split(' ');
    let output: string;
    if (argv[0] === 'cat') {
      output = fs.readFileSync(path.join(dir, argv[1]), 'utf8');
    } else {
      expect(argv.slice(0, 2)).toEqual(['npx', 'cdk8s-expose']);
      const r = cli(...argv.slice(2));
      expect(r.code).toEqual(0);
      output = r.err + r.out;
    }
    expect(output).toEqual(rest.join('\n'));
  });
});
