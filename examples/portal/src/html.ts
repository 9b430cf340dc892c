/**
 * Server-rendered HTML: the start page and the per-tenant shell the client script fills in.
 * @module
 */
import { escapeHtml } from '@monban/core';
import { DEMO_TENANTS, MIGRATED_MEMBER } from './tenants.js';

type Locale = 'ja' | 'en';

/** The tenant facts the client needs, embedded in the shell as JSON. */
export interface ShellConfig {
  id: string;
  displayName: string;
  nameEn: string;
  factors: readonly string[];
  steps: readonly string[];
  logoutBeforeFactorSetup: boolean;
  policy: unknown;
  termsVersion: string;
  /** Whether the login screen offers the passwordless passkey sign-in. */
  passkeySignIn: boolean;
  /**
   * The tenant's lockout rule, explained on the login screen the same way to everyone (the
   * answer to a login never says whether an account is locked, ACCEPTANCE 40).
   */
  lockout: { threshold: number; minutes: number | null };
}

const head = (title: string) => `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/style.css">`;

const langSwitch = (locale: Locale) =>
  `<button type="button" class="lang" data-lang="${locale === 'ja' ? 'en' : 'ja'}">${
    locale === 'ja' ? 'English' : '日本語'
  }</button>`;

/**
 * The society's name as two phrases that wrap as units on a narrow header
 * (「大和証券グループ」「健康保険組合」), not in the middle of a word (「健康保 / 険組合」).
 */
function brandHtml(name: string): string {
  const phrases = /^(.+)(健康保険組合)$/.exec(name);
  if (phrases === null) return escapeHtml(name);
  const [, head = '', tail = ''] = phrases;
  const phrase = (text: string) => `<span class="phrase">${escapeHtml(text)}</span>`;
  return `${phrase(head)}${phrase(tail)}`;
}

/** The start page: the five tenants, their manuals and their temporary members. */
export function renderStartPage(locale: Locale): string {
  const ja = locale === 'ja';
  const rows = DEMO_TENANTS.map(
    (t) => `<li class="card">
  <a class="tenant" href="/t/${t.id}/">${escapeHtml(ja ? t.displayName : t.nameEn)}</a>
  <p class="muted">${ja ? 'マニュアル' : 'Manual'} ${escapeHtml(t.manual)} · preset <code>${t.preset}</code></p>
  <p>${ja ? '仮ユーザID' : 'Temporary user ID'}: <code>${t.member.userId}</code><br>
  ${ja ? '仮パスワード' : 'Temporary password'}: <code>${escapeHtml(t.member.temporaryPassword)}</code><br>
  ${ja ? '生年月日' : 'Birth date'}: <code>${t.member.birthDate}</code></p>
</li>`,
  ).join('\n');
  const m = MIGRATED_MEMBER;
  return `<!doctype html>
<html lang="${locale}">
<head>${head(ja ? 'Monban デモポータル' : 'Monban demo portal')}</head>
<body>
<header class="bar"><strong class="brand">Monban</strong><div class="bar-end">${langSwitch(locale)}</div></header>
<main>
<h1>${ja ? '加入者ポータル（デモ）' : 'Member portal (demo)'}</h1>
<p>${
    ja
      ? '健康保険組合を選んでください。各組合は利用者マニュアルの手順どおりに初回ログインを行います。'
      : 'Choose a health insurance society. Each one walks the first login of its user manual.'
  }</p>
<ul class="list">${rows}</ul>
<p class="card">${ja ? '移行会員（日本製鋼所）' : 'Migrated member (JSW)'}: <code>${m.userId}</code> /
<code>${m.symbol}${m.number}${m.birthDate}</code> (${
    ja ? '記号＋番号＋生年月日' : 'symbol + number + birth date'
  })</p>
<p class="start-links"><a href="/mailbox" target="_blank">${ja ? '開発用メールボックス' : 'Dev mailbox'}</a></p>
</main>
<script type="module" src="/assets/app.js"></script>
</body>
</html>`;
}

/** The page of one tenant: header, an empty `<main>` the client draws into, the config. */
export function renderShell(locale: Locale, config: ShellConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const name = locale === 'ja' ? config.displayName : config.nameEn;
  return `<!doctype html>
<html lang="${locale}">
<head>${head(name)}</head>
<body>
<header class="bar"><a href="/t/${config.id}/" class="brand">${brandHtml(name)}</a><div class="bar-end"><div id="account"></div>${langSwitch(locale)}</div></header>
<main id="app" aria-live="polite"></main>
<footer class="muted"><a href="/">${locale === 'ja' ? '組合を選び直す' : 'Choose another society'}</a> ·
<a href="/mailbox" target="_blank">${locale === 'ja' ? '開発用メールボックス' : 'Dev mailbox'}</a></footer>
<script type="application/json" id="portal-config">${json}</script>
<script type="module" src="/assets/app.js"></script>
</body>
</html>`;
}
