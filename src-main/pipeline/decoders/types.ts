// A box decoder turns a model's raw outputs into scored, classed boxes in normalised model-input space.
import type { Box } from '../../../src-shared/formats/run';
import type { InputSpec } from '../../../src-shared/types/model';
import type { HostTensor } from '../../runtimes/types';

export interface RawDetection {
  /** x1,y1,x2,y2 normalised to the model input (0..1 over its width/height); may stray outside before clamping. */
  box: Box;
  /** Confidence in [0,1]. */
  score: number;
  /** Class id in the model's label space (see ModelMeta.labels). */
  classId: number;
}

export interface DecodeContext {
  /** Boxes scoring below this are dropped by the decoder. */
  scoreThreshold: number;
}

export interface BoxDecoder {
  kind: string;
  /** Output tensors this decoder reads (passed as `fetch` to LoadedModel.run); [] = every output of the model. */
  outputs: string[];
  decode(outputs: Record<string, HostTensor>, ctx: DecodeContext): RawDetection[];
  /** Class ids the outputs can give are 0..n−1 (class columns + classIdOffset), with the output saying so;
   *  undefined when the outputs do not tell (class ids read from a tensor). Checked against the labels. */
  classCount?(outputs: Record<string, HostTensor>): { n: number; output: string } | undefined;
}

/** What a factory may know besides its params: the model's input spec (sizes for pixel coordinates). */
export interface DecoderSetup {
  input?: Pick<InputSpec, 'width' | 'height'>;
}

/** Builds a decoder from DecoderSpec.params; throws EdgeLabError BAD_INPUT on bad params. */
export type DecoderFactory = (params: Record<string, unknown>, setup: DecoderSetup) => BoxDecoder;
