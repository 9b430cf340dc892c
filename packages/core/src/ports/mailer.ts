/**
 * The mail port. Implementations: SMTP in `@monban/smtp`, the in-memory dev mailbox.
 * @module
 */

/** One mail to exactly one recipient, with an HTML and a text part. */
export interface MailMessage {
  /** Exactly one address, already validated. */
  to: string;
  /** Subject line. */
  subject: string;
  /** Plain-text part. */
  text: string;
  /** HTML part (user data escaped). */
  html: string;
  /** What the mail is, for example `verify-email`; adapters may put it in a header. */
  tag: string;
}

/**
 * Sends mail. A failure must throw (the engine then answers with a generic error, never a
 * false success).
 *
 * @example
 * ```ts
 * const sent: MailMessage[] = [];
 * const mailer: Mailer = { async send(message) { sent.push(message); } };
 * ```
 */
export interface Mailer {
  /** Sends one message. */
  send(message: MailMessage): Promise<void>;
}
