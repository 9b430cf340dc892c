import { isPrintableAscii } from './internal/characters.js';
import { parseDate } from './internal/dates.js';

/**
 * Derives the password of a migrated member (R-ENR-1): insurer symbol (記号) + number (番号) +
 * birth date as `YYYYMMDD`, e.g. JSW's example 記号 12, 番号 3456789, 1980-12-01 ->
 * `12345678919801201`. Symbol and number are NFKC-normalized (full-width digits become ASCII) and
 * trimmed; the birth date may be `YYYYMMDD` or `YYYY-MM-DD`. This runs on provisioning data, so
 * bad input is a caller mistake.
 *
 * @throws TypeError when a part is empty, the birth date is not a real date, or the result is not
 * printable ASCII.
 * @example
 * ```ts
 * import { deriveMigrationPassword } from '@monban/policy';
 *
 * deriveMigrationPassword({ symbol: '12', number: '3456789', birthDate: '19801201' });
 * // '12345678919801201'
 * ```
 */
export function deriveMigrationPassword(input: {
  symbol: string;
  number: string;
  birthDate: string;
}): string {
  const symbol = String(input?.symbol ?? '')
    .normalize('NFKC')
    .trim();
  const number = String(input?.number ?? '')
    .normalize('NFKC')
    .trim();
  if (symbol === '') throw new TypeError('deriveMigrationPassword: symbol is required');
  if (number === '') throw new TypeError('deriveMigrationPassword: number is required');
  const birthDate = parseDate(String(input?.birthDate ?? ''));
  if (!birthDate.ok) {
    throw new TypeError('deriveMigrationPassword: birthDate must be a YYYYMMDD or YYYY-MM-DD date');
  }
  const password = `${symbol}${number}${birthDate.date.compact}`;
  for (const ch of password) {
    if (!isPrintableAscii(ch)) {
      throw new TypeError(
        'deriveMigrationPassword: symbol and number must be printable ASCII after NFKC',
      );
    }
  }
  return password;
}
