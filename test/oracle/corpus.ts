import * as fs from 'fs';
import * as path from 'path';
import { readManifests } from '../../src/checker/read';
import { registeredExamples } from '../../src/model/rule';
import '../../src/rules/catalog';
import { CASES as CONTAINER } from '../upstream/k8s/container.cases';
import { CASES as DEPLOYMENT } from '../upstream/k8s/deployment.cases';
import { CASES as INGRESS } from '../upstream/k8s/ingress.cases';
import { CASES as METADATA } from '../upstream/k8s/metadata.cases';
import { CASES as SERVICE } from '../upstream/k8s/service.cases';

/** One object of the corpus, and where it comes from. */
export interface CorpusEntry {
  readonly source: string;
  readonly manifest: any;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'manifests');

/** Every upstream table row, rule example and valid twin, and test fixture object. */
export function corpus(): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  const tables: [string, { upstream: string; manifest: any }[]][] = [
    ['service.cases', SERVICE], ['metadata.cases', METADATA], ['container.cases', CONTAINER],
    ['ingress.cases', INGRESS], ['deployment.cases', DEPLOYMENT],
  ];
  for (const [file, cases] of tables) {
    for (const c of cases) out.push({ source: `${file}: ${c.upstream}`, manifest: c.manifest });
  }
  for (const [id, ex] of registeredExamples()) {
    (ex.objects ?? []).forEach((m, i) => out.push({ source: `example ${id} [${i}]`, manifest: m }));
    (ex.valid ?? []).forEach((m, i) => out.push({ source: `valid twin ${id} [${i}]`, manifest: m }));
  }
  for (const f of fs.readdirSync(FIXTURES).filter(n => /\.ya?ml$/.test(n)).sort()) {
    readManifests([path.join(FIXTURES, f)]).sources.forEach((s, i) => out.push({ source: `fixture ${f} [${i}]`, manifest: s.manifest }));
  }
  return out;
}
