// Worker-thread entry (built as out/main/importWriter.js): stores batches sent by the importer on its own connection.
// It opens the database directly rather than through Project: the project's one-writer lock belongs to the host
// process that started this worker.
import { parentPort, workerData } from 'node:worker_threads';
import { openProjectDatabase } from '../store/database';
import { ArticleStore } from '../store/ArticleStore';
import { writeBatch, type ReadyArticle } from './articleWriter';

const db = openProjectDatabase((workerData as { projectPath: string }).projectPath);
const articles = new ArticleStore(db);

parentPort!.on('message', (msg: { id: number; batch: ReadyArticle[] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, outcomes: writeBatch(db, articles, msg.batch) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message });
  }
});

process.on('exit', () => db.close());
