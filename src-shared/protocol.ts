// The wire protocol between an API client and the engine, whatever the transport (in-process call,
// Electron IPC / utility-process port, HTTP + NDJSON stream, worker_threads port). Every message is
// JSON-safe. Progress and cancellation are part of the protocol, as in VS Code's IPC channel.

/** Minimal cancellation signal; a DOM/Node `AbortSignal` satisfies it structurally. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Progress of one long call. `done`/`total` count work units named by `unit` (e.g. "frames"). */
export interface Progress {
  stage: string;
  done?: number;
  total?: number;
  unit?: string;
  /** 0..1 over the whole call, when known. */
  fraction?: number;
  /** Estimated remaining wall time in milliseconds, when known. */
  etaMs?: number;
  message?: string;
  /** A milestone (a step started, finished, failed): never dropped by progress throttling. */
  milestone?: boolean;
  /** Set while the call waits in the engine's job queue (stage 'queued') and when it leaves it (stage 'started'). */
  queue?: QueueState;
}

/** A long call's place in the engine's job queue (src-main/jobs/queue.ts). */
export interface QueueState {
  /** 1-based place among the waiting calls; 0 = running. */
  position: number;
  /** Calls waiting / running in the engine now, and the concurrency bound. */
  waiting: number;
  running: number;
  limit: number;
  /** Time spent waiting so far (stage 'queued') or in all (stage 'started'), ms. */
  waitedMs?: number;
}

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  signal?: CancelSignal;
}

export type ErrorCode =
  | 'BAD_INPUT' // the user's file or argument is wrong (names the file and the problem)
  | 'NOT_FOUND'
  | 'FORBIDDEN' // path outside what this host may touch
  | 'UNAUTHORIZED'
  | 'CANCELLED'
  | 'UNSUPPORTED'
  | 'INTERNAL';

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** The file the problem is about, when there is one. */
  file?: string;
}

/** The one error type that crosses the API; `message` is one line meant for a user. */
export class EdgeLabError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  constructor(code: ErrorCode, message: string, file?: string) {
    super(file && !message.includes(file) ? `${file}: ${message}` : message);
    this.name = 'EdgeLabError';
    this.code = code;
    this.file = file;
  }
  toPayload(): ErrorPayload {
    return this.file ? { code: this.code, message: this.message, file: this.file } : { code: this.code, message: this.message };
  }
  static fromPayload(p: ErrorPayload): EdgeLabError {
    return new EdgeLabError(p.code, p.message, p.file);
  }
  /** Wraps anything thrown into a payload without losing an EdgeLabError's code. */
  static toPayload(e: unknown): ErrorPayload {
    if (e instanceof EdgeLabError) return e.toPayload();
    if (e && typeof e === 'object' && 'code' in e && 'message' in e && isErrorCode((e as { code: unknown }).code)) {
      const x = e as { code: ErrorCode; message: string; file?: string };
      return { code: x.code, message: String(x.message), ...(x.file ? { file: x.file } : {}) };
    }
    const msg = e instanceof Error ? e.message : String(e);
    return { code: 'INTERNAL', message: msg.split('\n')[0] ?? 'unknown error' };
  }
}

const ERROR_CODES: readonly ErrorCode[] = ['BAD_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'CANCELLED', 'UNSUPPORTED', 'INTERNAL'];
export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x);
}

export function cancelledError(): EdgeLabError {
  return new EdgeLabError('CANCELLED', 'cancelled');
}

/** Throws CANCELLED if the signal fired. Call between work units. */
export function throwIfCancelled(signal?: CancelSignal): void {
  if (signal?.aborted) throw cancelledError();
}

// ---- messages (client → engine) ----
export interface CallMessage {
  type: 'call';
  id: string;
  method: string;
  args: unknown;
}
export interface CancelMessage {
  type: 'cancel';
  id: string;
}
// ---- messages (engine → client) ----
export interface ProgressMessage {
  type: 'progress';
  id: string;
  progress: Progress;
}
export interface ResultMessage {
  type: 'result';
  id: string;
  result: unknown;
}
export interface ErrorMessage {
  type: 'error';
  id: string;
  error: ErrorPayload;
}
export type ClientMessage = CallMessage | CancelMessage;
export type EngineMessage = ProgressMessage | ResultMessage | ErrorMessage;
