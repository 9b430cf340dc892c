/**
 * `@monban/test-utils`: the `Storage` conformance suite every adapter runs, record builders, a
 * manual clock, an honest TOTP-style test factor, a software WebAuthn authenticator, and a test
 * Monban service with a first-login walker. For tests only; needs Vitest.
 * @packageDocumentation
 */
export {
  describeStorageConformance,
  type StorageConformanceSetup,
} from './conformance/describeStorageConformance.js';
export { createManualClock, type ManualClock } from './createManualClock.js';
export { createTestFactor, type TestFactor } from './createTestFactor.js';
export { createTestMonban, TEST_START, type TestMonban } from './createTestMonban.js';
export { makeAccount } from './makeAccount.js';
export { makeCredential } from './makeCredential.js';
export { makeFactorContext } from './makeFactorContext.js';
export { makeFlow } from './makeFlow.js';
export { makeSession } from './makeSession.js';
export { makeTokenRecord } from './makeTokenRecord.js';
export {
  createSoftwareAuthenticator,
  type SoftwareAuthenticationResponse,
  type SoftwareAuthenticator,
  type SoftwareAuthenticatorAlgorithm,
  type SoftwareAuthenticatorOptions,
  type SoftwareCreateOverrides,
  type SoftwareCreationOptions,
  type SoftwareCredential,
  type SoftwareGetOverrides,
  type SoftwareRegistrationResponse,
  type SoftwareRequestOptions,
} from './softwareAuthenticator/createSoftwareAuthenticator.js';
export { testFactorCode } from './testFactorCode.js';
export {
  expectOk,
  type FirstLoginAnswers,
  type FirstLoginWalked,
  walkFirstLogin,
} from './walkFirstLogin.js';
