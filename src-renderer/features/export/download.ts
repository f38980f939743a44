/**
 * The web host hands back a one-use URL for an export (the file is deleted once sent); the browser saves a file only
 * when a link with a `download` attribute is followed, and streams it to disk itself. The URL is its own credential:
 * a link cannot carry the token header.
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
  const [path = ''] = url.split('?');
  const last = path.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || 'gloss-export';
  } catch {
    return last || 'gloss-export';
  }
}
