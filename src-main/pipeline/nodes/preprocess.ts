// Declarative preprocessing from an InputSpec: resize (stretch | letterbox | center-crop, bilinear), channel order,
// linear range mapping of 0..255 to [lo, hi], per-channel mean/std, NHWC | NCHW, float32 | int32 | uint8,
// letterbox pad value, batch of 1. The node prepares the
// frames the cadence node started the detector on (runDetector), and only those.
import type { InputSpec } from '../../../src-shared/types/model';
import { resizeRgb } from '../../media/image';
import type { HostTensor } from '../../runtimes/types';
import type { CalculatorNode } from '../node';
import type { FrameState } from '../frame';
import type { Packet } from '../packet';
import { inputTransform, type InputTransform } from '../transform';

/** Packed RGB frame → model input tensor [1,H,W,C] or [1,C,H,W], plus where the frame sits in it. */
export function preprocess(rgb: Uint8Array, w: number, h: number, spec: InputSpec): { tensor: HostTensor; transform: InputTransform } {
  const t = inputTransform(w, h, spec);
  const W = spec.width;
  const H = spec.height;
  const content = resizeRgb(rgb, w, h, t.contentWidth, t.contentHeight);
  const padX = Math.round(t.offsetX * W);
  const padY = Math.round(t.offsetY * H);
  // Content pixels that land inside the input (all of them unless center-crop cuts the overhang).
  const [x0, x1] = [Math.max(0, -padX), Math.min(t.contentWidth, W - padX)];
  const [y0, y1] = [Math.max(0, -padY), Math.min(t.contentHeight, H - padY)];
  const [lo, hi] = spec.range;
  const k = (hi - lo) / 255;
  const n = W * H;
  const data = spec.dtype === 'int32' ? new Int32Array(n * 3) : spec.dtype === 'uint8' ? new Uint8Array(n * 3) : new Float32Array(n * 3);
  const bgr = spec.channels === 'BGR';
  const nchw = spec.layout === 'NCHW';
  const round = spec.dtype !== 'float32';
  const shape = nchw ? [1, 3, H, W] : [1, H, W, 3];
  const mean = spec.mean ?? [0, 0, 0];
  const std = spec.std ?? [1, 1, 1];
  const plain = !spec.mean && !spec.std;
  /** Tensor value of pixel value v (0..255) in tensor channel c. */
  const value = (v: number, c: number) => {
    const x = plain ? lo + v * k : (lo + v * k - mean[c]) / std[c];
    return !round ? x : spec.dtype === 'uint8' ? Math.min(255, Math.max(0, Math.round(x))) : Math.round(x);
  };
  // Padding (letterbox) is padValue (default 0, black) before range mapping.
  const pad = [0, 1, 2].map((c) => value(spec.padValue ?? 0, c));
  if (pad.some((v) => v !== 0)) {
    if (nchw) for (let c = 0; c < 3; c++) data.fill(pad[c], c * n, (c + 1) * n);
    else for (let p = 0; p < n * 3; p += 3) data.set(pad, p);
  }
  if (!nchw && !round && plain) {
    // NHWC float, the common case, without per-value branches (same arithmetic as the general loop below).
    const r = bgr ? 2 : 0;
    const b = bgr ? 0 : 2;
    for (let y = y0; y < y1; y++) {
      let s = (y * t.contentWidth + x0) * 3;
      let d = ((y + padY) * W + padX + x0) * 3;
      for (let x = x0; x < x1; x++, s += 3, d += 3) {
        data[d] = lo + content[s + r] * k;
        data[d + 1] = lo + content[s + 1] * k;
        data[d + 2] = lo + content[s + b] * k;
      }
    }
    return { tensor: { data, shape, dtype: spec.dtype }, transform: t };
  }
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const s = (y * t.contentWidth + x) * 3;
      const p = (y + padY) * W + (x + padX);
      for (let c = 0; c < 3; c++) data[nchw ? c * n + p : p * 3 + c] = value(content[s + (bgr ? 2 - c : c)], c);
    }
  }
  return { tensor: { data, shape, dtype: spec.dtype }, transform: t };
}

export class PreprocessNode implements CalculatorNode<FrameState, FrameState> {
  readonly name = 'preprocess';
  /** `skip`: frames whose detections come from elsewhere (a detection memo), so no input tensor is needed. */
  constructor(private readonly spec: InputSpec, private readonly skip?: { has(frame: number): boolean }) {}
  open(): void {}
  process(p: Packet<FrameState>): Packet<FrameState>[] {
    const s = p.payload;
    if (!s.runDetector || this.skip?.has(p.frameIndex)) return [p];
    const t0 = performance.now();
    const { tensor, transform } = preprocess(s.frame.rgb, s.frame.width, s.frame.height, this.spec);
    s.input = tensor;
    s.transform = transform;
    s.timings.preprocessMs = performance.now() - t0;
    return [p];
  }
  close(): void {}
}
