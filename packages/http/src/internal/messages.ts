import type { Locale } from '@monban/policy';
import type { HttpErrorCode, HttpIssueCode } from './codes.js';

/** Messages of the codes only the HTTP layer answers with, and of its validation issues. */
export const httpMessages: Readonly<
  Record<Locale, Readonly<Record<HttpErrorCode | HttpIssueCode, string>>>
> = {
  ja: {
    INVALID_JSON: 'リクエストの形式が正しくありません。',
    PAYLOAD_TOO_LARGE: 'リクエストが大きすぎます。',
    UNSUPPORTED_MEDIA_TYPE: 'リクエストは JSON で送信してください。',
    CSRF_TOKEN_INVALID:
      '画面の有効期限が切れました。ページを再読み込みしてからもう一度お試しください。',
    ORIGIN_NOT_ALLOWED: 'このサイトからの操作は受け付けられません。',
    FORBIDDEN: 'この操作を行う権限がありません。',
    ROUTE_NOT_FOUND: 'ページが見つかりません。',
    METHOD_NOT_ALLOWED: 'この操作はできません。',
    TENANT_NOT_FOUND: 'ページが見つかりません。',
    INTERNAL_ERROR: 'ただいま処理できません。しばらくしてからもう一度お試しください。',
    FIELD_REQUIRED: '{field} を入力してください。',
    FIELD_INVALID: '{field} の値が正しくありません。',
    FIELD_TOO_LONG: '{field} が長すぎます。',
    UNKNOWN_FIELD: '{field} は受け付けられません。',
  },
  en: {
    INVALID_JSON: 'The request is not well-formed.',
    PAYLOAD_TOO_LARGE: 'The request is too large.',
    UNSUPPORTED_MEDIA_TYPE: 'Please send the request as JSON.',
    CSRF_TOKEN_INVALID: 'This page has expired. Please reload it and try again.',
    ORIGIN_NOT_ALLOWED: 'Requests from this site are not accepted.',
    FORBIDDEN: 'You are not allowed to do this.',
    ROUTE_NOT_FOUND: 'Page not found.',
    METHOD_NOT_ALLOWED: 'This operation is not available.',
    TENANT_NOT_FOUND: 'Page not found.',
    INTERNAL_ERROR: 'We cannot process this right now. Please try again later.',
    FIELD_REQUIRED: 'Please enter {field}.',
    FIELD_INVALID: 'The value of {field} is not valid.',
    FIELD_TOO_LONG: '{field} is too long.',
    UNKNOWN_FIELD: '{field} is not accepted.',
  },
};

/** Renders an HTTP-layer message, or `undefined` when the code is not one. */
export function httpMessage(
  code: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): string | undefined {
  const catalogue: Readonly<Record<string, string>> = httpMessages[locale];
  if (!Object.hasOwn(catalogue, code)) return undefined;
  const template = catalogue[code] as string;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
