// Preloaded into electronegativity's process: the tool fetches translations and Electron's release list with
// `got`; offline, got's retry timer throws after the request settled and kills the run. Answering "offline"
// at once lets the analysis (which needs no network) run to the end.
const Module = require('node:module');
const i18n = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
const gotPath = require.resolve('got', { paths: [i18n] });
const stub = new Module(gotPath);
stub.filename = gotPath;
stub.loaded = true;
stub.exports = () => Promise.reject(new Error('offline'));
require.cache[gotPath] = stub;
