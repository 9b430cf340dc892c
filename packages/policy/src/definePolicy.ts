import { z } from 'zod';
import { defaultPolicy } from './defaultPolicy.js';
import { deepFreeze } from './internal/freeze.js';
import type { Policy, PolicyInput } from './types.js';

function int(min: number, max: number) {
  const error = `must be an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const bool = () => z.boolean({ error: 'must be true or false' });

const objectError = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? 'is not a known setting' : 'must be an object',
};

const userIdShape = { minLength: int(1, 255), maxLength: int(1, 255) };
const passwordShape = {
  minLength: int(1, 4096),
  maxLength: int(1, 4096),
  allowedCharacters: z.literal('printable-ascii', { error: "must be 'printable-ascii'" }),
  requireUppercase: bool(),
  requireLowercase: bool(),
  requireDigit: bool(),
  requireSymbol: bool(),
  forbidUserIdInPassword: bool(),
  forbidBirthDate: bool(),
  blocklist: bool(),
};
const emailShape = { maxLength: int(6, 320) };
const deviceNameShape = { maxLength: int(1, 1024) };

const sectionError = { error: 'must be an object' };

const inputSchema = z.strictObject(
  {
    userId: z.strictObject(userIdShape, objectError).partial().optional(),
    password: z.strictObject(passwordShape, objectError).partial().optional(),
    email: z.strictObject(emailShape, objectError).partial().optional(),
    deviceName: z.strictObject(deviceNameShape, objectError).partial().optional(),
  },
  objectError,
);

const policySchema = z
  .object({
    userId: z.object(userIdShape, sectionError),
    password: z.object(passwordShape, sectionError),
    email: z.object(emailShape, sectionError),
    deviceName: z.object(deviceNameShape, sectionError),
  })
  .superRefine((p, ctx) => {
    for (const section of ['userId', 'password'] as const) {
      if (p[section].minLength > p[section].maxLength) {
        ctx.addIssue({
          code: 'custom',
          path: [section, 'minLength'],
          message: `must not be greater than ${section}.maxLength (${p[section].maxLength})`,
        });
      }
    }
  });

/** Drops `undefined` entries so `{ maxLength: undefined }` keeps the base value. */
function defined<T extends object>(section: T | undefined): Partial<T> {
  if (section === undefined) return {};
  return Object.fromEntries(
    Object.entries(section).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function describeFailure(error: z.ZodError, prefix: string): string {
  const lines = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys
      .map((key) => {
        const path = [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.');
        return `${prefix}${path === '' ? 'policy' : path} ${issue.message}`;
      })
      .join('; ');
  });
  return lines.join('; ');
}

/**
 * Builds a tenant policy: deep-merges `input` over `base` (default: {@link defaultPolicy}),
 * validates every field and returns a frozen {@link Policy}. Call it at start-up: a bad field
 * throws a `TypeError` naming its path, e.g. `password.minLength must be an integer from 1 to
 * 4096`, and so does a `minLength` greater than its `maxLength` or an unknown setting.
 *
 * @throws TypeError when a setting is invalid.
 * @example
 * ```ts
 * import { definePolicy } from '@monban/policy';
 *
 * const jswLike = definePolicy({
 *   password: { maxLength: 20, requireUppercase: true, requireLowercase: true },
 * });
 * jswLike.password.maxLength; // 20
 * ```
 */
export function definePolicy(input: PolicyInput = {}, base: Policy = defaultPolicy): Policy {
  const parsedInput = inputSchema.safeParse(input);
  if (!parsedInput.success) throw new TypeError(describeFailure(parsedInput.error, ''));
  const patch = parsedInput.data;
  const merged = {
    userId: { ...base?.userId, ...defined(patch.userId) },
    password: { ...base?.password, ...defined(patch.password) },
    email: { ...base?.email, ...defined(patch.email) },
    deviceName: { ...base?.deviceName, ...defined(patch.deviceName) },
  };
  const parsed = policySchema.safeParse(merged);
  if (!parsed.success) throw new TypeError(describeFailure(parsed.error, ''));
  return deepFreeze(parsed.data);
}
