/**
 * The subset of Python's datetime.strptime that linkage schemas use for dates
 * (%Y %m %d %y %b %B %j %H %M %S %%, literal text), and clkhash's output form %Y%m%d,
 * whose year is not zero-padded (glibc strftime: year 123 → "123").
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface YMD {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Parse `text` with a strptime format; throws an Error with Python-like wording if it does not fit. */
export function strptime(text: string, format: string): YMD {
  let pos = 0;
  let year = 1900,
    month = 1,
    day = 1;
  let yday: number | undefined;
  const num = (maxDigits: number, what: string): number => {
    const m = new RegExp(`^\\d{1,${maxDigits}}`).exec(text.slice(pos));
    if (!m)
      throw new Error(`time data ${JSON.stringify(text)} does not match format ${JSON.stringify(format)} (${what})`);
    pos += m[0].length;
    return Number(m[0]);
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '%' && i + 1 < format.length) {
      const d = format[++i];
      switch (d) {
        case 'Y':
          year = num(4, 'year');
          break;
        case 'y': {
          const y = num(2, 'year');
          year = y < 69 ? 2000 + y : 1900 + y;
          break;
        }
        case 'm':
          month = num(2, 'month');
          break;
        case 'd':
          day = num(2, 'day');
          break;
        case 'j':
          yday = num(3, 'day of year');
          break;
        case 'H':
          if (num(2, 'hour') > 23) throw new Error('hour out of range');
          break;
        case 'M':
          if (num(2, 'minute') > 59) throw new Error('minute out of range');
          break;
        case 'S':
          if (num(2, 'second') > 61) throw new Error('second out of range');
          break;
        case 'b':
        case 'B': {
          const rest = text.slice(pos).toLowerCase();
          const idx = MONTHS.findIndex((mn) => (d === 'B' ? rest.startsWith(mn) : rest.startsWith(mn.slice(0, 3))));
          if (idx < 0)
            throw new Error(
              `time data ${JSON.stringify(text)} does not match format ${JSON.stringify(format)} (month name)`,
            );
          pos += d === 'B' ? MONTHS[idx]!.length : 3;
          month = idx + 1;
          break;
        }
        case '%':
          if (text[pos] !== '%')
            throw new Error(`time data ${JSON.stringify(text)} does not match format ${JSON.stringify(format)}`);
          pos++;
          break;
        default:
          throw new Error(`unsupported date directive %${d} in format ${JSON.stringify(format)}`);
      }
    } else if (/\s/.test(c)) {
      // Python: whitespace in the format matches any run of whitespace.
      while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    } else {
      if (text[pos] !== c)
        throw new Error(`time data ${JSON.stringify(text)} does not match format ${JSON.stringify(format)}`);
      pos++;
    }
  }
  if (pos !== text.length) throw new Error(`unconverted data remains: ${JSON.stringify(text.slice(pos))}`);
  if (year < 1) throw new Error('year 0 is out of range');
  if (yday !== undefined) {
    let left = yday;
    month = 1;
    while (month <= 12 && left > daysInMonth(year, month)) left -= daysInMonth(year, month++);
    if (month > 12 || left < 1) throw new Error('day of year out of range');
    day = left;
  }
  if (month < 1 || month > 12) throw new Error('month must be in 1..12');
  if (day < 1 || day > daysInMonth(year, month)) throw new Error('day is out of range for month');
  return { year, month, day };
}

/** clkhash's DateSpec output form, %Y%m%d as glibc prints it. */
export function formatYmdCompact(d: YMD): string {
  return `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
}
