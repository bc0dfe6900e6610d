// convert <TF.js embedder> --to onnx validates the ONNX variant against the TF.js model on real frames although the
// conversion changed the image input's element type (TF.js int32 `image_tensor` → ONNX float32 after the
// pre-processing cut): validation feeds each model its own input type (validation/validate.ts asInputDtype).
// (The converted graph's outputs are the TF.js model's default outputs.) Before, the convert failed with onnxruntime's "Unexpected input data type … int32 … expected float".
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempEngine } from './helpers';

const engine = useTempEngine();

describe('convert of the bundled SSD-MobileNetV2 features embedder to ONNX', () => {
  it('validates on real frames: every converted output equals the TF.js model output', async () => {
    const out = join(engine().dir, 'features.onnx');
    const r = await engine().engine.convertModel({ model: 'ssd-mobilenet-v2-features', to: 'onnx', out, frames: 2 });
    console.log(`features → ONNX: validation ${JSON.stringify(r.validation)}`);
    expect(r.validation).toBeDefined();
    expect(r.validation!.frames).toBe(2);
    expect(r.validation!.cosine).toBeGreaterThan(0.9999);
  }, 300_000);
});
