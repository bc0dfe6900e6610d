import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyMatrix, LatencyRecord } from '../../../../src-shared/types/latency';
import { edgelab, tempWorkspace } from './spawn-cli';

let ws: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ ws, cleanup } = await tempWorkspace()));
afterAll(async () => cleanup());

describe('edgelab bench-model', () => {
  it('measures the bundled ONNX BlazeFace: a record with count = runs, then visible in the matrix', async () => {
    const r = await edgelab(ws, ['bench-model', 'blazeface-front', '--runtime', 'onnx', '--threads', '1', '--runs', '12', '--warmup', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout) as LatencyRecord;
    expect(rec.format).toBe('workstation');
    expect(rec.latencyMs.count).toBe(12);
    expect(rec.threads).toBe(1);
    expect(rec.delegate).toBe('CPUExecutionProvider');
    expect(rec.model).toBe('face_detection_front_128x128.onnx');
    expect(rec.variantId).toBe('blazeface-front');
    const m = JSON.parse((await edgelab(ws, ['latency', '--json'])).stdout) as LatencyMatrix;
    expect(m.cells.map((c) => c.recordId)).toContain(rec.id);
  });
  it('usage errors exit 2; a wrong runtime exits 1 with one line', async () => {
    expect((await edgelab(ws, ['bench-model', 'blazeface-front', '--runtime', 'tensorrt'])).code).toBe(2);
    expect((await edgelab(ws, ['bench-model', 'blazeface-front', '--runs', '0'])).code).toBe(2);
    const bad = await edgelab(ws, ['bench-model', 'blazeface-front', '--runtime', 'tfjs', '--runs', '1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/edgelab: .*runtime tfjs does not read onnx models/);
  });
});
