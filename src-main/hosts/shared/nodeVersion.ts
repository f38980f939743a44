// Which Node.js Gloss runs on, checked by every entry point before anything else loads. better-sqlite3 is built for
// Node 24's ABI: on Node 20 (a common system Node) loading it ends the process with "Segmentation fault" and nothing
// else, so each launcher says in one line what is needed and how to get it, and stops.
// Keep this module free of imports: the CLI's and the web host's lean launchers load it before the core.

/** The oldest Node.js major version Gloss runs on (package.json `engines`, the Node Electron embeds). */
export const REQUIRED_NODE_MAJOR = 24;

/**
 * The one line an entry point prints on an older Node, or null when this Node will do. Inside Electron the embedded
 * Node is the one Gloss is built for, whatever it reports.
 */
export function nodeTooOldMessage(versions: NodeJS.ProcessVersions = process.versions): string | null {
  if (versions.electron) return null;
  const major = Number(versions.node.split('.')[0]);
  if (major >= REQUIRED_NODE_MAJOR) return null;
  return (
    `Gloss needs Node.js ${REQUIRED_NODE_MAJOR} or later, or the Electron that npm install brings (this is Node ${versions.node}): ` +
    `install Node ${REQUIRED_NODE_MAJOR} LTS from https://nodejs.org/ or with "nvm install ${REQUIRED_NODE_MAJOR}", then run the command again.`
  );
}

/** Prints the line and exits 1 on an older Node; returns otherwise. */
export function exitIfNodeTooOld(): void {
  const message = nodeTooOldMessage();
  if (message === null) return;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
