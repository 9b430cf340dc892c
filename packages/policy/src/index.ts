/**
 * `@monban/policy`: validation of user IDs, passwords, email addresses, birth dates, device names,
 * members' names and one-time codes; tenant presets; ja/en messages for every issue code.
 * @packageDocumentation
 */
export { defaultPolicy } from './defaultPolicy.js';
export { definePolicy } from './definePolicy.js';
export { deriveMigrationPassword } from './deriveMigrationPassword.js';
export { formatIssue } from './formatIssue.js';
export { isCommonPassword } from './isCommonPassword.js';
export { type IssueCode, issueCodes } from './issueCodes.js';
export { mergeCatalogs } from './mergeCatalogs.js';
export { messages } from './messages.js';
export { normalizeEmail } from './normalizeEmail.js';
export { normalizeOneTimeCode } from './normalizeOneTimeCode.js';
export { normalizeUserId } from './normalizeUserId.js';
export { presets } from './presets.js';
export type {
  Issue,
  Locale,
  MessageCatalog,
  MessageOverrides,
  MessageTemplate,
  PasswordContext,
  Policy,
  PolicyInput,
  ValidationResult,
} from './types.js';
export { validateBirthDate } from './validateBirthDate.js';
export { validateDeviceName } from './validateDeviceName.js';
export { validateEmail } from './validateEmail.js';
export { validateMemberName } from './validateMemberName.js';
export { validatePassword } from './validatePassword.js';
export { validateUserId } from './validateUserId.js';
