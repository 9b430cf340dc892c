import type { Credential } from '@monban/core';
import type { CredentialStore } from '@monban/core/ports';
import { frozen } from '../frozen.js';
import { accountKey, lower } from '../keys.js';
import type { TableAccess, Tables } from '../tables.js';

/** Creation sequence shared by every memory storage of the process, to order `createdAt` ties. */
let sequence = 0;

/** The credentials of an account, in creation order (not yet sorted by `createdAt`). */
function credentialsOf(tables: Tables, tenantId: string, accountId: string): Credential[] {
  const ids = tables.accountCredentials.get(accountKey(tenantId, accountId)) ?? [];
  const found: Credential[] = [];
  for (const id of ids) {
    const credential = tables.credentials.get(id);
    if (credential !== undefined) found.push(credential);
  }
  return found;
}

function labelTaken(tables: Tables, credential: Credential): boolean {
  const label = lower(credential.label);
  for (const other of credentialsOf(tables, credential.tenantId, credential.accountId)) {
    if (other.id !== credential.id && lower(other.label) === label) return true;
  }
  return false;
}

/** Forgets `ids` of the account `key` in its index entry. */
function dropCredentialIds(tables: Tables, key: string, ids: readonly string[]): void {
  const left = (tables.accountCredentials.get(key) ?? []).filter((id) => !ids.includes(id));
  if (left.length === 0) tables.accountCredentials.delete(key);
  else tables.accountCredentials.set(key, left);
}

/** The credential store over `access`. */
export function createCredentialStore(access: TableAccess): CredentialStore {
  return {
    create: (credential) =>
      access.write((tables) => {
        if (tables.credentials.has(credential.id)) return { ok: false, conflict: 'id' as const };
        if (labelTaken(tables, credential)) return { ok: false, conflict: 'label' as const };
        const stored = frozen(credential);
        tables.credentials.set(credential.id, stored);
        tables.credentialOrder.set(credential.id, sequence++);
        const key = accountKey(credential.tenantId, credential.accountId);
        tables.accountCredentials.set(key, [
          ...(tables.accountCredentials.get(key) ?? []),
          credential.id,
        ]);
        return { ok: true, value: stored };
      }),
    get: (tenantId, id) =>
      access.read((tables) => {
        const found = tables.credentials.get(id);
        return found !== undefined && found.tenantId === tenantId ? found : null;
      }),
    listByAccount: (tenantId, accountId) =>
      access.read((tables) =>
        credentialsOf(tables, tenantId, accountId).sort(
          (a, b) =>
            a.createdAt - b.createdAt ||
            (tables.credentialOrder.get(a.id) ?? 0) - (tables.credentialOrder.get(b.id) ?? 0),
        ),
      ),
    update: (credential, expectedVersion) =>
      access.write((tables) => {
        const stored = tables.credentials.get(credential.id);
        // A credential never changes owner: an update naming another account finds nothing.
        if (
          !stored ||
          stored.tenantId !== credential.tenantId ||
          stored.accountId !== credential.accountId
        ) {
          return { ok: false, conflict: 'missing' as const };
        }
        if (stored.version !== expectedVersion) return { ok: false, conflict: 'version' as const };
        if (labelTaken(tables, credential)) return { ok: false, conflict: 'label' as const };
        const next: Credential = frozen({ ...credential, version: expectedVersion + 1 });
        tables.credentials.set(credential.id, next);
        return { ok: true, value: next };
      }),
    delete: (tenantId, accountId, id) =>
      access.write((tables) => {
        const stored = tables.credentials.get(id);
        if (!stored || stored.tenantId !== tenantId || stored.accountId !== accountId) return false;
        tables.credentialOrder.delete(id);
        dropCredentialIds(tables, accountKey(tenantId, accountId), [id]);
        return tables.credentials.delete(id);
      }),
    deleteByAccount: (tenantId, accountId) =>
      access.write((tables) => {
        const key = accountKey(tenantId, accountId);
        const ids = tables.accountCredentials.get(key) ?? [];
        let count = 0;
        for (const id of ids) {
          if (tables.credentials.delete(id)) count++;
          tables.credentialOrder.delete(id);
        }
        tables.accountCredentials.delete(key);
        return count;
      }),
  };
}
