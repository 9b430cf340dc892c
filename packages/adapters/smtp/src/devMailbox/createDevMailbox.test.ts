import type { MailMessage } from '@monban/core/ports';
import { describe, expect, it } from 'vitest';
import { createDevMailbox } from './createDevMailbox.js';

const mail = (to: string, extra: Partial<MailMessage> = {}): MailMessage => ({
  to,
  subject: '【大和】ワンタイムパスワードのお知らせ',
  text: 'コード:\n    123456\n',
  html: '<p>123456</p>',
  tag: 'email-otp',
  ...extra,
});

describe('createDevMailbox', () => {
  it('keeps messages in arrival order with ids and times', async () => {
    let now = Date.UTC(2026, 3, 1);
    const box = createDevMailbox({ now: () => now });
    await box.send(mail('a@example.jp'));
    now += 1000;
    await box.send(mail('b@example.jp'));
    expect(box.list().map((m) => [m.id, m.to, m.sentAt])).toEqual([
      [1, 'a@example.jp', '2026-04-01T00:00:00.000Z'],
      [2, 'b@example.jp', '2026-04-01T00:00:01.000Z'],
    ]);
    expect(JSON.parse(JSON.stringify(box))).toEqual(box.list());
  });

  it('finds the latest message, optionally for one address (case-insensitive)', async () => {
    const box = createDevMailbox();
    expect(box.latest()).toBeNull();
    await box.send(mail('a@example.jp', { subject: 'first' }));
    await box.send(mail('b@example.jp'));
    await box.send(mail('a@example.jp', { subject: 'second' }));
    expect(box.latest()?.id).toBe(3);
    expect(box.latest('A@Example.jp')?.subject).toBe('second');
    expect(box.latest('b@example.jp')?.id).toBe(2);
    expect(box.latest('nobody@example.jp')).toBeNull();
  });

  it('returns copies and forgets everything on clear()', async () => {
    const box = createDevMailbox();
    await box.send(mail('a@example.jp'));
    const listed = box.list();
    (listed[0] as MailMessage).subject = 'changed';
    expect(box.latest()?.subject).not.toBe('changed');
    box.clear();
    expect(box.list()).toEqual([]);
  });

  it('refuses what the SMTP mailer refuses: not exactly one recipient, CR/LF subject', async () => {
    const box = createDevMailbox();
    await expect(box.send(mail('a@example.jp, b@example.jp'))).rejects.toThrow(TypeError);
    await expect(box.send(mail('a@example.jp\nBcc: b@example.jp'))).rejects.toThrow(TypeError);
    await expect(box.send(mail('a@example.jp', { subject: 'x\r\ny' }))).rejects.toThrow(TypeError);
    expect(box.list()).toHaveLength(0);
  });

  it('keeps only the newest `limit` messages', async () => {
    const box = createDevMailbox({ limit: 2 });
    for (const to of ['a@example.jp', 'b@example.jp', 'c@example.jp']) await box.send(mail(to));
    expect(box.list().map((m) => m.to)).toEqual(['b@example.jp', 'c@example.jp']);
    expect(() => createDevMailbox({ limit: 0 })).toThrow(TypeError);
  });

  it('renders an escaped HTML page, newest first, HTML parts in a sandboxed iframe', async () => {
    const box = createDevMailbox();
    await box.send(mail('a@example.jp', { subject: 'older' }));
    await box.send(
      mail('b@example.jp', {
        subject: '<script>alert("s")</script>',
        text: 'Open https://portal.example.jp/v?token=abc&x=1 <img src=x onerror=alert(1)>',
        html: '<p onclick="alert(1)">hi</p><script>alert(2)</script>',
      }),
    );
    const page = box.renderHtml();
    expect(page.indexOf('b@example.jp')).toBeLessThan(page.indexOf('older'));
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<p onclick');
    expect(page).toContain('&lt;script&gt;alert(&quot;s&quot;)&lt;/script&gt;');
    expect(page).toContain('<a href="https://portal.example.jp/v?token=abc&amp;x=1">');
    expect(page).toMatch(/<iframe[^>]* sandbox="" [^>]*srcdoc="&lt;p onclick=&quot;alert\(1\)/);
    expect(page).toContain("default-src 'none'");
    expect(createDevMailbox().renderHtml()).toContain('No messages.');
  });
});
