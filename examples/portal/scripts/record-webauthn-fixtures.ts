/**
 * Records real WebAuthn ceremonies from headless Chromium's virtual authenticator into
 * `packages/webauthn/test/fixtures/chromium.json`, the fixture that
 * `packages/webauthn/src/recordedFixtures.test.ts` replays through the passkey factor.
 *
 * ```sh
 * npm run record:webauthn-fixtures -w @monban/example-portal
 * ```
 *
 * A blank page is served on `http://localhost:<free port>/` (RP ID `localhost`) and Chromium
 * (`CHROMIUM_PATH`, default `/usr/bin/chromium`, as in the portal's browser tests) gets a CTAP2
 * internal virtual authenticator with a resident key and user verification through CDP
 * (`WebAuthn.addVirtualAuthenticator`). The options come from the real factor
 * (`beginEnrollment` / `beginChallenge`) fed with fixed bytes instead of randomness, so the
 * recorded challenges and user handle are known and a test can make the factor issue them again.
 * Recorded: a registration, two assertions with `allowCredentials`, a discoverable assertion
 * (empty `allowCredentials`, with `userHandle`), an ES256 registration plus assertion (with the
 * factor's EdDSA-first list Chromium makes EdDSA keys), and a registration plus an assertion
 * from an authenticator without user verification (for the negative tests). Before writing the
 * file the recorder has the factor verify every ceremony but the last two.
 *
 * The fixture is committed; CI does not re-record. Re-record only to refresh it (another
 * Chromium, a changed factor): every value in it changes (new keys, new port).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type {
  Credential,
  FactorBegin,
  FactorContext,
  FactorFailure,
  JsonObject,
  TokenRecord,
} from '@monban/core';
import { createWebAuthnFactor } from '@monban/webauthn';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = new URL('../../../packages/webauthn/test/fixtures/chromium.json', import.meta.url);
const RP_ID = 'localhost';
const TENANT = { id: 'fixture', displayName: 'Monban fixture' };
const USER_ID = 'fixture01';
const ACCOUNT_ID = 'account-1';

/** 32 known bytes: SHA-256 of a label, so every recording uses the same challenges. */
const fixed = (label: string) =>
  new Uint8Array(createHash('sha256').update(`monban webauthn fixture: ${label}`).digest());
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

const USER_HANDLE = fixed('user handle');
const CHALLENGES = {
  registration: fixed('registration'),
  assertion: fixed('assertion'),
  secondAssertion: fixed('second assertion'),
  discoverableAssertion: fixed('discoverable assertion'),
  es256Registration: fixed('ES256 registration'),
  es256Assertion: fixed('ES256 assertion'),
  unverifiedRegistration: fixed('unverified registration'),
  unverifiedAssertion: fixed('unverified assertion'),
};

/** The authenticator of the portal's browser tests: a platform passkey that verifies its user. */
const AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;
/**
 * A second authenticator whose user is not verified (the UV flag stays clear). Without user
 * verification at all: Chromium refuses to create a credential on one that has it but whose
 * user is not verified (`isUserVerified: false` alone), whatever the options ask for.
 */
const UNVERIFIED = {
  ...AUTHENTICATOR,
  hasUserVerification: false,
  isUserVerified: false,
} as const;

/**
 * The blank page. Its script turns options JSON into a ceremony and the credential back into
 * JSON (`toJSON()` where Chromium has it, by hand otherwise); errors come back as
 * `{ error: { name, message } }`. Plain JavaScript in a string: nothing of the TypeScript
 * build ends up in the page.
 */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Monban WebAuthn fixtures</title>
<script>
const b64url = (buffer) => {
  let text = '';
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
};
const bytes = (text) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const descriptors = (list) => (list ?? []).map((d) => ({ ...d, id: bytes(d.id) }));
const serialize = (credential) => {
  if (typeof credential.toJSON === 'function') return { json: credential.toJSON(), by: 'toJSON' };
  const r = credential.response;
  const response =
    'attestationObject' in r
      ? {
          clientDataJSON: b64url(r.clientDataJSON),
          attestationObject: b64url(r.attestationObject),
          authenticatorData: b64url(r.getAuthenticatorData()),
          transports: r.getTransports(),
          publicKeyAlgorithm: r.getPublicKeyAlgorithm(),
          publicKey: r.getPublicKey() === null ? undefined : b64url(r.getPublicKey()),
        }
      : {
          clientDataJSON: b64url(r.clientDataJSON),
          authenticatorData: b64url(r.authenticatorData),
          signature: b64url(r.signature),
          userHandle: r.userHandle === null ? undefined : b64url(r.userHandle),
        };
  return {
    json: {
      id: credential.id,
      rawId: b64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response,
    },
    by: 'hand',
  };
};
const failed = (error) => ({ error: { name: error.name, message: error.message } });
window.recordCreate = async (options) => {
  try {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON
      ? PublicKeyCredential.parseCreationOptionsFromJSON(options)
      : {
          ...options,
          challenge: bytes(options.challenge),
          user: { ...options.user, id: bytes(options.user.id) },
          excludeCredentials: descriptors(options.excludeCredentials),
        };
    return serialize(await navigator.credentials.create({ publicKey }));
  } catch (error) {
    return failed(error);
  }
};
window.recordGet = async (options) => {
  try {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON
      ? PublicKeyCredential.parseRequestOptionsFromJSON(options)
      : {
          ...options,
          challenge: bytes(options.challenge),
          allowCredentials: descriptors(options.allowCredentials),
        };
    return serialize(await navigator.credentials.get({ publicKey }));
  } catch (error) {
    return failed(error);
  }
};
</script>
`;

/** What the page answers. */
type Recorded =
  | { json: JsonObject; by: 'toJSON' | 'hand' }
  | { error: { name: string; message: string } };

/** Runs a ceremony in the page; the browser's refusal comes back as `{ error }`. */
async function attempt(
  page: Page,
  call: 'recordCreate' | 'recordGet',
  options: unknown,
): Promise<Recorded> {
  // A string expression: Playwright sends it as is and awaits the promise.
  return (await page.evaluate(`${call}(${JSON.stringify(options)})`)) as Recorded;
}

/** Runs a ceremony that must succeed. */
async function ceremony(page: Page, call: 'recordCreate' | 'recordGet', options: unknown) {
  const recorded = await attempt(page, call, options);
  if ('error' in recorded) {
    throw new Error(`${call} failed in Chromium: ${JSON.stringify(recorded.error)}`);
  }
  return recorded;
}

/**
 * Runs a ceremony with the factor's options; when Chromium refuses them (an authenticator
 * without user verification cannot answer `userVerification: 'required'`), runs it again asking
 * for 'preferred', as a tampered client would. Returns what was sent and how Chromium answered
 * the factor's own options.
 */
async function withoutVerification(
  page: Page,
  call: 'recordCreate' | 'recordGet',
  options: JsonObject,
) {
  const asIs = await attempt(page, call, options);
  if (!('error' in asIs)) return { options, recorded: asIs, refusedAsIs: null };
  if (asIs.error.name !== 'NotAllowedError') throw new Error(`${call}: ${asIs.error.name}`);
  const changed = uvPreferred(options);
  return {
    options: changed,
    recorded: await ceremony(page, call, changed),
    refusedAsIs: asIs.error,
  };
}

/** A random source that hands out the given 32-byte values in order, then refuses. */
function queue(values: Uint8Array[]): FactorContext['random'] {
  const left = [...values];
  return {
    bytes(n) {
      const next = left.shift();
      if (next === undefined || next.length !== n) {
        throw new Error(`unexpected draw of ${n} random bytes`);
      }
      return next;
    },
  };
}

const refuseCounting = async (): Promise<never> => {
  throw new Error('the passkey factor does not count');
};

/** Just enough of the token port for the factor's challenges. */
function tokenStore(): FactorContext['storage'] {
  const tokens = new Map<string, TokenRecord>();
  const live = (key: string, purpose: string, now: number) => {
    const record = tokens.get(key);
    return record !== undefined && record.purpose === purpose && record.expiresAt > now
      ? record
      : null;
  };
  return {
    tokens: {
      async put(record) {
        tokens.set(record.key, record);
      },
      async consume(key, purpose, now) {
        const record = live(key, purpose, now);
        tokens.delete(key);
        return record;
      },
      async get(key, purpose, now) {
        return live(key, purpose, now);
      },
      async delete(key) {
        return tokens.delete(key);
      },
    },
    counters: {
      increment: refuseCounting,
      decrement: refuseCounting,
      get: refuseCounting,
      reset: refuseCounting,
    },
  };
}

function begun(result: FactorBegin | FactorFailure): FactorBegin {
  if ('ok' in result) throw new Error(`the factor refused to begin: ${result.code}`);
  return result;
}

/** Serves the blank page on 127.0.0.1 and a free port. */
async function serve(): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

async function main() {
  const { server, port } = await serve();
  const origin = `http://localhost:${port}`;
  const factor = createWebAuthnFactor({ rpId: RP_ID, origins: [origin] });
  const storage = tokenStore();
  const now = Date.now();
  const context = (purpose: FactorContext['purpose'], draws: Uint8Array[]): FactorContext => ({
    tenant: TENANT,
    account: {
      tenantId: TENANT.id,
      accountId: ACCOUNT_ID,
      userId: USER_ID,
      email: null,
      emailVerified: false,
    },
    now,
    random: queue(draws),
    storage,
    mailer: { send: async () => {} },
    locale: 'en',
    bindingId: 'flow-1',
    purpose,
  });

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const userAgent = String(await page.evaluate('navigator.userAgent'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    let authenticatorId = '';
    const useAuthenticator = async (options: typeof AUTHENTICATOR | typeof UNVERIFIED) => {
      if (authenticatorId !== '') {
        await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      }
      ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options }));
    };
    /** The authenticator's own sign counter for a credential (CDP's view, not the factor's). */
    const signCount = async (credentialId: string) => {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      const held = credentials.find(
        (c) => Buffer.from(c.credentialId, 'base64').toString('base64url') === credentialId,
      );
      if (held === undefined) throw new Error(`the authenticator lost ${credentialId}`);
      return held.signCount;
    };

    /** A registration with the options of beginEnrollment (changed by `change`). */
    async function register(challenge: Uint8Array, change = (options: JsonObject) => options) {
      const enrollContext = context('enroll', [USER_HANDLE, challenge]);
      const enrollment = begun(await factor.beginEnrollment(enrollContext, { existing: [] }));
      const options = change(enrollment.client.options as JsonObject);
      const recorded = await ceremony(page, 'recordCreate', options);
      const enrolled = await factor.completeEnrollment(enrollContext, {
        pending: enrollment.pending,
        response: recorded.json,
        label: 'Chromium',
        existing: [],
      });
      if (!enrolled.ok) throw new Error(`the factor refused a registration: ${enrolled.code}`);
      const credential: Credential = {
        id: enrolled.id ?? '',
        tenantId: TENANT.id,
        accountId: ACCOUNT_ID,
        kind: 'passkey',
        label: 'Chromium',
        data: enrolled.data ?? {},
        version: 1,
        createdAt: now,
        lastUsedAt: null,
      };
      const entry = {
        challenge: b64url(challenge),
        options,
        response: recorded.json,
        signCount: await signCount(credential.id),
      };
      return { credential, entry, by: recorded.by };
    }

    /** A login assertion with the options of beginChallenge, verified and stored like core. */
    async function assertion(
      credential: Credential,
      challenge: Uint8Array,
      change = (options: JsonObject) => options,
    ) {
      const loginContext = context('login', [challenge]);
      const request = begun(
        await factor.beginChallenge(loginContext, { credentials: [credential] }),
      );
      const options = change(request.client.options as JsonObject);
      const recorded = await ceremony(page, 'recordGet', options);
      const verified = await factor.verifyChallenge(loginContext, {
        pending: request.pending,
        credentials: [credential],
        response: recorded.json,
      });
      if (!verified.ok) throw new Error(`the factor refused an assertion: ${verified.code}`);
      credential.data = verified.data ?? credential.data;
      return {
        challenge: b64url(challenge),
        options,
        response: recorded.json,
        signCount: await signCount(credential.id),
      };
    }

    // (a) A registration; (b), (c) two assertions with allowCredentials = that credential;
    // (d) a discoverable assertion (empty allowCredentials, as a passwordless sign-in asks).
    await useAuthenticator(AUTHENTICATOR);
    const passkey = await register(CHALLENGES.registration);
    const first = await assertion(passkey.credential, CHALLENGES.assertion);
    const second = await assertion(passkey.credential, CHALLENGES.secondAssertion);
    const discoverable = await assertion(
      passkey.credential,
      CHALLENGES.discoverableAssertion,
      (options) => ({ ...options, allowCredentials: [] }),
    );

    // The factor offers EdDSA first and Chromium takes it: an ES256 passkey, as most phones
    // and laptops make, needs ES256 to be the only choice.
    await useAuthenticator(AUTHENTICATOR);
    const es256Passkey = await register(CHALLENGES.es256Registration, (options) => ({
      ...options,
      pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
    }));
    const es256Assertion = await assertion(es256Passkey.credential, CHALLENGES.es256Assertion);

    // (e) An authenticator that does not verify its user (the UV flag stays clear).
    await useAuthenticator(UNVERIFIED);
    const unverifiedContext = context('enroll', [USER_HANDLE, CHALLENGES.unverifiedRegistration]);
    const unverifiedEnrollment = begun(
      await factor.beginEnrollment(unverifiedContext, { existing: [] }),
    );
    const unverifiedRegistration = await withoutVerification(
      page,
      'recordCreate',
      unverifiedEnrollment.client.options as JsonObject,
    );
    const unverifiedId = String(unverifiedRegistration.recorded.json.id);
    const unverifiedRequest = begun(
      await factor.beginChallenge(context('login', [CHALLENGES.unverifiedAssertion]), {
        credentials: [passkey.credential],
      }),
    );
    // allowCredentials = this authenticator's credential (the factor offers only stored ones).
    const unverifiedAssertion = await withoutVerification(page, 'recordGet', {
      ...(unverifiedRequest.client.options as JsonObject),
      allowCredentials: [{ id: unverifiedId, type: 'public-key', transports: ['internal'] }],
    });

    const version = browser.version();
    const fixture = {
      $comment:
        'Recorded by examples/portal/scripts/record-webauthn-fixtures.ts (npm run record:webauthn-fixtures -w @monban/example-portal) from headless Chromium with CDP virtual authenticators. Options are the factor\'s own (beginEnrollment / beginChallenge) fed with the fixed challenges and user handle below; "optionsChanged" says where they were altered. signCount is the authenticator\'s counter after the ceremony, read over CDP. Do not edit by hand: re-record.',
      recordedOn: new Date().toISOString().slice(0, 10),
      browser: `Chromium ${version}`,
      userAgent,
      serializedWith: passkey.by,
      rpId: RP_ID,
      origin,
      tenant: TENANT,
      userId: USER_ID,
      userHandle: b64url(USER_HANDLE),
      authenticator: AUTHENTICATOR,
      registration: passkey.entry,
      assertion: first,
      secondAssertion: second,
      discoverableAssertion: {
        optionsChanged: 'allowCredentials emptied (a passwordless sign-in)',
        ...discoverable,
      },
      es256: {
        authenticator: AUTHENTICATOR,
        optionsChanged:
          "pubKeyCredParams = ES256 only (with the factor's EdDSA, ES256, RS256 Chromium makes an EdDSA key)",
        registration: es256Passkey.entry,
        assertion: es256Assertion,
      },
      unverified: {
        authenticator: UNVERIFIED,
        registration: {
          challenge: b64url(CHALLENGES.unverifiedRegistration),
          optionsChanged: changes(unverifiedRegistration.refusedAsIs, false),
          options: unverifiedRegistration.options,
          response: unverifiedRegistration.recorded.json,
        },
        assertion: {
          challenge: b64url(CHALLENGES.unverifiedAssertion),
          optionsChanged: changes(unverifiedAssertion.refusedAsIs, true),
          options: unverifiedAssertion.options,
          response: unverifiedAssertion.recorded.json,
        },
      },
    };
    writeFileSync(OUTPUT, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(
      `Recorded Chromium ${version} on ${origin} (serialized with ${passkey.by}); sign counts ${[passkey.entry, first, second, discoverable].map((e) => e.signCount).join(', ')}.`,
    );
    console.log(`Wrote ${OUTPUT.pathname}`);
  } finally {
    await browser.close();
    server.close();
  }
}

/** How the (e) options differ from the factor's, and why. */
function changes(refusedAsIs: { name: string } | null, allow: boolean): string | null {
  const parts = allow ? ["allowCredentials = this authenticator's credential"] : [];
  if (refusedAsIs !== null) {
    parts.push(
      `userVerification 'preferred' (Chromium answered ${refusedAsIs.name} to 'required' from an authenticator without user verification)`,
    );
  }
  return parts.length === 0 ? null : parts.join('; ');
}

/** The options with `userVerification: 'preferred'` (registration or authentication). */
function uvPreferred(options: JsonObject): JsonObject {
  if ('authenticatorSelection' in options) {
    return {
      ...options,
      authenticatorSelection: {
        ...(options.authenticatorSelection as JsonObject),
        userVerification: 'preferred',
      },
    };
  }
  return { ...options, userVerification: 'preferred' };
}

await main();
