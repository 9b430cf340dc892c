/**
 * The HTML of the landing pages: one small document, no script, no external asset, its one
 * style sheet inline under the answer's CSP nonce; readable on a phone, in the request's
 * language.
 * @module
 */
import type { Locale } from '@monban/policy';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML content and quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const STYLE = `
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif;line-height:1.7}
body{margin:0;padding:1.5rem 1rem}
main{max-width:32rem;margin:0 auto}
.tenant{margin:0;font-size:.95rem;opacity:.8}
h1{font-size:1.4rem;line-height:1.4;margin:.5rem 0 1rem}
button,.button{display:inline-block;box-sizing:border-box;width:100%;min-height:3rem;padding:.75rem 1rem;border:0;border-radius:.5rem;background:#1d4ed8;color:#fff;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
button:focus-visible,.button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.error{padding:.75rem 1rem;border-left:4px solid #b91c1c;background:rgba(185,28,28,.08)}
`;

/** A page: its language, tenant name, heading, and body (HTML already escaped). */
export function renderPage(page: {
  locale: Locale;
  nonce: string;
  tenantName: string;
  title: string;
  body: string;
}): string {
  const title = escapeHtml(page.title);
  return `<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style nonce="${page.nonce}">${STYLE}</style>
</head>
<body>
<main>
<p class="tenant">${escapeHtml(page.tenantName)}</p>
<h1>${title}</h1>
${page.body}
</main>
</body>
</html>
`;
}

/**
 * The headers of every page (R-INT-3): a CSP allowing nothing but the page's own style and a
 * form posting to itself, no framing, no referrer (the URL holds the link's token), no cache.
 */
export function pageHeaders(nonce: string, locale: Locale): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-language': locale,
    vary: 'Accept-Language, Cookie',
  };
}
