/**
 * The common-password blocklist. Source: `@zxcvbn-ts/language-common` (MIT,
 * https://github.com/zxcvbn-ts/zxcvbn), `dictionary['passwords-common']`, a ranked list of about
 * 49,000 common passwords. This is the only module that imports it.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let blocklist: ReadonlySet<string> | undefined;

/** The lowercase blocklist, built on first use. */
export function commonPasswords(): ReadonlySet<string> {
  if (blocklist === undefined) {
    const set = new Set<string>();
    for (const entry of dictionary['passwords-common']) set.add(entry.toLowerCase());
    blocklist = set;
  }
  return blocklist;
}
