import ts from 'typescript';
import { expect, test } from 'vitest';
import * as api from './index.js';
import * as machine from './machine/index.js';
import * as ports from './ports/index.js';

test('public surface of @monban/core: exactly these runtime exports', () => {
  expect(Object.keys(api).sort()).toEqual([
    'CORE_ERROR_CODES',
    'ENROLLMENT_STEPS',
    'FACTOR_KINDS',
    'MonbanError',
    'STEP_UP_ACTIONS',
    'TENANT_PRESETS',
    'coreMessages',
    'createMonban',
    'defaultMailTemplates',
    'defineTenant',
    'escapeHtml',
    'isMonbanError',
    'normalizeRecoveryCode',
    'requireRecentAuth',
    'safeReturnTo',
  ]);
});

test('public surface of @monban/core/ports: exactly these runtime exports', () => {
  expect(Object.keys(ports).sort()).toEqual([
    'createCompositeStorage',
    'cryptoRandom',
    'loadSessionApart',
    'systemClock',
    'withStorageDefaults',
  ]);
});

test('public surface of @monban/core/machine: exactly these runtime exports', () => {
  expect(Object.keys(machine).sort()).toEqual([
    'EVENT_STEP',
    'FLOW_STEPS',
    'currentStep',
    'isFlowExpired',
    'planFlow',
    'planPasskeySignIn',
    'planRecovery',
    'toMermaid',
    'transition',
  ]);
});

test('@monban/core exports at most 60 names, types included, and exactly these', () => {
  const entry = decodeURIComponent(new URL('./index.ts', import.meta.url).pathname);
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const symbol = source && checker.getSymbolAtLocation(source);
  const names = symbol
    ? checker
        .getExportsOfModule(symbol)
        .map((s) => s.name)
        .sort()
    : [];
  expect(names.length).toBeLessThanOrEqual(60);
  expect(names).toEqual([
    'Account',
    'CORE_ERROR_CODES',
    'CoreErrorCode',
    'Credential',
    'ENROLLMENT_STEPS',
    'EnrollmentStep',
    'FACTOR_KINDS',
    'Factor',
    'FactorBegin',
    'FactorContext',
    'FactorEnrolled',
    'FactorFailure',
    'FactorFailureCodes',
    'FactorKind',
    'FactorSummary',
    'FactorVerified',
    'Failure',
    'FlowAnswer',
    'FlowRecord',
    'FlowStep',
    'FlowView',
    'JsonObject',
    'JsonValue',
    'LinkSettings',
    'MailDataByKind',
    'MailKind',
    'MailTemplates',
    'MigrationRecord',
    'Monban',
    'MonbanError',
    'MonbanErrorCode',
    'MonbanIssue',
    'MonbanOptions',
    'PasskeySignInAnswer',
    'Proof',
    'ProvisionInput',
    'RecoveryCodesStatus',
    'Result',
    'STEP_UP_ACTIONS',
    'Session',
    'SessionGrant',
    'SessionSummary',
    'SessionView',
    'SignInClaim',
    'SignInContext',
    'StepUpAction',
    'TENANT_PRESETS',
    'Tenant',
    'TenantConfig',
    'TenantPresetName',
    'TokenRecord',
    'coreMessages',
    'createMonban',
    'defaultMailTemplates',
    'defineTenant',
    'escapeHtml',
    'isMonbanError',
    'normalizeRecoveryCode',
    'requireRecentAuth',
    'safeReturnTo',
  ]);
});
