import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Short news texts of the kind Gloss is used for (Gaza and Lebanon coverage), in English, Arabic with harakat and
// Hebrew with niqqud, written to a temporary folder for the file input. Titles are the first lines.

export const ARTICLES = {
  gaza: {
    file: 'gaza-ceasefire.txt',
    title: 'Gaza ceasefire talks stall as aid trucks wait at Rafah',
    text: [
      'Gaza ceasefire talks stall as aid trucks wait at Rafah',
      '',
      'Negotiators in Cairo said on Tuesday that the ceasefire proposal still lacked guarantees.',
      '"We demand an immediate ceasefire and the return of the hostages," a spokesperson for the families said.',
      'The UN warned that without a ceasefire the humanitarian situation in northern Gaza would worsen within days.',
      'Israeli officials said military pressure would continue until the hostages are released.',
      '',
    ].join('\n'),
  },
  lebanon: {
    file: 'lebanon-border.txt',
    title: 'Lebanon border clashes continue for a third day',
    text: [
      'Lebanon border clashes continue for a third day',
      '',
      'Hezbollah fired rockets at northern Israel, and the army struck targets in southern Lebanon.',
      'Residents of Kiryat Shmona demanded a ceasefire on the northern front.',
      'Lebanese officials said thousands had fled villages near the border.',
      '',
    ].join('\n'),
  },
  arabic: {
    file: 'gaza-arabic.txt',
    title: 'غَزَّة: مُفَاوَضَات وَقْف إِطْلَاق النَّار'.normalize('NFC'),
    text: [
      'غَزَّة: مُفَاوَضَات وَقْف إِطْلَاق النَّار',
      '',
      'قَالَ مُتَحَدِّث إِنَّ أَهَالِي غَزَّة يُطَالِبُونَ بِوَقْف إِطْلَاق النَّار فَوْرًا.',
      'وَفِي غَزَّة نَقَصَ الْمَاءُ وَالدَّوَاءُ.',
      '',
    ].join('\n'),
  },
  hebrew: {
    file: 'hebrew-hostages.txt',
    title: 'הַפְסָקַת אֵשׁ בְּעַזָּה'.normalize('NFC'),
    text: ['הַפְסָקַת אֵשׁ בְּעַזָּה', '', 'משפחות החטופים דורשות הפסקת אש מיידית.', ''].join('\n'),
  },
} as const;

export type ArticleName = keyof typeof ARTICLES;

/** Writes the chosen articles as UTF-8 files into a fresh temporary folder and returns their paths, in order. */
export function writeArticles(names: ArticleName[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-news-'));
  return names.map((name) => {
    const path = join(dir, ARTICLES[name].file);
    writeFileSync(path, ARTICLES[name].text, 'utf8');
    return path;
  });
}

/** Writes one text as a UTF-8 file into a fresh temporary folder and returns its path. */
export function writeTextFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gloss-news-')), name);
  writeFileSync(path, text, 'utf8');
  return path;
}

/**
 * Writes `files` (paths relative to a fresh temporary folder, some in sub-folders) as UTF-8, runs `use` with that
 * folder, and removes the folder afterwards, whether `use` passed or failed.
 */
export async function withFolder(files: Record<string, string>, use: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'gloss-e2e-folder-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    await use(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
