import type { Locale } from '@monban/policy';

// Browsers send the same few Accept-Language headers again and again: their answers are kept
// (a bounded map, cleared when full; the key is at most 512 characters of a header).
const known = new Map<string, Locale | null>();
const KNOWN_SIZE = 256;

/** The best of ja / en in an `Accept-Language` header, by q-value; `null` when neither. */
export function pickLocale(header: string | string[] | undefined): Locale | null {
  if (header === undefined || header === '') return null;
  const text = Array.isArray(header) ? header.join(',') : header;
  const cached = known.get(text);
  if (cached !== undefined) return cached;
  const best = parse(text);
  if (text.length <= 512) {
    if (known.size >= KNOWN_SIZE) known.clear();
    known.set(text, best);
  }
  return best;
}

function parse(text: string): Locale | null {
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
