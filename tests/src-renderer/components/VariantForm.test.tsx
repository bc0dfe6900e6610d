// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { argSchemas } from '../../../src-shared/api';
import type { ModelEntry } from '../../../src-shared/types/model';
import { VariantForm, parseNodeList } from '../../../src-renderer/components/VariantForm';
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
});
