import type { Formats } from '@zen-leads/history';

/**
 * The dashboard's and sign-in page's English text. Every language's catalog is typed as
 * {@link DashboardMessages}, so a key missing in one of them fails the typecheck.
 */
export const en = {
  product: 'Zen Lead Totals',
  signInTitle: 'Zen Lead Totals — sign in',
  signInLede: 'The lead distribution dashboard of this gateway. Sign in with a client key.',
  keyLabel: 'Client key',
  signIn: 'Sign in',
  signInNote: 'Ask whoever runs the gateway for a key. The key stays on the server side: the browser keeps only a signed session cookie, which ends after 2 hours unused or 12 hours in all.',
  wrongKey: 'That key is not one of this gateway’s client keys. Check it for a stray space, or ask whoever runs the gateway.',
  tooManyWrongKeys: (until: string): string => `Too many wrong keys came from this address. Sign-in is locked until ${until} (São Paulo time); try again after that.`,
  formTooLarge: 'The sign-in form is limited to 4 kB.',
  heading: 'Lead distribution',
  pageTitle: (f: Formats, day: string): string => `Lead distribution — ${f.day(day)}`,
  signOut: 'Sign out',
  today: (f: Formats, day: string): string => `Today, ${f.day(day)}`,
  updated: 'Updated at',
  nextUpdate: 'next update at about',
  firstAnswer: 'Today’s first answer at',
  saoPauloTime: '(São Paulo time).',
  autoRefreshOn: 'This page refreshes itself.',
  stopRefresh: 'Stop refreshing',
  autoRefreshOff: 'Automatic refresh is off.',
  startRefresh: 'Refresh automatically',
  todayPending: 'Today’s numbers arrive with the next window the token has free.',
  kpiLeads: (f: Formats, count: number): string => f.plural(count, { one: 'lead today', other: 'leads today' }),
  kpiUsers: (f: Formats, count: number): string => f.plural(count, { one: 'user', other: 'users' }),
  kpiRange: 'fewest–most per user',
  problemsHeading: 'Problem leads today, as the CRM counts them',
  usersHeading: 'Leads per user today',
  usersCaption: (f: Formats, day: string): string => `Leads each user received on ${f.day(day)}, most first. Bar colours are each user’s colour in the 30-day chart.`,
  user: 'User',
  leads: 'Leads',
  share: 'Share',
  bar: 'Bar',
  noName: '(no name)',
  noUsers: 'No user received leads yet today.',
  footer: (f: Formats, status: string, queued: number, waiting: number): string =>
    `Upstream: last status ${status} · ${f.count(queued)} ${f.plural(queued, { one: 'day', other: 'days' })} queued · ${f.count(waiting)} ${f.plural(waiting, { one: 'client', other: 'clients' })} waiting.`,
  statusNone: 'none yet',
  statusNetwork: 'network failure',
  historyHeading: 'Last 30 days',
  noHistory: 'No history is kept. Start the gateway with <code>--history leads.ndjson</code> (and <code>--fill-from</code> a first day) to see the last 30 days here.',
  historyEmpty: (f: Formats, from: string, to: string): string => `The history holds no day from ${f.day(from)} to ${f.day(to)} yet; days fill in as they are fetched.`,
  historyLede: (f: Formats, leads: number, days: number): string => `${f.count(leads)} ${f.plural(leads, { one: 'lead', other: 'leads' })} over ${f.count(days)} stored ${f.plural(days, { one: 'day', other: 'days' })}`,
  historyUsersTitle: 'Leads per user per day',
  historyUsersDescription: (f: Formats, from: string, to: string): string => `Bars per day, leads received by each user, stacked bottom to top in the legend’s order, ${f.day(from)} to ${f.day(to)}.`,
  fairnessHeading: 'Fairness',
  fairnessTitle: 'Fairness per day',
  notFoundTitle: 'Not found',
  notFound: 'Nothing here. The dashboard is at',
};

export type DashboardMessages = typeof en;
