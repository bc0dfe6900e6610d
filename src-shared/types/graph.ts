// A model's computation graph as the Graph view draws it (API `modelGraph`): one node per op of the top-level
// graph (ONNX: every NodeProto, Constant included; TF.js: every node but Const = weights and Placeholder =
// graph inputs), edges from producer to consumer per activation tensor read, graph inputs and outputs apart.
import type { BIAS_CORRECTION_SCOPES, InspectFormat, QuantParams } from './model';

/** A constant a node reads (ONNX initializer, TF.js Const node). */
export interface GraphWeight {
  name: string;
  /** Dimensions as stored ([] = scalar). */
  shape: number[];
  /** Stored element type (float32, float16, int8, uint8 — TF.js: the manifest's quantization dtype when quantized). */
  dtype: string;
}

export interface GraphNode {
  /** Node name, unique in the graph (ONNX: `<op>#<index>` when unnamed, as layers' taps name it). */
  name: string;
  /** Op type (ONNX: `<domain>.<op>` outside the default domain). */
  op: string;
  /** Tensors read, in input order, weights included (ONNX: empty optional inputs left out; TF.js: no control inputs). */
  inputs: string[];
  /** Tensors written (TF.js: `name` for output 0, `name:k` for output k that anything reads). */
  outputs: string[];
  /**
   * ONNX: element type of each output, aligned with `outputs` (float32, int64, uint8…; from value_info or inferred
   * forward, formats/onnx/tensor-types.ts; 'unknown' when it cannot be told without running the model). With the
   * weights' and graph inputs' dtypes this types every tensor a node touches (graph/float-compute.ts needs it).
   * Absent for other formats.
   */
  outputDtypes?: string[];
  /** Attribute name → short text (lists truncated; graphs and tensors summarised). */
  attributes: Record<string, string>;
  /** Constants read by this node directly. */
  weights: GraphWeight[];
  /** Quantization parameters of this node (ONNX Q/DQ: of the tensor it (de)quantizes; TF.js: of its quantized weights). */
  quantization?: QuantParams[];
}

/** One activation tensor read by a node from another node. */
export interface GraphEdge {
  tensor: string;
  /** Producer and consumer node names. */
  from: string;
  to: string;
  /** Dimensions when the model records them (-1 = dynamic); absent when unknown. */
  shape?: number[];
}

/** A graph input (fed) or output (fetched). */
export interface GraphPort {
  name: string;
  shape: number[];
  dtype: string;
  /** Inputs: the nodes reading it. Outputs: the node writing it (one, or none when an input is passed through). */
  nodes: string[];
}

export interface ModelGraph {
  /** Main file of the model (absolute). */
  model: string;
  /** Workspace id of the model or variant when it has one (bundled id for a bundled model). */
  id?: string;
  /**
   * For a workspace variant: its kind, its float32 parent's id, the nodes of this graph kept in float, the node names
   * it was asked to exclude, and its calibration source as given. keptFloat: for an int8 ONNX variant, every node its
   * own graph computes in float32 (graph/float-compute.ts) plus any node name its conversion recorded
   * (VariantEntry.keptFloat) that this graph has; for other variants, only the latter.
   */
  variant?: {
    kind: string;
    parentId: string;
    keptFloat: string[];
    exclude: string[];
    calibration?: string;
    /**
     * int8: the calibration it was made with, defaults filled (what "keep in float" prefills to remake it). ONNX int8
     * also: its bias correction (false = off, or the scope it corrected) and weight range (reduceRange: 7-bit weights),
     * as recorded in its settings; absent on variants made before they were recorded.
     */
    calibrationSettings?: {
      calibration: string;
      frames: number;
      method: string;
      percentile?: number;
      targetSnrDb?: number;
      targetRecall?: number;
      biasCorrection?: boolean | (typeof BIAS_CORRECTION_SCOPES)[number];
      reduceRange?: boolean;
    };
  };
  format: InspectFormat;
  /** Graph order (ONNX: the file's topological order; TF.js: model.json order). */
  nodes: GraphNode[];
  edges: GraphEdge[];
  inputs: GraphPort[];
  outputs: GraphPort[];
}
