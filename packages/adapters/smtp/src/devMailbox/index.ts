/**
 * `@monban/smtp/dev-mailbox`: the in-memory dev mailbox and helpers to read codes and links
 * from it. Runtime-agnostic (no nodemailer, no Node APIs). Testing and development only.
 * @packageDocumentation
 */
export {
  createDevMailbox,
  type DevMailbox,
  type DevMailboxMessage,
} from './createDevMailbox.js';
export { findCode } from './findCode.js';
export { findLink } from './findLink.js';
export { renderMailboxHtml } from './renderMailboxHtml.js';
