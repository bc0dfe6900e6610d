// What an embedding costs on the wire, encoded for real: float32 (4 B/dim), IEEE half (2 B/dim), or int8 with
// one symmetric per-vector scale (1 B/dim + a float32 scale, value = q · scale, q in [−127, 127]).
import { float32ToFloat16Bits } from '../formats/half';

export function encodeFloat32(v: Float32Array): Uint8Array {
  const out = new Uint8Array(v.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) dv.setFloat32(i * 4, v[i], true);
  return out;
}

export function encodeFloat16(v: Float32Array): Uint8Array {
  const out = new Uint8Array(v.length * 2);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) dv.setUint16(i * 2, float32ToFloat16Bits(v[i]), true);
  return out;
}

/** [scale float32 LE][q int8 × dims]. */
export function encodeInt8(v: Float32Array): Uint8Array {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? max / 127 : 1;
  const out = new Uint8Array(4 + v.length);
  new DataView(out.buffer).setFloat32(0, scale, true);
  const q = new Int8Array(out.buffer, 4);
  for (let i = 0; i < v.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(v[i] / scale)));
  return out;
}

export function decodeInt8(bytes: Uint8Array): Float32Array {
  const scale = new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset + 4, bytes.length - 4);
  return Float32Array.from(q, (x) => x * scale);
}
