import { at } from '../../src-main/contract/must';

export interface Figure {
  metric: string;
  value: number;
  unit: string;
  bound: number | null;
  ratio: number | null;
  /** How `ratio` reads: value/bound for throughput ("higher is better") or time ("lower is better"). */
  note?: string;
}

/** Runs `fn` `runs` times and returns the median of what it reports (or of its duration in ms). */
export async function median(runs: number, fn: () => Promise<number> | number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await fn());
  values.sort((a, b) => a - b);
  return at(values, Math.floor(values.length / 2));
}

export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.metric,
    fmt(f.value),
    f.unit,
    f.bound === null ? '' : fmt(f.bound),
    f.ratio === null ? '' : f.ratio.toFixed(2),
    f.note ?? '',
  ]);
  const head = ['metric', 'value', 'unit', 'bound', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => at(r, i).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(at(widths, i))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
