import { describe, expect, it } from 'vitest';
import { formatIssue } from './formatIssue.js';
import { mergeCatalogs } from './mergeCatalogs.js';
import { messages } from './messages.js';

describe('mergeCatalogs', () => {
  it('merges per locale, later catalogs winning', () => {
    const merged = mergeCatalogs(
      messages,
      { ja: { FLOW_EXPIRED: '一定時間が経過しました。' }, en: { FLOW_EXPIRED: 'Timed out.' } },
      { ja: { EMAIL_REQUIRED: '必須です。' }, en: {} },
    );
    expect(merged.ja.FLOW_EXPIRED).toBe('一定時間が経過しました。');
    expect(merged.en.FLOW_EXPIRED).toBe('Timed out.');
    expect(merged.ja.EMAIL_REQUIRED).toBe('必須です。');
    expect(merged.en.EMAIL_REQUIRED).toBe(messages.en.EMAIL_REQUIRED);
    expect(Object.isFrozen(merged.ja)).toBe(true);
    expect(formatIssue({ code: 'FLOW_EXPIRED' }, 'en', undefined, [merged])).toBe('Timed out.');
  });

  it('does not modify its inputs', () => {
    const extra = { ja: { A: 'a' }, en: { A: 'a' } };
    mergeCatalogs(extra, { ja: { A: 'b' }, en: {} });
    expect(extra.ja.A).toBe('a');
  });
});
