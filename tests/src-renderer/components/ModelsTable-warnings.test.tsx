// @vitest-environment happy-dom
// The Models view shows a variant's validation warnings: a real engine imports the collapse-head detector
// (tests/support/collapse-head.ts: scores packed with pixel coordinates) and makes its int8 variant, whose scores
// collapse; the variant row says so under its name, the model row has no warning.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../src-shared/types/model';
import { ModelsTable } from '../../../src-renderer/components/ModelsTable';
import { modelRows } from '../../../src-renderer/lib/models-table';
import { collapsedVariant, realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let models: ModelEntry[];
beforeAll(async () => {
  t = await realEngine();
  models = await collapsedVariant(t.engine, t.dir);
}, 300_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('ModelsTable: validation warnings of a variant', () => {
  it('the int8 variant whose scores collapsed shows the warning, naming the --exclude to use', () => {
    const v = models[0]!.variants[0]!;
    expect(v.warnings?.length).toBeGreaterThan(0);
    render(<ModelsTable models={models} rows={modelRows(models, null, {})} devices={[]} busy={false} onInspect={() => undefined} onFp16={() => undefined} />);
    const shown = within(screen.getByTestId('variant-row')).getAllByTestId('variant-warning');
    expect(shown.map((e) => e.textContent)).toEqual(v.warnings!.map((w) => `⚠ ${w}`));
    expect(shown[0]!.textContent).toMatch(/scores collapsed.*--exclude head\/MatMul/);
    expect(within(screen.getByTestId('workspace-row')).queryByTestId('variant-warning')).toBeNull();
  });
});
