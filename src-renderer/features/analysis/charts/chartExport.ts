// Charts leave Gloss as files an analyst can put in a paper: SVG (the chart's own vector drawing) and PNG (that
// drawing rasterised at twice its size). Both carry the chart's title and legend, which on screen are HTML.
// Everything here passes the renderer's CSP: no <style> element is added to the page, and the PNG is drawn from a
// blob: URL image (img-src allows blob:).

export interface LegendItem {
  label: string;
  color: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', sans-serif";
const TEXT_COLOR = '#1f1d1a';
const PAD = 16;
const TITLE_SIZE = 15;
const LEGEND_SIZE = 12;
const LEGEND_ROW = 20;
const SWATCH = 10;

export interface ExportedSvg {
  markup: string;
  width: number;
  height: number;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

let measureContext: CanvasRenderingContext2D | null = null;
/** Text width in pixels, for laying out labels and the legend (an SVG file has no layout engine to wrap them). */
export function textWidth(text: string, size: number, weight = 400): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * size * 0.6;
  measureContext.font = `${weight} ${size}px ${FONT_FAMILY}`;
  return measureContext.measureText(text).width;
}

/** Legend entries flowed into rows no wider than `width`; each entry is a swatch and its label. */
function legendLayout(items: LegendItem[], width: number): { item: LegendItem; x: number; row: number }[] {
  const out: { item: LegendItem; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = SWATCH + 6 + textWidth(item.label, LEGEND_SIZE) + 18;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    out.push({ item, x, row });
    x += w;
  }
  return out;
}

/**
 * The chart's <svg> as a standalone SVG document: a white page with the title above, the chart, and the legend
 * below. The on-screen element is cloned, never changed.
 */
export function chartSvg(svg: SVGSVGElement, title: string, legend: LegendItem[]): ExportedSvg {
  const box = svg.getBoundingClientRect();
  const chartW = Math.ceil(Number(svg.getAttribute('width')) || box.width);
  const chartH = Math.ceil(Number(svg.getAttribute('height')) || box.height);
  // The title is not wrapped: a long one widens the page rather than being cut off.
  const width = Math.ceil(Math.max(chartW, textWidth(title, TITLE_SIZE, 600)) + 2 * PAD);
  const legendItems = legendLayout(legend, width - 2 * PAD);
  const legendRows = legend.length ? Math.max(...legendItems.map((l) => l.row)) + 1 : 0;
  const top = PAD + TITLE_SIZE + 10;
  const height = top + chartH + (legendRows ? 10 + legendRows * LEGEND_ROW : 0) + PAD;

  const root = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT_FAMILY });
  root.append(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  root.append(el('text', { x: PAD, y: PAD + TITLE_SIZE - 3, 'font-size': TITLE_SIZE, 'font-weight': 600, fill: TEXT_COLOR }, title));

  const chart = svg.cloneNode(true) as SVGSVGElement;
  // Hover decorations are not part of the chart.
  chart.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot').forEach((n) => n.remove());
  for (const attr of ['class', 'style', 'tabindex', 'role']) chart.removeAttribute(attr);
  chart.setAttribute('x', String(PAD));
  chart.setAttribute('y', String(top));
  chart.setAttribute('width', String(chartW));
  chart.setAttribute('height', String(chartH));
  chart.setAttribute('overflow', 'visible');
  root.append(chart);

  const legendTop = top + chartH + 10;
  for (const { item, x, row } of legendItems) {
    const y = legendTop + row * LEGEND_ROW;
    root.append(el('rect', { x: PAD + x, y: y + 3, width: SWATCH, height: SWATCH, rx: 2, fill: item.color }));
    root.append(el('text', { x: PAD + x + SWATCH + 6, y: y + 12, 'font-size': LEGEND_SIZE, fill: TEXT_COLOR }, item.label));
  }
  return { markup: new XMLSerializer().serializeToString(root), width, height };
}

/** Draws the SVG onto a canvas through an <img> (a blob: URL, which the CSP allows) and encodes it as PNG. */
export async function svgToPng({ markup, width, height }: ExportedSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the chart into an image.');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be encoded as PNG.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob the way browsers save files: a link with a `download` name, clicked. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click is handled; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a chart title: characters file systems refuse are replaced. */
export function fileNameFor(title: string, extension: string): string {
  const printable = Array.from(title, (ch) => (ch.charCodeAt(0) < 0x20 ? ' ' : ch)).join('');
  const base = printable.replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 120) || 'chart';
  return `${base}.${extension}`;
}
