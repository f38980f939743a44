// Deterministic synthetic articles for the benchmark: realistic lengths and paragraphs, some Arabic and Hebrew.
// The words are made up from syllables here, so no third-party text is involved.

import { pick, seeded } from '../core/seeded';

/** The benchmark's seeded generator (the trust tests' mulberry32). */
export const rng = seeded;

const LATIN = ['ka', 'mi', 'ra', 'lo', 'te', 'sun', 'dor', 'vel', 'an', 'is', 'por', 'gra', 'ne', 'ti', 'bal', 'cor', 'fe', 'hu', 'ma', 'qui'];
const ARABIC = ['سا', 'لم', 'كت', 'بي', 'نو', 'قا', 'در', 'حي', 'فا', 'مل'];
const HEBREW = ['של', 'מו', 'דב', 'רי', 'תו', 'כן', 'אל', 'הי'];

function word(r: () => number, syllables: string[]): string {
  const n = 1 + Math.floor(r() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, syllables);
  return w;
}

function sentence(r: () => number, syllables: string[]): string {
  const n = 6 + Math.floor(r() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(word(r, syllables));
  const s = words.join(' ');
  return syllables === LATIN ? `${s.charAt(0).toUpperCase()}${s.slice(1)}.` : `${s}.`;
}

/** An article of about `chars` characters: a title line, then paragraphs separated by blank lines. */
export function article(r: () => number, index: number, chars: number): string {
  const script = index % 10 === 7 ? ARABIC : index % 10 === 8 ? HEBREW : LATIN;
  const title = `Report ${index}: ${sentence(r, LATIN)}`;
  const parts: string[] = [title];
  let length = title.length;
  while (length < chars) {
    const sentences: string[] = [];
    const count = 2 + Math.floor(r() * 4);
    for (let i = 0; i < count; i++) sentences.push(sentence(r, r() < 0.85 ? script : LATIN));
    const paragraph = sentences.join(' ');
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n');
}
