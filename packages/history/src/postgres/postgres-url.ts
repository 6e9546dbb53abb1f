/**
 * A PostgreSQL history is named by a connection URL (`postgres://` or `postgresql://`) wherever a
 * history file is accepted. Its password must never reach a log, an error or a metric: every text
 * about the database names it by `redactedPostgresUrl`, and `redactPostgresSecret` scrubs the
 * password out of any text a driver hands back.
 */

/** True when `path` names a PostgreSQL database rather than a history file. */
export function isPostgresUrl(path: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(path);
}

/** The URL with its password replaced by `***`: `postgres://zen:***@db:5432/leads`. */
export function redactedPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    // Query parameters may carry a password too (`?password=…`): keep their names only.
    for (const key of [...parsed.searchParams.keys()]) if (/pass/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    // Not parseable: say nothing of what follows the scheme.
    return `${url.split('://', 1)[0] ?? 'postgres'}://***`;
  }
}

/** Every secret the URL carries (its password, raw and decoded), for scrubbing driver messages. */
export function postgresSecretsOf(url: string): string[] {
  try {
    const parsed = new URL(url);
    const secrets = [parsed.password, decodeURIComponent(parsed.password)];
    for (const [key, value] of parsed.searchParams) if (/pass/i.test(key)) secrets.push(value);
    return [...new Set(secrets.filter((secret) => secret.length > 0))];
  } catch {
    return [url];
  }
}

/** `text` with every secret of `url` replaced by `***`. */
export function redactPostgresSecret(text: string, url: string): string {
  let redacted = text;
  for (const secret of postgresSecretsOf(url)) redacted = redacted.split(secret).join('***');
  return redacted;
}
