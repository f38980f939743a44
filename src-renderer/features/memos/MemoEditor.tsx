import { useState } from 'react';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import type { Memo, MemoTarget } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';
import { MemoAutosavePlugin } from './MemoAutosavePlugin';
import { MemoToolbar } from './MemoToolbar';
import { $loadMemo, isSafeLink, type MemoContent } from './memoText';
import { memoTheme } from './memoTheme';
import { OpenLinkPlugin } from './OpenLinkPlugin';
import { memoTargetKey, useMemoDocument, type SaveStatus } from './useMemoDocument';
import './memos.css';

interface MemoEditorProps {
  target: MemoTarget;
  /** What the memo is about, for screen readers: "Memo for Frames/Humanitarian". */
  label: string;
  /** Put on the editable element, which is what tests and keyboard users reach. */
  testId?: string;
  placeholder?: string;
  /** Taller for a dialog, compact in the coding popover. */
  size?: 'compact' | 'roomy';
  autoFocus?: boolean;
  onSaved?(memo: Memo): void;
}

/**
 * A rich-text memo (bold, italic, lists, https links) on a coding, article, code or the project. It loads the memo
 * once, saves as the analyst types and when they leave it, and stores both the plain text (for search, CSV and the
 * JSON `memo`) and Lexical's state (`memoRich`).
 */
export function MemoEditor({ target, label, testId, placeholder = 'Write a memo…', size = 'compact', autoFocus, onSaved }: MemoEditorProps) {
  const { project } = useAppStore();
  const { load, status, save } = useMemoDocument(target, onSaved);
  const readOnly = Boolean(project?.readOnly);

  if (load.state === 'loading') {
    return (
      <div className={`memo memo-${size}`} aria-busy="true">
        <p className="memo-loading muted">Loading memo…</p>
      </div>
    );
  }
  if (load.state === 'error') {
    return (
      <div className={`memo memo-${size}`}>
        <p className="memo-error" role="alert">
          The memo could not be opened: {load.message}
        </p>
      </div>
    );
  }
  return (
    <LoadedMemo
      // A new target is a new document, with its own undo history.
      key={memoTargetKey(target)}
      initial={load.memo}
      label={label}
      testId={testId}
      placeholder={placeholder}
      size={size}
      autoFocus={autoFocus}
      readOnly={readOnly}
      status={status}
      save={save}
    />
  );
}

interface LoadedMemoProps {
  initial: Memo;
  label: string;
  testId?: string;
  placeholder: string;
  size: 'compact' | 'roomy';
  autoFocus?: boolean;
  readOnly: boolean;
  status: SaveStatus;
  save(target: MemoTarget, content: MemoContent): Promise<boolean>;
}

function LoadedMemo({ initial, label, testId, placeholder, size, autoFocus, readOnly, status, save }: LoadedMemoProps) {
  // The editor is created once per memo; later changes to the stored memo are its own saves.
  const [config] = useState<InitialConfigType>(
    () => ({
      namespace: 'gloss-memo',
      theme: memoTheme,
      nodes: [ListNode, ListItemNode, LinkNode],
      editable: !readOnly,
      editorState: () => $loadMemo({ plain: initial.plain, rich: initial.rich }),
      onError: (error: Error) => console.error('Lexical error in a memo', error),
    }),
  );
  return (
    <div className={`memo memo-${size}`} data-memo-target={label}>
      <LexicalComposer initialConfig={config}>
        {!readOnly && <MemoToolbar label={label} />}
        <div className="memo-surface">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="memo-editable"
                aria-label={label}
                data-testid={testId}
                spellCheck
                aria-placeholder={placeholder}
                placeholder={<div className="memo-placeholder">{placeholder}</div>}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={isSafeLink} attributes={{ rel: 'noopener noreferrer' }} />
        <OpenLinkPlugin />
        {!readOnly && <MemoAutosavePlugin save={(content) => save(initial.target, content)} />}
        {autoFocus && <AutoFocusPlugin />}
      </LexicalComposer>
      <p className="memo-status muted" aria-live="polite" data-testid="memo-status">
        {readOnly ? 'Read-only project' : statusText(status)}
      </p>
    </div>
  );
}

function statusText(status: SaveStatus): string {
  if (status === 'saving') return 'Saving…';
  if (status === 'saved') return 'Saved';
  if (status === 'failed') return 'Not saved';
  return '';
}
