/**
 * Writes the error code reference (`docs/generated/error-codes.md`) from the message catalogues
 * the packages ship: every code, its Japanese and English message and the HTTP status the
 * JSON API answers with (`statusForCode` from `@monban/http`). Fails when a code of the status
 * table is in no section, so every code with a status is listed.
 *
 * Run: node --conditions=@monban/source --import tsx scripts/error-codes.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_ERROR_CODES, coreMessages } from '@monban/core';
import { emailOtpMessages } from '@monban/email-otp';
import { statusForCode } from '@monban/http';
import { issueCodes, type Locale, type MessageCatalog, messages } from '@monban/policy';
import { TOTP_FAILURE_CODES, messages as totpMessages } from '@monban/totp';
import { WEBAUTHN_FAILURE_CODES, messages as webauthnMessages } from '@monban/webauthn';
// The HTTP layer's own codes, catalogue and status table have no public export; the docs read
// them from the source.
import { HTTP_ERROR_CODES, HTTP_ISSUE_CODES } from '../../packages/http/src/internal/codes.js';
import { httpMessages } from '../../packages/http/src/internal/messages.js';
import { STATUS_BY_CODE } from '../../packages/http/src/internal/statusByCode.js';

type Catalogue = Readonly<Record<Locale, MessageCatalog>>;
interface Section {
  title: string;
  intro: string;
  catalogue: Catalogue;
  /** Codes the package declares; catalogue keys are added to them. */
  codes: readonly string[];
  /** Only keys with this suffix (factor-specific texts of shared codes). */
  suffix?: string;
}

const sections: Section[] = [
  {
    title: 'Engine (`@monban/core`)',
    intro:
      'Every answer of the service that is not `ok` carries one of these codes (`CORE_ERROR_CODES`). `monban.formatError(error, locale)` renders the message.',
    catalogue: coreMessages,
    codes: CORE_ERROR_CODES,
  },
  {
    title: 'Validation issues (`@monban/policy`)',
    intro:
      'Reported inside `VALIDATION_FAILED` (HTTP 400) as `details.issues`, each with its own code and message, all at once. The status column is what `statusForCode` answers when such a code is the top-level code (`EMAIL_TAKEN` is; the others come as issues). Keys of the form `CODE.reason` are reason-specific texts that `formatIssue` prefers.',
    catalogue: messages,
    codes: issueCodes,
  },
  {
    title: 'Authenticator app (`@monban/totp`)',
    intro:
      'Codes of the TOTP factor (`TOTP_FAILURE_CODES`) and its wording of shared codes. The factor carries this catalogue, so `formatError` uses it.',
    catalogue: totpMessages,
    codes: TOTP_FAILURE_CODES,
  },
  {
    title: 'Passkeys (`@monban/webauthn`)',
    intro:
      'Codes of the passkey factor (`WEBAUTHN_FAILURE_CODES`). `PASSKEY_UNKNOWN_CREDENTIAL`, `PASSKEY_VERIFICATION_FAILED` and `PASSKEY_COUNTER_INVALID` count toward lockout; the others (a cancelled dialog, a spent challenge, a browser error) do not. `PASSKEY_VERIFICATION_FAILED` carries `params.reason`; the reasons without their own row use the general text. The factor carries this catalogue, so `formatError` uses it.',
    catalogue: webauthnMessages,
    codes: WEBAUTHN_FAILURE_CODES,
  },
  {
    title: 'Email one-time codes (`@monban/email-otp`)',
    intro:
      'Email-specific texts of core codes, picked when `params.reason` is `email-otp`. Pass `createMonban({ messages: emailOtpMessages })` to use them.',
    catalogue: emailOtpMessages,
    codes: [],
    suffix: '.email-otp',
  },
  {
    title: 'HTTP layer (`@monban/http`, Express and Fastify)',
    intro:
      'Codes only the JSON API answers with (malformed requests, CSRF, routing, an unexpected failure). `FIELD_*` codes are issues inside `VALIDATION_FAILED` (HTTP 400).',
    catalogue: httpMessages as Catalogue,
    codes: [...HTTP_ERROR_CODES, ...HTTP_ISSUE_CODES],
  },
];

const cell = (text: string | undefined) =>
  text === undefined
    ? '—'
    : text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '&#124;')
        .replace(/\n/g, '<br>');

let total = 0;
const listed = new Set<string>();
const lines: string[] = [];
for (const section of sections) {
  const keys = new Set<string>(section.codes);
  for (const key of Object.keys(section.catalogue.ja)) keys.add(key);
  for (const key of Object.keys(section.catalogue.en)) keys.add(key);
  const rows = [...keys]
    .filter((key) => section.suffix === undefined || key.endsWith(section.suffix))
    .sort((a, b) => a.localeCompare(b));
  lines.push(`## ${section.title}`, '', section.intro, '');
  lines.push('| code | HTTP | 日本語 | English |', '|---|---|---|---|');
  for (const key of rows) {
    const [code = key, reason] = key.split('.');
    listed.add(code);
    const label = reason === undefined ? `\`${code}\`` : `\`${code}\` (\`${reason}\`)`;
    lines.push(
      `| ${label} | ${statusForCode(code)} | ${cell(section.catalogue.ja[key])} | ${cell(section.catalogue.en[key])} |`,
    );
    total++;
  }
  lines.push('');
}

const unlisted = Object.keys(STATUS_BY_CODE).filter((code) => !listed.has(code));
if (unlisted.length > 0) {
  throw new Error(`error codes with a status but no row: ${unlisted.join(', ')}`);
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'generated');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'error-codes.md'), lines.join('\n'));
console.log(`error codes: ${total} rows written to docs/generated/error-codes.md`);
