import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { CodeCounts } from '../../../../src-main/contract/types';
import { ChartFrame } from '../charts/ChartFrame';
import { textWidth } from '../charts/chartExport';
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, shorten } from '../charts/chartStyle';
import { formatMeasure, MEASURE_LABELS, measureOf, type Measure } from './frequencyModel';

/** More categories than this make a chart nobody can read; the table and the CSV have them all. */
const MAX_CATEGORIES = 40;
const BAR = 14;
const CATEGORY_GAP = 12;
const LABEL_CHARS = 32;

interface Series {
  key: string;
  codeId: number;
  codePath: string;
  color: string;
}

interface ChartData {
  /** One entry per category (a code, or a group of articles), with a value per series key. */
  rows: Record<string, string | number>[];
  series: Series[];
  /** Categories left out (beyond MAX_CATEGORIES). */
  hidden: number;
}

/**
 * Ungrouped: a category per code, one bar each in the code's colour. Grouped: a category per group (outlet,
 * article…) holding a bar per code, so bars of one colour compare one code across groups. Zeros are left out.
 */
function chartData(counts: CodeCounts, measure: Measure): ChartData {
  const nonZero = counts.rows.filter((r) => measureOf(r, measure) > 0);
  if (counts.by === 'none') {
    const rows = nonZero.map((r) => ({ category: r.codePath, v: measureOf(r, measure), color: r.color, codeId: r.codeId }));
    return {
      rows: rows.slice(0, MAX_CATEGORIES),
      series: [{ key: 'v', codeId: 0, codePath: '', color: '' }],
      hidden: Math.max(0, rows.length - MAX_CATEGORIES),
    };
  }
  const series = new Map<number, Series>();
  const byGroup = new Map<string | null, Record<string, string | number>>();
  const labels = new Map(counts.groups.map((g) => [g.key, g.label]));
  for (const r of nonZero) {
    const key = `c${r.codeId}`;
    if (!series.has(r.codeId)) series.set(r.codeId, { key, codeId: r.codeId, codePath: r.codePath, color: r.color });
    let row = byGroup.get(r.group);
    if (!row) byGroup.set(r.group, (row = { category: labels.get(r.group) ?? '(no value)' }));
    row[key] = measureOf(r, measure);
  }
  // Groups in the core's order (attribute values sorted, "no value" last); codes in codebook order.
  const ordered = counts.groups.map((g) => byGroup.get(g.key)).filter((r) => r !== undefined);
  const codeOrder = new Map(counts.rows.map((r, i) => [r.codeId, i]));
  return {
    rows: ordered.slice(0, MAX_CATEGORIES),
    series: [...series.values()].sort((a, b) => (codeOrder.get(a.codeId) ?? 0) - (codeOrder.get(b.codeId) ?? 0)),
    hidden: Math.max(0, ordered.length - MAX_CATEGORIES),
  };
}

interface Props {
  counts: CodeCounts;
  measure: Measure;
  title: string;
  categoryNoun: string;
}

export function FrequencyChart({ counts, measure, title, categoryNoun }: Props) {
  const { rows, series, hidden } = chartData(counts, measure);
  const grouped = counts.by !== 'none';
  const barsPerCategory = grouped ? series.length : 1;
  const height = Math.max(120, rows.length * (barsPerCategory * BAR + CATEGORY_GAP) + 40);
  const legend = grouped
    ? series.map((s) => ({ label: s.codePath, color: s.color }))
    : rows.map((r) => ({ label: String(r.category), color: String(r.color) }));

  const labels = rows.map((r) => shorten(String(r.category), LABEL_CHARS));
  // Room for the longest category label, within reason (long labels are shortened; the tooltip has them whole).
  const labelWidth = Math.ceil(Math.max(48, ...labels.map((l) => textWidth(l, AXIS_TICK.fontSize))) + 12);
  if (rows.length === 0) {
    return <p className="muted analysis-empty">Nothing to chart: no code has {MEASURE_LABELS[measure].toLowerCase()} yet.</p>;
  }
  // Ungrouped, each bar takes its colour from its row; grouped, from its series (the code).
  const barOf = (s: Series) => (p: BarShapeProps) => {
    const category = String(p.payload?.category ?? '');
    return grouped ? <CodeBar {...p} codePath={s.codePath} group={category} color={s.color} /> : <CodeBar {...p} codePath={category} group="" color={String(p.payload?.color ?? '')} />;
  };
  return (
    <ChartFrame
      title={title}
      legend={grouped ? legend : []}
      testId="frequency-chart"
      note={hidden > 0 ? `The chart shows the first ${rows.length} ${categoryNoun}; ${hidden} more are in the table and the CSV.` : undefined}
    >
      {(width) => (
        <BarChart
          layout="vertical"
          width={width}
          height={height}
          data={rows}
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          barGap={1}
          barCategoryGap={CATEGORY_GAP / 2}
        >
          <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
          <XAxis type="number" tick={AXIS_TICK} axisLine={AXIS_LINE} tickLine={AXIS_LINE} allowDecimals={measure === 'per1000Words'} />
          <YAxis
            type="category"
            dataKey="category"
            width={Math.min(labelWidth, Math.max(90, width * 0.4))}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={false}
            interval={0}
            tickFormatter={(v: string) => shorten(v, LABEL_CHARS)}
          />
          <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} formatter={(v) => formatMeasure(Number(v), measure)} isAnimationActive={false} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={grouped ? s.codePath : MEASURE_LABELS[measure]}
              fill={s.color || '#888888'}
              barSize={BAR}
              isAnimationActive={false}
              shape={barOf(s)}
            />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}

/** One bar, in its code's colour, carrying what it counts as data attributes (the table says it in words). */
function CodeBar({ x, y, width, height, value, codePath, group, color }: BarShapeProps & { codePath: string; group: string; color: string }) {
  const v = Array.isArray(value) ? value[1] - value[0] : value;
  if (!v || !(width > 0) || !(height > 0)) return null;
  return (
    <rect
      x={x}
      y={y}
      width={width}
      height={height}
      rx={2}
      fill={color}
      data-testid="chart-bar"
      data-code={codePath}
      data-group={group || undefined}
      data-value={v}
    />
  );
}
