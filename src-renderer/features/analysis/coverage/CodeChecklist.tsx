import type { Code } from '../../../../src-main/contract/types';

interface Props {
  codes: Code[];
  selected: number[];
  onChange(selected: number[]): void;
  max: number;
}

/** Which codes to draw: a checklist in codebook order, indented by depth, with each code's colour and codings. */
export function CodeChecklist({ codes, selected, onChange, max }: Props) {
  const chosen = new Set(selected);
  const depth = (c: Code) => c.path.split('/').length - 1;
  return (
    <fieldset className="code-checklist" data-testid="coverage-code-picker">
      <legend>
        Codes <span className="muted">({selected.length} shown)</span>
      </legend>
      <div className="code-checklist-actions">
        <button type="button" className="link" onClick={() => onChange(codes.filter((c) => c.codingCount > 0).slice(0, max).map((c) => c.id))}>
          All coded
        </button>
        <button type="button" className="link" onClick={() => onChange([])}>
          None
        </button>
      </div>
      <ul>
        {codes.map((c) => (
          <li key={c.id} className="code-check-item" data-depth={Math.min(depth(c), 6)}>
            <label title={c.path}>
              <input
                type="checkbox"
                checked={chosen.has(c.id)}
                disabled={!chosen.has(c.id) && selected.length >= max}
                onChange={(e) => onChange(e.target.checked ? [...selected, c.id] : selected.filter((id) => id !== c.id))}
                data-testid="coverage-code"
                data-code-path={c.path}
              />
              <span className="analysis-swatch" style={{ background: c.color }} aria-hidden />
              <span dir="auto">{c.name}</span>
              <span className="muted code-check-count">{c.codingCount}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
