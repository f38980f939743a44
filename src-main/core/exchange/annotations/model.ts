// What every annotation reader produces and every writer consumes, whatever the format: documents (an article's text
// as the file carries it, or how to find the article in the project) with foreign spans in the producer's own unit.
import type { ForeignUnit } from '../../text/offsetMap';

export type { AnnotationExportFormat, AnnotationFormat } from '../../../contract/fileTypes';

/** One span as the file gives it: positions in the producer's unit on the text as the producer saw it. */
export interface ForeignAnnotation {
  /** Missing when the file locates the span only by its quote (a W3C TextQuoteSelector alone). */
  start?: number;
  end?: number;
  label: string;
  /** The text the file says the span covers, when it carries one. */
  quote?: string;
  /** Text just before and after the quote (W3C prefix/suffix), to re-anchor it. */
  prefix?: string;
  suffix?: string;
  memo?: string;
  coder?: string;
  /** Where in the file, for the report ("data.jsonl line 3", "a.ann T4"). */
  where: string;
}

/** How a document without text names its article. */
export interface ArticleReference {
  id?: number;
  /** A file name (matched against the base name of each article's source file). */
  fileName?: string;
  title?: string;
  /** What the report calls it. */
  label: string;
}

export interface ForeignDocument {
  /** What the report calls it. */
  name: string;
  /** The article's text exactly as the file carries it (BOM removed and flagged, line endings and composition kept). */
  text?: { original: string; hadBom: boolean; title?: string; sourceFile: string; encoding: string; bytes?: Uint8Array };
  /** When there is no text: which project article the spans belong to. */
  article?: ArticleReference;
  annotations: ForeignAnnotation[];
  /** The unit (and line-break count) the format documents; tried first with --unit auto. */
  documentedUnit: ForeignUnit;
  documentedCrlf: 'one' | 'two';
  /**
   * Set when the file says its positions are Gloss's own: code points on the stored text (LF, NFC), as Gloss's
   * exports declare ("gloss:offsetUnit" in W3C, "gloss_offset_unit" in doccano). With --unit auto nothing is guessed.
   */
  glossOffsets?: boolean;
}

export interface ReadOutcome {
  documents: ForeignDocument[];
  /** Things the format holds that Gloss does not import (brat relations, Label Studio choices …), counted by kind. */
  notImported: Record<string, number>;
  /** Whole files or entries that could not be read. */
  rejected: { file: string; reason: string }[];
  /** Single annotations that could not be read (the rest of the file still imports). */
  unreadable: { where: string; reason: string }[];
}

/** A file to read: its name, its bytes, and where it lives on disk when it does (to find companion files). */
export interface AnnotationInput {
  name: string;
  bytes: Uint8Array;
  path?: string;
}

/** Finds a companion file (brat's .txt, SemEval's article<ID>.txt) among the inputs or next to them on disk. */
export type CompanionLookup = (fromInput: AnnotationInput, fileName: string) => AnnotationInput | undefined;

export function emptyOutcome(): ReadOutcome {
  return { documents: [], notImported: {}, rejected: [], unreadable: [] };
}

export function countNotImported(outcome: ReadOutcome, kind: string, n = 1): void {
  outcome.notImported[kind] = (outcome.notImported[kind] ?? 0) + n;
}

/** One coding to export: stored code points, the stored text, and what goes with it. */
export interface ExportCoding {
  start: number;
  end: number;
  text: string;
  codePath: string;
  memo: string;
  coder: string;
  createdAt: string;
  updatedAt: string;
}

export interface ExportArticle {
  id: number;
  title: string;
  sourceFile: string;
  text: string;
  codings: ExportCoding[];
}
