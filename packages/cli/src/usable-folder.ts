import { lstat, mkdir, open, readlink, rm, stat } from 'node:fs/promises';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { isSystemError, reasonOf, type Wording } from './cli-error.js';

/**
 * Makes sure `dir` exists (created 0700 where missing) and takes new files; returns what is in
 * the way, in words, or undefined when it is usable. Walks the path one folder at a time with
 * plain `mkdir` instead of `mkdir({ recursive: true })`: Node's recursive mkdir loops forever
 * where the kernel answers ENOENT for a parent that exists (`/proc/nope`).
 */
export async function folderProblem(dir: string): Promise<Wording | undefined> {
  const target = resolve(dir);
  const { root } = parse(target);
  let current = root;
  for (const part of target.slice(root.length).split(sep).filter(Boolean)) {
    current = join(current, part);
    const problem = await ensureFolder(current);
    if (problem) return problem;
  }
  return writeProblem(target);
}

async function ensureFolder(path: string): Promise<Wording | undefined> {
  try {
    return (await stat(path)).isDirectory() ? undefined : (say) => say.files.fileNotFolder(path);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    if (error.code !== 'ENOENT') return (say) => say.files.cannotOpen(path, reasonOf(error, say));
  }
  try {
    await mkdir(path, { mode: 0o700 });
    return undefined;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    // Created meanwhile by another run, or a symbolic link that points nowhere.
    if (error.code === 'EEXIST') return existingPathProblem(path);
    if (error.code === 'ENOENT') return (say) => say.files.noNewFolders(dirname(path));
    return (say) => say.files.cannotCreate(path, reasonOf(error, say));
  }
}

async function existingPathProblem(path: string): Promise<Wording | undefined> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) return undefined;
  if ((await lstat(path).catch(() => undefined))?.isSymbolicLink()) {
    const target = await readlink(path);
    return (say) => say.files.danglingLink(path, target);
  }
  return (say) => say.files.notFolder(path);
}

/** Tries the one thing the store needs: creating a file there. */
async function writeProblem(dir: string): Promise<Wording | undefined> {
  const probe = join(dir, `.write-check-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await (await open(probe, 'wx', 0o600)).close();
    await rm(probe, { force: true });
    return undefined;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    return (say) => say.files.cannotWriteIn(reasonOf(error, say));
  }
}
