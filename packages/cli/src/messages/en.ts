import { ordinal, plural } from '@zen-leads/core/internal';

/**
 * The CLI's English text for people: table headers, progress and wait lines, and the "problem,
 * then fix" of every failure. Every language's catalog is typed as {@link CliMessages}, so a key
 * missing in one of them fails the typecheck. Machine formats (JSON fields, CSV headers, exit
 * codes) never come from here; nor do the API's own messages, quoted as the API wrote them.
 */
export const en = {
  table: {
    /** Column headers of the table views, by the machine field they show. */
    columns: {
      date: 'date',
      user: 'user',
      totalLeads: 'totalLeads',
      dimension: 'dimension',
      code: 'code',
      name: 'name',
      count: 'count',
      users: 'users',
      originLeads: 'originLeads',
      segmentLeads: 'segmentLeads',
      automationLeads: 'automationLeads',
      productOrServiceLeads: 'productOrServiceLeads',
      withError: 'withError',
      ungrouped: 'ungrouped',
      contactLimitExceeded: 'contactLimitExceeded',
      duplicates: 'duplicates',
      topUser: 'topUser',
      topUserShare: 'topUserShare',
      minUserLeads: 'minUserLeads',
      maxUserLeads: 'maxUserLeads',
      gini: 'gini',
    } as Readonly<Record<string, string>>,
    dimensions: { origin: 'origin', segment: 'segment', automation: 'automation', productOrService: 'productOrService' } as Readonly<Record<string, string>>,
    noRows: '(no rows)',
  },
  settings: {
    noUrl: 'no API URL. Set ZEN_URL (or pass --url) to the integration URL from CRM Zen (gear icon → Integração).',
    noToken: 'no token. Set ZEN_TOKEN to the token from CRM Zen (gear icon → Integração), e.g. export ZEN_TOKEN=… in your shell profile or a secret store.',
    tokenFlag:
      'zen-leads: warning: a token given with --token lands in your shell history and is visible to other users in the process list. Prefer the ZEN_TOKEN environment variable.',
    insecureHttp: 'zen-leads: warning: --allow-insecure-http: unless the URL names this machine, the token crosses the network unencrypted, readable by anyone on the way.',
  },
  wait: {
    inFlight: (day: string, left: string, until: string): string => `zen-leads: another run is already fetching ${day}; waiting for its answer, about ${left} (${until}). Ctrl-C to stop.`,
    thisDay: 'this day',
    windowTaken: (place: string, left: string, until: string): string => `zen-leads: the token's rate-limit window is taken${place}; waiting ${left} (${until}). Ctrl-C to stop.`,
    inLine: (position: number): string => `, ${ordinal(position)} in line`,
    until: (when: string): string => `until ${when} São Paulo time`,
  },
  backfill: {
    days: (count: number): string => plural(count, 'day'),
    nextIn: (at: string, left: string): string => `next request ${at} (in ${left})`,
    fetching: (day: string): string => `fetching ${day}`.trim(),
    eta: (left: string): string => `ETA ${left}`,
    nextAt: (at: string): string => `, next request at ${at} São Paulo time`,
    start: (days: string, stored: number, remaining: number, pace: string): string => `zen-leads backfill: ${days}, ${stored} already stored, ${remaining} to fetch${pace}.`,
    stored: (day: string, fromCache: boolean, detail: string): string => `zen-leads backfill: ${day} stored${fromCache ? ' from the cache' : ''} (${detail}).`,
    skipped: (day: string, counts: string): string => `zen-leads backfill: ${day} was stored meanwhile by another run; skipped (${counts}).`,
    waiting: (day: string, next: string): string => `zen-leads backfill: waiting for the rate-limit window for ${day}${next}.`,
    pace: (window: string, least: string): string => `, one request per ${window}${least}`,
    atLeast: (total: string): string => `, so at least ${total} in all`,
  },
  errors: {
    nothingSent: 'Nothing was sent.',
    permission: (detail: string): string =>
      `the runtime refused a permission: ${detail}\nUnder Deno, run with --allow-read --allow-write --allow-env --allow-net (the cache folder, ZEN_* variables and the API).`,
    couldNotUse: (path: string, call: string, reason: string): string => `could not use ${path}${call}: ${reason}.\nCheck that disk and the folder's permissions, then run again.`,
    syscallFailed: (syscall: string): string => ` (${syscall} failed)`,
    unexpected: (detail: string): string => `unexpected error: ${detail}\nThis is a bug in zen-leads; please report it with the command you ran (without the token).`,
    checkUrl: 'Check that ZEN_URL is the lead-totals integration URL',
    tooLarge: (check: string): string => `${check}: no day of an account is that large.`,
    misbehaving: (check: string): string => `${check}; if it is, the API is misbehaving — try again later.`,
    badRequest: (quoted: string): string =>
      `the API rejected the request (HTTP 400${quoted}).\nCheck the DATE argument: a past or current day as YYYY-MM-DD, "today" or "yesterday".`,
    method: (quoted: string, screen: string): string =>
      `the URL answered HTTP 405${quoted}: it does not point at the lead-totals endpoint.\nCopy the integration URL again from ${screen} and set ZEN_URL.`,
    serverFailed: (status: string, quoted: string, windows: string): string => `the API failed (HTTP ${status}${quoted})${windows}.\nThe fault is on the API's side; try again in a few minutes.`,
    proxyPage: (problem: string): string => `${problem}\nThat page comes from something in front of the API (a proxy or gateway); try again in a few minutes.`,
    attempts: (attempts: number): string => `, in ${attempts} attempts (one per window: the API may count each)`,
    integrationScreen: 'CRM Zen (gear icon → Integração)',
    hints: {
      urlMissing: (url: string, screen: string): string => `Set ${url} to the integration URL from ${screen}.`,
      urlUserinfo: (url: string): string => `Remove the user name and password from ${url}; the token goes in ZEN_TOKEN.`,
      urlToken: (url: string): string => `Remove the token from ${url} and keep it in ZEN_TOKEN only: it is sent as a header, never in the URL.`,
      urlScheme: (url: string, screen: string): string => `The API speaks only https: set ${url} to the https:// integration URL from ${screen}.`,
      urlInsecure: 'Use the https:// URL. Pass --allow-insecure-http only for a test server you trust: anyone on the way can read the token and spend your window.',
      urlOther: (url: string, screen: string): string => `Set ${url} to the whole integration URL from ${screen}, starting with https://.`,
      tokenCharacters: (screen: string): string => `Copy the token again from ${screen} into ZEN_TOKEN, without spaces, quotes or line breaks.`,
      tokenTooLong: (screen: string): string => `Check that ZEN_TOKEN holds only the token from ${screen}.`,
      tokenOther: (screen: string): string => `Set ZEN_TOKEN to the token from ${screen}.`,
      dateFuture: 'Ask for today or an earlier day: DATE is a São Paulo calendar day.',
      dateOther: 'Write DATE as YYYY-MM-DD, "today" or "yesterday".',
      maxWait: 'Check --max-wait: a duration like 30s, 5m or 1h.',
      minInterval: "Check --min-interval: a duration like 5m (the API's window).",
      timeout: 'Check --timeout: a duration like 30s.',
      onRateLimit: 'Pass --on-rate-limit wait or --on-rate-limit fail.',
      other: 'Run the command with --help for its options.',
    },
    authRefused: (quoted: string): string => `the API refused the token (HTTP 401${quoted}).`,
    authRemembered: (quoted: string, again: string): string => `the API refused this token moments ago (HTTP 401${quoted}), so nothing was sent${again}.`,
    askedAgain: (left: string): string => `; it is asked again after ${left}`,
    auth: {
      missing: (screen: string): string => `No token reached the API. Set ZEN_TOKEN to the token from ${screen}.`,
      disabled: (screen: string): string => `The token is disabled. Enable it, or generate a new one, in ${screen}, then update ZEN_TOKEN.`,
      unauthorized: (screen: string): string => `This token may not read this resource. Check that ZEN_URL and ZEN_TOKEN come from the same account's ${screen} screen.`,
      other: (screen: string): string => `Copy the token again from ${screen} and set ZEN_TOKEN.`,
    },
    windowTaken: (window: string): string => `the token's rate-limit window is taken (the API takes one request per token every ${window}); nothing was sent.`,
    tooMany: (quoted: string): string => `the API refused the request: too many requests (HTTP 429${quoted}). Another program may be using the token.`,
    placeInLine: (position: number): string => ` This run was ${ordinal(position)} in line.`,
    windowFrees: (at: string, left: string): string => `The window frees at ${at} São Paulo time, in ${left}.`,
    windowFreeNow: 'The window is free again now.',
    fixFailMode: 'Run again then, or pass --on-rate-limit wait to wait for it.',
    fixMaxWait: (maxWait: string): string => `That is longer than --max-wait ${maxWait}; run again then, or raise --max-wait.`,
    fixRunAgain: 'Run again then.',
    timeoutText: (where: string, timeout: string, windows: string): string =>
      `the API${where} took longer than the ${timeout} timeout${windows}.\nIt may be slow today and still count each request: raise --timeout (e.g. --timeout 1m).`,
    at: (origin: string): string => ` at ${origin}`,
    checkNetwork: 'Check the URL (ZEN_URL or --url) and the network connection.',
    unreachable: (problem: string, to: string, check: string): string => `${problem}\nNothing was sent${to}, so no request window was spent. ${check}`,
    to: (origin: string): string => ` to ${origin}`,
    connectionFailed: (where: string, windows: string, problem: string, check: string): string => `the connection to the API${where} failed${windows}: ${problem}\n${check}`,
    interrupted: 'zen-leads: interrupted; nothing was printed.',
  },
};

export type CliMessages = typeof en;
