import { useCallback, useRef } from 'react';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';
import { trackWrite } from '../../app/pendingWrites';
import type { ArticleDoc } from './articleDoc';
import type { ArticleCodings } from './useArticleCodings';

/**
 * Moving a coding's edges: shown at once (the list is patched locally) and saved in order. Key repeats or a
 * quick series of drags coalesce: while one save is in flight only the latest span waits (each save is announced
 * by the host to every view).
 */
export function useSpanEditor(doc: ArticleDoc, patchLocally: ArticleCodings['patchLocally']) {
  const { attempt } = useAppStore();
  const waiting = useRef(new Map<number, { start: number; end: number }>());
  const saving = useRef(new Set<number>());

  const drain = useCallback(
    async (id: number) => {
      saving.current.add(id);
      try {
        for (let next = waiting.current.get(id); next; next = waiting.current.get(id)) {
          waiting.current.delete(id);
          const span = next;
          await attempt(() => api['codings.update']({ id, start: span.start, end: span.end }));
        }
      } finally {
        saving.current.delete(id);
      }
    },
    [attempt],
  );

  return useCallback(
    (id: number, start16: number, end16: number) => {
      const span = doc.spanFromUtf16(start16, end16);
      if (!span) return;
      patchLocally(id, { start: span.start, end: span.end, text: span.text });
      waiting.current.set(id, { start: span.start, end: span.end });
      if (!saving.current.has(id)) void trackWrite(drain(id));
    },
    [doc, patchLocally, drain],
  );
}
