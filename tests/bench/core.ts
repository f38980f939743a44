import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codePointLength } from '../../src-main/contract/offsets';
import { importSources } from '../../src-main/core/import/importer';
import { workerWriter } from '../../src-main/core/import/articleWriter';

const IMPORT_WRITER = join(__dirname, '..', '..', 'out', 'main', 'importWriter.js');
import { exportCsv } from '../../src-main/core/export/csv';
import { retrievePassages } from '../../src-main/core/analysis/retrieve';
import { Project } from '../../src-main/core/store/Project';
import { migrations } from '../../src-main/core/store/migrations';
import { article, rng } from './data';
import { median, timeMs, type Figure } from './measure';
import { at } from '../../src-main/contract/must';

export interface CoreSizes {
  articles: number;
  articleChars: number;
  codingsPerArticle: number;
  runs: number;
}

export function writeArticles(dir: string, sizes: CoreSizes): string[] {
  mkdirSync(dir, { recursive: true });
  const r = rng(42);
  const texts: string[] = [];
  for (let i = 0; i < sizes.articles; i++) {
    const text = article(r, i, sizes.articleChars);
    texts.push(text);
    writeFileSync(join(dir, `article-${String(i).padStart(5, '0')}.txt`), text);
  }
  return texts;
}

/** import.docs_per_s: the real importer vs bare inserts of the same in-memory texts into the same schema. */
export async function benchImport(work: string, sizes: CoreSizes, texts: string[], sourceDir: string): Promise<Figure> {
  let n = 0;
  const value = await median(sizes.runs, async () => {
    const file = join(work, `import-${n++}.gloss`);
    const project = Project.create(file);
    // As the app does it: read and decode here, store on the import-writer worker thread.
    const writer = workerWriter(IMPORT_WRITER, file);
    const ms = await timeMs(() => importSources(project, [{ kind: 'path', path: sourceDir }], { writer }));
    await writer.close();
    const imported = project.articles.count();
    project.close();
    if (imported !== sizes.articles) throw new Error(`import bench imported ${imported} of ${sizes.articles}`);
    return (sizes.articles / ms) * 1000;
  });
  const bound = await median(sizes.runs, async () => {
    const file = join(work, `bare-${n++}.db`);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // The same tables, triggers and FTS5 index as a real project (every migration), so the bound pays the same
    // indexing cost; it skips only what the importer adds (reading, decoding, hashing, keeping the original bytes).
    for (const m of migrations) m.up(db);
    const insert = db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, text, length)
      VALUES (?, ?, ?, ?, 'UTF-8', ?, ?)`);
    const ms = await timeMs(() =>
      db.transaction(() => {
        texts.forEach((t, i) => insert.run(`Report ${i}`, `article-${i}.txt`, '2026-01-01T00:00:00Z', `h${i}`, t, t.length));
      })(),
    );
    db.close();
    return (sizes.articles / ms) * 1000;
  });
  return { metric: 'import.docs_per_s', value, unit: 'docs/s', bound, ratio: value / bound, note: 'ratio ≥ 0.8 (issue 16)' };
}

/** Builds a project with `codingsPerArticle` codings (some overlapping) on every article, for export and retrieval. */
export async function buildCodedProject(file: string, sourceDir: string, sizes: CoreSizes): Promise<Project> {
  rmSync(file, { force: true });
  const project = Project.create(file);
  await importSources(project, [{ kind: 'path', path: sourceDir }]);
  const codes = ['Frames/Humanitarian', 'Frames/Security', 'Frames/Diplomatic', 'Actors/United States', 'Actors/Civilians', 'Demands'].map(
    (p) => project.codes.ensurePath(p).id,
  );
  const r = rng(7);
  const ids = project.db.prepare('SELECT id, length FROM articles ORDER BY id').all() as { id: number; length: number }[];
  project.db.transaction(() => {
    for (const a of ids) {
      for (let k = 0; k < sizes.codingsPerArticle; k++) {
        const start = Math.floor(r() * (a.length - 200));
        const end = start + 20 + Math.floor(r() * 150);
        try {
          project.codings.apply({ articleId: a.id, codeId: at(codes, k % codes.length), start, end, coder: 'bench' });
        } catch {
          // a rare identical span: skip
        }
      }
    }
  })();
  return project;
}

/** export.csv_100k_s: the real exporter vs one plain query and a minimal correct RFC 4180 writer. */
export async function benchExport(work: string, project: Project, sizes: CoreSizes): Promise<Figure> {
  const codings = project.codings.count();
  let n = 0;
  const value = await median(sizes.runs, async () => (await timeMs(() => exportCsv(project, join(work, `export-${n++}.csv`)))) / 1000);
  const bound = await median(sizes.runs, async () => {
    const ms = await timeMs(() => {
      const fd = openSync(join(work, `bare-export-${n++}.csv`), 'w');
      const quote = (v: unknown) => {
        const s = String(v ?? '');
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      let buf = '\ufeffcoding_id,article_id,article_title,source_file,code,code_path,start,end,text,memo,coder,created_at,updated_at\r\n';
      const rows = project.db
        .prepare(
          `SELECT k.id, k.article_id, a.title, a.source_file, c.name, c.name AS path, k.start, k."end", k.text, k.memo, k.coder, k.created_at, k.updated_at
           FROM codings k JOIN articles a ON a.id = k.article_id JOIN codes c ON c.id = k.code_id ORDER BY k.article_id, k.start`,
        )
        .raw()
        .iterate() as IterableIterator<unknown[]>;
      for (const row of rows) {
        buf += `${row.map(quote).join(',')}\r\n`;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      writeSync(fd, buf);
      closeSync(fd);
    });
    return ms / 1000;
  });
  return {
    metric: 'export.csv_100k_s',
    value,
    unit: 's',
    bound,
    ratio: value / bound,
    note: `≤ 1.2× bound (issue 16; ${codings} codings)`,
  };
}

export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
void codePointLength;

/** retrieve.code_ms: the first page of every passage of one code (with article titles and context), as the view asks. */
export async function benchRetrieve(project: Project, sizes: CoreSizes): Promise<Figure> {
  const code = project.codes.ensurePath('Frames/Humanitarian');
  let items = 0;
  const value = await median(Math.max(sizes.runs, 5), () =>
    timeMs(() => {
      const page = retrievePassages(project, { codeIds: [code.id], includeSubcodes: true }, { offset: 0, limit: 200 });
      items = page.total;
    }),
  );
  return { metric: 'retrieve.code_ms', value, unit: 'ms', bound: null, ratio: null, note: `≤ 100 (first page of ${items} passages)` };
}

/** startup.cli_ms: `gloss --version` (the built CLI) against bare `node -e 0`, both spawned the same way. */
export async function benchCliStartup(runs: number): Promise<Figure> {
  const { spawnSync } = await import('node:child_process');
  const cli = join(__dirname, '..', '..', 'out', 'main', 'cli.js');
  const spawnMs = (args: string[]) =>
    timeMs(() => {
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    });
  // Interleaved pairs, so both see the same machine load; the medians are taken per side.
  const cliRuns: number[] = [];
  const nodeRuns: number[] = [];
  for (let i = 0; i < Math.max(runs, 5); i++) {
    cliRuns.push(await spawnMs([cli, '--version']));
    nodeRuns.push(await spawnMs(['-e', '0']));
  }
  const value = await median(cliRuns.length, () => cliRuns.shift()!);
  const bound = await median(nodeRuns.length, () => nodeRuns.shift()!);
  return { metric: 'startup.cli_ms', value, unit: 'ms', bound, ratio: value / bound, note: 'ratio ≤ 2 (gloss --version vs node -e 0)' };
}
