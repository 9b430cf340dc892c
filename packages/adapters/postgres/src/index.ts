/**
 * `@monban/postgres`: the Monban `Storage` adapter for PostgreSQL (`pg`) and, with the same SQL,
 * embedded PGlite.
 * @packageDocumentation
 */
export { createPostgresStorage, type PostgresStorage } from './createPostgresStorage.js';
export type { Database, PgliteLike, PgliteQueryable } from './internal/db.js';
export { migrate } from './migrate.js';
export { type OpenedPglite, openPglite, type PgliteDataDirReason } from './openPglite.js';
