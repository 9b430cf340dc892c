import type { FactorContext } from '@monban/core';
import { cryptoRandom, type Storage } from '@monban/core/ports';
import { TEST_START } from './createTestMonban.js';

/**
 * Builds a {@link FactorContext} for calling a factor directly in tests: member `taro01`
 * (account `acc-1`) of tenant `daiwa` (「大和証券グループ健康保険組合」), bound to flow `flow-1`,
 * enrolling, in Japanese, at {@link TEST_START}, with WebCrypto randomness and a mailer that sends
 * nothing. `storage` gives the tokens and counters (a factor's challenges and replay guards):
 * pass a real storage such as the memory adapter's.
 *
 * @example
 * ```ts
 * import { createMemoryStorage } from '@monban/memory';
 * import { makeFactorContext } from '@monban/test-utils';
 *
 * const context = makeFactorContext({ storage: createMemoryStorage(), purpose: 'login' });
 * const begun = await totp.beginChallenge(context, { credentials });
 * ```
 */
export function makeFactorContext(
  overrides: Partial<Omit<FactorContext, 'storage'>> & {
    storage: Pick<Storage, 'tokens' | 'counters'>;
  },
): FactorContext {
  const { storage, ...rest } = overrides;
  return {
    tenant: { id: 'daiwa', displayName: '大和証券グループ健康保険組合' },
    account: {
      tenantId: 'daiwa',
      accountId: 'acc-1',
      userId: 'taro01',
      email: null,
      emailVerified: false,
    },
    now: TEST_START,
    random: cryptoRandom,
    storage: { tokens: storage.tokens, counters: storage.counters },
    mailer: { send: async () => {} },
    locale: 'ja',
    bindingId: 'flow-1',
    purpose: 'enroll',
    ...rest,
  };
}
