import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { GatewayConfigError } from '../gateway-options.js';

/** Group- and world-write bits of a file's mode. */
const WRITABLE_BY_OTHERS = 0o022;

/**
 * Refuses a keys file that users other than its owner may write (POSIX only: Windows has no such
 * mode bits): anyone who can write it can add a key of their own, and with plain keys in it,
 * replace or learn the ones there. Throws `GatewayConfigError` (field `keysFile`, reason
 * `permissions`) naming the file, its mode and `chmod 600` as the fix. The session secret file
 * is held to the same rule (`what` names the file in the message).
 */
export async function checkKeysFileMode(path: string, what: string = 'keys file', platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & WRITABLE_BY_OTHERS) === 0) return;
  const octal = mode.toString(8).padStart(4, '0');
  const who = mode & 0o002 ? 'every user of this machine' : 'its group';
  throw new GatewayConfigError(
    'keysFile',
    'permissions',
    `The ${what} ${path} has mode ${octal}: ${who} may write it, and so slip in a key or secret of their own.`,
    `Make it writable by its owner only: chmod 600 ${path}`,
  );
}

/** A line that repeats a key given on an earlier line (as a plain key or as its sha256: digest). */
export interface DuplicateKeyLine {
  line: number;
  firstLine: number;
}

/**
 * The keys of a file counted once each: the lines that repeat an earlier key, by line number
 * (never the key). A plain key and its `sha256:` line are the same key.
 */
export function duplicateKeyLines(entries: readonly { entry: string; line: number }[]): DuplicateKeyLine[] {
  const firstLineOf = new Map<string, number>();
  const duplicates: DuplicateKeyLine[] = [];
  for (const { entry, line } of entries) {
    const digest = /^sha256:([0-9a-f]{64})$/i.exec(entry)?.[1]?.toLowerCase() ?? createHash('sha256').update(entry, 'utf8').digest('hex');
    const firstLine = firstLineOf.get(digest);
    if (firstLine === undefined) firstLineOf.set(digest, line);
    else duplicates.push({ line, firstLine });
  }
  return duplicates;
}
