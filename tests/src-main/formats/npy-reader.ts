// A minimal .npy v1.0 reader for tests (independent of the writer): little-endian f4/i4/i2/i1/u1, C order.
export interface Npy {
  shape: number[];
  descr: string;
  data: Float32Array | Int32Array | Int16Array | Int8Array | Uint8Array;
}

export function readNpy(b: Uint8Array): Npy {
  if (b[0] !== 0x93 || new TextDecoder().decode(b.subarray(1, 6)) !== 'NUMPY' || b[6] !== 1) throw new Error('not a .npy v1 file');
  const hl = b[8] | (b[9] << 8);
  const header = new TextDecoder().decode(b.subarray(10, 10 + hl));
  const descr = /'descr': '([^']+)'/.exec(header)![1];
  if (!/'fortran_order': False/.test(header)) throw new Error('fortran order');
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = Uint8Array.prototype.slice.call(b, 10 + hl).buffer; // a copy: a Node Buffer's .buffer is its whole pool
  const ctor = { '<f4': Float32Array, '<i4': Int32Array, '<i2': Int16Array, '|i1': Int8Array, '|u1': Uint8Array }[descr];
  if (!ctor) throw new Error(`dtype ${descr}`);
  const data = new ctor(body);
  if (data.length !== shape.reduce((a, c) => a * c, 1)) throw new Error('size does not match shape');
  return { shape, descr, data };
}
