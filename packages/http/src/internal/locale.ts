import type { Locale } from '@monban/policy';

/** The best of ja / en in an `Accept-Language` header, by q-value; `null` when neither. */
export function pickLocale(header: string | string[] | undefined): Locale | null {
  if (header === undefined || header === '') return null;
  const text = Array.isArray(header) ? header.join(',') : header;
  let best: Locale | null = null;
  let bestQ = 0;
  for (const part of text.slice(0, 512).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'ja' && primary !== 'en') continue;
    let q = 1;
    for (const param of params) {
      const [k, v] = param.trim().split('=');
      if (k === 'q') q = Number(v);
    }
    if (Number.isFinite(q) && q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}
