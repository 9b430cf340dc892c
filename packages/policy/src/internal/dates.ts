/** Internal calendar-date parsing shared by birth-date validation and password checks. */
import { asciiDigits } from './characters.js';

/** A parsed calendar date. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
  /** `YYYY-MM-DD` */
  iso: string;
  /** `YYYYMMDD` */
  compact: string;
}

/** Outcome of parsing: a date, a wrong shape, or a shape that names no real day. */
export type ParsedDate =
  | { ok: true; date: CalendarDate }
  | { ok: false; reason: 'format' | 'calendar' };

const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SEPARATED = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses `YYYYMMDD`, `YYYY-MM-DD` or `YYYY/MM/DD` (full-width digits, `－` and `／` accepted,
 * surrounding whitespace ignored). Never throws.
 */
export function parseDate(input: string): ParsedDate {
  const text = asciiDigits(input.trim())
    .replace(/\uff0d/g, '-')
    .replace(/\uff0f/g, '/');
  const m = COMPACT.exec(text);
  const s = m ? undefined : SEPARATED.exec(text);
  const parts = m ? [m[1], m[2], m[3]] : s ? [s[1], s[3], s[4]] : undefined;
  if (parts === undefined) return { ok: false, reason: 'format' };
  const year = Number(parts[0]);
  const month = Number(parts[1]);
  const day = Number(parts[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'calendar' };
  }
  const yyyy = String(year).padStart(4, '0');
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return {
    ok: true,
    date: { year, month, day, iso: `${yyyy}-${mm}-${dd}`, compact: `${yyyy}${mm}${dd}` },
  };
}
