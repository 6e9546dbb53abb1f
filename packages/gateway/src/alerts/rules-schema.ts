/**
 * The alert rules file described once with zod: fields, bounds, defaults. Its output is checked
 * against the `AlertRules` types by `checkRules`' return type.
 */
import { DEFAULT_LANG, LANGS } from '@zen-leads/history';
import * as z from 'zod/v4';
import { PROBLEMS, type AlertRules } from './alert-rules.js';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const time = z.string({ error: 'expected a São Paulo time "HH:MM"' }).regex(TIME, { error: 'expected a São Paulo time "HH:MM" (00:00 to 24:00)' });
const positive = z.number({ error: 'expected a number' }).positive({ error: 'expected a number above 0' });
const count = z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).nonnegative({ error: 'expected a whole number ≥ 0' });
const percent = positive.max(100, { error: 'expected a percentage from above 0 to 100' });
const sellers = z.array(z.string({ error: 'expected a seller’s name' }).min(1, { error: 'expected a seller’s name' }), { error: 'expected a list of sellers’ names' }).min(1, { error: 'expected at least one seller' });
const name = z.string({ error: 'expected a text' }).min(1, { error: 'expected a non-empty name' });
const WATCHED = [...PROBLEMS, 'any'] as const;

const sellerSilent = z.strictObject({
  name: name.optional(),
  kind: z.literal('seller-silent'),
  minutes: positive,
  othersAtLeast: count.default(1),
  sellers: sellers.optional(),
});

const problemCount = z
  .strictObject({
    name: name.optional(),
    kind: z.literal('problem-count'),
    problem: z.enum(WATCHED, { error: `expected one of ${WATCHED.join(', ')}` }).default('any'),
    increaseBy: count.min(1, { error: 'expected a whole number ≥ 1' }).optional(),
    above: count.optional(),
  })
  .refine((rule) => rule.increaseBy !== undefined || rule.above !== undefined, { error: 'a problem-count rule needs increaseBy, above or both', path: ['increaseBy'] });

const belowTypical = z.strictObject({ name: name.optional(), kind: z.literal('below-typical'), percent });

const sellerShare = z.strictObject({
  name: name.optional(),
  kind: z.literal('seller-share'),
  percent,
  minLeads: count.min(1, { error: 'expected a whole number ≥ 1' }).default(20),
  sellers: sellers.optional(),
});

const rule = z.discriminatedUnion('kind', [sellerSilent, problemCount, belowTypical, sellerShare], {
  error: 'expected kind: seller-silent, problem-count, below-typical or seller-share',
});

const webhook = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  allowHttp: z.boolean({ error: 'expected true or false' }).default(false),
});

const schema = z
  .strictObject({
    lang: z.enum(LANGS, { error: `expected ${LANGS.join(' or ')}` }).default(DEFAULT_LANG),
    businessHours: z
      .strictObject({ from: time, to: time })
      .refine((hours) => hours.from < hours.to, { error: 'expected from before to', path: ['to'] })
      .default({ from: '08:00', to: '20:00' }),
    webhooks: z.array(webhook, { error: 'expected a list of webhooks' }).default([]),
    rules: z.array(rule, { error: 'expected a list of rules' }).min(1, { error: 'expected at least one rule' }),
  })
  .superRefine((file, context) => {
    file.webhooks.forEach((hook, index) => {
      const url = new URL(hook.url);
      // A webhook URL is a secret (Slack's is): plain http only to this machine, or when asked for.
      if (url.protocol === 'http:' && !hook.allowHttp && !isLoopback(url.hostname)) {
        context.addIssue({ code: 'custom', path: ['webhooks', index, 'url'], message: 'plain http would send the webhook URL, a secret, unencrypted' });
      }
    });
    const seen = new Set<string>();
    file.rules.forEach((each, index) => {
      const ruleName = each.name ?? defaultName(each.kind, index);
      if (seen.has(ruleName)) context.addIssue({ code: 'custom', path: ['rules', index, 'name'], message: `a second rule named "${ruleName}"` });
      seen.add(ruleName);
    });
  });

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function defaultName(kind: string, index: number): string {
  return `${kind}-${index + 1}`;
}

export type RulesCheck = { ok: true; rules: AlertRules } | { ok: false; issues: readonly z.core.$ZodIssue[] };

/** The file's parsed value checked: the rules, each named, or zod's issues. */
export function checkRules(value: unknown): RulesCheck {
  const result = schema.safeParse(value);
  if (!result.success) return { ok: false, issues: result.error.issues };
  const rules = result.data.rules.map((each, index) => ({ ...each, name: each.name ?? defaultName(each.kind, index) }));
  return { ok: true, rules: { ...result.data, rules } };
}
