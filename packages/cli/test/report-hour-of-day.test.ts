import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '@zen-leads/history';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyFile } from './support/history-file.js';
import { runCli } from './support/run-cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-cli-report-hours-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Adds snapshots of `date` at 09:00, 13:00 and 17:00 São Paulo, a third of each user's day more each time. */
async function watched(path: string, date: string): Promise<void> {
  const history = await openHistory(path);
  const [day] = await history.read({ from: date, to: date });
  for (const [index, hour] of ['09', '13', '17'].entries()) {
    const share = (index + 1) / 3;
    const users = day!.users.map((user) => ({ ...user, totalLeads: Math.floor(user.totalLeads * share) }));
    expect(await history.appendSnapshot({ ...day!, users }, new Date(`${date}T${hour}:00:00-03:00`))).toBe(true);
  }
  await history.close();
}

describe('zen-leads report and the days watched through the day', () => {
  it('draws the hour-of-day view from the history\'s snapshots, and only when it has some', async () => {
    const input = await historyFile(dir, ['2025-03-03', '2025-03-04']);
    const plain = join(dir, 'plain.html');
    expect((await runCli(['report', '--in', input, '--out', plain, '--lang', 'en'])).code).toBe(0);
    expect(await readFile(plain, 'utf8')).not.toContain('Leads by hour of day');

    await watched(input, '2025-03-04');
    const out = join(dir, 'report.html');
    const run = await runCli(['report', '--in', input, '--out', out, '--lang', 'en']);
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('Leads by hour of day');
    expect(html).toContain('17:00');
    // A span without the watched day has no snapshots to show.
    const early = join(dir, 'early.html');
    expect((await runCli(['report', '--in', input, '--out', early, '--lang', 'en', '--to', '2025-03-03'])).code).toBe(0);
    expect(await readFile(early, 'utf8')).not.toContain('Leads by hour of day');
  });
});
