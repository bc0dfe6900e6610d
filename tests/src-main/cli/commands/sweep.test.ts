// `edgelab sweep` through the BUILT CLI (run `npm run build` first): one row per listed cadence in the order given,
// detectorCalls = cadence arithmetic, gates evaluated per row, the pick = the largest passing cadence, every row's run
// and the reference are workspace runs; bad cadence lists are usage errors. pickRow's tie rules on plain rows.
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepResult, SweepRow } from '../../../../src-shared/types/sweep';
import { pickRow } from '../../../../src-main/engine/sweep';
import { readRun } from '../../../../src-main/pipeline/run-file';
import { edgelab as spawnCli, REPO, type Ran } from './spawn-cli';

let dir = '';
function edgelab(args: string[]): Promise<Ran> {
  return spawnCli(join(dir, 'ws'), args, { cwd: dir });
}
const BASE = ['sweep', '--model', 'ssd-mobilenet-v2-coco-onnx', '--clip', 'cup', '--frames', '24', '--thumbnail-size', '0'];

beforeAll(async () => {
  if (!existsSync(join(REPO, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run "npm run build" before the CLI tests');
  dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-cli-sweep-')));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('edgelab sweep', () => {
  let all: SweepResult;
  it('--json: rows in the order given, cadence arithmetic, per-row gates; with gates nothing fails the pick is the largest cadence', async () => {
    const r = await edgelab([...BASE, '--cadence', '5,1,3,motion', '--class-agnostic', '--fail-on', 'map50<0', '--json']);
    expect(r.code, r.stderr).toBe(0);
    all = JSON.parse(r.stdout);
    expect(all.rows.map((w) => w.cadence)).toEqual([5, 1, 3, 'motion']);
    expect(all.rows.slice(0, 3).map((w) => w.detectorCalls)).toEqual([5, 24, 8]);
    for (const w of all.rows) {
      for (const k of ['map50', 'idf1', 'hota', 'flickerPerMin', 'jitter', 'lagFrames', 'timeToFirstBoxMs', 'detectorCallsPerSec'] as const) expect(typeof w[k], k).toBe('number');
      expect(w.pass).toBe(true);
      expect(w.failed).toEqual([]);
      expect((await readRun(w.runDir)).summary.detectorCalls).toBe(w.detectorCalls);
    }
    // 24 frames at 26.78 fps: calls / (24 / 26.78) per second
    expect(all.rows[1].detectorCallsPerSec).toBeCloseTo(26.78, 1);
    expect(all.rows[1].map50).toBe(1); // every frame against itself
    expect(all.reference).toMatchObject({ kind: 'every-frame', frames: 24, runDir: all.rows[1].runDir });
    const fewest = Math.min(...all.rows.map((w) => w.detectorCalls));
    expect(all.pick!.detectorCallsPerSec).toBe(Math.min(...all.rows.map((w) => w.detectorCallsPerSec)));
    expect(all.pick!.saving).toBeCloseTo(1 - fewest / 24, 10);
    if (all.rows[3].detectorCalls > 5) expect(all.pick!.cadence).toBe(5);
    // The detector ran once per frame (the reference); every other row's detector frames came from it.
    expect(all.sharedDetections).toEqual({ recorded: 24, reused: 5 + 8 + all.rows[3].detectorCalls });
  }, 180_000);

  it("a row's run is the run a standalone replay at that cadence makes: same boxes, scores, classes and tracks", async () => {
    const out = join(dir, 'alone-3');
    const r = await edgelab(['replay', '--model', 'ssd-mobilenet-v2-coco-onnx', '--clip', 'cup', '--frames', '24', '--thumbnail-size', '0', '--detect-every', '3', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const alone = await readRun(out);
    const swept = await readRun(all.rows.find((w) => w.cadence === 3)!.runDir);
    const boxes = (f: typeof alone) => f.frames.map((x) => x.detections.map((d) => [d.box, d.score, d.classId, d.label, d.trackId, d.source]));
    expect(boxes(swept)).toEqual(boxes(alone));
    expect(swept.summary.detectorCalls).toBe(alone.summary.detectorCalls);
  }, 180_000);

  it('gates are evaluated per row: a mAP@.5 floor between the rows passes those above it; the pick is the largest of them', async () => {
    const vals = all.rows.filter((w) => w.cadence !== 'motion').map((w) => w.map50!).sort((a, b) => a - b);
    const floor = (vals[0] + vals[1]) / 2; // between the worst row and the next
    const r = await edgelab([...BASE, '--cadence', '1,3,5', '--class-agnostic', '--fail-on', `map50<${floor.toFixed(6)}`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s: SweepResult = JSON.parse(r.stdout);
    for (const w of s.rows) {
      expect(w.pass, `cadence ${w.cadence}`).toBe(!(w.map50! < Number(floor.toFixed(6))));
      expect(w.failed).toEqual(w.pass ? [] : [`map50<${Number(floor.toFixed(6))}`]);
    }
    expect(s.rows.filter((w) => !w.pass)).toHaveLength(1);
    const passing = s.rows.filter((w) => w.pass).map((w) => w.cadence as number);
    expect(s.pick!.cadence).toBe(Math.max(...passing));
  }, 180_000);

  it('--device-latency: each row gives detector busy ms per second and whether it fits in real time', async () => {
    const r = await edgelab([...BASE, '--frames', '12', '--cadence', '1,4', '--device-latency', '30', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s: SweepResult = JSON.parse(r.stdout);
    expect(s.deviceLatencyMs).toBe(30);
    for (const w of s.rows) {
      expect(w.detectorBusyMsPerSec).toBeCloseTo(w.detectorCallsPerSec * 30, 6);
      expect(w.withinBudget).toBe(w.detectorBusyMsPerSec! <= 1000);
    }
  }, 120_000);

  it('bad cadence lists and bad flags are usage errors (exit 2, nothing replayed)', async () => {
    const runs = async () => (await fs.readdir(join(dir, 'ws', 'runs')).catch(() => [])).length;
    const before = await runs();
    for (const c of ['0', 'x', '', '1,,2', '2,2', '1.5', 'motion,-1']) {
      const r = await edgelab([...BASE, '--cadence', c]);
      expect(r.code, `--cadence "${c}": ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/^edgelab: /);
    }
    const noList = await edgelab(BASE);
    expect(noList.code).toBe(2);
    expect(await runs()).toBe(before);
  }, 60_000);
});

describe('pickRow', () => {
  const row = (cadence: SweepRow['cadence'], detectorCalls: number, pass: boolean) => ({ cadence, detectorCalls, detectorCallsPerSec: detectorCalls / 2, pass }) as SweepRow;
  it('picks the passing row with the fewest calls, ties to the larger fixed cadence; null when none passes', () => {
    expect(pickRow([row(1, 100, true), row(2, 50, true), row(4, 25, false)], 100)).toEqual({ cadence: 2, detectorCallsPerSec: 25, saving: 0.5 });
    expect(pickRow([row(1, 100, true), row('motion', 20, true), row(5, 20, true)], 100)!.cadence).toBe(5);
    expect(pickRow([row(1, 100, false)], 100)).toBeNull();
  });
});
