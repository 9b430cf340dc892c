import { deriveMigrationPassword } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import type { Result } from '../result.js';
import { provisionMember } from './provisionMember.js';

/** A migrated member whose temporary password is insurer symbol + number + birth date. */
export interface MigrationRecord {
  /** Temporary login ID. */
  userId: string;
  /** Insurer symbol (記号). */
  symbol: string;
  /** Insured number (番号). */
  number: string;
  /** Birth date `YYYYMMDD`. */
  birthDate: string;
  /** The member's name as the insurer keeps it, if known (see `ProvisionInput.name`). */
  name?: string;
}

/** Provisions migrated members whose password is symbol + number + birth date (R-ENR-1). */
export async function provisionMigratedMembers(
  kernel: Kernel,
  input: { tenantId: string; records: readonly MigrationRecord[] },
): Promise<Array<Result<{ accountId: string; userId: string }>>> {
  const results: Array<Result<{ accountId: string; userId: string }>> = [];
  for (const record of input.records) {
    results.push(
      await provisionMember(kernel, {
        tenantId: input.tenantId,
        userId: record.userId,
        temporaryPassword: deriveMigrationPassword(record),
        birthDate: record.birthDate,
        ...(record.name === undefined ? {} : { name: record.name }),
      }),
    );
  }
  return results;
}
