/**
 * The schema, as versioned migrations. A migration is never edited once released: changes are
 * new entries appended to the list, and none of them drops data.
 *
 * Case-insensitive uniqueness (email per tenant, device label per account) uses a `*_lower`
 * column filled by the adapter with JavaScript's `toLowerCase()`, so PostgreSQL, PGlite and the
 * memory adapter agree whatever the database's locale (`lower()` is ASCII-only under `C`).
 * Times are `bigint` epoch milliseconds; JSON is `jsonb`.
 */
export interface Migration {
  /** Increasing version number, recorded in `monban_schema_migrations`. */
  version: number;
  /** Short name. */
  name: string;
  /** Statements, run in order inside the migration transaction. */
  statements: readonly string[];
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'init',
    statements: [
      `CREATE TABLE monban_accounts (
        tenant_id text NOT NULL,
        account_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        password_hash text NOT NULL,
        password_changed_at bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('provisioned', 'active')),
        temporary_password_expires_at bigint,
        birth_date text,
        email text,
        email_lower text,
        email_verified boolean NOT NULL,
        chosen_factor text,
        accepted_terms_version text,
        lock_at bigint,
        lock_until bigint,
        session_version integer NOT NULL,
        version integer NOT NULL,
        created_at bigint NOT NULL,
        CONSTRAINT monban_accounts_pkey PRIMARY KEY (tenant_id, account_id),
        CONSTRAINT monban_accounts_user_id_key UNIQUE (tenant_id, user_id)
      )`,
      `CREATE UNIQUE INDEX monban_accounts_email_key
        ON monban_accounts (tenant_id, email_lower) WHERE email_lower IS NOT NULL`,
      `CREATE TABLE monban_credentials (
        id text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tenant_id text NOT NULL,
        account_id text NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        label_lower text NOT NULL,
        data jsonb NOT NULL,
        version integer NOT NULL,
        created_at bigint NOT NULL,
        last_used_at bigint,
        CONSTRAINT monban_credentials_pkey PRIMARY KEY (id)
      )`,
      `CREATE UNIQUE INDEX monban_credentials_label_key
        ON monban_credentials (tenant_id, account_id, label_lower)`,
      `CREATE TABLE monban_flows (
        id text NOT NULL,
        tenant_id text NOT NULL,
        account_id text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        expires_at bigint NOT NULL,
        CONSTRAINT monban_flows_pkey PRIMARY KEY (id)
      )`,
      'CREATE INDEX monban_flows_expires_at ON monban_flows (expires_at)',
      `CREATE TABLE monban_sessions (
        id text NOT NULL,
        tenant_id text NOT NULL,
        account_id text NOT NULL,
        created_at bigint NOT NULL,
        last_seen_at bigint NOT NULL,
        idle_expires_at bigint NOT NULL,
        absolute_expires_at bigint NOT NULL,
        remember boolean NOT NULL,
        session_version integer NOT NULL,
        auth_times jsonb NOT NULL,
        CONSTRAINT monban_sessions_pkey PRIMARY KEY (id)
      )`,
      'CREATE INDEX monban_sessions_account ON monban_sessions (tenant_id, account_id)',
      'CREATE INDEX monban_sessions_idle ON monban_sessions (idle_expires_at)',
      'CREATE INDEX monban_sessions_absolute ON monban_sessions (absolute_expires_at)',
      `CREATE TABLE monban_tokens (
        key text NOT NULL,
        purpose text NOT NULL,
        tenant_id text NOT NULL,
        account_id text,
        data jsonb NOT NULL,
        expires_at bigint NOT NULL,
        CONSTRAINT monban_tokens_pkey PRIMARY KEY (key)
      )`,
      'CREATE INDEX monban_tokens_expires_at ON monban_tokens (expires_at)',
      `CREATE TABLE monban_counters (
        key text NOT NULL,
        count integer NOT NULL,
        expires_at bigint NOT NULL,
        CONSTRAINT monban_counters_pkey PRIMARY KEY (key)
      )`,
      'CREATE INDEX monban_counters_expires_at ON monban_counters (expires_at)',
    ],
  },
  {
    version: 2,
    name: 'member-name-and-session-client',
    statements: [
      // The member's name as the insurer keeps it; NULL for accounts provisioned without one.
      'ALTER TABLE monban_accounts ADD COLUMN display_name text',
      // The User-Agent a session was opened for; NULL for sessions opened before this version.
      'ALTER TABLE monban_sessions ADD COLUMN user_agent text',
    ],
  },
];
