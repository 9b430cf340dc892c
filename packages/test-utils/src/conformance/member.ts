import type { Account } from '@monban/core';
import { expect } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/**
 * The member the one-read conformance tests load (`loadFlow`, `loadMember`): account `a1`
 * (`member0001`, 「大和　太郎」) with every optional field set, three devices whose creation order breaks a
 * tie of `createdAt` (listed `Old`, `iPhone`, `パソコン`), and another account of the tenant
 * (`a2`, `member0002`, device `c9`) that no answer may include.
 */
export async function seedMemberWithDevices(c: SuiteContext, lock: Account['lock']): Promise<void> {
  const storage = c.storage();
  const account = c.account({
    accountId: 'a1',
    userId: 'member0001',
    displayName: '大和　太郎',
    email: 'Member@Example.jp',
    emailVerified: true,
    birthDate: '19801201',
    chosenFactor: 'totp',
    acceptedTermsVersion: '2026-04',
    temporaryPasswordExpiresAt: T0 + 1,
    lock,
    sessionVersion: 3,
  });
  expect((await storage.accounts.create(account)).ok).toBe(true);
  // Two devices created at the same time: the order of creation breaks the tie.
  for (const [id, label, createdAt] of [
    ['c2', 'iPhone', T0 + 5],
    ['c1', 'パソコン', T0 + 5],
    ['c3', 'Old', T0],
  ] as const) {
    const credential = c.credential({
      id: c.id(id),
      accountId: 'a1',
      label,
      createdAt,
      data: {
        secret: 'enc:v1:…',
        lastStep: 58_000_000,
        list: [1, 'x', null],
        nested: { a: true },
      },
      lastUsedAt: id === 'c3' ? T0 + 9 : null,
    });
    expect((await storage.credentials.create(credential)).ok).toBe(true);
  }
  // Not this member's: another account of the tenant.
  await storage.accounts.create(c.account({ accountId: 'a2', userId: 'member0002' }));
  await storage.credentials.create(c.credential({ id: c.id('c9'), accountId: 'a2' }));
}
