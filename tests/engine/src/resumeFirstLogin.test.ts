import { describe, expect, it } from 'vitest';
import { lastMailToken, ok, setup, startFirstLogin, TEMP_PASSWORD } from './harness.js';

const EMAIL = 'testuser01@example.jp';

/** Ajinomoto's first login up to the verification mail: birth date, terms, address (seed 004). */
async function toVerification(h: ReturnType<typeof setup>, flowToken: string, email = EMAIL) {
  ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
  ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
  const sent = ok(await h.monban.updateEmail({ flowToken, email }));
  expect(sent.flow.step).toBe('verify-email');
  return lastMailToken(h.outbox);
}

describe('logging in again during a first login (issue 25 item 6)', () => {
  it('asks the birth date again but not the accepted terms; the first mail’s link then moves the new flow on, not only the abandoned one', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const first = await startFirstLogin(h);
    const firstLink = await toVerification(h, first.flowToken);
    // The member closed the tab and logs in again with the postcard.
    h.clock.advance(60_000);
    const again = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser01', password: TEMP_PASSWORD }),
    );
    expect(again.flow.pending).toEqual([
      'verify-birthdate',
      'update-email',
      'verify-email',
      'choose-method',
      'update-password',
      'configure-factor',
    ]);
    const atEmail = ok(
      await h.monban.verifyBirthDate({ flowToken: again.flowToken, birthDate: '19801201' }),
    );
    // The address entered the first time is shown to confirm or change (seed 002 ⑨).
    expect(atEmail.flow).toMatchObject({ step: 'update-email', registeredEmail: EMAIL });
    const mailsBefore = h.outbox.length;
    ok(await h.monban.updateEmail({ flowToken: again.flowToken, email: EMAIL }));
    expect(h.outbox.length).toBe(mailsBefore + 1);
    // The first mail's link: the address is verified, and the flow on screen moves on.
    ok(await h.monban.verifyEmail({ token: firstLink }));
    const polled = ok(await h.monban.getFlow({ flowToken: again.flowToken }));
    expect(polled.flow.step).toBe('choose-method');
    const account = await h.storage.accounts.findByUserId('t', 'testuser01');
    expect(account?.emailVerified).toBe(true);
  });

  it('an address verified in an abandoned first login is not verified again: no new mail, the step is done', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const first = await startFirstLogin(h);
    ok(await h.monban.verifyEmail({ token: await toVerification(h, first.flowToken) }));
    h.clock.advance(60_000);
    const again = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser01', password: TEMP_PASSWORD }),
    );
    ok(await h.monban.verifyBirthDate({ flowToken: again.flowToken, birthDate: '19801201' }));
    const mailsBefore = h.outbox.length;
    const kept = ok(
      await h.monban.updateEmail({ flowToken: again.flowToken, email: 'TestUser01@example.jp' }),
    );
    expect(kept.flow.step).toBe('choose-method');
    expect(kept.flow.done).toEqual(['verify-birthdate', 'update-email', 'verify-email']);
    expect(h.outbox.length).toBe(mailsBefore);
    // Another address is verified again, as always.
    const other = await startFirstLogin(h, 'testuser02');
    await toVerification(h, other.flowToken, 'testuser02@example.jp');
    expect(h.outbox.length).toBe(mailsBefore + 1);
  });
});
