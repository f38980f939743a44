import type { Database } from 'better-sqlite3';

// Keeps, for an article whose encoding was a close call, the encoding that came second (the best other reading of
// its bytes), so the analyst can be offered exactly that one first. NULL when there was none, for articles imported
// before this was recorded, and once the analyst has chosen an encoding by hand.
export const migration008 = {
  version: 8,
  name: 'encoding runner-up',
  up(db: Database): void {
    db.exec('ALTER TABLE articles ADD COLUMN encoding_runner_up TEXT;');
  },
};
