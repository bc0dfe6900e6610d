// Property: the benchmark importers (format detected from content, then parsed) and the labels readers, given a
// mutated copy of a real fixture, either parse it or throw EdgeLabError BAD_INPUT naming the file — never another
// exception, never a hang. Seeded, 200 runs per family.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { promises as fs, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchText } from '../../src-main/benchmarks/registry';
import { readLabels } from '../../src-main/evaluate/ground-truth';
import type { Sequence } from '../../src-main/evaluate/sequence';
import { EdgeLabError } from '../../src-shared/protocol';
import { mutate, mutationsArb, within } from './mutate';

/** EDGELAB_FUZZ_RUNS / EDGELAB_FUZZ_SEED: deeper or different runs by hand; the suite uses 200 runs, fixed seeds. */
const RUNS = Number(process.env.EDGELAB_FUZZ_RUNS ?? 200);
const SEED0 = Number(process.env.EDGELAB_FUZZ_SEED ?? 0);
const REPO = join(import.meta.dirname, '..', '..');
const BENCH = join(REPO, 'tests/fixtures/bench');
const GT = join(REPO, 'tests/fixtures/gt');
const outcomes: Record<string, { ok: number; bad: number }> = {};
let scratch: string;

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-fuzz-importers-'));
});
afterAll(async () => {
  console.info('fuzz importers (parsed / BAD_INPUT):', JSON.stringify(outcomes));
  await fs.rm(scratch, { recursive: true, force: true });
});

function expectBadInput(e: unknown, file: string): void {
  if (!(e instanceof EdgeLabError) || e.code !== 'BAD_INPUT') throw e;
  expect(e.message).toContain(file);
}

const text = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(b);
// Every real tool output except the 394 KB ORT profile (its mql5 sibling exercises the same importer).
const benchFiles = readdirSync(BENCH).filter((f) => !f.endsWith('.md') && f !== 'ort-profile-blazeface-cpu.json');

describe('benchmark importers under mutation', () => {
  it(`${benchFiles.length} real tool outputs: parse or BAD_INPUT naming the file`, async () => {
    const sources = benchFiles.map((f) => ({ f, bytes: readFileSync(join(BENCH, f)) }));
    const o = (outcomes.bench = { ok: 0, bad: 0 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sources), mutationsArb, async (src, ms) => {
        const file = join(scratch, `mut-${src.f}`);
        try {
          await within(Promise.resolve().then(() => parseBenchText(text(mutate(src.bytes, ms)), file)), 5_000, src.f);
          o.ok++;
        } catch (e) {
          expectBadInput(e, file);
          o.bad++;
        }
      }),
      { numRuns: RUNS, seed: SEED0 + 2001 },
    );
    expect(o.ok + o.bad).toBe(RUNS);
  });
});

describe('labels readers under mutation', () => {
  // A 640×480 grid of 30 frames at 30 fps, as a run of cup.mp4 would give.
  const grid: Sequence = { frames: Array.from({ length: 30 }, () => []), ptsMs: Array.from({ length: 30 }, (_, i) => (i * 1000) / 30), width: 640, height: 480 };
  it('MOT gt.txt and COCO JSON: parse or BAD_INPUT naming the file', async () => {
    const sources = ['two-people.gt.txt', 'two-people.coco.json', 'cup-first30.coco.json'].map((f) => ({ f, bytes: readFileSync(join(GT, f)) }));
    const o = (outcomes.labels = { ok: 0, bad: 0 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sources), mutationsArb, async (src, ms) => {
        const file = join(scratch, `labels-${n++}-${src.f}`);
        await fs.writeFile(file, mutate(src.bytes, ms));
        try {
          const r = await within(readLabels(file, grid), 5_000, src.f);
          expect(r.seq.frames.length).toBeLessThanOrEqual(grid.frames.length);
          o.ok++;
        } catch (e) {
          expectBadInput(e, file);
          o.bad++;
        }
      }),
      { numRuns: RUNS, seed: SEED0 + 2002 },
    );
    expect(o.ok + o.bad).toBe(RUNS);
  });
});
