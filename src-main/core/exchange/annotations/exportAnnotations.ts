// Gloss codings out, in the formats NLP tools read: W3C Web Annotation (an AnnotationCollection), doccano JSONL,
// Label Studio JSON (UTF-16 offsets, as Label Studio counts) and brat standoff (a folder of .txt + .ann, code
// points). Each file is written atomically (a temporary file renamed over the target), so an export never leaves
// half a file; a cancel leaves the previous file in place.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossError } from '../../../contract/errors';
import type { ExportResult } from '../../../contract/types';
import { writeFileAtomically } from '../../export/atomicFile';
import { checkCancelled, checkExportTarget, inSnapshot } from '../../export/json';
import type { Project } from '../../store/Project';
import { writeBrat } from './brat';
import { writeDoccano } from './doccano';
import { labelStudioTask } from './labelStudio';
import type { AnnotationExportFormat, ExportArticle, ExportCoding } from './model';
import { webAnnotationCollection, webAnnotationsOf } from './webAnnotation';

export interface AnnotationExportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  snapshot?: boolean;
  /** Only this coder's codings (a blind window's export). */
  coder?: string;
}

/** Every article with its codings (code paths, stored code points), in article order. */
export function* exportArticles(project: Project, coder?: string): Generator<ExportArticle> {
  const byArticle = new Map<number, ExportCoding[]>();
  for (const k of project.codings.iterate(coder)) {
    const list = byArticle.get(k.articleId) ?? [];
    list.push({ start: k.start, end: k.end, text: k.text, codePath: project.codes.pathOf(k.codeId), memo: k.memo, coder: k.coder, createdAt: k.createdAt, updatedAt: k.updatedAt });
    byArticle.set(k.articleId, list);
  }
  for (const a of project.articles.iterate()) {
    yield { id: a.id, title: a.title, sourceFile: a.sourceFile, text: a.text, codings: byArticle.get(a.id) ?? [] };
  }
}

/** A file name for an article's brat pair: its source file's base name, made unique. */
function bratName(a: ExportArticle, used: Set<string>): string {
  const base = (a.sourceFile.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || `article${a.id}`;
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  used.add(name.toLowerCase());
  return name;
}

export async function exportAnnotations(project: Project, format: AnnotationExportFormat, target: string, options: AnnotationExportOptions = {}): Promise<ExportResult> {
  checkExportTarget(project, target);
  return inSnapshot(project, options.snapshot, async () => {
    const total = project.codings.count(options.coder);
    let articles = 0;
    let codings = 0;
    const count = (a: ExportArticle) => {
      articles++;
      codings += a.codings.length;
      options.onProgress?.(codings, total);
    };
    if (format === 'brat') {
      // brat reads a folder of pairs: the target is that folder (created when missing).
      const info = await stat(target).catch(() => null);
      if (info && !info.isDirectory()) throw new GlossError('conflict', `Cannot export brat to ${target}: it is a file; brat standoff is a folder of .txt and .ann files, name a folder.`);
      await mkdir(target, { recursive: true });
      const used = new Set<string>();
      for (const a of exportArticles(project, options.coder)) {
        checkCancelled(options.signal);
        const name = bratName(a, used);
        const { txt, ann } = writeBrat(a);
        await writeFileAtomically(join(target, `${name}.txt`), (out) => out.write(txt));
        await writeFileAtomically(join(target, `${name}.ann`), (out) => out.write(ann));
        count(a);
      }
      return { path: target, articles, codings };
    }
    await writeFileAtomically(target, async (out) => {
      if (format === 'doccano') {
        for (const a of exportArticles(project, options.coder)) {
          checkCancelled(options.signal);
          await out.write(writeDoccano(a));
          count(a);
        }
      } else if (format === 'labelstudio') {
        await out.write('[');
        let first = true;
        for (const a of exportArticles(project, options.coder)) {
          checkCancelled(options.signal);
          await out.write(`${first ? '\n' : ',\n'}${JSON.stringify(labelStudioTask(a))}`);
          first = false;
          count(a);
        }
        await out.write('\n]\n');
      } else {
        const annotations: unknown[] = [];
        for (const a of exportArticles(project, options.coder)) {
          checkCancelled(options.signal);
          if (a.codings.length > 0) annotations.push(...webAnnotationsOf(a));
          count(a);
        }
        await out.write(`${JSON.stringify(webAnnotationCollection(`${project.name}: codings`, annotations), null, 1)}\n`);
      }
      checkCancelled(options.signal);
    });
    return { path: target, articles, codings };
  });
}
