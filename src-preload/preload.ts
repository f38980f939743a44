// The only bridge between the sandboxed renderer and main. It exposes `window.gloss`: one function per contract call
// (each sends its own name on the single invoke channel; main validates the payload), an event subscription, and
// Electron's file-path lookup for drag and drop. Raw ipcRenderer never reaches the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { callNames } from '../src-main/contract/callNames';
import { IPC_CALL, IPC_EVENT } from '../src-main/contract/ipc';
import type { GlossEvent } from '../src-main/contract/types';

const gloss = {
  calls: Object.fromEntries(callNames.map((name) => [name, (payload: unknown) => ipcRenderer.invoke(IPC_CALL, name, payload)])),
  onEvent(listener: (event: GlossEvent) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, event: GlossEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('gloss', gloss);
