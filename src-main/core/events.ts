import type { GlossEvent } from '../contract/types';
import type { Change } from './commands/command';

/** An undo or redo may touch any kind of row. */
export const EVERYTHING: Change = { entities: ['articles', 'codes', 'codings', 'memos', 'attributes', 'searches', 'history'] };

/**
 * The session's events, delivered to every connected window (each host subscribes its transport: IPC, the web
 * host's event stream, the CLI's progress line).
 */
export class EventBus {
  private readonly listeners = new Set<(event: GlossEvent) => void>();

  onEvent(listener: (event: GlossEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: GlossEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Tells every window what a change touched; `origin` is the window whose call made it (hosts turn it into `own`). */
  announce(change: Change, origin?: string): void {
    this.emit({ type: 'changed', ...change, ...(origin !== undefined ? { origin } : {}) });
    // The article list and an open article's codings were refreshed by this event before the query layer; it stays
    // until every view reads through the query layer.
    const severalArticles = change.entities.includes('codings') && (change.articleIds === undefined || change.articleIds.length > 1);
    if (change.entities.includes('articles') || change.entities.includes('attributes') || severalArticles) this.emit({ type: 'articles.changed' });
  }
}
