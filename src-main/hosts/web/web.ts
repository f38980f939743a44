// `npm run web` (out/main/webMain.js, loaded by launch.ts once the Node version is checked): the loopback web host.
// Prints the URL (with its per-launch token) to open in a browser, once.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { assertSqliteIsSafe } from '../../core/app';
import { startWebHost } from './server';

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (const [i, a] of args.entries()) {
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

const USAGE = `Usage: node out/main/web.js [--data DIR] [--port N] [--project FILE] [--machine-readable]

Serves Gloss to a browser on this machine only (127.0.0.1) and prints the address to open, with its per-launch
token. Ctrl+C stops it.

  --data DIR        where projects, settings and the recent list are kept (default ~/.gloss-web, or $GLOSS_WEB_DATA)
  --port N          the port to listen on (default: a free one, or $GLOSS_WEB_PORT)
  --project FILE    a project outside the data folder that the browser may open (opened at start)
  --machine-readable
                    for scripts: print the address alone on standard output, as one line of GLOSS_WEB_URL, an
                    equals sign and the address (also with GLOSS_WEB_MACHINE_READABLE=1); notes go to standard error
  -h, --help        print this and exit
`;

/** The first argument that is not one of the options above (or the value after one), if any. */
function unknownOption(args: string[]): string | undefined {
  const withValue = ['--data', '--port', '--project'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (withValue.includes(a)) i++;
    else if (a === '--machine-readable') continue;
    else if (!withValue.some((o) => a.startsWith(`${o}=`))) return a;
  }
  return undefined;
}

async function main(): Promise<void> {
  // Asking for help starts nothing.
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const unknown = unknownOption(process.argv.slice(2));
  if (unknown) {
    process.stderr.write(`gloss web: unknown option ${unknown}\n\n${USAGE}`);
    process.exit(2);
  }
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
  // The address once: for a person by default; for a script (tests, the bench) as one GLOSS_WEB_URL= line on stdout,
  // with the notes on stderr. The folder named is where projects are, not the data folder holding it.
  const notes = `Projects are kept in ${host.projectsDir}. Press Ctrl+C to stop.\n`;
  if (process.argv.includes('--machine-readable') || process.env.GLOSS_WEB_MACHINE_READABLE === '1') {
    process.stdout.write(`GLOSS_WEB_URL=${host.launchUrl}\n`);
    process.stderr.write(notes);
  } else {
    process.stdout.write(`Gloss is running at ${host.launchUrl} (open it in your browser).\n${notes}`);
  }
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
