import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));

/**
 * `pnpm demo` as a person runs it: on a terminal (util-linux `script`), serving until Ctrl-C,
 * which is typed (ETX on the terminal), so every process of the terminal gets SIGINT at once.
 */
describe('the demo (scripts/demo.mjs) on a terminal', () => {
  it('names one request pace, and Ctrl-C ends it at once with exit 130 and no failure message', async () => {
    const child = spawn('script', ['-qec', `stty cols 120 rows 24; ${process.execPath} ${DEMO}`, '/dev/null'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const serving = new Promise<void>((resolve) => {
      const take = (chunk: string): void => {
        output += chunk;
        if (output.includes('Serving until Ctrl-C')) resolve();
      };
      child.stdout.setEncoding('utf8').on('data', take);
      child.stderr.setEncoding('utf8').on('data', take);
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    try {
      await Promise.race([serving, exited]);
      expect(output, output).toContain('Serving until Ctrl-C');
      const typedAt = Date.now();
      child.stdin.write('\x03');
      const code = await exited;
      expect(code, output).toBe(130);
      expect(Date.now() - typedAt).toBeLessThan(5_000);
      expect(output).not.toMatch(/demo failed|Command failed/);
      // One pace throughout: the demo's own words and the backfill's plan say the same.
      const paces = new Set([...output.matchAll(/one request per ([\d.]+m?s)/g)].map((match) => match[1]));
      expect([...paces]).toEqual(['2.5s']);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  }, 120_000);
});
