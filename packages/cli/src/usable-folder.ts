import { lstat, mkdir, open, readlink, rm, stat } from 'node:fs/promises';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { isSystemError, reasonOf } from './cli-error.js';

/**
 * Makes sure `dir` exists (created 0700 where missing) and takes new files; returns what is in
 * the way, in words, or undefined when it is usable. Walks the path one folder at a time with
 * plain `mkdir` instead of `mkdir({ recursive: true })`: Node's recursive mkdir loops forever
 * where the kernel answers ENOENT for a parent that exists (`/proc/nope`).
 */
export async function folderProblem(dir: string): Promise<string | undefined> {
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

async function ensureFolder(path: string): Promise<string | undefined> {
  try {
    return (await stat(path)).isDirectory() ? undefined : `${path} is a file, not a folder`;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    if (error.code !== 'ENOENT') return `${path} cannot be opened: ${reasonOf(error)}`;
  }
  try {
    await mkdir(path, { mode: 0o700 });
    return undefined;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    // Created meanwhile by another run, or a symbolic link that points nowhere.
    if (error.code === 'EEXIST') return existingPathProblem(path);
    if (error.code === 'ENOENT') return `${dirname(path)} does not allow new folders (ENOENT)`;
    return `cannot create ${path}: ${reasonOf(error)}`;
  }
}

async function existingPathProblem(path: string): Promise<string | undefined> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) return undefined;
  if ((await lstat(path).catch(() => undefined))?.isSymbolicLink()) {
    return `${path} is a symbolic link to ${await readlink(path)}, which does not exist`;
  }
  return `${path} exists and is not a folder`;
}

/** Tries the one thing the store needs: creating a file there. */
async function writeProblem(dir: string): Promise<string | undefined> {
  const probe = join(dir, `.write-check-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await (await open(probe, 'wx', 0o600)).close();
    await rm(probe, { force: true });
    return undefined;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    return `cannot write in it: ${reasonOf(error)}`;
  }
}
