import { createHmac } from 'node:crypto';
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

  it('--session-secret-file (mode 0600) signs the dashboard’s cookies with its first line', async () => {
    const file = await keysFile(`${KEY}\n`, 0o600);
    const secret = join(folder, 'session-secret');
    const SECRET = 'a-session-secret-of-forty-characters-xyz';
    await writeFile(secret, `# current first\n${SECRET}\nan-older-session-secret-still-verifying-42\n`, { mode: 0o600 });
    gateway = await serveInProcess(['--keys-file', file, '--session-secret-file', secret], served.env);
    const response = await fetch(`${gateway.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gateway.url }, body: `key=${KEY}`, redirect: 'manual' });
    expect(response.status).toBe(303);
    const raw = decodeURIComponent((response.headers.get('set-cookie') ?? '').split(';')[0]!.split('=')[1]!);
    const [id, signature] = raw.split('.');
    expect(signature).toBe(createHmac('sha256', SECRET).update(`zen-leads gateway session\n${id}`).digest('base64url'));
  });

  it('--trust-proxy counts wrong keys by X-Forwarded-For’s last address; without it, by the connection', async () => {
    const file = await keysFile(`${KEY}\n`, 0o600);
    const wrongKeysFrom = async (url: string, forwardedFor: string, count: number): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < count; i++) statuses.push((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer not-one-of-the-keys-0000', 'x-forwarded-for': forwardedFor } })).status);
      return statuses;
    };
    gateway = await serveInProcess(['--keys-file', file, '--trust-proxy'], served.env);
    expect(await wrongKeysFrom(gateway.url, '203.0.113.7', 11)).toEqual([...Array(10).fill(401), 429]);
    expect(await wrongKeysFrom(gateway.url, '203.0.113.8', 1)).toEqual([401]);
    expect(gateway.stderr()).toMatch(/auth: 203\.0\.113\.7 presented 10 wrong client keys/);
    await gateway.stop();

    gateway = await serveInProcess(['--keys-file', file], served.env);
    await wrongKeysFrom(gateway.url, '203.0.113.7', 10);
    expect(await wrongKeysFrom(gateway.url, '203.0.113.8', 1)).toEqual([429]);
    expect(gateway.stderr()).not.toContain(DISTINCTIVE_TOKEN);
  });
});
