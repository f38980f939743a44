import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { codePointLength } from '../contract/offsets';
import { importSources } from './import/importer';
import { Project } from './store/Project';

interface SampleCodebook {
  projectName: string;
  codes: { path: string; color: string; description: string }[];
  codings: { article: string; code: string; quote: string; memo?: string }[];
}

/**
 * Builds the sample project from our own texts in resources/sample: articles, a small codebook and a few codings
 * located by quotation (so the sample's offsets are computed, never typed by hand).
 */
export async function buildSampleProject(target: string, sampleDir: string, coder: string): Promise<void> {
  const book = JSON.parse(await readFile(join(sampleDir, 'codebook.json'), 'utf8')) as SampleCodebook;
  await rm(target, { force: true });
  const project = Project.create(target, book.projectName);
  try {
    const articleDir = join(sampleDir, 'articles');
    const files = (await readdir(articleDir)).filter((f) => f.endsWith('.txt')).sort();
    const report = await importSources(
      project,
      files.map((f) => ({ kind: 'path' as const, path: join(articleDir, f) })),
    );
    const idByFile = new Map(report.imported.map((i) => [i.file.split(/[\\/]/).pop()!, i.articleId]));
    for (const c of book.codes) {
      const code = project.codes.ensurePath(c.path);
      project.codes.update(code.id, { color: c.color, description: c.description });
    }
    for (const c of book.codings) {
      const articleId = idByFile.get(c.article);
      if (!articleId) continue;
      const text = project.articles.get(articleId).text;
      const at = text.indexOf(c.quote);
      if (at < 0) continue;
      const start = codePointLength(text.slice(0, at));
      project.codings.apply({
        articleId,
        codeId: project.codes.ensurePath(c.code).id,
        start,
        end: start + codePointLength(c.quote),
        memo: c.memo,
        coder,
      });
    }
  } finally {
    project.close();
  }
}
