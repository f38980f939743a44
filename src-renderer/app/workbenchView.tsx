import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setReaderSelection } from './selection';

/** The workbench's main views: coding in the reader, and the analysis views that read the coded material back. */
export type WorkbenchViewName = 'code' | 'passages' | 'search' | 'analysis' | 'agreement';

/** A passage to show highlighted in its article (a click in the retrieval, search or co-occurrence views). */
export interface RevealRequest {
  articleId: number;
  /** Code points, end exclusive. */
  start: number;
  end: number;
  /** Distinguishes two requests for the same passage, so the reader reveals it again. */
  nonce: number;
}

interface WorkbenchViewStore {
  view: WorkbenchViewName;
  setView(view: WorkbenchViewName): void;
  reveal: RevealRequest | null;
  /** Switches to the reader, opens the article and asks the reader to scroll to and flash the passage. */
  revealPassage(passage: { articleId: number; start: number; end: number }): void;
}

const Ctx = createContext<WorkbenchViewStore | null>(null);
let nonce = 0;

export function WorkbenchViewProvider({ children, onOpenArticle }: { children: ReactNode; onOpenArticle(id: number): void }) {
  const [view, setViewState] = useState<WorkbenchViewName>('code');
  // Outside the reader the selected passage is out of sight: a click in the codebook must not code it unseen.
  const setView = useCallback(
    (next: WorkbenchViewName) => {
      if (next !== 'code') setReaderSelection(null);
      setViewState(next);
    },
    [],
  );
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const revealPassage = useCallback(
    (p: { articleId: number; start: number; end: number }) => {
      onOpenArticle(p.articleId);
      setViewState('code');
      setReveal({ ...p, nonce: ++nonce });
    },
    [onOpenArticle],
  );
  const value = useMemo(() => ({ view, setView, reveal, revealPassage }), [view, setView, reveal, revealPassage]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkbenchView(): WorkbenchViewStore {
  const v = useContext(Ctx);
  if (!v) throw new Error('useWorkbenchView outside WorkbenchViewProvider');
  return v;
}
