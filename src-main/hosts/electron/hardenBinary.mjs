#!/usr/bin/env node
// `npm run harden -- <path to the packaged Electron binary or .app>`: the packaging step's last action. Electron's
// fuses are flags compiled into the binary; flipping them off closes ways to run the shipped binary as plain Node
// (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect), which Electron's security checklist asks packaged apps to do.
// Only fuses that are safe whatever the packager are set; asar-only loading is left to a packager that uses asar.
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

const target = process.argv[2];
if (!target) {
  console.error('usage: npm run harden -- <path to the packaged Electron binary or .app>');
  process.exit(2);
}
try {
  await flipFuses(target, {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
  });
  console.error(`Hardened ${target}: RunAsNode, NODE_OPTIONS and --inspect are off; cookie encryption is on.`);
} catch (err) {
  console.error(`gloss harden: ${err.message}`);
  process.exit(2);
}
