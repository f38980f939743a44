import { useRef, useState, type ReactNode } from 'react';
import { useAppStore } from '../../../app/store';
import { chartSvg, downloadBlob, fileNameFor, svgToPng, type LegendItem } from './chartExport';
import { ChartLegend } from './ChartLegend';
import { useElementWidth } from './useElementWidth';

interface Props {
  /** Names the chart on screen and in the exported files (and their file names). */
  title: string;
  legend: LegendItem[];
  /** Draws the chart at the width the frame has for it (charts get an explicit size, which the exported SVG keeps). */
  children(width: number): ReactNode;
  testId?: string;
  /** A line under the chart, e.g. what it leaves out. */
  note?: ReactNode;
}

/** A chart with its title, legend and PNG / SVG downloads. */
export function ChartFrame({ title, legend, children, testId, note }: Props) {
  const { attempt } = useAppStore();
  const box = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const width = useElementWidth(box);

  const exported = () => {
    const svg = box.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) throw new Error('The chart is not drawn yet.');
    return chartSvg(svg, title, legend);
  };
  const saveSvg = () => attempt(async () => downloadBlob(new Blob([exported().markup], { type: 'image/svg+xml' }), fileNameFor(title, 'svg')));
  const savePng = async () => {
    setBusy(true);
    try {
      await attempt(async () => downloadBlob(await svgToPng(exported()), fileNameFor(title, 'png')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <figure className="chart-frame" data-testid={testId}>
      <figcaption className="chart-header">
        <span className="chart-title">{title}</span>
        <span className="chart-downloads">
          <button type="button" className="icon-button" disabled={busy} onClick={() => void savePng()} data-testid="chart-download-png">
            PNG
          </button>
          <button type="button" className="icon-button" onClick={() => void saveSvg()} data-testid="chart-download-svg">
            SVG
          </button>
        </span>
      </figcaption>
      {/* Above the chart: a tall chart would push it out of sight (the exported files carry it below). */}
      <ChartLegend items={legend} />
      <div className="chart-box" ref={box}>
        {children(width)}
      </div>
      {note && <p className="chart-note muted">{note}</p>}
    </figure>
  );
}
