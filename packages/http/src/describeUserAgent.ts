import { parse } from 'bowser';

/**
 * What the list of signed-in devices shows of a session's client, read from its `User-Agent`:
 * the browser's and the operating system's names (`Safari`, `iOS`; `Chrome`, `Windows`) and the
 * kind of device. Each part is `null` when the `User-Agent` does not tell it.
 *
 * @example
 * ```ts
 * const device: SessionDevice = { browser: 'Chrome', os: 'Windows', type: 'desktop' };
 * const label = [device.browser, device.os].filter(Boolean).join(' / '); // 'Chrome / Windows'
 * ```
 */
export interface SessionDevice {
  /** The browser's name, for example `Safari`, `Chrome`, `Microsoft Edge`, `Firefox`. */
  browser: string | null;
  /** The operating system's name, for example `iOS`, `Android`, `Windows`, `macOS`. */
  os: string | null;
  /** A phone, a tablet or a computer. */
  type: 'mobile' | 'tablet' | 'desktop' | null;
}

const TYPES: ReadonlySet<string> = new Set(['mobile', 'tablet', 'desktop']);

const named = (value: string | undefined): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * Describes a session's client from the `User-Agent` it was opened with (core's
 * `SessionSummary.userAgent`), as `GET /settings/sessions` answers it in each session's
 * `device`: `null` when there is none or nothing in it is recognized (`curl/8.5.0`).
 *
 * The parsing is done here, in the HTTP layer, with `bowser` (MIT): core stays free of it and
 * keeps the raw string, so a newer parser describes every stored session anew.
 * A `User-Agent` is what the client says of itself, not proof: show it to help the member tell
 * sessions apart, never to decide anything. Safari on an iPad asks for desktop pages by default
 * and then says it is a Mac (`macOS`, `desktop`).
 *
 * @example
 * ```ts
 * import { describeUserAgent } from '@monban/http';
 *
 * describeUserAgent(
 *   'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
 * ); // { browser: 'Safari', os: 'iOS', type: 'mobile' }
 * describeUserAgent(null); // null
 * ```
 */
export function describeUserAgent(userAgent: string | null | undefined): SessionDevice | null {
  if (typeof userAgent !== 'string' || userAgent.trim() === '') return null;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(userAgent);
  } catch {
    return null;
  }
  const type = parsed.platform?.type;
  const device: SessionDevice = {
    browser: named(parsed.browser?.name),
    os: named(parsed.os?.name),
    type: typeof type === 'string' && TYPES.has(type) ? (type as SessionDevice['type']) : null,
  };
  return device.browser === null && device.os === null && device.type === null ? null : device;
}
