import { useCallback, useEffect, useRef, useState } from 'react';
import { useChanged } from '../../../app/useChanged';
import { useWorkbenchView, type RevealRequest } from '../../../app/workbenchView';
import { useReader } from '../ReaderContext';

const STEADY = 'gloss-reveal';
const FLASH = 'gloss-reveal-flash';
/** On, off, on, off, on, off: enough to catch the eye after a jump, short enough not to nag. */
const FLASHES = 6;
const FLASH_MS = 220;

/**
 * Requests already carried out, across remounts of the reader: coming back to the article later (from the list, or
 * by switching views) must not scroll to a passage the analyst has already seen.
 */
const handled = new WeakSet<RevealRequest>();

/**
 * A passage picked in the coded-passages, search or co-occurrence views (`revealPassage`): once this article's text
 * is in the DOM, scroll the passage into the middle of the reader and mark it with the `gloss-reveal` highlight,
 * flashing at first. The mark stays until the analyst clicks or types in the article, so the eye can return to it.
 */
export function RevealPassagePlugin() {
  const { reveal } = useWorkbenchView();
  const { articleId, doc, positions, scroller, domVersion, onDomChange } = useReader();
  const [shown, setShown] = useState<{ start16: number; end16: number } | null>(null);
  const [flashOn, setFlashOn] = useState(false);
  const settling = useRef(0);

  useEffect(() => {
    if (!reveal || reveal.articleId !== articleId || handled.has(reveal) || !scroller) return;
    const span = doc.utf16Range(reveal.start, reveal.end);
    // Null until Lexical has rendered the paragraphs; the next DOM change (domVersion) tries again.
    const range = positions.range(span.start16, span.end16);
    if (!range) return;
    handled.add(reveal);
    // The passage is shown once the DOM (outside React: Lexical renders the paragraphs) has its text; this effect is
    // what learns that, so the state is set here, once per request.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setShown(span);
    // The text can still move after the first aim (the stripe gutter widening re-wraps lines), so the aim is
    // corrected on the next two frames.
    const aim = (passes: number) => {
      const r = positions.range(span.start16, span.end16);
      if (r) centre(scroller, r.getBoundingClientRect());
      if (passes > 0) settling.current = requestAnimationFrame(() => aim(passes - 1));
    };
    aim(2);
  }, [reveal, articleId, doc, positions, scroller, domVersion]);

  if (useChanged(shown) && shown) setFlashOn(true);
  useEffect(() => {
    if (!shown) return;
    let count = 0;
    const timer = setInterval(() => {
      count++;
      setFlashOn(count % 2 === 0 && count < FLASHES);
      if (count >= FLASHES) clearInterval(timer);
    }, FLASH_MS);
    return () => clearInterval(timer);
  }, [shown]);

  const paint = useCallback(() => {
    const range = shown ? positions.staticRange(shown.start16, shown.end16) : null;
    if (!range) {
      CSS.highlights.delete(STEADY);
      CSS.highlights.delete(FLASH);
      return;
    }
    const steady = new Highlight(range);
    steady.priority = 3;
    CSS.highlights.set(STEADY, steady);
    if (flashOn) {
      const flash = new Highlight(range);
      flash.priority = 7;
      CSS.highlights.set(FLASH, flash);
    } else CSS.highlights.delete(FLASH);
  }, [shown, flashOn, positions]);

  useEffect(paint, [paint]);
  useEffect(() => onDomChange(paint), [onDomChange, paint]);

  // The analyst taking up work in the article (a click, a selection, a key) ends the reveal.
  useEffect(() => {
    const root = positions.root;
    if (!shown || !root || !scroller) return;
    const dismiss = () => setShown(null);
    scroller.addEventListener('pointerdown', dismiss);
    root.addEventListener('keydown', dismiss);
    return () => {
      scroller.removeEventListener('pointerdown', dismiss);
      root.removeEventListener('keydown', dismiss);
    };
  }, [shown, positions, scroller, domVersion]);

  useEffect(
    () => () => {
      cancelAnimationFrame(settling.current);
      CSS.highlights.delete(STEADY);
      CSS.highlights.delete(FLASH);
    },
    [],
  );

  return null;
}

/** Scrolls so the passage sits in the middle of the reader, or starts near the top when it is taller than the view. */
function centre(scroller: HTMLElement, passage: DOMRect): void {
  const view = scroller.getBoundingClientRect();
  const target = passage.height > view.height - 80 ? view.top + 40 : view.top + (view.height - passage.height) / 2;
  // Already there, give or take a few pixels: the page is left still rather than nudged.
  if (Math.abs(passage.top - target) >= 4) scroller.scrollTop += passage.top - target;
}
