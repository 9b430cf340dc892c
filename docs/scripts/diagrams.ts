/**
 * Writes one Markdown fragment per tenant preset into `docs/generated/presets/`: the preset's
 * settings and the Mermaid diagram drawn by `toMermaid` from `@monban/core`. The recipe pages
 * include these fragments, so every diagram on the site is real output of `toMermaid`.
 *
 * Run: node --conditions=@monban/source --import tsx scripts/diagrams.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineTenant, TENANT_PRESETS, type TenantPresetName } from '@monban/core';
import { toMermaid } from '@monban/core/machine';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'generated', 'presets');
mkdirSync(out, { recursive: true });

/** The display names used on the site (the insurers' names as in their manuals). */
const DISPLAY_NAMES: Record<TenantPresetName, string> = {
  default: '大和証券グループ健康保険組合',
  daiwa: '大和証券グループ健康保険組合',
  jsw: '日本製鋼所健康保険組合',
  gsYuasa: 'GSユアサ健康保険組合',
  kinkiDenshi: '近畿電子産業健康保険組合',
  ajinomoto: '味の素健康保険組合',
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function passwordRules(name: TenantPresetName): string {
  const p = TENANT_PRESETS[name].policy.password;
  const composition = [
    p.requireUppercase && 'upper case',
    p.requireLowercase && 'lower case',
    p.requireDigit && 'digit',
    p.requireSymbol && 'symbol',
  ].filter(Boolean);
  return [
    `${p.minLength}-${p.maxLength} characters, printable ASCII`,
    composition.length > 0 ? `at least one ${composition.join(', ')}` : 'no composition rules',
    p.forbidUserIdInPassword ? 'must not contain the user ID' : 'must not equal the user ID',
    p.blocklist ? 'not a common password' : '',
    p.forbidBirthDate ? 'no birth date' : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** A link that opens the diagram in the Mermaid Live Editor (state in the URL fragment). */
function liveEditorLink(diagram: string): string {
  const state = JSON.stringify({ code: diagram, mermaid: JSON.stringify({ theme: 'default' }) });
  return `https://mermaid.live/view#base64:${Buffer.from(state, 'utf8').toString('base64')}`;
}

const names = Object.keys(TENANT_PRESETS) as TenantPresetName[];
for (const name of names) {
  const preset = TENANT_PRESETS[name];
  const tenant = defineTenant({
    id: name.toLowerCase(),
    displayName: DISPLAY_NAMES[name],
    preset: name,
  });
  const diagram = toMermaid(tenant);
  const userId = preset.policy.userId;
  const fragment = [
    `| setting | value |`,
    `|---|---|`,
    `| \`preset\` | \`'${name}'\` |`,
    `| \`factors\` | ${preset.factors.map((f) => `\`${f}\``).join(', ')} |`,
    `| \`steps\` | ${preset.steps.map((s) => `\`${s}\``).join(' → ')} |`,
    `| \`logoutBeforeFactorSetup\` | ${yesNo(preset.logoutBeforeFactorSetup)} |`,
    `| user ID | ${userId.minLength}-${userId.maxLength} characters |`,
    `| password | ${passwordRules(name)} |`,
    `| lockout | ${preset.lockout.threshold} failures in ${preset.lockout.windowSeconds / 60} min → ${preset.lockout.mode}${preset.lockout.mode === 'temporary' ? ` for ${(preset.lockout.durationSeconds ?? 0) / 60} min` : ''} |`,
    `| flow idle time-out | ${preset.flowIdleTimeoutSeconds / 60} min |`,
    `| password reset | link valid ${preset.recovery.linkTtlSeconds / 60} min; lost phone: \`${preset.recovery.lostDevice}\`; recovery codes: ${yesNo(preset.recoveryCodes)} |`,
    '',
    `The diagram below is the output of \`toMermaid(defineTenant({ id: '${name.toLowerCase()}', displayName: '${DISPLAY_NAMES[name]}', preset: '${name}' }))\`, generated when the site is built ([open it rendered in the Mermaid Live Editor](${liveEditorLink(diagram)})):`,
    '',
    '```mermaid',
    diagram.trimEnd(),
    '```',
    '',
  ].join('\n');
  writeFileSync(join(out, `${name}.md`), fragment);
}
console.log(`diagrams: ${names.length} presets written to docs/generated/presets`);
