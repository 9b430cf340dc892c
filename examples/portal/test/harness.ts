/**
 * Test harness: the portal in-process on a free port with in-memory PGlite, and headless
 * Chromium through playwright-core (Debian's `chromium`, no browser download).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { createPostgresStorage } from '@monban/postgres';
import { type Browser, chromium } from 'playwright-core';
import { createPortal, type Portal } from '../src/createPortal.js';
import { generateSecrets } from '../src/secrets.js';
import { seedMembers } from '../src/seed.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser tests can run; throws when services are required but Chromium is absent. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.MONBAN_REQUIRE_SERVICES) {
    throw new Error(`MONBAN_REQUIRE_SERVICES is set but Chromium is missing at ${CHROMIUM_PATH}`);
  }
  console.warn(
    `Skipping the portal browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running portal. */
export interface RunningPortal extends Portal {
  origin: string;
  /** Moves the portal's clock forward (sessions age; TOTP codes would then look skewed). */
  advance(ms: number): void;
  /** The portal's clock. */
  now(): number;
  /**
   * Stops the server and starts it again on the same port, database, secrets and clock, like
   * `npm run demo` restarted with new settings (`termsVersion`). Members are not seeded again.
   */
  restart(options: { termsVersion: string }): Promise<RunningPortal>;
  close(): Promise<void>;
}

/** Starts the portal on 127.0.0.1 with a fresh in-memory database, members seeded. */
export async function startPortal(): Promise<RunningPortal> {
  const db = new PGlite();
  const storage = createPostgresStorage({ db, migrate: true });
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const secrets = generateSecrets();
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const listen = async (termsVersion?: string): Promise<RunningPortal> => {
    const portal = await createPortal({
      origin,
      storage,
      secrets,
      clock,
      ...(termsVersion === undefined ? {} : { termsVersion }),
    });
    if (termsVersion === undefined) await seedMembers(portal.services, storage);
    await portal.app.listen({ host: '127.0.0.1', port });
    return {
      ...portal,
      origin,
      now: clock.now,
      advance(ms) {
        offset += ms;
      },
      async restart(options) {
        await portal.app.close();
        return listen(options.termsVersion);
      },
      async close() {
        await portal.app.close();
        await db.close();
      },
    };
  };
  return listen();
}

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
