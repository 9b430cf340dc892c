#!/usr/bin/env node
// Replays the attacks found on the running demo portal (ACCEPTANCE 42, 45, 46, 47, 50-53;
// docs/security.md) against `npm run demo` over HTTP, and prints a table attack -> answer.
// Exits 1 when any attack succeeds (or the replay cannot get as far as the attack).
//
//   npm run demo            # in another terminal, on a fresh start (it seeds the temporary members)
//   node scripts/attack-demo.mjs [--port 3000]
//
// It walks the first login of the seeded temporary members of `daiwa`, `gsyuasa` and `ajinomoto`
// (choosing new user IDs, so the demo seeds fresh temporary members at its next start), and
// starts those of `jsw` and `kinkidenshi`; restart the demo before running it again. TOTP codes
// are computed from the key shown at setup; mails are read from the demo's dev mailbox.
import { createHmac, randomInt } from 'node:crypto';

const portFlag = process.argv.indexOf('--port');
const PORT = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 3000;
// The demo listens on 127.0.0.1 and allows the origin it prints (`localhost`).
const BASE = `http://127.0.0.1:${PORT}`;
const ORIGIN = `http://localhost:${PORT}`;
const BIRTH_DATE = '19801201';
const PASSWORD = 'Atk-Demo#2026xY';
const CHANGED_PASSWORD = 'Atk-Demo#2027zQ';
/** The seeded temporary members (examples/portal/src/tenants.ts, printed at start-up). */
const SEEDED = {
  daiwa: ['daiwa0001', 'Hagaki-Daiwa-01'],
  jsw: ['jsw00001', 'Hagaki-Jsw-01'],
  gsyuasa: ['yuasa0001', 'Hagaki-Yuasa-01'],
  kinkidenshi: ['kinki0001', 'Hagaki-Kinki-01'],
  ajinomoto: ['ajino0001', 'Hagaki-Ajino-01'],
};

const rows = [];
/** Records an attack: `refused` says whether the answer is the refusal docs/security.md names. */
function record(acceptance, attack, answer, refused) {
  rows.push({ acceptance, attack, answer, refused });
}
const describe = (r) => `${r.status}${r.body?.code ? ` ${r.body.code}` : ''}`;

/** A browser on one tenant's API: a cookie jar, the CSRF token, the allowed Origin. */
class Browser {
  constructor(tenant) {
    this.tenant = tenant;
    this.jar = new Map();
    this.csrf = '';
  }
  async call(method, path, body) {
    const headers = { 'accept-language': 'en' };
    if (this.jar.size > 0) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') {
      headers.origin = ORIGIN;
      headers['x-csrf-token'] = this.csrf;
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${BASE}/t/${this.tenant}/api${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (/Max-Age=0/i.test(line)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const token = res.headers.get('x-csrf-token');
    if (token) this.csrf = token;
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }
  cookie(kind) {
    for (const [name, value] of this.jar) if (name.endsWith(`monban-${kind}`)) return value;
    return undefined;
  }
}

async function open(tenant) {
  const browser = new Browser(tenant);
  const answer = await browser.call('GET', '/csrf');
  if (answer.status !== 200) throw new Error(`GET /t/${tenant}/api/csrf answered ${answer.status}`);
  return browser;
}

/** Fails the replay (not an attack that succeeded: the walk to it went wrong). */
function ok(answer, what, status = 200) {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** RFC 6238 code of a base32 key at `ms`. */
function totp({ manualKey, algorithm = 'SHA1', digits = 6, periodSeconds = 30 }, ms = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of manualKey.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 1000 / periodSeconds)));
  const mac = createHmac(algorithm.toLowerCase().replace('-', ''), key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function mailbox() {
  const res = await fetch(`${BASE}/mailbox.json`);
  return res.json();
}

/** The link token of the newest mail tagged `tag` to `to` after mail number `after`. */
async function mailedToken(to, tag, after) {
  for (let i = 0; i < 50; i++) {
    const mail = (await mailbox())
      .filter((m) => m.id > after && m.tag === tag && m.to.toLowerCase() === to.toLowerCase())
      .at(-1);
    const token = mail?.text.match(/token=([\w-]+)/)?.[1];
    if (token) return token;
    await sleep(100);
  }
  throw new Error(`no ${tag} mail to ${to}`);
}
const lastMailId = async () => (await mailbox()).at(-1)?.id ?? 0;

/**
 * Walks a first login from the password (or on from the flow answer `started`), answering every
 * step, until `until` (a step) or the end: a signed-in browser, or `signed-out` for the tenants
 * that sign out before setup.
 */
async function walk(browser, member, until, started) {
  let body =
    started ??
    ok(
      await browser.call('POST', '/login', { userId: member.userId, password: member.password }),
      `login ${member.userId}`,
    );
  for (let guard = 0; guard < 12; guard++) {
    if (body.flow.status !== 'active') return body;
    const step = body.flow.step;
    if (step === until) return body;
    let answer;
    if (step === 'verify-birthdate') {
      answer = await browser.call('POST', '/flow/birth-date', { birthDate: BIRTH_DATE });
    } else if (step === 'accept-terms') {
      answer = await browser.call('POST', '/flow/terms', { version: body.flow.termsVersion });
    } else if (step === 'choose-method') {
      answer = await browser.call('POST', '/flow/method', { factor: 'totp', userId: member.newId });
      member.userId = member.newId;
    } else if (step === 'update-password') {
      answer = await browser.call('POST', '/flow/password', {
        password: PASSWORD,
        confirmation: PASSWORD,
      });
      member.password = PASSWORD;
    } else if (step === 'update-email') {
      answer = await browser.call('POST', '/flow/email', { email: member.email });
    } else if (step === 'verify-email') {
      const token = await mailedToken(member.email, 'verifyEmail', 0);
      ok(await (await open(browser.tenant)).call('POST', '/email/verify', { token }), 'verify');
      answer = await browser.call('GET', '/flow');
    } else if (step === 'configure-factor') {
      const setup = ok(await browser.call('POST', '/flow/factor', {}), 'begin setup');
      member.totp = setup.client;
      answer = await browser.call('POST', '/flow/factor/complete', {
        label: 'iPhone',
        response: totp(setup.client),
      });
    } else {
      throw new Error(`unexpected step ${step}`);
    }
    body = ok(answer, `step ${step}`);
  }
  throw new Error('the first login did not end');
}

function member(tenant) {
  const [userId, password] = SEEDED[tenant];
  const suffix = String(randomInt(100000, 999999));
  return {
    userId,
    password,
    newId: `${tenant.slice(0, 5)}${suffix}`,
    email: `${tenant.slice(0, 5)}${suffix}@example.jp`,
  };
}

/** 42: a flow that waited at factor setup, replayed after the member set up their device. */
async function staleFlow() {
  const m = member('gsyuasa');
  const out = await walk(await open('gsyuasa'), m);
  if (out.flow.status !== 'signed-out') throw new Error('GS Yuasa did not sign out before setup');
  const [attacker, held, own] = [
    await open('gsyuasa'),
    await open('gsyuasa'),
    await open('gsyuasa'),
  ];
  for (const b of [attacker, held]) {
    ok(await b.call('POST', '/login', { userId: m.userId, password: m.password }), 'stale login');
  }
  const rogue = ok(await attacker.call('POST', '/flow/factor', {}), 'attacker setup');
  const done = await walk(own, m);
  if (done.flow.status !== 'completed') throw new Error('the member could not set up a device');
  const late = await attacker.call('POST', '/flow/factor/complete', {
    label: 'Attacker',
    response: totp(rogue.client),
  });
  record(42, 'stale flow completes the setup it began', describe(late), late.status === 410);
  const begin = await held.call('POST', '/flow/factor', {});
  record(42, 'stale flow begins a factor setup', describe(begin), begin.status === 410);
  const devices = ok(await own.call('GET', '/settings/factors'), 'devices').factors;
  record(
    42,
    'devices bound after the replay',
    devices.map((d) => d.label).join(', '),
    devices.length === 1,
  );
}

/** 45: links issued before a credential change; the older of two email changes. */
async function oldLinks() {
  const m = member('daiwa');
  const browser = await open('daiwa');
  const done = await walk(browser, m);
  if (done.flow.status !== 'completed') throw new Error('daiwa first login did not complete');
  const holder = await open('daiwa');
  const resetToken = async () => {
    const after = await lastMailId();
    ok(await holder.call('POST', '/recovery/password', { userId: m.userId }), 'reset', 202);
    return mailedToken(m.email, 'passwordReset', after);
  };
  const first = await resetToken();
  ok(
    await browser.call('POST', '/logout-everywhere', { keepCurrent: true }),
    'sign out everywhere',
  );
  const a = await holder.call('POST', '/recovery/password/begin', { token: first });
  record(45, 'reset link from before sign-out everywhere', describe(a), a.status === 410);
  const second = await resetToken();
  ok(
    await browser.call('POST', '/settings/password', {
      currentPassword: m.password,
      password: CHANGED_PASSWORD,
      confirmation: CHANGED_PASSWORD,
    }),
    'password change',
  );
  m.password = CHANGED_PASSWORD;
  const b = await holder.call('POST', '/recovery/password/begin', { token: second });
  record(45, 'reset link from before a password change', describe(b), b.status === 410);
  const links = [];
  for (const email of [`first-${m.email}`, `second-${m.email}`]) {
    const after = await lastMailId();
    ok(await browser.call('POST', '/settings/email', { email }), 'change email');
    links.push(await mailedToken(email, 'verifyEmail', after));
  }
  const older = await holder.call('POST', '/email/confirm', { token: links[0] });
  record(45, 'older of two pending email-change links', describe(older), older.status === 410);
  const newer = await holder.call('POST', '/email/confirm', { token: links[1] });
  record(45, '(control) newer email-change link', describe(newer), newer.status === 200);
  return m;
}

/** 53: returnTo values that leave the site; the resolved value is kept in the return cookie. */
async function openRedirects(m) {
  for (const returnTo of ['/..//evil.com', '/%2e%2e//evil.com', '//evil.com', '/\\evil.com']) {
    const browser = await open('daiwa');
    ok(
      await browser.call('POST', '/login', { userId: m.userId, password: m.password, returnTo }),
      'login with returnTo',
    );
    const kept = decodeURIComponent(browser.cookie('return') ?? '');
    record(53, `returnTo ${returnTo}`, `kept ${kept}`, kept === '/');
  }
}

/** 46: uniqueness answers off their step, and throttled on it (jsw has two seeded members). */
async function oracles() {
  const m = member('jsw');
  const browser = await open('jsw');
  const started = ok(
    await browser.call('POST', '/login', { userId: m.userId, password: m.password }),
    'jsw login',
  );
  const step = started.flow.step;
  for (const [path, body, label] of [
    ['/flow/method', { factor: 'totp', userId: 'jsw12ikou' }, 'taken user ID'],
    ['/flow/method', { factor: 'totp', userId: 'jswfree77' }, 'free user ID'],
    ['/flow/email', { email: 'taken@example.jp' }, 'an address'],
  ]) {
    const answer = await browser.call('POST', path, body);
    record(46, `${path} (${label}) at ${step}`, describe(answer), answer.status === 409);
  }
  await walk(browser, m, 'choose-method', ok(await browser.call('GET', '/flow'), 'flow'));
  const nul = await browser.call('POST', '/flow/method', { factor: 'totp', userId: 'jsw\u000012' });
  record(51, 'NUL in a new user ID', describe(nul), nul.status === 400);
  const codes = [];
  for (let i = 0; i < 11; i++) {
    const answer = await browser.call('POST', '/flow/method', {
      factor: 'totp',
      userId: 'jsw12ikou',
    });
    codes.push(answer.body?.code ?? answer.status);
  }
  const taken = codes.filter((c) => c === 'USER_ID_TAKEN').length;
  record(
    46,
    '11 look-ups of a taken user ID at choose-method',
    `${taken} answered, then ${codes.at(-1)}`,
    taken <= 10 && codes.at(-1) === 'RATE_LIMITED',
  );
}

/** 47 and 50: a stranger's wrong passwords; the verification-mail cooldown. */
async function lockout() {
  const m = member('ajinomoto');
  const browser = await open('ajinomoto');
  await walk(browser, m, 'verify-email');
  const count = async () =>
    (await mailbox()).filter((x) => x.tag === 'verifyEmail' && x.to.startsWith('ajino')).length;
  const before = await count();
  const again = await browser.call('POST', '/flow/email', { email: `again-${m.email}` });
  const resend = await browser.call('POST', '/flow/email/resend', {});
  const sent = (await count()) - before;
  record(50, 'update-email right after the mail', describe(again), again.status === 429);
  record(50, 'resend right after the mail', describe(resend), resend.status === 429);
  record(50, 'mails sent by the two', String(sent), sent === 0);
  const done = await walk(browser, m, undefined, ok(await browser.call('GET', '/flow'), 'flow'));
  if (done.flow.status !== 'completed') throw new Error('ajinomoto first login did not complete');

  const stranger = await open('ajinomoto');
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    const answer = await stranger.call('POST', '/login', {
      userId: m.userId,
      password: `Wrong#${i}x`,
    });
    statuses.push(answer.status);
  }
  record(
    47,
    '5 wrong passwords from a stranger',
    statuses.join(' '),
    statuses.every((status) => status === 401),
  );
  const session = await browser.call('GET', '/session');
  record(47, "5 wrong passwords: the victim's session", describe(session), session.status === 200);
  const after = await lastMailId();
  ok(await stranger.call('POST', '/recovery/password', { userId: m.userId }), 'reset', 202);
  const token = await mailedToken(m.email, 'passwordReset', after);
  const holder = await open('ajinomoto');
  const first = await holder.call('POST', '/recovery/password/begin', { token });
  const second = await holder.call('POST', '/recovery/password/begin', { token });
  record(47, 'reset link opened during the lock', describe(first), first.status === 423);
  record(47, 'the same link again (not consumed)', describe(second), second.status === 423);
  for (let i = 0; i < 3; i++) {
    await stranger.call('POST', '/login', { userId: m.userId, password: `Wrong#${i}y` });
  }
  await sleep(300);
  const notices = (await mailbox()).filter((x) => x.tag === 'accountLocked' && x.to === m.email);
  record(47, 'lock notices after 8 wrong passwords', String(notices.length), notices.length === 1);
}

/** 51 and 52: control characters; the headers of every HTML page. */
async function inputsAndPages() {
  const browser = await open('kinkidenshi');
  for (const [label, body] of [
    ['NUL in the user ID', { userId: 'kinki\u00000001', password: 'x' }],
    ['ESC in the user ID', { userId: 'kinki\u001b0001', password: 'x' }],
    ['NUL in the password', { userId: 'nobody-here', password: 'a\u0000b' }],
  ]) {
    const answer = await browser.call('POST', '/login', body);
    record(51, label, describe(answer), answer.status >= 400 && answer.status < 500);
  }
  const reset = await browser.call('POST', '/recovery/password', { userId: 'kinki\u00000001' });
  record(51, 'NUL in a reset request', describe(reset), reset.status < 500);
  const m = member('kinkidenshi');
  await walk(browser, m, 'update-email');
  const email = await browser.call('POST', '/flow/email', { email: 'a\u0000@example.jp' });
  record(51, 'NUL in an address', describe(email), email.status === 400);

  const pages = [
    '/',
    '/t/daiwa/',
    '/mailbox',
    '/t/daiwa/api/reset-password?token=Zm9vYmFyYmF6cXV4',
    '/t/daiwa/api/verify-email?token=Zm9vYmFyYmF6cXV4',
    '/t/daiwa/api/confirm-email?token=Zm9vYmFyYmF6cXV4',
  ];
  for (const page of pages) {
    const res = await fetch(`${BASE}${page}`);
    await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1];
    const missing = [
      csp === '' && 'CSP',
      /unsafe-inline/.test(script ?? '') && 'inline script',
      !csp.includes("frame-ancestors 'none'") &&
        res.headers.get('x-frame-options') !== 'DENY' &&
        'framing',
      res.headers.get('referrer-policy') !== 'no-referrer' && 'Referrer-Policy',
      res.headers.get('x-content-type-options') !== 'nosniff' && 'nosniff',
    ].filter(Boolean);
    record(
      52,
      `GET ${page.replace(/token=[\w-]+/, 'token=…')}`,
      missing.length ? `missing ${missing.join(', ')}` : `${res.status}, all headers`,
      missing.length === 0,
    );
  }
}

try {
  await fetch(`${BASE}/`).catch(() => {
    throw new Error(`no demo at ${BASE}: start it with npm run demo`);
  });
  await staleFlow();
  const daiwa = await oldLinks();
  await openRedirects(daiwa);
  await oracles();
  await lockout();
  await inputsAndPages();
} catch (error) {
  console.error(`The replay stopped: ${error.message}`);
  console.error(
    '(It uses the seeded temporary members once: restart npm run demo to run it again.)',
  );
  rows.push({ acceptance: '-', attack: 'replay stopped', answer: error.message, refused: false });
}

const width = (key) => Math.max(...rows.map((r) => String(r[key]).length), key.length);
const [wa, wb] = [width('attack'), width('answer')];
console.log(`| case | ${'attack'.padEnd(wa)} | ${'answer'.padEnd(wb)} | refused |`);
console.log(`|------|${'-'.repeat(wa + 2)}|${'-'.repeat(wb + 2)}|---------|`);
for (const r of rows) {
  const verdict = r.refused ? 'yes' : 'NO';
  console.log(
    `| ${String(r.acceptance).padEnd(4)} | ${r.attack.padEnd(wa)} | ${r.answer.padEnd(wb)} | ${verdict.padEnd(7)} |`,
  );
}
const failed = rows.filter((r) => !r.refused);
console.log(
  failed.length === 0 ? '\nEvery attack was refused.' : `\n${failed.length} not refused.`,
);
process.exit(failed.length === 0 ? 0 : 1);
