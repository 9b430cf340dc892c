import { defaultPolicy } from './defaultPolicy.js';
import { definePolicy } from './definePolicy.js';
import type { Policy } from './types.js';

/**
 * The policy part of each tenant preset, reproducing the source manuals (`seeds/README.md`).
 * Step order, factors and terms belong to `@monban/core`.
 *
 * | preset | manual | user ID | password |
 * |---|---|---|---|
 * | `default` | Daiwa, `seeds/002_…` | 8-13 | 8-64 printable ASCII |
 * | `daiwa` | `seeds/002_…` | 8-13 | 8-64 printable ASCII |
 * | `jsw` | `seeds/003_…` | 8-13 | 8-20, upper + lower, must not contain the user ID |
 * | `kinkiDenshi` | `seeds/001_…` | 8-13 | 8-64, one each of upper/lower/digit/symbol |
 * | `ajinomoto` | `seeds/004_…` | 8-13 | 8-64 printable ASCII |
 * | `gsYuasa` | `seeds/000_…` | 8-13 | default (the manual states no rules) |
 *
 * @example
 * ```ts
 * import { presets, validatePassword } from '@monban/policy';
 *
 * validatePassword('alllowercase1', {}, presets.jsw).ok; // false: needs an upper-case letter
 * ```
 */
export const presets: {
  /** The default policy (Daiwa, the reference manual). */
  readonly default: Policy;
  /** Daiwa, `seeds/002_…`. */
  readonly daiwa: Policy;
  /** Japan Steel Works, `seeds/003_…`. */
  readonly jsw: Policy;
  /** Kinki Denshi, `seeds/001_…`. */
  readonly kinkiDenshi: Policy;
  /** Ajinomoto, `seeds/004_…`. */
  readonly ajinomoto: Policy;
  /** GS Yuasa, `seeds/000_…`. */
  readonly gsYuasa: Policy;
} = Object.freeze({
  default: defaultPolicy,
  // Daiwa (seeds/002_…, 「ユーザIDの最小文字数 8文字 / 最大文字数 13文字」, 「パスワードの最小文字数
  // 8文字 / 最大文字数 64文字」, 利用可能文字 半角英数字 + !"#$%&'()=~|`{+*}<>?_-^\@[;:],./). It is the
  // reference manual, so it is the default. Q7: password equal to the user ID is forbidden.
  daiwa: definePolicy({}),
  // Japan Steel Works (seeds/003_…): 「パスワードは8桁以上20桁以内、大文字・小文字を含んだ半角英数記号の
  // 使用が必須です。ログインIDを含むパスワードは登録できません。」 User ID: lowercased, otherwise default.
  jsw: definePolicy({
    password: {
      maxLength: 20,
      requireUppercase: true,
      requireLowercase: true,
      forbidUserIdInPassword: true,
    },
  }),
  // Kinki Denshi (seeds/001_…): 「パスワードは、半角英大小数字記号から最低1文字ずつ使用で、8桁以上」.
  // No maximum is stated, so the default 64 applies.
  kinkiDenshi: definePolicy({
    password: {
      requireUppercase: true,
      requireLowercase: true,
      requireDigit: true,
      requireSymbol: true,
    },
  }),
  // Ajinomoto (seeds/004_…): user ID 8-13 (same table as Daiwa), password 8-64, email at most 255
  // characters (error table No.4). Its symbol list shows `¥` where the Daiwa manual has `\` (the
  // same key in Japanese fonts); we accept the ASCII backslash and refuse U+00A5, as SPEC R-POL-2 says.
  ajinomoto: definePolicy({}),
  // GS Yuasa (seeds/000_…): the manual states no user-ID or password rules (「パスワードの強度
  // (最大文字数、利用文字)はご加入の健康保険組合からのご案内に即して登録をお願いします。」), so the
  // default applies.
  gsYuasa: definePolicy({}),
});
