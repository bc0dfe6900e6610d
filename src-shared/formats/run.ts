// A replay run on disk: a self-contained directory `<run-dir>/run.json` + `<run-dir>/frames/NNNNNN.jpg`.
// The same format lives in the workspace (`runs/<id>/`) and wherever `edgelab replay --out` writes.
// Invariant: a run directory is only ever visible complete (written to a temp dir, renamed into place).

export const RUN_SCHEMA = 'edgelab.run';
export const RUN_VERSION = 1;
export const RUN_FILE = 'run.json';
export const RUN_FRAMES_DIR = 'frames';

/** Box in normalised image coordinates of the *original* frame: x1,y1,x2,y2 in [0,1], x1<=x2, y1<=y2. */
export type Box = [number, number, number, number];

export interface Detection {
  box: Box;
  /** Confidence in [0,1]. */
  score: number;
  /** Class id in the model's label space. */
  classId: number;
  label: string;
  /** 'detected' = this frame's detector output; 'propagated' = carried by the tracker. */
  source: 'detected' | 'propagated';
  trackId?: number;
}

export interface FrameTimings {
  /** Wall milliseconds spent in each stage for this frame (0 when the stage did not run). */
  decodeMs: number;
  preprocessMs: number;
  inferenceMs: number;
  postprocessMs: number;
}

export interface FrameRecord {
  /** 0-based index in decode order. */
  index: number;
  /** Presentation time from the start of the clip, milliseconds. */
  ptsMs: number;
  /** True when the detector ran on this frame (cadence may skip frames). */
  detected: boolean;
  detections: Detection[];
  timings: FrameTimings;
  /** Thumbnail file relative to the run dir (JPEG), when stored. */
  thumbnail?: string;
}

export interface RunModelRef {
  /** Workspace model or variant id, when the model came from the workspace. */
  id?: string;
  name: string;
  /** Path as given (file or model.json). */
  path: string;
  /** sha256 over the model's files (hex). */
  sha256: string;
  format: 'onnx' | 'tfjs-graph';
  /** e.g. 'fp32', 'fp16'. */
  variantKind: string;
  sizeBytes: number;
  runtime: string;
  /** Backend or execution provider actually used (e.g. 'wasm', 'cpu', 'CPUExecutionProvider'). */
  backend: string;
}

export interface RunClipRef {
  path: string;
  name: string;
  sha256: string;
  /** Decoded frame size, pixels. */
  width: number;
  height: number;
  fps: number;
  durationMs: number;
}

export interface RunSettings {
  /** Frames read from the start of the clip (0 = all). */
  maxFrames: number;
  /** Detector runs on every Nth frame (1 = every frame). */
  detectEvery: number;
  scoreThreshold: number;
  iouThreshold: number;
  maxDetections: number;
  /** Long side of stored thumbnails, pixels (0 = none stored). */
  thumbnailSize: number;
}

export interface RunSummary {
  id: string;
  createdAt: string;
  model: RunModelRef;
  clip: RunClipRef;
  frames: number;
  /** Mean/median/p90 of pure inference time per detected frame, ms. */
  inferenceMsMean: number;
  inferenceMsP50: number;
  inferenceMsP90: number;
  /** Wall time of the whole replay divided by frames, ms (decode + preprocess + inference + post + sink). */
  wallMsPerFrame: number;
  detectionsPerFrame: number;
  /** First frame with at least one box, and its time; null when none. */
  firstBoxFrame: number | null;
  firstBoxMs: number | null;
  /** Where the run lives (directory). */
  dir: string;
}

export interface RunFile {
  schema: typeof RUN_SCHEMA;
  version: typeof RUN_VERSION;
  id: string;
  createdAt: string;
  model: RunModelRef;
  clip: RunClipRef;
  settings: RunSettings;
  /** Thumbnail size actually stored, pixels. */
  thumbnails: { width: number; height: number } | null;
  frames: FrameRecord[];
  summary: Omit<RunSummary, 'id' | 'createdAt' | 'model' | 'clip' | 'dir'>;
}
