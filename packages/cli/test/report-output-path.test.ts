import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { historyFile } from './support/history-file.js';
import { runCli } from './support/run-cli.js';

const folder = useTempFolder('zen-cli-report-out-');

/** An --out the report cannot be written to is the user's argument to fix: exit 2, named by the path they gave. */
describe('zen-leads report --out that cannot be written', () => {
  it('in a folder that does not exist: exit 2 naming the path and the missing folder, never a temporary file', async () => {
    const input = await historyFile(folder(), ['2025-03-01']);
    const out = join(folder(), 'no-such-folder', 'r.html');
    const run = await runCli(['report', '--in', input, '--out', out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      `zen-leads: cannot write the report to ${out}: the folder ${join(folder(), 'no-such-folder')} does not exist.\nPick an --out in an existing folder you can write to.\n`,
    );
    expect(run.stderr).not.toMatch(/\.tmp|bug/);
  });

  it('that is a folder: exit 2 saying so, and no temporary file is left behind', async () => {
    const input = await historyFile(folder(), ['2025-03-01']);
    const out = join(folder(), 'a-folder');
    await mkdir(out);
    const run = await runCli(['report', '--in', input, '--out', out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`cannot write the report to ${out}: ${out} is a folder.`);
    expect((await readdir(folder())).sort()).toEqual(['a-folder', 'leads.ndjson']);
  });

  it('a folder written with a final slash (--out hist/): the same message, naming a file in it as the fix', async () => {
    const input = await historyFile(folder(), ['2025-03-01']);
    const out = `${join(folder(), 'hist')}/`;
    await mkdir(out);
    const run = await runCli(['report', '--in', input, '--out', out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe(`zen-leads: cannot write the report to ${out}: ${out} is a folder.\nName a file in it, e.g. --out ${join(out, 'report.html')}.\n`);
    expect(await readdir(out)).toEqual([]);
  });
});

describe('zen-leads report --out -', () => {
  it('writes the page to stdout and no file named "-"', async () => {
    const input = await historyFile(folder(), ['2025-03-01']);
    const run = await runCli(['report', '--in', input, '--out', '-']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/i);
    expect(run.stdout.trimEnd()).toMatch(/<\/html>$/);
    expect(run.stderr).toMatch(/^zen-leads report: wrote the report to stdout \(1 day, \d+ kB\)\.\n$/);
    expect(existsSync('-')).toBe(false);
  });
});
