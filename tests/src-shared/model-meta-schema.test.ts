import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelMetaSchema, parseModelMeta } from '../../src-shared/model-meta-schema';

const catalog = JSON.parse(readFileSync('models/catalog.json', 'utf8')) as { models: { id: string; meta: unknown }[] };

describe('modelMetaSchema', () => {
  it('accepts every bundled meta unchanged', () => {
    for (const m of catalog.models) expect(modelMetaSchema.parse(m.meta), m.id).toEqual(m.meta);
  });

  it('names the first problem', () => {
    const good = catalog.models[0].meta as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>) => parseModelMeta({ ...good, ...patch });
    expect(bad({ task: 'segmenter' })).toMatchObject({ ok: false, problem: expect.stringMatching(/^task:/) });
    expect(bad({ input: { ...(good.input as object), range: [1, 0] } })).toMatchObject({ ok: false, problem: expect.stringMatching(/^input\.range/) });
    expect(bad({ decoder: undefined })).toMatchObject({ ok: false, problem: expect.stringMatching(/decoder/) });
    expect(bad({ extra: 1 })).toMatchObject({ ok: false });
    expect(parseModelMeta(good).ok).toBe(true);
  });
});
