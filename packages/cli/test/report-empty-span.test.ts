import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { historyFile } from './support/history-file.js';
import { runCli } from './support/run-cli.js';

const folder = useTempFolder('zen-cli-report-empty-');

/** A report of no day is a mistake in the span (or an empty history): exit 2, the days it does hold, no file. */
describe('zen-leads report over a span with no stored day', () => {
  it('--from after the last stored day: exit 2 naming the stored span, and nothing written', async () => {
    const input = await historyFile(folder(), ['2025-03-01', '2025-03-02']);
    const out = join(folder(), 'report.html');
    const run = await runCli(['report', '--in', input, '--out', out, '--from', '2025-04-01']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      `zen-leads: ${input} holds no day from 2025-04-01 on; nothing was written. It holds 2 days from 2025-03-01 to 2025-03-02: pick --from/--to within them, or store the days first with zen-leads backfill.\n`,
    );
    expect(await readdir(folder())).toEqual(['leads.ndjson']);
  });

  it('--to before the first stored day: the same', async () => {
    const input = await historyFile(folder(), ['2025-03-01']);
    const run = await runCli(['report', '--in', input, '--out', join(folder(), 'r.html'), '--to', '2025-02-01']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('holds no day up to 2025-02-01; nothing was written. It holds 1 day from 2025-03-01 to 2025-03-01');
  });

  it('an empty history: exit 2 saying to fill it with backfill first', async () => {
    const input = join(folder(), 'empty.ndjson');
    await writeFile(input, '');
    const run = await runCli(['report', '--in', input, '--out', join(folder(), 'r.html')]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${input} holds no day yet; nothing was written. Fill it first: zen-leads backfill --from <day> --out ${input}`);
    expect(await readdir(folder())).toEqual(['empty.ndjson']);
  });
});
