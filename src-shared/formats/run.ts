// A replay run on disk: a self-contained directory `<run-dir>/run.json` + `<run-dir>/frames/NNNNNN.jpg`.
// The same format lives in the workspace (`runs/<id>/`) and wherever `edgelab replay --out` writes.
// Invariant: a run directory is only ever visible complete (written to a temp dir, renamed into place).
// Version 2 (additive over 1): tracks (trackId/confirmed on boxes, `tracks` summaries), the cadence and the
// simulated device latency in `settings`, `deliveredFrom` on frames, per-node timings (`nodeTimingsMs`), and
// embeddings stored binary in `embeddings.f32` (row-major float32 little-endian, `count × dims`) indexed by
// `embeddings.items[i].row`. Readers accept versions 1 and 2; every version-2 field is optional when reading.

export const RUN_SCHEMA = 'edgelab.run';
export const RUN_VERSION = 2;
/** Versions this build reads. */
export const RUN_VERSIONS_READ = [1, 2] as const;
export type RunVersion = (typeof RUN_VERSIONS_READ)[number];
export const RUN_FILE = 'run.json';
export const RUN_FRAMES_DIR = 'frames';
export const RUN_EMBEDDINGS_FILE = 'embeddings.f32';

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
  /** v2: the track has had enough detector hits to be confirmed (tentative tracks are shown until a miss). */
  confirmed?: boolean;
}

export interface FrameTimings {
  /** Wall milliseconds spent in each stage for this frame (0 when the stage did not run). */
  decodeMs: number;
  preprocessMs: number;
  inferenceMs: number;
  postprocessMs: number;
  /** v2: optical-flow propagation + association, ms. */
  trackMs?: number;
  /** v2: crops + embedder runs + payload encodings on this frame, ms. */
  embedMs?: number;
}

export interface FrameRecord {
  /** 0-based index in decode order. */
  index: number;
  /** Presentation time from the start of the clip, milliseconds. */
  ptsMs: number;
  /** True when the detector ran on this frame's image (cadence may skip frames). */
  detected: boolean;
  /** v2: a detector result was delivered on this frame; its boxes were found on frame `deliveredFrom` (≤ index). */
  deliveredFrom?: number;
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
  format: 'onnx' | 'tfjs-graph' | 'tflite';
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
  /**
   * v2: 'every' = every `detectEvery` frames; 'realtime' = whenever the detector is free (clip clock); 'motion' =
   * when the motion gate triggers (global camera motion, tracker lost every box, max interval; see `motion`).
   */
  cadence?: 'every' | 'realtime' | 'motion';
  /** Motion-gated cadence: net global motion threshold (fraction of the frame's long side) and max interval, clip ms. */
  motion?: { threshold: number; maxIntervalMs: number };
  /** v2: simulated device detector latency, ms; null = none (every-N) or measured (realtime). */
  deviceLatencyMs?: number | null;
  /** v2: the imported latency record the simulated latency came from (its mean). */
  device?: { recordId: string; device: string; delegate: string; model: string; latencyMs: number } | null;
  /** v2: tracker settings in force. */
  tracker?: TrackerSettings;
  /** v2: embedder model name, null when no embedder ran. */
  embedder?: string | null;
  /**
   * v2 (additive): the pixels the detector and tracker saw. 'graph-size': ffmpeg scaled each frame to the detector's
   * input and made the tracker's gray image (stretch inputs without an embedder); 'full': whole RGB frames resized
   * and converted by EdgeLab (letterbox, center-crop, embedder crops). Absent in runs written before.
   */
  frameSource?: 'graph-size' | 'full';
}

export interface TrackerSettings {
  /** Minimum IoU to match a detection to a track. */
  iouMatch: number;
  /** Detector hits before a track is confirmed. */
  confirmHits: number;
  /** Clip ms a confirmed track survives without a detector hit. */
  maxAgeMs: number;
  /** Box smoothing weight on a hit, [0,1). */
  smoothing: number;
  /** Long side of the grayscale image optical flow runs on, pixels. */
  flowMaxSide: number;
}

/** v2: one track over the run. */
export interface TrackSummary {
  id: number;
  classId: number;
  label: string;
  firstFrame: number;
  lastFrame: number;
  /** Frame it was confirmed on, null when it never was. */
  confirmedFrame: number | null;
  /** Detector hits and frames shown. */
  hits: number;
  frames: number;
}

/** Bytes of one embedding as it would travel, beside the JPEG of the same crop. */
export interface PayloadBytes {
  float32: number;
  float16: number;
  /** int8 values + one float32 scale. */
  int8: number;
  jpeg: number;
}

export interface EmbeddingItem {
  /** Row in embeddings.f32. */
  row: number;
  trackId: number;
  frame: number;
  ptsMs: number;
  /** Crop box, normalised frame coordinates. */
  box: Box;
  reason: 'confirmed' | 'redetected';
  /** Crop size, pixels. */
  cropWidth: number;
  cropHeight: number;
  bytes: PayloadBytes;
}

export interface RunEmbeddings {
  file: typeof RUN_EMBEDDINGS_FILE;
  dtype: 'float32';
  dims: number;
  count: number;
  /** Vectors are L2-normalised. */
  normalized: boolean;
  model: { name: string; path: string; sha256: string; format: 'onnx' | 'tfjs-graph' | 'tflite'; runtime: string; backend: string; output: string };
  items: EmbeddingItem[];
  /** Mean bytes per item. */
  meanBytes: PayloadBytes;
}

/** v2: per graph node, over the run. */
export interface NodeTiming {
  /** Packets processed. */
  calls: number;
  /** Mean wall ms per call and total. */
  meanMs: number;
  totalMs: number;
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
  /** v2: same as dir (the CLI's --json key). */
  runDir?: string;
  /** Set when a lab step made this run: the lab's name and the replay step id (e.g. "replay:face:fp16:cup"). */
  lab?: { name: string; step: string };
  /** v2: detector boxes delivered over the run. */
  detections?: number;
  /** v2: tracks created. */
  tracks?: number;
  /** v2: embeddings stored. */
  embeddings?: number;
  /** v2: mean wall ms per packet, by graph node. */
  timingsMs?: Record<string, number>;
  /** v2: wall time of the replay from the first frame request, ms. */
  wallMs?: number;
  /** Frames the detector ran on (started a detection), over the run. */
  detectorCalls?: number;
}

export interface RunFile {
  schema: typeof RUN_SCHEMA;
  version: RunVersion;
  id: string;
  createdAt: string;
  model: RunModelRef;
  clip: RunClipRef;
  settings: RunSettings;
  /** Thumbnail size actually stored, pixels. */
  thumbnails: { width: number; height: number } | null;
  frames: FrameRecord[];
  summary: Omit<RunSummary, 'id' | 'createdAt' | 'model' | 'clip' | 'dir' | 'runDir' | 'timingsMs'>;
  /** v2 */
  tracks?: TrackSummary[];
  embeddings?: RunEmbeddings | null;
  nodeTimingsMs?: Record<string, NodeTiming>;
}
