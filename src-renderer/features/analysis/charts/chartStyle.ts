// Colours and type for the charts' axes, as props: the chart library draws them as SVG attributes, which the
// exported files then carry too (a stylesheet rule would not travel with the SVG).
export const AXIS_TICK = { fill: '#6d675d', fontSize: 12 };
export const AXIS_LINE = { stroke: '#dcd8cf' };
export const GRID_STROKE = '#ebe8e1';

/** A label cut to `max` characters with an ellipsis; axes have fixed room, tooltips show the whole. */
export function shorten(label: string, max = 28): string {
  const chars = Array.from(label);
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}
