/**
 * How to fix each field of the rules file, by the field's own name: the second half of every
 * `AlertRulesError`.
 */
const HINTS: Readonly<Record<string, string>> = {
  lang: 'Write lang: pt-BR or lang: en (the language of the alerts’ texts).',
  businessHours: 'Write businessHours: { from: "08:00", to: "20:00" } (São Paulo time).',
  from: 'Write from: "08:00" (São Paulo time, HH:MM, quoted in YAML), before to.',
  to: 'Write to: "20:00" (São Paulo time, HH:MM, quoted in YAML), after from.',
  webhooks: 'Write webhooks as a list of entries, each with a url: e.g. - url: https://n8n.example/webhook/alerts.',
  url: 'Write the webhook’s full https:// URL (an n8n Webhook node’s production URL or a Slack incoming webhook); plain http only to this machine or with allowHttp: true.',
  allowHttp: 'Write allowHttp: true to allow a plain-http webhook on your own network, or leave it out.',
  rules: 'Write rules as a list with at least one rule, each with a kind.',
  name: 'Give every rule its own name (names must be unique), or leave name out for kind-and-position.',
  kind: 'Write kind: seller-silent, problem-count, below-typical or seller-share.',
  minutes: 'Write minutes as a number above 0, e.g. minutes: 45.',
  othersAtLeast: 'Write othersAtLeast as a whole number, e.g. othersAtLeast: 3 (leads the other sellers together received meanwhile).',
  sellers: 'Write sellers as a list of names as the CRM shows them, e.g. sellers: [Ana Souza], or leave it out for every seller.',
  problem: 'Write problem: withError, ungrouped, contactLimitExceeded, duplicates or any.',
  increaseBy: 'Write increaseBy: N (up by at least N since the last snapshot), above: N (above N for the day), or both.',
  above: 'Write above as a whole number, e.g. above: 20.',
  percent: 'Write percent as a number from above 0 to 100, e.g. percent: 60.',
  minLeads: 'Write minLeads as a whole number ≥ 1 (the day’s leads before shares count), or leave it out for 20.',
};

/** The fix for a field, by its last name; an unknown field is to be removed or corrected. */
export function hintFor(key: string | undefined, unknownKey?: string): string {
  if (unknownKey === 'sellers') return 'Remove sellers from this rule: problem counts and the typical curve are the whole day’s (the API does not split problems by seller); scope seller-silent and seller-share rules instead.';
  if (unknownKey !== undefined) return `Remove ${unknownKey} or correct its spelling; see the rules file’s fields in the gateway’s README.`;
  return (key !== undefined ? HINTS[key] : undefined) ?? 'Write the file as the gateway’s README shows: lang, businessHours, webhooks and rules.';
}
