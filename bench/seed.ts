/**
 * Members for the login benchmarks: provisioned and walked through the first login (TOTP
 * enrolled) by a seeding Monban whose hasher memoizes argon2id, so seeding is cheap while the
 * measured service verifies every password with argon2id. Each member logs in at most twice per
 * run (with the current step's code, then with the next step's), so no TOTP code is ever
 * replayed by the load.
 */
import { createHmac } from 'node:crypto';
import type { FlowAnswer, Monban, Result } from '@monban/core';
import type { MailMessage } from '@monban/core/ports';

export const TEMP = 'Tmp-Pass#2026';
export const PASSWORD = 'Kosmo-Web!2026x';

function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

/**
 * RFC 6238 code of a base32 secret (SHA-1, 6 digits, 30 s) `stepsBack` steps ago, synchronous
 * for autocannon.
 */
export function totpNow(base32: string, stepsBack = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) - stepsBack));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[19] as number) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A member through the first login (TOTP enrolled); returns the TOTP secret (base32). */
async function seed(seeder: Monban, outbox: MailMessage[], userId: string): Promise<string> {
  ok(
    await seeder.provisionMember({
      tenantId: 'daiwa',
      userId,
      temporaryPassword: TEMP,
      birthDate: '19801201',
    }),
  );
  const login = ok(await seeder.login({ tenantId: 'daiwa', userId, password: TEMP }));
  const flowToken = login.flowToken;
  let answer: FlowAnswer = login;
  let secret = '';
  for (let guard = 0; answer.flow.status === 'active' && guard < 12; guard++) {
    const flow = answer.flow;
    switch (flow.step) {
      case 'verify-birthdate':
        answer = ok(await seeder.verifyBirthDate({ flowToken, birthDate: '19801201' }));
        break;
      case 'accept-terms':
        answer = ok(await seeder.acceptTerms({ flowToken, version: flow.termsVersion }));
        break;
      case 'choose-method':
        answer = ok(await seeder.chooseMethod({ flowToken, factor: 'totp' }));
        break;
      case 'update-password':
        answer = ok(
          await seeder.updatePassword({ flowToken, password: PASSWORD, confirmation: PASSWORD }),
        );
        break;
      case 'update-email':
        answer = ok(await seeder.updateEmail({ flowToken, email: `${userId}@example.jp` }));
        break;
      case 'verify-email': {
        const mail = outbox.findLast((m) => m.to === `${userId}@example.jp`);
        const token = mail?.text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
        if (token === undefined) throw new Error('no verification link');
        ok(await seeder.verifyEmail({ token }));
        answer = ok(await seeder.getFlow({ flowToken }));
        break;
      }
      case 'configure-factor': {
        const begun = ok(await seeder.beginFactorSetup({ flowToken }));
        secret = String((begun.client as { manualKey: string }).manualKey);
        // The previous step's code (inside the window): the login's code is then never one of
        // an already used step, however soon the run starts. A step boundary passing between
        // computing and checking it pushes it out of the window: then once more, fresh.
        let done = await seeder.completeFactorSetup({
          flowToken,
          label: 'iPhone',
          response: totpNow(secret, 1),
        });
        if (!done.ok && done.error.code === 'TOTP_CLOCK_SKEW') {
          done = await seeder.completeFactorSetup({
            flowToken,
            label: 'iPhone',
            response: totpNow(secret, 1),
          });
        }
        answer = ok(done);
        break;
      }
      default:
        throw new Error(`unexpected step ${flow.step}`);
    }
  }
  if (answer.flow.status !== 'completed') throw new Error(`seeding ${userId} did not complete`);
  return secret;
}

/** `count` members `${prefix}000000`…, 16 at a time; their user IDs and TOTP secrets. */
export async function seedMembers(
  seeder: Monban,
  outbox: MailMessage[],
  prefix: string,
  count: number,
): Promise<[string, string][]> {
  const secrets: [string, string][] = [];
  for (let i = 0; i < count; i += 16) {
    const batch = Array.from({ length: Math.min(16, count - i) }, (_, j) => {
      const userId = `${prefix}${String(i + j).padStart(6, '0')}`;
      return seed(seeder, outbox, userId).then((s) => secrets.push([userId, s]));
    });
    await Promise.all(batch);
    outbox.length = 0;
  }
  return secrets;
}
