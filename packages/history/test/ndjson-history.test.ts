import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { HistoryFileError, NdjsonHistory, serializeLeadTotals } from '../src/index.js';
import { accentedDay, day, user } from './support/lead-totals-samples.js';

const folder = useTempFolder('zen-history-ndjson-');

describe('NDJSON history', () => {
  it('writes one line per day, accents as UTF-8, and reads the days back in date order', async () => {
    const path = join(folder(), 'leads.ndjson');
    const history = await NdjsonHistory.open(path);
    expect(await history.append(accentedDay('2026-01-06'))).toBe(true);
    expect(await history.append(day('2026-01-05', [user('Zé', 1)]))).toBe(true);
    await history.close();

    const text = await readFile(path, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('João Pedro Magalhães');
    expect(text).toContain('Promoção São João');
    expect(text).not.toContain('\\u00');

    const reader = await NdjsonHistory.open(path, { readOnly: true });
    const days = await reader.read();
    expect(days.map((d) => d.date)).toEqual(['2026-01-05', '2026-01-06']);
    expect(days[1]).toEqual(accentedDay('2026-01-06'));
    expect(reader.issues()).toEqual([]);
  });

  it('is append-only: a day already stored is not written again', async () => {
    const path = join(folder(), 'leads.ndjson');
    const history = await NdjsonHistory.open(path);
    await history.append(day('2026-01-05', [user('Ana', 3)]));
    expect(await history.append(day('2026-01-05', [user('Ana', 99)]))).toBe(false);
    await history.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"totalLeads":3');
  });

  it('reopened, knows the days stored by an earlier run', async () => {
    const path = join(folder(), 'leads.ndjson');
    const first = await NdjsonHistory.open(path);
    await first.append(day('2026-01-05'));
    await first.close();
    const second = await NdjsonHistory.open(path);
    expect(await second.has('2026-01-05')).toBe(true);
    expect(await second.has('2026-01-06')).toBe(false);
    await second.close();
  });

  it('cuts off a torn last line when opened for writing, and a reader ignores it', async () => {
    const path = join(folder(), 'leads.ndjson');
    const whole = `${serializeLeadTotals(day('2026-01-05', [user('Ana', 3)]))}\n`;
    const torn = serializeLeadTotals(accentedDay('2026-01-06')).slice(0, 40);
    await writeFile(path, whole + torn);

    const reader = await NdjsonHistory.open(path, { readOnly: true });
    expect((await reader.read()).map((d) => d.date)).toEqual(['2026-01-05']);
    expect(reader.issues().map((issue) => issue.kind)).toEqual(['torn-last-line']);
    expect(await readFile(path, 'utf8')).toBe(whole + torn);

    const writer = await NdjsonHistory.open(path);
    expect(writer.issues().map((issue) => [issue.kind, issue.line])).toEqual([['torn-last-line', 2]]);
    expect(await writer.has('2026-01-06')).toBe(false);
    await writer.append(accentedDay('2026-01-06'));
    await writer.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2).map((line) => JSON.parse(line).date)).toEqual(['2026-01-05', '2026-01-06']);
  });

  it('completes a whole last line that only lost its newline instead of dropping it', async () => {
    const path = join(folder(), 'leads.ndjson');
    await writeFile(path, serializeLeadTotals(day('2026-01-05', [user('Ana', 3)])));
    const writer = await NdjsonHistory.open(path);
    expect(await writer.has('2026-01-05')).toBe(true);
    await writer.append(day('2026-01-06'));
    await writer.close();
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('never glues a day to a fragment another writer left when it died mid-line', async () => {
    const path = join(folder(), 'leads.ndjson');
    const mine = await NdjsonHistory.open(path);
    await mine.append(day('2026-01-05'));
    await appendFile(path, '{"date":"2026-01-06","us');
    expect(await mine.append(day('2026-01-07', [user('Ana', 1)]))).toBe(true);
    await mine.close();

    const reader = await NdjsonHistory.open(path, { readOnly: true });
    expect((await reader.read()).map((d) => d.date)).toEqual(['2026-01-05', '2026-01-07']);
    expect(reader.issues().map((issue) => [issue.kind, issue.line])).toEqual([['invalid-line', 2]]);
    // A later writer reports the bad line and goes on: the file is still a history.
    const writer = await NdjsonHistory.open(path);
    expect(writer.issues().map((issue) => issue.kind)).toEqual(['invalid-line']);
    expect(await writer.append(day('2026-01-06'))).toBe(true);
    await writer.close();
  });

  it('refuses to append to a file that is not a history, and leaves it untouched', async () => {
    const path = join(folder(), 'notes.ndjson');
    await writeFile(path, '{"hello":"world"}\n');
    await expect(NdjsonHistory.open(path)).rejects.toThrow(HistoryFileError);
    await expect(NdjsonHistory.open(path)).rejects.toThrow(/line 1 is not a day of lead totals/);
    expect(await readFile(path, 'utf8')).toBe('{"hello":"world"}\n');
  });

  it('sees days another process appended while it was open, so it never stores a day twice', async () => {
    const path = join(folder(), 'leads.ndjson');
    const mine = await NdjsonHistory.open(path);
    const theirs = await NdjsonHistory.open(path);
    await theirs.append(day('2026-01-05'));
    expect(await mine.has('2026-01-05')).toBe(true);
    expect(await mine.append(day('2026-01-05'))).toBe(false);
    await mine.append(day('2026-01-06'));
    expect(await theirs.has('2026-01-06')).toBe(true);
    await Promise.all([mine.close(), theirs.close()]);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('reads a range, keeps the first of two lines for one day, and reports it', async () => {
    const path = join(folder(), 'leads.ndjson');
    const lines = [day('2026-01-05', [user('Ana', 1)]), day('2026-01-06'), day('2026-01-05', [user('Ana', 2)]), day('2026-01-07')];
    await writeFile(path, lines.map((d) => `${serializeLeadTotals(d)}\n`).join(''));
    const reader = await NdjsonHistory.open(path, { readOnly: true });
    const days = await reader.read({ from: '2026-01-05', to: '2026-01-06' });
    expect(days.map((d) => [d.date, d.users[0]?.totalLeads])).toEqual([
      ['2026-01-05', 1],
      ['2026-01-06', undefined],
    ]);
    expect(reader.issues().map((issue) => [issue.kind, issue.line])).toEqual([['duplicate-day', 3]]);
  });

  it('a reader of a missing file says so', async () => {
    await expect(NdjsonHistory.open(join(folder(), 'none.ndjson'), { readOnly: true })).rejects.toThrow(/no history at/);
  });

  it('a reopened writer picks up lines appended by hand after a blank line', async () => {
    const path = join(folder(), 'leads.ndjson');
    await writeFile(path, `${serializeLeadTotals(day('2026-01-05'))}\n\n`);
    await appendFile(path, `${serializeLeadTotals(day('2026-01-06'))}\n`);
    const writer = await NdjsonHistory.open(path);
    expect([...(await writer.storedDays())].sort()).toEqual(['2026-01-05', '2026-01-06']);
    await writer.close();
  });
});
