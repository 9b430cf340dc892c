import { messages } from './messages.js';
import type { Issue, Locale, MessageCatalog, MessageOverrides } from './types.js';

const SEPARATOR: Readonly<Record<Locale, string>> = { ja: '、', en: ', ' };
const FALLBACK: Readonly<Record<Locale, string>> = {
  ja: '入力内容に誤りがあります（{code}）。',
  en: 'The input is not valid ({code}).',
};

type Source = Partial<Record<string, string>> | undefined;

/** The names `characters` parameters use, as a Japanese reader calls them. */
const JA_CHARACTER_NAMES: Readonly<Record<string, string>> = {
  space: 'スペース',
  tab: 'タブ',
  'full-width space': '全角スペース',
  'no-break space': 'ノーブレークスペース',
};

/** A `characters` parameter in the reader's language (issues carry the English names). */
function characterNames(value: unknown, lang: Locale): unknown {
  if (lang !== 'ja' || !Array.isArray(value)) return value;
  return value.map((name) =>
    typeof name === 'string' ? (JA_CHARACTER_NAMES[name] ?? name) : name,
  );
}

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
 * {@link messages}, then a generic text naming the code. Overrides are tried first (`CODE.reason`, then
 * `CODE`); among the catalogues, a reason-specific key `CODE.reason` in any of them is preferred
 * to a plain `CODE` in all of them. `{param}` placeholders take the issue's parameters;
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
  const reasonKey = typeof params.reason === 'string' ? `${code}.${params.reason}` : undefined;
  // The application's overrides win outright; among the packages' catalogues a reason-specific
  // key anywhere beats a plain key anywhere, so a factor's `CODE_INVALID.email-otp` is preferred
  // to core's generic `CODE_INVALID`.
  let template = lookup(overrides?.[lang], reasonKey ? [reasonKey, code] : [code]);
  const sources: Source[] = [...(catalogs ?? []).map((catalog) => catalog?.[lang]), messages[lang]];
  if (reasonKey !== undefined)
    for (const source of sources) template ??= lookup(source, [reasonKey]);
  for (const source of sources) template ??= lookup(source, [code]);
  template ??= FALLBACK[lang];
  const separator = SEPARATOR[lang];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    try {
      if (name === 'characters') return render(characterNames(params[name], lang), separator);
      return render(params[name], separator);
    } catch {
      return placeholder;
    }
  });
}
