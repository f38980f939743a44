// A parsed REFI-QDA model → rows of the open project, merged: articles matched by their text, codes by GUID then by
// path, nothing duplicated. Runs synchronously inside one transaction (the caller records it as one undo step).
import { createHash } from 'node:crypto';
import type { AttributeType, AttributeValue, ImportedFile, RefiReport, RefiSourceReport, SkippedFile } from '../../contract/types';
import type { Project } from '../store/Project';
import { emptyRefiReport } from '../../contract/refiReport';
export { addRefiReports, emptyRefiReport } from '../../contract/refiReport';
import { foldName } from '../store/CodeStore';
import { normalise } from '../import/normalise';
import { candidateForms, chooseForm, describeForm, TextOffsetMap, type FormChoice } from '../text/offsetMap';
import type { RefiCode, RefiModel, RefiSelection, RefiValue } from './parseRefi';

export interface AppliedRefi {
  report: RefiReport;
  imported: ImportedFile[];
  skipped: SkippedFile[];
  /** Rows this import created, for the undo step. */
  created: { articles: number[]; codings: number[]; memos: number[]; attributes: number[] };
}

/** `#RGB` and `#RRGGBB` in any case → Gloss's `#rrggbb`; anything else → null. */
export function refiColor(raw: string | null): string | null {
  if (!raw) return null;
  const c = raw.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toLowerCase();
  if (/^#[0-9a-fA-F]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`.toLowerCase();
  return null;
}

/** The attribute names the model will write to, so the caller can snapshot those attributes before the change. */
export function attributeNamesOf(model: RefiModel): string[] {
  return [...[...model.variables.values()].map((v) => v.name), ...model.sets.filter((s) => s.sources.length).map((s) => setAttributeName(s.name))];
}

function setAttributeName(name: string): string {
  return `Set: ${name || 'unnamed'}`.slice(0, 100).trim();
}

/** A REFI-QDA variable type → the attribute type Gloss stores it as. */
/**
 * A source's text as an offset map, and the unit (and line-ending form) its producer counted the selections in,
 * decided over all of them: the REFI import and a merge from a .qdpx read a source's positions alike.
 */
export function refiSourceForm(text: { original: string; hadBom: boolean }, selections: readonly RefiSelection[]): { map: TextOffsetMap; choice: FormChoice } {
  const map = new TextOffsetMap(text.original, text.hadBom);
  const spans = selections.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end));
  const choice = chooseForm(
    map,
    spans.map((s) => ({ start: s.start, end: s.end, quote: s.quote.trim() ? s.quote : undefined })),
    candidateForms(map),
  );
  return { map, choice };
}

export function attributeTypeOf(refiType: string): AttributeType {
  const t = refiType.toLowerCase();
  if (t === 'boolean') return 'boolean';
  if (t === 'integer' || t === 'float') return 'number';
  if (t === 'date' || t === 'datetime') return 'date';
  return 'text';
}

/** A producer's dateTime as an ISO string, or null when it is missing or unreadable. */
export function iso(raw: string | null): string | null {
  if (!raw) return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * Writes the model into the project. `fileName` names the file in the report; `fallbackCoder` codes selections
 * whose creator the file does not name.
 */
export function applyRefi(project: Project, model: RefiModel, fileName: string, fallbackCoder: string): AppliedRefi {
  const db = project.db;
  const report = emptyRefiReport();
  const out: AppliedRefi = { report, imported: [], skipped: [], created: { articles: [], codings: [], memos: [], attributes: [] } };
  const notes = report.notImported.notes;
  const guidFree = (table: string, guid: string) => guid !== '' && !db.prepare(`SELECT 1 FROM ${table} WHERE guid = ?`).get(guid);
  const noteText = (guids: string[]) =>
    guids
      .map((g) => model.notes.get(g))
      .filter((n): n is NonNullable<typeof n> => n !== undefined && n.text.trim() !== '')
      .map((n) => n.text);
  // A note's rich form (its .docx twin), found by the plain text the memo is assembled from.
  const richByText = new Map<string, string>();
  for (const n of model.notes.values()) if (n.rich && n.text.trim() !== '') richByText.set(n.text, n.rich);
  /** The rich form of memo text made of `parts` (joined by blank lines), or null when no part has one. */
  const richOf = (parts: string[], before?: { plain: string; rich: string | null }) => {
    const all = [...(before && before.plain ? [{ plain: before.plain, rich: before.rich }] : []), ...parts.map((t) => ({ plain: t, rich: richByText.get(t) ?? null }))];
    return all.some((x) => x.rich) ? joinRich(all) : null;
  };
  const usedNotes = new Set<string>();
  const take = (guids: string[]) => {
    guids.forEach((g) => usedNotes.add(g));
    return noteText(guids);
  };

  // ---- Users → coders (names kept; their GUIDs remembered for the next export) --------------------------------
  const insertGuid = db.prepare('INSERT OR IGNORE INTO refi_guids (kind, key, guid) VALUES (?, ?, ?)');
  // A user becomes a coder row that keeps the file's GUID (when no other record has it), so the next export and a
  // later merge recognise the person.
  const setCoderGuid = db.prepare('UPDATE coders SET guid = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM coders WHERE guid = ?)');
  for (const [guid, name] of model.users) {
    insertGuid.run('coder', name, guid);
    const coder = project.coders.byName(name);
    if (!coder) setCoderGuid.run(guid, project.coders.create({ name }).id, guid);
  }
  report.coders = new Set(model.users.values()).size;
  const coderOf = (...guids: (string | null)[]) => {
    for (const g of guids) if (g && model.users.has(g)) return model.users.get(g)!;
    return fallbackCoder;
  };

  // ---- Codes: by GUID, then by path; created where neither finds one ------------------------------------------
  const codeIds = new Map<string, number>();
  const memoTargets: { kind: 'code' | 'article' | 'project'; id?: number; texts: string[] }[] = [];
  const setCodeGuid = db.prepare('UPDATE codes SET guid = ? WHERE id = ?');
  const setCodable = db.prepare('UPDATE codes SET codable = ? WHERE id = ?');
  const walk = (code: RefiCode, parentId: number | null) => {
    let name = code.name.replace(/\//g, '\u2215').slice(0, 200).trim();
    if (name !== code.name) notes.push(`Code "${code.name}" was renamed "${name}" (Gloss code names hold no "/" and at most 200 characters).`);
    if (!name) name = 'Unnamed code';
    let id = code.guid ? codeIds.get(code.guid) ?? (db.prepare('SELECT id FROM codes WHERE guid = ?').pluck().get(code.guid) as number | undefined) : undefined;
    if (id === undefined) {
      const siblings = db.prepare('SELECT id, name FROM codes WHERE parent_id IS ?').all(parentId) as { id: number; name: string }[];
      id = siblings.find((s) => foldName(s.name) === foldName(name))?.id;
    }
    if (id === undefined) {
      const created = project.codes.create({ name, parentId, color: refiColor(code.color) ?? undefined, description: code.description });
      id = created.id;
      if (guidFree('codes', code.guid)) setCodeGuid.run(code.guid, id);
      setCodable.run(code.isCodable ? 1 : 0, id);
    }
    if (code.guid) codeIds.set(code.guid, id);
    report.codes += 1;
    const memo = take(code.noteRefs);
    if (memo.length) memoTargets.push({ kind: 'code', id, texts: memo });
    for (const c of code.children) walk(c, id);
  };
  for (const c of model.codes) walk(c, null);
  project.codes.invalidate();

  // ---- Sources → articles, selections → codings ---------------------------------------------------------------
  const articleOf = new Map<string, number>();
  const setArticleGuid = db.prepare('UPDATE articles SET guid = ? WHERE id = ?');
  const setCodingMeta = db.prepare('UPDATE codings SET created_at = ?, updated_at = ? WHERE id = ?');
  const setCodingGuid = db.prepare('UPDATE codings SET guid = ? WHERE id = ?');
  const setCodingRich = db.prepare('UPDATE codings SET memo_rich = ? WHERE id = ?');
  for (const source of model.sources) {
    const label = `${fileName} › ${source.name}`;
    if (!source.text.ok) {
      report.notImported.sources.push({ name: source.name, reason: source.text.reason });
      continue;
    }
    if (source.text.original.includes('\u0000')) {
      report.notImported.sources.push({ name: source.name, reason: 'its text contains NUL characters (U+0000), which Gloss cannot store' });
      continue;
    }
    const norm = normalise(source.text.original);
    if (norm.text.trim() === '') {
      report.notImported.sources.push({ name: source.name, reason: 'its text is empty' });
      continue;
    }
    const hash = createHash('sha256').update(norm.text, 'utf8').digest('hex');
    let articleId = project.articles.findByHash(hash)?.id;
    if (articleId !== undefined) {
      out.skipped.push({ file: label, reason: 'the project already has this text; its codings were merged into that article', articleId });
    } else {
      articleId = project.articles.insert({
        title: source.name.slice(0, 1000),
        sourceFile: label,
        contentHash: hash,
        encoding: source.text.encoding,
        hadBom: source.text.hadBom,
        originalLineEndings: norm.originalLineEndings,
        normalizedToNfc: norm.normalizedToNfc,
        text: norm.text,
        length: [...norm.text].length,
      });
      if (guidFree('articles', source.guid)) setArticleGuid.run(source.guid, articleId);
      out.created.articles.push(articleId);
      out.imported.push({ file: label, articleId, title: source.name.slice(0, 1000), encoding: source.text.encoding });
    }
    if (source.guid) articleOf.set(source.guid, articleId);

    // Which unit the producer counted in, decided over this source's selections.
    const { map, choice } = refiSourceForm(source.text, source.selections);
    const entry: RefiSourceReport = { name: source.name, articleId, unit: describeForm(choice.form), why: choice.reason, confident: choice.confident, mapped: 0, widened: 0, unmapped: [] };
    report.sources.push(entry);
    const articleMemo = [source.description.trim() ? source.description : '', ...take(source.noteRefs)].filter(Boolean);
    if (articleMemo.length) memoTargets.push({ kind: 'article', id: articleId, texts: articleMemo });

    for (const sel of source.selections) {
      if (!Number.isInteger(sel.start) || !Number.isInteger(sel.end) || sel.start < 0) {
        entry.unmapped.push({ guid: sel.guid, reason: 'its startPosition/endPosition are not whole numbers' });
        continue;
      }
      const span = map.toStored(sel.start, sel.end, choice.form);
      if (!span.ok) {
        entry.unmapped.push({ guid: sel.guid, reason: span.reason });
        continue;
      }
      if (span.end <= span.start) {
        entry.unmapped.push({ guid: sel.guid, reason: `an empty selection (${sel.start}–${sel.end})` });
        continue;
      }
      if (sel.codings.length === 0) {
        entry.unmapped.push({ guid: sel.guid, reason: 'a selection with no code (Gloss keeps coded passages only)' });
        continue;
      }
      const memo = [sel.description.trim() ? sel.description : '', ...take(sel.noteRefs)];
      let mappedOne = false;
      for (const coding of sel.codings) {
        const codeId = coding.codeGuid ? codeIds.get(coding.codeGuid) : undefined;
        if (codeId === undefined) {
          entry.unmapped.push({ guid: coding.guid || sel.guid, reason: `its code ${coding.codeGuid ?? '(none named)'} is not in the codebook` });
          continue;
        }
        const codingParts = [...memo, ...take(coding.noteRefs)].filter(Boolean);
        const codingMemo = codingParts.join('\n\n');
        const coder = coderOf(coding.creatingUser, sel.creatingUser);
        const existing = db
          .prepare('SELECT id FROM codings WHERE article_id = ? AND code_id = ? AND start = ? AND "end" = ? AND coder = ?')
          .pluck()
          .get(articleId, codeId, span.start, span.end, coder);
        mappedOne = true;
        if (existing !== undefined) continue;
        const row = project.codings.apply({ articleId, codeId, start: span.start, end: span.end, memo: codingMemo, coder });
        const when = iso(coding.creationDateTime) ?? iso(sel.creationDateTime);
        if (when) setCodingMeta.run(when, when, row.id);
        const codingRich = richOf(codingParts);
        if (codingRich) setCodingRich.run(codingRich, row.id);
        // One selection with one coding is one Gloss coding: it takes the selection's GUID (what Gloss writes back).
        const guid = sel.codings.length === 1 ? sel.guid : coding.guid;
        if (guid && guidFree('codings', guid)) setCodingGuid.run(guid, row.id);
        out.created.codings.push(row.id);
        if (codingMemo) report.memos += 1;
      }
      if (mappedOne) {
        entry.mapped += 1;
        if (span.widened) entry.widened += 1;
      }
    }
  }

  // ---- Memos: notes on codes, sources, the project; notes nothing points at go to the project memo ---------------
  const projectNotes = take(model.projectNoteRefs);
  const orphans = [...model.notes.entries()].filter(([g, n]) => !usedNotes.has(g) && n.text.trim() !== '');
  const projectTexts = [
    ...projectNotes,
    ...orphans.map(([, n]) => {
      if (!n.name) return n.text;
      const titled = `${n.name}\n${n.text}`;
      if (n.rich) richByText.set(titled, titledRich(n.name, n.rich));
      return titled;
    }),
  ];
  if (projectTexts.length) memoTargets.push({ kind: 'project', texts: projectTexts });
  const unreadable = [...model.notes.values()].filter((n) => n.richUnreadable).length;
  if (unreadable) notes.push(`${unreadable} note${unreadable === 1 ? '' : 's'} had a rich-text version that could not be read; the plain text was imported.`);
  for (const t of memoTargets) {
    const target = t.kind === 'project' ? { kind: 'project' as const } : { kind: t.kind, id: t.id! };
    const current = project.memos.get(target);
    const before = current.plain;
    const added = t.texts.filter((x) => !before.includes(x));
    const addition = added.join('\n\n');
    if (!addition) continue;
    // Rich where a note brought a rich form (or the memo already had one); otherwise plain, as before.
    const rich = richOf(added, { plain: before, rich: current.rich ?? null });
    project.memos.set(target, before ? `${before}\n\n${addition}` : addition, rich);
    const id = project.memos.rowId(target);
    if (id !== undefined) out.created.memos.push(id);
    report.memos += 1;
  }

  // ---- Sets of codes → code sets (by GUID, then by name; members added, none taken away) -------------------
  const applyCodeSet = (s: RefiModel['sets'][number]) => {
    const members = s.codes.map((g) => codeIds.get(g)).filter((id): id is number => id !== undefined);
    const unknown = s.codes.length - members.length;
    const name = (s.name || 'Unnamed set').slice(0, 200).trim();
    if (s.codes.length > 0 && members.length === 0) {
      report.notImported.codeSets += 1;
      notes.push(`Code set "${name}" names no code of this file, so it was not imported.`);
      return;
    }
    if (unknown) notes.push(`Code set "${name}": ${unknown} member code${unknown === 1 ? ' is' : 's are'} not in the file's codebook and ${unknown === 1 ? 'was' : 'were'} left out.`);
    const existing = (s.guid ? project.codeSets.findByGuid(s.guid) : undefined) ?? project.codeSets.findByName(name);
    if (existing !== undefined) project.codeSets.addMembers(existing, members);
    else project.codeSets.create({ name, description: s.description, codeIds: members, guid: s.guid && guidFree('code_sets', s.guid) ? s.guid : undefined });
    report.codeSets += 1;
  };

  // ---- Variables and cases → typed article attributes; sets of sources → a yes/no attribute per set -----------
  const setValue = (articleId: number, name: string, type: AttributeType, value: AttributeValue, guid?: string) => {
    try {
      let attribute = project.attributes.find(name);
      if (!attribute) {
        const defined = project.attributes.define(name, type);
        out.created.attributes.push(defined.id);
        attribute = project.attributes.find(name)!;
        if (guid) insertGuid.run('attribute', String(defined.id), guid);
      }
      project.attributes.set(articleId, attribute.name, value);
      report.attributes += 1;
    } catch (err) {
      notes.push(`"${name}" of article ${articleId} was not set: ${(err as Error).message}`);
    }
  };
  const applyValues = (articleId: number, values: RefiValue[]) => {
    for (const v of values) {
      const variable = model.variables.get(v.variableGuid);
      if (!variable) continue;
      setValue(articleId, variable.name.slice(0, 100).trim() || 'Variable', attributeTypeOf(variable.type), v.value, v.variableGuid);
    }
  };
  for (const source of model.sources) {
    const articleId = articleOf.get(source.guid);
    if (articleId !== undefined) applyValues(articleId, source.values);
  }
  for (const c of model.cases) {
    const articles = c.sources.map((g) => articleOf.get(g)).filter((id): id is number => id !== undefined);
    for (const a of articles) applyValues(a, c.values);
    if (articles.length > 1 && c.values.length) notes.push(`Case "${c.name}" spans ${articles.length} sources: its values were set on each of them.`);
    if (c.sources.length === 0 && c.values.length) notes.push(`Case "${c.name}" names no source, so its values have no article to go to.`);
  }
  for (const s of model.sets) {
    // A set with no members at all is an empty code set someone made; a set of sources is an attribute (below).
    if (s.codes.length || !s.sources.length) applyCodeSet(s);
    for (const g of s.sources) {
      const articleId = articleOf.get(g);
      if (articleId !== undefined) setValue(articleId, setAttributeName(s.name), 'boolean', true);
    }
  }

  report.notImported.links = model.links;
  report.notImported.graphs = model.graphs;
  report.notImported.nonTextSelections = model.nonTextSelections;
  report.notImported.sources.push(...model.noText);
  return out;
}

type LexicalBlock = Record<string, unknown>;

/** Memo parts (plain, with an optional rich form) → one rich form: rich parts as they are, plain lines as paragraphs. */
function joinRich(parts: { plain: string; rich: string | null }[]): string {
  const blocks: LexicalBlock[] = [];
  for (const [i, part] of parts.entries()) {
    if (i > 0) blocks.push(paragraph(''));
    const rich = part.rich ? rootChildren(part.rich) : null;
    if (rich) blocks.push(...rich);
    else for (const line of part.plain.split('\n')) blocks.push(paragraph(line));
  }
  return JSON.stringify({ root: { children: blocks, direction: null, format: '', indent: 0, type: 'root', version: 1 } });
}

function titledRich(title: string, rich: string): string {
  const bold = { ...paragraph(''), children: [{ detail: 0, format: 1, mode: 'normal', style: '', text: title, type: 'text', version: 1 }] };
  return JSON.stringify({ root: { children: [bold, ...(rootChildren(rich) ?? [])], direction: null, format: '', indent: 0, type: 'root', version: 1 } });
}

function rootChildren(rich: string): LexicalBlock[] | null {
  try {
    const children = (JSON.parse(rich) as { root?: { children?: unknown } }).root?.children;
    return Array.isArray(children) ? (children as LexicalBlock[]) : null;
  } catch {
    return null;
  }
}

function paragraph(text: string): LexicalBlock {
  const children = text ? [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }] : [];
  return { children, direction: null, format: '', indent: 0, type: 'paragraph', version: 1, textFormat: 0, textStyle: '' };
}
