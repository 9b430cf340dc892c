import type { Tenant } from './defineTenant.js';

const LABELS: Record<string, string> = {
  'verify-birthdate': 'Birth date',
  'accept-terms': 'Accept terms',
  'choose-method': 'Choose method (and user ID)',
  'update-password': 'New password',
  'update-email': 'Email address',
  'verify-email': 'Verify email (link)',
  'configure-factor': 'Set up factor',
  'second-factor': 'Second factor',
};

function node(id: string): string {
  return id.replace(/-/g, '_');
}

/**
 * Draws a tenant's flows as a Mermaid state diagram for the docs: the first login in the
 * tenant's step order, the sign-out before factor setup where the tenant wants it, the
 * ordinary login with its second factor and terms re-acceptance, and the passwordless passkey
 * sign-in where the tenant enables it.
 *
 * @example
 * ```ts
 * console.log(toMermaid(defineTenant({ id: 'jsw', displayName: 'JSW', preset: 'jsw' })));
 * // stateDiagram-v2
 * //   [*] --> password: temporary user ID + password
 * //   ...
 * ```
 */
export function toMermaid(tenant: Tenant): string {
  const lines = ['stateDiagram-v2'];
  const declared = new Set<string>();
  const declare = (id: string) => {
    if (declared.has(id)) return;
    declared.add(id);
    lines.push(`  state "${LABELS[id] ?? id}" as ${node(id)}`);
  };
  lines.push('  state "Password" as password');
  lines.push('  state "Portal" as portal');
  for (const step of [...tenant.steps, 'configure-factor', 'second-factor']) declare(step);
  lines.push('  [*] --> password');
  const first = tenant.steps[0] ?? 'configure-factor';
  lines.push(`  password --> ${node(first)}: first login (temporary password)`);
  for (let i = 0; i + 1 < tenant.steps.length; i++) {
    lines.push(`  ${node(tenant.steps[i] as string)} --> ${node(tenant.steps[i + 1] as string)}`);
  }
  const last = tenant.steps.at(-1);
  if (last !== undefined) {
    if (tenant.logoutBeforeFactorSetup) {
      lines.push(`  ${node(last)} --> [*]: sign out, then log in again`);
      lines.push('  password --> configure_factor: factor chosen, not set up');
    } else {
      lines.push(`  ${node(last)} --> configure_factor`);
      lines.push('  password --> configure_factor: factor chosen, not set up');
    }
  }
  lines.push('  configure_factor --> portal');
  lines.push('  password --> second_factor: login');
  lines.push('  second_factor --> portal');
  lines.push('  second_factor --> accept_terms_again: new terms version');
  lines.push('  state "Accept new terms" as accept_terms_again');
  lines.push('  accept_terms_again --> portal');
  if (tenant.passkeySignIn) {
    lines.push('  state "Passkey alone" as passkey_sign_in');
    lines.push('  [*] --> passkey_sign_in: passwordless sign-in');
    lines.push('  passkey_sign_in --> portal');
    lines.push('  passkey_sign_in --> accept_terms_again: new terms version');
  }
  lines.push('  portal --> [*]');
  lines.push(`  note right of password: ${tenant.displayName} (${tenant.factors.join(', ')})`);
  return `${lines.join('\n')}\n`;
}
