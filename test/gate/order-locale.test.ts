import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { EXEMPTION_PREFIX } from '../../src/model/exemptions';
import { EXTERNAL_SERVICES_ANNOTATION } from '../../src/rules/external-services';
import { cli } from '../util';

/*
 * The verdict must not depend on the order of the input files or on the locale: for any
 * permutation of the files and any locale, the exit code and the JSON output are identical.
 * The files hold pairwise conflicts (two Ingresses on one host and path, two Services on one
 * nodePort) with an exemption on one party only, so that a verdict attached to whichever
 * party was read second would flip.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-expose');
const WHY = 'blue-green switch, one of them is scaled to zero';

const ingress = (name: string, extra: any = {}) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, annotations: { [EXTERNAL_SERVICES_ANNOTATION]: name, ...extra } },
  spec: { ingressClassName: 'nginx', rules: [{ host: 'echo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }] } }] },
});
const service = (name: string, annotations: any = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, annotations },
  spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
});
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }] } } },
};

/** File names that sort differently by byte order, in English, German and Turkish collation. */
const FILES: Array<[string, object]> = [
  ['Zeta.yaml', ingress('production')],
  ['äpfel.yaml', ingress('staging', { [`${EXEMPTION_PREFIX}ingress-route-conflict`]: WHY })],
  ['ınfo.yaml', service('alpha', { [`${EXEMPTION_PREFIX}service-node-port-conflict`]: WHY })],
  ['info.yaml', service('beta')],
  ['a_b.yaml', deployment],
];

const LOCALES = ['tr-TR', 'de-DE', 'en-US', 'C'];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-order-'));
  for (const [name, object] of FILES) fs.writeFileSync(path.join(dir, name), JSON.stringify(object));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs with String.prototype.localeCompare and Intl.Collator defaulting to another locale. */
function inLocale<T>(locale: string, run: () => T): T {
  const compare = String.prototype.localeCompare;
  const Collator = Intl.Collator;
  const loc = locale === 'C' ? 'en-US-u-co-standard' : locale;
  // eslint-disable-next-line no-extend-native
  String.prototype.localeCompare = function (this: string, that: string, locales?: string | string[], options?: Intl.CollatorOptions) {
    return compare.call(this, that, locales ?? loc, options);
  } as typeof compare;
  (Intl as any).Collator = function (locales?: string | string[], options?: Intl.CollatorOptions) {
    return new Collator(locales ?? loc, options);
  };
  try {
    return run();
  } finally {
    // eslint-disable-next-line no-extend-native
    String.prototype.localeCompare = compare;
    (Intl as any).Collator = Collator;
  }
}

function check(files: string[]): { code: number; json: string } {
  const r = cli('check', '--format', 'json', '--no-config', ...files.map(f => path.join(dir, f)));
  return { code: r.code, json: r.out };
}

describe('the verdict is the same for any order of the files and any locale', () => {
  test('fails when the conflicts stand (one party exempt): the baseline the permutations are compared with', () => {
    const base = check(FILES.map(f => f[0]));
    expect(base.code).toBe(1);
    expect(JSON.parse(base.json).findings.map((f: any) => `${f.kind}/${f.name} ${f.rule}`).filter((f: string) => f.includes('conflict'))).toEqual([
      'Service/beta service-node-port-conflict',
      'Ingress/staging ingress-route-conflict',
    ]);
  });

  test('holds for any permutation of the arguments, in any locale (in process)', () => {
    const base = check(FILES.map(f => f[0]));
    fc.assert(fc.property(fc.shuffledSubarray(FILES.map(f => f[0]), { minLength: FILES.length }), fc.constantFrom(...LOCALES), (files, locale) => {
      expect(inLocale(locale, () => check(files))).toEqual(base);
    }), { numRuns: 30 });
  });

  test('holds for the folder and for the files, in any locale of the process environment (LANG, LC_ALL)', () => {
    const run = (env: { [k: string]: string }, args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--no-config', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
      return { code: r.status, json: r.stdout };
    };
    const names = FILES.map(f => path.join(dir, f[0]));
    const base = run({ LANG: 'C', LC_ALL: 'C' }, names);
    expect(base.code).toBe(1);
    const folder = run({ LANG: 'C', LC_ALL: 'C' }, [dir]);
    fc.assert(fc.property(fc.shuffledSubarray(names, { minLength: names.length }), fc.constantFrom('tr_TR.UTF-8', 'de_DE.UTF-8', 'C'), (files, locale) => {
      expect(run({ LANG: locale, LC_ALL: locale }, files)).toEqual(base);
      expect(run({ LANG: locale, LC_ALL: locale }, [dir])).toEqual(folder);
    }), { numRuns: 4 });
  }, 60_000);
});
