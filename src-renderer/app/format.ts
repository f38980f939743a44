const numberFormat = new Intl.NumberFormat();

/** "1 coding", "1,204 codings". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
