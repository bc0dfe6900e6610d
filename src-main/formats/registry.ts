// Format registry (Netron's pattern: one module per format, a cheap `match` then `inspect`): one line per
// model format, naming its home's pieces. models/registry.ts detects and inspects through these readers;
// runtimes/tapped.ts opens tapped models through these tappers. Adding a format (or a piece of one, e.g.
// a .tflite writer) is a file in its home plus its line here.
import type { InspectFormat } from '../../src-shared/types/model';
import type { ModelGraph } from '../../src-shared/types/graph';
import { readOnnxModelGraph } from './onnx/model-graph';
import { onnxReader } from './onnx/reader';
import { onnxTapper } from './onnx/taps';
import { readTfjsModelGraph } from './tfjs/model-graph';
import { tfjsReader } from './tfjs/reader';
import { tfjsTapper } from './tfjs/taps';
import { tfliteReader } from './tflite/reader';
import { tfliteTapper } from './tflite/taps';
import { readTfliteModelGraph } from './tflite/model-graph';
import type { ModelReader, Tapper } from './types';

export interface FormatHome {
  format: InspectFormat;
  reader: ModelReader;
  /** Which tensors can be exposed and how (formats a runtime executes; runtimes/tapped.ts). */
  taps?: Tapper;
  /** The model's graph as the Graph view draws it (API `modelGraph`). */
  graph?: (path: string) => Promise<ModelGraph>;
}

/** In detection order: the first reader whose `match` accepts a file reads it. */
export const FORMATS: readonly FormatHome[] = [
  { format: 'onnx', reader: onnxReader, taps: onnxTapper, graph: readOnnxModelGraph },
  { format: 'tfjs-graph', reader: tfjsReader, taps: tfjsTapper, graph: readTfjsModelGraph },
  { format: 'tflite', reader: tfliteReader, taps: tfliteTapper, graph: readTfliteModelGraph },
];
