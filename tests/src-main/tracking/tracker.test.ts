// BoxTracker on synthetic sequences whose truth is known: textured objects moving over a textured background at
// sub-pixel speeds, detections only every 3rd frame (and one detector pass that misses).
import { describe, expect, it } from 'vitest';
import type { Box } from '../../../src-shared/formats/run';
import type { GrayImage } from '../../../src-main/imaging/gray';
import { buildPyramid } from '../../../src-main/imaging/pyramid';
import { BoxTracker, type TrackOutput } from '../../../src-main/tracking/tracker';

const W = 320;
const H = 240;
// Smooth band-limited textures (sums of sines), so that sub-pixel motion is rendered exactly.
const bg = (x: number, y: number) => 110 + 40 * Math.sin(x * 0.11 + 1.3) * Math.cos(y * 0.09) + 25 * Math.sin((x + 2 * y) * 0.05);
const tex = (x: number, y: number) => 128 + 60 * Math.sin(x * 0.15) * Math.sin(y * 0.13 + 0.4) + 30 * Math.cos((x - y) * 0.08);

interface Obj {
  /** top-left at frame 0, px; velocity px/frame; size px. */
  x: number;
  y: number;
  vx: number;
  vy: number;
  w: number;
  h: number;
  classId: number;
}

function truth(o: Obj, t: number): Box {
  const x = o.x + o.vx * t;
  const y = o.y + o.vy * t;
  return [x / W, y / H, (x + o.w) / W, (y + o.h) / H];
}

function render(objs: Obj[], t: number): GrayImage {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v = bg(x, y);
      for (const o of objs) {
        const lx = x - (o.x + o.vx * t);
        const ly = y - (o.y + o.vy * t);
        if (lx >= 0 && ly >= 0 && lx < o.w && ly < o.h) v = tex(lx + 17 * o.classId, ly);
      }
      data[y * W + x] = v;
    }
  }
  return { width: W, height: H, data };
}

const PTS_MS = 1000 / 30;

/** Detector passes where detectOn(t); the pass at `missOn` delivers an empty result (the detector missed). */
function runSequence(objs: Obj[], frames: number, detectOn: (t: number) => boolean, missOn = -1) {
  const tr = new BoxTracker({ confirmHits: 2, maxAgeMs: 1000 });
  const out: TrackOutput[][] = [];
  for (let t = 0; t < frames; t++) {
    const pyr = buildPyramid(render(objs, t));
    const dets = detectOn(t) ? objs.filter(() => t !== missOn).map((o) => ({ box: truth(o, t), score: 0.9, classId: o.classId, label: `c${o.classId}` })) : undefined;
    out.push(tr.step(t * PTS_MS, pyr, dets && { detections: dets, sourcePyramid: pyr }));
  }
  return { tr, out };
}

const A: Obj = { x: 40, y: 50, vx: 2.5, vy: 1.2, w: 70, h: 60, classId: 1 };
const B: Obj = { x: 200, y: 120, vx: -1.7, vy: -0.8, w: 60, h: 70, classId: 2 };

describe('BoxTracker', () => {
  it('keeps ids stable with detections every 3rd frame and one missed pass; boxes follow the motion within 1.5 px', () => {
    // Detector passes on 0, 3, 6, 9, 12, 15, 18; the pass at frame 9 finds nothing (missed): ids must survive it.
    const { tr, out } = runSequence([A, B], 20, (t) => t % 3 === 0, 9);
    expect(tr.createdCount).toBe(2);
    for (let t = 0; t < 20; t++) {
      const f = out[t];
      expect(f.map((o) => o.id).sort()).toEqual([1, 2]);
      for (const [o, id] of [[A, 1], [B, 2]] as const) {
        const tk = f.find((x) => x.id === id)!;
        expect(tk.classId).toBe(o.classId);
        expect(tk.source).toBe(t % 3 === 0 && t !== 9 ? 'detected' : 'propagated');
        const want = truth(o, t);
        for (let k = 0; k < 4; k++) expect(Math.abs(tk.box[k] - want[k]) * (k % 2 ? H : W)).toBeLessThan(1.5);
      }
    }
    // life cycle events: confirmed on the 2nd hit (frame 3); nothing at frame 6; 'redetected' at 12 after the miss at 9.
    expect(out[0].every((o) => !o.confirmed && !o.event)).toBe(true);
    expect(out[3].map((o) => o.event)).toEqual(['confirmed', 'confirmed']);
    expect(out[6].some((o) => o.event)).toBe(false);
    expect(out[12].map((o) => o.event)).toEqual(['redetected', 'redetected']);
  });

  it('drops a tentative track on its first miss, keeps a confirmed one until maxAgeMs after its last hit', () => {
    const tr = new BoxTracker({ confirmHits: 2, maxAgeMs: 200 });
    const img = buildPyramid(render([A], 0));
    const det = { box: truth(A, 0), score: 0.8, classId: 1, label: 'c1' };
    expect(tr.step(0, img, { detections: [det], sourcePyramid: img })).toHaveLength(1); // tentative, shown
    expect(tr.step(33, img, { detections: [], sourcePyramid: img })).toHaveLength(0); // missed → dropped
    tr.step(66, img, { detections: [det], sourcePyramid: img });
    const c = tr.step(100, img, { detections: [det], sourcePyramid: img });
    expect(c[0].confirmed).toBe(true);
    expect(c[0].id).toBe(3 - 1); // ids: 1 dropped, 2 confirmed
    expect(tr.step(200, img, { detections: [], sourcePyramid: img })).toHaveLength(1); // missed, still kept
    expect(tr.step(300, img)).toHaveLength(1); // 200 ms after last hit: kept
    expect(tr.step(301, img)).toHaveLength(0); // beyond maxAgeMs: gone
  });

  it('never matches across classes or below the IoU gate: a new track starts', () => {
    const tr = new BoxTracker({ confirmHits: 1 });
    const img = buildPyramid(render([], 0));
    const b: Box = [0.2, 0.2, 0.4, 0.4];
    tr.step(0, img, { detections: [{ box: b, score: 0.9, classId: 1, label: 'a' }], sourcePyramid: img });
    const other = tr.step(33, img, { detections: [{ box: b, score: 0.9, classId: 2, label: 'b' }], sourcePyramid: img });
    expect(other.map((o) => [o.id, o.classId, o.source])).toEqual([
      [1, 1, 'propagated'],
      [2, 2, 'detected'],
    ]);
    const far = tr.step(66, img, { detections: [{ box: [0.6, 0.6, 0.8, 0.8], score: 0.9, classId: 1, label: 'a' }], sourcePyramid: img });
    expect(far.find((o) => o.source === 'detected')!.id).toBe(3);
  });

  it('a late detection (found on an earlier frame) is carried by flow to the delivery frame before matching', () => {
    const tr = new BoxTracker({ confirmHits: 1 });
    const p0 = buildPyramid(render([A], 0));
    tr.step(0, p0);
    for (let t = 1; t < 4; t++) tr.step(t * PTS_MS, buildPyramid(render([A], t)));
    const p4 = buildPyramid(render([A], 4));
    // Delivered at frame 4, found on frame 0: the box must land where A is at frame 4.
    const out = tr.step(4 * PTS_MS, p4, { detections: [{ box: truth(A, 0), score: 0.9, classId: 1, label: 'c1' }], sourcePyramid: p0 });
    const want = truth(A, 4);
    for (let k = 0; k < 4; k++) expect(Math.abs(out[0].box[k] - want[k]) * (k % 2 ? H : W)).toBeLessThan(1.5);
  });

  it('smoothing blends the propagated box into the detection', () => {
    const img = buildPyramid(render([], 0));
    const tr = new BoxTracker({ confirmHits: 1, smoothing: 0.5 });
    tr.step(0, img, { detections: [{ box: [0.2, 0.2, 0.4, 0.4], score: 1, classId: 1, label: 'a' }], sourcePyramid: img });
    const out = tr.step(33, img, { detections: [{ box: [0.24, 0.2, 0.44, 0.4], score: 1, classId: 1, label: 'a' }], sourcePyramid: img });
    expect(out[0].box[0]).toBeCloseTo(0.22, 2);
  });
});
