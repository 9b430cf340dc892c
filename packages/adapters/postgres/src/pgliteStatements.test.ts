import { PGlite } from '@electric-sql/pglite';
import { makeAccount, makeCredential } from '@monban/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import { migrate } from './migrate.js';

/** The named prepared statements of the PGlite session. */
async function prepared(db: PGlite): Promise<{ name: string; statement: string }[]> {
  const { rows } = await db.query<{ name: string; statement: string }>(
    "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'monban\\_%' ORDER BY name",
  );
  return rows;
}

describe('named prepared statements on PGlite (preparedStatements, wire protocol)', () => {
  let db: PGlite;
  beforeEach(async () => {
    db = new PGlite();
    await migrate(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('each parameterized statement is prepared once per instance, then reused', async () => {
    const storage = createPostgresStorage({ db });
    const account = makeAccount({ tenantId: 't', accountId: 'a1', userId: 'member0001' });
    expect((await storage.accounts.create(account)).ok).toBe(true);
    await storage.credentials.create(makeCredential({ id: 'c1', tenantId: 't', accountId: 'a1' }));
    const first = await storage.loadMember?.('t', 'member0001');
    expect(first?.account).toEqual(account);
    const names = await prepared(db);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names.some((n) => n.statement.includes('FROM monban_accounts a WHERE'))).toBe(true);
    // The same calls again, for another member, and through a second storage on the same
    // instance: the same statements, nothing prepared twice.
    expect(await storage.loadMember?.('t', 'member0001')).toEqual(first);
    expect(await storage.loadMember?.('t', 'nobody')).toBeNull();
    const second = createPostgresStorage({ db });
    expect(await second.loadMember?.('t', 'member0001')).toEqual(first);
    expect(await prepared(db)).toEqual(names);
  });

  it('values round-trip exactly: non-ASCII text, NULL, JSON, bigint milliseconds', async () => {
    const storage = createPostgresStorage({ db });
    const account = makeAccount({
      tenantId: 'テナント',
      accountId: 'a-日本',
      userId: 'yamada_太郎',
      email: 'taro@example.jp',
      birthDate: '1990-04-01',
      lock: null,
      passwordChangedAt: 1_790_000_000_123,
      createdAt: 1_790_000_000_456,
    });
    expect((await storage.accounts.create(account)).ok).toBe(true);
    expect(await storage.accounts.findById('テナント', 'a-日本')).toEqual(account);
    const viaQuery = createPostgresStorage({ db, preparedStatements: false });
    expect(await viaQuery.accounts.findById('テナント', 'a-日本')).toEqual(account);
    expect(
      await storage.flows.create({
        id: 'f-1',
        tenantId: 'テナント',
        accountId: 'a-日本',
        state: { step: '利用規約', nested: { list: [1, '二', null] } } as never,
        version: 1,
        expiresAt: 1_790_000_060_000,
      }),
    ).toBeUndefined();
    expect(await storage.flows.get('f-1', 1_790_000_000_000)).toEqual(
      await viaQuery.flows.get('f-1', 1_790_000_000_000),
    );
    expect((await storage.flows.get('f-1', 1_790_000_000_000))?.state).toEqual({
      step: '利用規約',
      nested: { list: [1, '二', null] },
    });
  });

  it('a unique violation still answers with its constraint (nothing written)', async () => {
    const storage = createPostgresStorage({ db });
    const account = makeAccount({ tenantId: 't', accountId: 'a1', userId: 'member0001' });
    expect((await storage.accounts.create(account)).ok).toBe(true);
    const duplicate = await storage.accounts.create({ ...account, accountId: 'a2' });
    expect(duplicate.ok).toBe(false);
    expect(await storage.accounts.findById('t', 'a2')).toBeNull();
  });

  it('survives the application deallocating every statement (DEALLOCATE ALL)', async () => {
    const storage = createPostgresStorage({ db });
    expect(await storage.counters.increment('k', 60_000, 1000)).toEqual({
      count: 1,
      expiresAt: 61_000,
    });
    expect((await prepared(db)).length).toBe(1);
    await db.exec('DEALLOCATE ALL');
    expect(await prepared(db)).toEqual([]);
    expect(await storage.counters.increment('k', 60_000, 2000)).toEqual({
      count: 2,
      expiresAt: 61_000,
    });
    expect((await prepared(db)).length).toBe(1);
  });

  it('survives a migration changing a result column type under a prepared statement', async () => {
    const storage = createPostgresStorage({ db });
    expect((await storage.counters.increment('k', 60_000, 1000)).count).toBe(1);
    await db.exec('ALTER TABLE monban_counters ALTER COLUMN count TYPE bigint');
    // Without preparing again PostgreSQL refuses: "cached plan must not change result type".
    expect((await storage.counters.increment('k', 60_000, 2000)).count).toBe(2);
    expect(await storage.counters.get('k', 3000)).toBe(2);
  });

  it("waits for the application's open PGlite transaction instead of joining it", async () => {
    const storage = createPostgresStorage({ db });
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => {
      inside = resolve;
    });
    let finish!: () => void;
    const release = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const transaction = db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO monban_counters VALUES ('other', 1, 99999)");
        inside();
        await release;
        await tx.rollback();
      })
      .catch(() => {});
    await opened;
    // Issued while the transaction is open: it must run after it, outside it.
    const increment = storage.counters.increment('k', 60_000, 1000);
    finish();
    await transaction;
    expect(await increment).toEqual({ count: 1, expiresAt: 61_000 });
    // The rollback took the transaction's row, not the increment.
    expect(await storage.counters.get('k', 2000)).toBe(1);
    expect(await storage.counters.get('other', 2000)).toBe(0);
  });

  it('preparedStatements: false uses PGlite query (nothing prepared) with the same answers', async () => {
    const storage = createPostgresStorage({ db, preparedStatements: false });
    const account = makeAccount({ tenantId: 't', accountId: 'a2', userId: 'member0002' });
    expect((await storage.accounts.create(account)).ok).toBe(true);
    await storage.credentials.create(makeCredential({ id: 'c3', tenantId: 't', accountId: 'a2' }));
    const loaded = await storage.loadMember?.('t', 'member0002');
    expect(loaded?.account).toEqual(account);
    expect(loaded?.credentials.map((c) => c.id)).toEqual(['c3']);
    expect(await prepared(db)).toEqual([]);
  });

  it('a closed instance fails closed with STORAGE_UNAVAILABLE', async () => {
    const storage = createPostgresStorage({ db });
    await db.close();
    await expect(storage.counters.get('k', 1)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    db = new PGlite(); // for afterEach
  });
});
