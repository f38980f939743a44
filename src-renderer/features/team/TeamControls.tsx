import { useState } from 'react';
import { api } from '../../api/api';
import { Dialog } from '../../app/Dialog';
import { useAppStore } from '../../app/store';
import { useTeam } from './useTeam';
import './team.css';

/**
 * The toolbar's team controls: who this window codes as (with the coder's colour; click to switch), and "Show only
 * my codings" (blind coding), whose state is always visible. When the project has coders and this window has not
 * chosen one yet, the coder is asked for first.
 */
export function TeamControls() {
  const { project, attempt, notify } = useAppStore();
  const team = useTeam();
  const [switching, setSwitching] = useState(false);
  // Asked once per project, when it opens: a project with coders and no coder chosen for this window yet. When the
  // project's only coder is the one chosen last time (app settings), that choice stands and nothing is asked; a
  // coder who appears later (a merge, an import) is not asked about mid-work. Closing the dialog without a choice
  // keeps the coder of the app settings.
  const [checkedFor, setCheckedFor] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);
  const path = project?.path ?? null;
  // Decided while rendering, once per project (React's pattern for state that follows other state), not in an effect.
  if (team.loaded && path !== null && checkedFor !== path) {
    setCheckedFor(path);
    const sole = team.coders.length === 1 && team.coders[0]!.name.toLowerCase() === team.remembered.toLowerCase();
    setAsked(team.current === null && team.coders.length > 0 && !sole && !project?.readOnly);
  }
  const current = team.current ?? team.blind?.coder ?? null;

  const choose = async (choice: { id: number } | { name: string }) => {
    const result = await attempt(() => api['coders.setCurrent'](choice));
    if (!result) return false;
    setSwitching(false);
    setAsked(false);
    notify(`You are coding as “${result.current.name}”.`);
    return true;
  };

  const rename = async (id: number, name: string) => {
    const result = await attempt(() => api['coders.update']({ id, name }));
    if (result) notify(`Renamed to “${result.name}” on ${result.codings} codings and ${result.memos} memos.`);
    return Boolean(result);
  };

  const toggleBlind = async () => {
    const on = !(team.blind?.on ?? false);
    const state = await attempt(() => api['team.setBlind']({ on }));
    if (state) notify(state.on ? `Showing only ${state.coder}'s codings.` : "Showing every coder's codings.");
  };

  const blindOn = team.blind?.on ?? false;
  return (
    <>
      <button
        type="button"
        className={blindOn ? 'blind-toggle on' : 'blind-toggle'}
        data-testid="blind-toggle"
        aria-pressed={blindOn}
        title={blindOn ? "Only your codings are shown (blind coding); click to see every coder's" : 'Show only your own codings (blind coding)'}
        onClick={() => void toggleBlind()}
      >
        {blindOn ? '◉' : '○'} Only my codings
      </button>
      <button
        type="button"
        className="toolbar-coder"
        data-testid="coder-button"
        title="Who you are coding as: recorded with every coding and memo you make. Click to switch."
        onClick={() => setSwitching(true)}
      >
        <span className="coder-swatch" aria-hidden style={{ backgroundColor: (current && team.colourOf(current)) ?? 'transparent' }} />
        {/* The bar has little room: the name shows, "Coder:" is read out. */}
        <span className="sr-only">Coder: </span>
        <strong data-testid="current-coder">{current ?? '…'}</strong>
      </button>
      {(asked || switching) && (
        <ChooseCoderDialog
          title={asked ? 'Who is coding?' : 'Switch coder'}
          testId={asked ? 'choose-coder-dialog' : 'coder-dialog'}
          coders={team.coders}
          preselect={team.current ?? team.remembered}
          onChoose={choose}
          onRename={asked ? undefined : rename}
          onClose={() => (asked ? setAsked(false) : setSwitching(false))}
        />
      )}
    </>
  );
}

interface ChooseCoderDialogProps {
  title: string;
  testId: string;
  coders: { id: number; name: string; colour: string; codings: number }[];
  preselect: string;
  onChoose(choice: { id: number } | { name: string }): Promise<boolean>;
  /** Renames a coder everywhere (offered when switching, not in the start dialog). */
  onRename?(id: number, name: string): Promise<boolean>;
  onClose(): void;
}

/** The project's coders to pick from, or a new name. */
function ChooseCoderDialog({ title, testId, coders, preselect, onChoose, onRename, onClose }: ChooseCoderDialogProps) {
  const known = coders.some((c) => c.name.toLowerCase() === preselect.toLowerCase());
  const [draft, setDraft] = useState(known ? '' : preselect);
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId={testId}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="coder-form" className="primary" disabled={!draft.trim()} data-testid="coder-new-submit">
            Code as new coder
          </button>
        </>
      }
    >
      <p className="muted">Every coding and memo you make records your name. Choose yourself, or add a new coder.</p>
      <ul className="coder-choices">
        {coders.map((c) => (
          <li key={c.id} className="coder-choice-row">
            {renaming?.id === c.id ? (
              <form
                className="coder-rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  const name = renaming.name.trim();
                  if (name && onRename) void onRename(c.id, name).then((ok) => ok && setRenaming(null));
                }}
              >
                <input
                  aria-label={`New name for ${c.name}`}
                  data-testid="coder-rename-input"
                  value={renaming.name}
                  maxLength={200}
                  onChange={(e) => setRenaming({ id: c.id, name: e.target.value })}
                />
                <button type="submit" data-testid="coder-rename-save" disabled={!renaming.name.trim()}>
                  Rename
                </button>
              </form>
            ) : (
              <button
                type="button"
                className={c.name.toLowerCase() === preselect.toLowerCase() ? 'coder-choice remembered' : 'coder-choice'}
                data-testid="coder-choice"
                data-coder={c.name}
                onClick={() => void onChoose({ id: c.id })}
              >
                <span className="coder-swatch" aria-hidden style={{ backgroundColor: c.colour }} />
                {c.name} <span className="muted">({c.codings} codings)</span>
              </button>
            )}
            {onRename && renaming?.id !== c.id && (
              <button type="button" className="link" data-testid="coder-rename" aria-label={`Rename ${c.name}`} onClick={() => setRenaming({ id: c.id, name: c.name })}>
                Rename…
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        id="coder-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) void onChoose({ name: draft.trim() });
        }}
      >
        <label className="field">
          <span>New coder</span>
          <input data-testid="coder-name" value={draft} maxLength={200} placeholder="Name" onChange={(e) => setDraft(e.target.value)} />
        </label>
      </form>
    </Dialog>
  );
}

/** A line above the article saying whose codings are shown, when this window codes blind. */
export function BlindBanner() {
  const team = useTeam();
  if (!team.blind?.on) return null;
  return (
    <div className="blind-banner" data-testid="blind-banner" role="status">
      Blind coding: showing only <strong>{team.blind.coder}</strong>'s codings here, in counts and in exports.
    </div>
  );
}
