import { describe, expect, it } from 'vitest';
import * as devMailbox from './devMailbox/index.js';
import * as api from './index.js';

describe('@monban/smtp public surface', () => {
  it('exports exactly these names from the main entry', () => {
    expect(Object.keys(api).sort()).toEqual([
      'createDevMailbox',
      'createSmtpMailer',
      'findCode',
      'findLink',
      'renderMailboxHtml',
    ]);
  });

  it('exports the dev mailbox alone from @monban/smtp/dev-mailbox', () => {
    expect(Object.keys(devMailbox).sort()).toEqual([
      'createDevMailbox',
      'findCode',
      'findLink',
      'renderMailboxHtml',
    ]);
  });
});
