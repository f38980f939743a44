// Spans in a table: a CSV (or TSV) whose header names the article column (`article`, `file`, `title`, `article_id`
// or `id`), `start`, `end`, `code`, and optionally `memo`, `coder`, `text`; offsets in code points unless --unit says
// otherwise. And the SemEval-2020 task 11 preset: a headerless TSV `article_id technique start end` (or
// `article_id start end` for span identification), whose article is `article<ID>.txt`.
import { basename } from 'node:path';
import { parseCsv } from '../../text/csvParse';
import type { AnnotationInput, ArticleReference, CompanionLookup, ForeignDocument, ReadOutcome } from './model';
import { emptyOutcome } from './model';
import { fileTextOrReject, labelOf, textOfFile } from './textOf';

const ARTICLE_COLUMNS = ['article', 'file', 'filename', 'file_name', 'title', 'article_id', 'id'];

export function readSpansCsv(input: AnnotationInput): ReadOutcome {
  const out = emptyOutcome();
  const decoded = fileTextOrReject(input, out);
  if (!decoded) return out;
  let records;
  try {
    records = parseCsv(decoded.text);
  } catch (err) {
    out.rejected.push({ file: input.name, reason: (err as Error).message });
    return out;
  }
  const header = (records[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const articleCol = ARTICLE_COLUMNS.map(col).find((i) => i >= 0);
  const missing = ['start', 'end', 'code'].filter((n) => col(n) < 0);
  if (articleCol === undefined || missing.length > 0) {
    const need = [...(articleCol === undefined ? ['an article column (article, file, title, article_id or id)'] : []), ...missing];
    out.rejected.push({ file: input.name, reason: `the header must name ${need.join(', ')}; it has ${header.join(', ') || 'nothing'}` });
    return out;
  }
  const articleHeader = header[articleCol]!;
  const docs = new Map<string, ForeignDocument>();
  const cell = (cells: string[], name: string) => (col(name) >= 0 ? cells[col(name)] : undefined);
  for (const r of records.slice(1)) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    const where = `${input.name} line ${r.line}`;
    const article = (r.cells[articleCol] ?? '').trim();
    const start = Number((cell(r.cells, 'start') ?? '').trim());
    const end = Number((cell(r.cells, 'end') ?? '').trim());
    const label = labelOf(cell(r.cells, 'code'));
    if (!article || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < 0 || label === undefined) {
      out.unreadable.push({ where, reason: 'needs an article, whole-number start and end, and a code' });
      continue;
    }
    const ref: ArticleReference =
      articleHeader === 'title'
        ? { title: article, label: article }
        : (articleHeader === 'id' || articleHeader === 'article_id') && /^\d+$/.test(article)
          ? { id: Number(article), label: `article ${article}` }
          : { fileName: basename(article), title: article, id: /^\d+$/.test(article) ? Number(article) : undefined, label: article };
    let doc = docs.get(article);
    if (!doc) docs.set(article, (doc = { name: `${input.name}: ${ref.label}`, article: ref, annotations: [], documentedUnit: 'codepoint', documentedCrlf: 'one' }));
    const memo = cell(r.cells, 'memo');
    const coder = cell(r.cells, 'coder')?.trim();
    const text = cell(r.cells, 'text');
    doc.annotations.push({ start, end, label, where, memo: memo || undefined, coder: coder || undefined, quote: text || undefined });
  }
  out.documents.push(...docs.values());
  return out;
}

/**
 * The SemEval preset. The article text comes from `article<ID>.txt` — an article of that file name already in the
 * project, else that file next to the labels file or in a folder beside it (the corpus keeps them in *-articles/) —
 * and carries the file's original form, so offsets counted on it (with or without its BOM) map exactly.
 */
export function readSemEval(input: AnnotationInput, companion: CompanionLookup): ReadOutcome {
  const out = emptyOutcome();
  const decoded = fileTextOrReject(input, out);
  if (!decoded) return out;
  const docs = new Map<string, ForeignDocument>();
  decoded.text.split(/\r?\n/).forEach((line, k) => {
    if (line.trim() === '') return;
    const where = `${input.name} line ${k + 1}`;
    const f = line.split('\t').map((x) => x.trim());
    const [id, technique, s, e] = f.length >= 4 ? f : [f[0], 'Propaganda', f[1], f[2]];
    const label = labelOf(technique);
    if (!id || !/^\d+$/.test(id) || !/^\d+$/.test(s ?? '') || !/^\d+$/.test(e ?? '') || !label) {
      out.unreadable.push({ where, reason: 'is not "article_id TAB technique TAB start TAB end"' });
      return;
    }
    let doc = docs.get(id);
    if (!doc) {
      const fileName = `article${id}.txt`;
      doc = { name: fileName, article: { fileName, label: fileName }, annotations: [], documentedUnit: 'codepoint', documentedCrlf: 'one' };
      const file = companion(input, fileName);
      if (file) {
        const t = textOfFile(file.bytes);
        if (t.ok) doc.text = { original: t.text, hadBom: t.hadBom, sourceFile: file.path ?? file.name, encoding: t.encoding, bytes: file.bytes };
      }
      docs.set(id, doc);
    }
    doc.annotations.push({ start: Number(s), end: Number(e), label, where });
  });
  out.documents.push(...docs.values());
  return out;
}
