/**
 * `npm run demo`: the member portal on http://localhost:3000 with embedded PGlite in
 * `examples/portal/.data/`, the dev mailbox at `/mailbox`, and the temporary credentials of
 * every tenant printed at start-up.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMonbanError } from '@monban/core';
import { createPostgresStorage, openPglite } from '@monban/postgres';
import { createPortal } from './createPortal.js';
import { printBanner } from './printBanner.js';
import { loadSecrets } from './secrets.js';
import { seedMembers } from './seed.js';

const port = Number(process.env.PORT ?? 3000);
// PORTAL_DATA_DIR=/some/dir npm run demo: keep the data elsewhere (benchmarks start fresh ones).
const dataDir = process.env.PORTAL_DATA_DIR
  ? join(process.env.PORTAL_DATA_DIR, '/')
  : fileURLToPath(new URL('../.data/', import.meta.url));
await mkdir(dataDir, { recursive: true });

// Opened (and, on a first start, created from a template) before anything listens: a data
// directory PGlite cannot use stops the demo here with what to do, never after "listening".
const db = await openPglite({ dataDir: `${dataDir}pglite` }).catch((error: unknown) => {
  if (!isMonbanError(error)) throw error;
  console.error(`\nThe demo cannot start: ${error.message}.`);
  console.error(`To start over with fresh demo data: rm -rf ${dataDir} && npm run demo\n`);
  process.exit(1);
});
const storage = createPostgresStorage({ db, migrate: true });
const secrets = await loadSecrets(dataDir);
const origin = `http://localhost:${port}`;
// TERMS_VERSION=2 npm run demo: members accept the new terms at their next login.
const termsVersion = process.env.TERMS_VERSION;
const portal = await createPortal({
  origin,
  storage,
  secrets,
  ...(termsVersion ? { termsVersion } : {}),
});
const members = await seedMembers(portal.services, storage);
await portal.app.listen({ host: '127.0.0.1', port });
printBanner({ origin, members, passkeys: portal.passkeys, dataDir });

const stop = async () => {
  await portal.app.close();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
