import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * `--git REV:PATH`: the manifests at a path of a git revision, read from the object store
 * (`git rev-parse`, `git ls-tree`, then every blob in one `git cat-file --batch`, what
 * `git show REV:file` prints), so nothing is checked out. The files are written to a temporary
 * folder for the reader, named as in the tree, and the folder is removed after.
 */

/** A revision's files, written out; `cleanup` removes them. */
export interface GitInput {
  /** The folder holding PATH's files as at the revision. */
  readonly dir: string;
  /** The temporary folder's prefix in file names, to show `REV:path` instead. */
  readonly prefix: string;
  readonly cleanup: () => void;
}

function git(args: string[], cwd: string, input?: Buffer): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 2 ** 32 });
  return { ok: r.status === 0, out: r.stdout ?? Buffer.alloc(0), err: (r.stderr ?? Buffer.alloc(0)).toString('utf8').trim() };
}

/** Reads `REV:PATH`; returns a one-line error instead when the revision or path does not exist. */
export function readGitInput(spec: string, cwd: string = process.cwd()): GitInput | string {
  const colon = spec.indexOf(':');
  if (colon <= 0) return `--git ${spec}: write REV:PATH, e.g. origin/main:dist`;
  const rev = spec.slice(0, colon);
  const at = spec.slice(colon + 1).replace(/^\.?\/+/, '').replace(/\/+$/, '');
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd);
  if (!commit.ok) return `--git ${spec}: no git revision ${JSON.stringify(rev)}${commit.err ? ` (${commit.err.split('\n')[0]})` : ''}`;
  const sha = commit.out.toString('utf8').trim();
  const tree = git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', ...(at === '' ? [] : [at])], cwd);
  if (!tree.ok) return `--git ${spec}: ${tree.err.split('\n')[0]}`;
  const blobs: Array<{ sha: string; file: string }> = [];
  for (const entry of tree.out.toString('utf8').split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (!m) continue;
    const file = m[2];
    // a path named exactly is read whatever its extension; a folder's .yaml and .yml files
    if (file === at || /\.ya?ml$/.test(file)) blobs.push({ sha: m[1], file });
  }
  if (blobs.length === 0) return `--git ${spec}: no .yaml or .yml files at ${at || '/'} in ${rev}`;
  const batch = git(['cat-file', '--batch'], cwd, Buffer.from(blobs.map(b => b.sha).join('\n') + '\n'));
  if (!batch.ok) return `--git ${spec}: ${batch.err.split('\n')[0]}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-git-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    let pos = 0;
    for (const b of blobs) {
      const nl = batch.out.indexOf(0x0a, pos);
      const header = batch.out.subarray(pos, nl).toString('utf8').split(' ');
      const size = Number(header[2]);
      const content = batch.out.subarray(nl + 1, nl + 1 + size);
      pos = nl + 1 + size + 1;
      const dest = path.join(dir, ...b.file.split('/'));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, content);
    }
  } catch (e) {
    cleanup();
    return `--git ${spec}: ${(e as Error).message}`;
  }
  return { dir: at === '' ? dir : path.join(dir, ...at.split('/')), prefix: dir + path.sep, cleanup };
}

/** A file name as shown: `REV:path` for a file read from git. */
export function gitFileName(file: string, input: GitInput, rev: string): string {
  return file.startsWith(input.prefix) ? `${rev}:${file.slice(input.prefix.length).split(path.sep).join('/')}` : file;
}
