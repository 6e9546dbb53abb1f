import { describe, expect, it } from 'vitest';
import { historyFormatOf, isPostgresUrl, redactedPostgresUrl } from '../src/index.js';
import { redactPostgresSecret } from '../src/postgres/postgres-url.js';

describe('PostgreSQL history URLs', () => {
  it('are told from history files by their scheme, either spelling, any case', () => {
    expect(['postgres://h/db', 'postgresql://h/db', 'POSTGRES://h/db'].map(historyFormatOf)).toEqual(['postgres', 'postgres', 'postgres']);
    expect(isPostgresUrl('postgres.sqlite')).toBe(false);
    expect(historyFormatOf('postgres.sqlite')).toBe('sqlite');
    expect(historyFormatOf('mysql://h/db')).toBeUndefined();
  });

  it('are shown with every password replaced: in the user part, percent-encoded, in the query', () => {
    expect(redactedPostgresUrl('postgres://zen:s3cr%40t@db.internal:5432/leads')).toBe('postgres://zen:***@db.internal:5432/leads');
    expect(redactedPostgresUrl('postgres://zen@db/leads?password=hunter22&sslmode=require')).toBe('postgres://zen@db/leads?password=***&sslmode=require');
    expect(redactedPostgresUrl('postgres://db/leads')).toBe('postgres://db/leads');
    expect(redactedPostgresUrl('postgres://zen:pw@[bad')).toBe('postgres://***');
  });

  it('scrub the password, raw and decoded, out of any text a driver hands back', () => {
    const url = 'postgres://zen:s3cr%40t-pass@db/leads?pass=other-secret';
    expect(redactPostgresSecret('auth failed: s3cr@t-pass / s3cr%40t-pass / other-secret', url)).toBe('auth failed: *** / *** / ***');
  });
});
