// Field values as databases write them, tidied into what the attributes hold.
import { must } from '../../../../contract/must';
import type { NewsFields } from './types';

const LANGUAGES: [string, string[]][] = [
  ['English', ['english', 'englisch', 'anglais', 'engels', 'en', 'eng', 'inglés', 'ingles']],
  ['German', ['german', 'deutsch', 'allemand', 'duits', 'de', 'ger', 'deu', 'alemán']],
  ['French', ['french', 'français', 'francais', 'française', 'francaise', 'französisch', 'frans', 'fr', 'fre', 'fra']],
  ['Dutch', ['dutch', 'nederlands', 'niederländisch', 'néerlandais', 'neerlandais', 'nl', 'dut', 'nld']],
  ['Spanish', ['spanish', 'español', 'espanol', 'spanisch', 'espagnol', 'spaans', 'es', 'spa']],
  ['Italian', ['italian', 'italiano', 'italienisch', 'italien', 'italiaans', 'it', 'ita']],
  ['Portuguese', ['portuguese', 'português', 'portugues', 'portugais', 'pt', 'por']],
  ['Russian', ['russian', 'russisch', 'russe', 'ru', 'rus']],
  ['Arabic', ['arabic', 'arabisch', 'arabe', 'ar', 'ara']],
  ['Chinese', ['chinese', 'chinesisch', 'chinois', 'zh', 'chi', 'zho']],
  ['Japanese', ['japanese', 'japanisch', 'japonais', 'ja', 'jpn']],
];
const LANGUAGE_BY_NAME = new Map<string, string>();
for (const [name, spellings] of LANGUAGES) for (const s of spellings) LANGUAGE_BY_NAME.set(s, name);

/** "ENGLISH", "GERMAN; DEUTSCH", "Français", "Dutch / Nederlands", "EN" → the language's English name. */
export function languageName(raw: string): string | undefined {
  const first = raw.trim().split(/\s*[;,/|]\s*/)[0]?.trim();
  if (!first) return undefined;
  const known = LANGUAGE_BY_NAME.get(first.toLowerCase());
  if (known) return known;
  return first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
}

/** "355 words", "2,968 words", "543 mots", "382 Woerter", "295 mots", "942" → the number of words. */
export function wordCount(raw: string): number | undefined {
  const m = /^\s*(\d{1,3}(?:[,.\u00a0 ]\d{3})+|\d+)(?=\s|$)/.exec(raw);
  if (!m) return undefined;
  const n = Number(must(m[1], "a word count's digits").replace(/[,.\u00a0 ]/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A length line standing alone: "184 words", "353 woorden", "876 mots", "382 Wörter". */
export const LENGTH_LINE = /^\d{1,3}(?:[,.]\d{3})*\d*\s+(?:words?|woorden|mots|w(?:ö|oe)rter|worte|palabras|parole)\s*$/i;

/** "By JANE DOE", "BY STEPHEN POLLARD", "Von Max Muster", "Par Jean Dupont" → the name(s). */
export function authorName(raw: string): string | undefined {
  const s = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:by|von|par|door)\s+/i, '')
    .trim();
  return s.length > 0 ? s : undefined;
}

/**
 * A "Label: value" paragraph read with `pattern` (label in group 1, value in group 2): the role `roles` gives the
 * label (keyed lower case), and the value; undefined for a paragraph that is text.
 */
export function labelledField<Role extends string>(pattern: RegExp, roles: Record<string, Role>, paragraph: string): { role: Role; value: string } | undefined {
  const [, label, value] = pattern.exec(paragraph.trim()) ?? [];
  if (label === undefined || value === undefined) return undefined;
  const key = label.toLowerCase();
  // Own keys only: a paragraph "Constructor: …" is text, not Object's.
  const role = Object.hasOwn(roles, key) ? roles[key] : undefined;
  return role ? { role, value: value.trim() } : undefined;
}

/** White space runs become one space; the ends are trimmed. */
export function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/[\s\u00a0]+/g, ' ').trim();
  return t.length > 0 ? t : undefined;
}

/** Copyright and rights lines, which are never part of the coded text. */
export const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s|all rights reserved|alle rechte vorbehalten|tous droits réservés|alle rechten voorbehouden|rights reserved)/i;

/**
 * Joins the lines of one paragraph of a hard-wrapped text file: a line that ran to the wrap margin continues on the
 * next (joined with a space); a short line ends where it ends (a list, a table row, a signature).
 */
export function reflow(lines: string[]): string {
  let out = '';
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const previous = lines[i - 1];
    if (previous === undefined) out = line;
    else out += (previous.trimEnd().length >= 60 ? ' ' : '\n') + line;
  });
  return out;
}

/** The fields several databases label alike (BYLINE:, SECTION:, LENGTH:, LANGUAGE: and their translations), and how each is read. */
const COMMON_FIELDS = { author: authorName, section: clean, length: wordCount, language: languageName } satisfies Record<string, (value: string) => unknown>;
export type CommonFieldRole = keyof typeof COMMON_FIELDS;
export const isCommonFieldRole = (role: string): role is CommonFieldRole => Object.hasOwn(COMMON_FIELDS, role);

/** A labelled author, section, length or language into `fields`: the first such label of an article wins. */
export function setCommonFieldOnce(fields: NewsFields, role: CommonFieldRole, value: string): void {
  if (fields[role] === undefined) Object.assign(fields, { [role]: COMMON_FIELDS[role](value) });
}
