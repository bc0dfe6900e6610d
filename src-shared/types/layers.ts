// Per-layer error of a variant against its float32 model (`edgelab layers`, API `layers`).

/** One compared intermediate tensor. Metrics are over every compared frame (src-shared/metrics/tensor.ts). */
export interface LayerError {
  /** Node of the float32 model that produces the tensor (ONNX: node name, or `<op>#<index>` when unnamed). */
  name: string;
  op: string;
  /** Tensor name (ONNX output name; TF.js node name, output 0). */
  tensor: string;
  snrDb: number;
  cosine: number;
  maxAbsError: number;
  /**
   * How much SNR this node loses relative to its best-matching float inputs, dB (≥ 0 means it adds error):
   * min(snrDb of its compared inputs, or the cap for graph inputs/weights) − snrDb. Local sensitivity,
   * used to rank nodes for mixed precision; the accumulated `snrDb` alone grows worse with depth.
   */
  snrDropDb: number;
  /** Elements per frame. */
  elements: number;
  /** Node in the variant that produces the tensor, when it differs (e.g. a Conv that absorbed its Relu). */
  variantNode?: string;
}

export interface LayersResult {
  model: string;
  variant: string;
  format: string;
  variantFormat: string;
  frames: number;
  clip: string;
  /** Every compared node, worst (lowest SNR, then lowest cosine) first. */
  nodes: LayerError[];
  /** Float tensors of the float32 model not compared, with why (no same-named tensor, size differs…). */
  skipped: { tensor: string; reason: string }[];
  /** True when the variant only simulates its arithmetic (TF.js int8). */
  simulated?: boolean;
}
