/**
 * The smallest application on embedded PGlite, for `bench/pglite-start.mjs`: the package
 * README's one line (`createPostgresStorage` on `openPglite`, migrating on first use)
 * behind a node:http server whose every answer reads the storage once. Plain JavaScript once
 * types are stripped: `MINIMAL_APP_DIR` runs it in a folder where the packed packages are
 * installed, as an application would.
 * @module
 */
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { createPostgresStorage, openPglite } from '@monban/postgres';

const dataDir = process.env.DATA_DIR ?? './monban-data';
// MINIMAL_OPEN=pglite: `new PGlite(dataDir)` as the README showed before openPglite existed.
const db =
  process.env.MINIMAL_OPEN === 'pglite' ? new PGlite(dataDir) : await openPglite({ dataDir });
const storage = createPostgresStorage({ db, migrate: true });

createServer(async (_request, response) => {
  const account = await storage.accounts.findByUserId('t1', 'nobody');
  response.end(JSON.stringify({ account }));
}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
