// Test helper: real replay runs of the bundled clip through bundled models, in a scratch workspace.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src-main/create-engine';
import type { ReportRunInput } from '../../../src-main/reports/build';

export interface RealRuns {
  engine: Engine;
  scratch: string;
  runs: Record<string, ReportRunInput>;
  cleanup(): Promise<void>;
}

/** Replays each (name → bundled model id) on `frames` frames of cup.mp4 into <scratch>/runs/<name>. */
export async function makeRealRuns(models: Record<string, string>, frames: number): Promise<RealRuns> {
  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-report-'));
  const engine = await createEngine({ workspaceDir: join(scratch, 'ws'), host: 'test' });
  const runs: Record<string, ReportRunInput> = {};
  for (const [name, model] of Object.entries(models)) {
    const dir = join(scratch, 'runs', name);
    await engine.replay({ model, clip: 'cup', frames, out: dir });
    runs[name] = { file: await engine.getRun({ run: dir }), dir };
  }
  return {
    engine,
    scratch,
    runs,
    cleanup: async () => {
      await engine.dispose();
      await fs.rm(scratch, { recursive: true, force: true });
    },
  };
}
