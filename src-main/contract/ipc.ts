// Electron IPC channel names. There are exactly two: one invoke channel that carries every contract call by name
// (validated in main by the dispatcher), and one event channel from main to the renderer.
export const IPC_CALL = 'gloss:call';
export const IPC_EVENT = 'gloss:event';
