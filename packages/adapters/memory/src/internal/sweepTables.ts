import { dropSession, sessionLive } from './sessionRows.js';
import type { Tables, VolatileTables } from './tables.js';

/** Deletes expired rows from every table; returns how many. */
export function sweepTables(tables: Tables, volatile: VolatileTables, now: number): number {
  let count = 0;
  for (const [id, flow] of tables.flows) {
    if (flow.expiresAt <= now && tables.flows.delete(id)) count++;
  }
  for (const [id, session] of volatile.sessions) {
    if (!sessionLive(session, now) && dropSession(volatile, id)) count++;
  }
  for (const [key, token] of volatile.tokens) {
    if (token.expiresAt <= now && volatile.tokens.delete(key)) count++;
  }
  for (const [key, counter] of volatile.counters) {
    if (counter.expiresAt <= now && volatile.counters.delete(key)) count++;
  }
  return count;
}
