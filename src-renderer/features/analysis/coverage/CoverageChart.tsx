import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Coverage } from '../../../../src-main/contract/types';
import { ChartFrame } from '../charts/ChartFrame';
import { AXIS_LINE, AXIS_TICK, GRID_STROKE } from '../charts/chartStyle';

const monthFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Oct 2023", "Oct 7, 2023", "week of Oct 9, 2023": periods as people say them (the data keeps ISO dates). */
export function periodLabel(period: string, interval: Coverage['interval']): string {
  const date = new Date(`${interval === 'month' ? `${period}-01` : period}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  if (interval === 'month') return monthFormat.format(date);
  return `${interval === 'week' ? 'week of ' : ''}${dayFormat.format(date)}`;
}

/** Codings per period, a line per code in the code's colour. */
export function CoverageChart({ coverage, title }: { coverage: Coverage; title: string }) {
  const rows = coverage.periods.map((period, i) => {
    const row: Record<string, string | number> = { period };
    for (const s of coverage.series) row[`c${s.codeId}`] = s.counts[i] ?? 0;
    return row;
  });
  // A single period draws no line; its dots still show the counts.
  const dots = coverage.periods.length <= 40;
  return (
    <ChartFrame title={title} legend={coverage.series.map((s) => ({ label: s.codePath, color: s.color }))} testId="coverage-chart">
      {(width) => (
        <LineChart width={width} height={320} data={rows} margin={{ top: 8, right: 40, bottom: 8, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="period"
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            tickFormatter={(p: string) => periodLabel(p, coverage.interval).replace('week of ', '')}
            minTickGap={16}
            padding={{ left: 16, right: 16 }}
          />
          <YAxis allowDecimals={false} tick={AXIS_TICK} axisLine={AXIS_LINE} tickLine={AXIS_LINE} width={40} />
          <Tooltip labelFormatter={(p) => periodLabel(String(p), coverage.interval)} isAnimationActive={false} />
          {coverage.series.map((s) => (
            <Line
              key={s.codeId}
              type="linear"
              dataKey={`c${s.codeId}`}
              name={s.codePath}
              stroke={s.color}
              strokeWidth={2}
              dot={dots ? { r: 3, fill: s.color, stroke: s.color } : false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartFrame>
  );
}
