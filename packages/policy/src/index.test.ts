import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public surface', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'defaultPolicy',
      'definePolicy',
      'deriveMigrationPassword',
      'formatIssue',
      'isCommonPassword',
      'issueCodes',
      'mergeCatalogs',
      'messages',
      'normalizeEmail',
      'normalizeOneTimeCode',
      'normalizeUserId',
      'presets',
      'validateBirthDate',
      'validateDeviceName',
      'validateEmail',
      'validateMemberName',
      'validatePassword',
      'validateUserId',
    ]);
  });

  it('exports functions and frozen values of the promised kinds', () => {
    const functions = Object.entries(api)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .sort();
    expect(functions).toEqual([
      'definePolicy',
      'deriveMigrationPassword',
      'formatIssue',
      'isCommonPassword',
      'mergeCatalogs',
      'normalizeEmail',
      'normalizeOneTimeCode',
      'normalizeUserId',
      'validateBirthDate',
      'validateDeviceName',
      'validateEmail',
      'validateMemberName',
      'validatePassword',
      'validateUserId',
    ]);
    expect(Object.isFrozen(api.defaultPolicy)).toBe(true);
    expect(Object.isFrozen(api.presets)).toBe(true);
    expect(Object.isFrozen(api.messages.ja)).toBe(true);
    expect(Object.keys(api.presets).sort()).toEqual([
      'ajinomoto',
      'daiwa',
      'default',
      'gsYuasa',
      'jsw',
      'kinkiDenshi',
    ]);
  });
});
