// REFI-QDA notes with a rich-text twin (richTextPath → a .docx): imported as the memo editor's rich form, so the
// formatting a supervisor put in an NVivo memo is still there; a rich Gloss memo goes out as a .docx beside its plain
// text and comes back the same. The rich form is checked by loading it into a headless Lexical editor with the memo
// editor's nodes, as the app does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { $isLinkNode, LinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, ListItemNode, ListNode } from '@lexical/list';
import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, createEditor, type LexicalNode } from 'lexical';
import { importSources } from '../../src-main/core/import/importer';
import { exportRefi } from '../../src-main/core/refi/exportRefi';
import { importText, newProject, tempDir } from './helpers';
import { projectXsd, validate, xsdSkip } from './refiSchemas';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A Word document as Word writes one: runs split mid-word, a hyperlink, a bullet list with a nested numbered list. */
function wordNote(): Uint8Array {
  const run = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
  const item = (numId: number, ilvl: number, text: string) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${run(text)}</w:p>`;
  const document = `<?xml version="1.0"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>
    <w:p>${run('Fra')}${run('ming is ')}${run('strong', '<w:b/>')}${run(' and ')}${run('contested', '<w:i/><w:u w:val="single"/>')}<w:proofErr w:type="spellStart"/>${run('.')}</w:p>
    <w:p>${run('See ')}<w:hyperlink r:id="rId7">${run('the codebook', '<w:rStyle w:val="Hyperlink"/>')}</w:hyperlink>${run(' and ')}<w:hyperlink r:id="rId8">${run('this')}</w:hyperlink></w:p>
    ${item(1, 0, 'Aid')}${item(2, 1, 'first')}${item(2, 1, 'second')}${item(1, 0, 'Security')}
    <w:p>${run('Line one')}<w:r><w:br/></w:r>${run('line two', '<w:strike/>')}<w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>
  </w:body></w:document>`;
  const numbering = `<?xml version="1.0"?><w:numbering xmlns:w="${W}">
    <w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
    <w:abstractNum w:abstractNumId="11"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num></w:numbering>`;
  const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
    <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/codebook" TargetMode="External"/>
    <Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/></Relationships>`;
  return zipSync({ 'word/document.xml': strToU8(document), 'word/numbering.xml': strToU8(numbering), 'word/_rels/document.xml.rels': strToU8(rels) });
}

/** What the memo editor would show: blocks with their inline content (text with format bits, links, breaks). */
function shape(rich: string): unknown[] {
  const editor = createEditor({
    nodes: [ListNode, ListItemNode, LinkNode],
    onError: (err) => {
      throw err;
    },
  });
  editor.setEditorState(editor.parseEditorState(rich));
  const inline = (node: LexicalNode): unknown => {
    if ($isTextNode(node)) return [node.getTextContent(), node.getFormat()];
    if ($isLineBreakNode(node)) return 'BR';
    if ($isLinkNode(node)) return { link: node.getURL(), text: node.getTextContent() };
    if ($isListNode(node)) return { [node.getListType()]: node.getChildren().map(inline) };
    if ($isListItemNode(node)) return node.getChildren().map(inline);
    return $isElementNode(node) ? node.getChildren().map(inline) : node.getTextContent();
  };
  return editor.getEditorState().read(() => $getRoot().getChildren().map(inline));
}

const BOLD = 1;
const ITALIC = 2;
const STRIKE = 4;
const UNDERLINE = 8;

test('a note\'s .docx twin becomes the memo\'s rich form (formats, links, nested lists, line breaks); unsafe links stay text; the plain text is the note\'s', async () => {
  const dir = tempDir('gloss-rich-note-');
  const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="n"><CodeBook><Codes><Code guid="00000001-0000-0000-0000-000000000000" name="Frames" isCodable="true"><NoteRef targetGUID="00000050-0000-0000-0000-000000000000"/></Code></Codes></CodeBook><Notes><Note guid="00000050-0000-0000-0000-000000000000" name="Framing memo" richTextPath="internal://00000050-0000-0000-0000-000000000000.docx"><PlainTextContent>Framing is strong and contested.</PlainTextContent></Note><Note guid="00000051-0000-0000-0000-000000000000" name="Only rich" richTextPath="internal://rich-only.docx"/></Notes></Project>`;
  const file = join(dir, 'nvivo.qdpx');
  writeFileSync(file, zipSync({ 'project.qde': strToU8(qde), 'sources/00000050-0000-0000-0000-000000000000.docx': wordNote(), 'sources/rich-only.docx': wordNote() }));
  const { project: p } = newProject();
  const report = await importSources(p, [{ kind: 'path', path: file }], { refi: { coder: 'Ann' } });
  assert.deepEqual(report.rejected, []);
  const frames = p.codes.findPath('Frames')!;
  const memo = p.memos.get({ kind: 'code', id: frames.id });
  assert.equal(memo.plain, 'Framing is strong and contested.');
  assert.ok(memo.rich, 'the memo has a rich form');
  assert.deepEqual(shape(memo.rich), [
    [['Framing is ', 0], ['strong', BOLD], [' and ', 0], ['contested', ITALIC | UNDERLINE], ['.', 0]],
    // The javascript: link is not a link in Gloss: its text joins the plain text beside it.
    [['See ', 0], { link: 'https://example.org/codebook', text: 'the codebook' }, [' and this', 0]],
    { bullet: [[['Aid', 0]], [{ number: [[['first', 0]], [['second', 0]]] }], [['Security', 0]]] },
    [['Line one', 0], 'BR', ['line two', STRIKE]],
  ]);
  // A note with no plain text of its own (nothing points at it, so it goes to the project memo) brings the .docx's text.
  const projectMemo = p.memos.get({ kind: 'project' });
  assert.match(projectMemo.plain, /^Only rich\nFraming is strong and contested\.\nSee the codebook and this\n• Aid\n {2}1\. first\n {2}2\. second\n• Security\nLine one\nline two$/);
  assert.ok(projectMemo.rich && JSON.stringify(shape(projectMemo.rich)).startsWith('[[["Only rich",1]]'), 'the orphan note is titled in bold');
  p.close();
});

test('a rich Gloss memo goes out as a .docx named by richTextPath and comes back with the same formatting; a plain memo has no .docx', async () => {
  const { project: source, dir } = newProject();
  const id = await importText(source, 'The convoy waits at the crossing.\n');
  const code = source.codes.create({ name: 'Aid' });
  const coding = source.codings.apply({ articleId: id, codeId: code.id, start: 4, end: 10, coder: 'Ann' });
  const rich = JSON.stringify({
    root: {
      type: 'root', version: 1, direction: null, format: '', indent: 0,
      children: [
        { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [
          { type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: 'Ask about ' },
          { type: 'text', version: 1, detail: 0, format: BOLD | ITALIC, mode: 'normal', style: '', text: 'access' },
          { type: 'link', version: 1, direction: null, format: '', indent: 0, rel: 'noreferrer', target: null, title: null, url: 'https://example.org/a?b=1&c=2', children: [
            { type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: ' (source)' },
          ] },
        ] },
        { type: 'list', version: 1, direction: null, format: '', indent: 0, listType: 'number', start: 1, tag: 'ol', children: [
          { type: 'listitem', version: 1, direction: null, format: '', indent: 0, value: 1, children: [{ type: 'text', version: 1, detail: 0, format: UNDERLINE, mode: 'normal', style: '', text: 'who\tblocks <it>' }] },
          { type: 'listitem', version: 1, direction: null, format: '', indent: 0, value: 2, children: [{ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: 'for how long' }] },
        ] },
      ],
    },
  });
  source.memos.set({ kind: 'code', id: code.id }, 'Ask about access (source)\n1. who\tblocks <it>\n2. for how long', rich);
  source.memos.set({ kind: 'coding', id: coding.id }, 'coding memo, rich', rich);
  source.memos.set({ kind: 'project' }, 'plain project memo', null);
  const out = join(dir, 'rich.qdpx');
  await exportRefi(source, 'qdpx', out);
  const files = unzipSync(new Uint8Array(readFileSync(out)));
  const qde = strFromU8(files['project.qde']!);
  if (!xsdSkip()) validate(qde, projectXsd);
  const richPaths = [...qde.matchAll(/richTextPath="internal:\/\/([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(richPaths.length, 2, 'the code memo and the coding memo, not the plain project memo');
  for (const name of richPaths) assert.ok(files[`sources/${name}`], `sources/${name} is in the archive`);

  const { project: fresh } = newProject();
  const report = await importSources(fresh, [{ kind: 'path', path: out }], { refi: { coder: 'Ben' } });
  assert.deepEqual(report.rejected, []);
  const back = fresh.memos.get({ kind: 'code', id: fresh.codes.findPath('Aid')!.id });
  assert.equal(back.plain, 'Ask about access (source)\n1. who\tblocks <it>\n2. for how long');
  assert.deepEqual(shape(back.rich!), shape(rich));
  const backCoding = fresh.codings.listForArticle(fresh.articles.list().items[0]!.id)[0]!;
  const codingMemo = fresh.memos.get({ kind: 'coding', id: backCoding.id });
  assert.deepEqual(shape(codingMemo.rich!), shape(rich));
  assert.equal(fresh.memos.get({ kind: 'project' }).rich, null);
  source.close();
  fresh.close();
});
