import type { FlowStore } from '@monban/core/ports';
import { frozen } from '../frozen.js';
import type { TableAccess } from '../tables.js';

/** The flow store over `access`. */
export function createFlowStore(access: TableAccess): FlowStore {
  return {
    create: (flow) =>
      access.write((tables) => {
        if (tables.flows.has(flow.id)) throw new TypeError(`Flow ${flow.id} already exists`);
        tables.flows.set(flow.id, frozen(flow));
      }),
    get: (id, now) =>
      access.read((tables) => {
        const found = tables.flows.get(id);
        return found !== undefined && found.expiresAt > now ? found : null;
      }),
    update: (flow, expectedVersion, now) =>
      access.write((tables) => {
        const stored = tables.flows.get(flow.id);
        if (!stored || stored.expiresAt <= now || stored.version !== expectedVersion) return false;
        tables.flows.set(flow.id, frozen({ ...flow, version: expectedVersion + 1 }));
        return true;
      }),
    delete: (id) => access.write((tables) => tables.flows.delete(id)),
  };
}
