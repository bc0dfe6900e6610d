// The Electron engine: the same confinement as the server (pathPolicy 'confined': the workspace, the bundled models
// and samples) plus the paths the user picked through a native dialog, which arrive from the main process as allow
// messages. A compromised renderer can therefore read or write nothing else (not ~/.bashrc). Electron-free, so the
// tests drive it over a MessageChannel; engine-process.ts runs it on the utility process's parent port.
import type { PortLike } from '../channel/port';
import { serveEngine, type ServedEngine } from '../channel/serve-engine';
import { createEngine, type Engine } from '../create-engine';
import { withAllowMessages } from './allow-message';

export async function serveConfinedEngine(port: PortLike, workspaceDir?: string): Promise<{ engine: Engine; served: ServedEngine }> {
  const engine = await createEngine({ host: 'electron', pathPolicy: 'confined', workspaceDir });
  // The port queues what arrives before serveEngine subscribes (ports.ts), allow messages included.
  return { engine, served: serveEngine(engine, withAllowMessages(port, (p) => engine.pathPolicy.allow(p))) };
}
