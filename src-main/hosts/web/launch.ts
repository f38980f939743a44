// `npm run web` (out/main/web.js): checks the Node version before the web host (and with it better-sqlite3, which
// crashes an older Node with only "Segmentation fault") is loaded from out/main/webMain.js. Keep it free of imports
// that would pull the core into this entry.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitIfNodeTooOld } from '../shared/nodeVersion';

exitIfNodeTooOld();
// A computed specifier: the bundler leaves it alone, so webMain stays a separate entry loaded only here.
void import(pathToFileURL(join(__dirname, 'webMain.js')).href);
