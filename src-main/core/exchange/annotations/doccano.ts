// doccano JSONL: one document per line, `{"text": …, "label": [[start, end, "LABEL"], …]}` (sequence labelling
// export) or the newer `{"text": …, "entities": [{"start_offset", "end_offset", "label"}, …]}`. doccano counts
// offsets in Python characters (code points) on the text as the line carries it (a CRLF is two characters).
import { countNotImported, emptyOutcome, type AnnotationInput, type ExportArticle, type ForeignAnnotation, type ReadOutcome } from './model';
import { carriedText, fileTextOrReject, isObject, isOffset, labelOf, parseJson } from './textOf';

export function readDoccano(input: AnnotationInput): ReadOutcome {
  const out = emptyOutcome();
  const decoded = fileTextOrReject(input, out);
  if (!decoded) return out;
  const lines = decoded.text.split(/\r?\n/);
  lines.forEach((line, k) => {
    if (line.trim() === '') return;
    const where = `${input.name} line ${k + 1}`;
    const parsed = parseJson(line);
    if (!parsed.ok || !isObject(parsed.value)) {
      out.rejected.push({ file: where, reason: parsed.ok ? 'not a JSON object' : parsed.reason });
      return;
    }
    const row = parsed.value;
    if (typeof row.text !== 'string' || row.text.length === 0) {
      out.rejected.push({ file: where, reason: 'has no "text"' });
      return;
    }
    const annotations: ForeignAnnotation[] = [];
    const list = Array.isArray(row.entities) ? row.entities : Array.isArray(row.label) ? row.label : Array.isArray(row.labels) ? row.labels : [];
    list.forEach((e: unknown, j: number) => {
      const w = `${where} span ${j + 1}`;
      let start: unknown, end: unknown, label: unknown;
      if (Array.isArray(e)) [start, end, label] = e;
      else if (isObject(e)) [start, end, label] = [e.start_offset, e.end_offset, e.label];
      else if (typeof e === 'string') {
        // A text-classification label (no span): not a passage.
        countNotImported(out, 'document labels (doccano text classification)');
        return;
      }
      const code = labelOf(label);
      if (!isOffset(start) || !isOffset(end) || code === undefined) {
        out.unreadable.push({ where: w, reason: 'is not [start, end, "label"] with whole-number offsets' });
        return;
      }
      annotations.push({ start, end, label: code, where: w });
    });
    if (Array.isArray(row.relations) && row.relations.length > 0) countNotImported(out, 'relations', row.relations.length);
    const { original, hadBom } = carriedText(row.text);
    const name = typeof row.id === 'number' || typeof row.id === 'string' ? `${input.name} #${row.id}` : where;
    out.documents.push({
      name,
      text: { original, hadBom, sourceFile: name, encoding: decoded.encoding },
      annotations,
      documentedUnit: 'codepoint',
      documentedCrlf: 'two',
      glossOffsets: row.gloss_offset_unit === 'codepoint',
    });
  });
  return out;
}

/**
 * One doccano JSONL line in the shape doccano's sequence-labelling upload reads with its default columns ("text",
 * "label"), offsets in code points.
 */
export function writeDoccano(article: ExportArticle): string {
  const row = {
    text: article.text,
    label: article.codings.map((c) => [c.start, c.end, c.codePath]),
    // doccano keeps extra fields as metadata. The unit tells Gloss, reading this back, not to guess.
    title: article.title,
    gloss_offset_unit: 'codepoint',
  };
  return `${JSON.stringify(row)}\n`;
}
