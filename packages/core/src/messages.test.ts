import { messages } from '@monban/policy';
import { describe, expect, it } from 'vitest';
import { coreMessages } from './messages.js';

describe('coreMessages', () => {
  it('says an email address is taken in seed 004’s words (No.2), whichever layer refuses it', () => {
    for (const locale of ['ja', 'en'] as const) {
      expect(coreMessages[locale].EMAIL_TAKEN).toBe(messages[locale].EMAIL_TAKEN);
    }
    expect(coreMessages.ja.EMAIL_TAKEN).toBe(
      '他のアカウントで設定されているメールアドレスです。別のメールアドレスを入力してください。',
    );
  });
});
