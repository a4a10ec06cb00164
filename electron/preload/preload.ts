/**
 * The preload: exposes exactly the functions of `DesktopBridge` on
 * `window.supportspan`, each a fixed `ipcRenderer.invoke` call. Never ipcRenderer,
 * process, require or a generic send/on: the page can only ask for what the contract
 * names. Runs sandboxed, so it is bundled into one CommonJS file.
 */
// First: zod must be configured before the contract's schemas are built.
import '../../shared/zod-jitless';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_KEY,
  channels,
  events,
  type ChannelKey,
  type DesktopBridge,
  type MenuCommand,
  type Request,
  type Response,
} from '../../shared/ipc/contract';

function invoker<K extends ChannelKey>(key: K): (...args: Request<K>) => Promise<Response<K>> {
  const name = channels[key].name;
  return (...args) => ipcRenderer.invoke(name, ...args) as Promise<Response<K>>;
}

function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function');
  // The IPC event object is never handed to the page (it carries `sender`).
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
    const command = events.menuCommand.payload.safeParse(payload);
    if (command.success) listener(command.data);
  };
  ipcRenderer.on(events.menuCommand.name, wrapped);
  return () => {
    ipcRenderer.removeListener(events.menuCommand.name, wrapped);
  };
}

// `satisfies` fails the build if a function is missing, extra, or has the wrong type.
const bridge = {
  appInfo: invoker('appInfo'),
  openFile: invoker('openFile'),
  saveFile: invoker('saveFile'),
  openExternal: invoker('openExternal'),
  pendingOpen: invoker('pendingOpen'),
  fetchEndOfLife: invoker('fetchEndOfLife'),
  keysPublicInfo: invoker('keysPublicInfo'),
  keysSign: invoker('keysSign'),
  printToPdf: invoker('printToPdf'),
  onMenuCommand,
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
