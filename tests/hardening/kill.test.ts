// Crash recovery: the BUILT CLI (`edgelab convert` of BlazeFace to fp16, `edgelab replay` of BlazeFace on cup.mp4)
// is SIGKILLed at seeded random points, repeatedly. After each kill, before anything repairs the workspace, every
// visible entry is complete (only `.edgelab-tmp-*` entries may be partial); opening the workspace sweeps those and
// the manifest is consistent; re-running the same job succeeds. (Lab-run kills are tested with the lab engine.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src-shared/random';
import { inspectModel } from '../../src-main/models/registry';
import { TMP_MARK } from '../../src-main/workspace/atomic';
import { parseManifest } from '../../src-main/workspace/manifest';
import { Workspace } from '../../src-main/workspace/workspace';

const REPO = join(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'edgelab.mjs');
const ITERATIONS = 5;
const SEED = 4242;
const REPLAY_FRAMES = '60';

let scratch: string;
const survived = { convert: 0, replay: 0, killedMidway: 0 };

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-kill-'));
});
afterAll(async () => {
  console.info(`kill test: ${JSON.stringify(survived)} (iterations survived; killedMidway = kills that landed before the job ended)`);
  await fs.rm(scratch, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs the CLI; when `killAfterMs` is given, SIGKILLs it that long after its first progress line (the engine is up
 * and working: node start-up alone takes ~2 s here and would swallow most kill points).
 */
function cli(ws: string, args: string[], killAfterMs?: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--workspace', ws, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (killAfterMs !== undefined && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

async function entries(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [] as string[])).sort();
}

/**
 * What a user could see after the crash, before any repair: every non-temp entry is complete. Returns the temp
 * entries found (allowed: they are the only partial things).
 */
async function checkVisible(ws: string): Promise<string[]> {
  const all = (await fs.readdir(ws, { recursive: true }).catch(() => [] as string[])).map(String);
  const temps = all.filter((p) => p.split('/').some((s) => s.startsWith(TMP_MARK)));
  for (const r of await entries(join(ws, 'runs'))) {
    if (r.startsWith(TMP_MARK)) continue;
    const run = JSON.parse(await fs.readFile(join(ws, 'runs', r, 'run.json'), 'utf8'));
    expect(run.frames?.length, `runs/${r}/run.json`).toBeGreaterThan(0);
  }
  for (const m of await entries(join(ws, 'models'))) {
    if (m.startsWith(TMP_MARK)) continue;
    const files = await entries(join(ws, 'models', m));
    const main = files.find((f) => f.endsWith('.onnx'));
    expect(main, `models/${m}`).toBeDefined();
    await inspectModel(join(ws, 'models', m, main!));
    for (const v of await entries(join(ws, 'models', m, 'variants'))) {
      if (v.startsWith(TMP_MARK)) continue;
      const vf = (await entries(join(ws, 'models', m, 'variants', v))).find((f) => f.endsWith('.onnx'));
      expect(vf, `variants/${v}`).toBeDefined();
      await inspectModel(join(ws, 'models', m, 'variants', v, vf!)); // complete: parses, weights all there
    }
  }
  const text = await fs.readFile(join(ws, 'manifest.json'), 'utf8').catch(() => null);
  if (text !== null) {
    const manifest = parseManifest(text, 'manifest.json');
    for (const m of manifest.models) {
      await fs.stat(join(ws, m.path));
      for (const v of m.variants) await fs.stat(join(ws, v.path));
    }
    for (const r of manifest.runs) await fs.stat(join(r.dir, 'run.json'));
  }
  return temps;
}

/** Opens the workspace as the next process would: temps of the dead process swept, manifest readable. */
async function reopen(ws: string): Promise<void> {
  const w = await Workspace.open(ws);
  await w.read();
  const all = (await fs.readdir(ws, { recursive: true })).map(String);
  expect(all.filter((p) => p.includes(TMP_MARK))).toEqual([]);
}

describe('a manifest lock left by a killed process', () => {
  it('is taken over at once (not after the 30 s staleness delay): the next update goes through', async () => {
    const ws = join(scratch, 'lock-ws');
    const w = await Workspace.open(ws);
    // A real pid that no longer exists: a child that has exited.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    await fs.writeFile(join(ws, 'manifest.lock'), JSON.stringify({ pid: dead.pid, at: new Date().toISOString() }));
    const t0 = Date.now();
    await w.update((m) => {
      m.reports = [];
    });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await fs.stat(join(ws, 'manifest.lock')).then(() => true, () => false)).toBe(false);
  });

  it('held by a live process, is waited for', async () => {
    const ws = join(scratch, 'lock-live-ws');
    const w = await Workspace.open(ws);
    await fs.writeFile(join(ws, 'manifest.lock'), JSON.stringify({ pid: process.ppid, at: new Date().toISOString() }));
    setTimeout(() => void fs.rm(join(ws, 'manifest.lock')), 400);
    const t0 = Date.now();
    await w.update(() => {});
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
  });
});

describe('SIGKILL during convert and replay', () => {
  it(`${ITERATIONS} iterations each, seeded kill points: nothing half-written is visible, re-runs succeed`, async () => {
    const rand = mulberry32(SEED);
    for (let i = 0; i < ITERATIONS; i++) {
      // convert: ~1.3 s of work here (import, fp16 rewrite, write, validation on 8 frames); kill anywhere in it. A job
      // that finishes before its kill (a loaded machine shifts timings) is retried in a fresh workspace with half the
      // delay, so every iteration really interrupts work.
      const convertArgs = ['convert', 'blazeface-front', '--to', 'fp16', '--json'];
      let ws = '';
      let k1: Exit | undefined;
      let d1 = Math.round(rand() * 1300);
      for (let attempt = 0; attempt < 4 && k1?.signal !== 'SIGKILL'; attempt++, d1 = Math.floor(d1 / 2)) {
        ws = join(scratch, `ws-${i}-${attempt}`);
        k1 = await cli(ws, convertArgs, d1);
      }
      if (k1!.signal === 'SIGKILL') survived.killedMidway++;
      const temps1 = await checkVisible(ws);
      await reopen(ws);
      const again = await cli(ws, convertArgs);
      expect(again.code, again.stderr).toBe(0);
      const m1 = parseManifest(await fs.readFile(join(ws, 'manifest.json'), 'utf8'), 'manifest.json');
      expect(m1.models.flatMap((m) => m.variants).map((v) => v.kind)).toEqual(['fp16']);
      await checkVisible(ws);
      survived.convert++;

      // replay: 60 frames, ~2 s of work here; kill anywhere in it (retried with half the delay when it finished first).
      const out = (n: string) => join(ws, 'runs', n);
      const replayArgs = (n: string) => ['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', REPLAY_FRAMES, '--out', out(n), '--json'];
      let k2: Exit | undefined;
      let name = '';
      let d2 = Math.round(rand() * 2000);
      for (let attempt = 0; attempt < 4 && k2?.signal !== 'SIGKILL'; attempt++, d2 = Math.floor(d2 / 2)) {
        name = `killed-${i}-${attempt}`;
        k2 = await cli(ws, replayArgs(name), d2);
      }
      if (k2!.signal === 'SIGKILL') survived.killedMidway++;
      const temps2 = await checkVisible(ws);
      // A killed replay leaves no run folder, or a complete one (killed after the rename).
      const killedDir = await fs.stat(out(name)).then(() => true, () => false);
      if (killedDir) await fs.readFile(join(out(name), 'run.json'));
      await reopen(ws);
      const r = await cli(ws, replayArgs(`rerun-${i}`));
      expect(r.code, r.stderr).toBe(0);
      const run = JSON.parse(await fs.readFile(join(out(`rerun-${i}`), 'run.json'), 'utf8'));
      expect(run.frames.length).toBe(Number(REPLAY_FRAMES));
      await checkVisible(ws);
      survived.replay++;
      console.info(`iteration ${i}: convert ${k1!.signal ?? `exit ${k1!.code}`} after ${d1 * 2} ms (temps ${temps1.length}), replay ${k2!.signal ?? `exit ${k2!.code}`} after ${d2 * 2} ms (temps ${temps2.length})`);
    }
    expect(survived.convert).toBe(ITERATIONS);
    expect(survived.replay).toBe(ITERATIONS);
    // The seeded delays must actually interrupt work, or the test proves nothing.
    expect(survived.killedMidway).toBe(2 * ITERATIONS);
  }, 600_000);
});
