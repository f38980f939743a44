// Dates as news databases write them, in English, German, French and Dutch (and ISO, and day-first numbers).

const MONTHS: Record<string, number> = {};
const add = (names: string, month: number) => names.split(' ').forEach((n) => (MONTHS[n] = month));
add('january jan januar jänner jaenner janvier januari janv', 1);
add('february feb februar feber février fevrier februari févr fevr', 2);
add('march mar märz maerz mars maart mrz marts', 3);
add('april apr avril avr', 4);
add('may mai mei maj', 5);
add('june jun juni juin', 6);
add('july jul juli juillet juil', 7);
add('august aug august août aout augustus', 8);
add('september sep sept septembre', 9);
add('october oct oktober octobre okt', 10);
add('november nov novembre', 11);
add('december dec dezember décembre decembre dez déc', 12);

const WEEKDAYS =
  'monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag ' +
  'mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tisdag lördag söndag ' +
  'lundi mardi mercredi jeudi vendredi samedi dimanche maandag dinsdag woensdag donderdag vrijdag zaterdag zondag';

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const L = '\\p{L}';
const MONTH_FIRST = new RegExp(`(?<!${L})(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\.?,?\\s+(\\d{4})(?!\\d)`, 'iu');
const DAY_FIRST = new RegExp(`(?<![\\d${L}])(\\d{1,2})(?:\\.|er|e|st|nd|rd|th)?\\s*(${MONTH_ALT})\\.?,?\\s+(\\d{4})(?!\\d)`, 'iu');
const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const NUMERIC = /(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)/;
const LEADING_WEEKDAY = new RegExp(`^(?:(?:${WEEKDAYS.split(' ').join('|')})\\.?,?\\s*)+`, 'iu');

/** A month's number from its name as matched (any case); NaN (no date) for a missing group. */
const monthNamed = (name: string | undefined): number => (name === undefined ? NaN : (MONTHS[name.toLowerCase()] ?? NaN));

/** Each pattern with where its groups put the year, month and day. A missing group reads as NaN: no date. */
const READINGS: { pattern: RegExp; ymd: (groups: RegExpExecArray) => [number, number, number] }[] = [
  { pattern: ISO, ymd: ([, y, m, d]) => [Number(y), Number(m), Number(d)] },
  { pattern: MONTH_FIRST, ymd: ([, month, d, y]) => [Number(y), monthNamed(month), Number(d)] },
  { pattern: DAY_FIRST, ymd: ([, d, month, y]) => [Number(y), monthNamed(month), Number(d)] },
  { pattern: NUMERIC, ymd: ([, d, m, y]) => [Number(y), Number(m), Number(d)] },
];

/** The ISO date for year, month, day, or undefined when they are not a calendar date (NaN included). */
function iso(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface FoundDate {
  date: string;
  /** Where in the string the date starts (code units). */
  index: number;
}

/** The first real calendar date written anywhere in `s`, or undefined. */
export function findDate(s: string): FoundDate | undefined {
  const text = s.normalize('NFC');
  const hits: FoundDate[] = [];
  for (const { pattern, ymd } of READINGS) {
    const m = pattern.exec(text);
    const date = m ? iso(...ymd(m)) : undefined;
    if (m && date) hits.push({ date, index: m.index });
  }
  hits.sort((a, b) => a.index - b.index);
  return hits[0];
}

/**
 * A line that is a date (as a header's date line is: "January 11, 2010 Monday", "Mittwoch 31. August 2011",
 * "17 mai 2003", "April 20, 2003, Sunday 23:22 CET"), not a sentence that mentions one.
 */
export function dateLine(s: string): string | undefined {
  const t = s.trim();
  if (t.length > 90) return undefined;
  const rest = t.replace(LEADING_WEEKDAY, '');
  const found = findDate(rest);
  return found && found.index === 0 ? found.date : undefined;
}
