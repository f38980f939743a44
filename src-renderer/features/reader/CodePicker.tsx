import { useEffect, useMemo, useRef, useState } from 'react';
import { useChanged } from '../../app/useChanged';
import type { Code } from '../../../src-main/contract/types';
import { exactCode, newCodeFor, rankCodes } from './codeMatching';

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
  onCreate(name: string, parent: Code | null): void;
  onClose(): void;
}

type Row = { kind: 'code'; code: Code } | { kind: 'create'; name: string; parent: Code | null };

const WIDTH = 320;

/**
 * Type to pick a code. Typing filters by name or path; Enter takes the highlighted row, which is the exact match
 * if there is one, otherwise the best match, otherwise "Create …" (so a name that matches nothing becomes a new
 * code on Enter). Arrow keys move the highlight, Esc closes.
 */
export function CodePicker({ codes, anchor, initialQuery, label, onPick, onCreate, onClose }: CodePickerProps) {
  const [query, setQuery] = useState(initialQuery);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const rows = useMemo<Row[]>(() => {
    const found: Row[] = rankCodes(codes, query).map((code) => ({ kind: 'code', code }));
    const create = query.trim() && !exactCode(codes, query) ? newCodeFor(codes, query) : null;
    if (create) found.push({ kind: 'create', ...create });
    return found;
  }, [codes, query]);
  const [highlighted, setHighlighted] = useState(0);
  if (useChanged(query)) setHighlighted(0);

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
    else onCreate(row.name, row.parent);
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
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setHighlighted((h) => Math.min(rows.length - 1, h + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setHighlighted((h) => Math.max(0, h - 1));
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
      <ul id="code-picker-list" role="listbox" aria-label="Codes">
        {rows.map((row, i) => (
          <li
            key={row.kind === 'code' ? row.code.id : 'create'}
            id={`code-picker-row-${i}`}
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
                Create “{row.parent ? `${row.parent.path}/` : ''}
                {row.name}”
              </span>
            )}
          </li>
        ))}
        {rows.length === 0 && <li className="muted">No codes yet — type a name to create one.</li>}
      </ul>
    </div>
  );
}
