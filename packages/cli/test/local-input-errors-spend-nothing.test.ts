import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * Bad input is caught on this side: exit 2, a message that says how to fix it, and not one
 * request in the simulator's log (the token's 5-minute window stays unspent).
 */
describe('zen-leads totals with bad input sends nothing', () => {
  let served: ServedSimulator;
  beforeAll(async () => {
    served = await serveSimulator();
  });
  afterAll(async () => {
    expect(served.simulator.log).toEqual([]);
    await served.close();
  });

  const cases: [string, string[], Record<string, string | undefined>, RegExp][] = [
    ['a day that does not exist', ['totals', '2026-02-29'], {}, /2026-02-29 is not a day on the calendar/],
    ['a date in another format', ['totals', '24/11/2026'], {}, /DATE must be YYYY-MM-DD, "today" or "yesterday"/],
    ['an unknown word', ['totals', 'tomorrow'], {}, /DATE must be YYYY-MM-DD/],
    ['a future day', ['totals', '2999-01-01'], {}, /2999-01-01 is in the future: today in America\/Sao_Paulo is/],
    ['a URL that is not absolute', ['totals', '2026-11-24'], { ZEN_URL: 'crm.zen/api' }, /not an absolute URL.*\n?.*Set ZEN_URL \(or --url\)/],
    ['a URL with another scheme', ['totals', '2026-11-24'], { ZEN_URL: 'ftp://127.0.0.1/api' }, /only https:/],
    ['plain http to a remote host', ['totals', '2026-11-24'], { ZEN_URL: 'http://crm.zen.invalid/api' }, /uses plain http: the token would travel unencrypted/],
    ['no URL at all', ['totals', '2026-11-24'], { ZEN_URL: undefined }, /no API URL\. Set ZEN_URL \(or pass --url\)/],
    ['no token at all', ['totals', '2026-11-24'], { ZEN_TOKEN: undefined }, /no token\. Set ZEN_TOKEN/],
    ['a token with a space', ['totals', '2026-11-24'], { ZEN_TOKEN: 'abc def' }, /token contains spaces/],
    ['a token with a line break', ['totals', '2026-11-24'], { ZEN_TOKEN: 'abc\ndef' }, /token contains spaces, line breaks/],
    ['an unknown option', ['totals', '--fromat', 'json'], {}, /Unknown option '--fromat'.*zen-leads totals --help/],
    ['an unknown format', ['totals', '--format', 'xml'], {}, /--format must be one of table, json, csv, ndjson/],
    ['an unknown view', ['totals', '--view', 'all'], {}, /--view must be one of full, users, breakdown, summary/],
    ['the full view as a table', ['totals', '--view', 'full'], {}, /--view full is a nested object and has no table form/],
    ['a duration without a unit', ['totals', '--max-wait', '10'], {}, /--max-wait expects a duration.*Add a unit/],
    ['an unknown rate-limit mode', ['totals', '--on-rate-limit', 'retry'], {}, /--on-rate-limit must be one of wait, fail/],
    ['two dates', ['totals', '2026-11-24', '2026-11-23'], {}, /unexpected argument "2026-11-23"/],
    ['an unknown command', ['total'], {}, /unknown command "total"\. Commands: totals/],
  ];

  it.each(cases)('%s: exits 2 with a message saying how to fix it', async (_, args, env, message) => {
    const run = await served.run(args, env);
    expect(run.stderr).toMatch(message);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(served.simulator.log).toEqual([]);
  });
});
