// Build entry → out/main/engine-process.js, started by the Electron shell with utilityProcess.fork. The engine
// runs here, off the main process, confined as the server's (serve-confined.ts): the workspace, the bundled models
// and samples, and the paths the user picked through a native dialog (allow messages from the main process).
// EDGELAB_WORKSPACE, when set, chooses the workspace folder (else the engine's default, shared with the CLI).
import type { ParentPort } from 'electron';
import { parentPortLike } from './ports';
import { serveConfinedEngine } from './serve-confined';

const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parent) throw new Error('engine-process.js must be started by the EdgeLab Electron shell (utilityProcess.fork)');
// Attach before the (slow) engine start so that early calls are queued, not lost.
const port = parentPortLike(parent);
await serveConfinedEngine(port, process.env.EDGELAB_WORKSPACE || undefined);
