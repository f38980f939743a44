import type { CodeSet } from '../../../src-main/contract/types';
import { plural } from '../../app/format';

interface CodeSetBarProps {
  sets: CodeSet[];
  activeId: number | null;
  onChange(id: number | null): void;
}

/** "Show: All codes / a code set" above the tree, when the project has code sets. */
export function CodeSetBar({ sets, activeId, onChange }: CodeSetBarProps) {
  if (sets.length === 0) return null;
  return (
    <div className="code-set-bar">
      <label>
        <span>Show</span>
        <select
          value={activeId ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
          data-testid="code-set-filter"
        >
          <option value="">All codes</option>
          {sets.map((s) => (
            <option key={s.id} value={s.id}>
              {`${s.name} (${plural(s.codeIds.length, 'code')})`}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
