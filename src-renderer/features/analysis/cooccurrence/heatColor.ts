// Heat-map colours for the co-occurrence matrix: a cell's background deepens with its count, and its text is
// whichever of dark or white reads better on it (WCAG contrast), so every number stays legible.

type Rgb = readonly [number, number, number];

const LOW: Rgb = [255, 255, 255];
const HIGH: Rgb = [23, 63, 160]; // a deep blue: neutral towards the code colours, and readable in greyscale print

/** sRGB relative luminance (WCAG 2). */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
const DARK_TEXT = '#1f1d1a';
const DARK_L = luminance([0x1f, 0x1d, 0x1a]);
const LIGHT_L = 1;

export interface HeatColour {
  background: string;
  color: string;
}

/**
 * The cell colour for `count` out of the matrix's largest off-diagonal `max`. A square root spreads the small
 * counts that dominate real matrices; any count above zero is visibly tinted, so it is never mistaken for none.
 */
export function heatColour(count: number, max: number): HeatColour | null {
  if (count <= 0 || max <= 0) return null;
  const t = 0.12 + 0.88 * Math.sqrt(Math.min(1, count / max));
  const channel = (i: 0 | 1 | 2) => Math.round(LOW[i] + (HIGH[i] - LOW[i]) * t);
  const rgb: Rgb = [channel(0), channel(1), channel(2)];
  const l = luminance(rgb);
  return {
    background: `rgb(${rgb.join(', ')})`,
    color: contrast(l, LIGHT_L) > contrast(l, DARK_L) ? '#ffffff' : DARK_TEXT,
  };
}
