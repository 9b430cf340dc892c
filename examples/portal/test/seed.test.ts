import { PGlite } from '@electric-sql/pglite';
import { createPostgresStorage } from '@monban/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortal, type Portal } from '../src/createPortal.js';
import { generateSecrets } from '../src/secrets.js';
import { seedMembers } from '../src/seed.js';
import { DEMO_TENANTS, MIGRATED_MEMBER } from '../src/tenants.js';

describe('seeded members (no browser)', () => {
  const db = new PGlite();
  const storage = createPostgresStorage({ db, migrate: true });
  let portal: Portal;
  beforeAll(async () => {
    portal = await createPortal({
      origin: 'http://localhost:3000',
      storage,
      secrets: generateSecrets(),
    });
  });
  afterAll(async () => {
    await portal.app.close();
    await db.close();
  });

  const nameOf = async (tenantId: string, userId: string) =>
    (await storage.accounts.findByUserId(tenantId, userId))?.displayName;

  it("each tenant's member and the migrated member carry their names", async () => {
    const seeded = await seedMembers(portal.services, storage);
    expect(seeded.every((m) => m.state === 'new')).toBe(true);
    for (const tenant of DEMO_TENANTS) {
      expect(await nameOf(tenant.id, tenant.member.userId), tenant.id).toBe(tenant.member.name);
    }
    expect(await nameOf(MIGRATED_MEMBER.tenantId, MIGRATED_MEMBER.userId)).toBe('日鋼 三郎');
    expect(DEMO_TENANTS.map((t) => t.member.name)).toEqual([
      '大和 太郎',
      '日鋼 花子',
      '湯浅 一郎',
      '近畿 次郎',
      '味の素 桜',
      '門番 太郎',
    ]);
  });

  it('seeding again leaves members alone, but names one seeded before names were kept', async () => {
    const daiwa = DEMO_TENANTS[0]!;
    const before = (await storage.accounts.findByUserId(daiwa.id, daiwa.member.userId))!;
    const saved = await storage.accounts.update({ ...before, displayName: null }, before.version);
    expect(saved.ok).toBe(true);
    const seeded = await seedMembers(portal.services, storage);
    expect(seeded.every((m) => m.state === 'pending')).toBe(true);
    const after = await storage.accounts.findByUserId(daiwa.id, daiwa.member.userId);
    expect(after).toMatchObject({
      displayName: '大和 太郎',
      passwordHash: before.passwordHash,
      status: 'provisioned',
    });
    expect(await nameOf('jsw', 'jsw00001')).toBe('日鋼 花子');
  });
});
