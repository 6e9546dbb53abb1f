/**
 * The two peers of the bad-weather bench, each a child process in a process group of its own
 * (so that stopping it by its id stops its workers too, and a terminal's Ctrl-C reaches the bench,
 * which cleans up): our gateway (bad-weather-gateway.mjs) and Debian's nginx with a generated
 * config. Every child and temp folder is registered, and removed on exit and on SIGINT/SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nginxConfig } from './bad-weather-nginx.mjs';

const children = new Set();
const folders = new Set();

/** Kills what is left (the whole group of each child) and removes the temp folders. Synchronous. */
function cleanUp() {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`bad-weather: ${signal}, stopping the peers and removing the temp folders`);
    // SIGTERM first, so that nginx's master reaps its workers; whatever is left at 3 s is killed.
    Promise.all([...children].map((child) => stopChild(child, 3_000))).finally(() => {
      cleanUp();
      process.exit(130);
    });
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function tempFolder(prefix) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.add(folder);
  return folder;
}

export function removeFolder(folder) {
  rmSync(folder, { recursive: true, force: true });
  folders.delete(folder);
}

function start(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM to the child's group, SIGKILL after `graceMs`; resolves with how long it took to exit. */
export function stopChild(child, graceMs = 5_000) {
  const started = Date.now();
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ exitMs: 0, killed: false });
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      resolve({ exitMs: Date.now() - started, killed: true });
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // nginx's workers, should the master have left any
      resolve({ exitMs: Date.now() - started, killed: false });
    });
    killGroup(child, 'SIGTERM');
  });
}

function fail(message) {
  throw new Error(message);
}

/** Resolves with the first line matching `pattern` on stdout, or rejects within `timeoutMs`. */
function firstLine(child, pattern, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing usable within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before it was ready`));
    });
  });
}

/** The gateway peer: createGateway + serveGateway in a child, one client key per bench client. */
export async function startGateway({ upstreamUrl, token, clientKeys, minIntervalMs, windowMarginMs, timeoutMs }) {
  const folder = tempFolder('zen-bench-weather-gateway-');
  const logPath = join(folder, 'gateway.log');
  const script = fileURLToPath(new URL('./bad-weather-gateway.mjs', import.meta.url));
  const settings = { upstreamUrl, clientKeys, minIntervalMs, windowMarginMs, timeoutMs, logPath };
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ZEN_TOKEN: token, ZEN_BENCH_GATEWAY: JSON.stringify(settings) };
  const child = start(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const { url } = JSON.parse(await firstLine(child, /^\{.*\}$/m, 15_000, 'the gateway'));
  const logLines = () => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  return { name: 'gateway', url: `${url}/api/totais_lead`, child, logLines, stop: async () => ({ ...(await stopChild(child)), logLines: logLines(), cleanUp: () => removeFolder(folder) }) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function accepting(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Debian's nginx, installed with apt-get when missing; or the one ZEN_BENCH_NGINX names (never
 * installed over). Throws a message that says what to do otherwise.
 */
export function nginxBinary() {
  const works = (path) => spawnSync(path, ['-v'], { timeout: 5_000 }).status === 0;
  const named = process.env.ZEN_BENCH_NGINX;
  if (named) {
    if (works(named)) return named;
    fail(`ZEN_BENCH_NGINX=${named} does not run as nginx ("${named} -v" failed). Point it at an nginx binary, or unset it to use Debian's package.`);
  }
  const find = () => ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(works);
  let binary = find();
  if (binary) return binary;
  console.log('bad-weather: nginx is not installed; installing Debian\'s package (apt-get install -y nginx)');
  const installed = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  binary = find();
  if (!binary) {
    const reason = installed.error ? installed.error.message : String(installed.stderr ?? '').trim().split('\n').slice(-2).join(' ');
    fail(`nginx is needed as the peer of the gateway and could not be installed (${reason || `apt-get exited ${installed.status}`}). Install it with "apt-get install nginx" (as root), then run the bench again.`);
  }
  return binary;
}

/** nginx in front of the upstream, configured as a sysadmin would at their best (see bad-weather-nginx.mjs). */
export async function startNginx({ binary, upstreamUrl, token, windowMs, timeoutMs, lockTimeoutMs }) {
  const folder = tempFolder('zen-bench-weather-nginx-');
  // Its workers run as nobody when the bench runs as root: they must reach the cache folder.
  chmodSync(folder, 0o755);
  const port = await freePort();
  const confPath = join(folder, 'nginx.conf');
  writeFileSync(confPath, nginxConfig({ folder, port, upstreamUrl, token, windowMs, timeoutMs, lockTimeoutMs }), { mode: 0o600 });
  const checked = spawnSync(binary, ['-t', '-q', '-p', folder, '-c', confPath, '-e', join(folder, 'error.log')], { encoding: 'utf8', timeout: 10_000 });
  if (checked.status !== 0) fail(`nginx refused the generated config (${binary} -t: ${(checked.stderr || checked.error?.message || '').trim() || `exit ${checked.status}`}).`);
  const child = start(binary, ['-p', folder, '-c', confPath, '-e', join(folder, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + 10_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child, 1_000);
      fail(`nginx did not start listening on 127.0.0.1:${port} within 10 s: ${stderr.trim() || readErrorLog(folder)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { name: 'nginx', url: `http://127.0.0.1:${port}/api/totais_lead`, child, stop: async () => ({ ...(await stopChild(child)), logLines: [], cleanUp: () => removeFolder(folder) }) };
}

function readErrorLog(folder) {
  try {
    return readFileSync(join(folder, 'error.log'), 'utf8').trim().split('\n').slice(-3).join(' ');
  } catch {
    return '(no error log)';
  }
}
