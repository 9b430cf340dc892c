/**
 * Option validation for `createTotpFactor` (caller mistakes throw `TypeError` at construction).
 * @module
 */
import { TOTP_ALGORITHMS, type TotpAlgorithm } from './hotp.js';

/** Settings a tenant may override. */
export interface TotpSettings {
  /** Steps accepted on each side of the current one (0-10). */
  window: number;
  /** How far off a code may be and still get the clock-skew diagnosis (seconds, 0-3600; 0 = off). */
  skewLimitSeconds: number;
  /** Code length for new devices (6-8). */
  digits: number;
  /** Time step for new devices (10-300 s). */
  periodSeconds: number;
  /** HMAC hash for new devices. */
  algorithm: TotpAlgorithm;
  /** Issuer shown in the app; `null` = the tenant's display name. */
  issuer: string | null;
}

const CALLER = 'createTotpFactor';

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${CALLER}: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Applies `overrides` on top of `base`, validating each given value. */
export function resolveSettings(
  base: TotpSettings,
  overrides: Partial<Record<keyof TotpSettings, unknown>> | undefined,
  where: string,
): TotpSettings {
  if (overrides === undefined) return base;
  if (typeof overrides !== 'object' || overrides === null) {
    throw new TypeError(`${CALLER}: ${where} must be an object`);
  }
  const out = { ...base };
  if (overrides.window !== undefined)
    out.window = integer(`${where}.window`, overrides.window, 0, 10);
  if (overrides.skewLimitSeconds !== undefined) {
    out.skewLimitSeconds = integer(
      `${where}.skewLimitSeconds`,
      overrides.skewLimitSeconds,
      0,
      3600,
    );
  }
  if (overrides.digits !== undefined)
    out.digits = integer(`${where}.digits`, overrides.digits, 6, 8);
  if (overrides.periodSeconds !== undefined) {
    out.periodSeconds = integer(`${where}.periodSeconds`, overrides.periodSeconds, 10, 300);
  }
  if (overrides.algorithm !== undefined) {
    if (!TOTP_ALGORITHMS.includes(overrides.algorithm as TotpAlgorithm)) {
      throw new TypeError(
        `${CALLER}: ${where}.algorithm must be one of ${TOTP_ALGORITHMS.join(', ')}`,
      );
    }
    out.algorithm = overrides.algorithm as TotpAlgorithm;
  }
  if (overrides.issuer !== undefined) {
    if (typeof overrides.issuer !== 'string' || overrides.issuer.trim() === '') {
      throw new TypeError(`${CALLER}: ${where}.issuer must be a non-empty string`);
    }
    out.issuer = overrides.issuer;
  }
  return Object.freeze(out);
}

/** Checks a plain integer option. */
export function integerOption(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  return value === undefined ? fallback : integer(name, value, min, max);
}
