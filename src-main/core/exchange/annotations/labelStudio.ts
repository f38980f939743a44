// Label Studio JSON export: an array of tasks, each `{id, data: {text: …}, annotations: [{completed_by, result: [
// {type: "labels", value: {start, end, text, labels: [...]}}]}]}`. Label Studio runs in the browser and counts
// offsets in UTF-16 code units on the text as the task carries it. Each annotation (one per annotator) becomes that
// annotator's codings; each label of a region is one coding.
import type { ExportArticle, ForeignAnnotation, ReadOutcome, AnnotationInput } from './model';
import { countNotImported, emptyOutcome } from './model';
import { carriedText, fileJsonOrReject, isObject, isOffset, labelOf } from './textOf';
import { OffsetIndex } from '../../../contract/offsets';

function coderOf(completedBy: unknown): string | undefined {
  if (typeof completedBy === 'number') return `labelstudio-user-${completedBy}`;
  if (typeof completedBy === 'string' && completedBy.trim()) return completedBy.trim();
  if (isObject(completedBy)) {
    for (const k of ['email', 'username', 'first_name']) if (typeof completedBy[k] === 'string' && (completedBy[k] as string).trim()) return (completedBy[k] as string).trim();
    if (typeof completedBy.id === 'number') return `labelstudio-user-${completedBy.id}`;
  }
  return undefined;
}

/** A region's meta text (Label Studio's per-region note) as a memo. */
function regionMemo(meta: unknown): string | undefined {
  if (!isObject(meta)) return undefined;
  const t = Array.isArray(meta.text) ? meta.text.filter((x): x is string => typeof x === 'string').join('\n') : typeof meta.text === 'string' ? meta.text : '';
  return t.length > 0 ? t : undefined;
}

export function readLabelStudio(input: AnnotationInput): ReadOutcome {
  const out = emptyOutcome();
  const parsed = fileJsonOrReject(input, out);
  if (!parsed) return out;
  const tasks = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  tasks.forEach((task: unknown, k: number) => {
    const where = `${input.name} task ${isObject(task) && (typeof task.id === 'number' || typeof task.id === 'string') ? task.id : k + 1}`;
    if (!isObject(task) || !isObject(task.data)) {
      out.rejected.push({ file: where, reason: 'is not a Label Studio task (no "data" object)' });
      return;
    }
    const data = task.data;
    const text = typeof data.text === 'string' ? data.text : Object.values(data).find((v): v is string => typeof v === 'string' && v.length > 0);
    if (text === undefined || text.length === 0) {
      out.rejected.push({ file: where, reason: 'has no text in "data"' });
      return;
    }
    const annotations: ForeignAnnotation[] = [];
    const sets = [...(Array.isArray(task.annotations) ? task.annotations : []), ...(Array.isArray(task.completions) ? task.completions : [])];
    if (Array.isArray(task.predictions) && task.predictions.length > 0) countNotImported(out, 'predictions', task.predictions.length);
    sets.forEach((set: unknown, a: number) => {
      if (!isObject(set) || !Array.isArray(set.result)) return;
      if (set.was_cancelled === true) {
        countNotImported(out, 'cancelled annotations');
        return;
      }
      const coder = coderOf(set.completed_by);
      set.result.forEach((r: unknown, j: number) => {
        const w = `${where} annotation ${a + 1} result ${j + 1}`;
        if (!isObject(r) || !isObject(r.value)) {
          out.unreadable.push({ where: w, reason: 'is not a result object' });
          return;
        }
        const value = r.value;
        const labels = Array.isArray(value.labels) ? value.labels : Array.isArray(value.hypertextlabels) ? value.hypertextlabels : undefined;
        if (r.type !== 'labels' && r.type !== 'hypertextlabels' && !(r.type === undefined && labels)) {
          countNotImported(out, `results of type ${typeof r.type === 'string' ? r.type : 'unknown'}`);
          return;
        }
        if (!isOffset(value.start) || !isOffset(value.end) || !labels) {
          out.unreadable.push({ where: w, reason: 'has no whole-number value.start/value.end and value.labels' });
          return;
        }
        for (const l of labels) {
          const label = labelOf(l);
          if (label === undefined) out.unreadable.push({ where: w, reason: `has a label that is not text (${JSON.stringify(l)})` });
          else annotations.push({ start: value.start, end: value.end, label, quote: typeof value.text === 'string' ? value.text : undefined, memo: regionMemo(r.meta), coder, where: w });
        }
      });
    });
    const { original, hadBom } = carriedText(text);
    out.documents.push({ name: where, text: { original, hadBom, sourceFile: where, encoding: parsed.encoding }, annotations, documentedUnit: 'utf16', documentedCrlf: 'two' });
  });
  return out;
}

/**
 * Label Studio tasks with one annotation per coder (Label Studio's import of pre-annotated tasks), offsets converted
 * from code points to UTF-16 code units, which Label Studio counts.
 */
export function labelStudioTask(article: ExportArticle): unknown {
  const index = new OffsetIndex(article.text);
  const byCoder = new Map<string, ExportArticle['codings']>();
  for (const c of article.codings) byCoder.set(c.coder, [...(byCoder.get(c.coder) ?? []), c]);
  return {
    data: { text: article.text, title: article.title, gloss_article_id: article.id },
    annotations: [...byCoder].map(([coder, codings]) => ({
      completed_by: { email: coder },
      result: codings.map((c, k) => ({
        id: `g${article.id}-${coder.length}-${k}`.replace(/[^A-Za-z0-9_-]/g, '_'),
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { start: index.toUtf16(c.start), end: index.toUtf16(c.end), text: c.text, labels: [c.codePath] },
        ...(c.memo ? { meta: { text: [c.memo] } } : {}),
      })),
    })),
  };
}
