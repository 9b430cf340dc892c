/**
 * Checks a message before any adapter sends or keeps it. Runtime-agnostic (the dev mailbox
 * uses it too). Internal.
 * @module
 */
import type { MailMessage } from '@monban/core/ports';

/** One plain address: no display name, no list, no whitespace or control characters. */
const SINGLE_ADDRESS = /^[^\s@,;<>()"\\[\]:]+@[^\s@,;<>()"\\[\]:]+$/;

/**
 * Throws a `TypeError` unless `message` goes to exactly one address and has a one-line subject
 * (ACCEPTANCE 32: the mail port receives exactly one address). These are caller mistakes: the
 * engine validates addresses before they reach a mailer.
 */
export function checkMessage(message: MailMessage, who: string): void {
  if (typeof message !== 'object' || message === null) {
    throw new TypeError(`${who}: a message object is required`);
  }
  const { to, subject, text, html } = message as Partial<MailMessage>;
  if (typeof to !== 'string' || to.length > 320 || !SINGLE_ADDRESS.test(to)) {
    throw new TypeError(`${who}: "to" must be exactly one email address`);
  }
  if (typeof subject !== 'string' || /[\r\n]/.test(subject)) {
    throw new TypeError(`${who}: the subject must be one line of text`);
  }
  if (typeof text !== 'string' || typeof html !== 'string') {
    throw new TypeError(`${who}: both a text and an HTML part are required`);
  }
}
