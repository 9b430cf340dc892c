import { Overlay } from './table.js';
import type { CommittedTables, Tables } from './tables.js';

/** A transaction's view of `tables` and the commit that applies its writes to them. */
export function overlayTables(tables: CommittedTables): { working: Tables; commit(): void } {
  const overlays = {
    accounts: new Overlay(tables.accounts),
    credentials: new Overlay(tables.credentials),
    flows: new Overlay(tables.flows),
    credentialOrder: new Overlay(tables.credentialOrder),
    userIds: new Overlay(tables.userIds),
    emails: new Overlay(tables.emails),
    accountCredentials: new Overlay(tables.accountCredentials),
  };
  return {
    working: overlays,
    commit: () => {
      for (const overlay of Object.values(overlays)) overlay.commit();
    },
  };
}
