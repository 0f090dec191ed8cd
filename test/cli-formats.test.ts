import * as path from 'path';
import { checkFormats, routesFormats } from '../src/cli/formats';
import { run } from '../src/cli/main';

/*
 * The output formats are a map: each file of src/cli/formats registers its own, and the CLI
 * offers and runs whatever is registered.
 */

const VALID = path.join(__dirname, 'fixtures', 'manifests', 'valid.yaml');
const FINDINGS = path.join(__dirname, 'fixtures', 'manifests', 'helm-rendered.yaml');

function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, { out: s => { out += s; }, err: s => { err += s; } });
  return { code, out, err };
}

describe('the format map', () => {
  test('holds when check offers every registered format, in rank order', () => {
    expect(checkFormats().map(f => f.name)).toEqual(['text', 'json', 'sarif', 'github']);
    const help = cli('check', '--help').out.replace(/\s+/g, ' ');
    expect(help).toContain('output format: text, json, sarif (code scanning) or github (pull request annotations)');
    expect(help).toContain('(choices: "text", "json", "sarif", "github", default: "text")');
  });

  test('holds when routes offers every registered format', () => {
    expect(routesFormats().map(f => f.name)).toEqual(['table', 'markdown', 'json', 'mermaid', 'dot', 'html']);
  });

  test.each(checkFormats().map(f => f.name))('holds when check --format %s runs its formatter', format => {
    const r = cli('check', '--format', format, FINDINGS);
    expect(r.code).toBe(1);
    expect(r.out).toContain('service-target-port-name');
  });

  test.each(routesFormats().map(f => f.name))('holds when routes --format %s runs its formatter', format => {
    const r = cli('routes', '--format', format, VALID);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).not.toBe('');
  });
});
