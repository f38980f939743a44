import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { CodeCounts } from '../../../../src-main/contract/types';
import { ChartFrame } from '../charts/ChartFrame';
import { textWidth } from '../charts/chartExport';
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, shorten } from '../charts/chartStyle';
import { formatMeasure, MEASURE_LABELS, measureOf, type Measure } from './frequencyModel';
import { useCodes } from '../../codebook/useCodes';

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
  /** Categories shown. */
  groups: number;
}

/**
 * Ungrouped: a category per code, one bar each in the code's colour. Grouped (by outlet, article…): one bar per code
 * that the group has, the group's bars next to each other under its label — no empty slot for a code the group
 * lacks. Zeros are left out; codes keep their codebook order (a parent before its sub-codes), given by `codeOrder`.
 */
function chartData(counts: CodeCounts, measure: Measure, codeOrder: ReadonlyMap<number, number>): ChartData {
  const nonZero = counts.rows.filter((r) => measureOf(r, measure) > 0);
  if (counts.by === 'none') {
    const rows = nonZero.map((r) => ({ category: r.codePath, label: r.codePath, v: measureOf(r, measure), color: r.color, codeId: r.codeId }));
    return {
      rows: rows.slice(0, MAX_CATEGORIES),
      series: [{ key: 'v', codeId: 0, codePath: '', color: '' }],
      hidden: Math.max(0, rows.length - MAX_CATEGORIES),
      groups: rows.length,
    };
  }
  const rank = (codeId: number, path: string) => codeOrder.get(codeId) ?? Number.MAX_SAFE_INTEGER - 1 + path.split('/').length;
  const series = new Map<number, Series>();
  const byGroup = new Map<string | null, typeof nonZero>();
  for (const r of nonZero) {
    if (!series.has(r.codeId)) series.set(r.codeId, { key: 'v', codeId: r.codeId, codePath: r.codePath, color: r.color });
    const list = byGroup.get(r.group) ?? [];
    list.push(r);
    byGroup.set(r.group, list);
  }
  // Groups in the core's order (attribute values sorted, "no value" last).
  const groups = counts.groups.filter((g) => byGroup.has(g.key));
  const shown = groups.slice(0, MAX_CATEGORIES);
  const rows = shown.flatMap((g) =>
    (byGroup.get(g.key) ?? [])
      .sort((a, b) => rank(a.codeId, a.codePath) - rank(b.codeId, b.codePath))
      .map((r, i) => ({
        category: `${g.key ?? ''}\u0000${r.codeId}`,
        // The group's label on its first bar only; the rest of its bars sit under it.
        label: i === 0 ? g.label : '',
        group: g.label,
        codePath: r.codePath,
        v: measureOf(r, measure),
        color: r.color,
        codeId: r.codeId,
      })),
  );
  return {
    rows,
    series: [...series.values()].sort((a, b) => rank(a.codeId, a.codePath) - rank(b.codeId, b.codePath)),
    hidden: Math.max(0, groups.length - MAX_CATEGORIES),
    groups: shown.length,
  };
}

interface Props {
  counts: CodeCounts;
  measure: Measure;
  title: string;
  categoryNoun: string;
}

export function FrequencyChart({ counts, measure, title, categoryNoun }: Props) {
  const codes = useCodes();
  const codeOrder = new Map(codes.map((c, i) => [c.id, i]));
  const { rows, series, hidden, groups } = chartData(counts, measure, codeOrder);
  const grouped = counts.by !== 'none';
  const height = Math.max(120, rows.length * (BAR + 2) + groups * CATEGORY_GAP + 40);
  const legend = grouped ? series.map((s) => ({ label: s.codePath, color: s.color })) : [];
  const labelOf = new Map(rows.map((r) => [String(r.category), String(r.label)]));
  const labels = rows.map((r) => shorten(String(r.label), LABEL_CHARS));
  // Room for the longest category label, within reason (long labels are shortened; the tooltip has them whole).
  const labelWidth = Math.ceil(Math.max(48, ...labels.map((l) => textWidth(l, AXIS_TICK.fontSize))) + 12);
  if (rows.length === 0) {
    return <p className="muted analysis-empty">Nothing to chart: no code has {MEASURE_LABELS[measure].toLowerCase()} yet.</p>;
  }
  // Each bar takes its colour and code from its row.
  const bar = (p: BarShapeProps) => {
    const row = (p.payload ?? {}) as Record<string, string | number | undefined>;
    return grouped ? (
      <CodeBar {...p} codePath={String(row.codePath ?? '')} group={String(row.group ?? '')} color={String(row.color ?? '')} />
    ) : (
      <CodeBar {...p} codePath={String(row.category ?? '')} group="" color={String(row.color ?? '')} />
    );
  };
  const tooltipLabel = (category: unknown, payload: readonly { payload?: Record<string, unknown> }[]) => {
    const row = payload[0]?.payload;
    return grouped && row ? `${String(row.group)} — ${String(row.codePath)}` : String(category);
  };
  return (
    <ChartFrame
      title={title}
      legend={legend}
      testId="frequency-chart"
      note={hidden > 0 ? `The chart shows the first ${groups} ${categoryNoun}; ${hidden} more are in the table and the CSV.` : undefined}
    >
      {(width) => (
        <BarChart layout="vertical" width={width} height={height} data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }} barCategoryGap={1}>
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
            tickFormatter={(v: string) => shorten(labelOf.get(v) ?? v, LABEL_CHARS)}
          />
          <Tooltip
            cursor={{ fill: 'rgba(0,0,0,0.04)' }}
            formatter={(v) => formatMeasure(Number(v), measure)}
            labelFormatter={tooltipLabel}
            isAnimationActive={false}
          />
          <Bar dataKey="v" name={MEASURE_LABELS[measure]} fill="#888888" barSize={BAR} isAnimationActive={false} shape={bar} />
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
