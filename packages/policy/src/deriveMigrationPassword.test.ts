import { describe, expect, it } from 'vitest';
import { deriveMigrationPassword } from './deriveMigrationPassword.js';
import { validatePassword } from './validatePassword.js';

describe('deriveMigrationPassword', () => {
  it.each(['19801201', '1980-12-01', '１９８０１２０１'])(
    'reproduces the JSW example (記号 12, 番号 3456789, birth date %j)',
    (birthDate) => {
      expect(deriveMigrationPassword({ symbol: '12', number: '3456789', birthDate })).toBe(
        '12345678919801201',
      );
    },
  );

  it('normalizes full-width symbol and number', () => {
    expect(
      deriveMigrationPassword({
        symbol: '１２',
        number: ' ３４５６７８９ ',
        birthDate: '19801201',
      }),
    ).toBe('12345678919801201');
  });

  it('produces a password the default policy accepts when no birth date is in the context', () => {
    const password = deriveMigrationPassword({
      symbol: '12',
      number: '3456789',
      birthDate: '19801201',
    });
    expect(validatePassword(password).ok).toBe(true);
  });

  it.each([
    [{ symbol: '', number: '3456789', birthDate: '19801201' }],
    [{ symbol: '12', number: '', birthDate: '19801201' }],
    [{ symbol: '12', number: '3456789', birthDate: '19801301' }],
    [{ symbol: '12', number: '3456789', birthDate: '' }],
    [{ symbol: '東12', number: '3456789', birthDate: '19801201' }],
  ])('throws TypeError on bad provisioning data %j', (input) => {
    expect(() => deriveMigrationPassword(input)).toThrow(TypeError);
  });
});
