// The renderer tests' real engine: tests/support/ui-engine.ts (Node) loaded at run time through a computed
// specifier, so that this project (DOM, no Node types) type-checks against the shared API contract only — the
// views see exactly what they see in the app: an EdgeLabApi.
import { afterAll, beforeAll } from 'vitest';
import type { EdgeLabApi } from '../../src-shared/api';
import type { RunSummary } from '../../src-shared/formats/run';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { ModelEntry } from '../../src-shared/types/model';

export interface RealEngine {
  engine: EdgeLabApi;
  /** Scratch folder (deleted by cleanup). */
  dir: string;
  /** Absolute path of tests/fixtures/bench. */
  bench: string;
  cleanup(): Promise<void>;
}

export interface Compared {
  model: ModelEntry;
  baseline: RunSummary;
  variant: RunSummary;
  compare: CompareResult;
}

interface Support {
  tempEngine(opts?: { maxJobs?: number }): Promise<RealEngine>;
  blazefaceCompared(engine: EdgeLabApi, frames?: number): Promise<Compared>;
  collapsedVariant(engine: EdgeLabApi, dir: string): Promise<ModelEntry[]>;
  bareYoloModel(dir: string): Promise<string>;
  tfliteWithMetadata(dir: string): Promise<string>;
}

const SUPPORT = '../support/ui-engine';
const load = () => import(/* @vite-ignore */ SUPPORT) as Promise<Support>;

/** `maxJobs`: the engine's job queue bound (absent = from this machine's cores and memory). */
export async function realEngine(opts: { maxJobs?: number } = {}): Promise<RealEngine> {
  return (await load()).tempEngine(opts);
}

/** BlazeFace float32 vs its int8-weights variant: import, convert, replay both on `frames` frames of cup.mp4, compare. */
export async function blazefaceCompared(engine: EdgeLabApi, frames = 12): Promise<Compared> {
  return (await load()).blazefaceCompared(engine, frames);
}

/** The collapse-head detector imported into `engine` with its int8 variant (scores collapsed: validation warnings). */
export async function collapsedVariant(engine: EdgeLabApi, dir: string): Promise<ModelEntry[]> {
  return (await load()).collapsedVariant(engine, dir);
}

/** The bundled SSD written in `dir` as a YOLOv8-layout ONNX with no metadata at all; its path. */
export async function bareYoloModel(dir: string): Promise<string> {
  return (await load()).bareYoloModel(dir);
}

/** A small .tflite carrying TFLite Metadata (no sidecar) written in `dir`; its path. */
export async function tfliteWithMetadata(dir: string): Promise<string> {
  return (await load()).tfliteWithMetadata(dir);
}

/**
 * Registers the hooks of a test file (or describe block) that needs a real engine: beforeAll creates it in a
 * scratch folder, afterAll disposes it. The returned object is filled in place by beforeAll: read it inside tests.
 */
export function useRealEngine(opts: { maxJobs?: number } = {}): RealEngine {
  const t = {} as RealEngine;
  beforeAll(async () => {
    Object.assign(t, await realEngine(opts));
  }, 120_000);
  afterAll(() => t.cleanup?.());
  return t;
}

/** As useRealEngine, plus blazefaceCompared(t.engine) in the same beforeAll; `c` is filled in place too. */
export function useBlazefaceCompared(): { t: RealEngine; c: Compared } {
  const t = {} as RealEngine;
  const c = {} as Compared;
  beforeAll(async () => {
    Object.assign(t, await realEngine());
    Object.assign(c, await blazefaceCompared(t.engine));
  }, 120_000);
  afterAll(() => t.cleanup?.());
  return { t, c };
}
