// Node side of the renderer tests (tests/src-renderer reaches it through real-engine.ts, typed only by the shared
// API contract, because that project type-checks without Node): a real engine over a temp workspace (the views take
// it as their `api`), and real runs + a real compare made by it (BlazeFace float32 vs its int8-weights variant on
// the first frames of cup.mp4), so that every component is fed the shapes the engine really answers.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src-main/create-engine';
import type { EdgeLabApi } from '../../src-shared/api';
import type { RunSummary } from '../../src-shared/formats/run';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { ModelEntry } from '../../src-shared/types/model';

export const REPO = join(import.meta.dirname, '..', '..');
export const BENCH = join(REPO, 'tests', 'fixtures', 'bench');

export async function tempEngine(opts: { maxJobs?: number } = {}): Promise<{ engine: Engine; dir: string; bench: string; cleanup(): Promise<void> }> {
  const dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-views-')));
  const engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'test', maxJobs: opts.maxJobs });
  return { engine, dir, bench: BENCH, cleanup: async () => (await engine.dispose(), await fs.rm(dir, { recursive: true, force: true })) };
}

export interface Compared {
  model: ModelEntry;
  baseline: RunSummary;
  variant: RunSummary;
  compare: CompareResult;
}

/** Imports BlazeFace, makes its int8-weights variant, replays both on `frames` frames of cup.mp4, compares them. */
export async function blazefaceCompared(engine: EdgeLabApi, frames = 12): Promise<Compared> {
  const m = await engine.importModel({ source: 'blazeface-front' });
  const v = await engine.convertModel({ model: m.id, to: 'int8-weights', calibration: 'cup', frames: 2 });
  const replay = (model: string) => engine.replay({ model, clip: 'cup', frames, thumbnailSize: 0 });
  const baseline = await replay(m.id);
  const variant = await replay(v.variant.id);
  const compare = await engine.compare({ baseline: baseline.id, variant: variant.id });
  const model = (await engine.listModels({})).find((x) => x.id === m.id)!;
  return { model, baseline, variant, compare };
}

/**
 * Writes the collapse-head detector (tests/support/collapse-head.ts) with its sidecar into `dir`, imports it and makes
 * its int8 variant, whose scores collapse (validation warnings). Returns the workspace's models.
 */
export async function collapsedVariant(engine: EdgeLabApi, dir: string): Promise<ModelEntry[]> {
  const { collapseMeta, collapseModel } = await import('./collapse-head');
  const input = (await engine.listBundled({})).models.find((m) => m.id === 'ssd-mobilenet-v2-coco-onnx')!.meta.input;
  const file = join(dir, 'yolo-head.onnx');
  await fs.writeFile(file, collapseModel());
  await fs.writeFile(join(dir, 'yolo-head.edgelab.json'), JSON.stringify(collapseMeta(input)));
  const m = await engine.importModel({ source: file });
  await engine.convertModel({ model: m.id, to: 'int8', calibration: 'cup', frames: 8 });
  return engine.listModels({});
}

/** Writes the bundled SSD re-laid out as a YOLOv8 head with no metadata at all (no sidecar, no props); its path. */
export async function bareYoloModel(dir: string): Promise<string> {
  const { ssdAs } = await import('./ssd-relayout');
  const file = join(dir, 'desk-yolo.onnx');
  await fs.writeFile(file, ssdAs('yolo-v8'));
  return file;
}

/** Writes a small conv net as a .tflite carrying TFLite Metadata (formats/tflite/metadata/write.ts: range [-1, 1],
 *  32×32 RGB, labels cat/dog zipped) into `dir`, no sidecar; its path. */
export async function tfliteWithMetadata(dir: string): Promise<string> {
  const { withTfliteMetadata } = await import('../../src-main/formats/tflite/metadata/write');
  const { smallConvNet } = await import('./tflite-build');
  const file = join(dir, 'net-metadata.tflite');
  await fs.writeFile(
    file,
    withTfliteMetadata(smallConvNet(), {
      task: 'embedder',
      input: { name: 'image', width: 32, height: 32, layout: 'NHWC', dtype: 'float32', range: [-1, 1], resize: 'stretch', channels: 'RGB' },
      embedding: { output: 'logits', dims: 64 },
      labels: ['cat', 'dog'],
    }),
  );
  return file;
}
