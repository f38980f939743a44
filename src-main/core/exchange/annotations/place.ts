// The shared mapping helper: a document's foreign spans → stored code points, through the importer's own
// normalisation map (TextOffsetMap). The unit is the one given, or with `auto` the one that makes the file's quotes
// agree (word boundaries when it has none), the format's documented unit winning ties. A span whose quote is not at
// its position but is found nearby is re-anchored and reported; one that cannot be placed is reported with its reason.
import { OffsetIndex } from '../../../contract/offsets';
import { candidateForms, chooseForm, describeForm, STANDARD_FORM, TextOffsetMap, type FormChoice, type ForeignForm, type ForeignSpan, type ForeignUnit } from '../../text/offsetMap';
import type { ForeignAnnotation, ForeignDocument } from './model';

export type UnitOption = ForeignUnit | 'auto';

export interface PlacedSpan {
  start: number;
  end: number;
  label: string;
  memo?: string;
  coder?: string;
}

export interface Placement {
  placed: PlacedSpan[];
  unplaced: { where: string; reason: string }[];
  reanchored: { where: string; from: [number, number] | null; to: [number, number] }[];
  /** Spans whose edge fell inside a character, a CRLF or a composed letter and was widened to it. */
  widened: number;
  form: ForeignForm;
  /** How the unit was chosen, for the report. */
  unitReason: string;
  confident: boolean;
}

/** How far from its given position a quote may be found and still count as "nearby" (code points). */
export const REANCHOR_WINDOW = 1000;

export function normaliseQuote(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC');
}

/**
 * Places every span of one document. `maps` are the texts the producer may have counted on: the article as its source
 * file had it (BOM, CRLF, decomposed letters) and, when that differs, the stored text itself (what Gloss's own exports
 * count on); the map and form that agree best with the file are used, the first map winning ties.
 */
export function placeDocument(maps: readonly TextOffsetMap[], doc: ForeignDocument, unit: UnitOption): Placement {
  const positioned = doc.annotations.filter((a) => a.start !== undefined && a.end !== undefined);
  const spans: ForeignSpan[] = positioned.map((a) => ({ start: a.start!, end: a.end!, quote: a.quote }));
  const documented: ForeignForm = { unit: doc.documentedUnit, crlf: doc.documentedCrlf, bomCounted: false };
  let best: { map: TextOffsetMap; choice: FormChoice } | undefined;
  if (doc.glossOffsets && unit === 'auto') {
    const map = maps.at(-1)!;
    best = { map, choice: { form: STANDARD_FORM, score: 0, of: spans.length, by: 'only', confident: true, reason: 'the file says its positions are Gloss code points on the stored text' } };
  } else {
    const units: ForeignUnit[] = unit === 'auto' ? ['codepoint', 'utf16', 'utf8'] : [unit];
    for (const map of maps) {
      const candidates = candidateForms(map, units).sort((a, b) => rank(a, documented) - rank(b, documented));
      const choice = keepDocumented(map, spans, candidates, chooseForm(map, spans, candidates));
      if (!best || choice.score > best.choice.score) best = { map, choice };
    }
  }
  const { map, choice } = best!;
  const form = choice.form;
  const stored = new StoredText(map.stored);
  const out: Placement = { placed: [], unplaced: [], reanchored: [], widened: 0, form, unitReason: choice.reason, confident: choice.confident };

  for (const a of doc.annotations) {
    const place = (start: number, end: number) => out.placed.push({ start, end, label: a.label, memo: a.memo, coder: a.coder });
    let at: { start: number; end: number; widened: boolean } | null = null;
    let failure: string | undefined;
    if (a.start !== undefined && a.end !== undefined) {
      const m = map.toStored(a.start, a.end, form);
      if (m.ok && m.end > m.start) at = m;
      else failure = m.ok ? `the span ${a.start}–${a.end} covers no text` : m.reason;
    } else failure = 'the span has no position';

    if (a.quote === undefined || normaliseQuote(a.quote).trim() === '') {
      if (at) {
        if (at.widened) out.widened++;
        place(at.start, at.end);
      } else out.unplaced.push({ where: a.where, reason: failure! });
      continue;
    }
    const quote = normaliseQuote(a.quote);
    if (at && sameQuote(stored.slice(at.start, at.end), quote)) {
      if (at.widened) out.widened++;
      place(at.start, at.end);
      continue;
    }
    const found = findQuote(stored, quote, a, at?.start);
    if ('start' in found) {
      out.reanchored.push({ where: a.where, from: at ? [at.start, at.end] : null, to: [found.start, found.end] });
      place(found.start, found.end);
      continue;
    }
    const excerpt = quote.length > 40 ? `${quote.slice(0, 40)}…` : quote;
    out.unplaced.push({
      where: a.where,
      reason: at
        ? `the text at ${a.start}–${a.end} (${describeForm(form)}) is not the quoted "${excerpt}", and the quote is not found nearby`
        : `${failure}, and the quoted "${excerpt}" ${found.occurrences === 0 ? 'is not found in the article' : `occurs ${found.occurrences} times with no prefix or suffix telling which`}`,
    });
  }
  return out;
}

/** Quotes agree when equal up to white space (brat writes a line break in a span's text as a space). */
function sameQuote(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

/**
 * Word boundaries are weak evidence: without quotes, a form other than the documented one is taken only when it puts
 * clearly more spans on word edges (at least two more, and a tenth of them), so a few spans that happen to start
 * inside words do not switch a whole file to another unit.
 */
function keepDocumented(map: TextOffsetMap, spans: readonly ForeignSpan[], candidates: ForeignForm[], choice: FormChoice): FormChoice {
  if (choice.by !== 'boundaries' || candidates.length === 0 || sameForm(choice.form, candidates[0]!)) return choice;
  const documentedScore = scoreOf(map, spans, candidates[0]!);
  if (choice.score - documentedScore >= Math.max(2, 0.1 * spans.length)) return choice;
  return { form: candidates[0]!, score: documentedScore, of: spans.length, by: 'boundaries', confident: false, reason: `${documentedScore} of ${spans.length} spans begin and end at word boundaries when positions are read as ${describeForm(candidates[0]!)} (the format's unit; ${describeForm(choice.form)} does not do clearly better)` };
}

function scoreOf(map: TextOffsetMap, spans: readonly ForeignSpan[], form: ForeignForm): number {
  return chooseForm(map, spans, [form, form]).score;
}

const sameForm = (a: ForeignForm, b: ForeignForm) => a.unit === b.unit && a.crlf === b.crlf && a.bomCounted === b.bomCounted;

function rank(f: ForeignForm, documented: ForeignForm): number {
  return (f.unit === documented.unit ? 0 : 4) + (f.crlf === documented.crlf ? 0 : 2) + (f.bomCounted ? 1 : 0);
}

/** The stored text with code-point slicing and UTF-16 → code point conversion. */
class StoredText {
  private readonly index: OffsetIndex;
  constructor(readonly text: string) {
    this.index = new OffsetIndex(text);
  }
  slice(start: number, end: number): string {
    return this.text.slice(this.index.toUtf16(start), this.index.toUtf16(end));
  }
  codePointAt16(i: number): number {
    return this.index.toCodePoint(i);
  }
}

/**
 * Where a quote is in the stored text: among its occurrences, those whose prefix and suffix agree with the file's
 * come first, then the one nearest the given position. Without prefix/suffix agreement an occurrence must lie within
 * REANCHOR_WINDOW of the position (or be the only one, when there is no position).
 */
function findQuote(stored: StoredText, quote: string, a: ForeignAnnotation, near: number | undefined): { start: number; end: number } | { occurrences: number } {
  const needle = stored.text.includes(quote) ? quote : quote.trim();
  if (needle.length === 0) return { occurrences: 0 };
  const hits: number[] = [];
  for (let i = stored.text.indexOf(needle); i >= 0 && hits.length < 10_000; i = stored.text.indexOf(needle, i + 1)) hits.push(i);
  if (hits.length === 0) return { occurrences: 0 };
  const prefix = a.prefix === undefined ? undefined : normaliseQuote(a.prefix);
  const suffix = a.suffix === undefined ? undefined : normaliseQuote(a.suffix);
  const contextMatches = (i: number) =>
    (prefix !== undefined || suffix !== undefined) &&
    // Compared in place: slicing the text around each of thousands of hits would copy it thousands of times.
    (prefix === undefined || (i >= prefix.length && stored.text.startsWith(prefix, i - prefix.length))) &&
    (suffix === undefined || stored.text.startsWith(suffix, i + needle.length));
  const scored = hits.map((i) => {
    const start = stored.codePointAt16(i);
    return { start, end: start + [...needle].length, context: contextMatches(i), distance: near === undefined ? 0 : Math.abs(start - near) };
  });
  scored.sort((x, y) => Number(y.context) - Number(x.context) || x.distance - y.distance);
  const best = scored[0]!;
  if (best.context) return best;
  if (near !== undefined) return best.distance <= REANCHOR_WINDOW ? best : { occurrences: 0 };
  return scored.length === 1 ? best : { occurrences: scored.length };
}

export { TextOffsetMap };
