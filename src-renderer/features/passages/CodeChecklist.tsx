import { useMemo } from 'react';
import type { Code } from '../../../src-main/contract/types';
import { buildCodeTree, descendantIds } from '../codebook/codeTree';

interface CodeChecklistProps {
  codes: Code[];
  checked: ReadonlySet<number>;
  includeSubcodes: boolean;
  onToggle(id: number): void;
}

/**
 * The codebook as a checkable tree. With "include sub-codes" on, the sub-codes of a checked code show as included
 * (ticked and dimmed), which is what the retrieval will return, so the analyst sees the scope of the query.
 */
export function CodeChecklist({ codes, checked, includeSubcodes, onToggle }: CodeChecklistProps) {
  const tree = useMemo(() => buildCodeTree(codes), [codes]);
  const included = useMemo(() => {
    const out = new Set<number>();
    if (!includeSubcodes) return out;
    for (const id of checked) for (const d of descendantIds(tree, id)) if (!checked.has(d)) out.add(d);
    return out;
  }, [tree, checked, includeSubcodes]);

  if (codes.length === 0) return <p className="muted passages-hint">The codebook is empty: create codes and code passages first.</p>;
  return (
    <ul className="passages-code-list" aria-label="Codes to retrieve">
      {codes.map((c) => {
        const viaParent = included.has(c.id);
        return (
          <li key={c.id}>
            <label
              className={viaParent ? 'passages-code-option included' : 'passages-code-option'}
              data-testid="passages-code-option"
              data-code-id={c.id}
              data-code-path={c.path}
              title={viaParent ? `${c.path} (included as a sub-code)` : c.path}
              style={{ paddingInlineStart: 4 + (tree.depth.get(c.id) ?? 0) * 14 }}
            >
              <input type="checkbox" checked={checked.has(c.id) || viaParent} disabled={viaParent} onChange={() => onToggle(c.id)} />
              <span className="swatch" style={{ backgroundColor: c.color }} aria-hidden="true" />
              <span className="passages-code-name">{c.name}</span>
              <span className="passages-code-count muted">{c.codingCount}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
