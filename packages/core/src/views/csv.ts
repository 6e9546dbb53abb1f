/** A CSV cell: what the row views hold. */
export type CsvCell = string | number | boolean | null | undefined;

/** How a host wants its CSV. */
export interface CsvOptions {
  /** Rewrites each field's text before quoting (the CLI escapes control characters on a terminal). */
  text?: (text: string) => string;
  /**
   * Prefixes `'` to text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first):
   * names come from the CRM, and a lead source called `=HYPERLINK(…)` must stay text in a sheet.
   */
  neutraliseFormulas?: boolean;
}

/**
 * RFC 4180: a header line, CRLF line ends, fields quoted when they hold `"`, `,`, a line break or
 * edge spaces. The one CSV writer of the repository (the CLI's output, the gateway's CSV views).
 */
export function formatCsv(columns: readonly string[], rows: readonly Readonly<Record<string, CsvCell>>[], options: CsvOptions = {}): string {
  const field = (cell: CsvCell, isHeader: boolean): string => {
    if (cell === null || cell === undefined) return '';
    let text = options.text ? options.text(String(cell)) : String(cell);
    if (!isHeader && options.neutraliseFormulas && typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map((column) => field(column, true)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => field(row[column], false)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
