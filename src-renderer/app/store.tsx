import { requestProjectCheck } from './damage';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, bridge } from '../api/api';
import type { Code, Coding, GlossEvent, ProjectInfo } from '../../src-main/contract/types';

export interface ReaderSelection {
  articleId: number;
  start: number;
  end: number;
  text: string;
}

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
  setProject(p: ProjectInfo | null): void;
  refreshProject(): Promise<void>;
  codes: Code[];
  refreshCodes(): Promise<void>;
  selectedArticleId: number | null;
  selectArticle(id: number | null): void;
  /** Bumped whenever articles or codings change, so lists with counts reload. */
  articlesVersion: number;
  articlesChanged(): void;
  /** The passage currently selected in the reader, in code points; null when nothing is selected. */
  readerSelection: ReaderSelection | null;
  setReaderSelection(s: ReaderSelection | null): void;
  /** Applies a code to the reader's selection (codebook click, keys 1–9, type-to-pick). */
  applyCodeToSelection(codeId: number): Promise<Coding | undefined>;
  /** Hears each coding made by applyCodeToSelection as soon as it is saved, so the reader can show it before its reload. */
  onCodingApplied(listener: (coding: Coding) => void): () => void;
  /** Bumped whenever codings change, so the reader and counts reload. */
  codingsVersion: number;
  codingsChanged(): void;
  notices: Notice[];
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

export function AppStoreProvider({ children }: { children: ReactNode }) {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [codes, setCodes] = useState<Code[]>([]);
  const [selectedArticleId, selectArticle] = useState<number | null>(null);
  const [articlesVersion, setArticlesVersion] = useState(0);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [readerSelection, setReaderSelection] = useState<ReaderSelection | null>(null);
  const [codingsVersion, setCodingsVersion] = useState(0);
  const [workbenchEpoch, setWorkbenchEpoch] = useState(0);
  const reloadWorkbench = useCallback(() => setWorkbenchEpoch((e) => e + 1), []);
  const appliedListeners = useRef(new Set<(coding: Coding) => void>());

  const notify = useCallback((text: string, kind: Notice['kind'] = 'info', action?: NoticeAction) => {
    const id = ++noticeId;
    setNotices((n) => [...n.slice(-4), { id, kind, text, action }]);
    // A notice with a button (Undo) stays longer, so there is time to reach for it.
    if (kind === 'info') setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), action ? 12000 : 6000);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);
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
  const refreshCodes = useCallback(async () => {
    if (!project) return setCodes([]);
    const r = await attempt(() => api['codes.list']({}));
    if (r) setCodes(r.codes);
  }, [project, attempt]);
  const refreshProject = useCallback(async () => {
    const p = await attempt(() => api['project.current']({}));
    setProject(p ?? null);
  }, [attempt]);
  const articlesChanged = useCallback(() => setArticlesVersion((v) => v + 1), []);
  const codingsChanged = useCallback(() => {
    setCodingsVersion((v) => v + 1);
    setArticlesVersion((v) => v + 1);
    void refreshCodes();
  }, [refreshCodes]);
  const applyCodeToSelection = useCallback(
    async (codeId: number) => {
      const sel = readerSelection;
      if (!sel) {
        notify('Select a passage in the article first, then choose a code.');
        return undefined;
      }
      const coding = await attempt(() => api['codings.apply']({ articleId: sel.articleId, codeId, start: sel.start, end: sel.end }));
      if (coding) {
        for (const listener of appliedListeners.current) listener(coding);
        codingsChanged();
      }
      return coding;
    },
    [readerSelection, attempt, notify, codingsChanged],
  );
  const onCodingApplied = useCallback((listener: (coding: Coding) => void) => {
    appliedListeners.current.add(listener);
    return () => {
      appliedListeners.current.delete(listener);
    };
  }, []);

  useEffect(() => {
    void refreshProject();
  }, [refreshProject]);
  useEffect(() => {
    void refreshCodes();
  }, [refreshCodes]);
  useEffect(() => {
    selectArticle(null);
    setReaderSelection(null);
  }, [project?.path]);
  useEffect(
    () =>
      bridge.onEvent((event: GlossEvent) => {
        if (event.type === 'project.changed') setProject(event.project);
        if (event.type === 'articles.changed') articlesChanged();
      }),
    [articlesChanged],
  );

  const value = useMemo<AppStore>(
    () => ({
      project,
      setProject,
      refreshProject,
      codes,
      refreshCodes,
      selectedArticleId,
      selectArticle,
      articlesVersion,
      articlesChanged,
      readerSelection,
      setReaderSelection,
      applyCodeToSelection,
      onCodingApplied,
      codingsVersion,
      codingsChanged,
      notices,
      notify,
      dismiss,
      attempt,
      workbenchEpoch,
      reloadWorkbench,
    }),
    [
      project,
      refreshProject,
      codes,
      refreshCodes,
      selectedArticleId,
      articlesVersion,
      articlesChanged,
      readerSelection,
      applyCodeToSelection,
      onCodingApplied,
      codingsVersion,
      codingsChanged,
      notices,
      notify,
      dismiss,
      attempt,
      workbenchEpoch,
      reloadWorkbench,
    ],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppStore(): AppStore {
  const store = useContext(Ctx);
  if (!store) throw new Error('useAppStore outside AppStoreProvider');
  return store;
}
