import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-shared/formats/run';
import { CUP, exists, useTempEngine } from './helpers';

const engine = useTempEngine();

describe('replay, listRuns, getRun, getFrame', () => {
  let face: RunSummary;

  it('replays 10 frames of cup.mp4 through BlazeFace (bundled id) into runs/<id>/ and registers it', async () => {
    const events: string[] = [];
    face = await engine().engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 10 }, { onProgress: (p) => events.push(p.stage) });
    expect(face.frames).toBe(10);
    expect(face.dir).toBe(join(engine().engine.workspace.dir, 'runs', face.id));
    expect(await exists(join(face.dir, 'run.json'))).toBe(true);
    expect(face.model.format).toBe('onnx');
    expect(face.clip.width).toBe(640);
    expect(face.inferenceMsMean).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
    expect((await engine().engine.listRuns({})).map((r) => r.id)).toEqual([face.id]);
  });

  it('replays 10 frames through SSD (imported, by workspace id) to an explicit out dir', async () => {
    const m = await engine().engine.importModel({ source: 'ssd-mobilenet-v2-coco' });
    const out = join(engine().dir, 'ssd-run');
    const r = await engine().engine.replay({ model: m.id, clip: CUP, frames: 10, out });
    expect(r.dir).toBe(out);
    expect(r.model.id).toBe(m.id);
    expect(r.model.backend).toBeTruthy();
    expect(r.frames).toBe(10);
    // A hand holds a cup up to the camera: SSD finds something (person/cup) on these frames.
    expect(r.detectionsPerFrame).toBeGreaterThan(0);
    const run = await engine().engine.getRun({ run: out });
    expect(run.id).toBe(r.id);
    expect(run.frames).toHaveLength(10);
    expect(run.settings.maxFrames).toBe(10);
    expect((await engine().engine.listRuns({})).map((x) => x.id)).toContain(r.id);
    const again = await engine().engine.replay({ model: m.id, clip: CUP, frames: 2, out }).catch((e) => e);
    expect(again.code).toBe('BAD_INPUT');
  });

  it('getRun by id and getFrame return the stored run and a decodable JPEG', async () => {
    const run = await engine().engine.getRun({ run: face.id });
    expect(run.summary.frames).toBe(10);
    const f = await engine().engine.getFrame({ run: face.id, frame: 3 });
    expect(f.mime).toBe('image/jpeg');
    const img = jpeg.decode(Buffer.from(f.base64, 'base64'));
    expect([img.width, img.height]).toEqual([f.width, f.height]);
    expect(Math.max(f.width, f.height)).toBe(320);
    await expect(engine().engine.getFrame({ run: face.id, frame: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a replay cancelled after its first progress event leaves no run dir and no manifest entry', async () => {
    const ac = new AbortController();
    const runsDir = join(engine().engine.workspace.dir, 'runs');
    const before = (await fs.readdir(runsDir)).sort();
    const err = await engine().engine
      .replay({ model: 'blazeface-front', clip: 'cup', frames: 60 }, { signal: ac.signal, onProgress: () => ac.abort() })
      .catch((e) => e);
    expect(err.code).toBe('CANCELLED');
    expect((await fs.readdir(runsDir)).sort()).toEqual(before);
    expect((await engine().engine.listRuns({})).length).toBe(2);
  });

  it('a text file as clip fails with BAD_INPUT naming it, writing nothing at out', async () => {
    const txt = join(engine().dir, 'notes.txt');
    await fs.writeFile(txt, 'this is not a video\n'.repeat(50));
    const out = join(engine().dir, 'txt-run');
    const err = await engine().engine.replay({ model: 'blazeface-front', clip: txt, frames: 5, out }).catch((e) => e);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(txt);
    expect(await exists(out)).toBe(false);
  });

  it('refuses an embedder for replay', async () => {
    await expect(engine().engine.replay({ model: 'faceres', clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
