// `npm run web`: the loopback web host. Prints the URL (with its per-launch token) to open in a browser.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { assertSqliteIsSafe } from '../../core/store/database';
import { startWebHost } from './server';

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

async function main(): Promise<void> {
  // Refuse to start on an SQLite with the WAL-reset bug (one line on stderr and exit 2, below).
  assertSqliteIsSafe();
  const dataDir = arg('data') ?? process.env.GLOSS_WEB_DATA ?? join(homedir(), '.gloss-web');
  const project = arg('project');
  const host = await startWebHost({
    project,
    port: Number(arg('port') ?? process.env.GLOSS_WEB_PORT ?? 0),
    dataDir,
    importWriterFile: join(__dirname, 'importWriter.js'),
    exportWorkerFile: join(__dirname, 'exportWorker.js'),
  });
  if (project) await host.session.handlers['project.open']({ path: project });
  // Machine-readable first line for scripts and tests; the human line after it.
  process.stdout.write(`GLOSS_WEB_URL=${host.launchUrl}\n`);
  process.stderr.write(`Gloss is running at ${host.launchUrl}\nProjects are kept in ${dataDir}. Press Ctrl+C to stop.\n`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`gloss web: ${(err as Error).message}\n`);
  process.exit(2);
});
