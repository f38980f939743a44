import { createContext, useContext, useSyncExternalStore } from 'react';
import type { TinyStore } from '../../app/tinyStore';
import type { Code, Coding } from '../../../src-main/contract/types';
import type { ArticleDoc, CodePointSpan } from './articleDoc';
import type { PlacedCoding } from './codingSpans';
import type { TextPositions } from './textPositions';
import type { DomChangeListener } from './useDomChanges';

/** A coding's span while an edge is being dragged, before it is saved. */
export interface SpanPreview {
  codingId: number;
  start16: number;
  end16: number;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

/** What the reader's plugins share: the text model, its DOM mapping, the codings and the reader's UI state. */
export interface ReaderContextValue {
  articleId: number;
  doc: ArticleDoc;
  positions: TextPositions;
  codings: Coding[];
  /** Hears a newly applied coding before React state includes it (see useArticleCodings.onAdded). */
  onCodingAdded(listener: (coding: Coding) => void): () => void;
  /** Hears a provisional coding leave the screen (rolled back, or replaced by the stored one). */
  onCodingRemoved(listener: (codingId: number) => void): () => void;
  /** Codings in UTF-16, sorted by start. */
  placed: PlacedCoding[];
  codeById: ReadonlyMap<number, Code>;
  /**
   * Bumped after every Lexical update that changed the DOM. Anything holding DOM nodes or measurements
   * (ranges, stripe positions) must be rebuilt when it changes.
   */
  domVersion: number;
  /** Called synchronously after such an update, for work that must not lag a frame behind (highlight ranges). */
  onDomChange(listener: DomChangeListener): () => void;
  activeCodingId: number | null;
  setActiveCodingId(id: number | null): void;
  /**
   * The dragged span changes every frame of an edge drag, so it is a store of its own (read with useSpanPreview):
   * only the plugins that draw it re-render, not every reader plugin.
   */
  spanPreviewStore: TinyStore<SpanPreview | null>;
  setSpanPreview(preview: SpanPreview | null): void;
  /** Moves a coding's edges (UTF-16, snapped to graphemes) and saves it, keeping its code and memo. */
  updateSpan(codingId: number, start16: number, end16: number): void;
  openPopover(codingIds: number[], at: ScreenPoint): void;
  closePopover(): void;
  /** Opens the type-to-pick code picker for a passage (by default the current selection). */
  openPicker(initialQuery: string, span?: CodePointSpan): void;
  /** Applies a code to a passage of this article and shows the coding at once. */
  applyCode(codeId: number, span: { start: number; end: number }): Promise<Coding | undefined>;
  /** The element that scrolls the article. */
  scroller: HTMLElement | null;
  /** The element stripes and handles are positioned against. */
  page: HTMLElement | null;
}

export const ReaderContext = createContext<ReaderContextValue | null>(null);

export function useReader(): ReaderContextValue {
  const value = useContext(ReaderContext);
  if (!value) throw new Error('useReader outside the article editor');
  return value;
}

/** The span of the coding whose edge is being dragged, or null; re-renders its reader only while it changes. */
export function useSpanPreview(): SpanPreview | null {
  const { spanPreviewStore } = useReader();
  return useSyncExternalStore(spanPreviewStore.subscribe, spanPreviewStore.get);
}
