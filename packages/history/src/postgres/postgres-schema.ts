/**
 * The tables of a PostgreSQL history, for BI tools as much as for this package: one row per day,
 * one per user per day, one per breakdown entry, and views a spreadsheet person reads at once.
 * `totals_json` is the day exactly as NDJSON and SQLite store it (text, not jsonb: jsonb reorders
 * keys, and a day must round-trip byte for byte); the other columns are derived from it.
 *
 * Migrations run in one transaction under a transaction-level advisory lock, so replicas starting
 * together wait for one another and each migration runs once.
 */

/** Any fixed 64-bit number, the same in every process: the lock for migrations. */
export const MIGRATION_LOCK = 7_204_338_119_461_025;

/** The schema's migrations, in order; `MIGRATIONS.length` is the current version. Never edit one: add one. */
export const MIGRATIONS: readonly string[] = [
  `
CREATE TABLE lead_days (
  account text NOT NULL,
  day date NOT NULL,
  users integer NOT NULL,
  total_leads integer NOT NULL,
  with_error integer NOT NULL,
  ungrouped integer NOT NULL,
  contact_limit_exceeded integer NOT NULL,
  duplicates integer NOT NULL,
  top_user_share double precision NOT NULL,
  min_user_leads integer NOT NULL,
  max_user_leads integer NOT NULL,
  gini double precision NOT NULL,
  fetched_at timestamptz NOT NULL,
  final boolean NOT NULL,
  totals_json text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, day)
);
CREATE INDEX lead_days_by_day ON lead_days (day);
CREATE TABLE user_leads (
  account text NOT NULL,
  day date NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  total_leads integer NOT NULL,
  PRIMARY KEY (account, day, position),
  FOREIGN KEY (account, day) REFERENCES lead_days (account, day) ON DELETE CASCADE
);
CREATE INDEX user_leads_by_name ON user_leads (account, name, day);
CREATE TABLE breakdown_entries (
  account text NOT NULL,
  day date NOT NULL,
  user_position integer NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('origin', 'segment', 'automation', 'productOrService')),
  position integer NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (account, day, user_position, dimension, position),
  FOREIGN KEY (account, day, user_position) REFERENCES user_leads (account, day, position) ON DELETE CASCADE
);
CREATE INDEX breakdown_entries_by_dimension ON breakdown_entries (account, dimension, day);
CREATE VIEW leads_by_user_day AS
  SELECT account, day, name AS user_name, total_leads FROM user_leads;
CREATE VIEW leads_by_origin_day AS
  SELECT account, day, code AS origin_code, name AS origin_name, sum(count)::integer AS leads
  FROM breakdown_entries WHERE dimension = 'origin' GROUP BY account, day, code, name;
CREATE VIEW leads_by_segment_day AS
  SELECT account, day, code AS segment_code, name AS segment_name, sum(count)::integer AS leads
  FROM breakdown_entries WHERE dimension = 'segment' GROUP BY account, day, code, name;
CREATE VIEW day_summary AS
  SELECT account, day, users, total_leads, with_error, ungrouped, contact_limit_exceeded, duplicates,
         top_user_share, min_user_leads, max_user_leads, gini, final, fetched_at
  FROM lead_days;
`,
  // 2: snapshots of days that may still grow (today), each the users changed since the day's
  // previous one (`delta_json`, see the history's snapshot records) with the day's numbers so far.
  `
CREATE TABLE lead_snapshots (
  account text NOT NULL,
  day date NOT NULL,
  fetched_at timestamptz NOT NULL,
  total_leads integer NOT NULL,
  with_error integer NOT NULL,
  ungrouped integer NOT NULL,
  contact_limit_exceeded integer NOT NULL,
  duplicates integer NOT NULL,
  delta_json text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, day, fetched_at)
);
CREATE VIEW snapshot_summary AS
  SELECT account, day, fetched_at, total_leads, with_error, ungrouped, contact_limit_exceeded, duplicates
  FROM lead_snapshots;
`,
];

/** Any fixed 32-bit number: with a hash of (account, day), the lock one day's snapshot writers take in turn. */
export const SNAPSHOT_LOCK = 720_433_119;

/** The table that records which migrations ran. */
export const SCHEMA_TABLE = `CREATE TABLE IF NOT EXISTS zen_leads_schema (
  version integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** A day's users, unpacked from its JSON ($3, sent as text: a string bound to jsonb would be stored as one JSON string) for account $1 and day $2. */
export const INSERT_USERS = `
INSERT INTO user_leads (account, day, position, name, total_leads)
SELECT $1, $2::date, u.ord - 1, u.value->>'name', (u.value->>'totalLeads')::integer
FROM jsonb_array_elements($3::text::jsonb->'users') WITH ORDINALITY AS u(value, ord)`;

/** A day's breakdown entries, unpacked from its JSON ($3): each user's four lists, in order. */
export const INSERT_ENTRIES = `
INSERT INTO breakdown_entries (account, day, user_position, dimension, position, code, name, count)
SELECT $1, $2::date, u.ord - 1, d.dimension, e.ord - 1, e.value->>'code', e.value->>'name', (e.value->>'count')::integer
FROM jsonb_array_elements($3::text::jsonb->'users') WITH ORDINALITY AS u(value, ord)
CROSS JOIN (VALUES ('origin', 'origins'), ('segment', 'segments'), ('automation', 'automations'), ('productOrService', 'productsAndServices')) AS d(dimension, field)
CROSS JOIN LATERAL jsonb_array_elements(u.value->d.field) WITH ORDINALITY AS e(value, ord)`;
