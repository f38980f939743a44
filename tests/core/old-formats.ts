// Project files in the formats earlier versions of Gloss wrote, for the tests of the migrations that upgrade them:
// the first migrations run as that version ran them (each with the application id and its user_version, in one
// transaction), the test adds the rows it needs, and today's Gloss opens the file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID } from '../../src-main/core/store/database';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src-main/core/store/migrations';
import { Project } from '../../src-main/core/store/Project';
import { newProjectSchemaObjects, schemaObjects, tempDir } from './helpers';

/** A new database file at `path` after the first `count` migrations, left open for the test's rows. */
export function databaseAfterMigrations(path: string, count: number): Database.Database {
  const db = new Database(path);
  for (const m of migrations.slice(0, count)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db;
}

export const VERSION_ONE_TEXT = 'Old article \u{1F600} with text';

/**
 * The path of a project as the first version of Gloss wrote it (schema 1): article 1 "Old article" (UTF-8, from
 * old.txt) with an emoji, the code Frames, and one coding of the emoji by ana with the memo "memo".
 */
export function versionOneProject(): string {
  const path = join(tempDir(), 'old.gloss');
  const db = databaseAfterMigrations(path, 1);
  db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, had_bom, original_line_endings,
    normalized_to_nfc, text, length) VALUES ('Old article', 'old.txt', '2026-01-01T00:00:00Z', 'h1', 'UTF-8', 0, 'LF', 0, ?, ?)`).run(
    VERSION_ONE_TEXT,
    [...VERSION_ONE_TEXT].length,
  );
  db.prepare("INSERT INTO codes (name, color, created_at) VALUES ('Frames', '#e6194b', 'now')").run();
  db.prepare(`INSERT INTO codings (article_id, code_id, start, "end", text, memo, coder, created_at, updated_at)
    VALUES (1, 1, 12, 13, '\u{1F600}', 'memo', 'ana', 'now', 'now')`).run();
  db.close();
  return path;
}

/**
 * Today's Gloss opening an older project: asserts it was upgraded to the latest version and to exactly the schema a
 * new project gets (closing it if not), and returns it open.
 */
export function openUpgraded(path: string): Project {
  const project = Project.open(path);
  try {
    assert.equal(project.db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
    assert.deepEqual(schemaObjects(project.db), newProjectSchemaObjects(), 'the upgraded schema is not the one a new project gets');
  } catch (e) {
    project.close();
    throw e;
  }
  return project;
}
