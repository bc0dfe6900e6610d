// A real face clip for face-detector tests, made by our own script from a packaged image: the bundled clips show
// no face (cup.mp4 is a hand and a cup). Source image: tests/fixtures/images/astronaut.png (public domain, NASA,
// via Debian python3-skimage). The clip pans a 320×320 window over the portrait at 10 fps for 4 s (40 frames),
// H.264, so it goes through the same decode path as a recorded camera clip. Cached in the OS temp dir by content.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { requireFfmpeg } from '../../src-main/media/ffmpeg';

export const ASTRONAUT = join(process.cwd(), 'tests/fixtures/images/astronaut.png');
export const FACE_CLIP_FRAMES = 40;

const FILTER = "crop=320:320:x='96+40*sin(t*1.3)':y='16+24*sin(t*0.9)',format=yuv420p";

export async function faceClip(): Promise<string> {
  const key = createHash('sha256').update(readFileSync(ASTRONAUT)).update(FILTER).digest('hex').slice(0, 12);
  const out = join(tmpdir(), `edgelab-face-${key}.mp4`);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.tmp.mp4`;
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-framerate', '10', '-i', ASTRONAUT,
    '-vf', FILTER, '-frames:v', String(FACE_CLIP_FRAMES), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', tmp];
  const r = spawnSync(requireFfmpeg().path, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    await rm(tmp, { force: true });
    throw new Error(`could not make the face clip: ${r.stderr}`);
  }
  await rename(tmp, out);
  return out;
}
