/**
 * `@monban/email-otp`: the email one-time code factor for Monban (R-LOG-4). 6-digit codes from
 * the engine's random source without modulo bias, stored as HMAC-SHA-256, bound to their flow,
 * single-use, newest-only, with a resend cooldown, a per-code attempt limit and an hourly send
 * limit. Weaker than TOTP or passkeys (NIST SP 800-63B rev 4 §3.1.3.1): opt-in per tenant.
 * @packageDocumentation
 */
export { createEmailOtpFactor } from './createEmailOtpFactor.js';
export { emailOtpMessages } from './emailOtpMessages.js';
export { generateOtpCode } from './generateOtpCode.js';
export { maskEmail } from './maskEmail.js';
