// File ▸ Export ▸ For a Coder…: a new .gloss with the chosen articles and the whole codebook (GUIDs kept, so the
// coder's work merges back by GUID), holding no codings but that coder's own. The app asks where to save it; the web
// host offers it as a download.
import { useState } from 'react';
import { api } from '../../api/api';
import { useCall } from '../../api/query';
import { Dialog } from '../../app/Dialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { downloadFrom } from '../export/download';
import './merge.css';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

const ARTICLE_LIMIT = 5000;

export function ForCoderDialog({ onClose }: { onClose(): void }) {
  const { attempt, notify } = useAppStore();
  const coders = useCall('team.coders', {}, { invalidatedBy: ['codings'] });
  const articles = useCall('articles.list', { limit: ARTICLE_LIMIT, sort: 'title' }, { invalidatedBy: ['articles'] });
  const [coder, setCoder] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);

  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  const run = async () => {
    setBusy(true);
    try {
      const result = await attempt(() => api['export.forCoder']({ coder: coder.trim(), ...(all ? {} : { articleIds: [...chosen] }) }));
      if (!result) return;
      if (result.downloadUrl) downloadFrom(result.downloadUrl);
      notify(`Exported ${plural(result.articles, 'article')} and the codebook for ${coder.trim()} to ${result.path}`);
      onClose();
    } finally {
      setBusy(false);
    }
  };

  const items = articles.data?.items ?? [];
  const ready = coder.trim().length > 0 && (all || chosen.size > 0);
  return (
    <Dialog
      title="Export for a coder"
      onClose={onClose}
      testId="for-coder-dialog"
      className="merge-dialog"
      actions={
        <CancelConfirmActions onCancel={onClose} confirmLabel="Export…" confirmTestId="for-coder-confirm" confirmDisabled={busy || !ready} onConfirm={() => void run()} />
      }
    >
      <p className="merge-hint">
        A new project with the articles you choose and the whole codebook, without anyone else's codings. When the coder has coded it, merge it back with
        Merge teammate's work….
      </p>
      <label>
        Coder{' '}
        <input data-testid="for-coder-name" list="for-coder-names" value={coder} maxLength={200} onChange={(e) => setCoder(e.target.value)} placeholder="name" />
        <datalist id="for-coder-names">
          {(coders.data?.coders ?? []).map((c) => (
            <option key={c.coder} value={c.coder} />
          ))}
        </datalist>
      </label>
      <fieldset>
        <legend>Articles</legend>
        <label>
          <input type="radio" name="for-coder-articles" checked={all} onChange={() => setAll(true)} /> All {articles.data ? plural(articles.data.total, 'article') : 'articles'}
        </label>
        <label>
          <input type="radio" name="for-coder-articles" data-testid="for-coder-some" checked={!all} onChange={() => setAll(false)} /> Only these:
        </label>
        {!all && (
          <div className="merge-article-list" data-testid="for-coder-articles">
            {items.map((a) => (
              <label key={a.id}>
                <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} /> {a.title}
              </label>
            ))}
            {articles.data && articles.data.total > items.length && <p className="merge-hint">The first {items.length} articles by title are listed.</p>}
          </div>
        )}
      </fieldset>
    </Dialog>
  );
}
