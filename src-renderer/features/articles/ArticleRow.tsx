import type { MouseEvent } from 'react';
import type { ArticleSummary } from '../../../src-main/contract/types';
import { formatNumber, plural } from '../../app/format';
import { InlineRename } from '../../app/InlineRename';
import { MemoMarker } from '../memos/MemoMarker';

interface ArticleRowProps {
  article: ArticleSummary;
  top: number;
  height: number;
  selected: boolean;
  renaming: boolean;
  onSelect(): void;
  onStartRename(): void;
  onRename(title: string | null): void;
  onMenu(e: MouseEvent, fromButton: boolean): void;
}

export function ArticleRow({ article, top, height, selected, renaming, onSelect, onStartRename, onRename, onMenu }: ArticleRowProps) {
  return (
    <div
      id={`article-${article.id}`}
      role="option"
      aria-selected={selected}
      className={selected ? 'article-row selected' : 'article-row'}
      style={{ top, height }}
      data-testid="article-row"
      data-article-id={article.id}
      title={article.title}
      onClick={onSelect}
      onDoubleClick={onStartRename}
      onContextMenu={(e) => onMenu(e, false)}
    >
      <div className="article-row-text">
        {renaming ? (
          <InlineRename initial={article.title} onDone={onRename} label="Article title" testId="article-rename-input" />
        ) : (
          // dir="auto": an Arabic or Hebrew title lays out right to left, so the ellipsis cuts its logical end.
          <span className="article-row-title" dir="auto" data-testid="article-row-title">
            {article.title}
          </span>
        )}
        <span className="article-row-meta">
          {article.folder ? (
            <span className="article-row-folder" data-testid="article-row-folder" title={`Folder: ${article.folder}`}>
              {article.folder}/
            </span>
          ) : null}
          {plural(article.length, 'character')} · {article.sourceFile}
        </span>
      </div>
      {article.hasMemo ? (
        <MemoMarker testId="article-memo-marker" />
      ) : null}
      <span
        className={article.codingCount ? 'count-badge' : 'count-badge zero'}
        title={plural(article.codingCount, 'coding')}
        data-testid="article-coding-count"
      >
        {formatNumber(article.codingCount)}
      </span>
      <span
        className="row-menu-button"
        title={`Actions for ${article.title}`}
        data-testid="article-menu-button"
        // Not a control of its own (a list option may hold none): the keyboard opens this menu with the context-menu key.
        aria-hidden
        onClick={(e) => {
          e.stopPropagation();
          onMenu(e, true);
        }}
      >
        ⋯
      </span>
    </div>
  );
}
