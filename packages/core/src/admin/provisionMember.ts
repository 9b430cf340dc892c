import {
  normalizeUserId,
  validateBirthDate,
  validateEmail,
  validateMemberName,
} from '@monban/policy';
import { isoDay } from '../enrollment/verifyBirthDate.js';
import { newId } from '../internal/secrets.js';
import type { Kernel } from '../kernel/Kernel.js';
import { fail, type Result } from '../result.js';
import type { Account } from '../types.js';

/** One member to provision with temporary credentials (R-ENR-1). */
export interface ProvisionInput {
  /** Tenant. */
  tenantId: string;
  /** Temporary login ID (normalized on the way in; legacy IDs are accepted as they are). */
  userId: string;
  /** Temporary password, as printed on the postcard. */
  temporaryPassword: string;
  /** Birth date (`YYYYMMDD` or `YYYY-MM-DD`), the second proof of the first login. */
  birthDate?: string;
  /** Email address on file, if any. */
  email?: string;
  /**
   * The member's name as the insurer keeps it (for example 「大和 太郎」), kept as
   * `Account.displayName` for the portal to show; trimmed, 1-100 characters, no control
   * characters (`validateMemberName` of `@monban/policy`). Only provisioning sets it.
   */
  name?: string;
}

/**
 * Creates a member with temporary credentials (R-ENR-1). Invalid input answers
 * `VALIDATION_FAILED` with its issues (user ID, password, birth date, email, `MEMBER_NAME_*` for
 * the name); a user ID or email another member holds answers `USER_ID_TAKEN` or `EMAIL_TAKEN`.
 *
 * @example
 * ```ts
 * const created = await monban.provisionMember({
 *   tenantId: 'daiwa',
 *   userId: 'daiwa0001',
 *   temporaryPassword: 'Temp-Pass-2025',
 *   birthDate: '19801201',
 *   name: '大和 太郎',
 * });
 * if (created.ok) console.log(created.accountId);
 * ```
 */
export async function provisionMember(
  kernel: Kernel,
  input: ProvisionInput,
): Promise<Result<{ accountId: string; userId: string }>> {
  const tenant = kernel.tenants.get(input.tenantId);
  if (tenant === undefined)
    throw new TypeError(`provisionMember: unknown tenant "${input.tenantId}"`);
  const userId = normalizeUserId(String(input.userId ?? ''));
  if (userId === '') return fail('VALIDATION_FAILED', { issues: [{ code: 'USER_ID_REQUIRED' }] });
  const controls = [...userId].filter((c) => /\p{Cc}/u.test(c));
  if (controls.length > 0) {
    // ACCEPTANCE 51: never stored, even for legacy IDs accepted as they are.
    const characters = controls.map(
      (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
    return fail('VALIDATION_FAILED', {
      issues: [{ code: 'USER_ID_INVALID_CHARACTER', characters }],
    });
  }
  if (typeof input.temporaryPassword !== 'string' || input.temporaryPassword === '') {
    return fail('VALIDATION_FAILED', { issues: [{ code: 'PASSWORD_REQUIRED' }] });
  }
  const now = kernel.clock.now();
  let birthDate: string | null = null;
  if (input.birthDate !== undefined) {
    const parsed = validateBirthDate(input.birthDate, { today: isoDay(now) });
    if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
    birthDate = parsed.value;
  } else if (tenant.steps.includes('verify-birthdate')) {
    return fail('VALIDATION_FAILED', {
      issues: [{ code: 'BIRTH_DATE_INVALID', reason: 'required' }],
    });
  }
  let email: string | null = null;
  if (input.email !== undefined) {
    const parsed = validateEmail(input.email, tenant.policy);
    if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
    email = parsed.value;
  }
  let displayName: string | null = null;
  if (input.name !== undefined) {
    const parsed = validateMemberName(input.name);
    if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
    displayName = parsed.value;
  }
  const ttl = tenant.temporaryPasswordTtlSeconds;
  const account: Account = {
    tenantId: tenant.id,
    accountId: newId(kernel.random),
    userId,
    passwordHash: await kernel.hasher.hash(input.temporaryPassword),
    passwordChangedAt: now,
    status: 'provisioned',
    temporaryPasswordExpiresAt: ttl === null ? null : now + ttl * 1000,
    displayName,
    birthDate,
    email,
    emailVerified: false,
    chosenFactor: null,
    acceptedTermsVersion: null,
    lock: null,
    sessionVersion: 1,
    version: 1,
    createdAt: now,
  };
  const created = await kernel.storage.accounts.create(account);
  if (!created.ok) return fail(created.conflict === 'email' ? 'EMAIL_TAKEN' : 'USER_ID_TAKEN');
  await kernel.audit({
    type: 'account.provisioned',
    tenantId: tenant.id,
    accountId: account.accountId,
  });
  return { ok: true, accountId: account.accountId, userId };
}
