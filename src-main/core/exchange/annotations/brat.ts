// brat standoff: the article in a .txt file and its annotations in a .ann file of the same name. `T` lines are text
// spans (`T1<TAB>Label 0 5;10 15<TAB>text`), a discontinuous span's fragments separated by ";", imported as one
// coding per fragment; `#` AnnotatorNotes lines are notes on a span, imported as its memo; relations, events,
// attributes and normalisations are counted as not imported. brat counts offsets in Python characters (code
// points) on the .txt as it is on disk (a CRLF is two characters).
import { basename } from 'node:path';
import type { AnnotationInput, CompanionLookup, ExportArticle, ForeignAnnotation, ReadOutcome } from './model';
import { countNotImported, emptyOutcome } from './model';
import { labelOf, textOfFile } from './textOf';

const KIND_NAMES: Record<string, string> = { R: 'relations', E: 'events', A: 'attributes', M: 'attributes', N: 'normalizations', '*': 'equivalences' };

export function readBrat(input: AnnotationInput, companion: CompanionLookup): ReadOutcome {
  const out = emptyOutcome();
  if (/\.txt$/i.test(input.name)) return out; // the text half of a pair: read with its .ann
  const txtName = basename(input.name).replace(/\.ann$/i, '') + '.txt';
  const txt = companion(input, txtName);
  if (!txt) {
    out.rejected.push({ file: input.name, reason: `brat needs the article text next to it: ${txtName} was not found` });
    return out;
  }
  const ann = textOfFile(input.bytes);
  const text = textOfFile(txt.bytes);
  if (!ann.ok || !text.ok) {
    out.rejected.push({ file: ann.ok ? txt.name : input.name, reason: ann.ok ? (text as { reason: string }).reason : ann.reason });
    return out;
  }
  const spans = new Map<string, ForeignAnnotation[]>();
  const annotations: ForeignAnnotation[] = [];
  const notes: { target: string; note: string; where: string }[] = [];
  ann.text.split(/\r?\n/).forEach((line, k) => {
    if (line.trim() === '') return;
    const where = `${input.name} line ${k + 1}`;
    const kind = line[0]!;
    const fields = line.split('\t');
    if (kind === 'T') {
      const m = /^(\S+)\s+((?:\d+\s+\d+)(?:;\d+\s+\d+)*)$/.exec(fields[1] ?? '');
      const label = labelOf(fields[1]?.split(' ')[0]);
      if (!m || label === undefined) {
        out.unreadable.push({ where, reason: 'is not "T<id> TAB label start end[;start end…] TAB text"' });
        return;
      }
      const fragments = m[2]!.split(';').map((f) => f.trim().split(/\s+/).map(Number) as [number, number]);
      // The text column joins a discontinuous span's fragments with a space; it can only check a whole span.
      const quote = fragments.length === 1 && fields.length >= 3 ? fields.slice(2).join('\t') : undefined;
      const list = fragments.map(([start, end], j) => ({ start, end, label, quote, where: `${input.name} ${fields[0]}${fragments.length > 1 ? ` fragment ${j + 1}` : ''}` }));
      spans.set(fields[0]!, list);
      annotations.push(...list);
    } else if (kind === '#') {
      const target = /^AnnotatorNotes\s+(\S+)$/.exec(fields[1] ?? '');
      if (target) notes.push({ target: target[1]!, note: fields.slice(2).join('\t'), where });
      else countNotImported(out, 'notes on other things');
    } else countNotImported(out, KIND_NAMES[kind] ?? 'unknown lines');
  });
  for (const n of notes) {
    const targets = spans.get(n.target);
    if (!targets) countNotImported(out, 'notes on other things');
    else for (const t of targets) t.memo = t.memo ? `${t.memo}\n${n.note}` : n.note;
  }
  const hadBom = text.hadBom;
  out.documents.push({
    name: input.name,
    text: { original: text.text, hadBom, sourceFile: txt.path ?? txt.name, encoding: text.encoding, bytes: txt.bytes },
    annotations,
    documentedUnit: 'codepoint',
    documentedCrlf: 'two',
  });
  return out;
}

/** brat's label: no spaces (the .ann line separates with them); a code path's "/" is kept (brat accepts it in types). */
export function bratLabel(codePath: string): string {
  return codePath.replace(/\s+/g, '_');
}

/** The .txt (the stored text, LF, NFC) and .ann (code points into it) of one article. */
export function writeBrat(article: ExportArticle): { txt: string; ann: string } {
  const lines: string[] = [];
  let note = 0;
  article.codings.forEach((c, k) => {
    lines.push(`T${k + 1}\t${bratLabel(c.codePath)} ${c.start} ${c.end}\t${c.text.replace(/\n/g, ' ')}`);
    if (c.memo) lines.push(`#${++note}\tAnnotatorNotes T${k + 1}\t${c.memo.replace(/\s*\n\s*/g, ' ')}`);
  });
  return { txt: article.text, ann: lines.length > 0 ? `${lines.join('\n')}\n` : '' };
}
