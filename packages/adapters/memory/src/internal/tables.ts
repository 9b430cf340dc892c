/**
 * The tables the memory storage keeps: the transactional ones (accounts, credentials, flows and
 * their indexes) and the volatile ones (sessions, tokens, counters), and how a store reaches
 * them.
 * @module
 */
import type { Account, Credential, FlowRecord, Session, TokenRecord } from '@monban/core';
import type { Table } from './table.js';

/**
 * The tables a transaction covers; records inside are never mutated in place, only replaced.
 * Besides the records, three indexes answer the lookups without a scan; every write keeps them
 * in step with the records, inside transactions too.
 */
export interface Tables {
  accounts: Table<string, Account>;
  credentials: Table<string, Credential>;
  flows: Table<string, FlowRecord>;
  /** Insertion sequence of each credential, to break `createdAt` ties ("oldest first"). */
  credentialOrder: Table<string, number>;
  /** Account key by tenant and user ID. */
  userIds: Table<string, string>;
  /** Account key by tenant and lower-cased email. */
  emails: Table<string, string>;
  /** Credential IDs of each account (by account key), in creation order. */
  accountCredentials: Table<string, readonly string[]>;
}

/** The committed tables: plain maps. */
export type CommittedTables = {
  [K in keyof Tables]: Tables[K] extends Table<infer A, infer B> ? Map<A, B> : never;
};

/** How a store reaches its tables: reads and writes may be routed differently (lock, guard). */
export interface TableAccess {
  read<T>(fn: (tables: Tables) => T): Promise<T>;
  write<T>(fn: (tables: Tables) => T): Promise<T>;
}

/** A counter window. */
export interface CounterEntry {
  count: number;
  expiresAt: number;
}

/** The non-transactional tables. */
export interface VolatileTables {
  sessions: Map<string, Session>;
  /** Session IDs by account (`accountKey`): signing a member out everywhere reads no other. */
  sessionsByAccount: Map<string, Set<string>>;
  tokens: Map<string, TokenRecord>;
  counters: Map<string, CounterEntry>;
}

/** Empty committed tables. */
export function emptyTables(): CommittedTables {
  return {
    accounts: new Map(),
    credentials: new Map(),
    flows: new Map(),
    credentialOrder: new Map(),
    userIds: new Map(),
    emails: new Map(),
    accountCredentials: new Map(),
  };
}
