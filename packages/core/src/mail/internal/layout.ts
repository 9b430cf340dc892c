/**
 * The one layout every built-in mail uses: a plain-text part and an HTML part built from the
 * same pieces, so both always carry the code or the link (R-ADP-2; seed 004 notes that in the
 * manuals' text-format mail the verification button is missing, Monban's text part has the URL).
 * Internal: not exported from the package.
 * @module
 */
import type { Locale } from '@monban/policy';
import type { MailMessage } from '../../ports/mailer.js';
import { escapeHtml } from '../escapeHtml.js';

/** What a mail says, before rendering. */
export interface MailParts {
  /** Subject line (CR, LF and other control characters are replaced by spaces). */
  subject: string;
  /** Paragraphs before the code or link. */
  intro: string[];
  /** A one-time code, shown large in HTML and on its own line in text. */
  code?: string;
  /** A link: a button in HTML, the bare URL in text (and under the button in HTML). */
  link?: { url: string; label: string };
  /** Paragraphs after the code or link. */
  outro: string[];
}

const FOOTER: Record<Locale, { noReply: string; fallback: string }> = {
  ja: {
    noReply:
      'このメールは送信専用のアドレスから送信しています。ご返信いただいてもお答えできません。',
    fallback: 'ボタンが表示されない場合は、次のURLをブラウザで開いてください。',
  },
  en: {
    noReply: 'This mail was sent from an address that cannot receive replies.',
    fallback: 'If the button does not show, open this URL in your browser:',
  },
};

/** Replaces CR, LF, tabs and other control characters by one space (header and line safety). */
export function oneLine(value: string): string {
  return String(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** Only absolute http(s) URLs become links; anything else is shown as text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url);
}

/** Renders subject, text and HTML from the parts; `tenantName` signs the mail. */
export function renderLayout(
  parts: MailParts,
  tenantName: string,
  locale: Locale,
): Omit<MailMessage, 'to' | 'tag'> {
  const footer = FOOTER[locale] ?? FOOTER.ja;
  const sender = oneLine(tenantName);
  const text: string[] = [];
  for (const line of parts.intro) text.push(line, '');
  if (parts.code !== undefined) text.push(`    ${oneLine(parts.code)}`, '');
  if (parts.link !== undefined) text.push(`${parts.link.label}:`, oneLine(parts.link.url), '');
  for (const line of parts.outro) text.push(line, '');
  text.push('--', sender, footer.noReply, '');

  const html: string[] = [
    '<!doctype html>',
    `<html lang="${locale === 'en' ? 'en' : 'ja'}"><head><meta charset="utf-8"><title>${escapeHtml(oneLine(parts.subject))}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.6;color:#222">',
  ];
  for (const line of parts.intro) html.push(`<p>${escapeHtml(line)}</p>`);
  if (parts.code !== undefined) {
    html.push(
      `<p style="font-size:28px;font-weight:bold;letter-spacing:6px">${escapeHtml(parts.code)}</p>`,
    );
  }
  if (parts.link !== undefined) {
    const url = escapeHtml(parts.link.url);
    if (isWebUrl(parts.link.url)) {
      html.push(
        `<p><a href="${url}" style="display:inline-block;padding:12px 24px;background:#1a56db;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(parts.link.label)}</a></p>`,
        `<p style="font-size:13px">${escapeHtml(footer.fallback)}<br><a href="${url}">${url}</a></p>`,
      );
    } else {
      html.push(`<p>${escapeHtml(parts.link.label)}: ${url}</p>`);
    }
  }
  for (const line of parts.outro) html.push(`<p>${escapeHtml(line)}</p>`);
  html.push(
    `<hr><p style="font-size:12px;color:#666">${escapeHtml(sender)}<br>${escapeHtml(footer.noReply)}</p>`,
    '</body></html>',
  );
  return { subject: oneLine(parts.subject).trim(), text: text.join('\n'), html: html.join('\n') };
}
