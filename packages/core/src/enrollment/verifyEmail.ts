import { credentialEpoch } from '../kernel/epoch.js';
import { advance, flowExpiry, isStale } from '../kernel/flows.js';
import type { Kernel } from '../kernel/Kernel.js';
import { consumeToken } from '../kernel/tokens.js';
import type { AccountPatch, FlowState } from '../machine/types.js';
import { fail, type Result } from '../result.js';
import type { FlowRecord } from '../types.js';

/**
 * The verification link's landing: confirms the address for the flow it was sent from. The
 * link signs nobody in: the original tab continues the flow (R-ENR-2).
 */
export async function verifyEmail(kernel: Kernel, input: { token: string }): Promise<Result> {
  const { storage, clock } = kernel;
  const now = clock.now();
  const record = await consumeToken(kernel, input.token, 'verify-email');
  if (record === null) return fail('EMAIL_LINK_INVALID');
  const { flowId, email } = record.data;
  if (typeof flowId !== 'string' || typeof email !== 'string') return fail('EMAIL_LINK_INVALID');
  // The flow, its account and devices in one read, as every flow step reads them.
  const found = await storage.loadFlow(flowId, now);
  const flow = found?.flow;
  // The token is checked together with the account it was issued for (next-auth CVE-2022-39263).
  if (!flow || flow.accountId !== record.accountId || flow.tenantId !== record.tenantId) {
    return fail('EMAIL_LINK_INVALID');
  }
  const tenant = kernel.tenants.get(flow.tenantId);
  const account = found.account;
  if (!tenant || !account || account.email?.toLowerCase() !== email.toLowerCase()) {
    return fail('EMAIL_LINK_INVALID');
  }
  const state = flow.state as unknown as FlowState;
  const credentials = found.credentials;
  // A flow overtaken by another first login or by a change of credentials (R-REC-3).
  if (isStale(state, account) || state.epoch !== (await credentialEpoch(account, credentials))) {
    return fail('EMAIL_LINK_INVALID');
  }
  const result = advance(tenant, state, { type: 'EMAIL_VERIFIED', email }, now);
  if (!result.ok) {
    return fail(result.code === 'FLOW_EXPIRED' ? 'FLOW_EXPIRED' : 'EMAIL_LINK_INVALID');
  }
  const patch: AccountPatch = {};
  for (const effect of result.effects) {
    if (effect.type === 'update-account') Object.assign(patch, effect.patch);
  }
  const next: FlowRecord = {
    ...flow,
    state: result.state as unknown as FlowRecord['state'],
    expiresAt: flowExpiry(result.state),
  };
  const committed = await storage
    .transaction(async (tx) => {
      const saved = await tx.accounts.update({ ...account, ...patch }, account.version);
      // A lost compare-and-set throws, so the transaction rolls back the account too.
      if (!saved.ok || !(await tx.flows.update(next, flow.version, now))) throw lostRace;
      return true;
    })
    .catch((error: unknown) => {
      if (error === lostRace) return false;
      throw error;
    });
  if (!committed) return fail('CONCURRENT_UPDATE');
  for (const effect of result.effects) {
    if (effect.type !== 'audit') continue;
    await kernel.audit({
      type: effect.event,
      tenantId: tenant.id,
      accountId: account.accountId,
      ...(effect.details === undefined ? {} : { details: effect.details }),
    });
  }
  return { ok: true };
}

const lostRace = new Error('CONCURRENT_UPDATE');
