import { escapeHtml } from '@monban/core';
import type { DevMailboxMessage } from './createDevMailbox.js';

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** Escapes text and turns http(s) URLs into links (the demo's browser tests click them). */
function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const index = match.index ?? 0;
    out += escapeHtml(text.slice(last, index));
    const url = escapeHtml(match[0]);
    out += `<a href="${url}">${url}</a>`;
    last = index + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * Renders the dev mailbox page: one section per message with its headers, the text part
 * (escaped, URLs as links) and the HTML part in an `<iframe sandbox srcdoc>` (scripts, forms and
 * navigation disabled; the page's CSP blocks remote content). Used by
 * {@link createDevMailbox}'s `renderHtml()`.
 *
 * @example
 * ```ts
 * import { renderMailboxHtml } from '@monban/smtp/dev-mailbox';
 *
 * const page = renderMailboxHtml(mailbox.list().reverse());
 * ```
 */
export function renderMailboxHtml(messages: readonly DevMailboxMessage[]): string {
  const items = messages.map(
    (
      m,
    ) => `<article class="mail" id="mail-${m.id}" data-id="${m.id}" data-to="${escapeHtml(m.to)}" data-tag="${escapeHtml(m.tag)}">
<h2 class="subject">${escapeHtml(m.subject)}</h2>
<dl><dt>To</dt><dd class="to">${escapeHtml(m.to)}</dd><dt>Date</dt><dd>${escapeHtml(m.sentAt)}</dd><dt>Tag</dt><dd>${escapeHtml(m.tag)}</dd></dl>
<pre class="text">${linkify(m.text)}</pre>
<iframe class="html" title="HTML part" sandbox="" referrerpolicy="no-referrer" srcdoc="${escapeHtml(m.html)}"></iframe>
</article>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'">`,
    '<meta name="robots" content="noindex">',
    '<title>Monban dev mailbox</title>',
    '<style>body{font-family:sans-serif;margin:2em;overflow-wrap:anywhere}article{border-top:1px solid #ccc;padding:1em 0}dl{display:grid;grid-template-columns:auto 1fr;gap:0 1em}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}iframe{width:100%;height:24em;border:1px solid #ddd}</style>',
    '</head><body>',
    `<h1>Dev mailbox (${messages.length})</h1>`,
    '<p>Testing and development only.</p>',
    messages.length === 0 ? '<p class="empty">No messages.</p>' : items.join('\n'),
    '</body></html>',
  ].join('\n');
}
