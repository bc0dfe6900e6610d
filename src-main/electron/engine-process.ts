// Build entry → out/main/engine-process.js, started by the Electron shell with utilityProcess.fork. The engine
// runs here, off the main process, with pathPolicy 'open' (the desktop user picks any file). EDGELAB_WORKSPACE,
// when set, chooses the workspace folder (else the engine's default, shared with the CLI).
import type { ParentPort } from 'electron';
import { createEngine } from '../create-engine';
import { serveEngine } from '../channel/serve-engine';
import { parentPortLike } from './ports';

const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parent) throw new Error('engine-process.js must be started by the EdgeLab Electron shell (utilityProcess.fork)');
// Attach before the (slow) engine start so that early calls are queued, not lost.
const port = parentPortLike(parent);
const engine = await createEngine({ host: 'electron', pathPolicy: 'open', workspaceDir: process.env.EDGELAB_WORKSPACE || undefined });
serveEngine(engine, port);
