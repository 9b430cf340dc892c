/**
 * Request bodies: strict JSON, then the route's zod schema.
 * @module
 */
import type { z } from 'zod';
import type { HttpRequest } from '../types.js';
import type { AnswerError } from './context.js';
import { utf8 } from './encoding.js';
import { headerOf } from './headerOf.js';
import { type SchemaName, schemas } from './schemas.js';

type Read = { ok: true; value: Record<string, unknown> } | { ok: false; error: AnswerError };

const decoder = new TextDecoder('utf-8', { fatal: true });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/**
 * Strict JSON body reading: JSON media type, size limit, valid UTF-8, and an object at the top
 * (no arrays, strings or numbers). An empty body reads as `{}`.
 */
function readJsonBody(request: HttpRequest, limitBytes: number): Read {
  if (request.bodyTooLarge === true) return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } };
  const raw = request.body;
  let text: string;
  if (raw === undefined || raw === null) return { ok: true, value: {} };
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    const size = typeof raw === 'string' ? utf8.encode(raw).length : raw.length;
    if (size === 0) return { ok: true, value: {} };
    if (size > limitBytes) return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } };
    if (
      !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(headerOf(request, 'content-type') ?? '')
    ) {
      return { ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } };
    }
    try {
      text = typeof raw === 'string' ? raw : decoder.decode(raw);
    } catch {
      return { ok: false, error: { code: 'INVALID_JSON' } };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, error: { code: 'INVALID_JSON' } };
    }
    if (!isPlainObject(parsed)) return { ok: false, error: { code: 'INVALID_JSON' } };
    return { ok: true, value: parsed };
  }
  // Parsed by the framework already.
  if (!isPlainObject(raw)) return { ok: false, error: { code: 'INVALID_JSON' } };
  return { ok: true, value: raw };
}

const at = (value: unknown, path: readonly PropertyKey[]): unknown => {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
};

/** Zod issues as Monban issues: every problem at once, each with a code and the field. */
function zodIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): { code: string; field: string }[] {
  const out: { code: string; field: string }[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ code: 'UNKNOWN_FIELD', field: field === '' ? key : `${field}.${key}` });
      }
    } else if (issue.code === 'too_big') {
      out.push({ code: 'FIELD_TOO_LONG', field });
    } else if (issue.code === 'invalid_type' && at(input, issue.path) === undefined) {
      out.push({ code: 'FIELD_REQUIRED', field });
    } else {
      out.push({ code: 'FIELD_INVALID', field });
    }
  }
  return out;
}

/**
 * The body of a request as the route's schema accepts it, or why not: `PAYLOAD_TOO_LARGE`,
 * `UNSUPPORTED_MEDIA_TYPE`, `INVALID_JSON`, or `VALIDATION_FAILED` with every issue at once.
 */
export function readBody(request: HttpRequest, schema: SchemaName, limitBytes: number): Read {
  const read = readJsonBody(request, limitBytes);
  if (!read.ok) return read;
  const parsed = schemas[schema].safeParse(read.value);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: zodIssues(parsed.error.issues, read.value) },
    };
  }
  return { ok: true, value: parsed.data as Record<string, unknown> };
}
