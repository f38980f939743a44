import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Disagreement, DisagreementDecision } from '../../../src-main/contract/types';
import { api } from '../../api/api';
import { useCall } from '../../api/query';
import { useAppStore } from '../../app/store';
import { useWorkbenchView } from '../../app/workbenchView';
import { codePointLength } from '../../../src-main/contract/offsets';
import { downloadFrom } from '../export/download';
import { useCodes } from '../codebook/useCodes';

const keyOf = (d: Disagreement) => `${d.articleId}:${d.start}-${d.end}`;

/**
 * The span the analyst selected in the passage (its context included), in the article's code points; null without a
 * selection inside it. The passage element's text starts `before` code points ahead of the passage.
 */
function selectedSpan(passage: HTMLElement | null, item: Disagreement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!passage || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!passage.contains(range.startContainer) || !passage.contains(range.endContainer)) return null;
  const origin = item.start - codePointLength(item.before);
  const upTo = (node: Node, offset: number) => {
    const r = document.createRange();
    r.setStart(passage, 0);
    r.setEnd(node, offset);
    return codePointLength(r.toString());
  };
  return { start: origin + upTo(range.startContainer, range.startOffset), end: origin + upTo(range.endContainer, range.endOffset) };
}

type Lane = 'x' | 'y' | 'consensus';

/**
 * The passage with its context, cut where any coding begins or ends; under each piece one lane per coder (X, Y,
 * the consensus), drawn as stacked underlines. Offsets are code points, so the text is cut by code point.
 */
function LanedPassage({ item, passageRef }: { item: Disagreement; passageRef: RefObject<HTMLParagraphElement | null> }) {
  const points = useMemo(() => Array.from(item.text), [item.text]);
  const cuts = [...new Set([item.start, item.end, ...item.codings.flatMap((c) => [c.start, c.end])])]
    .filter((p) => p >= item.start && p <= item.end)
    .sort((a, b) => a - b);
  const pieces: { start: number; end: number; lanes: Set<Lane> }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const lanes = new Set<Lane>(item.codings.filter((c) => c.start <= start && end <= c.end).map((c) => c.coder));
    pieces.push({ start, end, lanes });
  }
  return (
    <p className="laned-passage" data-testid="worklist-passage" ref={passageRef}>
      <span className="muted">{item.before}</span>
      {pieces.map((p) => (
        <span
          key={p.start}
          className={['lane-piece', ...[...p.lanes].map((l) => `lane-${l}`)].join(' ')}
          data-lanes={[...p.lanes].sort().join(' ')}
        >
          {points.slice(p.start - item.start, p.end - item.start).join('')}
        </span>
      ))}
      <span className="muted">{item.after}</span>
    </p>
  );
}

function CodingList({ item, lane, label }: { item: Disagreement; lane: Lane; label: string }) {
  const points = useMemo(() => Array.from(item.text), [item.text]);
  const codings = item.codings.filter((c) => c.coder === lane);
  return (
    <li className={`lane-row lane-row-${lane}`} data-testid={`worklist-lane-${lane}`}>
      <span className={`lane-key lane-${lane}`} aria-hidden />
      <strong>{label}</strong>:{' '}
      {codings.length === 0
        ? 'nothing here'
        : codings.map((c) => (
            <span key={c.id} className="lane-coding">
              “{points.slice(Math.max(0, c.start - item.start), c.end - item.start).join('')}” <span className="muted">({c.codePath}, {c.start}–{c.end})</span>
            </span>
          ))}
    </li>
  );
}

interface WorklistProps {
  coderX: string;
  coderY: string;
  codePath: string;
  rollUp: boolean;
  onClose(): void;
}

/**
 * The disagreement worklist of one code: each passage where X and Y differ, with keys to settle it as the consensus
 * coder — A accept X, B accept Y, Enter accept both, R reject, E edit the span — advancing to the next open one.
 */
export function DisagreementWorklist({ coderX, coderY, codePath, rollUp, onClose }: WorklistProps) {
  const { attempt, notify } = useAppStore();
  const { revealPassage } = useWorkbenchView();
  const codes = useCodes();
  const request = { coderX, coderY, codePath, rollUp };
  const { data, error } = useCall('team.disagreements', request, { invalidatedBy: ['codings', 'codes', 'articles'] });
  const [index, setIndex] = useState(0);
  // A rejection writes no coding, so this window remembers it (the list itself knows decisions by consensus codings).
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<{ start: number; end: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const passage = useRef<HTMLParagraphElement>(null);
  /** E: the selected text of the passage if there is one, else the whole passage, to adjust. */
  const startEdit = (d: Disagreement) => setEditing(selectedSpan(passage.current, d) ?? { start: d.start, end: d.end });

  const items = data?.items ?? [];
  const decided = (d: Disagreement) => d.decided || rejected.has(keyOf(d));
  const done = items.filter(decided).length;
  const current = items[Math.min(index, Math.max(0, items.length - 1))];

  useEffect(() => root.current?.focus(), []);

  const advance = (from: number) => {
    const next = items.findIndex((d, i) => i > from && !decided(d));
    setIndex(next >= 0 ? next : Math.min(from + 1, Math.max(0, items.length - 1)));
  };

  const decide = async (decision: DisagreementDecision, span?: { start: number; end: number }) => {
    if (!current || busy) return;
    setBusy(true);
    try {
      const result = await attempt(() =>
        api['team.decide']({
          ...request,
          disagreement: { articleId: current.articleId, start: current.start, end: current.end },
          decision,
          ...(span ?? {}),
        }),
      );
      if (!result) return;
      const key = keyOf(current);
      setRejected((s) => {
        const next = new Set(s);
        // A decision that wrote nothing (reject, or accepting the coder who has nothing here) leaves no coding.
        if (result.written.length === 0) next.add(key);
        else next.delete(key);
        return next;
      });
      setEditing(null);
      advance(index);
      root.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
    if (e.target instanceof HTMLButtonElement && e.key === 'Enter') return;
    if (e.ctrlKey || e.metaKey || e.altKey || !current) return;
    const key = e.key.toLowerCase();
    const action = key === 'a' ? 'acceptX' : key === 'b' ? 'acceptY' : e.key === 'Enter' ? 'acceptBoth' : key === 'r' ? 'reject' : null;
    if (action) {
      e.preventDefault();
      void decide(action);
    } else if (key === 'e') {
      e.preventDefault();
      startEdit(current);
    } else if (e.key === 'ArrowDown' || key === 'j') {
      e.preventDefault();
      setIndex(Math.min(index + 1, items.length - 1));
    } else if (e.key === 'ArrowUp' || key === 'k') {
      e.preventDefault();
      setIndex(Math.max(index - 1, 0));
    }
  };

  const exportConsensus = async () => {
    const consensus = data?.consensusCoder ?? 'Consensus';
    const result = await attempt(() => api['retrieve.exportCsv']({ codeIds: codes.map((c) => c.id), coder: consensus }));
    if (!result) return;
    if (result.downloadUrl) downloadFrom(result.downloadUrl);
    notify(`Exported ${result.codings} consensus coding(s) to ${result.path}`);
  };

  return (
    <div className="analysis-body worklist" ref={root} tabIndex={-1} onKeyDown={onKeyDown} data-testid="worklist">
      <div className="analysis-panel">
        <div className="analysis-controls">
          <button type="button" onClick={onClose} data-testid="worklist-back">
            ← Agreement table
          </button>
          <h2 className="worklist-title">
            Disagreements on {codePath}
            {rollUp ? ' (with sub-codes)' : ''}: {coderX} and {coderY}
          </h2>
          <span className="spacer" />
          <span data-testid="worklist-progress" aria-live="polite">
            {done} of {items.length} decided
          </span>
          <button type="button" data-testid="worklist-export-consensus" disabled={codes.length === 0} onClick={() => void exportConsensus()}>
            Export consensus CSV…
          </button>
        </div>
        {error && <p className="error-text">{error.message}</p>}
        {data && items.length === 0 && (
          <p className="analysis-empty" data-testid="worklist-empty">
            {coderX} and {coderY} agree on every passage of {codePath}.
          </p>
        )}
        {current && (
          <div className="worklist-body">
            <ol className="worklist-list" aria-label="Passages where the coders differ">
              {items.map((d, i) => (
                <li key={keyOf(d)}>
                  <button
                    type="button"
                    className={`worklist-item${d === current ? ' current' : ''}${decided(d) ? ' decided' : ''}`}
                    aria-current={d === current}
                    data-testid="worklist-item"
                    onClick={() => setIndex(i)}
                  >
                    <span className="worklist-mark">{decided(d) ? '✓ ' : '• '}</span>“{d.text.length > 60 ? `${d.text.slice(0, 60)}…` : d.text}”
                    <span className="worklist-where muted">
                      {d.articleTitle.length > 40 ? `${d.articleTitle.slice(0, 40)}…` : d.articleTitle} · {d.start}–{d.end}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
            <section className="worklist-detail" aria-label="The passage to decide" data-testid="worklist-current">
              <p className="muted">
                {current.articleTitle} · code points {current.start}–{current.end} · {decided(current) ? 'decided' : 'open'}{' '}
                <button type="button" className="link-button" onClick={() => revealPassage(current)}>
                  Show in reader
                </button>
              </p>
              <LanedPassage item={current} passageRef={passage} />
              <ul className="lane-rows">
                <CodingList item={current} lane="x" label={`${coderX} (X)`} />
                <CodingList item={current} lane="y" label={`${coderY} (Y)`} />
                <CodingList item={current} lane="consensus" label={data?.consensusCoder ?? 'Consensus'} />
              </ul>
              <p className="worklist-runs muted">
                Differ on:{' '}
                {current.runs.map((r) => (
                  <span key={r.start}>
                    {r.start}–{r.end} only {r.coder === 'x' ? coderX : coderY};{' '}
                  </span>
                ))}
              </p>
              <div className="worklist-actions">
                <button type="button" disabled={busy} data-testid="decide-acceptX" onClick={() => void decide('acceptX')}>
                  <kbd>A</kbd> Accept {coderX}
                </button>
                <button type="button" disabled={busy} data-testid="decide-acceptY" onClick={() => void decide('acceptY')}>
                  <kbd>B</kbd> Accept {coderY}
                </button>
                <button type="button" disabled={busy} data-testid="decide-acceptBoth" onClick={() => void decide('acceptBoth')}>
                  <kbd>Enter</kbd> Accept both
                </button>
                <button type="button" disabled={busy} data-testid="decide-reject" onClick={() => void decide('reject')}>
                  <kbd>R</kbd> Reject
                </button>
                <button type="button" disabled={busy} data-testid="decide-edit" onClick={() => startEdit(current)}>
                  <kbd>E</kbd> Edit span
                </button>
              </div>
              {editing && (
                <form
                  className="worklist-edit"
                  data-testid="worklist-edit"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void decide('edit', editing);
                  }}
                >
                  <label>
                    Start{' '}
                    <input type="number" min={0} value={editing.start} data-testid="edit-start" autoFocus onChange={(e) => setEditing({ ...editing, start: Number(e.target.value) })} />
                  </label>
                  <label>
                    End <input type="number" min={1} value={editing.end} data-testid="edit-end" onChange={(e) => setEditing({ ...editing, end: Number(e.target.value) })} />
                  </label>
                  <span className="muted">code points in the article (select text in the passage before E to start from it)</span>
                  <button type="submit" disabled={busy || !(editing.start < editing.end)} data-testid="edit-save">
                    Save consensus coding
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              )}
            </section>
          </div>
        )}
      </div>
    </div>
  );
}
