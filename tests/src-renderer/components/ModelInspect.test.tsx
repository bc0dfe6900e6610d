// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelInspect } from '../../../src-renderer/components/ModelInspect';
import { tfliteWithMetadata, useRealEngine } from '../real-engine';

const t = useRealEngine();
afterEach(cleanup);

describe('ModelInspect (real engine)', () => {
  it('shows a bundled model’s inputs, outputs and weight dtypes; no per-layer error without a float source; Close', async () => {
    let closed = 0;
    render(<ModelInspect api={t.engine} id="centernet-mobilenet-v3-coco" clips={[]} onClose={() => closed++} />);
    const info = await t.engine.inspectModel({ model: 'centernet-mobilenet-v3-coco' });
    const panel = screen.getByTestId('inspect-panel');
    await waitFor(() => expect(within(panel).getByTestId('inspect-summary').textContent).toContain('float16'));
    expect(within(panel).getByRole('table', { name: 'outputs' }).textContent).toContain(info.outputs[0]!.name);
    expect(within(panel).getByRole('table', { name: 'inputs' }).textContent).toContain(`[${info.inputs[0]!.shape.join(', ')}]`);
    expect(within(panel).getByTestId('inspect-meta').textContent).toContain('metadata: detector, decoder centernet-detections {"detections":"tower_0/detections"}, labels coco80');
    expect(within(panel).getByTestId('inspect-meta').textContent).toContain('input spec: tower_0/images NHWC float32 512×512 RGB range [0, 255] stretch');
    expect(within(panel).queryByRole('button', { name: /Per-layer error/ })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(closed).toBe(1);
  });

  it('shows what a .tflite’s TFLite Metadata says and the meta it gives (no sidecar)', async () => {
    const file = await tfliteWithMetadata(t.dir);
    render(<ModelInspect api={t.engine} id={file} clips={[]} onClose={() => undefined} />);
    const panel = screen.getByTestId('inspect-panel');
    await waitFor(() => expect(within(panel).getByTestId('inspect-meta').textContent).toContain('tflite meta: input mean [127.5] std [127.5], RGB 32×32, file labels.txt (8 B)'));
    expect(within(panel).getByTestId('inspect-meta').textContent).toContain('input spec: image NHWC float32 32×32 RGB range [-1, 1] stretch');
  });

  it('shows the engine’s error in words for a model it cannot read', async () => {
    render(<ModelInspect api={t.engine} id="/no/such/model.onnx" clips={[]} onClose={() => undefined} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('/no/such/model.onnx');
  });
});
