import type { ParsedRequest } from '../../contract/calls';
import { GlossError } from '../../contract/errors';
import type { NewsFormat } from '../../contract/fileTypes';
import type { ImportReport } from '../../contract/types';
import { EVERYTHING } from '../events';
import { workerWriter } from '../import/articleWriter';
import { encodingOptions } from '../import/encodings';
import { importSources, previewSources, type ImportSource } from '../import/importer';
import { redecodeArticle } from '../import/redecode';
import type { Handlers, Session } from '../session';
import { readCoder } from './team';

/** Articles' reads and imports; renaming and deleting are commands (commands/projectCommands.ts). */
export function articlesHandlers(
  session: Session,
): Pick<
  Handlers,
  | 'articles.list'
  | 'articles.get'
  | 'articles.encodings'
  | 'articles.redecode'
  | 'articles.importPaths'
  | 'articles.importFiles'
  | 'articles.importUploads'
  | 'articles.previewUploads'
  | 'articles.discardUploads'
  | 'articles.previewFiles'
  | 'articles.attributes'
> {
  return {
    'articles.list': async ({ attributes, coder: asked, ...req }) => {
      const project = session.requireProject();
      const { coder, filtered } = readCoder(session, asked);
      return { ...project.articles.list({ ...req, coder, conditions: attributes ? project.attributes.filterConditions(attributes) : undefined }), ...filtered };
    },
    'articles.get': async ({ id }) => session.requireProject().articles.get(id),
    'articles.attributes': async ({ articleId }) => ({ articleId, attributes: session.requireProject().attributes.forArticle(articleId) }),
    'articles.encodings': async () => ({ encodings: encodingOptions() }),
    'articles.redecode': async ({ id, encoding, confirm }) => {
      const project = session.requireWritable();
      const result = redecodeArticle(project, id, encoding, confirm);
      // Recorded steps hold rows of the old text (codings at old offsets, the old content hash); replaying them
      // against the new text would fail or corrupt it, so the history starts afresh, as the contract says.
      if (result.applied && result.changed) session.lifecycle.resetHistory();
      if (result.applied) session.announce({ entities: ['articles', 'codings', 'memos', 'history'], articleIds: [id] });
      return result;
    },
    'articles.importPaths': async ({ paths, pick, format, jobId, preview }) => {
      session.requireWritable();
      const chosen = paths ?? (await session.host.chooseImportPaths(pick ?? 'files'));
      if (!chosen || chosen.length === 0) return null;
      return importArticles(
        session,
        chosen.map((path) => ({ kind: 'path', path })),
        { jobId, format, preview },
      );
    },
    'articles.importFiles': async ({ files, jobId, preview }) => {
      session.requireWritable();
      return importArticles(session, bytesSources(files), { jobId, preview });
    },
    'articles.importUploads': async ({ uploads, jobId }) => {
      session.requireWritable();
      if (!session.host.claimUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      const claimed = session.host.claimUploads(uploads);
      try {
        return await importArticles(session, claimed.sources, { jobId });
      } finally {
        claimed.release();
      }
    },
    'articles.previewUploads': async ({ uploads }) => {
      const project = session.requireWritable();
      if (!session.host.peekUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      return previewSources(project, session.host.peekUploads(uploads));
    },
    'articles.discardUploads': async ({ uploads }) => {
      if (!session.host.discardUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      return { discarded: session.host.discardUploads(uploads) };
    },
    'articles.previewFiles': async ({ files }) => previewSources(session.requireWritable(), bytesSources(files)),
  };
}

function bytesSources(files: ParsedRequest<'articles.importFiles'>['files']): ImportSource[] {
  return files.map((f) => ({ kind: 'bytes', name: f.name, bytes: Buffer.from(f.base64, 'base64') }));
}

/** An article import as a job: reading and placing on this thread, writing on the import worker where the host has one. */
async function importArticles(
  session: Session,
  sources: ImportSource[],
  options: { jobId?: string; format?: NewsFormat; preview?: boolean },
): Promise<ImportReport> {
  const { format, preview = false } = options;
  const project = session.requireWritable();
  const writer = session.host.importWriterFile ? workerWriter(session.host.importWriterFile, project.path) : undefined;
  const report = await session.jobs
    .run('import', options.jobId, (signal, onProgress) =>
      importSources(project, sources, {
        signal,
        writer,
        format,
        // Each REFI-QDA file is one undo step ("Import study.qdpx"), announced like any command.
        refi: {
          coder: session.coder(),
          preview,
          record: (label, scope, change, after) => {
            const applied = session.recorder().record(label, scope, change, after);
            session.announce(EVERYTHING);
            return applied;
          },
        },
        onProgress,
      }),
    )
    .finally(() => writer?.close());
  session.emit({ type: 'import.finished', report });
  // An import may add articles, attributes, codes, codings and memos (a Gloss JSON file) and a history step.
  if (!preview) session.announce({ entities: ['articles', 'attributes', 'codes', 'codings', 'memos', 'history'] });
  return report;
}
