// THE ONNX element-type table: TensorProto.DataType code ↔ its onnx.proto enum name ↔ EdgeLab's dtype name,
// with bytes per element (undefined: variable length). Every other ONNX dtype lookup in the code base (the
// reader, graph edits, quantization, the tfjs→ONNX builder, taps, calibration) derives from these rows.
// Codes are onnx.proto's (onnx/onnx.proto3, enum TensorProto.DataType); names are EdgeLab's (float32, not FLOAT).

const ROWS = [
  [1, 'FLOAT', 'float32', 4],
  [2, 'UINT8', 'uint8', 1],
  [3, 'INT8', 'int8', 1],
  [4, 'UINT16', 'uint16', 2],
  [5, 'INT16', 'int16', 2],
  [6, 'INT32', 'int32', 4],
  [7, 'INT64', 'int64', 8],
  [8, 'STRING', 'string', undefined],
  [9, 'BOOL', 'bool', 1],
  [10, 'FLOAT16', 'float16', 2],
  [11, 'DOUBLE', 'float64', 8],
  [12, 'UINT32', 'uint32', 4],
  [13, 'UINT64', 'uint64', 8],
  [14, 'COMPLEX64', 'complex64', 8],
  [15, 'COMPLEX128', 'complex128', 16],
  [16, 'BFLOAT16', 'bfloat16', 2],
  [17, 'FLOAT8E4M3FN', 'float8e4m3fn', 1],
  [18, 'FLOAT8E4M3FNUZ', 'float8e4m3fnuz', 1],
  [19, 'FLOAT8E5M2', 'float8e5m2', 1],
  [20, 'FLOAT8E5M2FNUZ', 'float8e5m2fnuz', 1],
] as const;

type Row = (typeof ROWS)[number];

/** TensorProto.DataType codes by their onnx.proto name: DT.FLOAT = 1, DT.FLOAT16 = 10 … */
export const DT = Object.fromEntries(ROWS.map((r) => [r[1], r[0]])) as { readonly [R in Row as R[1]]: R[0] };

/** TensorProto.DataType → EdgeLab dtype name and bytes per element (undefined: variable length). */
export const ONNX_DTYPES: Readonly<Record<number, { name: string; bytes: number | undefined }>> = Object.fromEntries(
  ROWS.map(([code, , name, bytes]) => [code, { name, bytes }]),
);

const BY_NAME = new Map<string, number>(ROWS.map((r) => [r[2], r[0]]));

/** EdgeLab dtype name of a code; `onnx-type-<code>` for a code not in the table. */
export function dtypeName(t: number | null | undefined): string {
  return ONNX_DTYPES[t ?? 0]?.name ?? `onnx-type-${t ?? 0}`;
}

/** TensorProto.DataType code of an EdgeLab dtype name ('float32' → 1), or undefined. */
export function onnxDtypeCode(name: string): number | undefined {
  return BY_NAME.get(name);
}

/** True for the float element types EdgeLab reads as activations (float32 and float16). */
export function isFloatActivation(code: number | undefined): boolean {
  return code === DT.FLOAT || code === DT.FLOAT16;
}
