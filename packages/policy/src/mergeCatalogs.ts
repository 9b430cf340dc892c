import type { Locale, MessageCatalog } from './types.js';

const LOCALES: readonly Locale[] = ['ja', 'en'];

/**
 * Merges message catalogs per locale; a later catalog wins for the same code. The result is
 * frozen.
 *
 * @example
 * ```ts
 * import { formatIssue, mergeCatalogs, messages } from '@monban/policy';
 *
 * const catalog = mergeCatalogs(messages, {
 *   ja: { FLOW_EXPIRED: '一定時間が経過したため、最初からやり直してください。' },
 *   en: { FLOW_EXPIRED: 'The session timed out. Please start again.' },
 * });
 * formatIssue({ code: 'FLOW_EXPIRED' }, 'en', undefined, [catalog]);
 * ```
 */
export function mergeCatalogs(
  ...catalogs: Readonly<Record<Locale, MessageCatalog>>[]
): Readonly<Record<Locale, MessageCatalog>> {
  const merged: Record<Locale, Record<string, string>> = { ja: {}, en: {} };
  for (const catalog of catalogs) {
    for (const locale of LOCALES) Object.assign(merged[locale], catalog?.[locale]);
  }
  return Object.freeze({ ja: Object.freeze(merged.ja), en: Object.freeze(merged.en) });
}
