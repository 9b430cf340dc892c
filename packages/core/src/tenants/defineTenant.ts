import { definePolicy, type Locale, type Policy, type PolicyInput } from '@monban/policy';
import { z } from 'zod';
import { ENROLLMENT_STEPS, type EnrollmentStep, FACTOR_KINDS, type FactorKind } from '../types.js';
import { TENANT_PRESETS, type TenantPresetName } from './presets.js';

/** Lockout settings (R-LOG-6). */
export interface LockoutSettings {
  /** Failed attempts (password, birth date, second factor) in one window that lock the account. */
  threshold: number;
  /** Length of the counting window, in seconds. */
  windowSeconds: number;
  /** `temporary`: the lock ends after `durationSeconds`; `admin`: an administrator unlocks. */
  mode: 'temporary' | 'admin';
  /** Length of a temporary lock, in seconds. */
  durationSeconds: number;
}

/** Session lifetimes (R-LOG-7, ACCEPTANCE 39). */
export interface SessionSettings {
  /** A session unused this long ends. */
  idleTimeoutSeconds: number;
  /** A session ends this long after sign-in, whatever its use. */
  absoluteTimeoutSeconds: number;
  /** Idle and absolute lifetime when the member chose "keep me signed in". */
  rememberMeSeconds: number;
}

/** Step-up rule for one sensitive action (R-SET-2). */
export interface StepUpRule {
  /** How old the last proof may be, in seconds. */
  maxAgeSeconds: number;
  /** What must have been proven that recently: the password, the second factor, or both. */
  proofs: readonly ('password' | 'second-factor')[];
}

/**
 * Every sensitive action guarded by step-up (R-SET-2), each with a rule per tenant.
 *
 * @example
 * ```ts
 * for (const action of STEP_UP_ACTIONS) console.log(action, tenant.stepUp[action].maxAgeSeconds);
 * ```
 */
export const STEP_UP_ACTIONS = [
  'change-password',
  'change-email',
  'change-user-id',
  'add-factor',
  'remove-factor',
  'list-sessions',
] as const;

/** A sensitive action guarded by step-up: one of {@link STEP_UP_ACTIONS}. */
export type StepUpAction = (typeof STEP_UP_ACTIONS)[number];

/** A resolved, frozen tenant: what the engine runs on. */
export interface Tenant {
  /** Identifier used in storage keys and URLs. */
  readonly id: string;
  /** Display name (TOTP issuer, WebAuthn RP name, mail sender name). */
  readonly displayName: string;
  /** The preset the tenant started from. */
  readonly preset: TenantPresetName;
  /** Factors offered, in display order. */
  readonly factors: readonly FactorKind[];
  /** First-login steps, in order. */
  readonly steps: readonly EnrollmentStep[];
  /** Whether the member must sign out after the first login before setting up the factor. */
  readonly logoutBeforeFactorSetup: boolean;
  /** Validation policy. */
  readonly policy: Policy;
  /** Current terms version; members who accepted another version re-accept (R-ENR-6). */
  readonly termsVersion: string;
  /** A flow unused this long expires (R-ENR-4). */
  readonly flowIdleTimeoutSeconds: number;
  /** How long a temporary password stays valid after provisioning, or `null` for no limit. */
  readonly temporaryPasswordTtlSeconds: number | null;
  /** Lockout settings. */
  readonly lockout: Readonly<LockoutSettings>;
  /** Session lifetimes. */
  readonly session: Readonly<SessionSettings>;
  /** Step-up rules per action. */
  readonly stepUp: Readonly<Record<StepUpAction, Readonly<StepUpRule>>>;
  /** Password-reset policy (R-SET-4). */
  readonly recovery: Readonly<RecoverySettings>;
  /**
   * Whether members may sign in with a passkey alone, without the user ID and password
   * (discoverable credentials; the passkey's user verification is the second proof). Off by
   * default.
   */
  readonly passkeySignIn: boolean;
  /**
   * Recovery codes (R-REC-1): ten single-use codes shown once right after the member's first
   * factor, usable wherever a second factor is asked. On in every preset (R-REC-2: in the
   * manuals whose first login never verifies the address, they are a member's own way back).
   */
  readonly recoveryCodes: boolean;
  /** The IANA time zone dates and times are shown in, in mails (default `Asia/Tokyo`). */
  readonly timeZone: string;
  /**
   * The language of mails and answers when the member's is unknown: the tenant's `locale`, else
   * `createMonban`'s `defaultLocale`, else the preset's (`ja` for the five insurer presets, `en`
   * for the default).
   */
  readonly locale: Locale;
}

/** Password-reset policy (R-SET-4). */
export interface RecoverySettings {
  /**
   * After a lost phone (R-REC-2): `reenroll` lets a member whose address is verified set up a new
   * device after proving the birth date (the manuals' "forgot password, then set up OTP again";
   * a TOTP-only member goes straight to it, others choose 「スマートフォンをなくした場合」 at the
   * proof step), and the old passkeys and authenticators are removed in the same write;
   * `prove` asks for one of the member's own factors or a recovery code.
   */
  lostDevice: 'reenroll' | 'prove';
  /** Lifetime of the reset link in seconds (default 300: the manual's 5 minutes). */
  linkTtlSeconds: number;
  /**
   * Whether a completed reset lifts a lock (default `false`: a locked member still gets the mail,
   * but only the insurer unlocks, as the manuals' FAQ says).
   */
  unlocks: boolean;
}

/** What an application writes to configure a tenant; everything but `id` and `displayName` has a default from the preset. */
export interface TenantConfig {
  /** Identifier used in storage keys and URLs (`[a-z0-9-]`, 1-64). */
  id: string;
  /** Display name. */
  displayName: string;
  /** Preset to start from (default `'default'`). */
  preset?: TenantPresetName;
  /** Factors offered (a non-empty subset of `passkey`, `totp`, `email-otp`). */
  factors?: readonly FactorKind[];
  /** First-login steps, in order. */
  steps?: readonly EnrollmentStep[];
  /** Sign out after the first login before factor setup. */
  logoutBeforeFactorSetup?: boolean;
  /** Policy overrides, merged over the preset's policy. */
  policy?: PolicyInput;
  /** Current terms version (default `'1'`). */
  termsVersion?: string;
  /** Flow idle time-out in seconds (default 1800). */
  flowIdleTimeoutSeconds?: number;
  /** Temporary password lifetime in seconds, or `null` (default 90 days). */
  temporaryPasswordTtlSeconds?: number | null;
  /** Language when the member's is unknown (default: the preset's, `en` without a preset). */
  locale?: Locale;
  /** The IANA time zone of the dates and times in mails (default `Asia/Tokyo`). */
  timeZone?: string;
  /** Lockout overrides. */
  lockout?: Partial<LockoutSettings>;
  /** Session overrides. */
  session?: Partial<SessionSettings>;
  /** Step-up overrides per action. */
  stepUp?: Partial<Record<StepUpAction, Partial<StepUpRule>>>;
  /** Password-reset overrides. */
  recovery?: Partial<RecoverySettings>;
  /**
   * Let members sign in with a passkey alone (default `false`). Needs `passkey` among the
   * factors; the member still re-accepts changed terms before the portal.
   */
  passkeySignIn?: boolean;
  /** Offer recovery codes (R-REC-1); default `true` in every preset. */
  recoveryCodes?: boolean;
}

const positiveSeconds = z
  .number()
  .int()
  .positive()
  .max(31_536_000 * 10);
const stepUpRule = z
  .object({
    maxAgeSeconds: positiveSeconds.optional(),
    proofs: z
      .array(z.enum(['password', 'second-factor']))
      .min(1)
      .optional(),
  })
  .strict();

/** Whether the runtime's `Intl` knows the time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const configSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must match [a-z0-9][a-z0-9-]{0,63}'),
    displayName: z.string().trim().min(1).max(100),
    preset: z.string().optional(),
    factors: z
      .array(z.enum(FACTOR_KINDS as [FactorKind, ...FactorKind[]]))
      .min(1, 'must offer at least one factor')
      .optional(),
    steps: z.array(z.enum(ENROLLMENT_STEPS as [EnrollmentStep, ...EnrollmentStep[]])).optional(),
    logoutBeforeFactorSetup: z.boolean().optional(),
    policy: z.unknown().optional(),
    termsVersion: z.string().min(1).max(64).optional(),
    flowIdleTimeoutSeconds: positiveSeconds.optional(),
    temporaryPasswordTtlSeconds: positiveSeconds.nullable().optional(),
    locale: z.enum(['ja', 'en']).optional(),
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Asia/Tokyo')
      .optional(),
    lockout: z
      .object({
        threshold: z.number().int().min(1).max(100).optional(),
        windowSeconds: positiveSeconds.optional(),
        mode: z.enum(['temporary', 'admin']).optional(),
        durationSeconds: positiveSeconds.optional(),
      })
      .strict()
      .optional(),
    session: z
      .object({
        idleTimeoutSeconds: positiveSeconds.optional(),
        absoluteTimeoutSeconds: positiveSeconds.optional(),
        rememberMeSeconds: positiveSeconds.optional(),
      })
      .strict()
      .optional(),
    recovery: z
      .object({
        lostDevice: z.enum(['reenroll', 'prove']).optional(),
        linkTtlSeconds: z.number().int().min(60).max(3600).optional(),
        unlocks: z.boolean().optional(),
      })
      .strict()
      .optional(),
    stepUp: z
      .object({
        'change-password': stepUpRule.optional(),
        'change-email': stepUpRule.optional(),
        'change-user-id': stepUpRule.optional(),
        'add-factor': stepUpRule.optional(),
        'remove-factor': stepUpRule.optional(),
        'list-sessions': stepUpRule.optional(),
      })
      .strict()
      .optional(),
    passkeySignIn: z.boolean().optional(),
    recoveryCodes: z.boolean().optional(),
  })
  .strict();

function fail(tenantId: unknown, message: string): never {
  const name = typeof tenantId === 'string' ? `tenant "${tenantId}"` : 'tenant';
  throw new TypeError(`Invalid ${name}: ${message}`);
}

function checkStepOrder(
  tenantId: string,
  steps: readonly EnrollmentStep[],
  factors: readonly FactorKind[],
) {
  const seen = new Set<EnrollmentStep>();
  for (const step of steps) {
    if (seen.has(step)) fail(tenantId, `steps lists "${step}" twice`);
    seen.add(step);
  }
  if (!seen.has('choose-method')) fail(tenantId, 'steps must include "choose-method"');
  const email = steps.indexOf('update-email');
  const verify = steps.indexOf('verify-email');
  if (verify !== -1 && (email === -1 || email > verify)) {
    fail(tenantId, 'steps put "verify-email" before "update-email" (or without it)');
  }
  if (factors.includes('email-otp') && email === -1) {
    fail(tenantId, 'factor "email-otp" needs an "update-email" step to collect the address');
  }
  if (factors.includes('email-otp') && verify === -1) {
    fail(
      tenantId,
      'factor "email-otp" needs a "verify-email" step: codes go only to verified addresses',
    );
  }
  if (factors.includes('email-otp') && steps.indexOf('choose-method') < verify) {
    // The member may choose email OTP only once the address is verified.
    fail(tenantId, '"choose-method" must come after "verify-email" when "email-otp" is offered');
  }
}

/**
 * Validates a tenant configuration and resolves it over its preset. Every mistake throws a
 * `TypeError` naming the tenant and the field, at start-up, never at first use (R-TEN-2).
 *
 * @example
 * ```ts
 * const tenant = defineTenant({ id: 'daiwa', displayName: '大和証券グループ健康保険組合', preset: 'daiwa' });
 * tenant.steps; // ['verify-birthdate', 'accept-terms', 'choose-method', 'update-password', 'update-email']
 * ```
 */
export function defineTenant(config: TenantConfig): Tenant {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    fail((config as { id?: unknown } | null)?.id, `${path}: ${issue?.message ?? 'is invalid'}`);
  }
  const input = parsed.data;
  const presetName = (input.preset ?? 'default') as TenantPresetName;
  const preset = TENANT_PRESETS[presetName];
  if (preset === undefined) {
    fail(
      input.id,
      `unknown preset "${input.preset}" (known: ${Object.keys(TENANT_PRESETS).join(', ')})`,
    );
  }
  let policy: Policy;
  try {
    policy = definePolicy((input.policy ?? {}) as PolicyInput, preset.policy);
  } catch (error) {
    fail(input.id, `policy.${(error as Error).message}`);
  }
  const factors = [...(input.factors ?? preset.factors)];
  if (new Set(factors).size !== factors.length) fail(input.id, 'factors lists a factor twice');
  const steps = [...(input.steps ?? preset.steps)];
  checkStepOrder(input.id, steps, factors);
  if (input.passkeySignIn === true && !factors.includes('passkey')) {
    fail(input.id, 'passkeySignIn needs "passkey" among the factors');
  }
  const lockout = { ...preset.lockout, ...input.lockout };
  const session = { ...preset.session, ...input.session };
  if (session.absoluteTimeoutSeconds < session.idleTimeoutSeconds) {
    fail(input.id, 'session.absoluteTimeoutSeconds must be >= session.idleTimeoutSeconds');
  }
  const stepUp = {} as Record<StepUpAction, StepUpRule>;
  for (const action of Object.keys(preset.stepUp) as StepUpAction[]) {
    stepUp[action] = Object.freeze({ ...preset.stepUp[action], ...input.stepUp?.[action] });
  }
  return Object.freeze({
    id: input.id,
    displayName: input.displayName,
    preset: presetName,
    factors: Object.freeze(factors),
    steps: Object.freeze(steps),
    logoutBeforeFactorSetup: input.logoutBeforeFactorSetup ?? preset.logoutBeforeFactorSetup,
    policy,
    termsVersion: input.termsVersion ?? '1',
    flowIdleTimeoutSeconds: input.flowIdleTimeoutSeconds ?? preset.flowIdleTimeoutSeconds,
    temporaryPasswordTtlSeconds:
      input.temporaryPasswordTtlSeconds === undefined
        ? preset.temporaryPasswordTtlSeconds
        : input.temporaryPasswordTtlSeconds,
    lockout: Object.freeze(lockout),
    session: Object.freeze(session),
    stepUp: Object.freeze(stepUp),
    recovery: Object.freeze({ ...preset.recovery, ...input.recovery }),
    passkeySignIn: input.passkeySignIn ?? false,
    recoveryCodes: input.recoveryCodes ?? preset.recoveryCodes,
    timeZone: input.timeZone ?? 'Asia/Tokyo',
    locale: input.locale ?? preset.locale,
  });
}
