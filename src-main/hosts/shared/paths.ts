import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding Gloss's package.json, found from wherever the code runs (sources, out/, or an asar). */
export function packageRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gloss') return dir;
      } catch {
        // keep looking upward
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find Gloss's package.json above ${from}`);
    dir = parent;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export const sampleDir = (): string => join(packageRoot(), 'resources', 'sample');
export const rendererDir = (): string => join(packageRoot(), 'out', 'renderer');

/** The renderer's Content-Security-Policy, shared by the web host's header and the Electron session. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
