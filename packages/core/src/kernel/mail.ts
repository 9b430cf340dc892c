/**
 * Mail: templates rendered and sent, links built from configuration only (ACCEPTANCE 30), and
 * best-effort notices.
 * @module
 */
import type { Locale } from '@monban/policy';
import type { MailDataByKind, MailKind } from '../mail/templates.js';
import type { MailMessage } from '../ports/mailer.js';
import type { Account } from '../types.js';
import type { Kernel } from './Kernel.js';

/** An ISO timestamp for mails. */
export const iso = (now: number): string => new Date(now).toISOString();

/** Renders a template and sends it to one address. */
export async function sendMail<K extends MailKind>(
  kernel: Kernel,
  kind: K,
  to: string,
  data: MailDataByKind[K],
  locale: Locale,
): Promise<void> {
  const template = kernel.templates[kind] as (
    d: MailDataByKind[K],
    l: Locale,
  ) => Omit<MailMessage, 'to' | 'tag'>;
  const content = template(data, locale);
  await kernel.mailer.send({
    ...content,
    subject: content.subject.replace(/[\r\n]+/g, ' '),
    to,
    tag: kind,
  });
}

/** The link paths a mail can carry, with their defaults. */
export type LinkKind = 'verifyEmailPath' | 'resetPasswordPath' | 'confirmEmailPath';

const DEFAULT_PATHS: Readonly<Record<LinkKind, string>> = {
  verifyEmailPath: '/verify-email',
  resetPasswordPath: '/reset-password',
  confirmEmailPath: '/confirm-email',
};

/** A link under the tenant's configured base URL (never a request's host, ACCEPTANCE 30). */
export function link(kernel: Kernel, tenantId: string, kind: LinkKind, token: string): string {
  const base = kernel.baseUrls.get(tenantId);
  if (base === undefined) throw new TypeError(`no base URL for tenant "${tenantId}"`);
  const url = new URL(base + (kernel.links[kind] ?? DEFAULT_PATHS[kind]));
  url.searchParams.set('token', token);
  return url.toString();
}

/** A notice to the member: best effort, never changes the member's answer. */
export async function notify<K extends MailKind>(
  kernel: Kernel,
  account: Account,
  kind: K,
  data: Omit<MailDataByKind[K], 'tenantName'>,
  locale?: Locale,
  to?: string | null,
): Promise<void> {
  const address = to === undefined ? account.email : to;
  const tenant = kernel.tenants.get(account.tenantId);
  if (!address || !tenant) return;
  try {
    await sendMail(
      kernel,
      kind,
      address,
      { ...data, tenantName: tenant.displayName } as MailDataByKind[K],
      locale ?? kernel.defaultLocale,
    );
  } catch {
    await kernel.audit({
      type: 'admin.action',
      tenantId: account.tenantId,
      accountId: account.accountId,
      reason: 'NOTIFICATION_FAILED',
      details: { mail: kind },
    });
  }
}

/** At most this many mails of one purpose per key and hour. */
const MAILS_PER_HOUR = 5;

/** Counts one mail toward the hourly budget of `key`; `false` once the budget is spent. */
export async function withinMailBudget(kernel: Kernel, key: string): Promise<boolean> {
  const { count } = await kernel.storage.counters.increment(
    `mail:${key}`,
    3600_000,
    kernel.clock.now(),
  );
  return count <= MAILS_PER_HOUR;
}
