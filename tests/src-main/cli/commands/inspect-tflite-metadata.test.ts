// The built CLI's `inspect` of a .tflite carrying TFLite Metadata (written here by formats/tflite/metadata/write.ts
// on a small conv net, no sidecar): the text (on stderr, as every human-readable CLI output) says what the metadata said (normalisation, size, the zipped labels),
// `--json` has `tfliteMetadata` and the `meta` it gives (range [0, 1] from mean 0 / std 255, labels from the zip).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withTfliteMetadata } from '../../../../src-main/formats/tflite/metadata/write';
import { smallConvNet } from '../../../support/tflite-build';
import { edgelab, tempWorkspace } from './spawn-cli';

describe('edgelab inspect <.tflite with TFLite Metadata> (built CLI)', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => cleanup?.());

  it('shows the metadata in text and JSON, and the ModelMeta it gives', async () => {
    const t = await tempWorkspace();
    cleanup = t.cleanup;
    const file = join(t.ws, '..', 'net.tflite');
    const bytes = withTfliteMetadata(smallConvNet(), {
      task: 'embedder',
      input: { name: 'image', width: 32, height: 32, layout: 'NHWC', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' },
      embedding: { output: 'logits', dims: 64 },
      labels: ['cat', 'dog'],
    });
    await fs.writeFile(file, bytes);
    const text = await edgelab(t.ws, ['inspect', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toMatch(/tflite meta input mean \[0\] std \[255\], RGB 32×32, file labels\.txt \(8 B\)/);
    const j = await edgelab(t.ws, ['inspect', file, '--json']);
    expect(j.code, j.stderr).toBe(0);
    const r = JSON.parse(j.stdout);
    expect(r.tfliteMetadata.inputs[0]).toMatchObject({ name: 'image', content: 'image', mean: [0], std: [255] });
    expect(r.meta).toMatchObject({ task: 'embedder', input: { range: [0, 1], width: 32, height: 32 }, labels: ['cat', 'dog'], embedding: { output: 'logits', dims: 64 } });
  }, 120_000);
});
