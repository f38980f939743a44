// Article attributes from a spreadsheet: one row per article, a column that names the article (its file or its
// title), and one column per attribute. A preview reports what every row would do before anything is written; the
// same plan is then applied as one undo step.
import { GlossError } from '../../contract/errors';
import { at, must } from '../../contract/must';
import type { AttributeImportColumn, AttributeImportReport, AttributeImportRow, AttributeType, AttributeValue } from '../../contract/types';
import { coerceAttributeValue, isIsoDate, validateAttributeName } from '../store/AttributeStore';
import type { Project } from '../store/Project';
import { parseCsv } from '../text/csvParse';

const KEY_HEADERS = {
  file: ['file', 'filename', 'file name', 'file_name', 'source_file', 'source file', 'sourcefile', 'source', 'path'],
  title: ['title', 'headline', 'article_title', 'article title'],
};

export interface AttributeImportPlan {
  report: AttributeImportReport;
  newAttributes: { name: string; type: AttributeType }[];
  writes: { articleId: number; name: string; value: AttributeValue }[];
}

/** The type a new column gets: the narrowest that every non-empty cell fits (text when nothing else does). */
function inferType(cells: string[]): AttributeType {
  const values = cells.map((c) => c.trim()).filter(Boolean);
  if (values.length === 0) return 'text';
  const fits = (type: AttributeType) =>
    values.every((v) => {
      try {
        coerceAttributeValue(type, v, '');
        return true;
      } catch {
        return false;
      }
    });
  if (values.every(isIsoDate)) return 'date';
  if (fits('number')) return 'number';
  if (fits('boolean')) return 'boolean';
  return 'text';
}

const baseName = (path: string) => path.replace(/\\/g, '/').split('/').pop() ?? path;

function addTo(map: Map<string, number[]>, key: string, id: number): void {
  map.set(key, [...(map.get(key) ?? []), id]);
}

/** Reads the CSV and works out, row by row, which article it names and which values it sets. Writes nothing. */
export function planAttributeImport(project: Project, csvText: string, matchBy: 'file' | 'title'): AttributeImportPlan {
  const records = parseCsv(csvText);
  const [headerRecord, ...body] = records;
  if (!headerRecord) throw new GlossError('invalid_request', 'The CSV is empty: it needs a header row naming its columns.');
  const header = headerRecord.cells.map((h) => h.trim());
  let keyIndex = header.findIndex((h) => KEY_HEADERS[matchBy].includes(h.toLowerCase()));
  if (keyIndex < 0) keyIndex = 0;
  const seen = new Set<string>();
  const valueColumns: { index: number; name: string }[] = [];
  header.forEach((h, index) => {
    if (index === keyIndex || h === '') return;
    const name = validateAttributeName(h);
    if (seen.has(name.toLowerCase())) throw new GlossError('invalid_request', `The CSV has two columns named "${name}".`);
    seen.add(name.toLowerCase());
    valueColumns.push({ index, name });
  });

  const columns: AttributeImportColumn[] = valueColumns.map(({ index, name }) => {
    const existing = project.attributes.find(name);
    if (existing) return { name: existing.name, type: existing.type, status: 'existing' };
    return { name, type: inferType(body.map((r) => r.cells[index] ?? '')), status: 'new' };
  });

  const articles = project.attributes.matchableArticles();
  const exact = new Map<string, number[]>();
  const loose = new Map<string, number[]>();
  const titles = new Map<number, string>(articles.map((a) => [a.id, a.title]));
  for (const a of articles) {
    if (matchBy === 'file') {
      addTo(exact, a.sourceFile.replace(/\\/g, '/'), a.id);
      addTo(loose, baseName(a.sourceFile).toLowerCase(), a.id);
    } else {
      addTo(exact, a.title, a.id);
      addTo(loose, a.title.trim().toLowerCase(), a.id);
    }
  }

  const rows: AttributeImportRow[] = [];
  const writes: AttributeImportPlan['writes'] = [];
  for (const record of body) {
    const key = (record.cells[keyIndex] ?? '').trim();
    // The path as written first (a folder import records "folder/file.txt"), then the file name alone, ignoring
    // case; for titles, exactly first, then ignoring case and surrounding spaces.
    const normalised = matchBy === 'file' ? key.replace(/\\/g, '/') : key;
    const candidates = exact.get(normalised) ?? loose.get((matchBy === 'file' ? baseName(key) : key).toLowerCase()) ?? [];
    const matched = candidates.length === 1 ? candidates[0] : undefined;
    const row: AttributeImportRow = {
      row: record.line,
      key,
      status: matched !== undefined ? 'matched' : candidates.length === 0 ? 'no match' : 'ambiguous',
      articleId: matched ?? null,
      title: matched === undefined ? null : must(titles.get(matched), "a matched article's title"),
      candidates: candidates.length,
      values: [],
      errors: [],
    };
    if (key === '') row.status = 'no match';
    if (row.status === 'matched' && matched !== undefined) {
      valueColumns.forEach(({ index }, c) => {
        const column = at(columns, c);
        const cell = record.cells[index] ?? '';
        try {
          const value = coerceAttributeValue(column.type, cell, column.name);
          if (value === null) return;
          row.values.push({ name: column.name, value });
          writes.push({ articleId: matched, name: column.name, value });
        } catch (err) {
          row.errors.push({ column: column.name, value: cell, message: (err as Error).message });
        }
      });
    }
    rows.push(row);
  }
  const count = (status: AttributeImportRow['status']) => rows.filter((r) => r.status === status).length;
  return {
    report: {
      preview: true,
      applied: false,
      matchBy,
      keyColumn: header[keyIndex] ?? '',
      columns,
      rows,
      matched: count('matched'),
      unmatched: count('no match'),
      ambiguous: count('ambiguous'),
      valuesSet: writes.length,
      typeErrors: rows.reduce((n, r) => n + r.errors.length, 0),
    },
    newAttributes: columns.filter((c) => c.status === 'new').map(({ name, type }) => ({ name, type })),
    writes,
  };
}

/** Defines the new attributes and writes the values; the caller provides the transaction and the undo step. */
export function applyAttributeImport(project: Project, plan: AttributeImportPlan): { attributeIds: number[] } {
  const attributeIds = plan.newAttributes.map((a) => project.attributes.define(a.name, a.type).id);
  const ids = new Map<string, number>();
  for (const w of plan.writes) {
    let id = ids.get(w.name);
    if (id === undefined) ids.set(w.name, (id = project.attributes.get(w.name).id));
    project.attributes.setChecked(w.articleId, id, w.value);
  }
  return { attributeIds };
}
