// LiteRT.js (@litertjs/core, pinned 2.5.3: Google's WebAssembly build of the TFLite runtime with XNNPACK) in Node.
// WHY THIS FILE: the package is written for browsers. Its loader (@litertjs/wasm-utils createWasmLib) calls
// `importScripts(url)` (or inserts a <script>) to run the Emscripten glue, then reads `self.ModuleFactory`; the glue
// itself runs in Node mode but expects CommonJS `require` and `__dirname`. So, once per process, we provide `self`
// and `importScripts` for the duration of the load (restored afterwards), run the glue with `require`/`__dirname`
// passed as function arguments (no global `require`), and load the .wasm from node_modules. We also bypass the
// package's high-level CompiledModel/Tensor classes and use the Emscripten bindings they wrap (`liteRtWasm`):
// those classes refuse INT8/INT16 element types (their dtype table holds float32/int32/uint8 only) and a batch
// of -1 in the signature; the bindings run both. Everything version-specific lives here.
import { promises as fs, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** The Emscripten objects we use (LiteRtWasm in @litertjs/core's d.ts, trimmed to what runtimes/tflite-runtime.ts calls). */
export interface WasmVector<T> {
  size(): number;
  get(i: number): T;
  push_back(v: T): void;
  delete(): void;
}
export interface WasmTensorType {
  elementType(): { value: number };
  layout(): { dimensions(): WasmVector<number>; delete(): void };
  delete(): void;
}
export interface WasmTensorBuffer {
  lock(mode: unknown): number;
  unlock(): void;
  packedSize(): number;
  tensorType(): WasmTensorType;
  delete(): void;
}
export interface WasmModel {
  getSignature(i: number): { inputNames(): WasmVector<string>; outputNames(): WasmVector<string>; delete(): void };
  delete(): void;
}
export interface WasmCompiledModel {
  run(signature: number, inputs: WasmTensorBuffer[]): WasmTensorBuffer[] | Promise<WasmTensorBuffer[]>;
  delete(): void;
}
export interface LiteRtWasm {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  VectorInt32: new () => WasmVector<number>;
  LiteRtLayout: { create(dims: WasmVector<number>): { delete(): void } };
  LiteRtRankedTensorType: { create(t: { value: number }, layout: unknown): WasmTensorType };
  LiteRtTensorBuffer: { createManaged(env: unknown, type: unknown, t: WasmTensorType, bytes: number): WasmTensorBuffer };
  LiteRtTensorBufferType: { HOST_MEMORY: unknown };
  LiteRtTensorBufferLockMode: { READ: unknown; WRITE: unknown };
  loadModel(env: unknown, ptr: number, bytes: number): WasmModel;
  compileModel(env: unknown, model: WasmModel, options: unknown): Promise<WasmCompiledModel>;
}
export interface LiteRtNode {
  wasm: LiteRtWasm;
  /** The default LiteRtEnvironment (CPU; no WebGPU device in Node). */
  env: unknown;
  /** Compile options for the XNNPACK CPU path with `threads` threads. */
  cpuOptions(threads: number): unknown;
  version: string;
}

const req = createRequire(import.meta.url);
let loading: Promise<LiteRtNode> | undefined;

/** The package folder (holds dist/ and wasm/). */
export function liteRtPackageDir(): string {
  return dirname(req.resolve('@litertjs/core/package.json'));
}

/** Loads LiteRT.js once per process (≈ 0.1–0.3 s). Its stderr chatter (INFO/WARNING lines) is dropped, ERROR kept. */
export function liteRtNode(): Promise<LiteRtNode> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

async function load(): Promise<LiteRtNode> {
  const pkg = liteRtPackageDir();
  const wasmDir = join(pkg, 'wasm') + '/';
  const version = (JSON.parse(await fs.readFile(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const g = globalThis as Record<string, unknown>;
  const saved = { self: g.self, importScripts: g.importScripts, Module: g.Module };
  const hadSelf = 'self' in g;
  g.self = globalThis;
  g.Module = {
    print: () => undefined,
    printErr: (line: string) => {
      if (line.startsWith('ERROR')) process.stderr.write(`litert: ${line}\n`);
    },
  };
  g.importScripts = (url: string) => {
    const file = String(url);
    const code = `(function (require, __dirname) {\n${readFileSync(file, 'utf8')}\nreturn ModuleFactory;\n})`;
    const wrap = vm.runInThisContext(code, { filename: file }) as (r: NodeRequire, d: string) => unknown;
    g.ModuleFactory = wrap(createRequire(file), dirname(file));
  };
  const warn = console.warn;
  try {
    const lt = (await import('@litertjs/core')) as unknown as {
      loadLiteRt(dir: string): Promise<{ liteRtWasm: LiteRtWasm; getDefaultEnvironment(): { liteRtEnvironment: unknown } }>;
    };
    // Environment.create() asks navigator.gpu for a WebGPU device and warns when there is none: expected in Node.
    console.warn = () => undefined;
    const rt = await lt.loadLiteRt(wasmDir);
    const env = rt.getDefaultEnvironment();
    return {
      wasm: rt.liteRtWasm,
      env: env.liteRtEnvironment,
      cpuOptions: (threads) => ({ environment: env, accelerator: 'wasm', cpuOptions: { numThreads: threads }, gpuOptions: {}, webNNOptions: {} }),
      version,
    };
  } finally {
    console.warn = warn;
    if (hadSelf) g.self = saved.self;
    else delete g.self;
    if (saved.importScripts === undefined) delete g.importScripts;
    else g.importScripts = saved.importScripts;
    if (saved.Module === undefined) delete g.Module;
    else g.Module = saved.Module;
  }
}
