import { escapeHtml } from '@zen-leads/history';

/** Where the dashboard's only stylesheet and icon are served (same origin: `default-src 'self'`). */
export const STYLESHEET_PATH = '/assets/dashboard.css';
export const ICON_PATH = '/assets/icon.svg';

/**
 * The HTML around every dashboard page. No script at all: it refreshes itself with
 * `<meta http-equiv="refresh">` when the next answer is due, so it works with scripts off and
 * under a CSP of `default-src 'self'`.
 */
export function pageShell(options: { title: string; body: string; refreshSeconds?: number }): string {
  const refresh = options.refreshSeconds === undefined ? '' : `\n<meta http-equiv="refresh" content="${Math.round(options.refreshSeconds)}">`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>
`;
}
