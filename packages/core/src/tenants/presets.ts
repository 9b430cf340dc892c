import { type Locale, type Policy, presets as policyPresets } from '@monban/policy';
import type { EnrollmentStep, FactorKind } from '../types.js';
import type {
  LockoutSettings,
  RecoverySettings,
  SessionSettings,
  StepUpAction,
  StepUpRule,
} from './defineTenant.js';

/** Names of the shipped tenant presets, one per source manual plus `default`. */
export type TenantPresetName =
  | 'default'
  | 'daiwa'
  | 'jsw'
  | 'gsYuasa'
  | 'kinkiDenshi'
  | 'ajinomoto';

/** A preset: every tenant setting except identity. */
export interface TenantPreset {
  /** Factors offered. */
  factors: readonly FactorKind[];
  /** First-login steps in order. */
  steps: readonly EnrollmentStep[];
  /** Sign out after the first login before factor setup. */
  logoutBeforeFactorSetup: boolean;
  /** Validation policy. */
  policy: Policy;
  /** Flow idle time-out. */
  flowIdleTimeoutSeconds: number;
  /** Temporary password lifetime. */
  temporaryPasswordTtlSeconds: number | null;
  /** Lockout. */
  lockout: LockoutSettings;
  /** Sessions. */
  session: SessionSettings;
  /** Step-up rules. */
  stepUp: Record<StepUpAction, StepUpRule>;
  /** Password-reset policy. */
  recovery: RecoverySettings;
  /** Recovery codes (R-REC-1). */
  recoveryCodes: boolean;
  /** Language of mails and answers when the member's is unknown. */
  locale: Locale;
}

const FIVE_MINUTES = 300;
const stepUp: Record<StepUpAction, StepUpRule> = {
  'change-password': { maxAgeSeconds: FIVE_MINUTES, proofs: ['password', 'second-factor'] },
  'change-email': { maxAgeSeconds: FIVE_MINUTES, proofs: ['password', 'second-factor'] },
  'change-user-id': { maxAgeSeconds: FIVE_MINUTES, proofs: ['password', 'second-factor'] },
  'add-factor': { maxAgeSeconds: FIVE_MINUTES, proofs: ['password', 'second-factor'] },
  'remove-factor': { maxAgeSeconds: FIVE_MINUTES, proofs: ['password', 'second-factor'] },
  'list-sessions': { maxAgeSeconds: 3600, proofs: ['second-factor'] },
};

const base: Omit<TenantPreset, 'factors' | 'steps' | 'logoutBeforeFactorSetup' | 'policy'> = {
  // The five presets reproduce Japanese manuals; the default preset answers in English.
  locale: 'ja',
  flowIdleTimeoutSeconds: 30 * 60,
  temporaryPasswordTtlSeconds: 90 * 24 * 3600,
  // The manuals' FAQ: a locked account is unlocked by the insurer (Q5/Q6 of seed 002).
  lockout: { threshold: 5, windowSeconds: 15 * 60, mode: 'temporary', durationSeconds: 30 * 60 },
  session: {
    idleTimeoutSeconds: 30 * 60,
    absoluteTimeoutSeconds: 12 * 3600,
    rememberMeSeconds: 30 * 24 * 3600,
  },
  stepUp,
  // Seed 002 3-3: a 5-minute link, then TOTP re-setup, then the new password.
  recovery: { lostDevice: 'reenroll', linkTtlSeconds: 300, unlocks: false },
  recoveryCodes: true,
};

const birthdateTermsFirst: readonly EnrollmentStep[] = ['verify-birthdate', 'accept-terms'];

/**
 * Tenant presets. Each reproduces one of the source manuals (see the seeds' README); the
 * step orders are the four orders the five manuals use.
 *
 * @example
 * ```ts
 * TENANT_PRESETS.kinkiDenshi.factors; // ['totp', 'email-otp']
 * ```
 */
export const TENANT_PRESETS: Readonly<Record<TenantPresetName, Readonly<TenantPreset>>> = {
  /**
   * Monban's default, for a tenant that is not one of the manuals' insurers: English, no birth
   * date (no step asks for one), passkey or TOTP, and a reset that asks for one of the member's
   * own factors rather than re-enrolling on the strength of a mailed link (R-REC-2), and ten
   * recovery codes shown once after the first factor (R-REC-1).
   */
  default: {
    ...base,
    locale: 'en',
    recoveryCodes: true,
    recovery: { ...base.recovery, lostDevice: 'prove' },
    factors: ['passkey', 'totp'],
    steps: ['accept-terms', 'choose-method', 'update-password', 'update-email'],
    logoutBeforeFactorSetup: false,
    policy: policyPresets.default,
  },
  /** Daiwa (seed 002, the full manual): birth date, terms, method + user ID, password, email; factor set up right away. */
  daiwa: {
    ...base,
    factors: ['passkey', 'totp'],
    steps: [...birthdateTermsFirst, 'choose-method', 'update-password', 'update-email'],
    logoutBeforeFactorSetup: false,
    policy: policyPresets.daiwa,
  },
  /** Japan Steel Works (seed 003): Daiwa's order; "log out to continue with MFA setup"; password 8-20 upper+lower, no user ID inside. */
  jsw: {
    ...base,
    factors: ['passkey', 'totp'],
    steps: [...birthdateTermsFirst, 'choose-method', 'update-password', 'update-email'],
    logoutBeforeFactorSetup: true,
    policy: policyPresets.jsw,
  },
  /** GS Yuasa (seed 000): birth date, terms, method, password, email; then log out and set up the factor at the next login. */
  gsYuasa: {
    ...base,
    factors: ['passkey', 'totp'],
    steps: [...birthdateTermsFirst, 'choose-method', 'update-password', 'update-email'],
    logoutBeforeFactorSetup: true,
    policy: policyPresets.gsYuasa,
  },
  /** Kinki Denshi (seed 001): email set and verified before the method choice; TOTP app or email OTP; log out before setup. */
  kinkiDenshi: {
    ...base,
    factors: ['totp', 'email-otp'],
    steps: [
      ...birthdateTermsFirst,
      'update-email',
      'verify-email',
      'choose-method',
      'update-password',
    ],
    logoutBeforeFactorSetup: true,
    policy: policyPresets.kinkiDenshi,
  },
  /** Ajinomoto (seed 004): email + link verification first; passkey, TOTP app or email OTP. */
  ajinomoto: {
    ...base,
    factors: ['passkey', 'totp', 'email-otp'],
    steps: [
      ...birthdateTermsFirst,
      'update-email',
      'verify-email',
      'choose-method',
      'update-password',
    ],
    logoutBeforeFactorSetup: false,
    policy: policyPresets.ajinomoto,
  },
};
