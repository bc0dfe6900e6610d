// A transform writes a variant of a model (fp16, int8…). Registered in transforms/registry.ts.
import type { FoldedNode, ModelFormat, VariantKind } from '../../src-shared/types/model';
import type { JobContext } from '../jobs/context';

export interface TransformInput {
  /** Source model: the .onnx file or the model.json. */
  source: string;
  /** Empty directory to write into (a temp dir: the caller renames it into place on success). */
  outDir: string;
  /** Transform-specific settings, already validated. */
  settings: Record<string, unknown>;
}

export interface TransformOutput {
  /** Main file of the variant, inside outDir (the .onnx or model.json). */
  mainFile: string;
  /** Every file written, inside outDir. */
  files: string[];
  /** Tensors/ops kept in float32, with why. */
  keptFloat: { name: string; reason: string }[];
  /** Nodes folded into another one's quantized output (int8 ONNX), when some are: neither kept in float nor in the written graph. */
  folded?: FoldedNode[];
  /** What the transform actually did, JSON-safe (e.g. { storage: 'float16', compute: 'float32' }); for VariantEntry.settings. */
  settings?: Record<string, unknown>;
  /** Numerical check of the result against its source on real frames, when the transform makes one. */
  check?: TransformCheck;
}

/** Per-output agreement of a variant with its source on real frames (JSON-safe). */
export interface TransformCheck {
  clip: string;
  /** Decode indices of the frames used. */
  frames: number[];
  /** How the inputs were prepared. */
  input: string;
  outputs: Record<string, { maxAbsError: number; meanAbsError: number; maxAbsReference: number; rowMatchedMaxAbsError?: number; rowsReordered?: number }>;
  /** Largest per-output max abs error. */
  maxAbsError: number;
  /** Same with record-like outputs (top-k rows) matched row to row, when the transform computes it. */
  maxAbsErrorRowMatched?: number;
}

export interface Transform {
  kind: VariantKind;
  formats: ModelFormat[];
  apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput>;
}
