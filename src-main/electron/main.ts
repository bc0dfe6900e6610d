// Build entry → out/main/electron-main.js (package.json "main"). The desktop shell: one sandboxed window
// showing the renderer, the engine in a utility process, and a validating relay between the two.
// Security: contextIsolation, sandbox, no nodeIntegration, webSecurity on; all navigation blocked; new
// windows denied (https links go to the system browser); a CSP on every response; permissions denied.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, utilityProcess, type OpenDialogOptions, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../server/headers';
import { IPC_MESSAGE, IPC_SEND } from './ipc-channels';
import { utilityProcessPort } from './ports';
import { createRelay } from './relay';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const RENDERER_INDEX = join(here, '..', 'renderer', 'index.html');
const PRELOAD = join(here, '..', 'preload', 'preload.cjs');
const ENGINE = join(here, 'engine-process.js');
/** electron-vite's dev server, only honoured in an unpackaged build. */
const DEV_URL = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const APP_URL = DEV_URL ?? pathToFileURL(RENDERER_INDEX).href;
// The dev server needs inline scripts (React refresh preamble) and a websocket for hot reload.
const CSP = DEV_URL ? `${CONTENT_SECURITY_POLICY}; script-src 'self' 'unsafe-inline'; connect-src 'self' ws:` : CONTENT_SECURITY_POLICY;

// The engine inherits the environment: EDGELAB_WORKSPACE, else the engine's default workspace — the same one
// the CLI uses, so runs made on the command line show up in the window.
const relay = createRelay(() => {
  const child = utilityProcess.fork(ENGINE, [], { serviceName: 'EdgeLab engine', stdio: 'inherit', env: { ...process.env } });
  return utilityProcessPort(child);
});

/**
 * The engine is confined (the workspace, bundled models and samples): anything else is reachable only after the user
 * picked it in a native dialog here, in the main process; the relay remembers it while the app runs.
 */
async function pickAndAllow(properties: OpenDialogOptions['properties'], title: string): Promise<void> {
  const win = BrowserWindow.getFocusedWindow();
  const opts: OpenDialogOptions = { title, properties };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  if (!r.canceled) relay.allowPicked(r.filePaths);
}

function setMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: 'File',
        submenu: [
          { label: 'Allow files…', click: () => void pickAndAllow(['openFile', 'multiSelections'], 'Files EdgeLab may read (models, clips, labels, benchmarks)') },
          { label: 'Allow a folder…', click: () => void pickAndAllow(['openDirectory', 'createDirectory'], 'A folder EdgeLab may read and write (inputs, outputs)') },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      { role: 'editMenu' },
      { role: 'viewMenu' },
    ]),
  );
}

/** Only our own page may talk to the engine. */
function isAppFrame(url: string | undefined): boolean {
  if (!url) return false;
  return DEV_URL ? url.startsWith(DEV_URL) : url.split(/[?#]/, 1)[0] === APP_URL;
}

function openExternally(url: string): void {
  if (/^https:\/\//i.test(url)) void shell.openExternal(url);
}

function harden(contents: WebContents): void {
  // Nothing navigates: the app is a single page; links to the web open in the system browser.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'EdgeLab',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  const senderId = win.webContents.id;
  win.webContents.once('destroyed', () => relay.dropSender(senderId));
  win.once('ready-to-show', () => win.show());
  if (DEV_URL) void win.loadURL(DEV_URL);
  else void win.loadFile(RENDERER_INDEX);
}

ipcMain.on(IPC_SEND, (event, message: unknown) => {
  if (!isAppFrame(event.senderFrame?.url)) return;
  const sender = event.sender;
  relay.fromRenderer(sender.id, message, (m) => {
    if (!sender.isDestroyed()) sender.send(IPC_MESSAGE, m);
  });
});

app.on('web-contents-created', (_event, contents) => harden(contents));

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  setMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => relay.dispose());
