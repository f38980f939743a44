// A tiny PDF writer for tests: pages of positioned text lines (Helvetica, WinAnsi) and, for "scanned" pages, one
// grey image and no text. The cross-reference table has the real byte offsets, so readers need no repair.

export interface PdfLine {
  x: number;
  /** Baseline, from the bottom of the page (PDF user space). */
  y: number;
  text: string;
  size?: number;
}

export type PdfPage = { lines: PdfLine[] } | { image: true };

const WIDTH = 612;
const HEIGHT = 792;

export function minimalPdf(pages: PdfPage[]): Uint8Array {
  const objects: string[] = [];
  // 1: catalog, 2: pages, 3: font; then per page: page object, content stream (and an image for scanned pages).
  const pageIds: number[] = [];
  const bodies: string[] = [];
  let next = 4;
  const pageObjects: { id: number; body: string }[] = [];
  for (const page of pages) {
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    if ('image' in page) {
      const imageId = next++;
      const side = 8;
      const pixels = Array.from({ length: side * side }, (_, i) => String.fromCharCode(i % 2 ? 0x30 : 0xc0)).join('');
      const content = `q ${WIDTH - 100} 0 0 ${HEIGHT - 100} 50 50 cm /Im1 Do Q`;
      pageObjects.push({ id: pageId, body: pageDict(contentId, `/XObject << /Im1 ${imageId} 0 R >>`) });
      pageObjects.push({ id: contentId, body: stream(content) });
      pageObjects.push({ id: imageId, body: stream(pixels, `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8`) });
    } else {
      const content = page.lines
        .map((l) => `BT /F1 ${l.size ?? 10} Tf 1 0 0 1 ${l.x} ${l.y} Tm (${escapePdfString(l.text)}) Tj ET`)
        .join('\n');
      pageObjects.push({ id: pageId, body: pageDict(contentId, '') });
      pageObjects.push({ id: contentId, body: stream(content) });
    }
  }
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  for (const { id, body } of pageObjects) objects[id] = body;
  bodies.length = 0;

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
