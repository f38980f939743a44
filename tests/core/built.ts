// Tests of the built app (out/: the CLI, the web host, the workers, the preload). Run alone, without a build, they
// skip and say why. Inside `npm test` / `npm run test:core` (which npm names in npm_lifecycle_event), or with
// GLOSS_REQUIRE_BUILD=1, a missing build is a failing test: the suite must never report green with these silently
// skipped.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { test } from 'node:test';

const repoRoot = resolve(__dirname, '..', '..');

/** Whether this run must have the built app: the npm test scripts, or GLOSS_REQUIRE_BUILD=1. */
export function buildRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GLOSS_REQUIRE_BUILD === '1' || env.npm_lifecycle_event === 'test' || env.npm_lifecycle_event === 'test:core';
}

/** The reason to skip, for a `{ skip }` option, when one of `files` is missing (false when all exist). */
export function missingBuildReason(files: readonly string[]): string | false {
  const missing = files.filter((f) => !existsSync(f)).map((f) => relative(repoRoot, f));
  return missing.length === 0 ? false : `${missing.join(', ')} not built (run \`npm run build\`; npm test builds before it tests)`;
}

/**
 * For a test's or suite's `skip` option. When something is missing and the build is required, it also registers a
 * failing test in the calling file, so the run fails and names what is missing instead of skipping quietly.
 */
export function builtOrSkip(...files: string[]): string | false {
  const reason = missingBuildReason(files);
  if (reason && buildRequired()) {
    test(`the built app is present: ${reason}`, () => {
      assert.fail(`${reason}. Inside npm test this is a failure, not a skip.`);
    });
  }
  return reason;
}

/** The same check inside a running test: fails when the build is required, else returns the reason to skip. */
export function skipUnlessBuilt(...files: string[]): string | false {
  const reason = missingBuildReason(files);
  if (reason) assert.ok(!buildRequired(), `${reason}. Inside npm test this is a failure, not a skip.`);
  return reason;
}
