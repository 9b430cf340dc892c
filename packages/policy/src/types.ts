/**
 * Shared public types of `@monban/policy`.
 * @packageDocumentation
 */

/** A message locale. Every issue code has a message in both. */
export type Locale = 'ja' | 'en';

/**
 * One validation failure: a stable `code` plus the parameters its message needs
 * (for example `{ code: 'PASSWORD_TOO_SHORT', min: 8, max: 64 }`).
 */
export interface Issue {
  /** Stable machine-readable code, e.g. `USER_ID_TOO_LONG`. */
  code: string;
  /** Message parameters (`min`, `max`, `characters`, `reason`, ...). */
  [param: string]: unknown;
}

/**
 * Result of validating untrusted input. Validators never throw on user input; they report
 * every failure at once in `issues`.
 */
export type ValidationResult<T> =
  | {
      /** The input is valid. */
      ok: true;
      /** The normalized value to use or store. */
      value: T;
    }
  | {
      /** The input is not valid. */
      ok: false;
      /** Every failure, at least one. */
      issues: Issue[];
    };

/** A fully resolved, frozen validation policy (one per tenant). Build one with `definePolicy`. */
export interface Policy {
  /** User-ID rules (R-POL-1). Lengths count code points after normalization. */
  userId: {
    /** Fewest characters (default 8). */
    minLength: number;
    /** Most characters (default 13). */
    maxLength: number;
  };
  /** Password rules (R-POL-2). Lengths count code points. */
  password: {
    /** Fewest characters (default 8). */
    minLength: number;
    /** Most characters (default 64; JSW 20). Longer passwords are refused, never truncated. */
    maxLength: number;
    /** `printable-ascii`: only U+0021..U+007E are allowed. */
    allowedCharacters: 'printable-ascii';
    /** At least one of `A-Z`. */
    requireUppercase: boolean;
    /** At least one of `a-z`. */
    requireLowercase: boolean;
    /** At least one of `0-9`. */
    requireDigit: boolean;
    /** At least one printable ASCII symbol. */
    requireSymbol: boolean;
    /** Refuse passwords that contain the user ID (JSW). Equality is always refused. */
    forbidUserIdInPassword: boolean;
    /** Refuse passwords containing the birth date as `YYYYMMDD`. */
    forbidBirthDate: boolean;
    /** Refuse passwords found in the shipped common-password list. */
    blocklist: boolean;
  };
  /** Email rules (R-POL-3). */
  email: {
    /** Most characters (default 255). */
    maxLength: number;
  };
  /** Device / passkey label rules (R-POL-5). */
  deviceName: {
    /** Most characters (default 64). */
    maxLength: number;
  };
}

/** Partial policy settings, deep-merged over a base policy by `definePolicy`. */
export type PolicyInput = {
  /** User-ID settings to change. */
  userId?: Partial<Policy['userId']>;
  /** Password settings to change. */
  password?: Partial<Policy['password']>;
  /** Email settings to change. */
  email?: Partial<Policy['email']>;
  /** Device-name settings to change. */
  deviceName?: Partial<Policy['deviceName']>;
};

/** What `validatePassword` compares the new password with. All fields are optional. */
export interface PasswordContext {
  /** The member's user ID (normalized before comparing). */
  userId?: string;
  /** The current (or temporary) password; the new one must differ. */
  currentPassword?: string;
  /** The "password (confirmation)" field; must match exactly. */
  confirmation?: string;
  /** Birth date, `YYYY-MM-DD` or `YYYYMMDD`. */
  birthDate?: string;
  /** The tenant's display name; a password equal to it is refused. */
  tenantName?: string;
}

/** A message with `{param}` placeholders. Array parameters are joined with the locale's separator. */
export type MessageTemplate = string;

/** Messages of one locale keyed by issue code (or `CODE.reason` for a reason-specific text). */
export type MessageCatalog = Readonly<Record<string, MessageTemplate>>;

/** Application-supplied messages that win over every catalog. */
export type MessageOverrides = Partial<Record<Locale, Partial<Record<string, MessageTemplate>>>>;
