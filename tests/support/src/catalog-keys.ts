/**
 * Every key path of a message catalog (`errors.hints.urlMissing`, `headings.3`), with what each
 * holds (a string, or a function and how many arguments it takes): two languages' catalogs must
 * list the same paths with the same kinds. The typecheck says so too; this says it at run time,
 * for a catalog built or loaded in a way the types do not see.
 */
export function catalogKeys(catalog: unknown, prefix = ''): string[] {
  if (typeof catalog === 'function') return [`${prefix} (function of ${catalog.length})`];
  if (catalog === null || typeof catalog !== 'object') return [`${prefix} (${typeof catalog})`];
  return Object.entries(catalog as Record<string, unknown>)
    .flatMap(([key, value]) => catalogKeys(value, prefix === '' ? key : `${prefix}.${key}`))
    .sort();
}

/** The paths one catalog has and the other lacks, both ways: empty when they match. */
export function catalogDifferences(a: unknown, b: unknown): { onlyInFirst: string[]; onlyInSecond: string[] } {
  const first = catalogKeys(a);
  const second = catalogKeys(b);
  return { onlyInFirst: first.filter((key) => !second.includes(key)), onlyInSecond: second.filter((key) => !first.includes(key)) };
}
