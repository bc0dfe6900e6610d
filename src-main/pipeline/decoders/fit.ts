// Which decoder layouts fit a model's outputs, by their static shapes (-1 = dynamic), for a model without
// metadata: `inspect` lists them and a replay without metadata names them, so the user knows what sidecar to
// write (docs/models.md). A hint, not a decision: several may fit, and names of outputs are only guessed.
import type { TensorInfo } from '../../../src-shared/types/model';

const dims = (t: TensorInfo) => `${t.name} [${t.shape.join(', ')}]`;

/** One line per layout that fits, e.g. `yolo-v8: output0 [1, 84, 8400] (C = 80)`. */
export function fittingLayouts(outputs: readonly TensorInfo[]): string[] {
  const out: string[] = [];
  const rank3 = outputs.filter((t) => t.shape.length === 3 && (t.shape[0] === 1 || t.shape[0] === -1));
  for (const t of rank3) {
    const [, a, b] = t.shape;
    if (a > 4 && b > a) out.push(`yolo-v8: ${dims(t)} (C = ${a - 4})`);
    if (b > 4 && a > b) out.push(`yolo-v8 (transposed): ${dims(t)} (C = ${b - 4})`);
    if (b > 5 && a > b) out.push(`yolo-v5: ${dims(t)} (C = ${b - 5})`);
    if (b >= 5 && b <= 8) out.push(`detections (packed, params.columns for its ${b} columns): ${dims(t)}`);
  }
  const boxes = outputs.filter((t) => t.shape.length >= 2 && t.shape[t.shape.length - 1] === 4);
  for (const bx of boxes) {
    const n = bx.shape.length >= 3 ? bx.shape[bx.shape.length - 2 - (bx.shape.length === 4 ? 1 : 0)] : bx.shape[0];
    const others = outputs.filter((t) => t !== bx);
    const perRow = others.filter((t) => t.shape.filter((d) => d !== 1).length === 1 && t.shape.includes(n));
    const perClass = others.filter((t) => t.shape.length >= 2 && t.shape[t.shape.length - 2] === n && t.shape[t.shape.length - 1] > 1);
    if (perRow.length || perClass.length) out.push(`detections (split): boxes ${dims(bx)} with scores ${[...perRow, ...perClass].map(dims).join(' or ')}`);
    if (perClass.length && n > 0) out.push(`ssd-anchors (raw encodings, ${n} anchors): boxes ${dims(bx)}, scores ${perClass.map(dims).join(' or ')}`);
  }
  return out;
}
