// Plays the browser against an application started from a template of the outside check: the
// first login of a provisioned member (every step the tenant asks for, the authenticator app set
// up with codes computed here, RFC 6238), a sign-out, a second login with password + TOTP, then
// the application's own protected route without and with the session. Throws at the first
// answer that is not the expected one.
import { createHmac } from 'node:crypto';

const NEW_PASSWORD = 'Outside-Check-2026!';

/** A minimal cookie jar and CSRF token holder for one browser. */
function browser(origin) {
  const cookies = new Map();
  let csrfToken = '';
  async function call(method, url, body) {
    const headers = { accept: 'application/json', origin };
    if (cookies.size > 0) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (gone) cookies.delete(name);
      else cookies.set(name, value);
    }
    const token = response.headers.get('x-csrf-token');
    if (token) csrfToken = token;
    const text = await response.text();
    let json;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json, text };
  }
  return { call, cookies };
}

function expectStatus(answer, status, what) {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 500)}`,
    );
  }
  return answer.body;
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index === -1) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 (RFC 4226 dynamic truncation) with the parameters the enrollment announced. */
function totp(client, counter) {
  const algorithm = String(client.algorithm ?? 'SHA1')
    .toLowerCase()
    .replace('-', '');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, base32Decode(client.manualKey)).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** client.digits).padStart(client.digits, '0');
}

const stepOf = (client) => Math.floor(Date.now() / 1000 / client.periodSeconds);

/** Waits for the next time step, as a member reads a fresh code off the phone. */
async function nextCode(client, lastStep, log) {
  let step = stepOf(client);
  if (step <= lastStep) {
    const waitMs = (lastStep + 1) * client.periodSeconds * 1000 - Date.now() + 50;
    log(`  waiting ${(waitMs / 1000).toFixed(1)} s for the next TOTP time step`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    step = stepOf(client);
  }
  return { code: totp(client, step), step };
}

/**
 * @param {{ origin: string, authBase: string, protectedUrl: string,
 *   member: { userId: string, password: string, birthDate: string },
 *   log: (line: string) => void }} options
 */
export async function drive({ origin, authBase, protectedUrl, member, log }) {
  const b = browser(origin);
  expectStatus(await b.call('GET', `${authBase}/csrf`), 200, 'GET /csrf');

  // First login with the temporary credentials: one call per step the tenant asks for.
  let answer = await b.call('POST', `${authBase}/login`, {
    userId: member.userId,
    password: member.password,
  });
  let body = expectStatus(answer, 200, 'POST /login (temporary password)');
  log(`  first login: ${body.flow.pending.join(' -> ')}`);
  let totpClient;
  let lastStep = -1;
  const userId = member.userId;
  for (let guard = 0; body.flow.status === 'active'; guard++) {
    if (guard > 20) throw new Error('the first login does not end');
    if (b.cookies.size > 0 && [...b.cookies.keys()].some((name) => name.includes('session'))) {
      throw new Error('a session cookie exists before the flow is complete');
    }
    const step = body.flow.step;
    switch (step) {
      case 'verify-birthdate':
        answer = await b.call('POST', `${authBase}/flow/birth-date`, {
          birthDate: member.birthDate,
        });
        break;
      case 'accept-terms':
        answer = await b.call('POST', `${authBase}/flow/terms`, {
          version: body.flow.termsVersion,
        });
        break;
      case 'choose-method': {
        if (!body.flow.factors.includes('totp')) throw new Error('the tenant offers no TOTP');
        answer = await b.call('POST', `${authBase}/flow/method`, { factor: 'totp' });
        break;
      }
      case 'update-password':
        answer = await b.call('POST', `${authBase}/flow/password`, {
          password: NEW_PASSWORD,
          confirmation: NEW_PASSWORD,
        });
        break;
      case 'update-email':
        answer = await b.call('POST', `${authBase}/flow/email`, {
          email: `${member.userId}@example.com`,
        });
        break;
      case 'configure-factor': {
        const begun = expectStatus(
          await b.call('POST', `${authBase}/flow/factor`, {}),
          200,
          'POST /flow/factor',
        );
        totpClient = begun.client;
        if (typeof totpClient?.manualKey !== 'string') {
          throw new Error(`no TOTP key in the enrollment: ${JSON.stringify(begun).slice(0, 300)}`);
        }
        const { code, step: used } = await nextCode(totpClient, lastStep, log);
        lastStep = used;
        answer = await b.call('POST', `${authBase}/flow/factor/complete`, {
          label: 'Outside check phone',
          response: code,
        });
        break;
      }
      default:
        throw new Error(`unexpected first-login step ${step}`);
    }
    body = expectStatus(answer, 200, `first-login step ${step}`);
    log(`  ${step}: ok`);
    if (body.flow.status === 'signed-out') {
      // Tenants that sign out before factor setup: log in again with the new password.
      body = expectStatus(
        await b.call('POST', `${authBase}/login`, { userId, password: NEW_PASSWORD }),
        200,
        'POST /login (after the signed-out step)',
      );
    }
  }
  if (body.flow.status !== 'completed') throw new Error(`first login ended ${body.flow.status}`);
  if (totpClient === undefined) throw new Error('the first login set up no authenticator app');
  const who = expectStatus(await b.call('GET', `${authBase}/session`), 200, 'GET /session');
  log(`  signed in after the first login (GET /session ${JSON.stringify(who).slice(0, 120)})`);

  expectStatus(await b.call('POST', `${authBase}/logout`, {}), 200, 'POST /logout');
  expectStatus(await b.call('GET', `${authBase}/session`), 401, 'GET /session after logout');
  log('  logged out (GET /session answers 401)');

  // Second login: password, then a code from the app.
  body = expectStatus(
    await b.call('POST', `${authBase}/login`, { userId, password: NEW_PASSWORD }),
    200,
    'POST /login (password)',
  );
  if (body.flow.step !== 'second-factor') {
    throw new Error(`expected the second factor, got ${body.flow.step}`);
  }
  if (body.flow.ceremony?.mode !== 'challenge') {
    expectStatus(
      await b.call('POST', `${authBase}/flow/challenge`, {}),
      200,
      'POST /flow/challenge',
    );
  }
  const { code } = await nextCode(totpClient, lastStep, log);
  body = expectStatus(
    await b.call('POST', `${authBase}/flow/challenge/verify`, { response: code }),
    200,
    'POST /flow/challenge/verify',
  );
  if (body.flow.status !== 'completed') throw new Error(`login ended ${body.flow.status}`);
  log('  logged in again with password + TOTP');

  // The application's own route, guarded by the adapter.
  const anonymous = await fetch(protectedUrl, { headers: { accept: 'application/json' } });
  if (anonymous.status !== 401) {
    throw new Error(`${protectedUrl} without a session: expected 401, got ${anonymous.status}`);
  }
  const me = expectStatus(await b.call('GET', protectedUrl), 200, `GET ${protectedUrl}`);
  if (me?.userId !== userId) {
    throw new Error(`${protectedUrl} answered ${JSON.stringify(me)}, expected userId ${userId}`);
  }
  log(
    `  protected route: 401 without the session, 200 with it (${JSON.stringify(me).slice(0, 120)})`,
  );
}
