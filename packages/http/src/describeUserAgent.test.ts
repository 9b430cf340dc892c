import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './describeUserAgent.js';

/** `User-Agent` strings as current browsers send them. */
const AGENTS = {
  iPhoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  iPadSafari:
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
};

describe('describeUserAgent', () => {
  it.each([
    ['iPhoneSafari', { browser: 'Safari', os: 'iOS', type: 'mobile' }],
    ['windowsChrome', { browser: 'Chrome', os: 'Windows', type: 'desktop' }],
    ['windowsEdge', { browser: 'Microsoft Edge', os: 'Windows', type: 'desktop' }],
    ['macSafari', { browser: 'Safari', os: 'macOS', type: 'desktop' }],
    ['iPadSafari', { browser: 'Safari', os: 'iOS', type: 'tablet' }],
    ['androidChrome', { browser: 'Chrome', os: 'Android', type: 'mobile' }],
    ['linuxFirefox', { browser: 'Firefox', os: 'Linux', type: 'desktop' }],
  ] as const)('names the browser, OS and kind of device of %s', (name, device) => {
    expect(describeUserAgent(AGENTS[name])).toEqual(device);
  });

  it('is null without a User-Agent or when nothing in it is recognized', () => {
    for (const userAgent of [null, undefined, '', '   ', 'curl/8.5.0', 'x']) {
      expect(describeUserAgent(userAgent), String(userAgent)).toBeNull();
    }
  });

  it('never throws, and answers only the three fields of their kinds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (userAgent) => {
        const device = describeUserAgent(userAgent);
        if (device === null) return;
        expect(Object.keys(device)).toEqual(['browser', 'os', 'type']);
        expect([null, 'mobile', 'tablet', 'desktop']).toContain(device.type);
        for (const name of [device.browser, device.os]) {
          expect(name === null || (typeof name === 'string' && name !== '')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
