/**
 * `@monban/smtp`: the SMTP mail adapter for Monban (nodemailer; Node only) and the in-memory
 * dev mailbox (also at `@monban/smtp/dev-mailbox`, which does not load nodemailer).
 * @packageDocumentation
 */
export { createSmtpMailer, type SmtpMailer, type SmtpMailerOptions } from './createSmtpMailer.js';
export {
  createDevMailbox,
  type DevMailbox,
  type DevMailboxMessage,
} from './devMailbox/createDevMailbox.js';
export { findCode } from './devMailbox/findCode.js';
export { findLink } from './devMailbox/findLink.js';
export { renderMailboxHtml } from './devMailbox/renderMailboxHtml.js';
