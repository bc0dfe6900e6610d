// Playback over a run's frame times: play advances the frame on the clip's own clock (frame = newest whose
// ptsMs ≤ start pts + elapsed wall ms), step/seek clamp to [0, last]. Frames not yet decoded are simply
// skipped over by the canvas (it paints the newest decoded picture it has been asked for).
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Player {
  frame: number;
  playing: boolean;
  seek(frame: number): void;
  step(delta: number): void;
  toggle(): void;
  pause(): void;
}

export function usePlayer(ptsMs: readonly number[], initial = 0): Player {
  const last = Math.max(0, ptsMs.length - 1);
  const [frame, setFrame] = useState(() => Math.min(initial, last));
  const [playing, setPlaying] = useState(false);
  const frameRef = useRef(frame);
  frameRef.current = frame;

  const seek = useCallback((f: number) => setFrame(Math.min(last, Math.max(0, Math.round(f)))), [last]);
  const step = useCallback((d: number) => {
    setPlaying(false);
    setFrame((f) => Math.min(last, Math.max(0, f + d)));
  }, [last]);
  const toggle = useCallback(() => setPlaying((p) => !p), []);
  const pause = useCallback(() => setPlaying(false), []);

  useEffect(() => {
    if (frame > last) setFrame(last);
  }, [frame, last]);

  useEffect(() => {
    if (!playing || ptsMs.length === 0) return;
    let start = frameRef.current >= last ? 0 : frameRef.current;
    setFrame(start);
    const t0 = performance.now();
    const pts0 = ptsMs[start]!;
    let raf = 0;
    const tick = () => {
      const target = pts0 + (performance.now() - t0);
      while (start < last && ptsMs[start + 1]! <= target) start++;
      setFrame(start);
      if (start >= last) setPlaying(false);
      else raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, ptsMs, last]);

  return { frame, playing, seek, step, toggle, pause };
}
