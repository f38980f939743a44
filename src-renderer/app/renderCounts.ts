// Counts renders of chosen components, for the e2e test that proves a drag in the reader re-renders nothing in the
// codebook. Off unless the page was opened with sessionStorage 'gloss-count-renders' = '1' (a test sets it before
// the app loads); then `window.__glossRenderCounts[name]` counts. When off, a render pays one boolean check.
const enabled = (() => {
  try {
    return window.sessionStorage.getItem('gloss-count-renders') === '1';
  } catch {
    return false;
  }
})();

declare global {
  interface Window {
    __glossRenderCounts?: Record<string, number>;
  }
}

export function countRender(name: string): void {
  if (!enabled) return;
  const counts = (window.__glossRenderCounts ??= {});
  counts[name] = (counts[name] ?? 0) + 1;
}
