// `predict`: one frame of a clip through a model, the decoded result, and (with saveOutputs) the exact tensors as .npy.
import type { Detection } from '../formats/run';
import type { ModelFormat } from './model';

/** One model input or output of a prediction. */
export interface PredictTensor {
  /** Tensor name stored in the model file (for .tflite: what tf.lite.Interpreter reports). */
  name: string;
  shape: number[];
  /** Element type as stored in the model (and in `file`): float32, int32, uint8, int8, int16. */
  dtype: string;
  /** Absolute path of the .npy file holding this tensor (only with saveOutputs). */
  file?: string;
  /** int8/uint8/int16 tensors of a .tflite: real = scale · (q − zeroPoint). */
  quantization?: { scale: number; zeroPoint: number };
}

export interface PredictResult {
  model: { name: string; path: string; format: ModelFormat; runtime: string; backend: string };
  clip: { name: string; path: string };
  /** Decode index of the frame (0-based) and its size, px. */
  frame: number;
  width: number;
  height: number;
  task: 'detector' | 'embedder';
  /** Detector: decoded boxes after NMS, in normalised frame coordinates. */
  detections?: Detection[];
  /** Embedder: the L2-normalised embedding. */
  embedding?: number[];
  inputs: PredictTensor[];
  outputs: PredictTensor[];
  /** Inference time of this one run, ms (includes no load or warm-up). */
  inferenceMs: number;
  /** Folder the .npy files were written to (only with saveOutputs). */
  savedTo?: string;
}
