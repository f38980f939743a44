// Merging a teammate's work is one command: one undo step restores the open project exactly. The source is read
// and planned before the transaction (a broken file is refused there, before anything is written); the plan is made
// again inside it, against the project as the transaction finds it, and applied.
import { GlossError } from '../../contract/errors';
import { basename } from 'node:path';
import type { Scope } from '../history';
import { readIncoming, type IncomingProject } from '../team/merge/incoming';
import { applyMerge, changesNothing, marks, planMerge, reportOfPlan, type MergeMarks } from '../team/merge/mergePlan';
import { canonicalPath } from '../store/projectLock';
import { command } from './command';

interface MergeCommandPlan {
  incoming: IncomingProject;
  /** Each table's largest id as the transaction found it: rows above it are the merge's. */
  marks?: MergeMarks;
}

/** The name a file is shown by when its path is not (an upload the web host keeps under a random name). */
export const displayNames = new Map<string, string>();

const above = (db: import('better-sqlite3').Database, table: string, mark: number) => db.prepare(`SELECT id FROM ${table} WHERE id > ?`).pluck().all(mark) as number[];

export const mergeProject = command<'project.merge', MergeCommandPlan>({
  name: 'project.merge',
  label: (_req, plan) => `Merge ${plan.incoming.name}`,
  prepare: ({ project, coder }, request) => {
    if (request.path === undefined) throw new GlossError('invalid_request', 'project.merge: name the teammate\'s file by path (an upload is turned into one by the host).');
    if (canonicalPath(request.path) === canonicalPath(project.path)) throw new GlossError('conflict', 'A project cannot be merged into itself; choose the teammate\'s file.');
    const incoming = readIncoming(request.path, displayNames.get(request.path) ?? basename(request.path), coder);
    const dry = planMerge(project, incoming, request);
    // Nothing to add (the same file merged again): the report says so, and no empty step is left on the undo stack.
    if (changesNothing(dry)) return { skip: reportOfPlan(dry) };
    return { plan: { incoming } };
  },
  scope: ({ project }, _req, plan) => {
    plan.marks = marks(project);
    return { codes: 'all', memos: project.db.prepare('SELECT id FROM memos').pluck().all() as number[] };
  },
  created: ({ project }, _req, _result, plan): Scope => {
    const m = plan.marks!;
    const db = project.db;
    return {
      articles: above(db, 'articles', m.articles),
      codings: above(db, 'codings', m.codings),
      memos: above(db, 'memos', m.memos),
      attributes: above(db, 'attributes', m.attributes),
      attributeValues: above(db, 'article_attribute_values', m.attributeValues),
      ...(m.coders || db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'coders'").get() ? { coders: above(db, 'coders', m.coders) } : {}),
    };
  },
  run: ({ project }, request, plan) => {
    try {
      return applyMerge(project, planMerge(project, plan.incoming, request));
    } finally {
      project.codes.invalidate();
    }
  },
  changes: () => ({ entities: ['articles', 'codes', 'codings', 'memos', 'attributes'] }),
});

export const mergeCommands = {
  'project.merge': mergeProject,
} as const;
