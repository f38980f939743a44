import { useEffect, useMemo, useRef, useState } from 'react';
import { useChanged } from '../../app/useChanged';
import type { Code } from '../../../src-main/contract/types';
import { exactCode, newCodeFor, rankCodes } from './codeMatching';
import { codePathProblem } from '../../../src-main/contract/codePath';

export interface PickerAnchor {
  left: number;
  top: number;
  bottom: number;
}

interface CodePickerProps {
  codes: readonly Code[];
  /** Viewport rectangle to open beside (the selection's last line, a button). */
  anchor: PickerAnchor;
  initialQuery: string;
  label: string;
  onPick(code: Code): void;
  /** Creates the code at this path (written by the one rule, contract/codePath.ts; missing parents made too). */
  onCreate(path: string): void;
  onClose(): void;
}

type Row = { kind: 'code'; code: Code } | { kind: 'create'; path: string; missing: string[] };

const WIDTH = 320;

/**
 * Type to pick a code. Typing filters by name or path; Enter takes the highlighted row, which is the exact match
 * if there is one, otherwise the best match, otherwise "Create …" (so a name or path that matches nothing becomes
 * a new code on Enter, "Frames/Humanitarian" making Frames too). Every code is listed and the list scrolls: arrow
 * keys, Page Up/Down, Home and End move the highlight and keep it in view. Esc closes.
 */
export function CodePicker({ codes, anchor, initialQuery, label, onPick, onCreate, onClose }: CodePickerProps) {
  const [query, setQuery] = useState(initialQuery);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const rows = useMemo<Row[]>(() => {
    const found: Row[] = rankCodes(codes, query).map((code) => ({ kind: 'code', code }));
    const create = query.trim() && !exactCode(codes, query) ? newCodeFor(codes, query) : null;
    if (create) found.push({ kind: 'create', path: create.path, missing: create.missing });
    return found;
  }, [codes, query]);
  const [highlighted, setHighlighted] = useState(0);
  if (useChanged(query)) setHighlighted(0);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`#code-picker-row-${highlighted}`)?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  useEffect(() => {
    const outside = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside, true);
    return () => document.removeEventListener('mousedown', outside, true);
  }, [onClose]);

  const choose = (row: Row | undefined) => {
    if (!row) return;
    if (row.kind === 'code') onPick(row.code);
    else onCreate(row.path);
  };

  const left = Math.max(8, Math.min(anchor.left, window.innerWidth - WIDTH - 8));
  const below = anchor.bottom + 6;
  const style = below + 300 < window.innerHeight ? { left, top: below, width: WIDTH } : { left, bottom: window.innerHeight - anchor.top + 6, width: WIDTH };

  return (
    <div ref={root} className="code-picker" data-testid="code-picker" role="dialog" aria-label={label} style={style}>
      <input
        ref={input}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Type a code name…"
        aria-label="Code name"
        role="combobox"
        aria-expanded="true"
        aria-controls="code-picker-list"
        aria-activedescendant={rows[highlighted] ? `code-picker-row-${highlighted}` : undefined}
        onKeyDown={(e) => {
          const page = 8;
          const moves: Record<string, (h: number) => number> = {
            ArrowDown: (h) => h + 1,
            ArrowUp: (h) => h - 1,
            PageDown: (h) => h + page,
            PageUp: (h) => h - page,
          };
          const move = moves[e.key];
          if (move) {
            e.preventDefault();
            setHighlighted((h) => Math.max(0, Math.min(rows.length - 1, move(h))));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(rows[highlighted]);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <ul ref={list} id="code-picker-list" role="listbox" aria-label="Codes" data-testid="code-picker-list">
        {rows.map((row, i) => (
          <li
            key={row.kind === 'code' ? row.code.id : 'create'}
            id={`code-picker-row-${i}`}
            data-testid={row.kind === 'code' ? 'code-picker-row' : 'code-picker-create'}
            role="option"
            aria-selected={i === highlighted}
            className={i === highlighted ? 'highlighted' : undefined}
            onMouseEnter={() => setHighlighted(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(row);
            }}
          >
            {row.kind === 'code' ? (
              <>
                <span className="swatch" style={{ backgroundColor: row.code.color }} aria-hidden="true" />
                <span className="code-path">{row.code.path}</span>
              </>
            ) : (
              <span className="create-row">
                Create “{row.path}”
                {row.missing.length > 1 && <span className="muted"> (also {row.missing.slice(0, -1).map((m) => `“${m}”`).join(', ')})</span>}
              </span>
            )}
          </li>
        ))}
        {rows.length === 0 && (
          <li className="muted" data-testid="code-picker-problem">
            {(query.trim() && codePathProblem(query)) || 'No codes yet — type a name to create one.'}
          </li>
        )}
      </ul>
    </div>
  );
}
