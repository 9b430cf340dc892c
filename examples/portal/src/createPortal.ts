/**
 * Builds the demo portal: one Monban service per tenant (so each tenant's mail links point at
 * its own pages), the JSON API of each under `/t/<tenant>/api`, the pages and the dev mailbox.
 * @module
 */
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type Factor, type Monban, TENANT_PRESETS } from '@monban/core';
import type { Clock, Storage } from '@monban/core/ports';
import { createEmailOtpFactor } from '@monban/email-otp';
import { monbanFastify } from '@monban/fastify';
import { createDevMailbox, type DevMailbox } from '@monban/smtp/dev-mailbox';
import { createTotpFactor } from '@monban/totp';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadPasskeyFactor } from './loadPasskeyFactor.js';
import { registerPages } from './pages.js';
import type { PortalSecrets } from './secrets.js';
import { DEMO_TENANTS } from './tenants.js';

/** What {@link createPortal} returns. */
export interface Portal {
  /** The Fastify app (not listening yet). */
  app: FastifyInstance;
  /** One service per tenant ID. */
  services: ReadonlyMap<string, Monban>;
  /** The dev mailbox every mail goes to. */
  mailbox: DevMailbox;
  /** Whether passkeys are offered (`@monban/webauthn` present). */
  passkeys: boolean;
}

/** Creates the portal for `origin` (`http://localhost:3000`), the address printed and linked in mails. */
export async function createPortal(options: {
  origin: string;
  storage: Storage;
  secrets: PortalSecrets;
  logger?: boolean;
  /** Clock (default: the system clock); tests move it forward. */
  clock?: Clock;
  /** Current terms version of every tenant (default `'1'`): a new one makes members re-accept. */
  termsVersion?: string;
}): Promise<Portal> {
  const { origin, storage, secrets } = options;
  const mailbox = createDevMailbox();
  const hasher = createArgon2Hasher();
  const passkey = await loadPasskeyFactor(origin);
  const factors: Factor[] = [
    createTotpFactor({ keys: secrets.totpKeys }),
    createEmailOtpFactor({ hashKey: secrets.emailOtpKey }),
    ...(passkey === null ? [] : [passkey]),
  ];
  const services = new Map<string, Monban>();
  for (const tenant of DEMO_TENANTS) {
    // Without the passkey factor (see loadPasskeyFactor) the presets are offered without passkeys.
    const offered = TENANT_PRESETS[tenant.preset].factors;
    const withoutPasskey = offered.filter((kind) => kind !== 'passkey');
    const monban = createMonban({
      tenants: [
        {
          id: tenant.id,
          displayName: tenant.displayName,
          preset: tenant.preset,
          // The demo speaks Japanese first (R-DEMO-1), the default preset's tenant too.
          locale: 'ja',
          ...(options.termsVersion === undefined ? {} : { termsVersion: options.termsVersion }),
          ...(passkey === null ? { factors: withoutPasskey } : {}),
          ...(passkey !== null && tenant.passkeySignIn === true ? { passkeySignIn: true } : {}),
        },
      ],
      storage,
      hasher,
      mailer: mailbox,
      factors,
      links: { baseUrl: `${origin}/t/${tenant.id}` },
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    services.set(tenant.id, monban);
  }

  const app = Fastify({ logger: options.logger ?? false });
  for (const [id, monban] of services) {
    await app.register(monbanFastify, {
      monban,
      prefix: `/t/${id}/api`,
      tenant: id,
      // Each tenant's cookies stay under its own path: one browser can try all five.
      cookie: { path: `/t/${id}/`, secure: false },
      csrf: { allowedOrigins: [origin], secret: secrets.csrfSecret },
      defaultLocale: 'ja',
      rateLimit: { counters: storage.counters, limit: 60, windowSeconds: 60 },
      // Failures (500, 503) with their code and cause, never a secret, in Fastify's log.
      logger: app.log,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
  }
  registerPages(app, { services, mailbox });
  return { app, services, mailbox, passkeys: passkey !== null };
}
