/**
 * The start-up text: where the portal is and how to log in to each tenant.
 * @module
 */
import type { SeededMember } from './seed.js';
import { DEMO_TENANTS } from './tenants.js';

/** Prints the URL, the mailbox and one ready-to-use temporary login per tenant. */
export function printBanner(input: {
  origin: string;
  members: readonly SeededMember[];
  passkeys: boolean;
  dataDir: string;
}): void {
  const lines = [
    '',
    `Monban demo portal: ${input.origin}/`,
    `Dev mailbox:        ${input.origin}/mailbox`,
    `Data directory:     ${input.dataDir} (delete it to start over)`,
    ...(input.passkeys
      ? []
      : ['Passkeys:           not offered (@monban/webauthn has no createWebAuthnFactor yet)']),
    '',
    'Temporary credentials (birth date 19801201 = 1980-12-01):',
  ];
  for (const member of input.members) {
    const tenant = DEMO_TENANTS.find((t) => t.id === member.tenantId);
    const note =
      member.state === 'used'
        ? '  (first login already done; delete the data directory to reset)'
        : member.migrated
          ? '  (migrated: symbol 12 + number 3456789 + birth date)'
          : '';
    lines.push(
      `  ${`${input.origin}/t/${member.tenantId}/`.padEnd(40)} ${tenant?.displayName ?? ''}`,
      `      user ID ${member.userId.padEnd(10)} password ${member.password}${note}`,
    );
  }
  lines.push('');
  console.log(lines.join('\n'));
}
