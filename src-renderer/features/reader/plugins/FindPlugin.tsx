import { useCallback, useEffect, useMemo, useState } from 'react';
import { useChanged } from '../../../app/useChanged';
import { useLatest } from '../../../app/useLatest';
import { useReader } from '../ReaderContext';
import type { TextPositions } from '../textPositions';
import { FindBar } from '../FindBar';
import { findMatches, type Match } from '../findMatches';
import { scrollToRange } from '../scrollToRange';
import { setReaderSelection } from '../../../app/selection';

const ALL = 'gloss-find';
const CURRENT = 'gloss-find-current';

/**
 * Ctrl+F (Cmd+F on macOS) finds in the article. Matches are painted with their own custom highlights above the
 * coding colours; the current match becomes the reader's selection, so a code can be applied to it straight away
 * (codebook click, the "Code match…" button, or Esc then 1–9 / typing a code name).
 */
export function FindPlugin() {
  const { articleId, doc, positions, scroller, onDomChange, openPicker } = useReader();
  const [open, setOpen] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const { matches, capped } = useMemo(() => findMatches(doc.text, query), [doc, query]);
  const state = useLatest({ open, matches, current });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = navigator.platform.startsWith('Mac') ? e.metaKey : e.ctrlKey;
      if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setOpen(true);
        setFocusKey((k) => k + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (useChanged(matches)) setCurrent(matches.length > 0 ? 0 : -1);

  const paint = useCallback(() => paintFind(state, positions), [state, positions]);

  useEffect(paint, [paint, open, matches, current]);
  useEffect(() => onDomChange(paint), [onDomChange, paint]);
  useEffect(
    () => () => {
      CSS.highlights.delete(ALL);
      CSS.highlights.delete(CURRENT);
    },
    [],
  );

  const reveal = useCallback(
    (m: Match) => {
      const span = doc.spanFromUtf16(m.start16, m.end16);
      if (span) setReaderSelection({ articleId, ...span });
      if (scroller) scrollToRange(scroller, () => positions.range(m.start16, m.end16)?.getBoundingClientRect() ?? null);
    },
    [doc, positions, scroller, articleId],
  );

  useEffect(() => {
    if (open && current >= 0 && matches[current]) reveal(matches[current]);
  }, [open, current, matches, reveal]);

  const step = (delta: number) => {
    if (matches.length === 0) return;
    setCurrent((c) => (c + delta + matches.length) % matches.length);
  };

  const close = () => {
    setOpen(false);
    const m = matches[current];
    const root = positions.root;
    if (!root) return;
    root.focus({ preventScroll: true });
    // Leave the match selected in the text itself, so keys 1–9 and type-to-pick work on it at once.
    const range = m ? positions.range(m.start16, m.end16) : null;
    const sel = document.getSelection();
    if (range && sel) {
      sel.removeAllRanges();
      sel.addRange(range);
    }
  };

  if (!open) return null;
  return (
    <FindBar
      query={query}
      onQuery={setQuery}
      current={current}
      total={matches.length}
      capped={capped}
      onNext={() => step(1)}
      onPrevious={() => step(-1)}
      onCodeMatch={() => {
        const m = matches[current];
        const span = m ? doc.spanFromUtf16(m.start16, m.end16) : null;
        if (span) openPicker('', span);
      }}
      onClose={close}
      focusKey={focusKey}
    />
  );
}

/** Paints every match and the current one (the find bar's state as it is when painting, not as it was rendered). */
function paintFind(find: { readonly current: { open: boolean; matches: Match[]; current: number } }, positions: TextPositions): void {
const { open: isOpen, matches: list, current: at } = find.current;
  if (!isOpen || list.length === 0 || !positions.root) {
    CSS.highlights.delete(ALL);
    CSS.highlights.delete(CURRENT);
    return;
  }
  const all = new Highlight();
  all.priority = 5;
  for (const m of list) {
    const r = positions.staticRange(m.start16, m.end16);
    if (r) all.add(r);
  }
  CSS.highlights.set(ALL, all);
  const m = list[at];
  const r = m ? positions.staticRange(m.start16, m.end16) : null;
  if (r) {
    const cur = new Highlight(r);
    cur.priority = 6;
    CSS.highlights.set(CURRENT, cur);
  } else CSS.highlights.delete(CURRENT);
}
