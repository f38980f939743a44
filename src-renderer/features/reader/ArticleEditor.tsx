import { useCallback, useMemo, useState } from 'react';
import { LexicalExtensionComposer } from '@lexical/react/LexicalExtensionComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Article, Code } from '../../../src-main/contract/types';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';
import { CodingPopover } from '../codings/CodingPopover';
import type { ArticleDoc, CodePointSpan } from './articleDoc';
import { articleExtension } from './articleExtension';
import { placeCodings, type PlacedCoding } from './codingSpans';
import { CodePicker, type PickerAnchor } from './CodePicker';
import { ReaderContext, type ReaderContextValue, type ScreenPoint, type SpanPreview } from './ReaderContext';
import { TextPositions } from './textPositions';
import { useDomChanges } from './useDomChanges';
import { useSpanEditor } from './useSpanEditor';
import { useApplyCode } from './useApplyCode';
import { SavingStatus } from './savingCodings';
import type { ArticleCodings } from './useArticleCodings';
import { ActiveCodingMarkPlugin } from './plugins/ActiveCodingMarkPlugin';
import { CodeShortcutsPlugin } from './plugins/CodeShortcutsPlugin';
import { CodingClickPlugin } from './plugins/CodingClickPlugin';
import { CodingEdgeHandles } from './plugins/CodingEdgeHandles';
import { CodingHighlightsPlugin } from './plugins/CodingHighlightsPlugin';
import { CodingStripes } from './plugins/CodingStripes';
import { CodingHoverCard } from './plugins/CodingHoverCard';
import { DismissPlugin } from './plugins/DismissPlugin';
import { FindPlugin } from './plugins/FindPlugin';
import { OverlapHighlightPlugin } from './plugins/OverlapHighlightPlugin';
import { ReadOnlyTextPlugin } from './plugins/ReadOnlyTextPlugin';
import { RevealPassagePlugin } from './plugins/RevealPassagePlugin';
import { SelectionHighlightPlugin } from './plugins/SelectionHighlightPlugin';
import { NewSelectionOnPressPlugin } from './plugins/NewSelectionOnPressPlugin';
import { SelectionToOffsetsPlugin } from './plugins/SelectionToOffsetsPlugin';
import { SpanKeyboardPlugin } from './plugins/SpanKeyboardPlugin';
import { readerSelection } from '../../app/selection';
import { createStore } from '../../app/tinyStore';
import { refetchCodes, useCodes } from '../codebook/useCodes';

interface ArticleEditorProps {
  article: Article;
  /** The article's text as the reader models it (built once, in ReaderPane, for the codings too). */
  doc: ArticleDoc;
  codings: ArticleCodings;
}

/** One article in a read-only Lexical editor, with the coding plugins around it. Remount it per article. */
export function ArticleEditor({ article, doc, codings }: ArticleEditorProps) {
  const extension = useMemo(() => articleExtension(doc), [doc]);
  return (
    <LexicalExtensionComposer extension={extension} contentEditable={null}>
      <ReaderSurface article={article} doc={doc} codings={codings} />
    </LexicalExtensionComposer>
  );
}

function ReaderSurface({ article, doc, codings }: { article: Article; doc: ArticleDoc; codings: ArticleCodings }) {
  const [editor] = useLexicalComposerContext();
  const { attempt } = useAppStore();
  const codes = useCodes();
  const positions = useMemo(() => new TextPositions(editor, doc), [editor, doc]);
  const { domVersion, onDomChange } = useDomChanges(editor, positions);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [page, setPage] = useState<HTMLDivElement | null>(null);
  const [activeCodingId, setActiveCodingId] = useState<number | null>(null);
  const [spanPreviewStore] = useState(() => createStore<SpanPreview | null>(null));
  const [popover, setPopover] = useState<{ codingIds: number[]; at: ScreenPoint; avoid: PassageBox | null } | null>(null);
  const [picker, setPicker] = useState<{ query: string; anchor: PickerAnchor; span: CodePointSpan } | null>(null);
  const updateSpan = useSpanEditor(doc, codings.patchLocally);
  const applyCode = useApplyCode(article.id, codings, useCallback(() => positions.root, [positions]));

  const placed = useMemo(() => placeCodings(doc, codings.codings), [doc, codings.codings]);
  const codeById = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);

  // A coding removed (here or elsewhere) cannot stay active.
  if (activeCodingId !== null && codings.loaded && !codings.codings.some((c) => c.id === activeCodingId)) setActiveCodingId(null);

  // The pop-up is placed clear of the passages it describes (and so of the start handle on their first line).
  const openPopover = useCallback(
    (codingIds: number[], at: ScreenPoint) => setPopover({ codingIds, at, avoid: passageBox(placed, positions, codingIds) }),
    [placed, positions],
  );
  const closePopover = useCallback(() => setPopover(null), []);
  // Closed from the keyboard or its × button: focus goes back to the text, where the coding still is active (so
  // Shift+arrows go on adjusting it), never to the page's body.
  const dismissPopover = useCallback(() => {
    setPopover(null);
    positions.root?.focus({ preventScroll: true });
  }, [positions]);

  const openPicker = useCallback(
    (query: string, span?: CodePointSpan) => {
      const selected = readerSelection.get();
      const target = span ?? (selected?.articleId === article.id ? selected : null);
      if (!target) return;
      // The picker opens under the last line of the passage, where the analyst's eyes already are.
      const { start16, end16 } = doc.utf16Range(target.start, target.end);
      const rects = positions.range(start16, end16)?.getClientRects();
      const last = rects && rects.length > 0 ? rects[rects.length - 1] : null;
      const anchor = last ? { left: last.left, top: last.top, bottom: last.bottom } : { left: 200, top: 120, bottom: 140 };
      setPicker({ query, anchor, span: { start: target.start, end: target.end, text: target.text } });
    },
    [article.id, doc, positions],
  );

  // After coding from the picker, the text gets focus back with the passage still selected, ready for another code.
  const returnToText = useCallback(() => {
    const sel = picker?.span;
    setPicker(null);
    const root = positions.root;
    if (!root || !sel) return;
    root.focus({ preventScroll: true });
    const { start16, end16 } = doc.utf16Range(sel.start, sel.end);
    const range = positions.range(start16, end16);
    const domSel = document.getSelection();
    if (range && domSel) {
      domSel.removeAllRanges();
      domSel.addRange(range);
    }
  }, [positions, picker, doc]);

  const pickCode = useCallback(
    async (code: Code, span: CodePointSpan) => {
      returnToText();
      await applyCode(code.id, span);
    },
    [returnToText, applyCode],
  );

  const createCode = useCallback(
    async (path: string, span: CodePointSpan) => {
      returnToText();
      const code = await attempt(() => api['codes.create']({ codePath: path }));
      if (!code) return;
      await refetchCodes();
      await applyCode(code.id, span);
    },
    [returnToText, attempt, applyCode],
  );

  const value = useMemo<ReaderContextValue>(
    () => ({
      articleId: article.id,
      doc,
      positions,
      codings: codings.codings,
      onCodingAdded: codings.onAdded,
      onCodingRemoved: codings.onRemoved,
      placed,
      codeById,
      domVersion,
      onDomChange,
      activeCodingId,
      setActiveCodingId,
      spanPreviewStore,
      setSpanPreview: spanPreviewStore.set,
      updateSpan,
      openPopover,
      closePopover,
      openPicker,
      applyCode,
      scroller,
      page,
    }),
    [article.id, doc, positions, codings.codings, codings.onAdded, codings.onRemoved, placed, codeById, domVersion, onDomChange, activeCodingId, spanPreviewStore, updateSpan, openPopover, closePopover, openPicker, applyCode, scroller, page],
  );

  const popoverCodings = popover ? popover.codingIds.map((id) => codings.codings.find((c) => c.id === id)).filter((c) => c !== undefined) : [];

  return (
    <ReaderContext.Provider value={value}>
      <FindPlugin />
      <div className="reader-scroll" ref={setScroller}>
        <div className="reader-page" ref={setPage}>
          <CodingStripes />
          <div className="article-text-wrap">
            <ContentEditable
              className="article-text"
              data-testid="article-text"
              aria-label={`Text of ${article.title}`}
              aria-readonly="true"
              aria-multiline="true"
              spellCheck={false}
              autoCorrect="off"
              autoCapitalize="off"
            />
          </div>
          <CodingEdgeHandles />
        </div>
      </div>
      <SavingStatus />
      <ReadOnlyTextPlugin text={article.text} />
      <NewSelectionOnPressPlugin />
      <SelectionToOffsetsPlugin />
      <SelectionHighlightPlugin />
      <RevealPassagePlugin />
      <CodingHighlightsPlugin />
      <OverlapHighlightPlugin />
      <ActiveCodingMarkPlugin />
      <CodingClickPlugin />
      <SpanKeyboardPlugin />
      <CodeShortcutsPlugin />
      <DismissPlugin popoverOpen={popover !== null} />
      <CodingHoverCard popoverOpen={popover !== null} />
      {popover && popoverCodings.length > 0 && (
        <CodingPopover
          codings={popoverCodings}
          codes={codes}
          at={popover.at}
          activeCodingId={activeCodingId}
          onActivate={setActiveCodingId}
          avoid={popover.avoid}
          onClose={closePopover}
          onDismiss={dismissPopover}
        />
      )}
      {picker && (
        <CodePicker
          codes={codes}
          anchor={picker.anchor}
          initialQuery={picker.query}
          label="Apply a code to the selected passage"
          onPick={(code) => void pickCode(code, picker.span)}
          onCreate={(path) => void createCode(path, picker.span)}
          onClose={returnToText}
        />
      )}
    </ReaderContext.Provider>
  );
}

/** The screen box of some codings' passages (the union of their line boxes), with the bottom of the first line. */
export interface PassageBox {
  top: number;
  bottom: number;
  firstLineBottom: number;
}

function passageBox(placed: readonly PlacedCoding[], positions: TextPositions, codingIds: number[]): PassageBox | null {
  let box: PassageBox | null = null;
  for (const id of codingIds) {
    const p = placed.find((x) => x.coding.id === id);
    const rects = p ? positions.range(p.start16, p.end16)?.getClientRects() : undefined;
    if (!rects || rects.length === 0) continue;
    const list = [...rects];
    const top = Math.min(...list.map((r) => r.top));
    const bottom = Math.max(...list.map((r) => r.bottom));
    const firstLineBottom = list[0]!.bottom;
    box = box ? { top: Math.min(box.top, top), bottom: Math.max(box.bottom, bottom), firstLineBottom: Math.min(box.firstLineBottom, firstLineBottom) } : { top, bottom, firstLineBottom };
  }
  return box;
}
