// A minimal DOCX reader for the news-database splitters: the paragraphs of word/document.xml, in order (table
// cells' paragraphs included), with tabs and line breaks. It reads only what the splitters need; the Word/PDF/RTF
// single-document reader (richdocs) may replace it, since the splitters take plain `string[]` paragraphs.
import { unzipSync } from 'fflate';
import { decodeXML } from 'entities';

/** The bytes start like a ZIP archive (every DOCX is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function docxParagraphs(bytes: Uint8Array): string[] {
  if (!looksLikeZip(bytes)) throw new Error('not a Word document (.docx files are ZIP archives; this file is not one)');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  } catch (err) {
    throw new Error(`the Word document is damaged (${(err as Error).message})`, { cause: err });
  }
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('not a Word document (it has no word/document.xml)');
  const doc = new TextDecoder('utf-8').decode(xml);
  const body = doc.slice(Math.max(0, doc.indexOf('<w:body')));
  const out: string[] = [];
  // Paragraphs do not nest in the XML except through text boxes, which news exports do not use.
  const paragraph = /<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g;
  for (let m = paragraph.exec(body); m; m = paragraph.exec(body)) {
    const inner = m[1] ?? '';
    let text = '';
    const token = /<w:t\b[^>]*?(?:\/>|>([^<]*)<\/w:t>)|<w:tab\b[^>]*\/>|<w:(?:br|cr)\b[^>]*\/>|<w:noBreakHyphen\b[^>]*\/>/g;
    for (let t = token.exec(inner); t; t = token.exec(inner)) {
      const tag = t[0];
      if (tag.startsWith('<w:t')) text += t[1] !== undefined ? decodeXML(t[1]) : '';
      else if (tag.startsWith('<w:tab')) text += '\t';
      else if (tag.startsWith('<w:noBreakHyphen')) text += '\u2011';
      else text += '\n';
    }
    out.push(text);
  }
  return out;
}
