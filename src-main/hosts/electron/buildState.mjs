// Whether `npm start` must build before it opens the app: when the build is missing or incomplete, or when any source
// file is newer than it. Building only when out/main/index.js was missing ran a stale app after the sources changed
// (issue 14). Plain ESM without dependencies: launch.mjs runs it before anything is built.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build is made from, relative to the package root (folders are walked; dot-folders and node_modules are not). */
export const BUILD_SOURCES = ['src-main', 'src-preload', 'src-renderer', 'electron.vite.config.ts', 'package.json'];
/** Files every build writes; the oldest of them is when the build was made. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/main/electronMain.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** The newest modification time (ms) of a file or of any file under a folder; 0 when there is none. */
function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/**
 * Why a build is needed (a sentence for the console), or null when out/ is complete and newer than every source.
 * @param {string} root the package root
 * @returns {string | null}
 */
export function buildNeeded(root) {
  let builtAt = Infinity;
  for (const output of BUILD_OUTPUTS) {
    let info;
    try {
      info = statSync(join(root, output));
    } catch {
      return `${output} is missing`;
    }
    builtAt = Math.min(builtAt, info.mtimeMs);
  }
  for (const source of BUILD_SOURCES) {
    if (newestMtime(join(root, source)) > builtAt) return `${source} changed since the last build`;
  }
  return null;
}
