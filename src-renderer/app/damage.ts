// "Check project…" can be asked for from anywhere that meets damage (a 'damaged' error from an export or a read, a
// daily backup that refused to copy a damaged project); the ProjectCheck provider listens.
type Listener = () => void;
const listeners = new Set<Listener>();

export function requestProjectCheck(): void {
  for (const l of listeners) l();
}

export function onProjectCheckRequested(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
