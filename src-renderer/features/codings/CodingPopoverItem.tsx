import type { Code, Coding } from '../../../src-main/contract/types';
import { CodingMemoField } from './CodingMemoField';
import { useCodingActions } from './useCodingActions';
import { useTeam } from '../team/useTeam';

interface CodingPopoverItemProps {
  coding: Coding;
  codes: readonly Code[];
  active: boolean;
  onActivate(): void;
}

const FALLBACK_COLOR = '#888888';

function excerpt(text: string): string {
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** One coding in the popover: what it is, who made it and when, its memo, and changing or removing it. */
export function CodingPopoverItem({ coding, codes, active, onActivate }: CodingPopoverItemProps) {
  const { update, remove } = useCodingActions();
  const { colourOf } = useTeam();
  const code = codes.find((c) => c.id === coding.codeId);
  const path = code?.path ?? coding.codePath;
  const created = new Date(coding.createdAt);

  return (
    <li className={active ? 'coding-item active' : 'coding-item'} data-testid="coding-popover-item" data-coding-id={coding.id}>
      <div className="coding-item-head">
        <span className="swatch" style={{ backgroundColor: code?.color ?? FALLBACK_COLOR }} aria-hidden="true" />
        <strong className="code-path">{path}</strong>
        <button type="button" className="link" onClick={onActivate} aria-pressed={active} title="Show drag handles on this coding's edges; Shift+arrows move its end, Alt+Shift+arrows its start">
          {active ? 'Adjusting span' : 'Adjust span'}
        </button>
      </div>
      <div className="coding-item-meta muted">
        <span className="coder-swatch" aria-hidden style={{ backgroundColor: colourOf(coding.coder) ?? 'transparent' }} />
        <span data-testid="coding-coder">{coding.coder}</span> ·{' '}
        <time dateTime={coding.createdAt} title={coding.createdAt}>
          {Number.isNaN(created.getTime()) ? coding.createdAt : created.toLocaleString()}
        </time>{' '}
        · {coding.start}–{coding.end}
      </div>
      <blockquote className="coding-item-quote" dir="auto">
        {excerpt(coding.text)}
      </blockquote>
      <CodingMemoField codingId={coding.id} label={`Memo for ${path}`} />
      <div className="coding-item-actions">
        <select
            aria-label={`Change code of this ${path} coding`}
            value={coding.codeId}
            onChange={(e) => void update(coding.id, { codeId: Number(e.target.value) })}
          >
            {!code && <option value={coding.codeId}>{coding.codePath}</option>}
            {codes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
        <button type="button" className="danger" onClick={() => void remove(coding.id)} aria-label={`Remove this ${path} coding`}>
          Remove
        </button>
      </div>
    </li>
  );
}
