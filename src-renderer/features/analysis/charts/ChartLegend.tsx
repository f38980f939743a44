import type { LegendItem } from './chartExport';

/** Colour keys under a chart (drawn by Gloss rather than the chart library, so the exported files carry the same). */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <span className="legend-swatch" style={{ background: item.color }} aria-hidden />
          <span dir="auto">{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
