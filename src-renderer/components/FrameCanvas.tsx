// One frame of a run on a canvas: the stored thumbnail (from the shared decoded-frame cache) scaled to
// width×height, then the boxes and the guide. data-painted-frame names the frame whose picture and boxes are
// on the canvas (set after painting; the seek benchmark and e2e tests wait on it); data-boxes counts the boxes.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { getApi } from '../api/host';
import { drawBoxes, drawGuide, type DrawBox } from '../lib/drawBoxes';
import { FrameCache, decodeWithImageBitmap, type DecodedFrame } from '../lib/frameCache';
import { errorText } from '../lib/format';

let shared: FrameCache | null = null;
/** The page's frame cache over getFrame. */
export function sharedFrameCache(): FrameCache {
  shared ??= new FrameCache((run, frame) => getApi().getFrame({ run, frame }), decodeWithImageBitmap);
  return shared;
}

export interface FrameCanvasProps {
  runId: string;
  frame: number;
  boxes: readonly DrawBox[];
  /** Canvas pixel size (the clip's frame size, long side capped by the caller). */
  width: number;
  height: number;
  guide?: string | null;
  cache?: FrameCache;
  label?: string;
  testId?: string;
}

export function FrameCanvas({ runId, frame, boxes, width, height, guide, cache = sharedFrameCache(), label, testId = 'frame-canvas' }: FrameCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<{ key: string; frame: DecodedFrame } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${runId}#${frame}`;
  const ready = image?.key === key ? image.frame : cache.peek(runId, frame);

  useEffect(() => {
    if (cache.has(runId, frame)) return;
    let live = true;
    cache.get(runId, frame).then(
      (f) => live && setImage({ key, frame: f }),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [cache, runId, frame, key]);

  useLayoutEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !ready) return;
    ctx.drawImage(ready.image, 0, 0, width, height);
    drawBoxes(ctx, boxes, { width, height });
    if (guide) drawGuide(ctx, guide, width, height);
    c.dataset.paintedFrame = String(frame);
    c.dataset.boxes = String(boxes.length);
    setError(null);
  }, [ready, boxes, guide, width, height, frame]);

  return (
    <figure className="frame-canvas">
      {label && <figcaption>{label}</figcaption>}
      <canvas ref={ref} width={width} height={height} data-testid={testId} aria-label={`${label ?? 'run'} frame ${frame}`} />
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </figure>
  );
}
