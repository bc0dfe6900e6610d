// Locating ffmpeg and probing clips. The npm package ships ffmpeg but no ffprobe, so `probeClip` parses the
// human-readable stream summary ffmpeg prints on stderr for `ffmpeg -i <file>` (stable since ffmpeg 2.x:
// "Input #0, <demuxer>, from '…'", "Duration: HH:MM:SS.cc", "Stream #0:N…: Video: <codec> …, WxH …, F fps").
// Name-proof (issue 21 item 9): the clip is opened here and handed to ffmpeg as an inherited descriptor
// (/proc/self/fd/3 on Linux), so the summary never echoes the file's NAME (a name can hold "Stream #0:0: Video:
// mjpeg, 64x64"); stream lines are matched only at a line start (metadata continuation lines start with ": ").
// Every decoded frame is bounded too: `-max_pixels` makes the decoder refuse a frame above MAX_FRAME_PIXELS
// (a clip may declare 320×240 and carry a 12000² frame later), see decode-in-thread.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { openRegularFile } from '../workspace/regular-file';

export interface FfmpegInfo {
  path: string;
  version: string;
}

export interface ClipProbe {
  /** Frame size of the first video stream, pixels (before any rotation metadata; decode uses -noautorotate). */
  width: number;
  height: number;
  /** Frames per second as printed by ffmpeg (2 decimals). */
  fps: number;
  durationMs: number;
  codec: string;
  /** Demuxer name, e.g. 'mov,mp4,m4a,3gp,3g2,mj2', 'avi'. */
  container: string;
  /** round(duration × fps); the true count may differ by a frame or two. */
  frameCountEstimate: number;
}

/**
 * Largest frame EdgeLab decodes, pixels (8192 × 8192 = 64 Mpx, 192 MiB of RGB): above every phone camera (8K video is
 * 33 Mpx); a header declaring more is hostile or corrupt, and decoding it would exhaust memory.
 */
export const MAX_FRAME_PIXELS = 8192 * 8192;

/** Demuxers/codecs that turn arbitrary bytes (text) into a picture: never a clip for EdgeLab. */
const NOT_CLIPS = new Set(['tty', 'ansi', 'bintext', 'xbin', 'idf']);

function versionOf(path: string): string | null {
  try {
    const r = spawnSync(path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 10_000 });
    if (r.status !== 0) return null;
    const m = /ffmpeg version (\S+)/.exec(r.stdout);
    return m ? m[1] : 'unknown';
  } catch {
    return null;
  }
}

function bundledFfmpeg(): string | null {
  try {
    const req = createRequire(import.meta.url);
    const p = join(dirname(req.resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg');
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

let cached: FfmpegInfo | null | undefined;

/** EDGELAB_FFMPEG, then @ffmpeg-installer/linux-x64's binary, then `ffmpeg` on PATH; null when none runs. */
export function findFfmpeg(): FfmpegInfo | null {
  const env = process.env.EDGELAB_FFMPEG;
  if (env) {
    const v = versionOf(env);
    if (v) return { path: env, version: v };
  }
  if (cached !== undefined) return cached;
  cached = null;
  for (const p of [bundledFfmpeg(), 'ffmpeg']) {
    if (!p) continue;
    const v = versionOf(p);
    if (v) {
      cached = { path: p, version: v };
      break;
    }
  }
  return cached;
}

export function requireFfmpeg(): FfmpegInfo {
  const f = findFfmpeg();
  if (!f) throw new EdgeLabError('UNSUPPORTED', 'ffmpeg not found (set EDGELAB_FFMPEG or install ffmpeg)');
  return f;
}

/** The last line of ffmpeg's stderr that reads like an error, for messages. */
export function ffmpegErrorLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const bad = lines.filter((l) => /error|invalid|not found|could not|cannot|unable|no such|moov atom|EOF/i.test(l));
  const l = bad.find((x) => !/At least one output file/.test(x)) ?? lines[lines.length - 1] ?? 'unknown error';
  return l.replace(/^\[[^\]]+\]\s*/, '').replace(/\/proc\/self\/fd\/3: ?/g, '').slice(0, 200);
}

/** Parses `ffmpeg -i` stderr. Pure; throws BAD_INPUT naming `file` when there is no usable video stream. */
export function parseProbe(stderr: string, file: string): ClipProbe {
  const input = /Input #0, ([^,]+(?:,[^ ,]+)*), from /.exec(stderr);
  if (!input) throw new EdgeLabError('BAD_INPUT', `not a media file ffmpeg can read (${ffmpegErrorLine(stderr)})`, file);
  const container = input[1];
  const video = /^ {2,}Stream #0:\d+[^:\n]*: Video: ([^\s,]+)(.*)/m.exec(stderr);
  if (!video) throw new EdgeLabError('BAD_INPUT', 'no video stream', file);
  const codec = video[1];
  if (NOT_CLIPS.has(container.split(',')[0]) || NOT_CLIPS.has(codec)) {
    throw new EdgeLabError('BAD_INPUT', 'not a video clip (ffmpeg reads it as text rendered to a picture)', file);
  }
  const size = /\b(\d{2,5})x(\d{2,5})\b/.exec(video[2]);
  if (!size) throw new EdgeLabError('BAD_INPUT', 'video stream has no frame size', file);
  if (+size[1] * +size[2] > MAX_FRAME_PIXELS || +size[1] === 0 || +size[2] === 0) {
    throw new EdgeLabError('BAD_INPUT', `frame size ${size[1]}×${size[2]} is outside 1..${MAX_FRAME_PIXELS} pixels (corrupt header or not a camera clip)`, file);
  }
  const fpsM = /([\d.]+)(k?) fps/.exec(video[2]) ?? /([\d.]+)(k?) tbr/.exec(video[2]);
  const fps = fpsM ? parseFloat(fpsM[1]) * (fpsM[2] ? 1000 : 1) : 0;
  const dur = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  const durationMs = dur ? Math.round((+dur[1] * 3600 + +dur[2] * 60 + parseFloat(dur[3])) * 1000) : 0;
  return {
    width: +size[1],
    height: +size[2],
    fps,
    durationMs,
    codec,
    container,
    frameCountEstimate: Math.round((durationMs / 1000) * fps),
  };
}

/** Decoder options bounding every frame's size (pixels); goes before `-i`. */
export const FRAME_BOUND_ARGS = ['-max_pixels', String(MAX_FRAME_PIXELS)];

/** A probe that has not finished after this long is refused (a hostile container can make ffmpeg read forever). */
export const PROBE_TIMEOUT_MS = 15_000;

/** The clip opened for ffmpeg: `input` is what goes after `-i`, `stdio` the spawn's stdio (fd 3 = the clip). */
export interface ClipInput {
  input: string;
  stdio: ['ignore', 'ignore' | 'pipe', 'pipe', number] | ['ignore', 'ignore' | 'pipe', 'pipe'];
  size: number;
  close(): Promise<void>;
}

/** Opens `path` (a regular file, else BAD_INPUT) for ffmpeg without its name on ffmpeg's command line (Linux). */
export async function openClipInput(path: string, stdout: 'ignore' | 'pipe'): Promise<ClipInput> {
  const { fh, size } = await openRegularFile(path, 'clip').catch((e: unknown) => {
    if (e instanceof EdgeLabError && e.code === 'NOT_FOUND') throw new EdgeLabError('BAD_INPUT', 'clip file does not exist', path);
    throw e;
  });
  const close = () => fh.close();
  if (process.platform === 'linux') return { input: '/proc/self/fd/3', stdio: ['ignore', stdout, 'pipe', fh.fd], size, close };
  return { input: `file:${path}`, stdio: ['ignore', stdout, 'pipe'], size, close };
}

/** Stream summary of `path` via `ffmpeg -i`. BAD_INPUT naming the file for missing/empty/non-video files. */
export async function probeClip(path: string): Promise<ClipProbe> {
  const clip = await openClipInput(path, 'ignore');
  try {
    if (clip.size === 0) throw new EdgeLabError('BAD_INPUT', 'clip file is empty (0 bytes)', path);
    const ff = requireFfmpeg();
    const stderr = await new Promise<string>((resolve, reject) => {
      const p = spawn(ff.path, ['-hide_banner', '-nostdin', ...FRAME_BOUND_ARGS, '-i', clip.input], { stdio: clip.stdio });
      const timer = setTimeout(() => {
        p.kill('SIGKILL');
        reject(new EdgeLabError('BAD_INPUT', `ffmpeg could not read the clip's streams within ${PROBE_TIMEOUT_MS / 1000} s`, path));
      }, PROBE_TIMEOUT_MS);
      let err = '';
      p.stderr!.setEncoding('utf8');
      p.stderr!.on('data', (d: string) => {
        if (err.length < 256_000) err += d;
      });
      p.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      p.on('close', () => {
        clearTimeout(timer);
        resolve(err);
      });
    });
    return parseProbe(stderr, path);
  } finally {
    await clip.close();
  }
}
