// One frame of a run in two stacked canvases: the picture (the stored thumbnail at its own size, stretched by
// CSS) and the overlay (boxes and guide at width×height, transparent, redrawn alone when only the boxes change).
// The overlay canvas carries data-painted-frame = the frame whose picture and boxes are on screen (set after
// painting; the seek benchmark and e2e tests wait on it), data-boxes = the number of boxes drawn and
// data-highlighted = how many of them are highlighted.
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
  /** Overlay pixel size (the clip's frame size, long side capped by the caller). */
  width: number;
  height: number;
  guide?: string | null;
  cache?: FrameCache;
  label?: string;
  testId?: string;
}

export function FrameCanvas({ runId, frame, boxes, width, height, guide, cache = sharedFrameCache(), label, testId = 'frame-canvas' }: FrameCanvasProps) {
  const pictureRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const shownRef = useRef<DecodedFrame | null>(null);
  const [loaded, setLoaded] = useState<{ key: string; frame: DecodedFrame } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${runId}#${frame}`;
  const ready = loaded?.key === key ? loaded.frame : cache.peek(runId, frame);

  useEffect(() => {
    if (cache.has(runId, frame)) return;
    let live = true;
    cache.get(runId, frame).then(
      (f) => live && setLoaded({ key, frame: f }),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [cache, runId, frame, key]);

  // Picture: only when the decoded frame changes.
  useLayoutEffect(() => {
    const c = pictureRef.current;
    if (!c || !ready || shownRef.current === ready) return;
    if (c.width !== ready.width || c.height !== ready.height) {
      c.width = ready.width;
      c.height = ready.height;
    }
    c.getContext('2d')?.drawImage(ready.image, 0, 0);
    shownRef.current = ready;
  }, [ready]);

  // Overlay: whenever the boxes or the frame change, once this frame's picture is there.
  useLayoutEffect(() => {
    const c = overlayRef.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !ready) return;
    ctx.clearRect(0, 0, width, height);
    drawBoxes(ctx, boxes, { width, height });
    if (guide) drawGuide(ctx, guide, width, height);
    c.dataset.paintedFrame = String(frame);
    c.dataset.boxes = String(boxes.length);
    c.dataset.highlighted = String(boxes.filter((b) => b.highlight).length);
    setError(null);
  }, [ready, boxes, guide, width, height, frame]);

  return (
    <figure className="frame-canvas" style={{ ['--aspect' as string]: String(width / height) }}>
      {label && <figcaption>{label}</figcaption>}
      <div className="frame-layers" style={{ aspectRatio: `${width} / ${height}` }}>
        <canvas ref={pictureRef} className="picture" aria-hidden="true" />
        <canvas ref={overlayRef} width={width} height={height} data-testid={testId} aria-label={`${label ?? 'run'} frame ${frame}`} />
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </figure>
  );
}
