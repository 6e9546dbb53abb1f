import { SESSION_COOKIE } from '../../src/index.js';
import { CLIENT_KEY } from './gateway-world.js';

/** Signs in at `origin` with `key`; the session cookie as a `Cookie` header value (`name=value`). */
export async function signIn(origin: string, key: string = CLIENT_KEY): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ key }).toString(),
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error('sign-in set no session cookie');
  return cookie;
}

/** Signs out at `origin` with `cookie`. */
export async function signOut(origin: string, cookie: string): Promise<Response> {
  return fetch(`${origin}/logout`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
}

/** Whether `cookie` opens the dashboard at `origin` (rather than the sign-in form). */
export async function opensDashboard(origin: string, cookie: string): Promise<boolean> {
  const html = await (await fetch(`${origin}/`, { headers: { cookie } })).text();
  if (html.includes('action="/login"')) return false;
  if (!html.includes('action="/logout"')) throw new Error('/ answered neither the sign-in form nor the dashboard');
  return true;
}
