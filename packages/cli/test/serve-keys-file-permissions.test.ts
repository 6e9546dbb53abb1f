import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveInProcess, type ServedGateway } from './support/served-gateway.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'serve-test-client-key-4f1e9d';
const OTHER_KEY = 'serve-test-client-key-bravo-0a9b8c';

let served: ServedSimulator;
let folder: string;
let gateway: ServedGateway | undefined;
beforeEach(async () => {
  served = await serveSimulator({ windowMs: 500 });
  folder = await mkdtemp(join(tmpdir(), 'zen-serve-keys-'));
});
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  await served.close();
  await rm(folder, { recursive: true, force: true });
});

async function keysFile(text: string, mode: number): Promise<string> {
  const file = join(folder, 'keys.txt');
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

describe.skipIf(process.platform === 'win32')('zen-leads serve and the keys file’s permissions', () => {
  it.each([
    ['0666', 0o666, 'every user of this machine'],
    ['0620', 0o620, 'its group'],
  ])('a plain keys file of mode %s is refused (exit 2), naming the file, its mode and chmod 600', async (octal, mode, who) => {
    const file = await keysFile(`${KEY}\n`, mode);
    const run = await served.run(['serve', '--port', '0', '--keys-file', file]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`--keys-file: The keys file ${file} has mode ${octal}: ${who} may write it`);
    expect(run.stderr).toContain(`chmod 600 ${file}`);
    expect(run.stderr).not.toContain(KEY);
    expect(run.stdout).toBe('');
    expect(served.simulator.log).toHaveLength(0);
  });

  it('a session secret file others may write is refused the same way', async () => {
    const file = await keysFile(`${KEY}\n`, 0o600);
    const secret = join(folder, 'session-secret');
    await writeFile(secret, 'a-session-secret-of-forty-characters-xyz\n');
    await chmod(secret, 0o666);
    const run = await served.run(['serve', '--port', '0', '--keys-file', file, '--session-secret-file', secret]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--session-secret-file: The session secret file ${secret} has mode 0666`);
  });

  it('a file of mode 0600 serves; a repeated key (itself or its sha256: line) is named by line and counted once', async () => {
    const digest = (await import('node:crypto')).createHash('sha256').update(KEY).digest('hex');
    const file = await keysFile(`# keys\n${KEY}\n${OTHER_KEY}\n\n${KEY}\nsha256:${digest}\n`, 0o600);
    gateway = await serveInProcess(['--keys-file', file], served.env);
    expect(gateway.stdout()).toContain('· 2 client keys');
    expect(gateway.stderr()).toContain(`warning: --keys-file ${file} line 5 repeats the key of --keys-file ${file} line 2; it counts once.`);
    expect(gateway.stderr()).toContain(`warning: --keys-file ${file} line 6 repeats the key of --keys-file ${file} line 2; it counts once.`);
    expect(gateway.stderr()).not.toContain(KEY);
    expect(gateway.stderr()).not.toContain(DISTINCTIVE_TOKEN);
  });
});
