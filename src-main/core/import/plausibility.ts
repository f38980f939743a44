// How natural a decoded text looks, for choosing between encodings that all decode the bytes. The detector's
// statistics say which byte patterns are likely; this looks at the characters a candidate encoding produces and
// counts what real text almost never has:
//   - an upper-case letter right after a lower-case one inside a word, where one of them is non-ASCII ("karÞÝsÝnda",
//     "donÆt": Turkish or English read in the wrong code page);
//   - a symbol or (most) punctuation between two letters, or a symbol glued to a non-ASCII letter ("cre‰ren",
//     "¥í¥°": Dutch from DOS, Japanese read as Windows-1252);
//   - letters of two scripts inside one word (a Greek or Cyrillic letter among Latin ones);
//   - a combining mark that follows no letter; C1 control characters; private-use characters;
//   - box-drawing characters next to letters, or alone on their line (DOS tables come in runs);
//   - a Latin letter the text's language does not use, by the language the detector names (Romanian has ș, not ş;
//     Welsh ŷ, not þ): half an anomaly each;
//   - the currency sign ¤, which stands in for a currency symbol in character sets, not in text.
// It also counts "good" evidence: non-ASCII letters inside words, which a tie can be broken on ("één" against
// "‚‚n"). Nothing here is tuned to particular files: the rules are those of how alphabets and typography work.

export interface Plausibility {
  /** Weighted count of implausible characters (see above). */
  anomalies: number;
  /** Non-ASCII letters inside words (next to another letter) that break no rule. */
  good: number;
  /** Non-ASCII characters looked at. */
  nonAscii: number;
}

/**
 * Lower-case non-ASCII letters each language's orthography uses (with the loan letters common in its news text),
 * for the languages whose text Latin code pages disagree on. A language not listed is not checked.
 */
const ALPHABETS: Record<string, string> = {
  en: 'éèêëïöüçñáàâîôû',
  nl: 'éèêëïöüáíóúç',
  de: 'äöüßéèàç',
  fr: 'àâæçéèêëîïôœùûüÿ',
  it: 'àèéìíîòóùú',
  es: 'áéíóúüñ',
  pt: 'áâãàçéêíóôõúü',
  ca: 'àçèéíïòóúü',
  gl: 'áéíóúñü',
  eu: 'ñü',
  da: 'æøåéü',
  no: 'æøåéèêóòôü',
  nb: 'æøåéèêóòôü',
  nn: 'æøåéèêóòôü',
  sv: 'åäöéü',
  fi: 'äöåšž',
  is: 'áðéíóúýþæö',
  fo: 'áðíóúýæø',
  ga: 'áéíóú',
  gd: 'àèìòùáéó',
  cy: 'âêîôûŵŷáéíóúàèìòùäëïöüÿ',
  br: 'âêîôûéèùüñ',
  tr: 'çğıöşüâîû',
  az: 'çəğıöşü',
  ro: 'ăâîșțşţ',
  pl: 'ąćęłńóśźż',
  cs: 'áčďéěíňóřšťúůýž',
  sk: 'áäčďéíĺľňóôŕšťúýž',
  hu: 'áéíóöőúüű',
  sl: 'čšžćđ',
  hr: 'čćđšž',
  bs: 'čćđšž',
  sr: 'čćđšž',
  et: 'äöõüšž',
  lv: 'āčēģīķļņšūž',
  lt: 'ąčęėįšųūž',
  mt: 'ċġħżàèìòù',
  eo: 'ĉĝĥĵŝŭ',
  sq: 'çë',
};

/** Punctuation that does sit between two letters: apostrophes, the Catalan middle dot, hyphens and dashes. */
const IN_WORD_PUNCTUATION = new Set(['\u2019', '\u02bc', "'", '\u00b7', '\u2010', '\u2011', '\u2013', '\u2014', '\u00ad']);
/** ASCII signs seldom found between two letters: ` ^ ~ | [ ] { } \\ @ $ #. */
const RARE_IN_WORD = /\p{L}[`^~|[\]{}\\@$#]\p{L}/gu;
const NON_ASCII = /[\u0080-\uffff]/g;
/** Letters that are used as signs, not inside words. */
const SIGN_LETTERS = new Set(['\u0192', '\u00aa', '\u00ba', '\u207f']);
/** Accents typed as apostrophes ("don´t"). */
const APOSTROPHE_SUBSTITUTES = new Set(['\u00b4', '`']);

// Character classes, cached per character: a file repeats few distinct ones, and the regexes are the cost here.
const LETTER = 1;
const UPPER = 2;
const LOWER = 4;
const MARK = 8;
const SYMBOL = 16;
const MODIFIER_SYMBOL = 32;
const CURRENCY = 64;
const MODIFIER_LETTER = 128;
const KNOWN = 256;
/** Per UTF-16 code unit: its class bits, with KNOWN set once computed. */
const classes = new Uint16Array(0x10000);
function classOf(c: string): number {
  // No character (read past either end of the text): no class.
  if (c === '') return 0;
  const unit = c.charCodeAt(0);
  let k = classes[unit] ?? 0;
  if (k === 0) {
    k =
      KNOWN |
      (/\p{L}/u.test(c) ? LETTER : 0) |
      (/\p{Lu}/u.test(c) ? UPPER : 0) |
      (/\p{Ll}/u.test(c) ? LOWER : 0) |
      (/\p{M}/u.test(c) ? MARK : 0) |
      (/\p{S}/u.test(c) ? SYMBOL : 0) |
      (/\p{Sk}/u.test(c) ? MODIFIER_SYMBOL : 0) |
      (/\p{Sc}/u.test(c) ? CURRENCY : 0) |
      (/\p{Lm}/u.test(c) ? MODIFIER_LETTER : 0);
    classes[unit] = k;
  }
  return k;
}
const isLetter = (c: string) => (classOf(c) & LETTER) !== 0;
const isUpper = (c: string) => (classOf(c) & UPPER) !== 0;
const isLower = (c: string) => (classOf(c) & LOWER) !== 0;
const isMark = (c: string) => (classOf(c) & MARK) !== 0;
const isSymbol = (c: string) => (classOf(c) & SYMBOL) !== 0;
const isBox = (cp: number) => cp >= 0x2500 && cp <= 0x259f;

type Script = 'Latin' | 'Greek' | 'Cyrillic' | 'Armenian' | 'Hebrew' | 'Arabic' | 'Thai' | 'CJK' | 'Other' | null;

/** The script of a letter, coarsely (Han, kana and Hangul are one "CJK" script: Japanese mixes them). */
function scriptOf(cp: number): Script {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? 'Latin' : null;
  if (cp === 0xaa || cp === 0xba || cp === 0xb5) return null; // ª º µ: used with any script
  if (cp < 0x250 || (cp >= 0x1e00 && cp <= 0x1eff)) return 'Latin';
  if ((cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x1f00 && cp <= 0x1fff)) return 'Greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'Cyrillic';
  if (cp >= 0x530 && cp <= 0x58f) return 'Armenian';
  if ((cp >= 0x590 && cp <= 0x5ff) || (cp >= 0xfb1d && cp <= 0xfb4f)) return 'Hebrew';
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 'Arabic';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'Thai';
  if ((cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3040 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef)) {
    return 'CJK';
  }
  return 'Other';
}

/** Looks at up to this many characters, or this many non-ASCII ones: plenty of evidence, bounded work. */
const MAX_CHARS = 500_000;
const MAX_NON_ASCII = 3_000;

/** `explain`, for tests and tuning, hears each anomaly's position and weight. */
export function plausibility(text: string, language: string | null, explain?: (at: number, weight: number) => void): Plausibility {
  const alphabet = language ? ALPHABETS[language.toLowerCase().slice(0, 2)] : undefined;
  let anomalies = 0;
  const flag = (at: number, weight: number) => {
    anomalies += weight;
    explain?.(at, weight);
  };
  let good = 0;
  let nonAscii = 0;
  const end = Math.min(text.length, MAX_CHARS);
  // ASCII signs that never sit inside words ("bak`lm`": Turkish EBCDIC read as Greek EBCDIC); e-mail's @ too, half.
  RARE_IN_WORD.lastIndex = 0;
  for (let m = RARE_IN_WORD.exec(text); m && m.index < end; m = RARE_IN_WORD.exec(text)) {
    flag(m.index + 1, 0.5);
    RARE_IN_WORD.lastIndex = m.index + 1;
  }
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m && m.index < end; m = NON_ASCII.exec(text)) {
    const i = m.index;
    const cp = text.charCodeAt(i);
    // An ASCII capital right after a non-ASCII lower-case letter ("ôYesö": “Yes” in the wrong code page).
    const after = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (after >= 0x41 && after <= 0x5a && isLower(text.charAt(i))) flag(i + 1, 1);
    if (cp >= 0xd800 && cp <= 0xdfff) continue; // astral characters: no legacy encoding makes them
    if (++nonAscii > MAX_NON_ASCII) {
      nonAscii--;
      break;
    }
    const c = text.charAt(i);
    const prev = i > 0 ? text.charAt(i - 1) : '';
    const next = i + 1 < text.length ? text.charAt(i + 1) : '';
    const prevLetter = prev !== '' && isLetter(prev);
    const nextLetter = next !== '' && isLetter(next);

    if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0xe000 && cp <= 0xf8ff)) {
      flag(i, 2);
      continue;
    }
    if (isLetter(c)) {
      let bad = 0;
      const script = scriptOf(cp);
      if (script && script !== 'Other') {
        if (prevLetter) {
          const other = scriptOf(prev.charCodeAt(0));
          if (other && other !== 'Other' && other !== script) bad++;
        }
        if (nextLetter) {
          const other = scriptOf(next.charCodeAt(0));
          if (other && other !== 'Other' && other !== script) bad++;
        }
      }
      if (isUpper(c) && prevLetter && isLower(prev)) bad++;
      // "MÜglichkeit": a second capital followed by small letters; "ĄEste": a capital before one ("„Este" misread).
      else if (isUpper(c) && prevLetter && isUpper(prev) && nextLetter && isLower(next)) bad++;
      else if (isUpper(c) && !prevLetter && nextLetter && isUpper(next) && i + 2 < text.length && isLower(text.charAt(i + 2))) bad++;
      // The micro sign goes before a unit ("µg"), never at the end of a word ("prioritateµ": a misread quote).
      if (cp === 0xb5 && prevLetter) bad++;
      // Letters that serve as signs (ƒ florin, ª º ordinals, modifier letters) do not sit inside words.
      if (prevLetter && nextLetter && (SIGN_LETTERS.has(c) || (classOf(c) & MODIFIER_LETTER) !== 0)) bad++;
      if (alphabet && script === 'Latin') {
        const lower = c.toLowerCase().charAt(0);
        if (lower.charCodeAt(0) >= 0x80 && !alphabet.includes(lower)) bad += 0.5;
      }
      if (bad > 0) flag(i, Math.min(bad, 1.5));
      if (bad === 0 && (prevLetter || nextLetter)) good++;
      continue;
    }
    if (isMark(c)) {
      if (!prevLetter && !(prev !== '' && isMark(prev))) flag(i, 1);
      else if (prevLetter) {
        const script = scriptOf(cp);
        const base = scriptOf(prev.charCodeAt(0));
        // Combining diacritics (U+0300–U+036F) go with any script; Thai or Hebrew marks only with their own.
        if (script && base && script !== 'Other' && base !== 'Other' && script !== base && !(cp >= 0x300 && cp <= 0x36f)) flag(i, 1);
      }
      continue;
    }
    if (isBox(cp)) {
      if (prevLetter || nextLetter) flag(i, 1);
      else if (!boxNeighbourOnLine(text, i)) flag(i, 1);
      continue;
    }
    // CJK punctuation (、。・「」, full-width forms) sits between letters: Chinese and Japanese use no spaces.
    if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef) || cp === 0x30fb) continue;
    // A symbol, number or punctuation mark between two letters ("M÷glichkeit", "f³r", "cre‰ren"), alone or in a
    // short run ("w‚‚r": Dutch "wéér" from DOS read as Windows-1252).
    if (prevLetter && nextLetter) {
      if (!IN_WORD_PUNCTUATION.has(c) && !APOSTROPHE_SUBSTITUTES.has(c)) flag(i, 1);
      continue;
    }
    if (!IN_WORD_PUNCTUATION.has(c) && insideWordRun(text, i)) {
      flag(i, 1);
      continue;
    }
    // The currency sign ¤ stands in for a currency symbol in standards, not in text ("60.000¤" is a misread "€").
    if (c === '\u00a4') {
      flag(i, 1);
      continue;
    }
    if (isSymbol(c)) {
      const modifier = (classOf(c) & MODIFIER_SYMBOL) !== 0;
      // A currency sign against a letter ("¢REGLAMENTO": a bracket in the wrong EBCDIC page); "5 €", "€5" are fine.
      if ((classOf(c) & CURRENCY) !== 0 && (prevLetter || nextLetter)) {
        flag(i, 0.5);
        continue;
      }
      if ((prevLetter && prev.charCodeAt(0) >= 0x80) || (nextLetter && next.charCodeAt(0) >= 0x80)) flag(i, 1);
      else if (modifier && (prevLetter || nextLetter)) flag(i, 1);
      else if (modifier) flag(i, 0.5);
    }
  }
  return { anomalies, good, nonAscii };
}

/** A non-ASCII sign at `at` in a run of up to 3 signs (no letters, digits or spaces) with letters on both ends. */
function insideWordRun(text: string, at: number): boolean {
  const isSign = (k: number) => {
    const ch = text.charAt(k);
    return ch !== undefined && /[^\s\p{L}\p{M}\p{N}]/u.test(ch);
  };
  let start = at;
  while (start > 0 && at - start < 3 && isSign(start - 1)) start--;
  let end = at;
  while (end + 1 < text.length && end - at < 3 && isSign(end + 1)) end++;
  if (end - start + 1 > 3) return false;
  return start > 0 && end + 1 < text.length && isLetter(text.charAt(start - 1)) && isLetter(text.charAt(end + 1));
}

/** Whether another box-drawing character shares the line of the one at `at`. */
function boxNeighbourOnLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && text.charAt(i) !== '\n'; i--) if (isBox(text.charCodeAt(i))) return true;
  for (let i = at + 1; i < text.length && text.charAt(i) !== '\n'; i++) if (isBox(text.charCodeAt(i))) return true;
  return false;
}
