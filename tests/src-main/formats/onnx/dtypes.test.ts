// The one ONNX dtype table against onnx-proto's own TensorProto.DataType enum (the protobuf schema EdgeLab
// decodes with): every code the schema names means the same in the table, and names map both ways.
import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { DT, dtypeName, ONNX_DTYPES, onnxDtypeCode } from '../../../../src-main/formats/onnx/dtypes';

describe('ONNX dtype table', () => {
  it("agrees with onnx-proto's TensorProto.DataType for every code the schema knows", () => {
    const schema = onnxProto.onnx.TensorProto.DataType as unknown as Record<string, number>;
    const named = Object.entries(schema).filter(([k, v]) => typeof v === 'number' && k !== 'UNDEFINED');
    expect(named.length).toBeGreaterThan(10);
    for (const [k, v] of named) expect(DT[k as keyof typeof DT], k).toBe(v);
  });

  it('maps codes to EdgeLab names and back, with element sizes', () => {
    expect(dtypeName(DT.FLOAT)).toBe('float32');
    expect(dtypeName(DT.FLOAT16)).toBe('float16');
    expect(dtypeName(DT.DOUBLE)).toBe('float64');
    expect(dtypeName(99)).toBe('onnx-type-99');
    for (const [code, d] of Object.entries(ONNX_DTYPES)) expect(onnxDtypeCode(d.name)).toBe(Number(code));
    expect(ONNX_DTYPES[DT.INT64].bytes).toBe(8);
    expect(ONNX_DTYPES[DT.STRING].bytes).toBeUndefined();
  });
});
