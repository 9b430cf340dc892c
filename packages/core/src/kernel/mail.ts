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

/**
 * A moment as a member reads it in a mail: the tenant's time zone, the mail's language, the zone
 * named (`2026年12月6日 12:30（日本時間）`, `6 December 2026 at 12:30 (Japan time)`).
 */
export function mailTime(epochMs: number, timeZone: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(epochMs));
  const zone = ZONE_NAMES[timeZone]?.[locale] ?? timeZone;
  return locale === 'ja' ? `${parts}（${zone}）` : `${parts} (${zone})`;
}

const ZONE_NAMES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  'Asia/Tokyo': { ja: '日本時間', en: 'Japan time' },
  UTC: { ja: '協定世界時', en: 'UTC' },
};

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

/** What a notice's caller gives: the template's data, with `at` as epoch milliseconds. */
export type NoticeData<K extends MailKind> = Omit<MailDataByKind[K], 'tenantName' | 'at'> & {
  at?: number;
};

/**
 * A notice to the member: best effort, never changes the member's answer. Its `at` is shown in
 * the tenant's time zone and the mail's language.
 */
export async function notify<K extends MailKind>(
  kernel: Kernel,
  account: Account,
  kind: K,
  data: NoticeData<K>,
  locale?: Locale,
  to?: string | null,
): Promise<void> {
  const address = to === undefined ? account.email : to;
  const tenant = kernel.tenants.get(account.tenantId);
  if (!address || !tenant) return;
  const language = locale ?? tenant.locale;
  const { at, ...rest } = data;
  const when = at === undefined ? {} : { at: mailTime(at, tenant.timeZone, language) };
  try {
    await sendMail(
      kernel,
      kind,
      address,
      { ...rest, ...when, tenantName: tenant.displayName } as unknown as MailDataByKind[K],
      language,
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
