// Types for buildState.mjs (plain ESM so that `npm start` can run it before anything is built).
export declare const BUILD_SOURCES: readonly string[];
export declare const BUILD_OUTPUTS: readonly string[];
/** Why a build is needed (a sentence for the console), or null when out/ is complete and newer than every source. */
export declare function buildNeeded(root: string): string | null;
