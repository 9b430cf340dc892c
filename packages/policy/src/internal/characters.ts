/** Internal character helpers: code-point iteration and readable character names. */

const NAMED: Readonly<Record<string, string>> = {
  ' ': 'space',
  '\t': 'tab',
  '\v': '\\v',
  '\n': '\\n',
  '\r': '\\r',
  '\f': '\\f',
  '\0': '\\0',
  '\u3000': 'full-width space',
  '\u00a0': 'no-break space',
};

/** Splits a string into code points; a lone surrogate is one element. */
export function codePoints(input: string): string[] {
  return Array.from(input);
}

/** Number of code points (what a person counts as characters for these fields). */
export function codePointLength(input: string): number {
  let n = 0;
  for (const _ of input) n++;
  return n;
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A readable name for one code point: `space`, `tab`, `\v`, ... for whitespace and control
 * characters, `U+XXXX` for other invisible or unpaired ones, the character itself otherwise.
 */
export function describeCharacter(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const cp = ch.codePointAt(0) ?? 0;
  // C0/C1 controls, DEL, lone surrogates, separators and other invisible characters.
  if (/^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}]$/u.test(ch)) return hex(cp);
  // Combining marks cannot be shown alone.
  if (/^\p{M}$/u.test(ch)) return hex(cp);
  return ch;
}

/**
 * The characters of `input` that `allowed` refuses, named, deduplicated, in order of first
 * appearance.
 */
export function invalidCharacters(input: string, allowed: (ch: string) => boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ch of input) {
    if (allowed(ch) || seen.has(ch)) continue;
    seen.add(ch);
    out.push(describeCharacter(ch));
  }
  return out;
}

const CONTROL = /\p{Cc}/u;

/**
 * True when `input` holds a control character: C0 (U+0000..U+001F, NUL, CR and LF among them),
 * DEL (U+007F) or C1 (U+0080..U+009F). None belongs in an identifier.
 */
export function hasControlCharacter(input: string): boolean {
  return CONTROL.test(input);
}

/** True for printable ASCII, U+0021..U+007E. */
export function isPrintableAscii(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return ch.length === 1 && cp >= 0x21 && cp <= 0x7e;
}

/** Converts full-width digits (U+FF10..U+FF19) to ASCII digits. */
export function asciiDigits(input: string): string {
  return input.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
