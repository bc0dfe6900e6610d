// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { argSchemas } from '../../../src-shared/api';
import { BIAS_CORRECTION_FLAG, INT8_WEIGHT_RANGES, type ModelEntry, type VariantEntry } from '../../../src-shared/types/model';
import { VariantForm, keptFloatText, parseNodeList } from '../../../src-renderer/components/VariantForm';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let models: ModelEntry[];
beforeAll(async () => {
  t = await realEngine();
  await t.engine.importModel({ source: 'blazeface-front' });
  models = await t.engine.listModels({});
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('VariantForm', () => {
  it('reads node names one per line or comma-separated, blanks dropped', () => {
    expect(parseNodeList(' a/b ,c\n\n d:0 \n,')).toEqual(['a/b', 'c', 'd:0']);
    expect(parseNodeList('')).toEqual([]);
  });

  it('keptFloatText counts entries, not nodes (a group such as post-processing stands for many), names the first four', () => {
    const post = { name: 'post-processing', reason: '59 node(s) after the last Conv/Gemm/MatMul (…) kept in float32' };
    expect(keptFloatText([post])).toBe('kept in float: 1 entry (post-processing)');
    const five = ['Sub', 'Exp', 'Slice', 'Split', 'post-processing'].map((name) => ({ name, reason: '' }));
    expect(keptFloatText(five)).toBe('kept in float: 5 entries (Sub, Exp, Slice, Split, …)');
  });

  it('renders nothing without models (the Models view says to import one)', () => {
    const { container } = render(<VariantForm api={t.engine} models={[]} clips={[]} onMade={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });

  it('starts from the given initial values', () => {
    render(<VariantForm api={t.engine} models={models} clips={[{ id: 'cup', name: 'cup.mp4' }]} onMade={() => undefined} initial={{ model: models[0]!.id, kind: 'int8', exclude: ['n1', 'n2'] }} />);
    expect((screen.getByTestId('variant-kind') as HTMLSelectElement).value).toBe('int8');
    expect((screen.getByTestId('variant-exclude') as HTMLTextAreaElement).value).toBe('n1\nn2');
    expect((screen.getByTestId('variant-clip') as HTMLSelectElement).value).toBe('cup');
  });

  it('offers exactly the convertModel schema kinds and calibration methods (the CLI and lab spec share them)', () => {
    render(<VariantForm api={t.engine} models={models} clips={[{ id: 'cup', name: 'cup.mp4' }]} onMade={() => undefined} initial={{ model: models[0]!.id, kind: 'int8', exclude: [] }} />);
    const options = (id: string) => [...(screen.getByTestId(id) as HTMLSelectElement).options].map((o) => o.value);
    expect(options('variant-kind')).toEqual(argSchemas.convertModel.shape.to.options);
    expect(options('variant-method')).toEqual(argSchemas.convertModel.shape.method.unwrap().options);
  });

  const options = (id: string) => [...(screen.getByTestId(id) as HTMLSelectElement).options].map((o) => o.value);
  const value = (id: string) => (screen.getByTestId(id) as HTMLSelectElement).value;

  it('ONNX int8 only: bias correction (the --bias-correction choices) and weights (INT8_WEIGHT_RANGES), defaults off / automatic', () => {
    render(<VariantForm api={t.engine} models={models} clips={[{ id: 'cup', name: 'cup.mp4' }]} onMade={() => undefined} initial={{ model: models[0]!.id, kind: 'int8', exclude: [] }} />);
    expect(options('variant-bias-correction')).toEqual([...BIAS_CORRECTION_FLAG]);
    expect(options('variant-weights')).toEqual(INT8_WEIGHT_RANGES.map((r) => r.id));
    expect([value('variant-bias-correction'), value('variant-weights')]).toEqual(['off', 'auto']);
    fireEvent.change(screen.getByTestId('variant-kind'), { target: { value: 'int8-weights' } });
    expect(screen.queryByTestId('variant-bias-correction')).toBeNull();
    expect(screen.queryByTestId('variant-weights')).toBeNull();
  });

  it('prefilled: shows the given biasCorrection / reduceRange (true = on, a scope as is, false = 8-bit)', () => {
    const form = (initial: { biasCorrection?: boolean | 'head'; reduceRange?: boolean }) =>
      render(<VariantForm api={t.engine} models={models} clips={[]} onMade={() => undefined} initial={{ model: models[0]!.id, kind: 'int8', exclude: [], ...initial }} />);
    form({ biasCorrection: true, reduceRange: false });
    expect([value('variant-bias-correction'), value('variant-weights')]).toEqual(['on', '8-bit']);
    cleanup();
    form({ biasCorrection: 'head', reduceRange: true });
    expect([value('variant-bias-correction'), value('variant-weights')]).toEqual(['head', '7-bit']);
  });

  /** Submits the form for a blazeface int8 variant on 1 cup frame after `choose`; the variant made. */
  async function make(choose: () => void): Promise<VariantEntry> {
    let made: string | undefined;
    render(<VariantForm api={t.engine} models={models} clips={[{ id: 'cup', name: 'cup.mp4' }]} onMade={(r) => (made = r.variant.id)} initial={{ model: models[0]!.id, kind: 'int8', exclude: [], frames: 1, method: 'minmax' }} />);
    choose();
    fireEvent.click(screen.getByTestId('variant-submit'));
    await waitFor(() => expect(made).toBeDefined(), { timeout: 120_000 });
    const all = await t.engine.listModels({});
    return all.flatMap((m) => m.variants).find((v) => v.id === made)!;
  }

  it('sends biasCorrection and reduceRange to convertModel when chosen: the variant is made with them', async () => {
    const v = await make(() => {
      fireEvent.change(screen.getByTestId('variant-bias-correction'), { target: { value: 'depthwise' } });
      fireEvent.change(screen.getByTestId('variant-weights'), { target: { value: '7-bit' } });
    });
    expect(v.lineage?.options).toMatchObject({ biasCorrection: 'depthwise', reduceRange: true });
    expect(v.settings).toMatchObject({ biasCorrection: { scope: 'depthwise' }, reduceRange: true });
  }, 180_000);

  it('target recall (ONNX int8 of a detector): sent as targetRecall, the variant made by the recall search', async () => {
    const v = await make(() => fireEvent.change(screen.getByTestId('variant-target-recall'), { target: { value: '0.05' } }));
    expect(v.lineage?.options).toMatchObject({ targetRecall: 0.05 });
    expect(v.settings.mixedPrecision).toMatchObject({ targetRecall: 0.05, reached: true });
    cleanup();
    render(<VariantForm api={t.engine} models={models} clips={[]} onMade={() => undefined} initial={{ model: models[0]!.id, kind: 'int8-weights', exclude: [] }} />);
    expect(screen.queryByTestId('variant-target-recall')).toBeNull();
  }, 180_000);

  it('omits them by default (absent = the convert defaults)', async () => {
    const v = await make(() => undefined);
    expect(v.lineage?.options).not.toHaveProperty('biasCorrection');
    expect(v.lineage?.options).not.toHaveProperty('reduceRange');
    expect(v.settings.biasCorrection).toBe('off');
  }, 180_000);
});
