import { escapeHtml } from '@zen-leads/history';
import { pageShell } from './page-shell.js';

/** The login form: the only thing the dashboard shows without a session, and no data at all. */
export function loginPage(problem?: string): string {
  const error = problem ? `<p class="error" role="alert">${escapeHtml(problem)}</p>\n` : '';
  return pageShell({
    title: 'Zen Lead Totals — sign in',
    body: `<h1>Zen Lead Totals</h1>
<p class="lede">The lead distribution dashboard of this gateway. Sign in with a client key.</p>
${error}<form method="post" action="/login" class="login">
<label for="key">Client key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required minlength="16" maxlength="512" spellcheck="false">
<button type="submit">Sign in</button>
</form>
<p class="note">Ask whoever runs the gateway for a key. The key stays on the server side: the browser keeps only a signed session cookie for 12 hours.</p>`,
  });
}
