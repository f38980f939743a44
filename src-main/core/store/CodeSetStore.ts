import type { Database, Statement } from 'better-sqlite3';
import { cleanText } from '../../contract/text';
import { GlossError } from '../../contract/errors';
import type { CodeSet } from '../../contract/types';

/** The longest set name: a label in a filter menu, like a code name. */
export const MAX_CODE_SET_NAME = 200;

interface CodeSetRow {
  id: number;
  guid: string;
  name: string;
  description: string;
}

/**
 * Code sets (named groups of codes across the tree) and their members. A set only groups: removing a set leaves its
 * codes; deleting a code drops it from every set (the foreign key cascades).
 */
export class CodeSetStore {
  private readonly listStmt: Statement;
  private readonly rowStmt: Statement;
  private readonly membersStmt: Statement;
  private readonly membersOfStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly clearMembersStmt: Statement;
  private readonly addMemberStmt: Statement;
  private readonly memberIdsStmt: Statement;
  private readonly byGuidStmt: Statement;
  private readonly byNameStmt: Statement;
  private readonly codeExistsStmt: Statement;

  constructor(private readonly db: Database) {
    this.listStmt = db.prepare('SELECT id, guid, name, description FROM code_sets ORDER BY name COLLATE NOCASE, id');
    this.rowStmt = db.prepare('SELECT id, guid, name, description FROM code_sets WHERE id = ?');
    this.membersStmt = db.prepare('SELECT set_id AS setId, code_id AS codeId FROM code_set_members ORDER BY code_id');
    this.membersOfStmt = db.prepare('SELECT code_id FROM code_set_members WHERE set_id = ? ORDER BY code_id').pluck();
    this.insertStmt = db.prepare('INSERT INTO code_sets (name, description, created_at, guid) VALUES (?, ?, ?, ?)');
    this.updateStmt = db.prepare('UPDATE code_sets SET name = ?, description = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM code_sets WHERE id = ?');
    this.clearMembersStmt = db.prepare('DELETE FROM code_set_members WHERE set_id = ?');
    this.addMemberStmt = db.prepare('INSERT OR IGNORE INTO code_set_members (set_id, code_id) VALUES (?, ?)');
    this.memberIdsStmt = db.prepare('SELECT id FROM code_set_members WHERE set_id = ?').pluck();
    this.byGuidStmt = db.prepare('SELECT id FROM code_sets WHERE guid = ?').pluck();
    this.byNameStmt = db.prepare('SELECT id FROM code_sets WHERE name = ? COLLATE NOCASE').pluck();
    this.codeExistsStmt = db.prepare('SELECT 1 FROM codes WHERE id = ?').pluck();
  }

  list(): CodeSet[] {
    const members = new Map<number, number[]>();
    for (const m of this.membersStmt.all() as { setId: number; codeId: number }[]) {
      const list = members.get(m.setId) ?? [];
      list.push(m.codeId);
      members.set(m.setId, list);
    }
    return (this.listStmt.all() as CodeSetRow[]).map((row) => ({ ...row, codeIds: members.get(row.id) ?? [] }));
  }

  get(id: number): CodeSet {
    const row = this.rowStmt.get(id) as CodeSetRow | undefined;
    if (!row) throw new GlossError('not_found', `There is no code set ${id} in this project.`);
    return { ...row, codeIds: this.membersOfStmt.all(id) as number[] };
  }

  findByGuid(guid: string): number | undefined {
    return this.byGuidStmt.get(guid) as number | undefined;
  }

  findByName(name: string): number | undefined {
    return this.byNameStmt.get(name.trim()) as number | undefined;
  }

  /** The membership rows of a set (for the undo history). */
  memberRowIds(id: number): number[] {
    return this.memberIdsStmt.all(id) as number[];
  }

  create(input: { name: string; description?: string; codeIds?: number[]; guid?: string }): CodeSet {
    const name = this.checkedName(input.name);
    this.checkCodes(input.codeIds ?? []);
    const id = Number(this.insertStmt.run(name, cleanText(input.description ?? ''), new Date().toISOString(), input.guid ?? null).lastInsertRowid);
    for (const codeId of input.codeIds ?? []) this.addMemberStmt.run(id, codeId);
    return this.get(id);
  }

  update(id: number, changes: { name?: string; description?: string; codeIds?: number[] }): CodeSet {
    const current = this.get(id);
    const name = changes.name === undefined ? current.name : this.checkedName(changes.name, id);
    this.updateStmt.run(name, changes.description === undefined ? current.description : cleanText(changes.description), id);
    if (changes.codeIds) {
      this.checkCodes(changes.codeIds);
      this.clearMembersStmt.run(id);
      for (const codeId of changes.codeIds) this.addMemberStmt.run(id, codeId);
    }
    return this.get(id);
  }

  addMembers(id: number, codeIds: number[]): void {
    this.checkCodes(codeIds);
    for (const codeId of codeIds) this.addMemberStmt.run(id, codeId);
  }

  remove(id: number): boolean {
    this.get(id);
    return this.deleteStmt.run(id).changes > 0;
  }

  private checkedName(raw: string, self?: number): string {
    const name = cleanText(raw).trim();
    if (!name) throw new GlossError('invalid_request', 'A code set needs a name.');
    if ([...name].length > MAX_CODE_SET_NAME) throw new GlossError('invalid_request', `A code set name may have at most ${MAX_CODE_SET_NAME} characters.`);
    const other = this.findByName(name);
    if (other !== undefined && other !== self) throw new GlossError('conflict', `There is already a code set named "${name}".`);
    return name;
  }

  private checkCodes(codeIds: number[]): void {
    for (const codeId of codeIds) {
      if (!this.codeExistsStmt.get(codeId)) throw new GlossError('not_found', `There is no code ${codeId} in this project.`);
    }
  }
}
