// A bounded reader for the root map of a FlexBuffer (flatbuffers.dev/flexbuffers; TFLite custom ops keep their
// options in one, e.g. TFLite_Detection_PostProcess's max_detections). Only what custom options use: a map of
// scalar ints, uints, floats and bools (inline). Layout: the last byte is the root's byte width, the byte before
// it its packed type (type << 2 | log2 width); offsets point backwards. A map at `p` with element width W has
// [keys offset, keys width, size] in the 3 W bytes before `p`, then `size` values of W bytes, then `size` type
// bytes; its keys are a typed vector of backward offsets to NUL-terminated strings.
const T = { INT: 1, UINT: 2, FLOAT: 3, MAP: 9, BOOL: 26 } as const;

export type FlexScalar = number | boolean;

/** The root map's scalar entries; undefined when `b` is not such a map (never throws, never reads outside `b`). */
export function readFlexMap(b: Uint8Array): Record<string, FlexScalar> | undefined {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const inside = (at: number, n: number) => at >= 0 && at + n <= b.length;
  const uint = (at: number, w: number): number | undefined =>
    !inside(at, w) ? undefined : w === 1 ? v.getUint8(at) : w === 2 ? v.getUint16(at, true) : w === 4 ? v.getUint32(at, true) : w === 8 ? Number(v.getBigUint64(at, true)) : undefined;
  const int = (at: number, w: number): number | undefined =>
    !inside(at, w) ? undefined : w === 1 ? v.getInt8(at) : w === 2 ? v.getInt16(at, true) : w === 4 ? v.getInt32(at, true) : w === 8 ? Number(v.getBigInt64(at, true)) : undefined;
  if (b.length < 3) return undefined;
  const rootWidth = b[b.length - 1];
  const rootType = b[b.length - 2] >> 2;
  const rootAt = b.length - 2 - rootWidth;
  const off = uint(rootAt, rootWidth);
  if (rootType !== T.MAP || off === undefined) return undefined;
  const W = 1 << (b[b.length - 2] & 3);
  const map = rootAt - off;
  const keysOff = uint(map - 3 * W, W);
  const keysWidth = uint(map - 2 * W, W);
  const size = uint(map - W, W);
  if (keysOff === undefined || keysWidth === undefined || size === undefined || !inside(map, size * (W + 1))) return undefined;
  const keys = map - 3 * W - keysOff;
  const out: Record<string, FlexScalar> = {};
  for (let i = 0; i < size; i++) {
    const ko = uint(keys + i * keysWidth, keysWidth);
    if (ko === undefined) return undefined;
    const k = keys + i * keysWidth - ko;
    const end = b.indexOf(0, k);
    if (k < 0 || end < 0) return undefined;
    const name = new TextDecoder().decode(b.subarray(k, end));
    const packed = b[map + size * W + i];
    const type = packed >> 2;
    const at = map + i * W;
    const val = type === T.INT ? int(at, W) : type === T.UINT ? uint(at, W) : type === T.BOOL ? uint(at, W) : type === T.FLOAT ? (W === 4 ? v.getFloat32(at, true) : W === 8 ? v.getFloat64(at, true) : undefined) : undefined;
    if (val === undefined) continue;
    out[name] = type === T.BOOL ? val !== 0 : val;
  }
  return out;
}
