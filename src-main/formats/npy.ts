// NumPy .npy writer (format version 1.0, https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// magic "\x93NUMPY", version 1.0, u16 little-endian header length, an ASCII Python dict literal
// {'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 4), } padded with spaces and ended by '\n' so that
// magic + version + length + header is a multiple of 64 bytes, then the raw little-endian row-major data.
// Used by `predict --save-outputs` so a user can feed the exact tensors to TensorFlow / NumPy.

export type NpyArray = Float32Array | Int32Array | Uint8Array | Int8Array | Int16Array;

/** The .npy `descr` of a typed array (little-endian; single bytes take '|'). */
export function npyDescr(a: NpyArray): string {
  if (a instanceof Float32Array) return '<f4';
  if (a instanceof Int32Array) return '<i4';
  if (a instanceof Int16Array) return '<i2';
  if (a instanceof Int8Array) return '|i1';
  return '|u1';
}

/** EdgeLab dtype name of a typed array (float32, int32, int16, int8, uint8). */
export function npyDtypeName(a: NpyArray): string {
  return a instanceof Float32Array ? 'float32' : a instanceof Int32Array ? 'int32' : a instanceof Int16Array ? 'int16' : a instanceof Int8Array ? 'int8' : 'uint8';
}

/** The bytes of a .npy v1.0 file holding `data` with `shape` (product of shape = data.length). */
export function encodeNpy(data: NpyArray, shape: readonly number[]): Uint8Array {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n !== data.length) throw new Error(`npy: shape [${shape.join(', ')}] holds ${n} values, data has ${data.length}`);
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${npyDescr(data)}', 'fortran_order': False, 'shape': ${dims}, }`;
  const fixed = 6 + 2 + 2; // magic, version, header length
  const total = Math.ceil((fixed + header.length + 1) / 64) * 64;
  header = header.padEnd(total - fixed - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY, v1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[fixed + i] = header.charCodeAt(i);
  // Typed arrays are in the platform's byte order; every platform Node/Electron runs on here is little-endian.
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total);
  return out;
}
