/** "November 2026", "novembro de 2026": a month of a year in a language's words, from `Intl`. */
export function monthOfYear(lang: string, year: number, month: number): string {
  const day = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  day.setUTCFullYear(year, month - 1, 1);
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day);
}
