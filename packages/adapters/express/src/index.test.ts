import { describe, expect, it } from 'vitest';
import { setupEnv } from '../../../http/test/harness.js';
import * as pkg from './index.js';

describe('@monban/express public surface', () => {
  it('exports exactly monbanExpress', () => {
    expect(Object.keys(pkg).sort()).toEqual(['monbanExpress']);
  });

  it('monbanExpress returns the API middleware carrying exactly these members (R-INT-1)', () => {
    const auth = pkg.monbanExpress({ http: setupEnv().http });
    expect(typeof auth).toBe('function');
    expect(Object.keys(auth).sort()).toEqual([
      'http',
      'readSession',
      'requireRecentAuth',
      'requireSession',
    ]);
  });
});
