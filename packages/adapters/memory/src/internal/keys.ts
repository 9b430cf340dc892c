/**
 * The keys the tables and indexes are kept under.
 * @module
 */

/** Case folding of emails and credential labels. */
export const lower = (value: string): string => value.toLowerCase();

/** A value scoped by tenant. Length-prefixed, so distinct (tenant, value) pairs never share a key. */
export const scoped = (tenantId: string, value: string): string =>
  `${tenantId.length}:${tenantId}${value}`;

/** The key of an account (and of its entries in the per-account indexes). */
export const accountKey = scoped;

/** The key of an email in the email index: scoped by tenant, lower-cased. */
export const emailKey = (tenantId: string, email: string): string => scoped(tenantId, lower(email));
