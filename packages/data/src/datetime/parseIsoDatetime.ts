const msPerDay = 86_400_000;

/**
 * Reads an ISO-8601 date or date-time as epoch milliseconds, or `NaN` when
 * `text` is not one.
 *
 * Accepted: `YYYY-MM-DD`, optionally followed by `T`, `t` or a space and
 * `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction` (any number of digits; below a
 * millisecond they are truncated), optionally followed by `Z` or an offset
 * `±HH:MM`, `±HHMM` or `±HH`. A date-time without an offset is read as UTC,
 * so the same text always gives the same instant whatever the machine's zone.
 */
export function parseIsoDatetime(text: string): number {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  let ms = daysFromCivil(year, month, day) * msPerDay;
  if (n === 10) return ms;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return Number.NaN;
  if (n < 16 || text.charCodeAt(13) !== 58) return Number.NaN;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  ms += (hour * 60 + minute) * 60_000;
  let p = 16;
  if (p < n && text.charCodeAt(p) === 58) {
    const second = digits(text, p + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    ms += second * 1000;
    p += 3;
    if (p < n && (text.charCodeAt(p) === 46 || text.charCodeAt(p) === 44)) {
      p++;
      const fracStart = p;
      let fraction = 0;
      while (p < n && isDigit(text.charCodeAt(p))) {
        if (p - fracStart < 3) fraction = fraction * 10 + (text.charCodeAt(p) - 48);
        p++;
      }
      if (p === fracStart) return Number.NaN;
      for (let k = p - fracStart; k < 3; k++) fraction *= 10;
      ms += fraction;
    }
  }
  if (p === n) return ms;
  const z = text.charCodeAt(p);
  if ((z === 90 || z === 122) && p + 1 === n) return ms;
  if (z !== 43 && z !== 45) return Number.NaN;
  const offsetHours = digits(text, p + 1, 2);
  let offsetMinutes = 0;
  const rest = n - (p + 3);
  if (rest === 3 && text.charCodeAt(p + 3) === 58) offsetMinutes = digits(text, p + 4, 2);
  else if (rest === 2) offsetMinutes = digits(text, p + 3, 2);
  else if (rest !== 0) return Number.NaN;
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return Number.NaN;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return z === 43 ? ms - offset : ms + offset;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The non-negative integer in `text[at, at + count)`, or -1 unless all are digits. */
function digits(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
