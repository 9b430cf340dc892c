/**
 * What every ceremony of one TOTP factor shares: the settings resolved for each tenant, the
 * secret length for new devices, the key ring that seals secrets at rest and the cache of opened
 * secrets. Bad options are caller mistakes and throw `TypeError` here, at construction.
 * @module
 */
import type { FactorContext } from '@monban/core';
import type { TotpFactorOptions } from '../createTotpFactor.js';
import { createKeyRing, type KeyRing } from './keyRing.js';
import { createKeyCache } from './preparedKeyCache.js';
import { integerOption, resolveSettings, type TotpSettings } from './settings.js';

const CALLER = 'createTotpFactor';

/** The state one factor's ceremonies share. */
export interface FactorState {
  /** Seals and opens secrets; the first key seals. */
  readonly keyRing: KeyRing;
  /** Opened credential secrets, prepared for HOTP. */
  readonly cache: ReturnType<typeof createKeyCache>;
  /** Secret length in bytes for new devices. */
  readonly secretBytes: number;
  /** The settings of the context's tenant: its overrides, or the factor's defaults. */
  settingsFor(context: FactorContext): TotpSettings;
}

/** Validates `options` and builds the shared state of one factor. */
export function createFactorState(options: TotpFactorOptions): FactorState {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${CALLER}: options are required`);
  }
  const keyRing = createKeyRing(options.keys, CALLER);
  const defaults = resolveSettings(
    {
      window: 1,
      skewLimitSeconds: 600,
      digits: 6,
      periodSeconds: 30,
      algorithm: 'SHA1',
      issuer: null,
    },
    {
      window: options.window,
      skewLimitSeconds: options.skewLimitSeconds,
      digits: options.digits,
      periodSeconds: options.periodSeconds,
      algorithm: options.algorithm,
    },
    'options',
  );
  const secretBytes = integerOption('options.secretBytes', options.secretBytes, 20, 20, 64);
  const cache = createKeyCache(
    integerOption('options.cacheSize', options.cacheSize, 10_000, 0, 10_000_000),
  );
  const tenantSettings = new Map<string, TotpSettings>();
  if (options.tenants !== undefined) {
    if (typeof options.tenants !== 'object' || options.tenants === null) {
      throw new TypeError(`${CALLER}: options.tenants must be an object keyed by tenant ID`);
    }
    for (const [id, overrides] of Object.entries(options.tenants)) {
      tenantSettings.set(id, resolveSettings(defaults, overrides, `options.tenants.${id}`));
    }
  }
  return {
    keyRing,
    cache,
    secretBytes,
    settingsFor: (context) => tenantSettings.get(context.tenant.id) ?? defaults,
  };
}
