import { useEffect, useRef } from 'react';
import { useLatest } from '../../../app/useLatest';
import { useReader, useSpanPreview, type SpanPreview } from '../ReaderContext';
import type { PlacedCoding } from '../codingSpans';
import type { TextPositions } from '../textPositions';
import { codeHighlightName, setCodeHighlightColors } from '../highlightStyles';
import { useCodes } from '../../codebook/useCodes';

/** Highlight for codings whose code is not (yet) in the loaded codebook; styled in reader.css. */
const UNKNOWN_CODE = 'gloss-code-unknown';
/** A coding painted before the host has stored it (negative id); styled in reader.css, distinct from stored ones. */
const SAVING = 'gloss-saving';

interface Painted {
  name: string;
  start16: number;
  end16: number;
  range: StaticRange | null;
  /** Painted ahead of the coding list; kept until the list has caught up with it. */
  early?: boolean;
}

/**
 * Paints every coding with the CSS Custom Highlight API: one `Highlight` per code, holding one StaticRange per
 * coding, coloured by a `::highlight(gloss-code-N)` rule. No element is added to the text, so 3,000 codings cost
 * 3,000 small range objects rather than 3,000 DOM nodes and re-layout.
 *
 * Updates are incremental: a new, moved or re-coded coding replaces only its own range. When Lexical rewrites
 * paragraphs (which detaches the text nodes their ranges point at), the ranges touching those paragraphs are
 * rebuilt, synchronously, in the same task.
 */
export function CodingHighlightsPlugin() {
  const { placed, codeById, positions, onDomChange, doc, onCodingAdded, onCodingRemoved } = useReader();
  const spanPreview = useSpanPreview();
  const codes = useCodes();
  const painted = useRef(new Map<number, Painted>());
  const highlights = useRef(new Map<string, Highlight>());
  const latest = useLatest({ placed, codeById, spanPreview, positions });

  useEffect(() => setCodeHighlightColors(codes), [codes]);

  useEffect(() => {
    sync(latest.current, painted.current, highlights.current, null);
  }, [latest, placed, codeById, spanPreview, positions]);

  useEffect(() => onDomChange((lines) => sync(latest.current, painted.current, highlights.current, lines ?? 'all')), [latest, onDomChange]);

  // A coding just applied is painted at once, ahead of the React update that will list it; sync then finds it done.
  useEffect(
    () =>
      onCodingAdded((coding) => {
        if (painted.current.has(coding.id)) return;
        const { start16, end16 } = doc.utf16Range(coding.start, coding.end);
        const name = coding.id < 0 ? SAVING : latest.current.codeById.has(coding.codeId) ? codeHighlightName(coding.codeId) : UNKNOWN_CODE;
        const range = positions.staticRange(start16, end16);
        if (range) highlightFor(highlights.current, name).add(range);
        painted.current.set(coding.id, { name, start16, end16, range, early: true });
      }),
    [latest, onCodingAdded, doc, positions],
  );

  // A provisional coding rolled back (or replaced by its stored twin) leaves the screen in the same task.
  useEffect(
    () =>
      onCodingRemoved((codingId) => {
        const old = painted.current.get(codingId);
        if (!old) return;
        if (old.range) highlights.current.get(old.name)?.delete(old.range);
        painted.current.delete(codingId);
      }),
    [onCodingRemoved],
  );

  useEffect(() => {
    const own = highlights.current;
    const ranges = painted.current;
    return () => {
      for (const name of own.keys()) CSS.highlights.delete(name);
      own.clear();
      ranges.clear();
    };
  }, []);

  return null;
}

function sync(
  state: { placed: PlacedCoding[]; codeById: ReadonlyMap<number, unknown>; spanPreview: SpanPreview | null; positions: TextPositions },
  painted: Map<number, Painted>,
  highlights: Map<string, Highlight>,
  /** Lines whose DOM Lexical rewrote ('all' after a full render); their ranges point at detached nodes. */
  rewritten: ReadonlySet<number> | 'all' | null,
): void {
  const { placed, codeById, spanPreview, positions } = state;
  if (!positions.root) return;
  if (rewritten === 'all') {
    painted.clear();
    for (const h of highlights.values()) h.clear();
  } else if (rewritten) {
    const doc = positions.doc;
    const spans = [...rewritten].map((line): [number, number] => [doc.lineStart(line), doc.lineEnd(line)]);
    for (const [id, old] of painted) {
      if (!spans.some(([a, b]) => old.start16 <= b && old.end16 >= a)) continue;
      if (old.range) highlights.get(old.name)?.delete(old.range);
      if (old.early) {
        // Not in the list yet, so the loop below would not repaint it.
        old.range = positions.staticRange(old.start16, old.end16);
        if (old.range) highlightFor(highlights, old.name).add(old.range);
      } else painted.delete(id);
    }
  }
  const seen = new Set<number>();
  for (const p of placed) {
    const id = p.coding.id;
    seen.add(id);
    const name = codeById.has(p.coding.codeId) ? codeHighlightName(p.coding.codeId) : UNKNOWN_CODE;
    const preview = spanPreview?.codingId === id ? spanPreview : null;
    const start16 = preview ? preview.start16 : p.start16;
    const end16 = preview ? preview.end16 : p.end16;
    const old = painted.get(id);
    if (old && old.name === name && old.start16 === start16 && old.end16 === end16) {
      old.early = false;
      continue;
    }
    if (old?.range) highlights.get(old.name)?.delete(old.range);
    const range = positions.staticRange(start16, end16);
    if (range) highlightFor(highlights, name).add(range);
    painted.set(id, { name, start16, end16, range });
  }
  for (const [id, old] of painted) {
    if (seen.has(id) || old.early) continue;
    if (old.range) highlights.get(old.name)?.delete(old.range);
    painted.delete(id);
  }
}

function highlightFor(highlights: Map<string, Highlight>, name: string): Highlight {
  let h = highlights.get(name);
  if (!h) {
    h = new Highlight();
    highlights.set(name, h);
    CSS.highlights.set(name, h);
  }
  return h;
}
