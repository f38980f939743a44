import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/api';
import type { Article, EncodingOption, RedecodeResult } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import { useLatest } from '../../app/useLatest';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

interface RedecodeDialogProps {
  article: Article;
  /** The encoding to select first (the detector's runner-up); otherwise the runner-up if any, else the current one. */
  suggested?: string;
  /** Decode with `suggested` at once (the one-click "try the next best"): the preview or the result is shown. */
  run?: boolean;
  /** Back to the details, nothing changed. */
  onClose(): void;
  /** The article was re-decoded (or relabelled); it is passed as it now is. */
  onDone(article: Article): void;
}

type Step =
  | { kind: 'choose' }
  | { kind: 'working' }
  /** The text would change and codings are at stake: nothing has changed yet. */
  | { kind: 'preview'; result: RedecodeResult }
  | { kind: 'done'; result: RedecodeResult; article: Article };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Decodes an article's kept original bytes with an encoding the analyst picks, for the file the detector got wrong.
 * The first call (without confirm) either applies a harmless change (same text: a new label; no codings: new text)
 * or returns a preview of what the analyst would lose, which they confirm here before the second call.
 */
export function RedecodeDialog({ article, suggested, run: runAtOnce, onClose, onDone }: RedecodeDialogProps) {
  const { attempt } = useAppStore();
  const [options, setOptions] = useState<EncodingOption[] | null>(null);
  // A guessed article opens on the encoding that came second: the likeliest fix, one Enter away.
  const first = suggested ?? (article.encodingBasis === 'guessed' ? article.encodingRunnerUp : null) ?? article.encoding;
  const [chosen, setChosen] = useState(first);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const listRef = useRef<HTMLSelectElement>(null);
  const previousEncoding = article.encoding;

  useEffect(() => {
    void attempt(() => api['articles.encodings']({})).then((r) => {
      if (!r) return;
      setOptions(r.encodings);
      const current = r.encodings.find((o) => same(o.name, first)) ?? r.encodings.find((o) => same(o.name, article.encoding));
      if (current) setChosen(current.name);
    });
  }, [attempt, article.encoding, first]);
  // The list arrives after the dialog opened (and took focus); hand focus to it, on the current encoding.
  const loaded = options !== null;
  useEffect(() => {
    if (loaded) listRef.current?.focus();
  }, [loaded]);

  // Common encodings first, then every encoding under its script or region.
  const groups = useMemo(() => {
    if (!options) return [];
    const byGroup = new Map<string, EncodingOption[]>();
    for (const o of options) {
      if (o.common) continue;
      byGroup.set(o.group, [...(byGroup.get(o.group) ?? []), o]);
    }
    return [{ group: 'Common', items: options.filter((o) => o.common) }, ...[...byGroup].map(([group, items]) => ({ group, items }))];
  }, [options]);
  const chosenOption = options?.find((o) => o.name === chosen);

  const run = async (confirm: boolean) => {
    const before = step;
    setStep({ kind: 'working' });
    const result = await attempt(() => api['articles.redecode']({ id: article.id, encoding: chosen, ...(confirm ? { confirm: true } : {}) }));
    if (!result) {
      setStep(before.kind === 'preview' ? before : { kind: 'choose' });
      // The disabled buttons let go of focus while decoding; give it back to the list (the error is a notice).
      if (before.kind !== 'preview') requestAnimationFrame(() => listRef.current?.focus());
      return;
    }
    if (!result.applied) {
      setStep({ kind: 'preview', result });
      return;
    }
    const updated = await api['articles.get']({ id: article.id }).catch(() => article);
    setStep({ kind: 'done', result, article: updated });
  };

  // The one-click "try the next best": decode with the suggested encoding as soon as the dialog opens.
  const ranAtOnce = useRef(false);
  const latestRun = useLatest(run);
  useEffect(() => {
    if (!runAtOnce || ranAtOnce.current) return;
    ranAtOnce.current = true;
    void latestRun.current(false); // once, on opening: the ref keeps later renders from running it again
  }, [runAtOnce, latestRun]);

  if (step.kind === 'preview') {
    const { result } = step;
    return (
      <Dialog
        title={`Re-decode as ${result.encoding}?`}
        onClose={() => setStep({ kind: 'choose' })}
        key="preview"
        testId="redecode-preview"
        className="redecode-dialog"
        actions={
          <>
            <button type="button" data-testid="redecode-back" onClick={() => setStep({ kind: 'choose' })}>
              Back
            </button>
            <button type="button" className={result.codingsAffected > 0 ? 'danger' : 'primary'} data-testid="redecode-confirm" onClick={() => void run(true)}>
              {result.codingsAffected > 0 ? `Re-decode and remove ${plural(result.codingsAffected, 'coding')}` : 'Re-decode'}
            </button>
          </>
        }
      >
        <p data-testid="redecode-impact">
          The text changes.{' '}
          {result.codingsAffected > 0
            ? `${plural(result.codingsAffected, 'coding')} no longer ${result.codingsAffected === 1 ? 'matches its' : 'match their'} passage and will be removed`
            : 'Every coding still matches its passage'}
          {result.codingsKept > 0 && result.codingsAffected > 0 && `; ${plural(result.codingsKept, 'coding')} ${result.codingsKept === 1 ? 'stays' : 'stay'}`}.
        </p>
        <Outcome result={result} />
        <p className="muted">
          Undo cannot take this back: the undo history starts afresh. Re-decoding with {previousEncoding} brings the old text back, but not removed codings.
        </p>
      </Dialog>
    );
  }

  if (step.kind === 'done') {
    const { result } = step;
    return (
      <Dialog
        title={result.changed ? `Re-decoded as ${result.encoding}` : `Now labelled ${result.encoding}`}
        onClose={() => onDone(step.article)}
        key="done"
        testId="redecode-done"
        className="redecode-dialog"
        actions={
          <button type="button" className="primary" data-testid="redecode-close" onClick={() => onDone(step.article)}>
            Done
          </button>
        }
      >
        <p data-testid="redecode-outcome">
          {result.changed
            ? `The text was decoded again${result.codingsAffected > 0 ? ` and ${plural(result.codingsAffected, 'coding')} removed` : ''}${result.codingsKept > 0 ? `; ${plural(result.codingsKept, 'coding')} kept` : ''}.`
            : `The text is the same in ${result.encoding}, so only the recorded encoding changed.`}
        </p>
        {result.changed && <Outcome result={result} />}
      </Dialog>
    );
  }

  const working = step.kind === 'working';
  return (
    <Dialog
      title="Re-import with another encoding"
      onClose={onClose}
      key="choose"
      testId="redecode-dialog"
      className="redecode-dialog"
      initialFocus={listRef}
      actions={
        <CancelConfirmActions
          onCancel={onClose}
          cancelDisabled={working}
          confirmLabel={working ? 'Decoding…' : 'Re-decode…'}
          confirmTestId="redecode-run"
          confirmDisabled={!options || !chosen || working}
          onConfirm={() => void run(false)}
        />
      }
    >
      <p>
        Decode the original file of “<span dir="auto">{article.title}</span>” again, now read as {article.encoding}.
      </p>
      <label className="field">
        <span>Encoding</span>
        <select
          ref={listRef}
          size={12}
          className="encoding-list"
          data-testid="redecode-encoding"
          value={chosen}
          disabled={working}
          onChange={(e) => setChosen(e.target.value)}
          onDoubleClick={() => !working && void run(false)}
        >
          {groups.map((g) => (
            <optgroup key={g.group} label={g.group}>
              {g.items.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.label}
                  {same(o.name, article.encoding) ? ' — current' : ''}
                  {article.encodingRunnerUp && same(o.name, article.encodingRunnerUp) && !same(o.name, article.encoding) ? ' — next best guess' : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <p className="muted redecode-note">
        {chosenOption && same(chosenOption.name, article.encoding)
          ? 'This is the encoding it was read with; choosing it again only records it as checked by hand.'
          : 'If the text comes out the same, only the label changes. If it changes and the article has codings, you will first see how many would be removed; an article without codings is re-decoded at once. A text change cannot be undone with Undo, but re-decoding with the previous encoding brings the text back.'}
      </p>
    </Dialog>
  );
}

/** The new title and the beginning of the new text where it differs, as plain text. */
function Outcome({ result }: { result: RedecodeResult }) {
  return (
    <dl className="details-list redecode-outcome">
      <dt>Title</dt>
      <dd dir="auto" data-testid="redecode-title">
        {result.newTitle}
      </dd>
      <dt>Length</dt>
      <dd>{plural(result.newLength, 'character')}</dd>
      <dt>Text</dt>
      <dd>
        <div className="redecode-sample" dir="auto" data-testid="redecode-sample">
          {result.sample}
        </div>
      </dd>
    </dl>
  );
}
