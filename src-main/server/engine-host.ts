// Where the server's engine runs. 'worker' (default): a worker thread running out/main/engine-worker.js, so
// inference never blocks the HTTP event loop; restarted on the next call if it died. 'inline': the engine in
// this thread, still behind serveEngine/connectEngine over a MessageChannel so that validation, JSON-safety
// and cancellation behave exactly as with the worker. Tests may hand in their own `api`.
import { existsSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { EdgeLabApi, MethodName } from '../../src-shared/api';
import type { Transport } from '../../src-shared/client';
import { EdgeLabError, type CallOptions } from '../../src-shared/protocol';
import { connectEngine, type EngineConnection } from '../channel/connect-engine';
import { messagePort, workerPort } from '../channel/port';
import { serveEngine } from '../channel/serve-engine';
import { locateOut } from './locate';

export interface EngineHost extends Transport {
  close(): Promise<void>;
}

export interface EngineHostOptions {
  mode: 'worker' | 'inline';
  workspaceDir?: string;
  /** Long jobs run at once (create-engine's maxJobs; absent = from cores and free memory). */
  maxJobs?: number;
  /** Inline only: serve this api instead of createEngine's. */
  api?: EdgeLabApi & { dispose?(): Promise<void> };
  /** Worker only: the built worker file (default: located beside the build output). */
  workerFile?: string;
}

/** Message the worker understands besides the protocol: dispose the engine and exit. */
export const WORKER_DISPOSE = { type: 'edgelab:dispose' } as const;

export async function startEngineHost(opts: EngineHostOptions): Promise<EngineHost> {
  const host = opts.mode === 'worker' ? workerHost(opts) : await inlineHost(opts);
  // Fail at start, not on the first request, when the engine cannot come up.
  await host.call('getInfo', {});
  return host;
}

function workerHost(opts: EngineHostOptions): EngineHost {
  const file = opts.workerFile ?? locateOut().engineWorker;
  if (!existsSync(file)) {
    throw new EdgeLabError('INTERNAL', `engine worker not built: ${file} is missing (run npm run build)`, file);
  }
  let worker: Worker | null = null;
  let conn: EngineConnection | null = null;
  let closing = false;
  /** Thread ids of workers that exited while the host was open (crashed): the next worker sweeps their temps. */
  const dead: number[] = [];
  const spawn = () => {
    const w = new Worker(file, { workerData: { workspaceDir: opts.workspaceDir, maxJobs: opts.maxJobs, deadThreads: [...dead] } });
    const tid = w.threadId;
    w.once('exit', () => {
      if (!closing) dead.push(tid);
    });
    worker = w;
    conn = connectEngine(workerPort(w));
    return conn;
  };
  return {
    call(method: MethodName, args: unknown, options?: CallOptions) {
      if (closing) return Promise.reject(new EdgeLabError('INTERNAL', 'engine stopped: server closing'));
      const c = conn && !conn.closed ? conn : spawn();
      return c.call(method, args, options);
    },
    async close() {
      closing = true;
      const w = worker as Worker | null;
      const c = conn as EngineConnection | null;
      if (!w) return;
      const exited = new Promise<void>((r) => w.once('exit', () => r()));
      if (!c?.closed) {
        w.postMessage(WORKER_DISPOSE);
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 3000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') await w.terminate();
      }
      c?.dispose();
    },
  };
}

async function inlineHost(opts: EngineHostOptions): Promise<EngineHost> {
  let api = opts.api;
  if (!api) {
    const { createEngine } = await import('../create-engine');
    api = await createEngine({ host: 'server', pathPolicy: 'confined', workspaceDir: opts.workspaceDir, maxJobs: opts.maxJobs });
  }
  const { port1, port2 } = new MessageChannel();
  const served = serveEngine(api, messagePort(port1));
  const conn = connectEngine(messagePort(port2));
  return {
    call: conn.call,
    async close() {
      served.dispose();
      conn.dispose();
      port1.close();
      await api.dispose?.();
    },
  };
}
