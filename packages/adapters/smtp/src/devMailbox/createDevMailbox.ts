import type { Mailer, MailMessage } from '@monban/core/ports';
import { checkMessage } from '../internal/checkMessage.js';
import { renderMailboxHtml } from './renderMailboxHtml.js';

/** A message kept by the dev mailbox. */
export interface DevMailboxMessage extends MailMessage {
  /** 1, 2, 3… in arrival order. */
  id: number;
  /** When it arrived, as an ISO 8601 string. */
  sentAt: string;
}

/** The in-memory mailbox: a {@link Mailer} you can read back. */
export interface DevMailbox extends Mailer {
  /** Keeps the message (after the same one-recipient check as the SMTP mailer). */
  send(message: MailMessage): Promise<void>;
  /** Every kept message, oldest first (copies). */
  list(): DevMailboxMessage[];
  /** The newest message, or the newest one to `to` (case-insensitive); `null` when none. */
  latest(to?: string): DevMailboxMessage | null;
  /** Forgets every message. */
  clear(): void;
  /** The messages as JSON-ready data (what `GET /dev/mailbox.json` should answer). */
  toJSON(): DevMailboxMessage[];
  /** A small self-contained HTML page listing the messages, newest first, everything escaped. */
  renderHtml(): string;
}

/**
 * Creates the dev mailbox (R-ADP-2): a {@link Mailer} that keeps messages in memory instead of
 * sending them, lists them as JSON and as a small HTML page, for the demo portal and tests.
 * **Testing and development only**: messages hold live codes and links, so never expose the
 * page in production. Runtime-agnostic (no Node APIs); also at `@monban/smtp/dev-mailbox`.
 *
 * Like the SMTP mailer it refuses (TypeError) a message that is not for exactly one address or
 * whose subject has CR/LF. Keeps the newest `limit` messages (default 500).
 *
 * @example
 * ```ts
 * import { createDevMailbox, findCode } from '@monban/smtp/dev-mailbox';
 *
 * const mailbox = createDevMailbox();
 * await mailbox.send({ to: 'taro@example.jp', subject: 'Code', text: 'Code: 123456', html: '<p>123456</p>', tag: 'email-otp' });
 * findCode(mailbox.latest('taro@example.jp')); // '123456'
 * ```
 */
export function createDevMailbox(
  options: {
    /** Clock for `sentAt` (epoch ms); defaults to `Date.now`. */
    now?: () => number;
    /** How many messages to keep (1-100000, default 500). */
    limit?: number;
  } = {},
): DevMailbox {
  const now = options.now ?? (() => Date.now());
  const limit = options.limit ?? 500;
  if (typeof now !== 'function')
    throw new TypeError('createDevMailbox: options.now must be a function');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new TypeError('createDevMailbox: options.limit must be an integer from 1 to 100000');
  }
  let messages: DevMailboxMessage[] = [];
  let nextId = 1;
  const copy = (m: DevMailboxMessage): DevMailboxMessage => ({ ...m });
  const mailbox: DevMailbox = {
    async send(message) {
      checkMessage(message, 'devMailbox.send');
      messages.push({
        id: nextId++,
        sentAt: new Date(now()).toISOString(),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        tag: message.tag,
      });
      if (messages.length > limit) messages = messages.slice(messages.length - limit);
    },
    list: () => messages.map(copy),
    latest(to) {
      const wanted = to?.toLowerCase();
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i] as DevMailboxMessage;
        if (wanted === undefined || m.to.toLowerCase() === wanted) return copy(m);
      }
      return null;
    },
    clear() {
      messages = [];
    },
    toJSON: () => messages.map(copy),
    renderHtml: () => renderMailboxHtml([...messages].reverse()),
  };
  return mailbox;
}
