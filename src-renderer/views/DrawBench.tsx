// Bench route `#/bench-draw?frames=240&boxes=50` (not in the nav; driven by `npm run bench:ui`). Per frame, as the
// replay views do (components/FrameCanvas.tsx): the overlay layer — a transparent 1280×720 canvas over the
// picture — is cleared and 50 moving, labelled boxes (half dashed, labels changing every frame) are drawn with
// drawBoxes; the picture layer gets a real run thumbnail at its stored size (stretched by CSS). Each layer's
// time ends with a 1-pixel getImageData so that the canvas has really rasterised, not just queued, the commands.
// Timings go to [data-testid=draw-bench] as JSON.
import { useEffect, useRef, useState } from 'react';
import { mulberry32 } from '../../src-shared/random';
import type { Box } from '../../src-shared/formats/run';
import { sharedFrameCache } from '../components/FrameCanvas';
import { useAppData } from '../data/AppData';
import { drawBoxes, type DrawBox } from '../lib/drawBoxes';
import { BASELINE_COLOUR, VARIANT_COLOUR } from '../lib/runColours';
import { useNav } from '../nav';

const W = 1280;
const H = 720;

function summary(xs: number[]): { mean: number; p50: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), p50: at(0.5), p95: at(0.95) };
}

export function DrawBench() {
  const pictureRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const { runs } = useAppData();
  const { params } = useNav().route;
  const [out, setOut] = useState<string>('');
  const frames = Math.max(10, Number(params.frames ?? 240) || 240);
  const nBoxes = Math.max(1, Number(params.boxes ?? 50) || 50);
  const run = runs[0];

  useEffect(() => {
    const octx = overlayRef.current?.getContext('2d');
    const pic = pictureRef.current;
    const pctx = pic?.getContext('2d');
    if (!octx || !pic || !pctx || !run) return;
    let live = true;
    void (async () => {
      const cache = sharedFrameCache();
      const n = Math.min(run.frames, 30);
      const pics = await Promise.all(Array.from({ length: n }, (_, i) => cache.get(run.id, i)));
      pic.width = pics[0]!.width;
      pic.height = pics[0]!.height;
      const r = mulberry32(1);
      const seeds = Array.from({ length: nBoxes }, () => ({ x: r() * 0.8, y: 0.05 + r() * 0.75, w: 0.05 + r() * 0.15, h: 0.05 + r() * 0.15, v: r() * 0.01, d: r() < 0.5 }));
      const overlay: number[] = [];
      const picture: number[] = [];
      for (let i = 0; i < frames && live; i++) {
        const boxes: DrawBox[] = seeds.map((s, k) => {
          const x = (s.x + i * s.v) % 0.8;
          const box: Box = [x, s.y, x + s.w, s.y + s.h];
          return { box, colour: k % 2 ? BASELINE_COLOUR : VARIANT_COLOUR, dashed: s.d, text: `person ${(0.5 + ((k * 7 + i) % 50) / 100).toFixed(2)} #${k}` };
        });
        const t0 = performance.now();
        pctx.drawImage(pics[i % n]!.image, 0, 0);
        pctx.getImageData(0, 0, 1, 1);
        const t1 = performance.now();
        octx.clearRect(0, 0, W, H);
        drawBoxes(octx, boxes, { width: W, height: H });
        octx.getImageData(0, 0, 1, 1);
        const t2 = performance.now();
        picture.push(t1 - t0);
        overlay.push(t2 - t1);
        if (i % 20 === 19) await new Promise((res) => setTimeout(res, 0)); // let the page breathe
      }
      const o = summary(overlay);
      const p = summary(picture);
      const both = summary(overlay.map((x, i) => x + picture[i]!));
      if (live)
        setOut(
          JSON.stringify({
            frames: overlay.length,
            boxes: nBoxes,
            width: W,
            height: H,
            drawMsPerFrame: o.mean,
            drawP50Ms: o.p50,
            drawP95Ms: o.p95,
            pictureMsPerFrame: p.mean,
            pictureSize: `${pic.width}x${pic.height}`,
            frameMsPerFrame: both.mean,
            frameP95Ms: both.p95,
          }),
        );
    })().catch((e: unknown) => live && setOut(JSON.stringify({ error: String(e) })));
    return () => {
      live = false;
    };
  }, [run, frames, nBoxes]);

  return (
    <section>
      <h2>Draw benchmark</h2>
      {!run && <p>No runs in this workspace: the benchmark draws over a run's thumbnail; replay a clip first.</p>}
      <div className="frame-layers" style={{ aspectRatio: `${W} / ${H}`, maxWidth: 640 }}>
        <canvas ref={pictureRef} />
        <canvas ref={overlayRef} width={W} height={H} />
      </div>
      <pre data-testid="draw-bench">{out}</pre>
    </section>
  );
}
