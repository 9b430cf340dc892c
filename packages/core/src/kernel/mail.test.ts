import { describe, expect, it } from 'vitest';
import { mailTime } from './mail.js';

const AT = Date.UTC(2026, 11, 6, 3, 30, 19);

describe('mailTime', () => {
  it('shows a moment in the tenant’s time zone and the mail’s language, the zone named', () => {
    expect(mailTime(AT, 'Asia/Tokyo', 'ja')).toBe('2026年12月6日 12:30（日本時間）');
    expect(mailTime(AT, 'Asia/Tokyo', 'en')).toBe('6 December 2026 at 12:30 (Japan time)');
    expect(mailTime(AT, 'UTC', 'en')).toBe('6 December 2026 at 03:30 (UTC)');
    expect(mailTime(AT, 'Europe/Berlin', 'en')).toBe('6 December 2026 at 04:30 (Europe/Berlin)');
  });

  it('crosses the date line as the member does: 23:30 UTC is the next morning in Tokyo', () => {
    expect(mailTime(Date.UTC(2026, 11, 31, 23, 30), 'Asia/Tokyo', 'ja')).toBe(
      '2027年1月1日 08:30（日本時間）',
    );
  });
});
