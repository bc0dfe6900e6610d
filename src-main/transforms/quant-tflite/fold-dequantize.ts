// Pre-pass of the int8 transform: a DEQUANTIZE whose input is a float16 constant (how TF's converter stores fp16
// weights) is folded into a float32 constant — its output tensor gets the widened values and the op goes — so the
// ops reading it see constant float32 weights and are quantized like those of a float32 file. Rewrites the IR in place.
import { decodeFloat16 } from '../../formats/half';
import type { TfliteModel } from '../../formats/tflite/model-ir';

export function foldFloat16Dequantize(m: TfliteModel): { folded: number } {
  let folded = 0;
  m.operators = m.operators.filter((op) => {
    if (op.op !== 'DEQUANTIZE') return true;
    const src = m.tensors[op.inputs[0]];
    const dst = m.tensors[op.outputs[0]];
    if (!src?.data || src.type !== 'float16' || dst?.type !== 'float32' || m.outputs.includes(op.outputs[0])) return true;
    const half = src.data.byteOffset % 2 === 0 ? new Uint16Array(src.data.buffer, src.data.byteOffset, src.data.byteLength / 2) : new Uint16Array(src.data.slice().buffer);
    const f = decodeFloat16(half);
    m.tensors[op.outputs[0]] = { ...dst, data: new Uint8Array(f.buffer, f.byteOffset, f.byteLength) };
    folded++;
    return false;
  });
  return { folded };
}
