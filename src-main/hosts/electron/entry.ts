// Electron's main entry (package.json "main", out/main/index.js): refuses plain Node older than Gloss needs in one
// line, then loads the main process (out/main/electronMain.js). Inside Electron the check always passes. The load is
// synchronous so that the main process registers its protocol before Electron is ready.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { exitIfNodeTooOld } from '../shared/nodeVersion';

exitIfNodeTooOld();
createRequire(__filename)(join(__dirname, 'electronMain.js'));
