import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite looks for src/main etc. by default; Gloss keeps one folder per process at the top level,
// so every entry is named explicitly.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          // Every entry a person starts is a lean launcher that checks the Node version first (issue 14), then loads
          // the real entry: Electron's main process, the CLI, the web host.
          index: resolve(__dirname, 'src-main/hosts/electron/entry.ts'),
          electronMain: resolve(__dirname, 'src-main/hosts/electron/main.ts'),
          // `gloss` (package.json bin): a lean launcher that answers --version without loading the core, then
          // cliMain, the full CLI, loaded by the launcher for every other call (issue 16: start-up ≤ 2× bare node).
          cli: resolve(__dirname, 'src-main/hosts/cli/launch.ts'),
          cliMain: resolve(__dirname, 'src-main/hosts/cli/cli.ts'),
          web: resolve(__dirname, 'src-main/hosts/web/launch.ts'),
          webMain: resolve(__dirname, 'src-main/hosts/web/web.ts'),
          // Worker thread that stores imported articles on its own connection (off the host's thread).
          importWriter: resolve(__dirname, 'src-main/core/import/importWriterWorker.ts'),
          // Worker thread that streams exports on its own connection.
          exportWorker: resolve(__dirname, 'src-main/core/export/exportWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may require only `electron`: everything else is bundled into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
