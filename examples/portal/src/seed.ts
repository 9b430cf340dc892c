/**
 * Seeds the demo members idempotently: each tenant's temporary member and the migrated member
 * are created, with their names, when their user ID is free, and left alone otherwise (but for
 * the name, given to a member seeded before names were kept).
 * @module
 */
import type { Monban } from '@monban/core';
import type { Storage } from '@monban/core/ports';
import { deriveMigrationPassword } from '@monban/policy';
import { DEMO_TENANTS, MIGRATED_MEMBER } from './tenants.js';

/** A seeded member and whether its temporary credentials still work. */
export interface SeededMember {
  tenantId: string;
  userId: string;
  password: string;
  /** `new`: just created; `pending`: created earlier, first login not done; `used`: activated. */
  state: 'new' | 'pending' | 'used';
  migrated: boolean;
}

/** The seeded member's state, or `null` when it is not there; a nameless one gets `name`. */
async function stateOf(
  storage: Storage,
  tenantId: string,
  userId: string,
  name: string,
): Promise<SeededMember['state'] | null> {
  const account = await storage.accounts.findByUserId(tenantId, userId);
  if (account === null) return null;
  if (account.displayName === null) {
    // Seeded by an earlier version of the demo, before members' names were kept.
    await storage.accounts.update({ ...account, displayName: name }, account.version);
  }
  return account.status === 'provisioned' ? 'pending' : 'used';
}

/** Creates the missing demo members; returns every one of them for printing. */
export async function seedMembers(
  services: ReadonlyMap<string, Monban>,
  storage: Storage,
): Promise<SeededMember[]> {
  const seeded: SeededMember[] = [];
  for (const tenant of DEMO_TENANTS) {
    const monban = services.get(tenant.id) as Monban;
    const { userId, temporaryPassword, birthDate, name } = tenant.member;
    let state = await stateOf(storage, tenant.id, userId, name);
    if (state === null) {
      const created = await monban.provisionMember({
        tenantId: tenant.id,
        userId,
        temporaryPassword,
        birthDate,
        name,
      });
      if (!created.ok) throw new Error(`seeding ${tenant.id}: ${created.error.code}`);
      state = 'new';
    }
    seeded.push({
      tenantId: tenant.id,
      userId,
      password: temporaryPassword,
      state,
      migrated: false,
    });
  }
  const m = MIGRATED_MEMBER;
  const monban = services.get(m.tenantId) as Monban;
  let state = await stateOf(storage, m.tenantId, m.userId, m.name);
  if (state === null) {
    const [created] = await monban.provisionMigratedMembers({ tenantId: m.tenantId, records: [m] });
    if (!created?.ok) throw new Error(`seeding the migrated member: ${JSON.stringify(created)}`);
    state = 'new';
  }
  seeded.push({
    tenantId: m.tenantId,
    userId: m.userId,
    password: deriveMigrationPassword(m),
    state,
    migrated: true,
  });
  return seeded;
}
