import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ParsedRequest } from '../../contract/calls';
import { GlossError } from '../../contract/errors';
import type { AnnotationImportReport } from '../../contract/types';
import { annotationInputsFromPaths, importAnnotations } from '../exchange/annotations/importAnnotations';
import type { AnnotationInput } from '../exchange/annotations/model';
import { workerWriter } from '../import/articleWriter';
import type { Handlers, Session } from '../session';

export function annotationsHandlers(session: Session): Pick<Handlers, 'annotations.importPaths' | 'annotations.importUploads'> {
  return {
    'annotations.importPaths': async ({ paths, ...request }) => {
      session.requireWritable();
      const chosen = paths ?? (await session.host.chooseImportPaths('files'));
      if (!chosen || chosen.length === 0) return null;
      const { inputs, rejected } = annotationInputsFromPaths(chosen, request.format);
      return importAnnotationInputs(session, inputs, request, rejected);
    },
    'annotations.importUploads': async ({ uploads, ...request }) => {
      session.requireWritable();
      if (!session.host.claimUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      const claimed = session.host.claimUploads(uploads);
      try {
        // Uploads carry no place on disk: companion files are looked for among the uploads only.
        const inputs: AnnotationInput[] = [];
        for (const source of claimed.sources) {
          if (source.kind === 'bytes') inputs.push({ name: source.name, bytes: source.bytes });
          else inputs.push({ name: source.kind === 'upload' ? source.name : basename(source.path), bytes: await readFile(source.path) });
        }
        return await importAnnotationInputs(session, inputs, request);
      } finally {
        claimed.release();
      }
    },
  };
}

/** Annotation import as a job: reading and placing on this thread, writing on the import worker (app, web host). */
async function importAnnotationInputs(
  session: Session,
  inputs: AnnotationInput[],
  request: Omit<ParsedRequest<'annotations.importUploads'>, 'uploads'>,
  rejected: { file: string; reason: string }[] = [],
): Promise<AnnotationImportReport> {
  const project = session.requireWritable();
  const writer = session.host.importWriterFile ? workerWriter(session.host.importWriterFile, project.path) : undefined;
  const report = await session.jobs
    .run('import', request.jobId, (signal, onProgress) =>
      importAnnotations(project, inputs, {
        format: request.format,
        unit: request.unit,
        codePrefix: request.codePrefix,
        coder: request.coder ?? session.coder(),
        preview: request.preview,
        signal,
        writer,
        onProgress,
      }),
    )
    .finally(() => writer?.close());
  report.rejected.unshift(...rejected);
  if (request.preview) return report;
  project.codes.invalidate();
  session.announce({ entities: ['articles', 'codes', 'codings'] });
  return report;
}
