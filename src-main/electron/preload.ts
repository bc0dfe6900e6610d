// Sandboxed preload (built as CommonJS: out/preload/preload.cjs). Exposes exactly one thing to the page:
// `window.edgelab`, an EdgeLabBridge that carries protocol messages over two IPC channels. No Node, no
// ipcRenderer, no other object crosses the context bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EdgeLabBridge } from '../../src-shared/bridge';
import type { ClientMessage, EngineMessage } from '../../src-shared/protocol';
import { IPC_MESSAGE, IPC_SEND } from './ipc-channels';

const bridge: EdgeLabBridge = {
  send(message: ClientMessage) {
    ipcRenderer.send(IPC_SEND, message);
  },
  onMessage(listener: (message: EngineMessage) => void) {
    const handler = (_e: IpcRendererEvent, m: EngineMessage) => listener(m);
    ipcRenderer.on(IPC_MESSAGE, handler);
    return () => {
      ipcRenderer.removeListener(IPC_MESSAGE, handler);
    };
  },
};

contextBridge.exposeInMainWorld('edgelab', bridge);
