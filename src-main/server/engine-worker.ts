// Build entry → out/main/engine-worker.js. The server's engine in a worker thread: createEngine confined to
// its workspace, served over the thread's parent port. `workerData.workspaceDir` picks the workspace, `maxJobs` the job
// queue's bound (absent = from cores and free memory), `deadThreads` the thread ids of crashed earlier workers.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../create-engine';
import { messagePort } from '../channel/port';
import { serveEngine } from '../channel/serve-engine';
import { markThreadsDead } from '../workspace/atomic';

/** Bundled model whose graph is read once at start (442 kB ONNX). */
const WARM_GRAPH_MODEL = 'blazeface-front';
const DISPOSE = 'edgelab:dispose'; // = WORKER_DISPOSE.type in engine-host.ts (not imported: keeps this bundle small)

if (!parentPort) throw new Error('engine-worker.js must run in a worker thread (started by the EdgeLab server)');
const port = parentPort;
const data = (workerData ?? {}) as { workspaceDir?: string; maxJobs?: number; deadThreads?: number[] };
// Earlier engine workers of this process that crashed: their temps are swept when the workspace opens.
markThreadsDead(data.deadThreads ?? []);

const engine = await createEngine({ host: 'server', pathPolicy: 'confined', workspaceDir: data.workspaceDir, maxJobs: data.maxJobs });
const served = serveEngine(engine, messagePort(port));
// Warm the model-graph path (file read, ONNX decode, graph building) on the smallest bundled model while no request
// is waiting yet: the first graph a user opens then parses with compiled code (bench:graph, first paint). A small
// gain, measured idle on this 2-core machine: the first CenterNet modelGraph over HTTP 153–172 ms vs 175–192 ms without.
setTimeout(() => void engine.modelGraph({ model: WARM_GRAPH_MODEL }).catch(() => {}), 0);
port.on('message', (m: unknown) => {
  if (m && typeof m === 'object' && (m as { type?: unknown }).type === DISPOSE) {
    served.dispose();
    void engine.dispose().finally(() => process.exit(0));
  }
});
