import { useCallback, useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_HIGH, KEY_DOWN_COMMAND } from 'lexical';
import { useReader, useSpanPreview } from '../ReaderContext';
import { historyEpoch } from '../../../app/pendingWrites';
import { hasTextSelected } from '../../../app/selection';

/** Fields where Shift+arrows select text: adjustment never takes the keys from them (a memo, the find box). */
const TYPING_FIELD = 'input, textarea, select, [contenteditable="true"], [contenteditable=""]';

/**
 * Keyboard adjustment of the selected (active) coding, one grapheme cluster at a time, in logical (text) order:
 * Shift+→ / Shift+← move its end, Alt+Shift+→ / Alt+Shift+← move its start. It works whenever a coding is
 * selected — with the pop-up open or closed, focus in the text, on a stripe, on a pop-up button or nowhere — but
 * never in a typing field, and in the text only while no text is selected, so ordinary keyboard selection keeps
 * working. A run of presses is saved as it goes and undone as one step (the core's history joins the burst).
 */
export function SpanKeyboardPlugin() {
  const [editor] = useLexicalComposerContext();
  const { activeCodingId, placed, doc, updateSpan, positions } = useReader();
  const spanPreview = useSpanPreview();
  // Presses come faster than the reader re-renders: each one builds on the span the previous press made, as long
  // as what the reader shows is one of the spans this run of presses produced (an undo or a change elsewhere shows
  // another span, and the run starts again from it).
  const run = useRef<{ codingId: number; latest: { start16: number; end16: number }; produced: Set<string>; epoch: number } | null>(null);

  /** True when the key was an adjustment and has been applied. */
  const adjust = useCallback(
    (event: KeyboardEvent): boolean => {
      if (activeCodingId === null || !event.shiftKey || event.ctrlKey || event.metaKey) return false;
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return false;
      const active = placed.find((p) => p.coding.id === activeCodingId);
      if (!active) return false;
      const shown = spanPreview?.codingId === activeCodingId ? spanPreview : active;
      // An undo or redo since the run began ends it: the span shown then is where the next press starts.
      const mine = run.current?.epoch === historyEpoch() ? run.current : null;
      const current =
        mine && mine.codingId === activeCodingId && mine.produced.has(`${shown.start16}:${shown.end16}`) ? mine.latest : shown;
      let { start16, end16 } = current;
      const forward = event.key === 'ArrowRight';
      if (event.altKey) start16 = forward ? doc.nextGrapheme(start16) : doc.previousGrapheme(start16);
      else end16 = forward ? doc.nextGrapheme(end16) : doc.previousGrapheme(end16);
      event.preventDefault();
      // A coding cannot become empty: the edge stops one grapheme short of the other edge.
      if (start16 >= end16) return true;
      const continuing = mine && mine.codingId === activeCodingId && current === mine.latest;
      const produced = continuing ? mine.produced : new Set([`${shown.start16}:${shown.end16}`]);
      produced.add(`${start16}:${end16}`);
      run.current = { codingId: activeCodingId, latest: { start16, end16 }, produced, epoch: historyEpoch() };
      updateSpan(activeCodingId, start16, end16);
      return true;
    },
    [activeCodingId, placed, spanPreview, doc, updateSpan],
  );

  // Focus in the article text: Lexical hands the key over first.
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event: KeyboardEvent) => {
          if (hasTextSelected()) return false;
          return adjust(event);
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, adjust],
  );

  // Focus anywhere else (nothing, a stripe, a handle, a button of the pop-up): the window hears the key.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target && positions.root?.contains(target)) return;
      if (target?.closest(TYPING_FIELD)) return;
      // Only while the reader is what the keys are about: focus on the page itself, in the reader, or in the pop-up.
      if (target && target !== document.body && !target.closest('.reader, .coding-popover')) return;
      adjust(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [adjust, positions]);

  return null;
}
