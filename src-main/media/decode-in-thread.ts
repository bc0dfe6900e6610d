// Decoding on the calling thread (decode.ts's fallback, and the body of decode-worker.ts): frames streamed out of
// ffmpeg, `-f rawvideo -pix_fmt rgb24` on stdout, one frame = width*height*3 bytes (graphFrames: one packed gray
// image per frame, graph-frames.ts), read with Node's stream
// back-pressure so at most a few frames are ever in memory. Each frame owns its ArrayBuffer (transferable).
// Timestamps: `-vf showinfo` (checksum=0: the per-plane checksums cost ffmpeg ~0.7 ms per 640×480 frame and are
// not used; the option exists since ffmpeg 4.1) logs `n:<k> … pts_time:<s>` on stderr for every frame before it reaches the
// muxer; frame k waits for that line. When showinfo has no pts (NOPTS) or stderr ends first, the time is
// derived from the probed fps (k * 1000 / fps) and the frame says so in `ptsSource`.
// Stall watchdog: ffmpeg silent on both pipes for `stallMs` while this decoder waits on it (a hostile stream or a
// decoder bug can leave it neither writing nor exiting) is killed, and the decode fails with BAD_INPUT; time the
// consumer spends holding a yielded frame does not count (ffmpeg is then blocked on the pipe by design).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { EdgeLabError, cancelledError } from '../../src-shared/protocol';
import { FRAME_BOUND_ARGS, MAX_FRAME_PIXELS, ffmpegErrorLine, openClipInput, probeClip, requireFfmpeg, type ClipProbe } from './ffmpeg';
import { toGray } from '../imaging/gray';
import { buildPyramid } from '../imaging/pyramid';
import type { DecodedFrame, DecodeOptions } from './decode-types';
import { graphFrameFilter, graphFrameLayout, unpackGraphFrame } from './graph-frames';

/** Default stall limit, ms: far above any real frame's decode time (an 8K HEVC frame decodes in < 1 s). */
export const STALL_MS = 30_000;

function outSize(p: ClipProbe, o: DecodeOptions): [number, number] {
  if (o.width && o.height) return [o.width, o.height];
  if (o.width) return [o.width, Math.max(1, Math.round((o.width * p.height) / p.width))];
  if (o.height) return [Math.max(1, Math.round((o.height * p.width) / p.height)), o.height];
  return [p.width, p.height];
}

/** Async iterator of frames on the calling thread. Breaking out of the loop or aborting `signal` kills ffmpeg and reaps it. */
export async function* decodeInThread(path: string, opts: DecodeOptions = {}): AsyncGenerator<DecodedFrame> {
  const probe = opts.probe ?? (await probeClip(path));
  if (opts.signal?.aborted) throw cancelledError();
  const gf = opts.graphFrames;
  // Graph-size frames (graph-frames.ts): one packed gray image per frame instead of RGB at the output size.
  const layout = gf ? graphFrameLayout(probe.width, probe.height, gf) : null;
  const [w, h] = layout ? [layout.detector.width, layout.detector.height] : outSize(probe, opts);
  const frameBytes = layout ? layout.width * layout.rows : w * h * 3;
  const max = opts.maxFrames && opts.maxFrames > 0 ? opts.maxFrames : 0;
  const scale = layout || (w === probe.width && h === probe.height) ? '' : `,scale=${w}:${h}:flags=bilinear`;
  const frames = max ? ['-frames:v', String(max)] : [];
  const raw = ['-vsync', 'passthrough', ...frames, '-f', 'rawvideo', '-pix_fmt', layout ? 'gray' : 'rgb24', 'pipe:1'];
  const th = opts.thumbnails;
  const thumbChain = th && `[t]scale=${th.width}:${th.height}:flags=area,format=yuvj420p[thumb]`;
  const thumbOut = th ? ['-map', '[thumb]', '-vsync', 'passthrough', ...frames, '-q:v', String(th.qscale ?? 4), '-start_number', '0', '-f', 'image2', join(th.dir, '%06d.jpg')] : [];
  const video = layout
    ? ['-filter_complex', `[0:v:0]showinfo=checksum=0${th ? ',split=2[gf_in][t]' : '[gf_in]'};${graphFrameFilter(layout, 'gf_in', 'raw')}${th ? `;${thumbChain}` : ''}`,
       '-map', '[raw]', ...raw, ...thumbOut]
    : th
      ? ['-filter_complex', `[0:v:0]showinfo=checksum=0${scale},split=2[raw][t];${thumbChain}`, '-map', '[raw]', ...raw, ...thumbOut]
      : ['-map', '0:v:0', '-vf', `showinfo=checksum=0${scale}`, ...raw];
  // The clip goes in as an inherited descriptor (name-proof, and the regular file probed is the one decoded).
  const clip = await openClipInput(path, 'pipe');
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'info', '-noautorotate', ...FRAME_BOUND_ARGS, '-i', clip.input, '-an', '-sn', ...video];
  let child: ChildProcessByStdio<null, Readable, Readable>;
  try {
    child = spawn(requireFfmpeg().path, args, { stdio: clip.stdio }) as unknown as ChildProcessByStdio<null, Readable, Readable>;
  } catch (e) {
    await clip.close();
    throw e;
  }
  // Invariant: every listener on the child is attached before this generator's first await after spawn. A child
  // that ends at once (a broken stream fails in milliseconds) emits 'close' during that await otherwise — e.g. the
  // clip's close(), which waits for one of libuv's file-system threads — and nothing would ever wake this decoder.
  if (child.pid !== undefined) opts.onSpawn?.(child.pid);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.on('error', () => {});

  // stderr: collect pts per showinfo frame number, keep a tail for error messages; a frame above MAX_FRAME_PIXELS
  // (refused by the decoder through -max_pixels: "Picture size WxH exceeds…", or seen by showinfo) ends the decode.
  const pts = new Map<number, number | null>();
  let oversized: string | undefined;
  let stderrTail = '';
  let stderrDone = false;
  let partial = '';
  let wake: (() => void) | null = null;
  const notify = () => {
    const f = wake;
    wake = null;
    f?.();
  };
  // Watchdog: `lastHeard` is reset by any byte from ffmpeg and when the consumer asks for the next frame.
  const stallMs = opts.stallMs ?? STALL_MS;
  let lastHeard = performance.now();
  let holding = false;
  let stalled = false;
  const watchdog = setInterval(() => {
    if (holding || stalled || performance.now() - lastHeard < stallMs) return;
    stalled = true;
    kill();
    // Also close our ends of the pipes and wake a waiting ptsFor: nothing below may wait on ffmpeg again.
    child.stdout.destroy();
    child.stderr.destroy();
    stderrDone = true;
    notify();
  }, Math.min(1000, Math.max(10, stallMs / 4)));
  watchdog.unref();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    lastHeard = performance.now();
    stderrTail = (stderrTail + d).slice(-8000);
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      const big = /Picture size (\d+)x(\d+) (?:is invalid|exceeds)/.exec(l) ?? /showinfo.*\bs:(\d+)x(\d+)/.exec(l);
      if (big && !oversized && (+big[1] * +big[2] > MAX_FRAME_PIXELS || /invalid|exceeds/.test(big[0]))) {
        oversized = `a frame of ${big[1]}×${big[2]} after frame ${pts.size}`;
        kill();
      }
      const m = /showinfo.*\bn:\s*(\d+)\s+pts:\s*\S+\s+pts_time:(\S+)/.exec(l);
      if (m) {
        const t = parseFloat(m[2]);
        pts.set(+m[1], Number.isFinite(t) ? t * 1000 : null);
      }
    }
    notify();
  });
  child.stderr.on('end', () => {
    stderrDone = true;
    notify();
  });
  async function ptsFor(k: number): Promise<[number, 'showinfo' | 'fps']> {
    while (!pts.has(k) && !stderrDone) await new Promise<void>((r) => (wake = r));
    const t = pts.get(k);
    pts.delete(k);
    if (t !== undefined && t !== null) return [t, 'showinfo'];
    return [probe.fps > 0 ? (k * 1000) / probe.fps : 0, 'fps'];
  }

  const stalledError = () =>
    new EdgeLabError('BAD_INPUT', `ffmpeg wrote nothing for ${Math.round(stallMs / 1000)} s after frame ${index} and was stopped (a stream it cannot get through)`, path);
  const oversizedError = () =>
    new EdgeLabError('BAD_INPUT', `${oversized} is above the ${Math.sqrt(MAX_FRAME_PIXELS)}×${Math.sqrt(MAX_FRAME_PIXELS)} pixel limit (corrupt or hostile stream; the probe said ${probe.width}×${probe.height})`, path);
  let killedByUs = false;
  function kill() {
    if (child.exitCode === null && child.signalCode === null) {
      killedByUs = true;
      child.kill('SIGKILL');
    }
  }
  const onAbort = () => kill();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  let index = 0;
  let buf = new Uint8Array(frameBytes);
  let fill = 0;
  try {
    await clip.close(); // the child holds its own copy of the descriptor (every listener above is attached)
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      lastHeard = performance.now();
      let off = 0;
      while (off < chunk.length) {
        const n = Math.min(frameBytes - fill, chunk.length - off);
        buf.set(chunk.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === frameBytes) {
          if (opts.signal?.aborted) throw cancelledError();
          if (oversized) throw oversizedError();
          const [ptsMs, ptsSource] = await ptsFor(index);
          let frame: DecodedFrame;
          if (layout && gf) {
            // The packed buffer is reused; the frame gets fresh arrays of its own (transferable).
            const { rgb, gray } = unpackGraphFrame(buf, layout);
            const stretchedFrom = { width: probe.width, height: probe.height };
            frame = { index, ptsMs, ptsSource, width: w, height: h, rgb, flow: { maxSide: gf.flowMaxSide, pyramid: buildPyramid(gray) }, stretchedFrom };
          } else {
            const fp = opts.flowPyramid;
            const flow = fp && { maxSide: fp.maxSide, pyramid: buildPyramid(toGray(buf, w, h, fp.maxSide)) };
            frame = { index, ptsMs, ptsSource, width: w, height: h, rgb: buf, ...(flow ? { flow } : {}) };
          }
          holding = true;
          yield frame;
          holding = false;
          lastHeard = performance.now();
          index++;
          if (!layout) buf = new Uint8Array(frameBytes);
          fill = 0;
        }
      }
    }
    if (opts.signal?.aborted) throw cancelledError();
    const code = await exited;
    if (opts.signal?.aborted) throw cancelledError();
    if (oversized) throw oversizedError();
    if (stalled) throw stalledError();
    if (code !== 0 && !killedByUs) {
      const why = ffmpegErrorLine(stderrTail);
      throw new EdgeLabError('BAD_INPUT', index === 0 ? `could not decode any frame (${why})` : `could not decode past frame ${index} (${why})`, path);
    }
    if (index === 0) throw new EdgeLabError('BAD_INPUT', 'could not decode: the clip has zero video frames', path);
  } catch (e) {
    if (stalled && !(e instanceof EdgeLabError)) throw stalledError();
    throw e;
  } finally {
    clearInterval(watchdog);
    opts.signal?.removeEventListener('abort', onAbort);
    kill();
    await exited;
  }
}
