/** The `monban-migrate --help` text. */
export const USAGE = `usage: monban-migrate [postgres-url]

Applies Monban's database migrations (idempotent, never destructive) to the PostgreSQL
database named by postgres-url, or by the DATABASE_URL environment variable when no URL is
given. Tables are created in the connection's search_path schema (public by default).

  monban-migrate postgres://user@host:5432/app
  DATABASE_URL=postgres://user@host:5432/app monban-migrate

options:
  -h, --help   print this help and exit

exit status: 0 migrated or up to date, 1 migration failed, 2 usage mistake`;

/**
 * Reads `monban-migrate`'s arguments: the URL to migrate, or the exit status and text of a usage
 * answer (`--help`; an unknown option, extra arguments, a URL that is not `postgres://`).
 */
export function parseMigrateArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { url: string } | { exit: number; out?: string; err?: string } {
  if (args.includes('-h') || args.includes('--help')) return { exit: 0, out: USAGE };
  const options = args.filter((arg) => arg.startsWith('-'));
  if (options.length > 0) {
    return { exit: 2, err: `monban-migrate: unknown option ${options[0]}\n\n${USAGE}` };
  }
  if (args.length > 1) {
    return {
      exit: 2,
      err: `monban-migrate: expected one database URL, got ${args.length}\n\n${USAGE}`,
    };
  }
  const url = args[0] ?? env.DATABASE_URL;
  if (!url) {
    return {
      exit: 2,
      err: `monban-migrate: no database URL (argument or DATABASE_URL)\n\n${USAGE}`,
    };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    // Never echo the value: it may be a URL with a password in the wrong place.
    return {
      exit: 2,
      err: `monban-migrate: the database URL must start with postgres:// or postgresql://\n\n${USAGE}`,
    };
  }
  return { url };
}
