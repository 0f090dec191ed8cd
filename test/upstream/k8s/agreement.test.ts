import { CASES as CONTAINER } from './container.cases';
import { CASES as DEPLOYMENT } from './deployment.cases';
import { CASES as INGRESS } from './ingress.cases';
import { CASES as METADATA } from './metadata.cases';
import { CASES as SERVICE } from './service.cases';
import { LAST_MINOR, UpstreamCase } from './types';
import { ManifestAnalyzer, ManifestFinding } from '../../../src/checker/check';
import { Severity } from '../../../src/model/finding';
import { DEFAULT_VERSIONS } from '../../../src/model/versions';

/*
 * Every transcribed upstream case, run through the manifest checker: the rules agree with the
 * API server.
 *
 * - An invalid case gives at least one ERROR on one of upstream's fields (see `sameField`).
 * - A valid case gives no error (warnings are allowed: the API accepts what they point at).
 * - A case with `acceptedFrom: N` is an error at 1.(N-1), nothing at 1.N and at the newest
 *   release, and over the default range (1.32..1.37) a WARNING that names 1.N when the range
 *   holds releases on both sides of it; nothing when every release of the range accepts it
 *   (N <= 1.32: the relaxations of 1.29 and 1.32, issue 20).
 * - A case with `rejectedFrom: N` likewise, the other way round (an error over the default
 *   range when N <= 1.32).
 *
 * Only errors count against a valid case; the cross-object rules (a selector that matches no
 * workload of this one-object set) give warnings, which are fine.
 */

/**
 * Upstream fields that the manifest spells differently. The registry copies `spec.clusterIP` into
 * `spec.clusterIPs` before validation, so upstream reports a bad clusterIP on `spec.clusterIPs[0]`
 * (or `spec.clusterIPs`), a field the manifest never wrote; we report it where the user wrote it.
 */
const ALIASES: { readonly [upstream: string]: string } = {
  'spec.clusterIPs[0]': 'spec.clusterIP',
  'spec.clusterIPs': 'spec.clusterIP',
};

/**
 * Rules whose errors are not API-server rejections but certain runtime failures (the severity
 * principle's second kind of error): they may report an error on a case the API server accepts.
 * The last test lists every such error on an accepted case.
 */
const RUNTIME_RULES = ['probe-port-undeclared'];

/**
 * Whether our field path names the same field as upstream's. Ours may equal upstream's or be
 * inside it (more precise: upstream `spec.ports[0]`, ours `spec.ports[0].port`). Ours may also
 * be the map that holds upstream's key (upstream `metadata.labels.key`, ours `metadata.labels`),
 * since upstream reports some map errors on the map and some on the key. A different field
 * never matches.
 */
export function sameField(ours: string, upstream: string): boolean {
  if (ours === upstream) return true;
  if (ALIASES[upstream] === ours) return true;
  if (upstream !== '' && (ours.startsWith(upstream + '.') || ours.startsWith(upstream + '['))) return true;
  for (const sep of ['.', '[']) {
    if (ours !== '' && upstream.startsWith(ours + sep)) {
      const rest = upstream.slice(ours.length + 1);
      // one more segment only: a map key (`.key`, `['a/b']`) under the map
      if (sep === '.' && /^[A-Za-z0-9_-]+$/.test(rest)) return /(labels|annotations|selector|matchLabels|limits|requests)$/.test(ours);
      if (sep === '[' && /^'[^']+'\]$/.test(rest)) return true;
    }
  }
  return false;
}

const FILES: [string, UpstreamCase[]][] = [
  ['service', SERVICE],
  ['metadata', METADATA],
  ['container', CONTAINER],
  ['ingress', INGRESS],
  ['deployment', DEPLOYMENT],
];

function findings(c: UpstreamCase, minor?: number): ManifestFinding[] {
  const options = minor === undefined ? {} : { kubernetesVersion: `1.${minor}` };
  return ManifestAnalyzer.analyze([{ manifest: c.manifest }], options).findings;
}

const show = (fs: ManifestFinding[]) => fs.map(f => `${f.severity} ${f.rule} ${f.field}: ${f.message}`);
const errors = (fs: ManifestFinding[]) => fs.filter(f => f.severity === Severity.ERROR);
const onField = (fs: ManifestFinding[], c: UpstreamCase) => fs.filter(f => (c.fields ?? []).some(u => sameField(f.field, u)));

/** Errors on upstream's fields, or every finding for the failure message when there is none. */
function expectRejected(c: UpstreamCase, minor?: number): void {
  const fs = findings(c, minor);
  const hits = onField(errors(fs), c);
  if (hits.length === 0) {
    throw new Error(`expected an error on ${(c.fields ?? []).join(' | ')} at ${minor === undefined ? 'the default range' : `1.${minor}`}; got:\n${show(fs).join('\n') || '(nothing)'}`);
  }
}

function expectAccepted(c: UpstreamCase, minor?: number): void {
  expect(show(errors(findings(c, minor)).filter(f => !RUNTIME_RULES.includes(f.rule)))).toEqual([]);
}

/** No finding at all on upstream's fields over the default range. */
function expectSilent(c: UpstreamCase): void {
  expect(show(onField(findings(c), c))).toEqual([]);
}

/** Over the default range: a warning naming the release where it straddles `minor`, else the verdict of every release in it. */
function expectDefaultRange(c: UpstreamCase, minor: number, rejectedBelow: boolean): void {
  if (minor > DEFAULT_VERSIONS.min) expectWarnsNaming(c, minor);
  else if (rejectedBelow) expectSilent(c);
  else expectRejected(c);
}

/** A warning on upstream's fields naming the version that changed the verdict. */
function expectWarnsNaming(c: UpstreamCase, minor: number): void {
  const fs = findings(c);
  expect(show(errors(fs).filter(f => !RUNTIME_RULES.includes(f.rule)))).toEqual([]);
  const hits = onField(fs, c).filter(f => f.severity === Severity.WARNING && f.message.includes(`1.${minor}`));
  if (hits.length === 0) throw new Error(`expected a warning naming 1.${minor} on ${(c.fields ?? []).join(' | ')}; got:\n${show(fs).join('\n') || '(nothing)'}`);
}

describe('sameField', () => {
  test.each([
    ['spec.ports[0].port', 'spec.ports[0]', true],
    ['spec.ports[0]', 'spec.ports[0]', true],
    ['metadata.labels', 'metadata.labels.key', true],
    ['metadata.annotations', 'metadata.annotations[\'a/b\']', true],
    ['spec.ports[0].name', 'spec.ports[0].port', false],
    ['spec', 'spec.ports[0]', false],
    ['', 'spec.ports', false],
    ['spec.ports[10]', 'spec.ports[1]', false],
    ['spec.clusterIP', 'spec.clusterIPs[0]', true],
  ] as [string, string, boolean][])('ours %s, upstream %s: %s', (ours, upstream, expected) => {
    expect(sameField(ours, upstream)).toBe(expected);
  });
});

describe.each(FILES)('%s cases agree with the API server', (_, cases) => {
  const named = (cs: UpstreamCase[]) => cs.map(c => [c.upstream, c] as [string, UpstreamCase]);
  const fixed = cases.filter(c => c.acceptedFrom === undefined && c.rejectedFrom === undefined);

  const valid = named(fixed.filter(c => c.valid));
  if (valid.length > 0) {
    test.each(valid)('%s is accepted by every version', (_name, c) => {
      expectAccepted(c);
      expectAccepted(c, 27);
      expectAccepted(c, LAST_MINOR);
    });
  }

  const invalid = named(fixed.filter(c => !c.valid));
  if (invalid.length > 0) {
    test.each(invalid)('%s is rejected', (_name, c) => {
      expectRejected(c);
      expectRejected(c, 27);
      expectRejected(c, LAST_MINOR);
    });
  }

  const relaxed = named(cases.filter(c => c.acceptedFrom !== undefined));
  if (relaxed.length > 0) {
    test.each(relaxed)('%s is rejected before its version and accepted from it', (_name, c) => {
      const n = c.acceptedFrom!;
      expectRejected(c, n - 1);
      expectAccepted(c, n);
      expectAccepted(c, LAST_MINOR);
      expectDefaultRange(c, n, true);
    });
  }

  const tightened = named(cases.filter(c => c.rejectedFrom !== undefined));
  if (tightened.length > 0) {
    test.each(tightened)('%s is accepted before its version and rejected from it', (_name, c) => {
      const n = c.rejectedFrom!;
      expectAccepted(c, n - 1);
      expectRejected(c, n);
      expectRejected(c, LAST_MINOR);
      expectDefaultRange(c, n, false);
    });
  }
});

describe('errors on accepted cases', () => {
  const all = FILES.flatMap(([, cases]) => cases);

  test('are only runtime failures, and exactly these', () => {
    const found = all.filter(c => c.valid).flatMap(c => errors(findings(c)).map(f => `${c.upstream} | ${f.rule} ${f.field}`));
    // the container declares no port of that name: the API accepts it, the kubelet fails the probe ("couldn't find port")
    expect(found).toEqual([
      'TestValidateHandler success httpGet named port "port" | probe-port-undeclared spec.template.spec.containers[0].readinessProbe.httpGet.port',
      'TestValidateHandler success httpGet header "Host" | probe-port-undeclared spec.template.spec.containers[0].readinessProbe.httpGet.port',
      'TestValidateHandler success httpGet header "X-Forwarded-For" twice | probe-port-undeclared spec.template.spec.containers[0].readinessProbe.httpGet.port',
      'validation.go validateTCPSocketAction: named port | probe-port-undeclared spec.template.spec.containers[0].readinessProbe.tcpSocket.port',
    ]);
  });
});
