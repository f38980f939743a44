// A JavaScript twin of SQLite's unicode61 tokenizer as Gloss configures the search index ('remove_diacritics 2'),
// run over the same mark-stripped text the index holds. Full-text search lets SQLite choose the articles, then finds
// the matched words in each one with this tokenizer, so that every hit has exact offsets; the closer this twin is
// to SQLite's, the more exactly "the articles FTS found" and "the hits shown" agree.

// unicode61 treats letters, numbers and private-use characters as parts of words, plus a handful of combining
// diacritics (U+0300–U+0331, the bits set in these two masks, copied from SQLite's sqlite3Fts5UnicodeIsdiacritic),
// which it then removes. Everything else separates words.
const DIACRITIC_MASK_0 = 0x08029fdf;
const DIACRITIC_MASK_1 = 0x000361f8;

function isFtsDiacritic(c: number): boolean {
  if (c < 768 || c > 817) return false;
  return c < 800 ? ((DIACRITIC_MASK_0 >>> (c - 768)) & 1) === 1 : ((DIACRITIC_MASK_1 >>> (c - 800)) & 1) === 1;
}

/** A run of word characters: one token. Built once from the masks so tokenizing is a single regex scan. */
const WORD_RUN = (() => {
  let diacritics = '';
  for (let c = 768; c <= 817; c++) if (isFtsDiacritic(c)) diacritics += `\\u${c.toString(16).padStart(4, '0')}`;
  return new RegExp(`[\\p{L}\\p{N}\\p{Co}${diacritics}]+`, 'gu');
})();

export interface Token {
  /** The word as the index compares it: lower case, Latin diacritics removed. */
  folded: string;
  /** UTF-16 offsets into the tokenized text. */
  start: number;
  end: number;
}

/**
 * Lower case and without the Latin combining diacritics (café → cafe, naïve → naive), as remove_diacritics 2 folds
 * them; other scripts' marks stay (recomposed by NFC), as they do in SQLite.
 */
export function foldWord(word: string): string {
  // Most words in most corpora are ASCII; they need no normalisation.
  if (/^[!-~]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD_RUN)) tokens.push({ folded: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
  return tokens;
}
