/**
 * The layer's cookies: the flow cookie during login and enrollment, the session cookie once a
 * flow completes, an anonymous cookie the CSRF token is bound to before either, and the
 * post-login target. Opaque values, `HttpOnly`, `SameSite=Lax`; `Secure` with the `__Host-`
 * prefix (`__Secure-` with a `Domain` or another `Path`) over HTTPS.
 */
import type { MonbanHttpOptions, SetCookie } from '../types.js';
import { readCookies } from './cookies.js';
import { randomToken } from './encoding.js';

/** One of the layer's cookies. */
export type CookieKind = 'session' | 'flow' | 'csrf' | 'return';

/** The cookie names of one scheme (plain or prefixed), and in `readCookies` order. */
interface CookieNames {
  byKind: Readonly<Record<CookieKind, string>>;
  /** In the order of {@link CookieJar.incoming}'s kinds: session, flow, csrf, return. */
  wanted: readonly string[];
}

/** A layer's cookie settings, resolved once from `options.cookie`. */
export interface CookieSettings {
  /** Names over plain HTTP. */
  plain: CookieNames;
  /** Names over HTTPS, with the `__Host-` or `__Secure-` prefix. */
  secure: CookieNames;
  path: string;
  domain: string | undefined;
  /** `Secure` always, never, or (`'auto'`) when the request arrived over HTTPS. */
  secureSetting: boolean | 'auto';
}

const names = (prefix: string, base: string): CookieNames => {
  const byKind = {
    session: `${prefix}${base}-session`,
    flow: `${prefix}${base}-flow`,
    csrf: `${prefix}${base}-csrf`,
    return: `${prefix}${base}-return`,
  };
  return { byKind, wanted: [byKind.session, byKind.flow, byKind.csrf, byKind.return] };
};

/** Checks `options.cookie` (a bad name throws `TypeError`) and fills in the defaults. */
export function cookieSettings(option: MonbanHttpOptions['cookie']): CookieSettings {
  const base = option?.name ?? 'monban';
  if (!/^[A-Za-z0-9_-]+$/.test(base)) {
    throw new TypeError('createMonbanHttp: cookie.name may use letters, digits, - and _ only');
  }
  const path = option?.path ?? '/';
  const domain = option?.domain;
  return {
    plain: names('', base),
    secure: names(domain === undefined && path === '/' ? '__Host-' : '__Secure-', base),
    path,
    domain,
    secureSetting: option?.secure ?? 'auto',
  };
}

/** A cookie value worth reading: present, not empty, at most 512 characters. */
const usable = (value: string | undefined): string | undefined =>
  value === undefined || value === '' || value.length > 512 ? undefined : value;

/** The cookies of one exchange: those the browser sent, and those the answer sets or clears. */
export class CookieJar {
  readonly names: Readonly<Record<CookieKind, string>>;
  readonly incoming: Readonly<Record<CookieKind, string | undefined>>;
  outgoing: Map<CookieKind, SetCookie> | undefined;

  constructor(
    readonly settings: CookieSettings,
    header: string | string[] | undefined,
    readonly secure: boolean,
  ) {
    const scheme = secure ? settings.secure : settings.plain;
    this.names = scheme.byKind;
    const values = readCookies(header, scheme.wanted);
    this.incoming = {
      session: usable(values[0]),
      flow: usable(values[1]),
      csrf: usable(values[2]),
      return: usable(values[3]),
    };
  }

  /** Sets a cookie on the answer; without `maxAgeSeconds` it lasts for the browser session. */
  set(kind: CookieKind, value: string, maxAgeSeconds?: number): void {
    const { path, domain } = this.settings;
    this.outgoing ??= new Map();
    this.outgoing.set(kind, {
      name: this.names[kind],
      value,
      path,
      ...(domain === undefined ? {} : { domain }),
      ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
      secure: this.secure,
      httpOnly: true,
      sameSite: 'Lax',
    });
  }

  /** Deletes a cookie the browser holds or the answer was about to set. */
  clear(kind: CookieKind): void {
    if (this.incoming[kind] !== undefined || this.outgoing?.has(kind) === true) {
      this.set(kind, '', 0);
    }
  }

  /** The value the browser holds once it has read the answer. */
  final(kind: CookieKind): string | undefined {
    const out = this.outgoing?.get(kind);
    if (out === undefined) return this.incoming[kind];
    return out.maxAgeSeconds === 0 ? undefined : out.value;
  }

  /**
   * The cookie the next CSRF token is bound to (session, else flow, else an anonymous one, set
   * now when the browser holds none).
   */
  binding(): string {
    let binding = this.final('session') ?? this.final('flow') ?? this.final('csrf');
    if (binding === undefined) {
      binding = randomToken(32);
      this.set('csrf', binding);
    }
    return binding;
  }

  /** The cookie this request's CSRF token must be bound to: as the browser sent them. */
  sentBinding(): string {
    const { session, flow, csrf } = this.incoming;
    return session ?? flow ?? csrf ?? '';
  }

  /** The cookies to set, in the order they were first set. */
  list(): SetCookie[] {
    return this.outgoing === undefined ? [] : [...this.outgoing.values()];
  }
}
