// What merging a teammate's work (another .gloss project, a Gloss JSON export or a REFI-QDA .qdpx) into the open
// project previews and reports (README, "Merging a teammate's work"). Pure types: both sides import them.

/** How one conflicting code is settled: keep the project's code, take the teammate's, or keep both ("Name (2)"). */
export type MergeDecision = 'ours' | 'theirs' | 'both';
export type MergeSourceKind = 'gloss' | 'json' | 'qdpx';

export interface MergeCodeLook {
  path: string;
  color: string;
  description: string;
}

export interface MergeCodeConflict {
  /** The teammate's path of the code: the key a decision names (`decisions: {"Frames/Aid": "theirs"}`). */
  path: string;
  /** `look`: same path, different colour or description; `path`: same GUID, different path. */
  kind: 'look' | 'path';
  ours: MergeCodeLook & { id: number };
  theirs: MergeCodeLook;
  decision: MergeDecision;
  /** What the decision does, in words ("kept ours: their codings go to Frames/Aid"). */
  outcome: string;
}

export interface MergeUnfitCoding {
  article: string;
  code: string;
  start: number;
  end: number;
  coder: string;
  reason: string;
}

export interface MergeCoderCounts {
  coder: string;
  /** Codings that will be (or were) added. */
  add: number;
  /** Exact duplicates (same article, code, start, end and coder) skipped. */
  duplicates: number;
  /** Same article, code and span as a coding by another coder, where the project keeps one coding per span and code. */
  sameSpanOtherCoder: number;
}

export interface MergePreview {
  source: { kind: MergeSourceKind; name: string };
  /** Electron: the file chosen in the open dialog, to pass to project.merge. */
  path?: string;
  articles: { new: { title: string; codings: number }[]; matched: { title: string; targetId: number; targetTitle: string; codings: number }[] };
  codes: {
    new: { path: string; color: string }[];
    matched: { path: string; targetId: number; by: 'guid' | 'path' }[];
    conflicts: MergeCodeConflict[];
  };
  codings: { add: number; duplicates: number; sameSpanOtherCoder: number; byCoder: MergeCoderCounts[]; unfit: MergeUnfitCoding[] };
  memos: { add: number; keptOurs: number };
  attributes: { define: string[]; values: number; keptOurs: number };
  coders: { new: string[]; known: string[] };
  notes: string[];
}

export interface MergeReport {
  source: { kind: MergeSourceKind; name: string };
  added: { articles: number; codes: number; codings: number; memos: number; coders: number; attributeValues: number };
  matched: { articles: number; codes: number; coders: number };
  skipped: { duplicates: number; sameSpanOtherCoder: number; unfit: number; memosKeptOurs: number; attributeValuesKeptOurs: number };
  conflicts: MergeCodeConflict[];
  byCoder: MergeCoderCounts[];
  unfit: MergeUnfitCoding[];
  notes: string[];
}
