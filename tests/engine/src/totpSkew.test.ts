/**
 * ACCEPTANCE 49 through the whole engine with the real TOTP factor, on every storage the
 * project runs (memory, PGlite, PostgreSQL, PostgreSQL + Redis): the burned step lives in the
 * shared token store, so the refusal must hold on each of them.
 */
import { createTotpFactor, generateTotpCode } from '@monban/totp';
import { describe, expect, it } from 'vitest';
import { NEW_PASSWORD, ok, setup, walkToFactorSetup } from './harness.js';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

describe('TOTP clock skew through the engine (ACCEPTANCE 49)', () => {
  it('ACCEPTANCE 49: a login code answered with the skew hint is burned: submitted again when it would be current, it is refused', async () => {
    const h = setup({
      preset: 'gsYuasa',
      wrapFactor: (factor) =>
        factor.kind === 'totp' ? createTotpFactor({ keys: [{ id: 'k1', key: KEY }] }) : factor,
    });
    await walkToFactorSetup(h);
    const login = () =>
      h.monban.login({ tenantId: 't', userId: 'testuser01', password: NEW_PASSWORD }).then(ok);
    const setupFlow = await login();
    const begun = ok(await h.monban.beginFactorSetup({ flowToken: setupFlow.flowToken }));
    const secret = String(begun.client?.manualKey);
    const code = (at: number) => generateTotpCode({ secret, timestampMs: at });
    ok(
      await h.monban.completeFactorSetup({
        flowToken: setupFlow.flowToken,
        label: 'iPhone',
        response: await code(h.clock.now()),
      }),
    );
    h.clock.advance(60_000);

    // A phone 150 s fast: the member is told, and the code counts as a wrong guess.
    const flow = await login();
    const ahead = await code(h.clock.now() + 150_000);
    const hinted = await h.monban.verifyChallenge({ flowToken: flow.flowToken, response: ahead });
    expect(hinted).toMatchObject({ ok: false, error: { code: 'TOTP_CLOCK_SKEW' } });
    // Two and a half minutes later that code is current, and still refused.
    h.clock.advance(150_000);
    const again = await h.monban.verifyChallenge({ flowToken: flow.flowToken, response: ahead });
    expect(again.ok).toBe(false);
    // The device's current code still signs in.
    const signedIn = ok(
      await h.monban.verifyChallenge({
        flowToken: flow.flowToken,
        response: await code(h.clock.now() + 30_000),
      }),
    );
    expect(signedIn.session).toBeDefined();
  });
});
