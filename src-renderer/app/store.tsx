import { requestProjectCheck } from './damage';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useChanged } from './useChanged';
import { api, bridge } from '../api/api';
import type { Coding, GlossEvent, ProjectInfo } from '../../src-main/contract/types';
import { readerSelection, setReaderSelection } from './selection';
import { createStore, useStore } from './tinyStore';
import { prefetchArticle } from '../features/reader/useArticle';

export type { ReaderSelection } from './selection';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** A button in the notice, e.g. Undo after a deletion. */
  action?: NoticeAction;
}

export interface NoticeAction {
  label: string;
  run(): void;
}

interface AppStore {
  project: ProjectInfo | null;
  /**
   * Whether the host has said which project is open (or that none is). Until then the window shows neither the start
   * screen nor a workbench, so a window on an open project never flashes the project library first.
   */
  projectKnown: boolean;
  setProject(p: ProjectInfo | null): void;
  refreshProject(): Promise<void>;
  selectedArticleId: number | null;
  selectArticle(id: number | null): void;
  /** Applies a code to the reader's selection (codebook click, keys 1–9, type-to-pick). */
  applyCodeToSelection(codeId: number): Promise<Coding | undefined>;
  /** Hears each coding made by applyCodeToSelection as soon as it is saved, so the reader can show it before its reload. */
  onCodingApplied(listener: (coding: Coding) => void): () => void;
  notify(text: string, kind?: Notice['kind'], action?: NoticeAction): void;
  dismiss(id: number): void;
  /** Runs an action and shows its error, if any, to the user. Returns undefined on error. */
  attempt<T>(action: () => Promise<T>): Promise<T | undefined>;
  /** Bumped by reloadWorkbench; the workbench is keyed by it, so every pane starts afresh (after a restore). */
  workbenchEpoch: number;
  reloadWorkbench(): void;
}

const Ctx = createContext<AppStore | null>(null);
let noticeId = 0;

/** Notices change on their own schedule; only the notices strip (and code clearing action notices) reads them. */
export const notices = createStore<Notice[]>([]);
export const useNotices = (): Notice[] => useStore(notices);

/**
 * What every pane needs and that changes rarely (the project, the open article) plus stable actions. Project data
 * is read through the query layer (api/query.ts) and the reader's selection through app/selection.ts, so nothing
 * here changes while a passage is dragged.
 */
export function AppStoreProvider({ children }: { children: ReactNode }) {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [projectKnown, setProjectKnown] = useState(false);
  // A project chosen in this window (start screen, library, menu) is known by that very choice.
  const chooseProject = useCallback((p: ProjectInfo | null) => {
    setProject(p);
    setProjectKnown(true);
  }, []);
  const [selectedArticleId, setSelectedArticleId] = useState<number | null>(null);
  const selectArticle = useCallback((id: number | null) => {
    if (id !== null) prefetchArticle(id);
    setSelectedArticleId(id);
  }, []);
  const [workbenchEpoch, setWorkbenchEpoch] = useState(0);
  const reloadWorkbench = useCallback(() => setWorkbenchEpoch((e) => e + 1), []);
  const appliedListeners = useRef(new Set<(coding: Coding) => void>());

  const notify = useCallback((text: string, kind: Notice['kind'] = 'info', action?: NoticeAction) => {
    const id = ++noticeId;
    notices.set((n) => [...n.slice(-4), { id, kind, text, action }]);
    // A notice with a button (Undo) stays longer, so there is time to reach for it.
    if (kind === 'info') setTimeout(() => notices.set((n) => n.filter((x) => x.id !== id)), action ? 12000 : 6000);
  }, []);
  const dismiss = useCallback((id: number) => notices.set((n) => n.filter((x) => x.id !== id)), []);
  const attempt = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await action();
      } catch (err) {
        // Damage found while reading or exporting: the notice offers the check (and from there a restore).
        const damaged = (err as { code?: string }).code === 'damaged';
        notify((err as Error).message, 'error', damaged ? { label: 'Check project…', run: requestProjectCheck } : undefined);
        return undefined;
      }
    },
    [notify],
  );
  const refreshProject = useCallback(async () => {
    const p = await attempt(() => api['project.current']({}));
    setProject(p ?? null);
  }, [attempt]);
  const applyCodeToSelection = useCallback(
    async (codeId: number) => {
      // Read at the moment of applying, so this action stays the same while the selection moves.
      const sel = readerSelection.get();
      if (!sel) {
        notify('Select a passage in the article first, then choose a code.');
        return undefined;
      }
      const coding = await attempt(() => api['codings.apply']({ articleId: sel.articleId, codeId, start: sel.start, end: sel.end }));
      if (coding) for (const listener of appliedListeners.current) listener(coding);
      return coding;
    },
    [attempt, notify],
  );
  const onCodingApplied = useCallback((listener: (coding: Coding) => void) => {
    appliedListeners.current.add(listener);
    return () => {
      appliedListeners.current.delete(listener);
    };
  }, []);

  useEffect(() => {
    let live = true;
    // attempt() reports a failure and resolves; an answer after unmounting is dropped.
    void attempt(() => api['project.current']({})).then((p) => {
      if (!live) return;
      setProject(p ?? null);
      // Known even when the call failed (attempt has said why): the start screen is then the way on.
      setProjectKnown(true);
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  // Another project: nothing of the last one stays selected.
  if (useChanged(project?.path)) {
    setSelectedArticleId(null);
    setReaderSelection(null);
  }
  useEffect(
    () =>
      bridge.onEvent((event: GlossEvent) => {
        if (event.type === 'project.changed') chooseProject(event.project);
      }),
    [chooseProject],
  );

  const value = useMemo<AppStore>(
    () => ({
      project,
      projectKnown,
      setProject: chooseProject,
      refreshProject,
      selectedArticleId,
      selectArticle,
      applyCodeToSelection,
      onCodingApplied,
      notify,
      dismiss,
      attempt,
      workbenchEpoch,
      reloadWorkbench,
    }),
    [project, projectKnown, chooseProject, refreshProject, selectedArticleId, selectArticle, applyCodeToSelection, onCodingApplied, notify, dismiss, attempt, workbenchEpoch, reloadWorkbench],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppStore(): AppStore {
  const store = useContext(Ctx);
  if (!store) throw new Error('useAppStore outside AppStoreProvider');
  return store;
}
