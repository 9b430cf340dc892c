import { describe, expect, it } from 'vitest';
import { defineTenant, type TenantConfig } from './defineTenant.js';
import { TENANT_PRESETS } from './presets.js';
import { toMermaid } from './toMermaid.js';

describe('defineTenant (R-TEN-1, R-TEN-2)', () => {
  it('resolves each preset with the manual’s step order, factors and password policy', () => {
    const daiwa = defineTenant({
      id: 'daiwa',
      displayName: '大和証券グループ健康保険組合',
      preset: 'daiwa',
    });
    expect(daiwa.steps).toEqual([
      'verify-birthdate',
      'accept-terms',
      'choose-method',
      'update-password',
      'update-email',
    ]);
    expect(daiwa.factors).toEqual(['passkey', 'totp']);
    expect(daiwa.policy.password.maxLength).toBe(64);
    expect(daiwa.logoutBeforeFactorSetup).toBe(false);

    const jsw = defineTenant({ id: 'jsw', displayName: '日本製鋼所健康保険組合', preset: 'jsw' });
    expect(jsw.policy.password.maxLength).toBe(20);
    expect(jsw.policy.password.forbidUserIdInPassword).toBe(true);
    expect(jsw.logoutBeforeFactorSetup).toBe(true);

    const kinki = defineTenant({
      id: 'kinki',
      displayName: '近畿電子産業健康保険組合',
      preset: 'kinkiDenshi',
    });
    expect(kinki.steps.slice(2, 5)).toEqual(['update-email', 'verify-email', 'choose-method']);
    expect(kinki.factors).toEqual(['totp', 'email-otp']);
    expect(kinki.policy.password.requireSymbol).toBe(true);

    const ajinomoto = defineTenant({
      id: 'ajinomoto',
      displayName: '味の素健康保険組合',
      preset: 'ajinomoto',
    });
    expect(ajinomoto.factors).toEqual(['passkey', 'totp', 'email-otp']);
  });

  it('keeps passwordless passkey sign-in off unless the tenant enables it (R-LOG-3)', () => {
    expect(defineTenant({ id: 'x', displayName: 'X', preset: 'daiwa' }).passkeySignIn).toBe(false);
    expect(
      defineTenant({ id: 'x', displayName: 'X', preset: 'daiwa', passkeySignIn: true })
        .passkeySignIn,
    ).toBe(true);
  });

  it('a tenant without a preset is generic: English, no birth-date step, a reset that asks for a factor (R-REC-2)', () => {
    const generic = defineTenant({ id: 'acme', displayName: 'Acme' });
    expect(generic.locale).toBe('en');
    expect(generic.steps).not.toContain('verify-birthdate');
    expect(generic.steps).toEqual([
      'accept-terms',
      'choose-method',
      'update-password',
      'update-email',
    ]);
    expect(generic.recovery.lostDevice).toBe('prove');
    // The insurer presets keep the manuals' language and their "set up the app again" reset.
    for (const preset of ['daiwa', 'jsw', 'gsYuasa', 'kinkiDenshi', 'ajinomoto'] as const) {
      const tenant = defineTenant({ id: 'x', displayName: 'X', preset });
      expect(tenant.locale).toBe('ja');
      expect(tenant.steps[0]).toBe('verify-birthdate');
      expect(tenant.recovery.lostDevice).toBe('reenroll');
    }
    expect(defineTenant({ id: 'x', displayName: 'X', locale: 'ja' }).locale).toBe('ja');
    expect(() => defineTenant({ id: 'x', displayName: 'X', locale: 'fr' as 'ja' })).toThrow(
      /locale/,
    );
  });

  it('shows mail times in Japan time unless the tenant names another IANA time zone', () => {
    expect(defineTenant({ id: 'x', displayName: 'X' }).timeZone).toBe('Asia/Tokyo');
    expect(defineTenant({ id: 'x', displayName: 'X', timeZone: 'Europe/Berlin' }).timeZone).toBe(
      'Europe/Berlin',
    );
    expect(() => defineTenant({ id: 'x', displayName: 'X', timeZone: 'Mars/Olympus' })).toThrow(
      /timeZone/,
    );
  });

  it('merges overrides over the preset and freezes the result', () => {
    const tenant = defineTenant({
      id: 'custom',
      displayName: 'Custom',
      preset: 'daiwa',
      termsVersion: '2026-04',
      policy: { password: { maxLength: 20 } },
      lockout: { threshold: 3, mode: 'admin' },
    });
    expect(tenant.policy.password.maxLength).toBe(20);
    expect(tenant.policy.password.minLength).toBe(8);
    expect(tenant.lockout).toMatchObject({ threshold: 3, mode: 'admin', windowSeconds: 900 });
    expect(tenant.termsVersion).toBe('2026-04');
    expect(Object.isFrozen(tenant)).toBe(true);
    expect(Object.isFrozen(tenant.steps)).toBe(true);
  });

  const bad: Array<[string, TenantConfig, RegExp]> = [
    [
      'unknown preset',
      { id: 'x', displayName: 'X', preset: 'nope' as 'daiwa' },
      /unknown preset "nope"/,
    ],
    [
      'empty factor list',
      { id: 'x', displayName: 'X', factors: [] },
      /factors: must offer at least one factor/,
    ],
    [
      'verify-email before update-email',
      {
        id: 'x',
        displayName: 'X',
        steps: ['verify-birthdate', 'verify-email', 'update-email', 'choose-method'],
      },
      /"verify-email" before "update-email"/,
    ],
    [
      'email OTP without an email step',
      {
        id: 'x',
        displayName: 'X',
        factors: ['totp', 'email-otp'],
        steps: ['choose-method', 'update-password'],
      },
      /"email-otp" needs an "update-email" step/,
    ],
    ['unknown factor', { id: 'x', displayName: 'X', factors: ['sms' as 'totp'] }, /factors\.0/],
    [
      'a step twice',
      { id: 'x', displayName: 'X', steps: ['choose-method', 'choose-method'] },
      /twice/,
    ],
    ['bad id', { id: 'Has Space', displayName: 'X' }, /id: must match/],
    [
      'bad policy field',
      { id: 'x', displayName: 'X', policy: { password: { minLength: -1 } } },
      /policy\./,
    ],
    [
      'unknown key',
      { id: 'x', displayName: 'X', colour: 'red' } as TenantConfig,
      /Invalid tenant "x"/,
    ],
    [
      'absolute session shorter than idle',
      {
        id: 'x',
        displayName: 'X',
        session: { idleTimeoutSeconds: 3600, absoluteTimeoutSeconds: 60 },
      },
      /absoluteTimeoutSeconds/,
    ],
    [
      'passwordless passkey sign-in without passkeys',
      { id: 'x', displayName: 'X', preset: 'kinkiDenshi', passkeySignIn: true },
      /passkeySignIn needs "passkey"/,
    ],
    [
      'passkeySignIn that is not a boolean',
      { id: 'x', displayName: 'X', passkeySignIn: 'yes' } as unknown as TenantConfig,
      /passkeySignIn/,
    ],
  ];
  it.each(bad)('refuses %s at start-up with a precise TypeError', (_name, config, message) => {
    expect(() => defineTenant(config)).toThrow(TypeError);
    expect(() => defineTenant(config)).toThrow(message);
  });
});

describe('toMermaid', () => {
  it.each(Object.keys(TENANT_PRESETS))('draws the %s preset in its step order', (preset) => {
    const tenant = defineTenant({ id: 't', displayName: 'T', preset: preset as 'daiwa' });
    const diagram = toMermaid(tenant);
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    for (let i = 0; i + 1 < tenant.steps.length; i++) {
      const from = (tenant.steps[i] as string).replace(/-/g, '_');
      const to = (tenant.steps[i + 1] as string).replace(/-/g, '_');
      expect(diagram).toContain(`${from} --> ${to}`);
    }
    expect(diagram.includes('sign out, then log in again')).toBe(tenant.logoutBeforeFactorSetup);
    expect(diagram).not.toContain('passkey_sign_in');
  });

  it('draws the passwordless passkey sign-in where the tenant enables it', () => {
    const diagram = toMermaid(
      defineTenant({ id: 't', displayName: 'T', preset: 'daiwa', passkeySignIn: true }),
    );
    expect(diagram).toContain('[*] --> passkey_sign_in: passwordless sign-in');
    expect(diagram).toContain('passkey_sign_in --> portal');
  });
});
