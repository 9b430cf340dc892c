import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Conformance tests of `storage.tokens`. */
export function tokenTests(c: SuiteContext): void {
  describe('tokens', () => {
    it('get reads without consuming; consume returns the record once', async () => {
      const tokens = c.storage().tokens;
      const record = c.token({ data: { codeHash: 'abc', attempts: 0 } });
      await tokens.put(record);
      expect(await tokens.get(record.key, record.purpose, T0)).toEqual(record);
      expect(await tokens.get(record.key, record.purpose, T0)).toEqual(record);
      expect(await tokens.consume(record.key, record.purpose, T0)).toEqual(record);
      expect(await tokens.consume(record.key, record.purpose, T0)).toBeNull();
      expect(await tokens.get(record.key, record.purpose, T0)).toBeNull();
    });

    it('ACCEPTANCE 25: put replaces the record under the same key (only the newest is valid)', async () => {
      const tokens = c.storage().tokens;
      await tokens.put(c.token({ data: { code: 'first' } }));
      await tokens.put(c.token({ data: { code: 'second' }, expiresAt: T0 + 60_000 }));
      const consumed = await tokens.consume(c.id('k1'), 'reset', T0);
      expect(consumed).toMatchObject({ data: { code: 'second' }, expiresAt: T0 + 60_000 });
      expect(await tokens.consume(c.id('k1'), 'reset', T0)).toBeNull();
    });

    it('CVE-2022-39263 regression: a record is not found under another purpose', async () => {
      const tokens = c.storage().tokens;
      await tokens.put(c.token({ purpose: 'verify-email' }));
      expect(await tokens.get(c.id('k1'), 'reset', T0)).toBeNull();
      expect(await tokens.consume(c.id('k1'), 'reset', T0)).toBeNull();
      expect(await tokens.consume(c.id('missing'), 'verify-email', T0)).toBeNull();
    });

    it('ACCEPTANCE 27: a token is accepted just before expiresAt and refused from then on', async () => {
      const tokens = c.storage().tokens;
      const expiresAt = T0 + 5 * 60_000;
      await tokens.put(c.token({ key: c.id('a'), expiresAt }));
      await tokens.put(c.token({ key: c.id('b'), expiresAt }));
      expect(await tokens.get(c.id('a'), 'reset', expiresAt - 1_000)).not.toBeNull();
      expect(await tokens.consume(c.id('a'), 'reset', expiresAt - 1_000)).not.toBeNull();
      expect(await tokens.get(c.id('b'), 'reset', expiresAt)).toBeNull();
      expect(await tokens.consume(c.id('b'), 'reset', expiresAt)).toBeNull();
      expect(await tokens.consume(c.id('b'), 'reset', expiresAt + 1_000)).toBeNull();
    });

    it('delete returns whether the record existed', async () => {
      await c.storage().tokens.put(c.token());
      expect(await c.storage().tokens.delete(c.id('k1'))).toBe(true);
      expect(await c.storage().tokens.get(c.id('k1'), 'reset', T0)).toBeNull();
      expect(await c.storage().tokens.delete(c.id('k1'))).toBe(false);
    });

    it('ACCEPTANCE 21/26: 50 parallel consumes of one token, exactly one gets the record', async () => {
      const tokens = c.storage().tokens;
      const record = c.token({ purpose: 'webauthn-challenge' });
      await tokens.put(record);
      const results = await Promise.all(
        Array.from({ length: 50 }, () => tokens.consume(record.key, record.purpose, T0)),
      );
      const won = results.filter((result) => result !== null);
      expect(won).toEqual([record]);
    });
  });
}
