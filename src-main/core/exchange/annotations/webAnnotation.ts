// W3C Web Annotation (JSON-LD): a single annotation, an array of them, or an AnnotationCollection with embedded
// AnnotationPages. Targets are SpecificResources with a TextPositionSelector and/or a TextQuoteSelector; bodies are
// TextualBodies whose purpose says what they are: tagging/classifying → the code, commenting → the memo. The model
// leaves the position unit open (w3c/web-annotation#206); Gloss writes code points and says so in its context.
import { OffsetIndex } from '../../../contract/offsets';
import type { AnnotationInput, ArticleReference, ExportArticle, ForeignAnnotation, ForeignDocument, ReadOutcome } from './model';
import { countNotImported, emptyOutcome } from './model';
import { fileJsonOrReject, isObject, isOffset, labelOf } from './textOf';

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const typesOf = (o: Record<string, unknown>): string[] => asList(o.type ?? o['@type']).filter((t): t is string => typeof t === 'string');

function annotationsIn(doc: unknown, out: ReadOutcome, file: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    const types = typesOf(node);
    if (types.includes('Annotation')) found.push(node);
    else if (types.includes('AnnotationCollection')) {
      if (typeof node.first === 'string') out.rejected.push({ file, reason: 'the collection names its first page by IRI; Gloss reads only embedded pages' });
      visit(node.first);
    } else if (types.includes('AnnotationPage')) {
      visit(node.items);
      if (isObject(node.next)) visit(node.next);
    } else if (Array.isArray(node['@graph'])) visit(node['@graph']);
  };
  visit(doc);
  return found;
}

function nameOf(creator: unknown): string | undefined {
  for (const c of asList(creator)) {
    if (typeof c === 'string' && c.trim()) return c.trim();
    if (isObject(c)) {
      for (const k of ['name', 'nickname', 'email', 'id']) if (typeof c[k] === 'string' && (c[k] as string).trim()) return (c[k] as string).trim();
    }
  }
  return undefined;
}

/** Which article a target's source names: Gloss's own fields first, then the IRI's last segment as a file name. */
function referenceOf(target: Record<string, unknown>): { key: string; ref: ArticleReference } | null {
  const source = typeof target.source === 'string' ? target.source : isObject(target.source) && typeof target.source.id === 'string' ? target.source.id : undefined;
  const glossId = typeof target['gloss:articleId'] === 'number' ? target['gloss:articleId'] : undefined;
  const glossFile = typeof target['gloss:sourceFile'] === 'string' ? target['gloss:sourceFile'] : undefined;
  const title = typeof target['gloss:title'] === 'string' ? target['gloss:title'] : undefined;
  if (source === undefined && glossFile === undefined && title === undefined) return null;
  let fileName = glossFile;
  if (fileName === undefined && source !== undefined && !/^urn:/i.test(source)) {
    const last = source.replace(/[?#].*$/, '').split('/').pop() ?? '';
    try {
      fileName = decodeURIComponent(last) || undefined;
    } catch {
      fileName = last || undefined;
    }
  }
  const urnId = source !== undefined ? /^urn:gloss:article:(\d+)$/.exec(source) : null;
  const ref: ArticleReference = { fileName, title, id: fileName === undefined && title === undefined ? (urnId ? Number(urnId[1]) : glossId) : undefined, label: source ?? glossFile ?? title! };
  return { key: source ?? glossFile ?? title!, ref };
}

/** Whether the document's context says its positions are Gloss code points (as Gloss's export writes it). */
function declaresGlossOffsets(doc: unknown): boolean {
  const context = isObject(doc) ? doc['@context'] : Array.isArray(doc) && isObject(doc[0]) ? doc[0]['@context'] : undefined;
  return asList(context).some((c) => isObject(c) && c['gloss:offsetUnit'] === 'codepoint');
}

export function readWebAnnotation(input: AnnotationInput): ReadOutcome {
  const out = emptyOutcome();
  const parsed = fileJsonOrReject(input, out);
  if (!parsed) return out;
  const docs = new Map<string, ForeignDocument>();
  const items = annotationsIn(parsed.value, out, input.name);
  const glossOffsets = declaresGlossOffsets(parsed.value);
  if (items.length === 0 && out.rejected.length === 0) out.rejected.push({ file: input.name, reason: 'holds no Annotation (type "Annotation")' });
  items.forEach((a, k) => {
    const where = `${input.name} ${typeof a.id === 'string' ? a.id : `annotation ${k + 1}`}`;
    const motivations = asList(a.motivation).filter((m): m is string => typeof m === 'string');
    const labels: string[] = [];
    const memos: string[] = [];
    for (const b of asList(a.body)) {
      if (!isObject(b)) {
        countNotImported(out, 'bodies that are not TextualBody');
        continue;
      }
      const value = typeof b.value === 'string' ? b.value : undefined;
      const purposes = asList(b.purpose).filter((p): p is string => typeof p === 'string');
      const purpose = purposes[0] ?? (motivations.includes('tagging') || motivations.includes('classifying') ? 'tagging' : motivations.includes('commenting') ? 'commenting' : undefined);
      if (value === undefined) countNotImported(out, 'bodies without a text value');
      else if (purpose === 'tagging' || purpose === 'classifying') {
        const label = labelOf(value);
        if (label) labels.push(label);
      } else if (purpose === 'commenting' || purpose === 'describing') memos.push(value);
      else countNotImported(out, `bodies with purpose ${purpose ?? '(none)'}`);
    }
    if (labels.length === 0) {
      out.unreadable.push({ where, reason: 'has no tagging or classifying body (a code)' });
      return;
    }
    const coder = nameOf(a.creator);
    for (const t of asList(a.target)) {
      if (!isObject(t)) {
        out.unreadable.push({ where, reason: 'its target is a whole resource, not a passage (no selector)' });
        continue;
      }
      const ref = referenceOf(t);
      if (!ref) {
        out.unreadable.push({ where, reason: 'its target names no source' });
        continue;
      }
      let start: number | undefined, end: number | undefined, quote: string | undefined, prefix: string | undefined, suffix: string | undefined;
      for (const s of asList(t.selector)) {
        if (!isObject(s)) continue;
        const st = typesOf(s);
        if (st.includes('TextPositionSelector') && isOffset(s.start) && isOffset(s.end)) [start, end] = [s.start, s.end];
        else if (st.includes('TextQuoteSelector') && typeof s.exact === 'string') {
          quote = s.exact;
          prefix = typeof s.prefix === 'string' ? s.prefix : undefined;
          suffix = typeof s.suffix === 'string' ? s.suffix : undefined;
        }
      }
      if (start === undefined && quote === undefined) {
        out.unreadable.push({ where, reason: 'its target has neither a TextPositionSelector nor a TextQuoteSelector' });
        continue;
      }
      let doc = docs.get(ref.key);
      if (!doc) docs.set(ref.key, (doc = { name: ref.ref.label, article: ref.ref, annotations: [], documentedUnit: 'codepoint', documentedCrlf: 'one', glossOffsets }));
      for (const label of labels) {
        const entry: ForeignAnnotation = { start, end, label, quote, prefix, suffix, coder, where };
        if (memos.length > 0) entry.memo = memos.join('\n');
        doc.annotations.push(entry);
      }
    }
  });
  out.documents.push(...docs.values());
  return out;
}

export const GLOSS_CONTEXT_IRI = 'https://gloss.example/ns#';
const CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { gloss: GLOSS_CONTEXT_IRI, 'gloss:offsetUnit': 'codepoint' }];

/** The IRI of an article's text: its source file name, relative (what a reader of the file can resolve). */
export function sourceIri(article: Pick<ExportArticle, 'id' | 'sourceFile'>): string {
  const name = article.sourceFile.split(/[\\/]/).pop() ?? '';
  return name ? encodeURIComponent(name) : `urn:gloss:article:${article.id}`;
}

/** The annotations of one article, each a tagging (+ commenting) body on a SpecificResource with both selectors. */
export function webAnnotationsOf(article: ExportArticle): unknown[] {
  const index = new OffsetIndex(article.text);
  const cps = (a: number, b: number) => article.text.slice(index.toUtf16(Math.max(0, a)), index.toUtf16(Math.min(index.codePointLength, b)));
  return article.codings.map((c, k) => {
    const body: unknown[] = [{ type: 'TextualBody', purpose: 'tagging', value: c.codePath, format: 'text/plain' }];
    if (c.memo) body.push({ type: 'TextualBody', purpose: 'commenting', value: c.memo, format: 'text/plain' });
    return {
      id: `urn:gloss:article:${article.id}:coding:${k + 1}`,
      type: 'Annotation',
      motivation: 'tagging',
      creator: { type: 'Person', name: c.coder },
      created: c.createdAt,
      modified: c.updatedAt,
      body,
      target: {
        type: 'SpecificResource',
        source: sourceIri(article),
        'gloss:title': article.title,
        'gloss:articleId': article.id,
        selector: [
          { type: 'TextPositionSelector', start: c.start, end: c.end },
          { type: 'TextQuoteSelector', exact: c.text, prefix: cps(c.start - 32, c.start), suffix: cps(c.end, c.end + 32) },
        ],
      },
    };
  });
}

export function webAnnotationCollection(label: string, annotations: unknown[]): unknown {
  return {
    '@context': CONTEXT,
    id: 'urn:gloss:export',
    type: 'AnnotationCollection',
    label,
    total: annotations.length,
    first: { id: 'urn:gloss:export:page1', type: 'AnnotationPage', startIndex: 0, items: annotations },
  };
}
