/**
 * The two languages people read these pages and tables in, how one is chosen (a browser's
 * `Accept-Language`, a shell's `LC_ALL`/`LC_MESSAGES`/`LANG`), and numbers, days and times in
 * each one's form through `Intl` (no library: the platform has all of it).
 */

export const LANGS = ['pt-BR', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** CRM Zen's users are Brazilian: Portuguese when nothing says otherwise. */
export const DEFAULT_LANG: Lang = 'pt-BR';

/**
 * The language a tag names, or `undefined` for one we do not speak: `pt`, `pt-BR`, `pt_BR.UTF-8`
 * → pt-BR; `en`, `en_US.UTF-8`, and the C/POSIX locales (plain, unlocalised text) → en.
 */
export function langOfTag(tag: string | undefined): Lang | undefined {
  const base = (tag ?? '').trim().split(/[.@]/)[0]!.replace('_', '-').toLowerCase();
  if (base === 'pt' || base.startsWith('pt-')) return 'pt-BR';
  if (base === 'en' || base.startsWith('en-') || base === 'c' || base === 'posix') return 'en';
  return undefined;
}

/**
 * The shell's language, as POSIX reads it: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
 * decides; `undefined` when none is set or it names a language we do not speak (the caller picks
 * its default: the report's is pt-BR, the CLI's messages' is English, as POSIX's unset locale "C").
 */
export function langOfEnvironment(env: Readonly<Record<string, string | undefined>>): Lang | undefined {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return langOfTag(tag);
}

/** A browser's preference: the highest-`q` language we speak, else the default. */
export function langOfAcceptLanguage(header: string | undefined | null): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((piece) => piece.trim());
      const q = Number(params.find((param) => param.startsWith('q='))?.slice(2) ?? '1');
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const lang = langOfTag(entry.tag);
    if (lang) return lang;
  }
  return DEFAULT_LANG;
}

/** Numbers, shares, days and times as a reader of `lang` writes them. */
export interface Formats {
  lang: Lang;
  /** Whole, grouped: 1.234 (pt-BR), 1,234 (en). */
  count(value: number): string;
  /** One decimal: 12,3 / 12.3. */
  decimal(value: number): string;
  /** A share as a percentage with one decimal: 40,0% / 40.0%. */
  share(value: number): string;
  /** A Gini coefficient, three decimals: 0,250 / 0.250. */
  gini(value: number): string;
  /** A calendar day `YYYY-MM-DD`: 02/12/2026 / Dec 2, 2026. */
  day(day: string): string;
  /** A day without its year, for axes: 02/12 / Dec 2. */
  shortDay(day: string): string;
  /** Time of day in São Paulo, hours and minutes, 24-hour in both (a shared schedule reads alike): 14:35. */
  time(at: Date): string;
  /** Time of day in São Paulo with seconds. */
  timeWithSeconds(at: Date): string;
  /** `one` or `other` form for a count (Intl.PluralRules). */
  plural(count: number, forms: { one: string; other: string }): string;
}

const cache = new Map<Lang, Formats>();

export function formatsOf(lang: Lang): Formats {
  const known = cache.get(lang);
  if (known) return known;
  const count = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const gini = new Intl.NumberFormat(lang, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const share = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // A calendar day is no instant: read it as midnight UTC and print it in UTC, so no zone shifts it.
  const day = new Intl.DateTimeFormat(lang, lang === 'en' ? { dateStyle: 'medium', timeZone: 'UTC' } : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(lang, lang === 'en' ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'America/Sao_Paulo' });
  const timeWithSeconds = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'America/Sao_Paulo' });
  const plurals = new Intl.PluralRules(lang);
  const asDate = (value: string): Date => new Date(`${value}T00:00:00Z`);
  const formats: Formats = {
    lang,
    // Whole first (half up) and never -0, which Intl would print as "-0".
    count: (value) => count.format(Math.round(value) + 0),
    decimal: (value) => decimal.format(value),
    share: (value) => share.format(value),
    gini: (value) => gini.format(value),
    day: (value) => day.format(asDate(value)),
    shortDay: (value) => shortDay.format(asDate(value)),
    time: (at) => time.format(at),
    timeWithSeconds: (at) => timeWithSeconds.format(at),
    plural: (n, forms) => (plurals.select(n) === 'one' ? forms.one : forms.other),
  };
  cache.set(lang, formats);
  return formats;
}

/**
 * Consecutive days as ranges: `[01, 02, 03, 07]` → `[[01, 03], [07, 07]]` (input sorted, `YYYY-MM-DD`).
 */
export function dayRanges(days: readonly string[]): [string, string][] {
  const ranges: [string, string][] = [];
  for (const day of days) {
    const last = ranges.at(-1);
    if (last && Date.parse(`${day}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === 86_400_000) last[1] = day;
    else ranges.push([day, day]);
  }
  return ranges;
}
