import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyFile } from './support/history-file.js';
import { runCli } from './support/run-cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-cli-report-empty-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A report of no day is a mistake in the span (or an empty history): exit 2, the days it does hold, no file. */
describe('zen-leads report over a span with no stored day', () => {
  it('--from after the last stored day: exit 2 naming the stored span, and nothing written', async () => {
    const input = await historyFile(dir, ['2025-03-01', '2025-03-02']);
    const out = join(dir, 'report.html');
    const run = await runCli(['report', '--in', input, '--out', out, '--from', '2025-04-01']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      `zen-leads: ${input} holds no day from 2025-04-01 on; nothing was written. It holds 2 days from 2025-03-01 to 2025-03-02: pick --from/--to within them, or store the days first with zen-leads backfill.\n`,
    );
    expect(await readdir(dir)).toEqual(['leads.ndjson']);
  });

  it('--to before the first stored day: the same', async () => {
    const input = await historyFile(dir, ['2025-03-01']);
    const run = await runCli(['report', '--in', input, '--out', join(dir, 'r.html'), '--to', '2025-02-01']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('holds no day up to 2025-02-01; nothing was written. It holds 1 day from 2025-03-01 to 2025-03-01');
  });

  it('an empty history: exit 2 saying to fill it with backfill first', async () => {
    const input = join(dir, 'empty.ndjson');
    await writeFile(input, '');
    const run = await runCli(['report', '--in', input, '--out', join(dir, 'r.html')]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${input} holds no day yet; nothing was written. Fill it first: zen-leads backfill --from <day> --out ${input}`);
    expect(await readdir(dir)).toEqual(['empty.ndjson']);
  });
});
