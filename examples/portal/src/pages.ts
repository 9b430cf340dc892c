/**
 * The pages: a start page listing the tenants, one HTML shell per tenant (the vanilla client in
 * `public/` draws every screen from the API's `flow.step`), static assets and the dev mailbox.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Monban } from '@monban/core';
import type { DevMailbox } from '@monban/smtp/dev-mailbox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderShell, renderStartPage } from './html.js';
import { DEMO_TENANTS } from './tenants.js';

const PUBLIC_DIR = new URL('../public/', import.meta.url);
const JS = 'text/javascript; charset=utf-8';
const ASSETS: Readonly<Record<string, string>> = {
  'api.js': JS,
  'app.js': JS,
  'enrollSteps.js': JS,
  'factorSteps.js': JS,
  'factors.js': JS,
  'fieldErrors.js': JS,
  'flow.js': JS,
  'header.js': JS,
  'home.js': JS,
  'i18n.js': JS,
  'login.js': JS,
  'lostDevice.js': JS,
  'nav.js': JS,
  'recoveryCodes.js': JS,
  'settings.js': JS,
  'settingsDevices.js': JS,
  'settingsPassword.js': JS,
  'settingsProfile.js': JS,
  'settingsSessions.js': JS,
  'stepUp.js': JS,
  'steps.js': JS,
  'ui.js': JS,
  'style.css': 'text/css; charset=utf-8',
};

/** `ja` unless the `lang` cookie or the first `Accept-Language` entry says `en`. */
export function pageLocale(request: FastifyRequest): 'ja' | 'en' {
  const cookie = /(?:^|;\s*)lang=(ja|en)\b/.exec(request.headers.cookie ?? '');
  if (cookie) return cookie[1] as 'ja' | 'en';
  const first = (request.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase();
  return first?.startsWith('en') ? 'en' : 'ja';
}

/** Registers the page routes. */
export function registerPages(
  app: FastifyInstance,
  { services, mailbox }: { services: ReadonlyMap<string, Monban>; mailbox: DevMailbox },
): void {
  const html = 'text/html; charset=utf-8';
  const noStore = { 'cache-control': 'no-store' };
  // ACCEPTANCE 52: every HTML page: no inline script, no framing, no referrer (the reset page's
  // URL holds its token), no sniffing. The mailbox shows mails with inline styles.
  const pageHeaders = (styles: "'self'" | "'unsafe-inline'") => ({
    ...noStore,
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      `style-src ${styles}`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  const portalPage = pageHeaders("'self'");

  app.get('/', async (request, reply) =>
    reply
      .headers(portalPage)
      .type(html)
      .send(renderStartPage(pageLocale(request))),
  );

  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const type = ASSETS[request.params.name];
    if (type === undefined) return reply.code(404).send('Not found');
    const body = await readFile(new URL(request.params.name, PUBLIC_DIR));
    return reply
      .headers({ ...noStore, 'x-content-type-options': 'nosniff' })
      .type(type)
      .send(body);
  });

  app.get('/mailbox', async (_request, reply) =>
    reply.headers(pageHeaders("'unsafe-inline'")).type(html).send(mailbox.renderHtml()),
  );
  app.get('/mailbox.json', async (_request, reply) =>
    reply.headers(noStore).send(mailbox.toJSON()),
  );

  const shell = async (request: FastifyRequest<{ Params: { tenant: string } }>) => {
    const demo = DEMO_TENANTS.find((t) => t.id === request.params.tenant);
    const tenant = services.get(request.params.tenant)?.tenants.get(request.params.tenant);
    if (demo === undefined || tenant === undefined) return null;
    return renderShell(pageLocale(request), {
      id: tenant.id,
      displayName: tenant.displayName,
      nameEn: demo.nameEn,
      factors: tenant.factors,
      steps: tenant.steps,
      logoutBeforeFactorSetup: tenant.logoutBeforeFactorSetup,
      policy: tenant.policy,
      termsVersion: tenant.termsVersion,
      passkeySignIn: tenant.passkeySignIn,
      lockout: {
        threshold: tenant.lockout.threshold,
        minutes:
          tenant.lockout.mode === 'temporary'
            ? Math.round(tenant.lockout.durationSeconds / 60)
            : null,
      },
    });
  };
  app.get<{ Params: { tenant: string } }>('/t/:tenant', async (request, reply) =>
    reply.redirect(`/t/${encodeURIComponent(request.params.tenant)}/`),
  );
  app.get<{ Params: { tenant: string } }>('/t/:tenant/*', async (request, reply) => {
    const page = await shell(request);
    if (page === null) return reply.code(404).headers(portalPage).type(html).send('Not found');
    return reply.headers(portalPage).type(html).send(page);
  });
}
