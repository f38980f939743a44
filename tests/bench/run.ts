// `npm run bench [-- --json] [-- --small]`: generates its own data in a temp folder, runs each measure several times,
// and prints a table (or one JSON object per line). Bounds are the same work done by the simplest possible code in the
// same run, so the ratios hold on a noisy machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCliStartup, benchExport, benchImport, benchRetrieve, buildCodedProject, writeArticles, type CoreSizes } from './core';
import { printTable, type Figure } from './measure';
import { benchAnnotationImport } from './annotations';
import { addReaderArticles, benchBrowser, type BrowserSizes } from './browser';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const small = args.has('--small');
/** Full-size reader measures on a smaller project: for checking the browser part quickly. */
const medium = args.has('--medium');

const browserSizes: BrowserSizes = small && !medium
  ? { longChars: 30_000, longCodings: 300, typicalChars: 20_000, typicalCodings: 200, runs: 1 }
  : { longChars: 300_000, longCodings: 3000, typicalChars: 20_000, typicalCodings: 200, runs: 5 };
const skipBrowser = args.has('--no-browser');
/** Also measure the peers (recogito text-annotator, react-text-annotate-blend, Label Studio) beside the bound. */
const peers = args.has('--peers');

const sizes: CoreSizes = small || medium
  ? { articles: 200, articleChars: 5000, codingsPerArticle: 10, runs: 1 }
  : { articles: 10_000, articleChars: 5000, codingsPerArticle: 10, runs: 3 };

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'gloss-bench-'));
  const figures: Figure[] = [];
  const emit = (f: Figure) => {
    figures.push(f);
    if (json) process.stdout.write(`${JSON.stringify(f)}\n`);
  };
  try {
    log('CLI start-up…');
    emit(await benchCliStartup(sizes.runs));
    log(`generating ${sizes.articles} articles of ~${sizes.articleChars} characters in ${work}`);
    const sourceDir = join(work, 'articles');
    const texts = writeArticles(sourceDir, sizes);
    log('import…');
    emit(await benchImport(work, sizes, texts, sourceDir));
    log('annotation import…');
    emit(await benchAnnotationImport(work, sizes));
    log('building a coded project…');
    const project = await buildCodedProject(join(work, 'coded.gloss'), sourceDir, sizes);
    log('export…');
    emit(await benchExport(work, project, sizes));
    log('retrieve…');
    emit(await benchRetrieve(project, sizes));
    if (skipBrowser) project.close();
    else {
      log('browser: long and typical articles…');
      const ids = await addReaderArticles(project, work, browserSizes);
      for (const f of await benchBrowser(project.path, join(work, 'web-data'), project, ids, browserSizes, { peers, log })) emit(f);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!json) printTable(figures);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
