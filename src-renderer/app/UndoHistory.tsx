import { historyMoved, writesSettled } from './pendingWrites';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useLatest } from './useLatest';
import { api, isDesktop } from '../api/api';
import { GlossError } from '../../src-main/contract/errors';
import type { HistoryState } from '../../src-main/contract/types';
import { historyShortcut, isMac, type HistoryDirection } from './historyShortcut';
import { useCall } from '../api/query';
import { notices, useAppStore } from './store';

const anyChange = () => true;

type Direction = HistoryDirection;

interface UndoHistory {
  state: HistoryState;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /**
   * Undoes the last change only if it is still the one a notice offered to undo (its label), so an Undo button
   * in an old notice never undoes something else that happened since.
   */
  undoIfLast(label: string): Promise<void>;
  /** Asks main for the current state (the history lives there and survives a reload of the window). */
  refresh(): void;
  /** The desktop Edit menu: in a text field it is the field's own undo; elsewhere the project's. */
  runMenuCommand(direction: Direction): void;
}

const EMPTY: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };
const Ctx = createContext<UndoHistory | null>(null);

const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * Whether the element takes typing, so Ctrl+Z there belongs to the browser's own text undo. The reader is
 * contenteditable only for its caret and keyboard selection (it is aria-readonly and refuses edits), so there
 * Ctrl+Z undoes the last coding.
 */
export function isTextEntry(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.has(el.type) && !el.readOnly;
  if (el.isContentEditable) return !el.closest('[aria-readonly="true"]');
  return false;
}

/**
 * Undo and redo of project changes (deletes, merges, codings, renames…). The history itself is kept in main; this
 * provider asks for it, runs the steps one after another (a quick Ctrl+Z Ctrl+Z undoes two), refreshes every
 * pane that may show what changed, and says what was undone.
 */
export function UndoHistoryProvider({ children }: { children: ReactNode }) {
  const store = useAppStore();
  const { project, attempt, notify } = store;
  const latestStore = useLatest(store);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const hasProject = Boolean(project);
  // Every change the host announces may have added a step (commands, undo, redo), in this window or another.
  const history = useCall('history.state', {}, { invalidatedBy: anyChange, enabled: hasProject });
  const state = (hasProject && history.data) || EMPTY;
  const { refetch } = history;
  const refresh = useCallback(() => void refetch(), [refetch]);

  /**
   * After a step the host announces every entity, so each view reloads what it shows; only the open article may be
   * gone (its import undone), and then the reader closes it.
   */
  const closeGoneArticle = useCallback(async () => {
    const { selectedArticleId, selectArticle } = latestStore.current;
    if (selectedArticleId === null) return;
    const gone = await api['articles.get']({ id: selectedArticleId }).then(
      () => false,
      (err: unknown) => err instanceof GlossError && err.code === 'not_found',
    );
    if (gone && latestStore.current.selectedArticleId === selectedArticleId) selectArticle(null);
  }, [latestStore]);

  const step = useCallback(
    (direction: Direction, onlyIf?: string) => {
      const run = async () => {
        if (!latestStore.current.project) return;
        // A burst of edge moves still being saved is part of what the analyst means to undo.
        await writesSettled();
        if (onlyIf !== undefined) {
          const now = await attempt(() => api['history.state']({}));
          if (!now) return;
          if (now.undoLabel !== onlyIf) {
            notify(`“${onlyIf}” is no longer the last change, so it was not undone. Use Undo in the toolbar to step back through the changes.`);
            return;
          }
        }
        const result = await attempt(() => api[direction === 'undo' ? 'history.undo' : 'history.redo']({}));
        historyMoved();
        if (!result) return;
        const { label } = result;
        if (!label) {
          notify(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
          return;
        }
        // An Undo offered by an earlier notice now refers to a different point in the history.
        for (const n of notices.get()) if (n.action) latestStore.current.dismiss(n.id);
        notify(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${label}`);
        await closeGoneArticle();
      };
      const next = queue.current.then(run, run);
      queue.current = next.catch(() => undefined);
      return next;
    },
    [latestStore, attempt, notify, closeGoneArticle],
  );

  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);
  const undoIfLast = useCallback((label: string) => step('undo', label), [step]);
  const runMenuCommand = useCallback(
    (direction: Direction) => {
      if (isTextEntry(document.activeElement)) {
        // The menu replaced the standard Undo role, so in a field it does what that role did.
        document.execCommand(direction);
        return;
      }
      if (document.querySelector('[aria-modal="true"]')) return;
      void step(direction);
    },
    [step],
  );

  useEffect(() => {
    // In the macOS app the Edit menu takes Cmd+Z before the page sees it, and runs runMenuCommand; listening here
    // as well could undo twice. Elsewhere the page sees the keys first, and cancelling them keeps the menu out.
    if (!hasProject || (isDesktop && isMac)) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const direction = historyShortcut(e);
      if (!direction) return;
      // In a field the browser's own text undo applies; behind an open dialog nothing should change unseen.
      if (isTextEntry(e.target instanceof Element ? e.target : null) || isTextEntry(document.activeElement)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      // Handled here, so the desktop menu's accelerator does not run it a second time.
      e.preventDefault();
      void step(direction);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [hasProject, step]);

  const value = useMemo<UndoHistory>(
    () => ({ state, undo, redo, undoIfLast, refresh, runMenuCommand }),
    [state, undo, redo, undoIfLast, refresh, runMenuCommand],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useUndoHistory(): UndoHistory {
  const history = useContext(Ctx);
  if (!history) throw new Error('useUndoHistory outside UndoHistoryProvider');
  return history;
}

const modKey = isMac ? '⌘' : 'Ctrl+';

/** Toolbar Undo / Redo, labelled with what they would undo or redo. */
export function UndoRedoButtons() {
  const { state, undo, redo, refresh } = useUndoHistory();
  const undoTitle = state.undoLabel ? `Undo ${state.undoLabel} (${modKey}Z)` : 'Nothing to undo';
  const redoTitle = state.redoLabel ? `Redo ${state.redoLabel} (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})` : 'Nothing to redo';
  return (
    // Hovering asks again, in case a change came from somewhere that reports none (a memo saved in the reader).
    // Each button is named by its label ("Undo"); what it would undo is its description (the title).
    <span className="undo-redo" onPointerEnter={refresh}>
      <button type="button" className="icon-button" data-testid="undo-button" disabled={!state.canUndo} title={undoTitle} aria-keyshortcuts="Control+Z" onClick={() => void undo()}>
        <span aria-hidden>↶</span> Undo
      </button>
      <button type="button" className="icon-button" data-testid="redo-button" disabled={!state.canRedo} title={redoTitle} aria-keyshortcuts="Control+Shift+Z" onClick={() => void redo()}>
        <span aria-hidden>↷</span> Redo
      </button>
    </span>
  );
}

/** For confirmations of deletions: how to take them back. */
export const undoHint = `Undo (${isMac ? '⌘Z' : 'Ctrl+Z'}) brings it back while the project stays open.`;
