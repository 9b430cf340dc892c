import type { HttpRequest } from '../../types.js';
import type { AnswerError } from '../context.js';
import { utf8 } from '../encoding.js';
import { headerOf } from '../headerOf.js';

/** The fields a landing page's form posts. */
export interface LandingForm {
  token: string;
  csrfToken: string;
}

type Read = { ok: true; value: LandingForm } | { ok: false; error: AnswerError };

const decoder = new TextDecoder('utf-8', { fatal: true });

const field = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The body of a landing page's form: `application/x-www-form-urlencoded` within the size limit
 * (or already parsed by the application's own form parser), with its two fields; a missing
 * field reads as `''`.
 */
export function readForm(request: HttpRequest, limitBytes: number): Read {
  if (request.bodyTooLarge === true) return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } };
  const raw = request.body;
  if (typeof raw === 'object' && raw !== null && !(raw instanceof Uint8Array)) {
    const parsed = raw as Record<string, unknown>;
    return { ok: true, value: { token: field(parsed.token), csrfToken: field(parsed.csrfToken) } };
  }
  const type = headerOf(request, 'content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(type)) {
    return { ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } };
  }
  let text = '';
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    const size = typeof raw === 'string' ? utf8.encode(raw).length : raw.length;
    if (size > limitBytes) return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } };
    try {
      text = typeof raw === 'string' ? raw : decoder.decode(raw);
    } catch {
      return { ok: false, error: { code: 'INVALID_JSON' } };
    }
  }
  const params = new URLSearchParams(text);
  return {
    ok: true,
    value: { token: params.get('token') ?? '', csrfToken: params.get('csrfToken') ?? '' },
  };
}
