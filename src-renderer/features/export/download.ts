/**
 * The web host writes exports into its data folder and hands back a URL; the browser only saves a file when a link
 * with a `download` attribute is followed.
 */
export function downloadFrom(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(url);
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

function fileNameOf(url: string): string {
  const last = url.split('?')[0].split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || 'gloss-export';
  } catch {
    return last || 'gloss-export';
  }
}
