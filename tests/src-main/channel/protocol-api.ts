// A small in-test engine for protocol mechanics only (timing of progress and cancellation, error payloads).
// The contract tests (tests/contract) run the real engine; this one exists so that channel/server tests can
// control when a call progresses, fails or notices cancellation.
import { METHOD_NAMES, type EdgeLabApi } from '../../../src-shared/api';
import { EdgeLabError, cancelledError, type CallOptions } from '../../../src-shared/protocol';

export interface ProtocolApi extends EdgeLabApi {
  /** Calls that observed their signal aborting. */
  cancelledCalls: number;
  /** Calls that started. */
  startedCalls: number;
  disposed: boolean;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * - getInfo → a fixed EngineInfo (host 'test').
 * - replay → `frames` progress steps 20 ms apart, then a summary-like object; throws CANCELLED between steps.
 * - inspectModel → BAD_INPUT naming `model` as the file when it ends in ".bad"; else echoes the validated args.
 * - everything else → UNSUPPORTED.
 */
export function createProtocolApi(): ProtocolApi {
  const api = {
    cancelledCalls: 0,
    startedCalls: 0,
    disposed: false,
    async dispose() {
      api.disposed = true;
    },
  } as ProtocolApi;
  const table = api as unknown as Record<string, (args: any, o?: CallOptions) => Promise<unknown>>;
  for (const m of METHOD_NAMES) table[m] = async () => Promise.reject(new EdgeLabError('UNSUPPORTED', `${m} not in the protocol test engine`));
  table.getInfo = async () => {
    api.startedCalls++;
    return { version: '0.0.0-test', workspace: '/nowhere', runtimes: [], ffmpeg: null, host: 'test', absent: undefined };
  };
  table.inspectModel = async (args: { model: string }) => {
    api.startedCalls++;
    if (args.model.endsWith('.bad')) throw new EdgeLabError('BAD_INPUT', 'not a model file', args.model);
    return { echo: args };
  };
  table.replay = async (args: { frames: number; detectEvery: number }, o?: CallOptions) => {
    api.startedCalls++;
    for (let i = 0; i < args.frames; i++) {
      if (o?.signal?.aborted) {
        api.cancelledCalls++;
        throw cancelledError();
      }
      o?.onProgress?.({ stage: 'replay', done: i + 1, total: args.frames, unit: 'frames', fraction: (i + 1) / args.frames });
      await sleep(20);
    }
    return { frames: args.frames, detectEvery: args.detectEvery };
  };
  return api;
}
