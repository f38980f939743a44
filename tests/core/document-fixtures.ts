// Synthetic Word and PDF files for the document import tests, written here so every fixture is ours.
import { strToU8, zipSync } from 'fflate';

// A tiny PDF writer for tests: pages of positioned text lines (Helvetica, WinAnsi) and, for "scanned" pages, one
// grey image (with or without a few lines of text). The cross-reference table has the real byte offsets, so readers need no repair.

export interface PdfLine {
  x: number;
  /** Baseline, from the bottom of the page (PDF user space). */
  y: number;
  text: string;
  size?: number;
}

/** A page of text lines, an image (a "scan"), or both (a scan with a stamped number). */
export type PdfPage = { lines?: PdfLine[]; image?: boolean };

const WIDTH = 612;
const HEIGHT = 792;

export function minimalPdf(pages: PdfPage[]): Uint8Array {
  const objects: string[] = [];
  // 1: catalog, 2: pages, 3: font; then per page: page object, content stream (and an image when it has one).
  const pageIds: number[] = [];
  let next = 4;
  const pageObjects: { id: number; body: string }[] = [];
  for (const page of pages) {
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    let content = '';
    let resources = '';
    if (page.image) {
      const imageId = next++;
      const side = 8;
      const pixels = Array.from({ length: side * side }, (_, i) => String.fromCharCode(i % 2 ? 0x30 : 0xc0)).join('');
      content += `q ${WIDTH - 100} 0 0 ${HEIGHT - 100} 50 50 cm /Im1 Do Q\n`;
      resources = `/XObject << /Im1 ${imageId} 0 R >>`;
      pageObjects.push({ id: imageId, body: stream(pixels, `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8`) });
    }
    content += (page.lines ?? []).map((l) => `BT /F1 ${l.size ?? 10} Tf 1 0 0 1 ${l.x} ${l.y} Tm (${escapePdfString(l.text)}) Tj ET`).join('\n');
    pageObjects.push({ id: pageId, body: pageDict(contentId, resources) });
    pageObjects.push({ id: contentId, body: stream(content) });
  }
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  for (const { id, body } of pageObjects) objects[id] = body;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character above is one byte (Latin-1 / WinAnsi).
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

function pageDict(contentId: number, resources: string): string {
  return `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] /Contents ${contentId} 0 R /Resources << /Font << /F1 3 0 R >> ${resources} >> >>`;
}

function stream(data: string, dict = ''): string {
  return `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;
}

/** WinAnsi: the test texts use Latin-1 characters only, written as single bytes. */
function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

// ---- DOCX -------------------------------------------------------------------------------------------------------

const W_TRANSITIONAL = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * A Word package with the parts Word itself writes for a plain document: content types, the package relationship
 * to word/document.xml, and optional numbering, styles, comments and header parts. `body` is the inner XML of w:body.
 */
export function minimalDocx(parts: { body: string; numbering?: string; styles?: string; comments?: string; header?: string; strict?: boolean }): Uint8Array {
  const W_NS = parts.strict ? 'http://purl.oclc.org/ooxml/wordprocessingml/main' : W_TRANSITIONAL;
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': xml(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': xml(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': xml(
      `<w:document xmlns:w="${W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${parts.body}<w:sectPr/></w:body></w:document>`,
    ),
  };
  if (parts.numbering) files['word/numbering.xml'] = xml(`<w:numbering xmlns:w="${W_NS}">${parts.numbering}</w:numbering>`);
  if (parts.styles) files['word/styles.xml'] = xml(`<w:styles xmlns:w="${W_NS}">${parts.styles}</w:styles>`);
  if (parts.comments) files['word/comments.xml'] = xml(`<w:comments xmlns:w="${W_NS}">${parts.comments}</w:comments>`);
  if (parts.header) files['word/header1.xml'] = xml(`<w:hdr xmlns:w="${W_NS}">${parts.header}</w:hdr>`);
  return zipSync(files);
}

/** A paragraph of runs; `props` is the inner XML of w:pPr. */
export const wp = (runs: string, props = '') => `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
/** A run of text (spaces kept). */
export const wr = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
/** A list paragraph: numbering instance `numId` at level `ilvl`. */
export const wli = (numId: number, ilvl: number, text: string) => wp(wr(text), `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
