import { describe, expect, it } from 'vitest';
import { TotpError } from './TotpError.js';

describe('TotpError', () => {
  it('has a literal name, a code and a cause', () => {
    const cause = new Error('inner');
    const error = new TotpError('TOTP_DATA_INVALID', 'bad data', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'TotpError', code: 'TOTP_DATA_INVALID', cause });
  });
});
