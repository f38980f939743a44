import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatNumber, plural } from '../../../app/format';
import { useAppStore } from '../../../app/store';
import type { NewsExportReport } from '../../../../src-main/contract/types';
import type { FinishedImport } from './ImportProvider';
import type { RefiReport } from '../../../../src-main/contract/types';

/** Long reports show this many lines per list; "Copy report" has everything. */
const SHOWN_PER_LIST = 300;

export function ImportReport({ report, onClose }: { report: FinishedImport; onClose(): void }) {
  const { selectArticle, notify } = useAppStore();
  const { imported, skipped, rejected } = report;

  const ref = useRef<HTMLElement>(null);
  // Esc dismisses the report when nothing else claims it: not while a dialog is open or another field has focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('[aria-modal="true"]')) return;
      const focus = document.activeElement;
      if (focus === document.body || focus === null || ref.current?.contains(focus)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Once the analyst works elsewhere (opens an article, starts selecting), the report shrinks to its summary in a
  // corner instead of covering the reader; "Show" brings the lists back.
  const [collapsed, setCollapsed] = useState(false);
  useEffect(() => {
    if (collapsed) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current?.contains(e.target as Node) || document.querySelector('[aria-modal="true"]')) return;
      setCollapsed(true);
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [collapsed]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reportAsText(report));
      notify('The import report was copied to the clipboard.');
    } catch {
      notify('The clipboard is not available here.', 'error');
    }
  }; // never rejects: a click need not await it

  const headline = report.cancelled ? 'Import cancelled' : 'Import finished';
  return (
    <section
      ref={ref}
      className={collapsed ? 'import-card import-report collapsed' : 'import-card import-report'}
      data-testid="import-report"
      data-collapsed={collapsed || undefined}
      role="region"
      aria-label={headline}
    >
      <div className="import-card-head">
        <strong>{headline}</strong>
        <div className="import-report-buttons">
          {collapsed && (
            <button type="button" onClick={() => setCollapsed(false)} data-testid="import-report-expand">
              Show
            </button>
          )}
          {!collapsed && (
            <button type="button" onClick={() => void copy()} data-testid="import-report-copy">
              Copy report
            </button>
          )}
          <button type="button" onClick={onClose} data-testid="import-report-close">
            Close
          </button>
        </div>
      </div>
      <p className="import-summary" data-testid="import-summary">
        <span data-testid="import-count-imported">{plural(imported.length, 'article')} imported</span>
        {' · '}
        <span data-testid="import-count-skipped">{plural(skipped.length, 'file')} skipped</span>
        {' · '}
        <span data-testid="import-count-rejected">{plural(rejected.length, 'file')} rejected</span>
        {report.notProcessed > 0 && (
          <>
            {' · '}
            <span data-testid="import-count-not-processed">{plural(report.notProcessed, 'file')} not processed</span>
          </>
        )}
      </p>
      <div className="import-lists" hidden={collapsed}>
        {(report.newsExports ?? []).map((e) => (
          <NewsExport key={e.file} report={e} onOpen={selectArticle} />
        ))}
        <ReportList title="Imported" testId="import-list-imported" items={imported} open={imported.length <= 20 && skipped.length + rejected.length === 0}>
          {(f, i) => (
            // One export file yields many articles, so the file alone is not a unique key.
            <li key={`${i}:${f.file}`}>
              <button type="button" className="link" onClick={() => selectArticle(f.articleId)} title={`Open “${f.title}”`}>
                {f.title}
              </button>
              <span className="muted"> — {f.file} ({f.encoding})</span>
              {f.encodingGuessed && (
                <span className="report-guessed" title="Gloss was not sure of this file’s encoding; check the text, and re-decode it from the article’s details if it looks wrong">
                  {' '}
                  encoding guessed
                </span>
              )}
              {f.notes && f.notes.length > 0 && (
                <span className="muted report-notes" data-testid="import-notes">
                  {' '}
                  — {f.notes.join('; ')}
                </span>
              )}
            </li>
          )}
        </ReportList>
        <ReportList title="Skipped (duplicates, and files of types Gloss does not import)" testId="import-list-skipped" items={skipped} open>
          {(f, i) => (
            <li key={`${i}:${f.file}`}>
              <span className="report-file">{f.file}</span>
              <span className="muted"> — {f.reason}</span>
              {f.articleId !== undefined && (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => selectArticle(f.articleId!)}>
                    show
                  </button>
                </>
              )}
            </li>
          )}
        </ReportList>
        {report.refi && <RefiSection refi={report.refi} onOpen={selectArticle} />}
        <ReportList title="Rejected" testId="import-list-rejected" items={rejected} open>
          {(f) => (
            <li key={f.file}>
              <span className="report-file">{f.file}</span>
              <span className="report-reason"> — {f.reason}</span>
            </li>
          )}
        </ReportList>
      </div>
    </section>
  );
}

/** One news-database export: what it was read as, how many articles it held, and each one's fields and notes. */
function NewsExport({ report, onOpen }: { report: NewsExportReport; onOpen(id: number): void }) {
  const [expanded, setExpanded] = useState(report.articles.length <= 20);
  const outlets = [...new Set(report.articles.map((a) => a.fields.outlet).filter((o) => o !== undefined))];
  const from = outlets.length === 0 ? '' : ` from ${outlets.slice(0, 3).join(', ')}${outlets.length > 3 ? ` and ${formatNumber(outlets.length - 3)} more` : ''}`;
  return (
    <details className="report-list news-export" data-testid="import-news-export" open={expanded} onToggle={(e) => setExpanded(e.currentTarget.open)}>
      <summary>
        <span className="report-file">{report.file}</span>
        <span data-testid="import-news-summary">
          {' '}
          — {report.format}: {plural(report.found, 'article')}
          {from}, {formatNumber(report.imported)} imported, {plural(report.duplicates, 'duplicate')}
        </span>
      </summary>
      {expanded && (
        <ul>
          {report.notes.map((n, i) => (
            <li key={`note-${i}`} className="muted">
              {n.position}: {n.message}
            </li>
          ))}
          {report.articles.slice(0, SHOWN_PER_LIST).map((a) => (
            <li key={a.index} data-testid="import-news-article">
              {a.articleId !== undefined ? (
                <button type="button" className="link" onClick={() => onOpen(a.articleId!)}>
                  {a.title}
                </button>
              ) : (
                <span>{a.title}</span>
              )}
              <span className="muted">
                {' '}
                ({a.position}){a.duplicateOf !== undefined ? ` — duplicate of article ${a.duplicateOf}` : ''}
              </span>
              <div className="muted">
                {Object.entries(a.fields)
                  .filter(([k]) => k !== 'database')
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </div>
              {a.notes.length > 0 && <div className="report-reason">{a.notes.join('; ')}</div>}
            </li>
          ))}
          {report.articles.length > SHOWN_PER_LIST && (
            <li className="muted">… and {formatNumber(report.articles.length - SHOWN_PER_LIST)} more (use Copy report for the full list)</li>
          )}
        </ul>
      )}
    </details>
  );
}

function ReportList<T>({ title, testId, items, open, children }: { title: string; testId: string; items: T[]; open: boolean; children(item: T, index: number): ReactNode }) {
  const [expanded, setExpanded] = useState(open);
  if (items.length === 0) return null;
  return (
    <details className="report-list" data-testid={testId} open={expanded} onToggle={(e) => setExpanded(e.currentTarget.open)}>
      <summary>
        {title} <span className="muted">({formatNumber(items.length)})</span>
      </summary>
      {expanded && (
        <ul>
          {items.slice(0, SHOWN_PER_LIST).map((item, i) => children(item, i))}
          {items.length > SHOWN_PER_LIST && <li className="muted">… and {formatNumber(items.length - SHOWN_PER_LIST)} more (use Copy report for the full list)</li>}
        </ul>
      )}
    </details>
  );
}

/** What came from REFI-QDA files: per source the unit its positions were read in and why, what was not mapped. */
function RefiSection({ refi, onOpen }: { refi: RefiReport; onOpen(articleId: number): void }) {
  const n = refi.notImported;
  return (
    <>
      <p className="muted" data-testid="import-refi-counts">
        REFI-QDA: {plural(refi.codes, 'code')}, {plural(refi.codeSets, 'code set')}, {plural(refi.coders, 'coder')}, {plural(refi.memos, 'memo')}, {plural(refi.attributes, 'attribute value')}.
        Not imported: {plural(n.links, 'link')}, {plural(n.graphs, 'graph')}, {plural(n.codeSets, 'code set')}, {plural(n.nonTextSelections, 'selection')} in pictures, audio, video or PDF regions.
      </p>
      <ReportList title="REFI-QDA sources" testId="import-list-refi" items={refi.sources} open>
        {(s) => (
          <li key={`${s.articleId}-${s.name}`}>
            <button type="button" className="link" onClick={() => onOpen(s.articleId)}>
              {s.name}
            </button>
            <span className="muted">
              {' '}
              — {formatNumber(s.mapped)} selections mapped, {formatNumber(s.unmapped.length)} not; positions read as {s.unit} ({s.why})
            </span>
            {!s.confident && <span className="report-guessed"> low confidence: check a few codings</span>}
            {s.unmapped.length > 0 && (
              <ul>
                {s.unmapped.slice(0, SHOWN_PER_LIST).map((u) => (
                  <li key={u.guid} className="report-reason">
                    {u.guid}: {u.reason}
                  </li>
                ))}
              </ul>
            )}
          </li>
        )}
      </ReportList>
      <ReportList title="REFI-QDA: not imported or worth knowing" testId="import-list-refi-notes" items={[...n.sources.map((s) => `${s.name}: ${s.reason}`), ...n.notes]} open>
        {(line) => <li key={line}>{line}</li>}
      </ReportList>
    </>
  );
}

function refiAsText(refi: RefiReport): string[] {
  const n = refi.notImported;
  return [
    '',
    `REFI-QDA: ${refi.codes} codes, ${refi.codeSets} code sets, ${refi.coders} coders, ${refi.memos} memos, ${refi.attributes} attribute values; not imported: ${n.links} links, ${n.graphs} graphs, ${n.codeSets} code sets naming no code of the file, ${n.nonTextSelections} non-text selections`,
    ...refi.sources.flatMap((s) => [
      `  ${s.name}\tarticle ${s.articleId}\t${s.mapped} mapped, ${s.unmapped.length} not\t${s.unit} (${s.why})${s.confident ? '' : ' LOW CONFIDENCE'}`,
      ...s.unmapped.map((u) => `    ${u.guid}\t${u.reason}`),
    ]),
    ...n.sources.map((s) => `  no text: ${s.name}\t${s.reason}`),
    ...n.notes.map((x) => `  ${x}`),
  ];
}

function reportAsText(report: FinishedImport): string {
  const lines = [
    `${report.cancelled ? 'Import cancelled' : 'Import finished'}: ${report.imported.length} imported, ${report.skipped.length} skipped, ${report.rejected.length} rejected${report.notProcessed ? `, ${report.notProcessed} not processed` : ''}`,
    '',
    'Imported:',
    ...report.imported.map((f) => `  ${f.file}\t${f.title}\t${f.encoding}${f.notes?.length ? `\t${f.notes.join('; ')}` : ''}`),
    '',
    'Skipped:',
    ...report.skipped.map((f) => `  ${f.file}\t${f.reason}`),
    '',
    'Rejected:',
    ...report.rejected.map((f) => `  ${f.file}\t${f.reason}`),
    ...(report.newsExports ?? []).flatMap((e) => [
      '',
      `${e.file}: ${e.format}, ${e.found} found, ${e.imported} imported, ${e.duplicates} duplicates`,
      ...e.notes.map((n) => `  ${n.position}: ${n.message}`),
      ...e.articles.map(
        (a) =>
          `  #${a.index}\t${a.position}\t${a.title}\t${Object.entries(a.fields)
            .map(([k, v]) => `${k}=${v}`)
            .join('; ')}${a.duplicateOf !== undefined ? `\tduplicate of ${a.duplicateOf}` : ''}${a.notes.length ? `\t${a.notes.join('; ')}` : ''}`,
      ),
    ]),
    ...(report.refi ? refiAsText(report.refi) : []),
  ];
  return lines.join('\n');
}
