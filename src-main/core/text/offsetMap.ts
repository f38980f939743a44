// The one way foreign positions enter the store. Other tools count positions in the text as *they* saw it — with a
// BOM, with CRLF line endings counted as one character or two, with decomposed letters Gloss composes (NFC) — and in
// their own unit (code points, UTF-16 code units, UTF-8 bytes). Gloss stores NFC text with LF line endings and counts
// code points. A TextOffsetMap is built once per article from the text as the source had it; it converts any foreign
// span to stored code points, says when an edge had to be moved (it fell inside a character, a line break or a letter
// NFC composed) and never moves one silently.

export type ForeignUnit = 'codepoint' | 'utf16' | 'utf8';

/** How a producer counted: its unit, whether it saw CRLF as two characters, whether a BOM took up a position. */
export interface ForeignForm {
  unit: ForeignUnit;
  /** 'two' when positions count the source's CR and LF separately; 'one' when they count a line break once. */
  crlf: 'two' | 'one';
  /** True when a byte order mark at the start of the source occupies position 0 (e.g. Python without utf-8-sig). */
  bomCounted: boolean;
}

export const STANDARD_FORM: ForeignForm = { unit: 'codepoint', crlf: 'one', bomCounted: false };

export type MappedSpan =
  | {
      ok: true;
      start: number;
      end: number;
      /** True when an edge had to widen to a whole character, line break or composed letter. */
      widened: boolean;
    }
  | { ok: false; reason: string };

/** Boundaries of a string in code points, with where each falls in UTF-16 units and UTF-8 bytes. */
class UnitIndex {
  /** utf16At[k] = UTF-16 offset of code-point boundary k. */
  readonly utf16At: Int32Array;
  /** utf8At[k] = UTF-8 byte offset of code-point boundary k. */
  readonly utf8At: Int32Array;
  readonly length: number;

  constructor(text: string) {
    const cps: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cps.push(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00));
          i++;
          continue;
        }
      }
      cps.push(c);
    }
    this.length = cps.length;
    this.utf16At = new Int32Array(cps.length + 1);
    this.utf8At = new Int32Array(cps.length + 1);
    for (let k = 0; k < cps.length; k++) {
      const cp = cps[k]!;
      this.utf16At[k + 1] = this.utf16At[k]! + (cp > 0xffff ? 2 : 1);
      this.utf8At[k + 1] = this.utf8At[k]! + (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
    }
  }

  /**
   * A position in `unit` → code-point boundary. A position inside a character (between surrogates, inside a UTF-8
   * sequence) rounds down for a start and up for an end and reports it; a position past the end is refused.
   */
  toBoundary(position: number, unit: ForeignUnit, toward: 'start' | 'end'): { at: number; inside: boolean } | null {
    if (unit === 'codepoint') return position <= this.length ? { at: position, inside: false } : null;
    const table = unit === 'utf16' ? this.utf16At : this.utf8At;
    if (position > table[this.length]!) return null;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (table[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    if (table[lo] === position) return { at: lo, inside: false };
    return { at: toward === 'start' ? lo : lo + 1, inside: true };
  }
}

export class TextOffsetMap {
  /** The stored text: LF line endings, NFC. */
  readonly stored: string;
  readonly storedLength: number;
  private readonly original: UnitIndex;
  private readonly lf: UnitIndex;
  /** Original code-point boundary → LF-text boundary; flagged where the boundary splits a CRLF. */
  private readonly originalToLf: Int32Array;
  private readonly insideCrlf: Uint8Array;
  /** LF-text boundary → stored boundary, rounded down (start) and up (end) inside a letter NFC composed. */
  private readonly lfToStoredStart: Int32Array;
  private readonly lfToStoredEnd: Int32Array;

  /**
   * @param original the decoded source text without its BOM, line endings and composition as the source had them
   * @param hadBom whether the source began with a byte order mark (a producer may have counted it)
   */
  constructor(
    original: string,
    readonly hadBom = false,
  ) {
    this.original = new UnitIndex(original);
    // Original → LF: a CRLF becomes one LF; a lone CR becomes an LF too (as normalise() does).
    const lfParts: string[] = [];
    this.originalToLf = new Int32Array(this.original.length + 1);
    this.insideCrlf = new Uint8Array(this.original.length + 1);
    let lfCount = 0;
    let k = 0;
    let lastCut = 0;
    for (let i = 0; i < original.length; ) {
      const c = original.charCodeAt(i);
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < original.length && (original.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      if (c === 13) {
        lfParts.push(original.slice(lastCut, i), '\n');
        this.originalToLf[k] = lfCount;
        if (original.charCodeAt(i + 1) === 10) {
          // The boundary between CR and LF has no place in the LF text; it maps to the line break's start.
          this.originalToLf[k + 1] = lfCount;
          this.insideCrlf[k + 1] = 1;
          k += 2;
          i += 2;
        } else {
          k += 1;
          i += 1;
        }
        lfCount += 1;
        lastCut = i;
        continue;
      }
      this.originalToLf[k] = lfCount;
      k += 1;
      lfCount += 1;
      i += width;
    }
    this.originalToLf[k] = lfCount;
    lfParts.push(original.slice(lastCut));
    const lfText = lfParts.join('');
    this.lf = new UnitIndex(lfText);

    // LF → stored (NFC), cluster by cluster so each boundary knows where it lands.
    const nfc = lfText.normalize('NFC');
    // Most texts are NFC already: every boundary maps to itself, and segmenting them (the slow part) is not needed.
    const mapped = nfc === lfText ? identityMapping(lfText, this.lf.length) : mapNormalisation(lfText, nfc, graphemeSegments(lfText)) ?? mapNormalisation(lfText, nfc, asciiSafeSegments(lfText));
    if (!mapped) throw new Error('internal: the NFC offset map does not reproduce the stored text');
    this.stored = mapped.text;
    this.lfToStoredStart = mapped.startAt;
    this.lfToStoredEnd = mapped.endAt;
    this.storedLength = mapped.length;
  }

  /** The position a foreign producer gave, in its form, as a boundary of the LF text. */
  private toLf(position: number, form: ForeignForm, toward: 'start' | 'end'): { at: number; inside: boolean } | string {
    if (!Number.isInteger(position) || position < 0) return `position ${position} is not a whole number ≥ 0`;
    let p = position;
    if (form.bomCounted && this.hadBom) {
      if (p === 0) return { at: 0, inside: toward === 'end' };
      p -= 1;
    }
    if (form.crlf === 'one') {
      const b = this.lf.toBoundary(p, form.unit, toward);
      return b ?? `position ${position} is past the end of the text (${this.lengthIn(form)} ${unitName(form.unit)})`;
    }
    const b = this.original.toBoundary(p, form.unit, toward);
    if (!b) return `position ${position} is past the end of the text (${this.lengthIn(form)} ${unitName(form.unit)})`;
    const inside = b.inside || this.insideCrlf[b.at] === 1;
    // Inside a CRLF an end widens over the whole line break.
    const at = this.insideCrlf[b.at] === 1 && toward === 'end' ? this.originalToLf[b.at]! + 1 : this.originalToLf[b.at]!;
    return { at, inside };
  }

  /** The text's length as a producer of this form would count it. */
  lengthIn(form: ForeignForm): number {
    const index = form.crlf === 'one' ? this.lf : this.original;
    const n = form.unit === 'codepoint' ? index.length : form.unit === 'utf16' ? index.utf16At[index.length]! : index.utf8At[index.length]!;
    return n + (form.bomCounted && this.hadBom ? 1 : 0);
  }

  /** Maps a foreign span [start, end) to stored code points. */
  toStored(start: number, end: number, form: ForeignForm = STANDARD_FORM): MappedSpan {
    if (end < start) return { ok: false, reason: `the span ends (${end}) before it starts (${start})` };
    const s = this.toLf(start, form, 'start');
    if (typeof s === 'string') return { ok: false, reason: s };
    const e = this.toLf(end, form, 'end');
    if (typeof e === 'string') return { ok: false, reason: e };
    const storedStart = this.lfToStoredStart[s.at]!;
    const storedEnd = this.lfToStoredEnd[e.at]!;
    const widened = s.inside || e.inside || storedStart !== this.lfToStoredEnd[s.at] || storedEnd !== this.lfToStoredStart[e.at];
    return { ok: true, start: storedStart, end: Math.max(storedStart, storedEnd), widened };
  }
}

function identityMapping(text: string, length: number): { text: string; startAt: Int32Array; endAt: Int32Array; length: number } {
  const at = new Int32Array(length + 1);
  for (let k = 0; k <= length; k++) at[k] = k;
  return { text, startAt: at, endAt: at, length };
}

function unitName(unit: ForeignUnit): string {
  return unit === 'codepoint' ? 'code points' : unit === 'utf16' ? 'UTF-16 code units' : 'UTF-8 bytes';
}

let graphemes: Intl.Segmenter | undefined;

function graphemeSegments(text: string): string[] {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const out: string[] = [];
  for (const s of graphemes.segment(text)) out.push(s.segment);
  return out;
}

/**
 * Runs cut before every ASCII character: NFC never composes an ASCII character with what precedes it, so these
 * always normalise independently. The fallback when some grapheme clusters compose across their boundary.
 */
function asciiSafeSegments(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) < 0x80) {
      out.push(text.slice(from, i));
      from = i;
    }
  }
  return out.filter((s) => s.length > 0);
}

/**
 * Normalises segment by segment, recording for every code-point boundary of the input where it falls in the output:
 * boundaries inside a segment that NFC changed round down to its start (for a start) and up to its end (for an end).
 * Null when the segments do not normalise independently.
 */
function mapNormalisation(text: string, nfc: string, segments: string[]): { text: string; startAt: Int32Array; endAt: Int32Array; length: number } | null {
  const total = new UnitIndex(text).length;
  const startAt = new Int32Array(total + 1);
  const endAt = new Int32Array(total + 1);
  const parts: string[] = [];
  let inPos = 0;
  let outPos = 0;
  for (const segment of segments) {
    const n = segment.normalize('NFC');
    parts.push(n);
    const inLen = countCodePoints(segment);
    if (n === segment) {
      for (let j = 0; j < inLen; j++) {
        startAt[inPos + j] = outPos + j;
        endAt[inPos + j] = outPos + j;
      }
      outPos += inLen;
    } else {
      const outLen = countCodePoints(n);
      startAt[inPos] = outPos;
      endAt[inPos] = outPos;
      for (let j = 1; j < inLen; j++) {
        startAt[inPos + j] = outPos;
        endAt[inPos + j] = outPos + outLen;
      }
      outPos += outLen;
    }
    inPos += inLen;
  }
  startAt[inPos] = outPos;
  endAt[inPos] = outPos;
  const joined = parts.join('');
  if (joined !== nfc) return null;
  return { text: joined, startAt, endAt, length: outPos };
}

function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

/** A foreign span as a file gives it, with the text it quotes where the format carries one. */
export interface ForeignSpan {
  start: number;
  end: number;
  quote?: string;
}

export interface FormChoice {
  form: ForeignForm;
  /** Spans whose quote the form reproduces (when quotes exist), else spans whose both edges sit on word boundaries. */
  score: number;
  /** How many spans were scored. */
  of: number;
  /** 'quotes' when chosen by quoted text, 'boundaries' when by word boundaries, 'only' when nothing could differ. */
  by: 'quotes' | 'boundaries' | 'only';
  /** False when the best form did not clearly beat the runner-up; the report should flag it. */
  confident: boolean;
  /** Why, in a sentence for the import report. */
  reason: string;
}

const FORM_LABEL = (f: ForeignForm): string =>
  `${unitName(f.unit)}${f.crlf === 'two' ? ', CRLF as two' : ''}${f.bomCounted ? ', BOM counted' : ''}`;

export function describeForm(form: ForeignForm): string {
  return FORM_LABEL(form);
}

/** Every form worth trying for this text: forms that cannot differ on it are collapsed to one. */
export function candidateForms(map: TextOffsetMap, units: readonly ForeignUnit[] = ['codepoint', 'utf16', 'utf8']): ForeignForm[] {
  const forms: ForeignForm[] = [];
  const length = (unit: ForeignUnit): number => map.lengthIn({ unit, crlf: 'one', bomCounted: false });
  // A unit that counts this text exactly as code points do cannot place a span differently: leave it out.
  const distinct = units.filter((u) => u === 'codepoint' || length(u) !== length('codepoint'));
  const hasCrlf = map.lengthIn({ unit: 'codepoint', crlf: 'two', bomCounted: false }) !== map.lengthIn({ unit: 'codepoint', crlf: 'one', bomCounted: false });
  for (const unit of units.includes('codepoint') ? distinct : units) {
    for (const crlf of hasCrlf ? (['one', 'two'] as const) : (['one'] as const)) {
      for (const bomCounted of map.hadBom ? [false, true] : [false]) forms.push({ unit, crlf, bomCounted });
    }
  }
  return forms;
}

/**
 * Picks the form a producer most likely counted in. With quotes, the form that reproduces most quotes (compared
 * after the same LF + NFC normalisation, trimmed); without, the form putting most span edges on word boundaries.
 * Ties prefer the earlier candidate (pass the format's documented form first).
 */
export function chooseForm(map: TextOffsetMap, spans: readonly ForeignSpan[], candidates: readonly ForeignForm[]): FormChoice {
  const first = candidates[0] ?? STANDARD_FORM;
  if (spans.length === 0 || candidates.length <= 1) {
    return { form: first, score: 0, of: spans.length, by: 'only', confident: true, reason: `positions read as ${FORM_LABEL(first)}` };
  }
  const quoted = spans.filter((s) => typeof s.quote === 'string' && s.quote.length > 0);
  const byQuotes = quoted.length > 0;
  const scored = candidates.map((form) => {
    let score = 0;
    for (const span of byQuotes ? quoted : spans) {
      const m = map.toStored(span.start, span.end, form);
      if (!m.ok) continue;
      if (byQuotes) {
        const got = sliceStored(map, m.start, m.end);
        if (normaliseQuote(got) === normaliseQuote(span.quote!)) score++;
      } else if (!m.widened && isWordEdge(map.stored, m.start, m.end)) score++;
    }
    return { form, score };
  });
  // Array.prototype.sort is stable, so among equal scores the earlier (documented) candidate stays first.
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  const best = sorted[0]!;
  const runnerUp = sorted[1];
  const of = byQuotes ? quoted.length : spans.length;
  // A runner-up with the same score that places every span where the best does is no rival: they agree here.
  const rivalled = runnerUp !== undefined && runnerUp.score === best.score && !samePlacements(map, spans, best.form, runnerUp.form);
  const confident = !rivalled && (byQuotes ? best.score >= 0.9 * of : best.score >= 0.8 * of);
  const reason = byQuotes
    ? `${best.score} of ${of} quoted passages match when positions are read as ${FORM_LABEL(best.form)}`
    : `${best.score} of ${of} spans begin and end at word boundaries when positions are read as ${FORM_LABEL(best.form)}`;
  return { form: best.form, score: best.score, of, by: byQuotes ? 'quotes' : 'boundaries', confident, reason };
}

function samePlacements(map: TextOffsetMap, spans: readonly ForeignSpan[], a: ForeignForm, b: ForeignForm): boolean {
  return spans.every((span) => {
    const x = map.toStored(span.start, span.end, a);
    const y = map.toStored(span.start, span.end, b);
    return x.ok === y.ok && (!x.ok || (y.ok && x.start === y.start && x.end === y.end));
  });
}

function normaliseQuote(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

let storedIndexCache: { text: string; utf16At: Int32Array } | undefined;

function sliceStored(map: TextOffsetMap, start: number, end: number): string {
  if (storedIndexCache?.text !== map.stored) storedIndexCache = { text: map.stored, utf16At: new UnitIndex(map.stored).utf16At };
  return map.stored.slice(storedIndexCache.utf16At[start], storedIndexCache.utf16At[end]);
}

/** Whether a stored span starts and ends at a word edge (not inside a run of letters or digits). */
function isWordEdge(stored: string, start: number, end: number): boolean {
  const cps = storedCodePointsAround(stored, start, end);
  const word = /[\p{L}\p{N}\p{M}]/u;
  const inside = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && word.test(a) && word.test(b);
  return !inside(cps.beforeStart, cps.atStart) && !inside(cps.beforeEnd, cps.atEnd);
}

function storedCodePointsAround(stored: string, start: number, end: number): { beforeStart?: string; atStart?: string; beforeEnd?: string; atEnd?: string } {
  if (storedIndexCache?.text !== stored) storedIndexCache = { text: stored, utf16At: new UnitIndex(stored).utf16At };
  const at = storedIndexCache.utf16At;
  const cp = (k: number): string | undefined => (k < 0 || k + 1 >= at.length ? undefined : stored.slice(at[k], at[k + 1]));
  return { beforeStart: cp(start - 1), atStart: cp(start), beforeEnd: cp(end - 1), atEnd: cp(end) };
}
