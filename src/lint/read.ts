import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { ManifestSource } from '../manifest-analyzer';

/** What reading files gave: objects, one-line errors (with file and position), and notes. */
export interface ReadResult {
  readonly sources: ManifestSource[];
  readonly errors: string[];
  readonly files: number;
}

/** Files a folder is searched for; a file named on the command line is read whatever its extension (JSON is YAML). */
const EXTENSIONS = ['.yaml', '.yml'];

function listFiles(p: string, errors: string[]): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    errors.push(`${p}: no such file or directory`);
    return [];
  }
  if (stat.isFile()) return [p];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
        found.push(full);
      }
    }
  };
  walk(p);
  if (found.length === 0) errors.push(`${p}: no YAML files found in this folder`);
  return found;
}

/**
 * Reads multi-document YAML (or JSON) files and folders of them. `List` objects are
 * flattened. Empty documents are skipped. Problems become one-line errors.
 */
export function readManifests(paths: string[], progress: (message: string) => void = () => undefined): ReadResult {
  const errors: string[] = [];
  const files = paths.flatMap(p => listFiles(p, errors));
  const sources: ManifestSource[] = [];
  if (files.length > 300) progress(`reading ${files.length} files...`);
  files.forEach((file, i) => {
    if (files.length > 300 && i > 0 && i % 500 === 0) progress(`read ${i} of ${files.length} files`);
    const lines = new LineCounter();
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), { lineCounter: lines });
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const start = doc.contents?.range?.[0] ?? 0;
      const line = lines.linePos(start).line;
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        const pos = e.linePos?.[0];
        errors.push(`${file}:${pos ? `${pos.line}:${pos.col}` : line}: not valid YAML: ${e.message.split('\n')[0]}`);
        continue;
      }
      const obj = doc.toJS();
      if (obj === null || obj === undefined) continue;
      if (typeof obj !== 'object' || Array.isArray(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
        errors.push(`${file}:${line}: this document is not a Kubernetes object: it has no apiVersion or kind`);
        continue;
      }
      if (/List$/.test(obj.kind) && Array.isArray(obj.items)) {
        obj.items.forEach((item: any, j: number) => {
          if (item && typeof item === 'object' && item.kind) sources.push({ manifest: item, file, line });
          else errors.push(`${file}:${line}: items[${j}] of the ${obj.kind} has no kind`);
        });
        continue;
      }
      sources.push({ manifest: obj, file, line });
    }
  });
  return { sources, errors, files: files.length };
}
