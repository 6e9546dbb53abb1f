import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInTerminal } from './support/run-in-terminal.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

// A CRM name carrying a colour change, a bell and a C1 control sequence introducer.
const NAME = 'Ana\x1b[31m Red\x07 \u009b2J';

let served: ServedSimulator;
beforeAll(async () => {
  served = await serveSimulator({ windowMs: 0, dataFor: (_, date) => ({ data: date, usuarios: [{ nome: NAME, total_lead: '3' }], erros: {} }) });
});
afterAll(async () => {
  await served.close();
});

/** Data for a person is shown, not obeyed: on a terminal control characters print as escapes; files get the data as is. */
describe('control characters in CRM data', () => {
  it.each(['csv', 'json', 'ndjson', 'table'])('--format %s on a terminal shows them as escapes and sends none to it', async (format) => {
    const run = await runInTerminal(['totals', '2025-03-01', '--format', format], served.env, { columns: 200 });
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toMatch(/[\x07\x1b\u009b]/);
    expect(run.output).toContain('\\u001b[31m');
    expect(run.output).toContain('\\u0007');
    expect(run.output).toContain('\\u009b2J');
  });

  it('CSV to a file or pipe keeps the data exactly as the CRM has it', async () => {
    const run = await served.run(['totals', '2025-03-01', '--format', 'csv']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`2025-03-01,${NAME},3`);
  });
});
