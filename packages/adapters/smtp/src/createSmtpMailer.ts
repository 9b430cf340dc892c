import { MonbanError } from '@monban/core';
import type { Mailer } from '@monban/core/ports';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { checkMessage } from './internal/checkMessage.js';

/** The SMTP mailer: a {@link Mailer} with `verify()` and `close()`. */
export interface SmtpMailer extends Mailer {
  /** Connects and authenticates once; throws `MAIL_UNAVAILABLE` when the server is not usable. */
  verify(): Promise<void>;
  /** Closes pooled connections (call on shutdown). */
  close(): void;
}

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** SMTP server host name. */
  host: string;
  /** Port: 465 (implicit TLS), 587 (submission with STARTTLS) or 25. */
  port: number;
  /** `true` for implicit TLS (port 465); otherwise STARTTLS is used when offered. Default: `port === 465`. */
  secure?: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS (recommended on 587). */
  requireTLS?: boolean;
  /** TLS options passed to Node's `tls.connect` (for example `{ servername, minVersion: 'TLSv1.2' }`). */
  tls?: SMTPTransport.Options['tls'];
  /** Login, when the server needs one. */
  auth?: { user: string; pass: string };
  /** Sender of every mail: one tenant-independent address (the tenant's name is in the subject and body). */
  from: { name?: string; address: string };
  /** Keep connections open and reuse them: `true` or `{ maxConnections, maxMessages }`. Default `false`. */
  pool?: boolean | { maxConnections?: number; maxMessages?: number };
  /** Milliseconds to wait for the connection (default 10,000). */
  connectionTimeoutMs?: number;
  /** Milliseconds to wait for the greeting after connecting (default 10,000). */
  greetingTimeoutMs?: number;
  /** Milliseconds of socket inactivity before giving up (default 30,000). */
  socketTimeoutMs?: number;
  /** Name announced in EHLO (default: the machine's host name). */
  clientName?: string;
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`createSmtpMailer: options.${name} must be a positive integer`);
  }
  return value;
}

/**
 * Creates a {@link Mailer} that sends over SMTP with nodemailer (R-ADP-2): pooled or not, TLS
 * options, timeouts. Every message goes to exactly one recipient (anything else throws a
 * `TypeError` before connecting), from the configured sender, with the HTML and text parts as
 * given and an `X-Monban-Tag` header. Japanese text is sent as UTF-8 with encoded headers.
 *
 * A failure (server down, timeout, authentication refused, recipient or message rejected) throws
 * `MonbanError` with code `MAIL_UNAVAILABLE` and the nodemailer error as `cause`: core then
 * answers the member with the generic `MAIL_UNAVAILABLE` and changes nothing, so the action can
 * be retried. (The issue tracker called this `MAIL_SEND_FAILED`; core's code is `MAIL_UNAVAILABLE`.)
 *
 * @example
 * ```ts
 * import { createSmtpMailer } from '@monban/smtp';
 *
 * const mailer = createSmtpMailer({
 *   host: 'smtp.example.jp',
 *   port: 587,
 *   requireTLS: true,
 *   auth: { user: 'monban', pass: process.env.SMTP_PASSWORD ?? '' },
 *   from: { name: 'Portal', address: 'no-reply@example.jp' },
 *   pool: true,
 * });
 * await mailer.send({ to: 'taro@example.jp', subject: '件名', text: '本文', html: '<p>本文</p>', tag: 'test' });
 * mailer.close();
 * ```
 */
export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createSmtpMailer: options are required');
  }
  if (typeof options.host !== 'string' || options.host === '') {
    throw new TypeError('createSmtpMailer: options.host is required');
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    throw new TypeError('createSmtpMailer: options.port must be a TCP port');
  }
  const from = options.from;
  if (
    typeof from !== 'object' ||
    from === null ||
    typeof from.address !== 'string' ||
    !/^[^\s@,;<>]+@[^\s@,;<>]+$/.test(from.address) ||
    (from.name !== undefined && (typeof from.name !== 'string' || /[\r\n]/.test(from.name)))
  ) {
    throw new TypeError(
      'createSmtpMailer: options.from must be { name?, address } with one address',
    );
  }
  if (
    options.auth !== undefined &&
    (typeof options.auth?.user !== 'string' || typeof options.auth?.pass !== 'string')
  ) {
    throw new TypeError('createSmtpMailer: options.auth must be { user, pass }');
  }
  const common = {
    host: options.host,
    port: options.port,
    secure: options.secure ?? options.port === 465,
    requireTLS: options.requireTLS ?? false,
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    ...(options.auth === undefined
      ? {}
      : { auth: { user: options.auth.user, pass: options.auth.pass } }),
    ...(options.clientName === undefined ? {} : { name: options.clientName }),
    connectionTimeout: positive('connectionTimeoutMs', options.connectionTimeoutMs, 10_000),
    greetingTimeout: positive('greetingTimeoutMs', options.greetingTimeoutMs, 10_000),
    socketTimeout: positive('socketTimeoutMs', options.socketTimeoutMs, 30_000),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const transport = options.pool
    ? nodemailer.createTransport({
        ...common,
        pool: true,
        ...(typeof options.pool === 'object'
          ? {
              maxConnections: positive('pool.maxConnections', options.pool.maxConnections, 5),
              maxMessages: positive('pool.maxMessages', options.pool.maxMessages, 100),
            }
          : {}),
      } satisfies SMTPPool.Options)
    : nodemailer.createTransport(common satisfies SMTPTransport.Options);
  const sender = { name: from.name ?? '', address: from.address };

  const unavailable = (cause: unknown): MonbanError =>
    new MonbanError('MAIL_UNAVAILABLE', 'the mail could not be sent over SMTP', { cause });

  return {
    async send(message) {
      checkMessage(message, 'smtpMailer.send');
      let info: SMTPTransport.SentMessageInfo;
      try {
        info = await transport.sendMail({
          from: sender,
          to: message.to,
          // The envelope is set explicitly: exactly this one recipient, whatever the headers say.
          envelope: { from: from.address, to: [message.to] },
          subject: message.subject,
          text: message.text,
          html: message.html,
          textEncoding: 'base64',
          headers: { 'X-Monban-Tag': message.tag.replace(/[^\w.-]/g, '') || 'mail' },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        throw unavailable(error);
      }
      if (info.rejected.length > 0 || info.accepted.length !== 1) {
        throw unavailable(new Error(`SMTP server did not accept the recipient: ${info.response}`));
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw unavailable(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
