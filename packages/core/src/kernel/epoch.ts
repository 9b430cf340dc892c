/**
 * The credential epoch (R-REC-3): a digest of what a flow or a mailed link was issued under, so
 * anything issued before the member changed their credentials is refused. It covers the password
 * (when it was set), the email address, the session version (sign-out everywhere, administrator
 * resets) and the set of registered factors; any change to one of them is a new epoch, in the
 * same write that made the change, with no field to keep in step.
 * @module
 */
import { type Account, type Credential, RECOVERY_CODE_KIND } from '../types.js';
import { hashToken } from './tokens.js';

/** The epoch of an account with these credentials. */
export function credentialEpoch(
  account: Account,
  credentials: readonly Credential[],
): Promise<string> {
  // The recovery-code set is not a sign-in method: making or spending codes is no new epoch.
  const factors = credentials
    .filter((c) => c.kind !== RECOVERY_CODE_KIND)
    .map((c) => c.id)
    .sort();
  return hashToken(
    JSON.stringify([
      account.passwordChangedAt,
      account.email?.toLowerCase() ?? null,
      account.sessionVersion,
      factors,
    ]),
  );
}
