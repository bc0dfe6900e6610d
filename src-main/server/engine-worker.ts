// Build entry → out/main/engine-worker.js. The server's engine in a worker thread: createEngine confined to
// its workspace, served over the thread's parent port. `workerData.workspaceDir` picks the workspace, `maxJobs` the job
// queue's bound (absent = from cores and free memory), `deadThreads` the thread ids of crashed earlier workers.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../create-engine';
import { messagePort } from '../channel/port';
import { serveEngine } from '../channel/serve-engine';
import { markThreadsDead } from '../workspace/atomic';

const DISPOSE = 'edgelab:dispose'; // = WORKER_DISPOSE.type in engine-host.ts (not imported: keeps this bundle small)

if (!parentPort) throw new Error('engine-worker.js must run in a worker thread (started by the EdgeLab server)');
const port = parentPort;
const data = (workerData ?? {}) as { workspaceDir?: string; maxJobs?: number; deadThreads?: number[] };
// Earlier engine workers of this process that crashed: their temps are swept when the workspace opens.
markThreadsDead(data.deadThreads ?? []);

const engine = await createEngine({ host: 'server', pathPolicy: 'confined', workspaceDir: data.workspaceDir, maxJobs: data.maxJobs });
const served = serveEngine(engine, messagePort(port));
port.on('message', (m: unknown) => {
  if (m && typeof m === 'object' && (m as { type?: unknown }).type === DISPOSE) {
    served.dispose();
    void engine.dispose().finally(() => process.exit(0));
  }
});
