import { messages } from './messages.js';
import type { Issue, Locale, MessageCatalog, MessageOverrides } from './types.js';

const SEPARATOR: Readonly<Record<Locale, string>> = { ja: '、', en: ', ' };
const FALLBACK: Readonly<Record<Locale, string>> = {
  ja: '入力内容に誤りがあります（{code}）。',
  en: 'The input is not valid ({code}).',
};

type Source = Partial<Record<string, string>> | undefined;

function lookup(source: Source, keys: readonly string[]): string | undefined {
  if (source === undefined || source === null) return undefined;
  for (const key of keys) {
    if (Object.hasOwn(source, key)) {
      const template = source[key];
      if (typeof template === 'string') return template;
    }
  }
  return undefined;
}

function render(value: unknown, separator: string): string {
  if (Array.isArray(value)) return value.map((item) => render(item, separator)).join(separator);
  return String(value);
}

/**
 * Renders an issue as a message in `locale`. Lookup order: `overrides[locale]`, then each of
 * `catalogs` in order (later packages such as `@monban/core` pass theirs), then the policy
 * {@link messages}, then a generic text naming the code. In each source a reason-specific key
 * `CODE.reason` is tried before `CODE`. `{param}` placeholders take the issue's parameters;
 * arrays are joined with 「、」 (ja) or `, ` (en). Never throws.
 *
 * @example
 * ```ts
 * import { formatIssue, validatePassword } from '@monban/policy';
 *
 * const result = validatePassword('short');
 * if (!result.ok) console.log(formatIssue(result.issues[0]!, 'ja'));
 * // パスワードは8文字以上で入力してください。
 * ```
 */
export function formatIssue(
  issue: Issue,
  locale: Locale,
  overrides?: MessageOverrides,
  catalogs?: readonly Readonly<Record<Locale, MessageCatalog>>[],
): string {
  const lang: Locale = locale === 'ja' || locale === 'en' ? locale : 'en';
  const params: Record<string, unknown> =
    issue !== null && typeof issue === 'object' ? issue : { code: String(issue) };
  const code = typeof params.code === 'string' ? params.code : String(params.code);
  const keys = typeof params.reason === 'string' ? [`${code}.${params.reason}`, code] : [code];
  let template = lookup(overrides?.[lang], keys);
  for (const catalog of catalogs ?? []) template ??= lookup(catalog?.[lang], keys);
  template ??= lookup(messages[lang], keys) ?? FALLBACK[lang];
  const separator = SEPARATOR[lang];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    try {
      return render(params[name], separator);
    } catch {
      return placeholder;
    }
  });
}
