// Saves the renderer makes on its own schedule (a coding's edges moved press after press are saved one after
// another): Undo and Redo wait for them first, so a Ctrl+Z pressed while a burst is still being saved undoes the
// whole burst instead of landing in its middle and leaving the rest to arrive as a new step.

const pending = new Set<Promise<unknown>>();

/** Registers a save in flight; returns it. */
export function trackWrite<T>(write: Promise<T>): Promise<T> {
  pending.add(write);
  void write.finally(() => pending.delete(write)).catch(() => undefined);
  return write;
}

/** Resolves once every save registered so far (and any registered meanwhile) has finished, however it ended. */
export async function writesSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

let epoch = 0;

/** Counts undos and redos, so work built on the spans shown before one (a run of key presses) can tell it happened. */
export function historyEpoch(): number {
  return epoch;
}

export function historyMoved(): void {
  epoch++;
}
