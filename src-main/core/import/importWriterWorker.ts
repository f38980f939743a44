// Worker-thread entry (built as out/main/importWriter.js): stores batches sent by the importer on its own connection,
// and imports Gloss JSON files whole (parse, check, apply), so neither a large batch nor a large or hostile export
// holds up the host's thread. It attaches to the project rather than opening it: the one-writer lock belongs to the
// host process that started this worker.
import { parentPort, workerData } from 'node:worker_threads';
import { Project } from '../store/Project';
import { writeBatch, type ImportWorkerReply, type ImportWorkerRequest } from './articleWriter';
import { importGlossJson } from './glossJson';
import { parseRefiSafely } from '../refi/parseRefi';
import { writeAnnotationBatch } from '../exchange/annotations/writeBatch';

const project = Project.attach((workerData as { projectPath: string }).projectPath);

parentPort!.on('message', (msg: ImportWorkerRequest) => {
  try {
    const reply: ImportWorkerReply =
      'batch' in msg
        ? { id: msg.id, outcomes: writeBatch(project.db, project.articles, msg.batch) }
        : 'refi' in msg
          ? { id: msg.id, refi: parseRefiSafely(msg.refi.bytes, msg.refi.file) }
        : 'annotations' in msg
          ? { id: msg.id, annotations: writeAnnotationBatch(project, msg.annotations) }
          : { id: msg.id, glossJson: importGlossJson(project, msg.glossJson.file, msg.glossJson.bytes) };
    parentPort!.postMessage(reply);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message } satisfies ImportWorkerReply);
  }
});

process.on('exit', () => project.db.close());
