// import.spans_per_s: a SemEval-shaped annotation import (article<ID>.txt files + an `id technique start end` TSV)
// through the real importer (read, decode, map offsets, create articles and codes, insert codings; as the CLI runs
// it) vs the simplest possible better-sqlite3 loop inserting the same articles and codings into the same schema.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { annotationInputsFromPaths, importAnnotations } from '../../src-main/core/exchange/annotations/importAnnotations';
import { Project } from '../../src-main/core/store/Project';
import { migrations } from '../../src-main/core/store/migrations';
import type { CoreSizes } from './core';
import { article, rng } from './data';
import { median, timeMs, type Figure } from './measure';

const TECHNIQUES = ['Loaded_Language', 'Name_Calling,Labeling', 'Repetition', 'Doubt', 'Flag-Waving', 'Slogans'];

export async function benchAnnotationImport(work: string, sizes: CoreSizes): Promise<Figure> {
  const dir = join(work, 'semeval');
  mkdirSync(join(dir, 'articles'), { recursive: true });
  const r = rng(11);
  const articles = Math.min(sizes.articles, 400);
  const lines: string[] = [];
  const rows: { id: number; text: string; spans: [string, number, number][] }[] = [];
  for (let i = 0; i < articles; i++) {
    const id = 700000000 + i;
    const text = article(r, i, sizes.articleChars);
    writeFileSync(join(dir, 'articles', `article${id}.txt`), text);
    const cps = [...text];
    const spans: [string, number, number][] = [];
    for (let k = 0; k < 16; k++) {
      // Spans from one space to the next word's end, as annotators mark phrases.
      let start = Math.floor(r() * (cps.length - 200));
      while (start < cps.length && cps[start] !== ' ') start++;
      start++;
      let end = start + 10 + Math.floor(r() * 60);
      while (end < cps.length && cps[end] !== ' ') end++;
      const technique = TECHNIQUES[k % TECHNIQUES.length]!;
      spans.push([technique, start, end]);
      lines.push(`${id}\t${technique}\t${start}\t${end}`);
    }
    rows.push({ id, text, spans });
  }
  const labels = join(dir, 'labels.tsv');
  writeFileSync(labels, `${lines.join('\n')}\n`);
  let n = 0;
  const value = await median(sizes.runs, async () => {
    const project = Project.create(join(work, `annot-${n++}.gloss`));
    let placed = 0;
    const ms = await timeMs(async () => {
      const { inputs } = annotationInputsFromPaths([labels], 'semeval');
      placed = (await importAnnotations(project, inputs, { format: 'semeval', coder: 'bench' })).placed;
    });
    project.close();
    if (placed < lines.length * 0.99) throw new Error(`annotation bench placed ${placed} of ${lines.length}`);
    return (lines.length / ms) * 1000;
  });
  const bound = await median(sizes.runs, async () => {
    const db = new Database(join(work, `annot-bare-${n++}.db`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    for (const m of migrations) m.up(db);
    const ms = await timeMs(() => {
      const texts = rows.map((a) => readFileSync(join(dir, 'articles', `article${a.id}.txt`), 'utf8'));
      const insertArticle = db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, text, length)
        VALUES (?, ?, ?, ?, 'UTF-8', ?, ?)`);
      const insertCode = db.prepare("INSERT INTO codes (parent_id, name, color, description, sort_order, created_at) VALUES (NULL, ?, '#888888', '', ?, '2026-01-01T00:00:00Z')");
      const insertCoding = db.prepare(`INSERT OR IGNORE INTO codings (article_id, code_id, start, "end", text, coder, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'bench', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
      db.transaction(() => {
        const codeIds = new Map(TECHNIQUES.map((t, k) => [t, Number(insertCode.run(t, k).lastInsertRowid)]));
        rows.forEach((a, k) => {
          const text = texts[k]!;
          const cps = [...text];
          const articleId = Number(insertArticle.run(`article${a.id}`, `article${a.id}.txt`, '2026-01-01T00:00:00Z', createHash('sha256').update(text).digest('hex'), text, cps.length).lastInsertRowid);
          for (const [t, s, e] of a.spans) insertCoding.run(articleId, codeIds.get(t)!, s, e, cps.slice(s, e).join(''));
        });
      })();
    });
    db.close();
    return (lines.length / ms) * 1000;
  });
  return { metric: 'import.spans_per_s', value, unit: 'spans/s', bound, ratio: value / bound, note: `ratio ≥ 0.5 (${lines.length} spans, ${articles} articles)` };
}
